"""search(): folding, prefixes, ranking, what matched, tiers, privacy and isolation.

These run on SQLite (FTS5) and, with ``KNOTEN_DATABASE_URL=postgres://…``, on PostgreSQL
(tsvector): the same function, the same results.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.journal import conversations
from knoten.people import persons
from knoten.people.models import Person
from knoten.search.query import SearchHit, search
from tests.conftest import World
from tests.search.conftest import Directory


def person_ids(hits: list[SearchHit]) -> list[int]:
    return [hit.person_id for hit in hits if hit.kind == "person" and hit.person_id]


def first_person(actor: Member, query: str) -> int | None:
    ids = person_ids(search(actor, query))
    return ids[0] if ids else None


@pytest.mark.parametrize(
    "query",
    ["Müller", "Mueller", "Muller", "MÜLLER", "mueller"],
)
def test_every_spelling_of_an_umlaut_finds_both_muellers(
    world: World, directory: Directory, query: str
) -> None:
    found = set(person_ids(search(world.alice, query)))
    assert {directory.juergen.pk, directory.mueller.pk} <= found


@pytest.mark.parametrize(
    "query", ["Jürgen", "Juergen", "Jurgen", "Jürgen Müller", "Juergen Mueller"]
)
def test_juergen_is_jurgen(world: World, directory: Directory, query: str) -> None:
    assert first_person(world.alice, query) == directory.juergen.pk


@pytest.mark.parametrize("query", ["José", "Jose", "JOSE", "García", "Garcia"])
def test_accents_do_not_matter(world: World, directory: Directory, query: str) -> None:
    assert first_person(world.alice, query) == directory.jose.pk


@pytest.mark.parametrize("query", ["Weiß", "Weiss", "weiss"])
def test_sharp_s_is_ss(world: World, directory: Directory, query: str) -> None:
    assert first_person(world.alice, query) == directory.weiss.pk


@pytest.mark.parametrize("query", ["Mül", "Mue", "Jürgen Mül", "Jue", "Schach", "Scha"])
def test_the_last_word_may_be_unfinished(world: World, directory: Directory, query: str) -> None:
    assert directory.juergen.pk in person_ids(search(world.alice, query))


def test_an_initial_stands_for_a_name(world: World, directory: Directory) -> None:
    assert first_person(world.alice, "J Müller") == directory.juergen.pk
    assert first_person(world.alice, "J. Müller") == directory.juergen.pk
    assert person_ids(search(world.alice, "A S")) == [directory.anna.pk]


def test_a_single_letter_lists_names_that_start_with_it(world: World, directory: Directory) -> None:
    found = search(world.alice, "W")
    assert {(hit.kind, hit.title) for hit in found} == {
        ("person", "Sabine Weiß"),
        ("person", "Annabell Weber"),
        ("organisation", "Weißwurst AG"),
    }


def test_all_words_must_match(world: World, directory: Directory) -> None:
    assert person_ids(search(world.alice, "Anna Schmidt")) == [directory.anna.pk]
    assert person_ids(search(world.alice, "Bernd Schmidt")) == [directory.bernd.pk]
    assert search(world.alice, "Anna Müller") == []


def test_words_before_the_last_match_whole_words_only(world: World, directory: Directory) -> None:
    assert search(world.alice, "Ann Schmidt") == []
    assert person_ids(search(world.alice, "Schmidt Ann")) == [directory.anna.pk]


def test_a_whole_word_ranks_above_a_word_it_begins(world: World, directory: Directory) -> None:
    assert person_ids(search(world.alice, "Anna"))[:2] == [directory.anna.pk, directory.annabell.pk]


def test_a_name_ranks_above_a_note(world: World, directory: Directory) -> None:
    hits = search(world.alice, "Falk")
    assert [hit.title for hit in hits] == ["Falk Brenner", "Olga Petrowa"]
    assert hits[0].score > hits[1].score
    assert hits[0].matched == [("name", "Falk Brenner")]
    assert hits[1].matched[0][0] == "notes"


def test_one_word_puts_names_first_whatever_the_score(world: World) -> None:
    alice = world.alice
    long_notes = " ".join(f"Absatz{i}" for i in range(150))
    kurt = persons.add_person(alice, "Kurt Ostermann", persons.PersonFields(note=long_notes))
    eva = persons.add_person(
        alice, "Eva Klein", persons.PersonFields(org="Ostermann", title="Ostermann-Ostermann")
    )
    hits = [h for h in search(alice, "Ostermann") if h.kind == "person"]
    assert [h.person_id for h in hits] == [kurt.pk, eva.pk]
    assert hits[1].matched == [("job", "Ostermann-Ostermann, Ostermann")]


def test_it_says_what_matched(world: World, directory: Directory) -> None:
    (hit,) = [h for h in search(world.alice, "Einkauf") if h.kind == "person"]
    assert hit.matched == [("job", "Leiter Einkauf, Quorbel GmbH")]
    (hit,) = search(world.alice, "Zollrecht")
    assert hit.matched == [("skill", "Zollrecht")]
    (hit,) = search(world.alice, "Hannover")
    assert hit.matched == [("how we met", "Auf der Hannover Messe am Stand von Quorbel")]
    (hit,) = search(world.alice, "Segler")
    assert hit.matched == [("tag", "Segler")]
    hits = search(world.alice, "Kollegen")  # a seeded circle, in German
    assert [h.person_id for h in hits] == [directory.anna.pk]
    assert hits[0].matched == [("circle", "colleagues (Kollegen)")]


def test_several_fields_can_match(world: World, directory: Directory) -> None:
    (hit,) = search(world.alice, "Jürgen Steuerrecht")
    assert hit.matched == [("name", "Dr. Jürgen Müller"), ("skill", "Steuerrecht")]


def test_an_organisation_is_found_by_name_before_the_people_there(
    world: World, directory: Directory
) -> None:
    hits = search(world.alice, "Quorbel")
    assert hits[0].kind == "organisation"
    assert hits[0].organisation_id == hits[0].id == directory.quorbel.pk
    assert hits[0].title == "Quorbel GmbH"
    assert hits[0].matched == [("name", "Quorbel GmbH")]
    assert hits[1].person_id == directory.juergen.pk
    assert ("job", "Leiter Einkauf, Quorbel GmbH") in hits[1].matched


def test_minutes_are_found_after_people(world: World, directory: Directory) -> None:
    hits = search(world.alice, "Zertifizierung")
    assert [hit.kind for hit in hits] == ["person", "interaction"]
    minutes = hits[1]
    assert minutes.interaction_id == minutes.id == directory.lunch.pk
    assert minutes.person_id is None
    assert minutes.date == "2024-03-14"
    assert minutes.title == "Meeting on 2024-03-14 with Dr. Jürgen Müller, Anna Schmidt"
    assert minutes.matched == [
        ("minutes", "Lunch mit Jürgen: Angebot für die Zertifizierung bis Freitag")
    ]
    hits = search(world.alice, "Einstein")
    assert [(hit.kind, hit.matched) for hit in hits] == [
        ("interaction", [("place", "Café Einstein, Berlin")])
    ]


def test_a_long_text_is_cut_around_the_match(world: World) -> None:
    words = " ".join(f"wort{i}" for i in range(60))
    persons.add_person(
        world.alice, "Paula Lang", persons.PersonFields(note=f"{words} Xylophon {words}")
    )
    (hit,) = search(world.alice, "Xylophon")
    field, text = hit.matched[0]
    assert field == "notes"
    assert "Xylophon" in text
    assert text.startswith("…") and text.endswith("…")
    assert len(text) < 120


def test_kinds_narrow_the_search(world: World, directory: Directory) -> None:
    assert {h.kind for h in search(world.alice, "Quorbel", kinds=["organisation"])} == {
        "organisation"
    }
    assert {h.kind for h in search(world.alice, "Quorbel", kinds=["person"])} == {"person"}
    assert {h.kind for h in search(world.alice, "Jürgen", kinds=["interaction"])} == {"interaction"}
    assert {h.kind for h in search(world.alice, "Quorbel", kinds="person")} == {"person"}
    both = search(world.alice, "Quorbel", kinds=["organisation", "interaction"])
    assert [h.kind for h in both] == ["organisation"]


def test_pages_follow_each_other_across_tiers(world: World, directory: Directory) -> None:
    for number in range(6):
        persons.add_person(world.alice, f"Ines Zertifizierung{number}")
    persons.archive_person(world.alice, "Ines Zertifizierung5")
    everything = search(world.alice, "Zertifizierung", limit=100)
    assert [h.kind for h in everything][-1] == "interaction"
    assert everything[-2].archived
    keys = [(h.kind, h.id) for h in everything]
    for size in (1, 2, 3, 5):
        paged = []
        for offset in range(0, len(keys) + size, size):
            paged += [
                (h.kind, h.id)
                for h in search(world.alice, "Zertifizierung", limit=size, offset=offset)
            ]
        assert paged == keys
    assert search(world.alice, "Zertifizierung", offset=len(keys)) == []


def test_archived_persons_come_after_active_ones(world: World, directory: Directory) -> None:
    persons.archive_person(world.alice, directory.bernd)
    hits = search(world.alice, "Schmidt")
    assert [(h.person_id, h.archived) for h in hits if h.kind == "person"] == [
        (directory.anna.pk, False),
        (directory.bernd.pk, True),
    ]
    persons.archive_person(world.alice, directory.bernd, archived=False)
    assert not any(h.archived for h in search(world.alice, "Schmidt"))


def test_a_rename_is_found_under_the_new_name_only(world: World, directory: Directory) -> None:
    persons.edit_person(world.alice, directory.falk, persons.PersonFields(), name="Falk Kranich")
    assert first_person(world.alice, "Kranich") == directory.falk.pk
    assert directory.falk.pk not in person_ids(search(world.alice, "Brenner"))


def test_a_deleted_person_is_gone(world: World, directory: Directory) -> None:
    persons.delete_person(world.alice, directory.weiss)
    assert person_ids(search(world.alice, "Weiß")) == []
    assert [h.kind for h in search(world.alice, "Weißwurst")] == ["organisation"]


def test_a_renamed_organisation_renames_the_jobs_there(world: World, directory: Directory) -> None:
    from knoten.search.index import reindex_organisations

    directory.quorbel.name = "Zebrafink AG"
    directory.quorbel.save()
    reindex_organisations(world.alice.network_id, [directory.quorbel.pk])
    hits = search(world.alice, "Zebrafink")
    assert [h.kind for h in hits] == ["organisation", "person"]
    assert hits[1].matched == [("job", "Leiter Einkauf, Zebrafink AG")]
    (hit,) = search(world.alice, "Quorbel")  # only how we met still names it
    assert hit.person_id == directory.juergen.pk
    assert [field for field, _ in hit.matched] == ["how we met"]


def test_a_deleted_conversation_is_gone(world: World, directory: Directory) -> None:
    directory.lunch.delete()
    assert [h.kind for h in search(world.alice, "Zertifizierung")] == ["person"]


@pytest.fixture
def dora(world: World) -> Member:
    """A second member of Alice's network (a team)."""
    user = get_user_model().objects.create(username="dora")
    me = Person.objects.create(
        network_id=world.alice.network_id, given_name="Dora", family_name="Dahl"
    )
    return Member.objects.create(network_id=world.alice.network_id, user=user, person=me)


