"""A very well-connected person's detail shows the most trusted relationships, with totals."""

from __future__ import annotations

import pytest

from knoten.core.models import Member
from knoten.journal.models import Project, ProjectRole
from knoten.people import services
from knoten.people.models import Person, Relationship


def test_the_detail_caps_relationships_and_projects_but_counts_them_all(
    member: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "RELATIONSHIP_CAP", 5)
    monkeypatch.setattr(services, "DETAIL_LIST_CAP", 3)
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

    data = services.person_detail(member, "me")

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
    data = services.person_detail(member, "me")
    assert data["relationships_total"] == len(data["relationships"]) == 1
    assert data["projects_total"] == len(data["projects"]) == 0
