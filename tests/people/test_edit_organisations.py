"""Editing and deleting organisations and affiliations, as domain functions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.people import affiliations, organisations, persons
from knoten.people.models import Affiliation, Organisation, Person
from knoten.search.query import search

Rows = Callable[[], dict[str, int]]


def _found(actor: Member, query: str) -> set[int | None]:
    return {hit.person_id for hit in search(actor, query, kinds=["person"])}


def test_edit_organisation_changes_what_is_given_and_reindexes(alice: Member) -> None:
    org = organisations.add_organisation(
        alice, "ACME GmbH", industry="Maschinen", website="acme.de"
    )
    anna = persons.add_person(alice, "Anna Schmidt", persons.PersonFields(org="ACME GmbH"))
    edited = organisations.edit_organisation(alice, org.pk, name=" Acme  Cloud AG ", kind="Verein")
    edited.refresh_from_db()
    assert (edited.name, edited.kind, edited.industry, edited.website) == (
        "Acme Cloud AG",
        "club",
        "Maschinen",
        "https://acme.de",
    )
    assert anna.pk in _found(alice, "cloud")
    assert {hit.organisation_id for hit in search(alice, "cloud", kinds=["organisation"])} == {
        org.pk
    }

    organisations.edit_organisation(alice, org, industry="", website="", note="  Kunde  ")
    org.refresh_from_db()
    assert (org.industry, org.website, org.notes) == ("", "", "Kunde")
    # A change of case is no clash with itself.
    assert organisations.edit_organisation(alice, org, name="ACME Cloud AG").name == "ACME Cloud AG"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "beta gmbh"}, "name"),
        ({"kind": "Raumschiff", "name": "Neu"}, "kind"),
        ({"website": "kein web", "industry": "X"}, "website"),
    ],
)
def test_a_bad_organisation_edit_names_the_field_and_changes_nothing(
    alice: Member, rows: Rows, changes: dict[str, str], field: str
) -> None:
    org = organisations.add_organisation(alice, "ACME GmbH")
    organisations.add_organisation(alice, "Beta GmbH")
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        organisations.edit_organisation(alice, org.pk, **changes)
    assert caught.value.field == field
    assert rows() == before
    fresh = Organisation.objects.get(pk=org.pk)
    assert (fresh.name, fresh.kind, fresh.industry) == ("ACME GmbH", "company", "")


def test_delete_organisation_keeps_the_people_and_drops_their_affiliations(
    alice: Member,
) -> None:
    anna = persons.add_person(alice, "Anna Schmidt", persons.PersonFields(org="ACME", title="CTO"))
    other = organisations.add_organisation(alice, "Beta")
    affiliations.add_affiliation(alice, anna, other, "membership")
    acme = Organisation.objects.get(name="ACME")
    assert anna.pk in _found(alice, "acme")
    organisations.delete_organisation(alice, acme.pk)
    assert not Organisation.objects.filter(pk=acme.pk).exists()
    assert Person.objects.filter(pk=anna.pk).exists()
    assert list(Affiliation.objects.values_list("organisation_id", flat=True)) == [other.pk]
    assert anna.pk not in _found(alice, "acme")


def test_another_networks_organisation_is_not_found(alice: Member, bob: Member) -> None:
    org = organisations.add_organisation(alice, "ACME")
    with pytest.raises(NotFound):
        organisations.edit_organisation(bob, org.pk, name="Mine")
    with pytest.raises(NotFound):
        organisations.delete_organisation(bob, org)
    assert Organisation.objects.get(pk=org.pk).name == "ACME"


def _job(alice: Member) -> Affiliation:
    anna = persons.add_person(alice, "Anna Schmidt")
    return affiliations.add_affiliation(alice, anna, "ACME", "job", title="CTO", start="2019")


def test_edit_affiliation(alice: Member) -> None:
    job = _job(alice)
    edited = affiliations.edit_affiliation(
        alice, job.pk, organisation="Beta GmbH", kind="Funktion", title=" Vorstand ", end="2023"
    )
    edited.refresh_from_db()
    assert (edited.organisation.name, edited.kind, edited.title) == (
        "Beta GmbH",
        "function",
        "Vorstand",
    )
    assert (edited.start, edited.end) == (PartialDate(2019), PartialDate(2023))
    assert job.person_id in _found(alice, "vorstand beta")
    cleared = affiliations.edit_affiliation(alice, job.pk, end="", title="", note=" n ")
    assert (cleared.end, cleared.title, cleared.note) == (None, "", "n")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end": "2018", "title": "X"}, "end"),
        ({"start": "2030", "title": "X"}, "start"),
        ({"start": "--03-14"}, "start"),
        ({"kind": "Hobby", "organisation": "Neu"}, "kind"),
        ({"organisation": " ", "title": "X"}, "organisation"),
        ({"end": "32.13.2020"}, "end"),
    ],
)
def test_a_bad_affiliation_edit_changes_nothing(
    alice: Member, rows: Rows, changes: dict[str, str], field: str
) -> None:
    job = _job(alice)
    affiliations.edit_affiliation(alice, job.pk, end="2025")
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        affiliations.edit_affiliation(alice, job.pk, **changes)
    assert caught.value.field == field
    assert rows() == before
    fresh = Affiliation.objects.get(pk=job.pk)
    assert (fresh.title, fresh.kind, fresh.end) == ("CTO", "job", PartialDate(2025))


def test_end_affiliation(alice: Member, monkeypatch: pytest.MonkeyPatch) -> None:
    job = _job(alice)
    ended = affiliations.end_affiliation(alice, job.pk)
    assert ended.end is not None and ended.end.day is None and not ended.is_current
    with pytest.raises(InvalidInput) as caught:
        affiliations.end_affiliation(alice, job.pk, "2024")
    assert caught.value.field == "affiliation"

    other = affiliations.add_affiliation(alice, job.person, "Beta", "membership", start="2020")
    with pytest.raises(InvalidInput) as early:
        affiliations.end_affiliation(alice, other.pk, "2019")
    assert early.value.field == "end" and Affiliation.objects.get(pk=other.pk).end is None
    assert affiliations.end_affiliation(alice, other.pk, "06.2022").end == PartialDate(2022, 6)


def test_delete_affiliation_and_other_networks(alice: Member, bob: Member) -> None:
    job = _job(alice)
    for call in (
        lambda: affiliations.edit_affiliation(bob, job.pk, title="x"),
        lambda: affiliations.end_affiliation(bob, job.pk),
        lambda: affiliations.delete_affiliation(bob, job.pk),
        lambda: affiliations.get_affiliation(bob, job.pk),
        lambda: affiliations.list_affiliations(bob, job.person_id),
    ):
        with pytest.raises(NotFound):
            call()
    assert Affiliation.objects.get(pk=job.pk).is_current
    assert job.person_id in _found(alice, "acme")
    affiliations.delete_affiliation(alice, job.pk)
    assert not Affiliation.objects.exists()
    assert job.person_id not in _found(alice, "acme")
    with pytest.raises(NotFound):
        affiliations.delete_affiliation(alice, job.pk)
    for bad in (0, -1, 2**63, "abc", "²"):
        with pytest.raises(NotFound):
            affiliations.get_affiliation(alice, bad)


def test_list_affiliations_current_first_and_paged(alice: Member) -> None:
    job = _job(alice)
    old = affiliations.add_affiliation(alice, job.person, "Alt AG", "job", start="2010", end="2015")
    school = affiliations.add_affiliation(alice, job.person, "TU Berlin", "education")
    listed = affiliations.list_affiliations(alice, job.person_id)
    assert [a.pk for a in listed] == [job.pk, school.pk, old.pk]
    assert [
        a.pk for a in affiliations.list_affiliations(alice, job.person_id, limit=1, offset=2)
    ] == [old.pk]
    with CaptureQueriesContext(connection) as queries:
        affiliations.list_affiliations(alice, job.person_id)
    assert len(queries) <= 3