def test_private_minutes_are_found_by_their_author_only(
    world: World, directory: Directory, dora: Member
) -> None:
    conversations.log_interaction(
        dora, "Vertraulich: Übernahmegerüchte bei Quorbel", participants=["Jürgen"], private=True
    )
    conversations.log_interaction(
        world.alice, "Übernahme besprochen", participants=[directory.anna], private=True
    )
    mine = search(world.alice, "Übernahme")
    assert [h.title.split(" with ")[1] for h in mine] == ["Anna Schmidt"]
    assert [h.title.split(" with ")[1] for h in search(dora, "Übernahme")] == ["Dr. Jürgen Müller"]
    assert search(world.alice, "Übernahmegerüchte") == []
    assert search(world.alice, "Vertraulich", kinds=["interaction"]) == []


def test_bob_never_finds_alices_rows(world: World, directory: Directory) -> None:
    bob = world.bob
    persons.add_person(bob, "Jürgen Müller")
    for query in ["Müller", "Jürgen", "Quorbel", "Zertifizierung", "Schach", "J", "Mü", "J Mü"]:
        for hit in search(bob, query, limit=100):
            assert hit.kind == "person"
            assert Person.objects.get(pk=hit.person_id).network_id == bob.network_id
    assert search(world.charlie, "Müller") == []
    assert search(world.charlie, "M") == []


