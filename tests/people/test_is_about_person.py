"""Whose a row is: people.lookup.is_about_person, which a person's page asks before it
changes a row from that person's page; and an affiliation's default kind."""

from __future__ import annotations

from knoten.core.models import Member
from knoten.journal.models import ProjectRole, Promise
from knoten.journal.projects import add_project, set_project_role
from knoten.journal.promises import add_promise
from knoten.people import affiliations
from knoten.people.contacts import add_contact
from knoten.people.lookup import is_about_person
from knoten.people.models import ContactPoint, Organisation, Relationship
from knoten.people.persons import add_person
from knoten.people.relationships import relate


def test_a_row_is_about_the_person_its_links_name(alice: Member, bob: Member) -> None:
    anna = add_person(alice, "Anna Schmidt")
    ben = add_person(alice, "Ben Berg")
    point = add_contact(alice, anna, "email", "anna@example.org")
    edge = relate(alice, anna, ben, "friend")
    promise = add_promise(alice, ben, "Send the slides")
    assert is_about_person(alice, ContactPoint, anna, pk=point.pk)
    assert not is_about_person(alice, ContactPoint, ben, pk=point.pk)
    # Either end of a relationship; the debtor or creditor of a promise (me and Ben).
    assert is_about_person(alice, Relationship, anna, pk=edge.pk)
    assert is_about_person(alice, Relationship, ben, pk=edge.pk)
    assert is_about_person(alice, Promise, ben, pk=promise.pk)
    assert not is_about_person(alice, Promise, anna, pk=promise.pk)
    # Another network's member, an id that is none, a model without links: never.
    assert not is_about_person(bob, ContactPoint, anna, pk=point.pk)
    assert not is_about_person(alice, ContactPoint, anna, pk=2**63)
    assert not is_about_person(alice, ContactPoint, anna, pk="1 OR 1=1")
    assert not is_about_person(alice, ContactPoint, anna)
    assert not is_about_person(alice, Organisation, anna, pk=1)


def test_a_role_in_a_project_goes_by_the_project(alice: Member) -> None:
    anna = add_person(alice, "Anna Schmidt")
    ben = add_person(alice, "Ben Berg")
    project = add_project(alice, "Relaunch")
    set_project_role(alice, project.pk, anna, "lead")
    assert is_about_person(alice, ProjectRole, anna, project_id=project.pk)
    assert not is_about_person(alice, ProjectRole, ben, project_id=project.pk)


def test_an_affiliation_without_a_kind_is_a_job(alice: Member) -> None:
    anna = add_person(alice, "Anna Schmidt")
    affiliation = affiliations.add_affiliation(alice, anna, "ACME GmbH")
    assert affiliation.kind == affiliations.DEFAULT_KIND == "job"
