"""The journal's commands, run as Alice: output, echo on stderr, and every bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from knoten.journal import conversations, events, projects, promises
from knoten.journal.models import Attendance, Event, Interaction, Project, Promise
from tests.conftest import CliResult, World
from tests.journal.conftest import People, counts

Cli = Callable[..., CliResult]


def test_log_writes_the_minutes_and_echoes_what_it_understood(
    cli: Cli, people: People, fixed_today: dt.date
) -> None:
    result = cli(
        "log",
        "Lunch, Angebot besprochen",
        "--with",
        "Schmidt",
        "-w",
        "Mueller",
        "--kind",
        "Telefonat",
        "--on",
        "gestern",
        "--minutes",
        "45",
        "--place",
        "Kantine",
        "--promise",
        "Angebot schicken bis Freitag",
        "--expect",
        "Intro zum CFO by 2024-04-02",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    data = result.json()
    interaction = Interaction.objects.get()
    assert data == conversations.interaction_as_dict(interaction)
    assert data["date"] == "2024-03-12"
    assert data["kind"] == "call"
    assert data["minutes"] == 45
    assert [p["name"] for p in data["participants"]] == ["Anna Schmidt", "Jürgen Müller"]
    assert [(p["text"], p["due"]) for p in data["promises"]] == [
        ("Angebot schicken", "2024-03-15"),
        ("Intro zum CFO", "2024-04-02"),
    ]
    assert (
        f"Logged call {interaction.pk} on 2024-03-12 (Tuesday) with Anna Schmidt "
        f"(id {people.anna.pk}), Jürgen Müller (id {people.juergen.pk})." in result.stderr
    )
    assert "you owe Anna Schmidt 'Angebot schicken', due 2024-03-15 (Friday)" in result.stderr
    assert "Anna Schmidt owes you 'Intro zum CFO', due 2024-04-02 (Tuesday)" in result.stderr


def test_log_without_json_prints_nothing_on_stdout(cli: Cli, people: People) -> None:
    result = cli("log", "Kaffee", "--with", "Schmidt", "--private")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "Logged private meeting" in result.stderr
    assert Interaction.objects.get().private is True


def test_log_at_an_event_reads_a_weekday_as_the_last_one(
    cli: Cli, people: People, world: World, fixed_today: dt.date
) -> None:
    events.add_event(world.alice, "Hannover Messe")
    result = cli(
        "log", "Am Stand", "--with", "Jürgen", "--at", "hannover", "--on", "Freitag", "--json"
    )
    assert result.exit_code == 0, result.stderr
    assert result.json()["date"] == "2024-03-08"
    assert "on 2024-03-08 (Friday) at Hannover Messe with Jürgen Müller" in result.stderr
    assert Attendance.objects.get().status == "met"


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(
            ["", "--with", "Schmidt"],
            2,
            "Error: summary: '' is empty; say in a line what was discussed",
            id="empty summary",
        ),
        pytest.param(
            ["Lunch"],
            2,
            "Error: participants: '' is empty; name at least one person the conversation was with",
            id="no participants",
        ),
        pytest.param(
            ["Lunch", "--with", "Nobody"],
            1,
            "Error: no participant matches 'Nobody'",
            id="unknown person",
        ),
        pytest.param(
            ["Lunch", "--with", "Anna"],
            2,
            "Error: participant 'Anna' is ambiguous, it matches 2",
            id="ambiguous name",
        ),
        pytest.param(
            ["Lunch", "--with", "Schmidt", "--on", "32.01.2024"],
            2,
            "Error: on: '32.01.2024' is not a valid date: day 32 does not exist in month 1",
            id="malformed date",
        ),
        pytest.param(
            ["Lunch", "--with", "Schmidt", "--on", "irgendwann"],
            2,
            "Error: on: 'irgendwann' is not a date",
            id="not a date",
        ),
        pytest.param(
            ["Lunch", "--with", "Schmidt", "--minutes", "-5"],
            2,
            "Error: minutes: -5 is negative; a duration is 0 minutes or more",
            id="negative minutes",
        ),
        pytest.param(
            ["Lunch", "--with", "Schmidt", "--kind", "Tanz"],
            2,
            "Error: kind: 'Tanz' is not one of: meeting, call",
            id="unknown kind",
        ),
        pytest.param(
            ["Lunch", "--with", "Schmidt", "--at", "Kongress"],
            1,
            "Error: no event matches 'Kongress'",
            id="unknown event",
        ),
        pytest.param(
            ["Lunch", "--with", "Schmidt", "--promise", "Angebot bis 31.04.2024"],
            2,
            "Error: promise: 'Angebot bis 31.04.2024' has the due date '31.04.2024', which is "
            "not a valid date: day 31 does not exist in month 4",
            id="bad promise date",
        ),
        pytest.param(
            ["Lunch", "--with", "Schmidt", "--expect", "Rückruf by Weihnachtsmann"],
            2,
            "Error: expect: 'Rückruf by Weihnachtsmann' has the due date 'Weihnachtsmann'",
            id="bad expectation date",
        ),
    ],
)
def test_log_refuses_bad_input_and_writes_nothing(
    cli: Cli, people: People, args: list[str], status: int, message: str
) -> None:
    before = counts()
    result = cli("log", *args, "--json")
    assert result.exit_code == status
    assert message in result.stderr
    assert result.stdout == ""
    assert counts() == before


def test_an_ambiguous_name_lists_the_candidates(cli: Cli, people: People) -> None:
    result = cli("log", "Lunch", "--with", "Anna")
    assert result.exit_code == 2
    assert f"  {people.anna.pk}: Anna Schmidt\n" in result.stderr
    assert f"  {people.anna2.pk}: Anna Schneider\n" in result.stderr


# --- promises -------------------------------------------------------------------------


@pytest.fixture
def promised(world: World, people: People) -> list[Promise]:
    conversations.log_interaction(
        world.alice,
        "Lunch",
        participants=["Schmidt"],
        on="2024-03-01",
        promises=["Angebot by 2024-04-01"],
        expectations=["Kontakt zum CFO by 2024-03-10"],
    )
    conversations.log_interaction(
        world.alice, "Call", participants=["Jürgen"], on="2024-03-02", promises=["Buch"]
    )
    return list(Promise.objects.order_by("pk"))


def test_promise_list_prints_json_in_due_order(cli: Cli, promised: list[Promise]) -> None:
    result = cli("promise", "list", "--json")
    assert result.exit_code == 0
    assert [p["text"] for p in result.json()] == ["Kontakt zum CFO", "Angebot", "Buch"]
    assert result.json()[0] == promises.promise_as_dict(promised[1])


def test_promise_list_narrows_by_person_and_direction(cli: Cli, promised: list[Promise]) -> None:
    assert [p["text"] for p in cli("promise", "list", "--person", "Müller", "--json").json()] == [
        "Buch"
    ]
    assert [p["text"] for p in cli("promise", "list", "--mine", "--json").json()] == [
        "Angebot",
        "Buch",
    ]
    assert [p["text"] for p in cli("promise", "list", "--theirs", "--json").json()] == [
        "Kontakt zum CFO"
    ]
    unknown = cli("promise", "list", "--person", "Nobody", "--json")
    assert unknown.exit_code == 1
    assert "Error: no person matches 'Nobody'" in unknown.stderr
    assert unknown.stdout == ""


def test_promise_list_draws_a_table_for_people(cli: Cli, promised: list[Promise]) -> None:
    result = cli("promise", "list")
    assert result.exit_code == 0
    assert "Kontakt zum CFO" in result.stdout
    assert "2024-04-01 (Monday)" in result.stdout
    assert "overdue" in result.stdout
    assert "you" in result.stdout


def test_promise_done_marks_it_and_a_second_time_is_refused(
    cli: Cli, promised: list[Promise], fixed_today: dt.date
) -> None:
    promise = promised[0]
    result = cli("promise", "done", str(promise.pk))
    assert result.exit_code == 0, result.stderr
    assert "Done on 2024-03-13 (Wednesday)" in result.stderr
    assert "you owe Anna Schmidt 'Angebot'" in result.stderr
    promise.refresh_from_db()
    assert promise.done_on == fixed_today
    assert [p["text"] for p in cli("promise", "list", "--json").json()] == [
        "Kontakt zum CFO",
        "Buch",
    ]
    assert len(cli("promise", "list", "--all", "--json").json()) == 3
    again = cli("promise", "done", str(promise.pk))
    assert again.exit_code == 2
    assert f"Error: promise: {promise.pk} was already done on 2024-03-13" in again.stderr


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(["99999"], 1, "Error: no promise matches 99999", id="unknown id"),
        pytest.param(["zwei"], 2, "Error: promise: 'zwei' is not a promise id", id="not an id"),
        pytest.param(
            ["{first}", "--on", "31.02.2024"],
            2,
            "Error: on: '31.02.2024' is not a valid date",
            id="bad date",
        ),
    ],
)
def test_promise_done_refuses_bad_input(
    cli: Cli, promised: list[Promise], args: list[str], status: int, message: str
) -> None:
    result = cli("promise", "done", *[a.format(first=promised[0].pk) for a in args])
    assert result.exit_code == status
    assert message in result.stderr
    assert not Promise.objects.filter(done_on__isnull=False).exists()


# --- projects -------------------------------------------------------------------------


def test_project_add_list_and_show(cli: Cli, people: People, world: World) -> None:
    added = cli(
        "project",
        "add",
        "Website Relaunch",
        "--status",
        "geplant",
        "--org",
        "Muster GmbH",
        "--from",
        "2024-05",
        "--to",
        "2025",
        "--with",
        "Anna Schmidt=lead",
        "-w",
        "me=Beraterin",
        "--json",
    )
    assert added.exit_code == 0, added.stderr
    project = Project.objects.get()
    assert added.json() == projects.project_detail(world.alice, project)
    assert f"Added project {project.pk} 'Website Relaunch' (planned) at Muster GmbH" in (
        added.stderr
    )
    assert f"with Anna Schmidt (id {people.anna.pk}) as lead" in added.stderr
    listed = cli("project", "list", "--status", "planned", "--json")
    assert [p["name"] for p in listed.json()] == ["Website Relaunch"]
    assert cli("project", "list", "--status", "laufend", "--json").json() == []
    shown = cli("project", "show", "relaunch", "--json").json()
    assert shown["starts"] == "2024-05"
    assert shown["ends"] == "2025"
    assert [(p["name"], p["role"]) for p in shown["participants"]] == [
        ("Anna Schmidt", "lead"),
        ("Alice Adler", "Beraterin"),
    ]
    human = cli("project", "show", str(project.pk))
    assert "Website Relaunch (project" in human.stdout
    assert "Muster GmbH" in human.stdout
    assert "Beraterin" in human.stdout
    table = cli("project", "list")
    assert "Website Relaunch" in table.stdout


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(["add", ""], 2, "Error: name: '' is empty", id="empty name"),
        pytest.param(
            ["add", "X", "--from", "2024-13"],
            2,
            "Error: starts: '2024-13' is not a valid date: month 13 does not exist",
            id="malformed date",
        ),
        pytest.param(
            ["add", "X", "--from", "2024-05", "--to", "2023"],
            2,
            "Error: ends: '2023' is before the start 2024-05",
            id="end before start",
        ),
        pytest.param(
            ["add", "X", "--status", "vertagt"],
            2,
            "Error: status: 'vertagt' is not one of: planned, ongoing, completed, cancelled",
            id="unknown status",
        ),
        pytest.param(
            ["add", "X", "--org", "Neu AG", "--with", "Nobody=lead"],
            1,
            "Error: no participant matches 'Nobody'",
            id="unknown person",
        ),
        pytest.param(
            ["add", "X", "--with", "Anna"],
            2,
            "Error: participant 'Anna' is ambiguous",
            id="ambiguous person",
        ),
        pytest.param(["show", "Kochbuch"], 1, "Error: no project matches 'Kochbuch'", id="show"),
        pytest.param(
            ["list", "--status", "vertagt"], 2, "Error: status: 'vertagt' is not one of", id="list"
        ),
    ],
)
def test_project_commands_refuse_bad_input(
    cli: Cli, people: People, args: list[str], status: int, message: str
) -> None:
    before = counts()
    result = cli("project", *args, "--json")
    assert result.exit_code == status
    assert message in result.stderr
    assert result.stdout == ""
    assert counts() == before


# --- events ---------------------------------------------------------------------------


def test_event_add_list_show_and_met(cli: Cli, people: People, fixed_today: dt.date) -> None:
    added = cli(
        "event",
        "add",
        "Hannover Messe",
        "--kind",
        "Messe",
        "--on",
        "22.04.2024",
        "--until",
        "26.04.2024",
        "--place",
        "Hannover",
        "--organiser",
        "Deutsche Messe AG",
        "--cost",
        "1.234,50 €",
        "--hours",
        "12,5",
        "--note",
        "Halle 7",
        "--attendee",
        "Schmidt",
        "--json",
    )
    assert added.exit_code == 0, added.stderr
    event = Event.objects.get()
    assert added.json()["cost"] == "1234.50"
    assert added.json()["expected"] == [{"id": people.anna.pk, "name": "Anna Schmidt"}]
    assert (
        f"Added event {event.pk} 'Hannover Messe' (trade fair) on 2024-04-22 (Monday) "
        "until 2024-04-26 (Friday), cost 1234.50 EUR." in added.stderr
    )
    listed = cli("event", "list", "--json").json()
    assert [e["name"] for e in listed] == ["Hannover Messe"]
    assert cli("event", "list", "--past", "--json").json() == []
    assert [e["id"] for e in cli("event", "list", "--upcoming", "--json").json()] == [event.pk]
    met = cli("event", "met", "hannover", "Schmidt", "Jürgen")
    assert met.exit_code == 0, met.stderr
    assert "Met at Hannover Messe: Anna Schmidt" in met.stderr
    shown = cli("event", "show", "Messe", "--json").json()
    assert shown["expected"] == []
    # Sorted by family name, as a German reader expects.
    assert [p["name"] for p in shown["met"]] == ["Jürgen Müller", "Anna Schmidt"]
    human = cli("event", "show", str(event.pk))
    assert "Hannover Messe (event" in human.stdout
    assert "trade fair" in human.stdout
    assert "1234.50 EUR" in human.stdout
    assert "Jürgen Müller" in human.stdout
    assert "Hannover Messe" in cli("event", "list").stdout


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(
            ["add", "Messe", "--cost", "teuer"],
            2,
            "Error: cost: 'teuer' is not an amount; write e.g. 450, 450 EUR or 1.234,50 €",
            id="bad cost",
        ),
        pytest.param(
            ["add", "Messe", "--cost", "-450"], 2, "Error: cost: '-450' is negative", id="neg cost"
        ),
        pytest.param(
            ["add", "Messe", "--hours", "viel"],
            2,
            "Error: hours: 'viel' is not a number of hours",
            id="bad hours",
        ),
        pytest.param(
            ["add", "Messe", "--on", "30.02.2024"],
            2,
            "Error: starts: '30.02.2024' is not a valid date",
            id="malformed date",
        ),
        pytest.param(
            ["add", "Messe", "--kind", "Party"],
            2,
            "Error: kind: 'Party' is not one of: trade fair",
            id="unknown kind",
        ),
        pytest.param(
            ["add", "Messe", "--organiser", "Neu AG", "--attendee", "Nobody"],
            1,
            "Error: no attendee matches 'Nobody'",
            id="unknown attendee",
        ),
        pytest.param(["show", "Kongress"], 1, "Error: no event matches 'Kongress'", id="show"),
        pytest.param(
            ["met", "Stammtisch", "Schmidt", "Nobody"],
            1,
            "Error: no person matches 'Nobody'",
            id="met unknown person",
        ),
        pytest.param(
            ["met", "Stammtisch", "Anna"], 2, "Error: person 'Anna' is ambiguous", id="ambiguous"
        ),
        pytest.param(["met", "Stammtisch"], 2, "Error: people: '' is empty", id="met nobody"),
        pytest.param(
            ["met", "Kongress", "Schmidt"], 1, "Error: no event matches 'Kongress'", id="met"
        ),
    ],
)
def test_event_commands_refuse_bad_input(
    cli: Cli, people: People, world: World, args: list[str], status: int, message: str
) -> None:
    events.add_event(world.alice, "Stammtisch")
    before = counts()
    result = cli("event", *args, "--json")
    assert result.exit_code == status
    assert message in result.stderr
    assert result.stdout == ""
    assert counts() == before


@pytest.mark.parametrize(
    "command",
    [
        ["log"],
        ["promise", "list"],
        ["promise", "done"],
        ["project", "add"],
        ["project", "list"],
        ["project", "show"],
        ["event", "add"],
        ["event", "list"],
        ["event", "show"],
        ["event", "met"],
    ],
    ids=" ".join,
)
def test_every_command_has_an_example_in_its_help(cli: Cli, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert f"Example: knoten {' '.join(command)}" in result.stdout