@pytest.mark.parametrize(
    ("query", "arguments", "field"),
    [
        pytest.param("", {}, "query", id="empty"),
        pytest.param("   ", {}, "query", id="blank"),
        pytest.param("!?–", {}, "query", id="no letters"),
        pytest.param("Anna", {"limit": 0}, "limit", id="limit 0"),
        pytest.param("Anna", {"limit": 501}, "limit", id="limit too high"),
        pytest.param("Anna", {"offset": -1}, "offset", id="negative offset"),
        pytest.param("Anna", {"kinds": ["events"]}, "kind", id="unknown kind"),
        pytest.param("a b c d e f g h i j k l m", {}, "query", id="too many words"),
    ],
)
def test_bad_input_names_the_field(
    world: World, query: str, arguments: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        search(world.alice, query, **arguments)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_nothing_found_is_an_empty_list(world: World, directory: Directory) -> None:
    assert search(world.alice, "Quetzalcoatl") == []


def test_quotes_and_operators_in_the_query_are_just_words(
    world: World, directory: Directory
) -> None:
    for query in ['"Anna', "Anna OR", "Anna AND NOT", "Anna*", "Anna (", "{name}: Anna", "Anna'"]:
        ids = person_ids(search(world.alice, query))
        assert directory.anna.pk in ids or ids == [], query
    assert person_ids(search(world.alice, '"Anna" Schmidt*')) == [directory.anna.pk]
