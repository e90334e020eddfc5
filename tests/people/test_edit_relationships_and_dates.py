"""Editing and deleting relationships and important dates, as domain functions."""

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
    return persons.add_person(alice, "Anna Schmidt"), persons.add_person(alice, "Ben Braun")


def test_edit_relationship_changes_what_is_given(
    alice: Member, pair: tuple[Person, Person]
) -> None:
    anna, ben = pair
    edge = relationships.relate(alice, anna, ben, "boss", trust=3)
    edited = relationships.edit_relationship(alice, edge.pk, trust="5", since="2015", note=" ok ")
    edited.refresh_from_db()
    assert (edited.trust, edited.since, edited.note) == (5, PartialDate(2015), "ok")
    # "report" names the other direction: the edge turns round.
    turned = relationships.edit_relationship(alice, edge.pk, kind="report")
    turned.refresh_from_db()
    assert (turned.from_person_id, turned.to_person_id, turned.kind) == (ben.pk, anna.pk, "boss")
    cleared = relationships.edit_relationship(alice, edge.pk, trust="", since="", note="")
    cleared.refresh_from_db()
    assert (cleared.trust, cleared.since, cleared.note) == (None, None, "")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"trust": "9", "note": "x"}, "trust"),
        ({"trust": "viel"}, "trust"),
        ({"kind": "Erzfeind", "trust": 2}, "kind"),
        ({"kind": "Freund", "trust": 2}, "kind"),
        ({"since": "32.13.2020", "trust": 2}, "since"),
    ],
)
def test_a_bad_relationship_edit_changes_nothing(
    alice: Member,
    pair: tuple[Person, Person],
    rows: Rows,
    changes: dict[str, str],
    field: str,
) -> None:
    anna, ben = pair
    edge = relationships.relate(alice, anna, ben, "colleague", trust=3)
    relationships.relate(alice, ben, anna, "friend")
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        relationships.edit_relationship(alice, edge.pk, **changes)
    assert caught.value.field == field
    assert rows() == before
    fresh = Relationship.objects.get(pk=edge.pk)
    assert (fresh.kind, fresh.trust, fresh.note) == ("colleague", 3, "")


def test_delete_and_list_relationships(
    alice: Member, bob: Member, pair: tuple[Person, Person]
) -> None:
    anna, ben = pair
    cara = persons.add_person(alice, "Cara Cordes")
    friend = relationships.relate(alice, anna, ben, "friend")
    sister = relationships.relate(alice, anna, cara, "sister")
    assert [r.pk for r in relationships.list_relationships(alice, anna)] == [sister.pk, friend.pk]
    assert [r.pk for r in relationships.list_relationships(alice, anna, limit=1, offset=1)] == [
        friend.pk
    ]
    for call in (
        lambda: relationships.edit_relationship(bob, friend.pk, trust=1),
        lambda: relationships.delete_relationship(bob, friend.pk),
        lambda: relationships.get_relationship(bob, friend.pk),
        lambda: relationships.list_relationships(bob, anna.pk),
    ):
        with pytest.raises(NotFound):
            call()
    assert Relationship.objects.count() == 2
    relationships.delete_relationship(alice, friend.pk)
    assert list(Relationship.objects.values_list("pk", flat=True)) == [sister.pk]
    with pytest.raises(NotFound):
        relationships.delete_relationship(alice, friend.pk)


