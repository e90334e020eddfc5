"""Words the journal reads for kinds and statuses, and due dates in words, in every face."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.words import clashes, resolve_word
from knoten.journal import conversations, events, projects
from knoten.journal import vocabulary as v
from knoten.journal.models import Interaction
from tests.api.conftest import ApiClient
from tests.conftest import CliResult, World
from tests.journal.conftest import People

Cli = Callable[..., CliResult]


@pytest.mark.parametrize("vocabulary", [v.INTERACTION_KINDS, v.EVENT_KINDS, v.PROJECT_STATUSES])
def test_no_word_or_synonym_names_two_things(vocabulary: tuple[v.Word, ...]) -> None:
    assert clashes(vocabulary) == []


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        *[(word, "call") for word in ("Telefon", "Anruf", "Telefonat", "Videocall", "Video call")],
        *[(word, "call") for word in ("zoom", "phone", "call")],
        *[(word, "email") for word in ("Mail", "E-Mail", "email", "e-mail")],
        *[(word, "meeting") for word in ("Treffen", "Termin", "Meeting", "Mittagessen", "lunch")],
        *[(word, "message") for word in ("SMS", "Nachricht", "chat")],
        *[(word, "letter") for word in ("Brief", "post", "Karte", "letter or card")],
    ],
)
def test_interaction_kinds_take_english_german_and_synonyms(typed: str, code: str) -> None:
    assert resolve_word(v.INTERACTION_KINDS, typed, "kind") == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("offen", "ongoing"),
        ("open", "ongoing"),
        ("laufend", "ongoing"),
        ("erledigt", "completed"),
        ("done", "completed"),
        ("fertig", "completed"),
        ("abgesagt", "cancelled"),
        ("geplant", "planned"),
    ],
)
def test_project_statuses_take_synonyms(typed: str, code: str) -> None:
    assert resolve_word(v.PROJECT_STATUSES, typed, "status") == code


def test_event_kinds_take_synonyms() -> None:
    assert resolve_word(v.EVENT_KINDS, "Konferenz", "kind") == "conference"
    assert resolve_word(v.EVENT_KINDS, "Workshop", "kind") == "seminar"
    assert resolve_word(v.EVENT_KINDS, "Stammtisch", "kind") == "meetup"


def test_an_unknown_word_is_still_refused() -> None:
    with pytest.raises(InvalidInput, match="'Tanz' is not one of: meeting, call"):
        resolve_word(v.INTERACTION_KINDS, "Tanz", "kind")
    with pytest.raises(InvalidInput):
        resolve_word(v.INTERACTION_KINDS, "", "kind")


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Telefon", "call"), ("Anruf", "call"), ("Videocall", "call"), ("Mail", "email")],
)
def test_log_takes_the_words_of_the_issue(cli: Cli, people: People, typed: str, code: str) -> None:
    result = cli("log", "Angebot", "--with", "Schmidt", "--kind", typed, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["kind"] == code
    assert Interaction.objects.get().kind == code


def test_the_list_filter_and_an_edit_read_the_same_words(world: World, people: People) -> None:
    logged = conversations.log_interaction(world.alice, "Kurz", participants=["Schmidt"])
    conversations.edit_interaction(world.alice, logged.pk, kind="Anruf")
    assert Interaction.objects.get().kind == "call"
    found = conversations.list_interactions(world.alice, kind="Telefon")
    assert [i.pk for i in found] == [logged.pk]


def test_project_and_event_take_synonyms_through_the_domain(world: World) -> None:
    project = projects.add_project(world.alice, "Relaunch", status="erledigt")
    assert project.status == "completed"
    event = events.add_event(world.alice, "DevCon", kind="Konferenz")
    assert event.kind == "conference"


def test_the_api_reads_the_same_words(world: World, people: People) -> None:
    from knoten.api.tokens import create_token

    _, key = create_token(world.alice, "test")
    answer = ApiClient(key).post(
        "/api/interactions", {"summary": "Kurz", "participants": ["Schmidt"], "kind": "Anruf"}
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["kind"] == "call"


# --- due dates in words in --promise and --expect ---------------------------------------


def test_log_reads_a_due_date_in_words_without_by(
    cli: Cli, people: People, fixed_today: dt.date
) -> None:
    result = cli(
        "log",
        "Kaffee",
        "--with",
        "Schmidt",
        "--promise",
        "Angebot in 3 days",
        "--promise",
        "Slides bis Ende des Monats",
        "--expect",
        "Intro zum CFO end of next week",
        "--promise",
        "Referenz übermorgen",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    assert [(p["text"], p["due"]) for p in result.json()["promises"]] == [
        ("Angebot", "2024-03-16"),
        ("Slides", "2024-03-31"),
        ("Referenz", "2024-03-15"),
        ("Intro zum CFO", "2024-03-22"),
    ]
    assert "you owe Anna Schmidt 'Angebot', due 2024-03-16 (Saturday)" in result.stderr


def test_a_promise_without_a_readable_due_date_says_so(
    cli: Cli, people: People, fixed_today: dt.date
) -> None:
    result = cli("log", "Kaffee", "--with", "Schmidt", "--promise", "Bericht in Englisch")
    assert result.exit_code == 0, result.stderr
    assert "you owe Anna Schmidt 'Bericht in Englisch', no due date" in result.stderr
    refused = cli("log", "Kaffee", "--with", "Schmidt", "--promise", "Bericht bis Ende der Welt")
    assert refused.exit_code != 0
    assert "has the due date 'Ende der Welt', which is not a date" in refused.stderr
    assert Interaction.objects.count() == 1


def test_words_in_a_due_date_count_from_the_day_of_the_conversation(
    world: World, people: People, fixed_today: dt.date
) -> None:
    logged = conversations.log_interaction(
        world.alice,
        "Kurz",
        participants=["Schmidt"],
        on="01.03.2024",
        promises=["Angebot in 3 Tagen"],
    )
    assert [(p.text, p.due_on) for p in logged.promises.all()] == [("Angebot", dt.date(2024, 3, 4))]


def test_the_api_reads_a_due_date_in_words(
    world: World, people: People, fixed_today: dt.date
) -> None:
    from knoten.api.tokens import create_token

    _, key = create_token(world.alice, "test")
    api = ApiClient(key)
    answer = api.post(
        "/api/interactions",
        {"summary": "Kurz", "participants": ["Schmidt"], "promises": ["Angebot nächste Woche"]},
    )
    assert answer.status_code == 201, answer.content
    assert [(p["text"], p["due"]) for p in answer.json()["promises"]] == [("Angebot", "2024-03-20")]
    person = str(people.anna.pk)
    added = api.post("/api/promises", {"person": person, "text": "Slides Ende des Monats"})
    assert added.status_code == 201, added.content
    assert (added.json()["text"], added.json()["due"]) == ("Slides", "2024-03-31")
