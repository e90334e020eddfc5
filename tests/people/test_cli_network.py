"""``knoten org``, ``affiliation``, ``relate``, ``unrelate`` and ``date`` through the CLI."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.people.models import Affiliation, ImportantDate, Organisation, Relationship
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
Rows = Callable[[], dict[str, int]]


@pytest.fixture
def two(cli: Cli) -> Cli:
    assert cli("person", "add", "Anna Schmidt").exit_code == 0
    assert cli("person", "add", "Ben Weber").exit_code == 0
    return cli


# --- organisations -----------------------------------------------------------------------


def test_org_add_list_and_show(cli: Cli) -> None:
    added = cli("org", "add", "VDI Berlin", "--kind", "Berufs- und Branchenverband", "--json")
    assert added.exit_code == 0
    assert added.json()["kind"] == "professional_association"
    cli("person", "add", "Klaus Weber", "--org", "VDI Berlin", "--function", "Vorsitzender")
    cli("org", "add", "Ärztekammer", "--kind", "public body")
    listed = cli("org", "list", "--json")
    assert [(o["name"], o["current_people"]) for o in listed.json()] == [
        ("Ärztekammer", 0),
        ("VDI Berlin", 1),
    ]
    assert [o["name"] for o in cli("org", "list", "--kind", "Behörde", "--json").json()] == [
        "Ärztekammer"
    ]
    shown = cli("org", "show", "vdi", "--json")
    assert shown.exit_code == 0
    assert [(a["person"]["name"], a["kind"], a["title"]) for a in shown.json()["current"]] == [
        ("Klaus Weber", "function", "Vorsitzender")
    ]
    human = cli("org", "show", "vdi")
    assert "Klaus Weber" in human.stdout and "function: Vorsitzender" in human.stdout
    table = cli("org", "list")
    assert "Ärztekammer" in table.stdout and "VDI Berlin" in table.stdout


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["org", "add", " "], 2, "name: ' ' is empty"),
        (["org", "add", "X", "--kind", "Sekte"], 2, "kind: 'Sekte' is not one of"),
        (["org", "add", "X", "--website", "kein link"], 2, "website: 'kein link' is not a web"),
        (["org", "add", "siemens ag"], 2, "name: 'siemens ag' already exists"),
        (["org", "list", "--kind", "Sekte", "--json"], 2, "kind: 'Sekte' is not one of"),
        (["org", "show", "Nokia", "--json"], 1, "no organisation matches 'Nokia'"),
    ],
)
def test_org_bad_input(cli: Cli, rows: Rows, args: list[str], status: int, message: str) -> None:
    cli("org", "add", "Siemens AG")
    before = rows()
    result = cli(*args)
    assert result.exit_code == status
    assert message in result.stderr
    assert result.stdout == ""
    assert rows() == before


# --- affiliations -------------------------------------------------------------------------


def test_affiliation_add_with_partial_dates(two: Cli) -> None:
    result = two(
        "affiliation",
        "add",
        "Anna",
        "TU München",
        "--kind",
        "Ausbildung",
        "--title",
        "M.Sc. Informatik",
        "--from",
        "2008",
        "--to",
        "09/2013",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    assert "to: 09/2013 (2013-09)" in result.stderr
    assert [(a["kind"], a["start"], a["end"]) for a in result.json()] == [
        ("education", "2008", "2013-09")
    ]
    assert Organisation.objects.get(name="TU München").kind == "school"


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["Anna", "Zeiss", "--kind", "Hobby"], 2, "kind: 'Hobby' is not one of"),
        (["Anna", "Zeiss", "--kind", "job", "--from", "2020", "--to", "2019"], 2, "end: '2019'"),
        (["Anna", "Zeiss", "--kind", "job", "--from", "32.01.2020"], 2, "start: '32.01.2020'"),
        (["Niemand", "Zeiss", "--kind", "job"], 1, "no person matches 'Niemand'"),
        (["Anna", "Zeiss"], 2, "Missing option '--kind'"),
    ],
)
def test_affiliation_bad_input(
    two: Cli, rows: Rows, args: list[str], status: int, message: str
) -> None:
    before = rows()
    result = two("affiliation", "add", *args)
    assert result.exit_code == status
    assert message in result.stderr
    assert rows() == before
    assert not Affiliation.objects.exists()


# --- relationships -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["Geschäftspartner", "business-partner", "business partner"])
def test_relate_reads_kinds_in_german_or_english(two: Cli, kind: str) -> None:
    result = two("relate", "Anna", "Ben", "--kind", kind, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["kind"] == "business_partner"
    assert "Anna Schmidt is business partner of Ben Weber" in result.stderr


def test_relate_the_reverse_direction_and_update(two: Cli) -> None:
    first = two("relate", "Ben", "Anna", "--kind", "report", "--since", "2019", "--json")
    assert first.exit_code == 0
    assert (first.json()["from"]["name"], first.json()["to"]["name"]) == (
        "Anna Schmidt",
        "Ben Weber",
    )
    assert "since: 2019 (2019)" in first.stderr
    second = two("relate", "Anna", "Ben", "--kind", "boss", "--trust", "5", "--note", "gut")
    assert second.exit_code == 0
    relationship = Relationship.objects.get()
    assert (relationship.trust, str(relationship.since), relationship.note) == (5, "2019", "gut")


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["Anna", "Ben", "--kind", "Feind"], 2, "kind: 'Feind' is not a relationship kind"),
        (["Anna", "Ben", "--kind", "friend", "--trust", "7"], 2, "trust: '7' is out of range"),
        (["Anna", "Ben", "--kind", "friend", "--trust", "0"], 2, "trust: '0' is out of range"),
        (["Anna", "Ben", "--kind", "friend", "--trust", "viel"], 2, "trust: 'viel' is not a whole"),
        (["Anna", "Ben", "--kind", "friend", "--since", "neulich"], 2, "since: 'neulich'"),
        (["Anna", "Schmidt", "--kind", "friend"], 2, "is not related to themselves"),
        (["Anna", "Niemand", "--kind", "friend"], 1, "no person matches 'Niemand'"),
        (["Anna", "", "--kind", "friend"], 2, "person: '' is empty"),
        (["A", "Ben", "--kind", "friend"], 2, "person 'A' is ambiguous"),
        (["Anna", "Ben"], 2, "Missing option '--kind'"),
    ],
)
def test_relate_bad_input(two: Cli, rows: Rows, args: list[str], status: int, message: str) -> None:
    two("person", "add", "Albert Adam")
    before = rows()
    result = two("relate", *args)
    assert result.exit_code == status, result.stderr
    assert message in result.stderr
    assert rows() == before


def test_unrelate(two: Cli) -> None:
    two("relate", "Anna", "Ben", "--kind", "friend")
    two("relate", "Anna", "Ben", "--kind", "boss")
    one = two("unrelate", "Anna", "Ben", "--kind", "Chef")
    assert (one.exit_code, "Removed 1 relationship." in one.stderr) == (0, True)
    rest = two("unrelate", "Ben", "Anna")
    assert (rest.exit_code, "Removed 1 relationship." in rest.stderr) == (0, True)
    none = two("unrelate", "Ben", "Anna")
    assert none.exit_code == 1
    assert "no relationship matches 'Ben Weber – Anna Schmidt'" in none.stderr
    bad = two("unrelate", "Ben", "Anna", "--kind", "Feind")
    assert bad.exit_code == 2
    assert "kind: 'Feind' is not a relationship kind" in bad.stderr


# --- dates ---------------------------------------------------------------------------------


def test_date_add_echoes_the_date_understood(two: Cli) -> None:
    result = two("date", "add", "Anna", "--kind", "Geburtstag", "14.03.", "--json")
    assert result.exit_code == 0, result.stderr
    assert "birthday 14.03. (--03-14)" in result.stderr
    assert result.json()["date"] == "--03-14"
    again = two("date", "add", "Anna", "--kind", "birthday", "1980-03-15")
    assert again.exit_code == 0
    assert [str(d.date) for d in ImportantDate.objects.all()] == ["1980-03-15"]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["Anna", "--kind", "birthday", "30.02.1980"], 2, "date: '30.02.1980' is not a valid date"),
        (["Anna", "--kind", "birthday", "bald"], 2, "date: 'bald' is not a date"),
        (["Anna", "--kind", "Namenstag", "14.03."], 2, "kind: 'Namenstag' is not one of"),
        (["Niemand", "--kind", "birthday", "14.03."], 1, "no person matches 'Niemand'"),
    ],
)
def test_date_bad_input(two: Cli, rows: Rows, args: list[str], status: int, message: str) -> None:
    before = rows()
    result = two("date", "add", *args)
    assert result.exit_code == status
    assert message in result.stderr
    assert rows() == before


# --- help ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["person", "add"],
        ["person", "list"],
        ["person", "show"],
        ["person", "edit"],
        ["person", "archive"],
        ["person", "delete"],
        ["org", "add"],
        ["org", "list"],
        ["org", "show"],
        ["affiliation", "add"],
        ["relate"],
        ["unrelate"],
        ["date", "add"],
    ],
)
def test_every_command_has_an_example_in_its_help(cli: Cli, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert f"Example: knoten {' '.join(command)}" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    "command",
    [["person", "list"], ["person", "show", "me"], ["org", "list"], ["org", "show", "Zeiss"]],
)
def test_every_read_command_prints_only_json_with_json(cli: Cli, command: list[str]) -> None:
    cli("person", "add", "Anna Schmidt", "--org", "Zeiss")
    result = cli(*command, "--json")
    assert result.exit_code == 0
    data = result.json()
    assert isinstance(data, list if command[1] == "list" else dict)
