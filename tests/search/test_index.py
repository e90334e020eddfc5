"""Keeping the index current: the hooks, a whole rebuild, and the FTS5 table's health."""

from __future__ import annotations

import pytest
from django.db import connection

from knoten.journal.models import Interaction, Participation
from knoten.people import persons
from knoten.people.models import Person
from knoten.search import fulltext
from knoten.search.index import (
    rebuild_network,
    reindex_interactions,
    reindex_organisations,
    reindex_people,
)
from knoten.search.models import SearchEntry
from knoten.search.query import search
from tests.conftest import World
from tests.search.conftest import Directory


def entries(network_id: int) -> list[tuple[object, ...]]:
    return sorted(
        SearchEntry.objects.filter(network_id=network_id).values_list(
            "kind",
            "person_id",
            "organisation_id",
            "interaction_id",
            "tier",
            "name",
            "work",
            "topics",
            "notes",
            "title",
            "fields",
            "private",
            "private_to_id",
        ),
        key=repr,
    )


def check_fts(network_id: int) -> None:
    """FTS5 agrees with the entries: its own check, and the same rows per network."""
    if connection.vendor != "sqlite":
        return
    table = fulltext.FTS_TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 0)")
        low, high = fulltext.rowid_range(network_id)
        cursor.execute(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH %s AND rowid BETWEEN %s AND %s",
            ['"a"* OR "e"* OR "i"* OR "o"* OR "u"* OR "n"* OR "s"* OR "t"*', low, high],
        )
        assert cursor.fetchone()[0] <= SearchEntry.objects.filter(network_id=network_id).count()
        cursor.execute(f"SELECT v FROM {table}_config WHERE k = 'hashsize'")
        row = cursor.fetchone()
        assert row is None or row[0] == fulltext.DEFAULT_HASH_SIZE


def test_every_person_organisation_and_conversation_has_one_entry(
    world: World, directory: Directory
) -> None:
    net = world.alice.network_id
    assert (
        SearchEntry.objects.filter(network_id=net, kind="person").count()
        == Person.objects.filter(network_id=net).count()
    )
    assert SearchEntry.objects.filter(network_id=net, kind="organisation").count() == 2
    assert SearchEntry.objects.filter(network_id=net, kind="interaction").count() == 1
    entry = SearchEntry.objects.get(person=directory.juergen)
    assert entry.name == "dr jurgen muller"
    assert entry.work == "leiter einkauf quorbel gmbh"
    assert entry.topics == "steurrecht zollrecht"  # ue folds to u, as in Mueller
    assert entry.title == "Dr. Jürgen Müller"
    check_fts(net)


def test_a_rebuild_gives_the_same_index(world: World, directory: Directory) -> None:
    net = world.alice.network_id
    persons.archive_person(world.alice, directory.bernd)
    before = entries(net)
    others = entries(world.bob.network_id)
    rebuild_network(net)
    assert entries(net) == before
    assert entries(world.bob.network_id) == others
    check_fts(net)
    assert [h.person_id for h in search(world.alice, "Schmidt")] == [
        directory.anna.pk,
        directory.bernd.pk,
    ]


def test_a_rebuild_indexes_rows_loaded_in_bulk(world: World) -> None:
    alice = world.alice
    loaded = Person.objects.bulk_create(
        [
            Person(network_id=alice.network_id, given_name="Kai", family_name=f"Bulkmann{i}")
            for i in range(30)
        ]
    )
    talk = Interaction.objects.create(
        network_id=alice.network_id, occurred_on="2023-01-02", summary="Massenimport besprochen"
    )
    Participation.objects.create(network_id=alice.network_id, interaction=talk, person=loaded[0])
    assert search(alice, "Bulkmann") == []
    rebuild_network(alice.network_id)
    assert len(search(alice, "Bulkmann", limit=100)) == 30
    assert [h.interaction_id for h in search(alice, "Massenimport")] == [talk.pk]
    check_fts(alice.network_id)


def test_hooks_ignore_ids_of_another_network(world: World, directory: Directory) -> None:
    bob = world.bob
    reindex_people(bob.network_id, [directory.juergen.pk])
    reindex_organisations(bob.network_id, [directory.quorbel.pk])
    reindex_interactions(bob.network_id, [directory.lunch.pk])
    assert search(bob, "Müller") == []
    assert search(bob, "Quorbel") == []
    assert search(bob, "Zertifizierung") == []
    assert directory.juergen.pk in [h.person_id for h in search(world.alice, "Müller")]


def test_hooks_remove_entries_of_what_is_gone(world: World, directory: Directory) -> None:
    net = world.alice.network_id
    pk = directory.falk.pk
    Person.objects.filter(pk=pk).update(given_name="Fritz")  # no hook: still indexed as Falk
    assert [h.person_id for h in search(world.alice, "Falk")][:1] == [pk]
    reindex_people(net, [pk])
    assert pk not in [h.person_id for h in search(world.alice, "Falk")]
    assert [h.person_id for h in search(world.alice, "Fritz")] == [pk]
    Interaction.objects.filter(pk=directory.lunch.pk).update(summary="Nur noch Kaffee")
    reindex_interactions(net, [directory.lunch.pk])
    assert [h.kind for h in search(world.alice, "Zertifizierung")] == ["person"]
    assert [h.interaction_id for h in search(world.alice, "Kaffee")] == [directory.lunch.pk]
    check_fts(net)


def test_an_unchanged_entry_is_not_rewritten(world: World, directory: Directory) -> None:
    entry = SearchEntry.objects.get(person=directory.anna)
    reindex_people(world.alice.network_id, [directory.anna.pk])
    assert SearchEntry.objects.get(person=directory.anna).pk == entry.pk


def test_many_changes_keep_fts_consistent(world: World, directory: Directory) -> None:
    alice = world.alice
    for round_ in range(5):
        person = persons.add_person(
            alice, f"Rita Runde{round_}", persons.PersonFields(skills=["Yoga"])
        )
        persons.edit_person(alice, person, persons.PersonFields(note=f"Runde {round_}"))
        if round_ % 2:
            persons.archive_person(alice, person)
        if round_ == 3:
            persons.delete_person(alice, person)
    check_fts(alice.network_id)
    hits = search(alice, "Yoga", limit=100)
    assert [h.title for h in hits] == ["Rita Runde0", "Rita Runde2", "Rita Runde4", "Rita Runde1"]
    assert [h.archived for h in hits] == [False, False, False, True]


@pytest.mark.django_db
def test_a_network_id_too_large_for_the_rowid_is_refused() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the rowid layout is SQLite's")
    with pytest.raises(OverflowError):
        rebuild_network(fulltext.MAX_NETWORK_ID + 1)


@pytest.mark.django_db
def test_a_rebuild_of_the_only_network_empties_fts5_at_once() -> None:
    from knoten.people.networks import create_network

    alone = create_network("Solo", username="solo", me_name="Sina Solo")
    persons.add_person(alone, "Uwe Übel", persons.PersonFields(skills=["Fräsen"]))
    before = entries(alone.network_id)
    rebuild_network(alone.network_id)
    rebuild_network(alone.network_id)
    assert entries(alone.network_id) == before
    check_fts(alone.network_id)
    assert [h.title for h in search(alone, "Uebel")] == ["Uwe Übel"]
    persons.add_person(alone, "Uta Übel")  # the triggers are back
    assert {h.title for h in search(alone, "Übel")} == {"Uwe Übel", "Uta Übel"}
