"""Prepared queries give what their queryset gives, for every id, on every database."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.core.prepared import Prepared, forget_compiled
from knoten.people.models import ImportantDate, Organisation, Person, Relationship
from knoten.people.persons import NAME_FIELDS, add_person
from tests.conftest import World

NAME = ("id", *NAME_FIELDS)  # what full_name reads


RELATIONS = Prepared(
    Relationship,
    lambda person: Relationship.objects.filter(
        Q(from_person_id=person) | Q(to_person_id=person)
    ).order_by("-trust", "pk"),
    # Not in the model's field order: from_db gets them in its own.
    fields=("trust", "to_person_id", "id", "kind", "since", "from_person_id"),
    related={"to_person": ("id", *reversed(NAME_FIELDS)), "from_person": NAME},
)


def relate(
    member: Member, a: Person, b: Person, trust: int | None, since: PartialDate | None
) -> None:
    Relationship.objects.create(
        network=member.network, from_person=a, to_person=b, kind="friend", trust=trust, since=since
    )


def test_rows_and_instances_equal_the_querysets_for_each_id(world: World) -> None:
    alice = world.alice
    ada, ben, cem = (add_person(alice, name) for name in ("Ada Ohm", "Ben Berg", "Cem Cakir"))
    relate(alice, ada, ben, 3, PartialDate(2020, 5))
    relate(alice, cem, ada, None, None)
    relate(alice, ben, cem, 5, None)

    for person in (ada, ben, cem, alice.me):
        expected = list(
            Relationship.objects.filter(Q(from_person_id=person.pk) | Q(to_person_id=person.pk))
            .select_related("from_person", "to_person")
            .order_by("-trust", "pk")
        )
        got = RELATIONS.fetch(person=person.pk)
        assert [r.pk for r in got] == [r.pk for r in expected]
        for mine, theirs in zip(got, expected, strict=True):
            assert (mine.kind, mine.trust, mine.since) == (theirs.kind, theirs.trust, theirs.since)
            assert mine.from_person.full_name == theirs.from_person.full_name
            assert mine.to_person.full_name == theirs.to_person.full_name
            assert mine.to_person_id == theirs.to_person_id
    by_other = {r.to_person.full_name: r.since for r in RELATIONS.fetch(person=ada.pk)}
    assert by_other == {"Ben Berg": PartialDate(2020, 5), "Ada Ohm": None}


def test_the_related_objects_are_attached_without_another_query(world: World) -> None:
    ada, ben = add_person(world.alice, "Ada Ohm"), add_person(world.alice, "Ben Berg")
    relate(world.alice, ada, ben, 1, None)
    RELATIONS.fetch(person=ada.pk)  # compiled
    with CaptureQueriesContext(connection) as queries:
        (row,) = RELATIONS.fetch(person=ada.pk)
        names = (row.from_person.full_name, row.to_person.full_name)
    assert names == ("Ada Ohm", "Ben Berg")
    assert len(queries.captured_queries) == 1


def test_a_missing_related_row_is_none_and_fields_convert(world: World) -> None:
    met = Prepared(
        Person,
        lambda person: Person.objects.filter(pk=person),
        fields=("id", "given_name"),
        related={"met_at_organisation": ("id", "name"), "introduced_by": NAME},
    )
    ada = add_person(world.alice, "Ada Ohm")
    firm = Organisation.objects.create(network=world.alice.network, name="Ohm GmbH")
    ben = add_person(world.alice, "Ben Berg")
    Person.objects.filter(pk=ben.pk).update(met_at_organisation=firm, introduced_by=ada)
    (row,) = met.fetch(person=ada.pk)
    assert row.met_at_organisation is None and row.introduced_by is None
    (row,) = met.fetch(person=ben.pk)
    assert row.met_at_organisation.name == "Ohm GmbH"
    assert row.introduced_by.full_name == "Ada Ohm"

    dates = Prepared(
        ImportantDate,
        lambda person: ImportantDate.objects.filter(person_id=person),
        fields=("id", "kind", "date"),
    )
    ImportantDate.objects.create(
        network=world.alice.network, person=ada, kind="birthday", date=PartialDate(None, 7, 29)
    )
    assert dates.rows(person=ada.pk) == [
        (ImportantDate.objects.get().pk, "birthday", PartialDate(None, 7, 29))
    ]


def test_every_argument_must_be_a_parameter_of_the_sql(db: None) -> None:
    ignored = Prepared(
        Person, lambda person, network: Person.objects.filter(pk=person), fields=NAME
    )
    with pytest.raises(TypeError, match="network is not a parameter"):
        ignored.rows(person=1, network=1)
    with pytest.raises(TypeError, match=r"takes \('person', 'network'\)"):
        ignored.rows(person=1)


def test_unknown_fields_are_refused_when_first_used(db: None) -> None:
    wrong = Prepared(Person, lambda person: Person.objects.filter(pk=person), fields=("id", "nam"))
    with pytest.raises(TypeError, match="Person has no field nam"):
        wrong.fetch(person=1)


def test_forget_compiled_builds_the_sql_again(world: World) -> None:
    limit = [1]
    first = Prepared(
        Person,
        lambda network: Person.objects.filter(network_id=network).order_by("pk")[: limit[0]],
        fields=NAME,
    )
    add_person(world.alice, "Ada Ohm")
    assert len(first.rows(network=world.alice.network_id)) == 1
    limit[0] = 5
    assert len(first.rows(network=world.alice.network_id)) == 1  # the SQL is kept
    forget_compiled()
    assert len(first.rows(network=world.alice.network_id)) == 2