def test_edit_important_date(alice: Member, pair: tuple[Person, Person]) -> None:
    anna, _ = pair
    wedding = important_dates.add_important_date(alice, anna, "anniversary", "05.06.2010")
    edited = important_dates.edit_important_date(
        alice, wedding.pk, kind="Jahrestag", date="--06-05", label=" Hochzeit ", note="n"
    )
    edited.refresh_from_db()
    assert (edited.kind, edited.date, edited.label, edited.note) == (
        "anniversary",
        PartialDate(None, 6, 5),
        "Hochzeit",
        "n",
    )
    assert (
        important_dates.edit_important_date(alice, wedding.pk, kind="birthday").kind == "birthday"
    )
    cleared = important_dates.edit_important_date(alice, wedding.pk, label="", note="")
    assert (cleared.label, cleared.note) == ("", "")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": " ", "label": "x"}, "date"),
        ({"date": "30.02.2020", "label": "x"}, "date"),
        ({"kind": "Feiertag", "label": "x"}, "kind"),
        ({"kind": "Geburtstag", "label": "x"}, "kind"),
    ],
)
def test_a_bad_date_edit_changes_nothing(
    alice: Member,
    pair: tuple[Person, Person],
    rows: Rows,
    changes: dict[str, str],
    field: str,
) -> None:
    anna, _ = pair
    important_dates.add_important_date(alice, anna, "birthday", "14.03.1980")
    wedding = important_dates.add_important_date(alice, anna, "anniversary", "05.06.2010")
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        important_dates.edit_important_date(alice, wedding.pk, **changes)
    assert caught.value.field == field
    assert rows() == before
    fresh = ImportantDate.objects.get(pk=wedding.pk)
    assert (fresh.kind, fresh.date, fresh.label) == ("anniversary", PartialDate(2010, 6, 5), "")


def test_delete_and_list_dates(alice: Member, bob: Member, pair: tuple[Person, Person]) -> None:
    anna, _ = pair
    wedding = important_dates.add_important_date(alice, anna, "anniversary", "05.06.2010")
    birthday = important_dates.add_important_date(alice, anna, "birthday", "14.03.1980")
    assert [d.pk for d in important_dates.list_important_dates(alice, anna)] == [
        birthday.pk,
        wedding.pk,
    ]
    for call in (
        lambda: important_dates.edit_important_date(bob, wedding.pk, label="x"),
        lambda: important_dates.delete_important_date(bob, wedding.pk),
        lambda: important_dates.list_important_dates(bob, anna.pk),
    ):
        with pytest.raises(NotFound):
            call()
    assert ImportantDate.objects.count() == 2
    important_dates.delete_important_date(alice, wedding.pk)
    assert list(ImportantDate.objects.values_list("pk", flat=True)) == [birthday.pk]
    with pytest.raises(NotFound):
        important_dates.delete_important_date(alice, wedding.pk)


@pytest.mark.parametrize("typed", ["²", "-²", "٣٣", "1e3", ""])
def test_odd_digits_are_no_trust(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        relationships.parse_trust(typed)
    assert caught.value.field == "trust"


@pytest.mark.parametrize("typed", ["²", "٥", "99999999999999999999999"])
def test_odd_digits_are_no_importance(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        persons.parse_importance(typed)
    assert caught.value.field == "importance"


def test_edit_relationship_in_the_words_of_either_end(
    alice: Member, pair: tuple[Person, Person]
) -> None:
    boss, report = pair
    edge = relationships.relate(alice, boss, report, "boss")
    # Seen from the report's page, "report" keeps the edge as it is …
    relationships.edit_relationship(alice, edge.pk, kind="report", seen_from=report.pk)
    edge.refresh_from_db()
    assert (edge.from_person_id, edge.to_person_id, edge.kind) == (boss.pk, report.pk, "boss")
    # … and "boss" said of the report makes the report the boss.
    relationships.edit_relationship(alice, edge.pk, kind="boss", seen_from=report.pk)
    edge.refresh_from_db()
    assert (edge.from_person_id, edge.to_person_id, edge.kind) == (report.pk, boss.pk, "boss")
    # Ben is now the source: seen from him, "report" makes Anna the boss again.
    relationships.edit_relationship(alice, edge.pk, kind="report", seen_from=report.pk)
    edge.refresh_from_db()
    assert (edge.from_person_id, edge.to_person_id, edge.kind) == (boss.pk, report.pk, "boss")
    # Without seen_from, the word is the source's (Anna): "report" turns it round.
    relationships.edit_relationship(alice, edge.pk, kind="report")
    edge.refresh_from_db()
    assert (edge.from_person_id, edge.to_person_id, edge.kind) == (report.pk, boss.pk, "boss")
