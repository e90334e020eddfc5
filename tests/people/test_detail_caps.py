"""A very well-connected person's detail shows the most trusted relationships, with totals."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core.models import Member
from knoten.journal.models import Project, ProjectRole
from knoten.people import affiliations, organisations, persons
from knoten.people.models import Person, Relationship
from knoten.profiles import organisation as organisation_page
from knoten.profiles import person as person_page
from tests.conftest import CliResult


def test_the_detail_caps_relationships_and_projects_but_counts_them_all(
    member: Member, set_cap: Callable[[object, str, int], None]
) -> None:
    set_cap(person_page, "RELATIONSHIP_CAP", 5)
    set_cap(person_page, "DETAIL_LIST_CAP", 3)
    me = member.me
    network = member.network
    contacts = Person.objects.bulk_create(
        [Person(network=network, given_name=f"P{i}", family_name="Zed") for i in range(8)]
    )
    for i, contact in enumerate(contacts):
        Relationship.objects.create(
            network=network,
            from_person=me,
            to_person=contact,
            kind="friend",
            trust=(i % 5) + 1 if i < 7 else None,
        )
    spouse = Person.objects.create(network=network, given_name="Sam", family_name="Zed")
    Relationship.objects.create(network=network, from_person=me, to_person=spouse, kind="spouse")
    for i in range(4):
        project = Project.objects.create(network=network, name=f"Projekt {i}")
        ProjectRole.objects.create(network=network, project=project, person=me)

    data = person_page.person_detail(member, "me")

    assert data["relationships_total"] == 8
    assert len(data["relationships"]) == 5
    # Trusts are 1, 2, 3, 4, 5, 1, 2 and one unknown: the five most trusted are kept.
    assert sorted((r["trust"] for r in data["relationships"]), reverse=True) == [5, 4, 3, 2, 2]
    assert [r["person"]["name"] for r in data["family"]] == ["Sam Zed"]
    assert data["projects_total"] == 4
    assert len(data["projects"]) == 3


def test_a_small_detail_reports_totals_equal_to_what_it_shows(member: Member) -> None:
    other = Person.objects.create(network=member.network, given_name="Ada", family_name="Ohm")
    Relationship.objects.create(
        network=member.network, from_person=member.me, to_person=other, kind="colleague"
    )
    data = person_page.person_detail(member, "me")
    assert data["relationships_total"] == len(data["relationships"]) == 1
    assert data["projects_total"] == len(data["projects"]) == 0


def test_an_organisation_shows_the_latest_people_and_counts_them_all(
    member: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.test import Client

    monkeypatch.setattr(organisation_page, "ORGANISATION_PEOPLE_CAP", 3)
    org = organisations.add_organisation(member, "Großkonzern AG")
    for year in range(2010, 2015):
        person = persons.add_person(member, f"Neu{year} Zed")
        affiliations.add_affiliation(member, person, org, "job", start=str(year))
    for year in range(2000, 2004):
        person = persons.add_person(member, f"Alt{year} Zed")
        affiliations.add_affiliation(member, person, org, "job", start="1990", end=str(year))
    both = persons.add_person(member, "Beide Zed")
    affiliations.add_affiliation(member, both, org, "job", start="2015")
    affiliations.add_affiliation(member, both, org, "function", title="Betriebsrat", start="2016")

    data = organisation_page.organisation_detail(member, org)

    # the three who joined last, jobs before functions
    assert [(a["person"]["name"], a["kind"]) for a in data["current"]] == [
        ("Beide Zed", "job"),
        ("Neu2014 Zed", "job"),
        ("Beide Zed", "function"),
    ]
    assert data["current_total"] == 7
    assert data["current_people"] == 6  # "Beide" holds two affiliations there
    assert [a["person"]["name"] for a in data["former"]] == [
        "Alt2003 Zed",
        "Alt2002 Zed",
        "Alt2001 Zed",
    ]
    assert data["former_total"] == 4

    client = Client()
    client.force_login(member.user)
    page = client.get(f"/organisations/{org.pk}/").content.decode()
    assert "The 3 who joined last of 7." in page
    assert "All 7 there now" in page and "?org=Gro%C3%9Fkonzern%20AG" in page
    assert "The 3 who left last of 4." in page
    assert "Neu2010 Zed" not in page and "Alt2000 Zed" not in page


def test_a_small_organisation_shows_everyone_without_counting_again(member: Member) -> None:
    org = organisations.add_organisation(member, "Klein GmbH")
    person = persons.add_person(member, "Eine Zed")
    affiliations.add_affiliation(member, person, org, "job", start="2020")
    data = organisation_page.organisation_detail(member, org)
    assert data["current_total"] == 1 and data["former_total"] == 0
    assert data["current_people"] == 1


def test_org_show_says_how_many_it_leaves_out(
    cli: Callable[..., CliResult], member: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(organisation_page, "ORGANISATION_PEOPLE_CAP", 2)
    org = organisations.add_organisation(member, "Mittel KG")
    for n in range(3):
        person = persons.add_person(member, f"Person{n} Zed")
        affiliations.add_affiliation(member, person, org, "job", start=f"201{n}")
    shown = cli("org", "show", "Mittel KG")
    assert shown.exit_code == 0, shown.stderr
    assert "… the latest 2 of 3 (knoten person list --org ORG lists them all)" in shown.stdout
    assert "Person0 Zed" not in shown.stdout
