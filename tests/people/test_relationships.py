"""Relationships between persons (either direction, German or English) and important dates."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.people import important_dates, persons, relationships
from knoten.people.models import ImportantDate, Person, Relationship

Rows = Callable[[], dict[str, int]]


@pytest.fixture
def pair(alice: Member) -> tuple[Person, Person]:
    return persons.add_person(alice, "Anna Adam"), persons.add_person(alice, "Ben Weber")


def edges() -> set[tuple[str, str, str]]:
    return {
        (r.from_person.given_name, r.kind, r.to_person.given_name)
        for r in Relationship.objects.select_related("from_person", "to_person")
    }


@pytest.mark.parametrize(
    ("typed", "edge"),
    [
        ("boss", ("Anna", "boss", "Ben")),
        ("Chefin", ("Anna", "boss", "Ben")),
        ("Vorgesetzte(r)", ("Anna", "boss", "Ben")),
        ("report", ("Ben", "boss", "Anna")),
        ("Mitarbeiterin", ("Ben", "boss", "Anna")),
        ("mentee", ("Ben", "mentor", "Anna")),
        ("Geschäftspartner", ("Anna", "business_partner", "Ben")),
        ("Geschaeftspartnerin", ("Anna", "business_partner", "Ben")),
        ("business-partner", ("Anna", "business_partner", "Ben")),
        ("Business Partner", ("Anna", "business_partner", "Ben")),
        ("former-colleague", ("Anna", "former_colleague", "Ben")),
        ("Lieferant", ("Ben", "client", "Anna")),
    ],
)
def test_a_kind_is_read_in_either_language_and_direction(
    alice: Member, pair: tuple[Person, Person], typed: str, edge: tuple[str, str, str]
) -> None:
    relationships.relate(alice, "Anna", "Ben", typed)
    assert edges() == {edge}


def test_the_same_relationship_again_is_updated(alice: Member, pair: tuple[Person, Person]) -> None:
    relationships.relate(alice, "Anna", "Ben", "boss", trust=3, note="seit Projekt X")
    relationships.relate(alice, "Ben", "Anna", "report", trust="5", since="2019")
    relationship = Relationship.objects.get()
    assert (relationship.trust, relationship.since, relationship.note) == (
        5,
        PartialDate(2019),
        "seit Projekt X",
    )


def test_a_symmetric_kind_is_stored_once_whatever_the_order(
    alice: Member, pair: tuple[Person, Person]
) -> None:
    relationships.relate(alice, "Anna", "Ben", "friend")
    relationships.relate(alice, "Ben", "Anna", "Freundin", trust=2)
    assert Relationship.objects.count() == 1
    assert Relationship.objects.get().trust == 2


def test_different_kinds_between_the_same_pair_are_kept_apart(
    alice: Member, pair: tuple[Person, Person]
) -> None:
    relationships.relate(alice, "Anna", "Ben", "friend")
    relationships.relate(alice, "Anna", "Ben", "colleague")
    assert Relationship.objects.count() == 2


@pytest.mark.parametrize(
    ("a", "b", "kind", "extra", "error", "message"),
    [
        ("Anna", "Ben", "Feind", {}, InvalidInput, "kind: 'Feind' is not a relationship kind"),
        ("Anna", "Ben", "friend", {"trust": 6}, InvalidInput, "trust: 6 is out of range"),
        ("Anna", "Ben", "friend", {"trust": "0"}, InvalidInput, "trust: '0' is out of range"),
        ("Anna", "Ben", "friend", {"trust": "hoch"}, InvalidInput, "trust: 'hoch' is not a whole"),
        ("Anna", "Ben", "friend", {"since": "letztes Jahr"}, InvalidInput, "since: 'letztes Jahr'"),
        ("Anna", "Anna Adam", "friend", {}, InvalidInput, "is not related to themselves"),
        ("Anna", "Zoe", "friend", {}, NotFound, "no person matches 'Zoe'"),
        ("", "Ben", "friend", {}, InvalidInput, "person: '' is empty"),
    ],
)
def test_a_bad_relationship_is_refused_and_nothing_written(
    alice: Member,
    rows: Rows,
    pair: tuple[Person, Person],
    a: str,
    b: str,
    kind: str,
    extra: dict[str, object],
    error: type[Exception],
    message: str,
) -> None:
    before = rows()
    with pytest.raises(error) as caught:
        relationships.relate(alice, a, b, kind, **extra)  # type: ignore[arg-type]
    assert message in str(caught.value)
    assert rows() == before


def test_unrelate_removes_both_directions_or_one_kind(
    alice: Member, pair: tuple[Person, Person]
) -> None:
    relationships.relate(alice, "Anna", "Ben", "friend")
    relationships.relate(alice, "Ben", "Anna", "boss")
    assert relationships.unrelate(alice, "Anna", "Ben", "Chef") == 1
    assert edges() == {("Anna", "friend", "Ben")}
    relationships.relate(alice, "Ben", "Anna", "mentor")
    assert relationships.unrelate(alice, "Ben", "Anna") == 2
    assert edges() == set()


def test_unrelate_without_a_relationship_says_so(
    alice: Member, pair: tuple[Person, Person]
) -> None:
    with pytest.raises(NotFound, match="no relationship matches 'Anna Adam – Ben Weber'"):
        relationships.unrelate(alice, "Anna", "Ben")
    relationships.relate(alice, "Anna", "Ben", "friend")
    with pytest.raises(NotFound, match=r"Anna Adam – Ben Weber \(boss\)"):
        relationships.unrelate(alice, "Anna", "Ben", "boss")
    assert Relationship.objects.count() == 1


# --- important dates ------------------------------------------------------------------------


def test_a_second_birthday_replaces_the_first(alice: Member, pair: tuple[Person, Person]) -> None:
    important_dates.add_important_date(alice, "Anna", "birthday", "14.03.")
    important_dates.add_important_date(alice, "Anna", "Geburtstag", "1980-03-15")
    assert [(d.kind, d.date) for d in ImportantDate.objects.all()] == [
        ("birthday", PartialDate(1980, 3, 15))
    ]


def test_life_events_accumulate_with_label_and_note(
    alice: Member, pair: tuple[Person, Person]
) -> None:
    important_dates.add_important_date(alice, "Anna", "neue Stelle", "2024-04", note="bei Zeiss")
    important_dates.add_important_date(alice, "Anna", "custom", "2024", label="Marathon")
    rows = {(d.kind, d.date.isoformat(), d.label, d.note) for d in ImportantDate.objects.all()}
    assert rows == {("new_job", "2024-04", "", "bei Zeiss"), ("custom", "2024", "Marathon", "")}


@pytest.mark.parametrize(
    ("kind", "date", "message"),
    [
        ("Namenstag", "14.03.", "kind: 'Namenstag' is not one of"),
        ("birthday", "30.02.1980", "date: '30.02.1980' is not a valid date"),
        ("birthday", "morgen", "date: 'morgen' is not a date"),
        ("birthday", "", "date: '' is empty"),
    ],
)
def test_a_bad_date_is_refused_and_nothing_written(
    alice: Member, rows: Rows, pair: tuple[Person, Person], kind: str, date: str, message: str
) -> None:
    important_dates.add_important_date(alice, "Anna", "birthday", "14.03.")
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        important_dates.add_important_date(alice, "Anna", kind, date)
    assert message in caught.value.message
    assert rows() == before
    assert ImportantDate.objects.get().date == PartialDate(None, 3, 14)
