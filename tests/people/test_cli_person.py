"""``knoten person …`` through the command line, as Alice, including every bad input."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.people.models import ContactPoint, Person
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
Rows = Callable[[], dict[str, int]]


def test_add_echoes_what_was_understood_and_json_is_all_stdout_holds(cli: Cli) -> None:
    result = cli(
        "person",
        "add",
        "Prof. Dr. Hans-Peter von Müller",
        "--org",
        "Siemens AG",
        "--title",
        "CFO",
        "--email",
        "work:HP.Mueller@Siemens.com",
        "--phone",
        "mobile:0170 1234567",
        "--address",
        "Hauptstr. 5, 10115 Berlin",
        "--circle",
        "Kollegen",
        "--tag",
        "Investor",
        "--skill",
        "Zollrecht",
        "--birthday",
        "14.03.",
        "--met-on",
        "2019-05",
        "--how-met",
        "Messe",
        "--sie",
        "--note",
        "Segelt",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    row = result.json()
    assert row["name"] == "Prof. Dr. Hans-Peter von Müller"
    assert row["job"]["title"] == "CFO"
    assert (row["email"], row["phone"]) == ("hp.mueller@siemens.com", "+491701234567")
    assert "birthday: 14.03. (--03-14)" in result.stderr
    assert "met on: 05/2019 (2019-05)" in result.stderr
    assert "name: title 'Prof. Dr.', given 'Hans-Peter', particle 'von', family 'Müller'" in (
        result.stderr
    )
    assert "phone: +49 170 1234567 (mobile) → +491701234567" in result.stderr
    person = Person.objects.get(pk=row["id"])
    assert person.form_of_address == "sie"
    assert person.notes == "Segelt"


def test_du_and_the_defaults(cli: Cli) -> None:
    assert cli("person", "add", "Anna Schmidt", "--du").exit_code == 0
    assert Person.objects.get(family_name="Schmidt").form_of_address == "du"
    assert cli("person", "add", "Ben Weber").exit_code == 0
    assert Person.objects.get(family_name="Weber").form_of_address == ""


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--email", "anna@"], 2, "email: 'anna@' is not a valid email address"),
        (["--email", "anna.example.de"], 2, "email: 'anna.example.de' is not a valid email"),
        (["--phone", "12345"], 2, "phone: '12345' is not a valid phone number"),
        (["--phone", "hallo"], 2, "phone: 'hallo' is not a phone number"),
        (["--birthday", "31.02.1980"], 2, "birthday: '31.02.1980' is not a valid date"),
        (["--birthday", "nächsten Mai"], 2, "birthday: 'nächsten Mai' is not a date"),
        (["--met-on", "2019-13"], 2, "met_on: '2019-13' is not a valid date"),
        (["--website", "kein link"], 2, "website: 'kein link' is not a web address"),
        (["--title", "CEO"], 2, "title: 'CEO' needs an organisation (--org)"),
        (["--importance", "9"], 2, "importance: '9' is not 1–4"),
        (["--met-via", "Niemand"], 1, "no met_via person matches 'Niemand'"),
        (["--met-at", "Hannover Messe"], 1, "no met_at event matches 'Hannover Messe'"),
    ],
)
def test_add_with_bad_input_says_what_and_writes_nothing(
    cli: Cli, rows: Rows, args: list[str], status: int, message: str
) -> None:
    before = rows()
    # Everything else given is valid and would be written: a new organisation, a circle.
    org = [] if args[0] == "--title" else ["--org", "Neu AG"]
    result = cli("person", "add", "Eva Roth", *org, "--circle", "Neu", *args)
    assert result.exit_code == status
    assert message in result.stderr
    assert result.stderr.count("\n") == 1  # one sentence
    assert result.stdout == ""
    assert rows() == before


def test_an_empty_name_is_refused(cli: Cli, rows: Rows) -> None:
    before = rows()
    result = cli("person", "add", "  ", "--email", "a@b.de")
    assert result.exit_code == 2
    assert "name: '  ' is empty; a person needs at least a name" in result.stderr
    assert rows() == before


def test_an_ambiguous_introducer_lists_the_candidates_and_writes_nothing(
    cli: Cli, rows: Rows
) -> None:
    cli("person", "add", "Anna Schmidt", "--org", "Siemens", "--title", "CFO")
    cli("person", "add", "Anna Schmitt")
    before = rows()
    result = cli("person", "add", "Eva Roth", "--met-via", "Anna", "--json")
    assert result.exit_code == 2
    assert "met_via person 'Anna' is ambiguous, it matches 2" in result.stderr
    assert "Anna Schmidt (CFO, Siemens)" in result.stderr
    assert "Anna Schmitt" in result.stderr
    assert result.stdout == ""
    assert rows() == before


# --- list and show ---------------------------------------------------------------------------


def test_list_prints_german_order_as_json_or_as_a_table(cli: Cli) -> None:
    for name in (
        "Jürgen Strauß",
        "Thomas Stratmann",
        "Ömer Özdemir",
        "Otto Ostermann",
        "Ute van Dyke",
    ):
        assert cli("person", "add", name).exit_code == 0
    listed = cli("person", "list", "--json")
    assert listed.exit_code == 0
    assert [row["name"] for row in listed.json()] == [
        "Alice Adler",
        "Ute van Dyke",
        "Otto Ostermann",
        "Ömer Özdemir",
        "Thomas Stratmann",
        "Jürgen Strauß",
    ]
    assert [row["name"] for row in cli("person", "list", "--limit", "2", "--json").json()] == [
        "Alice Adler",
        "Ute van Dyke",
    ]
    table = cli("person", "list")
    assert table.exit_code == 0
    assert table.stdout.index("Ostermann") < table.stdout.index("Özdemir")
    assert "6 persons." in table.stderr


def test_list_filters_by_circle_org_and_tag(cli: Cli) -> None:
    cli("person", "add", "Anna Adam", "--circle", "Freunde", "--org", "Zeiss", "--tag", "Segeln")
    cli("person", "add", "Ben Bach")
    for option, value in (("--circle", "friends"), ("--org", "zeiss"), ("--tag", "segeln")):
        result = cli("person", "list", option, value, "--json")
        assert [row["name"] for row in result.json()] == ["Anna Adam"], option


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--circle", "Segler"], 1, "no circle matches 'Segler'"),
        (["--org", "Nokia"], 1, "no org matches 'Nokia'"),
        (["--tag", "nix"], 1, "no tag matches 'nix'"),
        (["--limit", "-3"], 2, "Invalid value for '--limit'"),
        (["--limit", "viele"], 2, "Invalid value for '--limit'"),
    ],
)
def test_list_with_bad_filters(cli: Cli, args: list[str], status: int, message: str) -> None:
    result = cli("person", "list", *args, "--json")
    assert result.exit_code == status
    assert message in result.stderr
    assert result.stdout == ""


def test_show_finds_umlauts_typed_without_them(cli: Cli) -> None:
    cli("person", "add", "Jürgen Müller", "--email", "jm@example.de", "--birthday", "1.2.1970")
    cli("person", "add", "Anna Schmidt")
    cli("relate", "Mueller", "Anna", "--kind", "boss", "--trust", "4")
    result = cli("person", "show", "Juergen Mueller", "--json")
    assert result.exit_code == 0
    data = result.json()
    assert data["name"] == "Jürgen Müller"
    assert data["birthday"] == "1970-02-01"
    assert data["relationships"][0]["label"] == "boss of"
    human = cli("person", "show", "muller")
    assert human.exit_code == 0
    assert "Jürgen Müller" in human.stdout
    assert "boss of" in human.stdout and "Anna Schmidt" in human.stdout
    assert "jm@example.de" in human.stdout


def test_show_me(cli: Cli) -> None:
    result = cli("person", "show", "me", "--json")
    assert result.exit_code == 0
    assert (result.json()["name"], result.json()["me"]) == ("Alice Adler", True)


def test_show_an_unknown_person_exits_1(cli: Cli) -> None:
    result = cli("person", "show", "Niemand", "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "no person matches 'Niemand'" in result.stderr


def test_show_an_ambiguous_name_lists_the_candidates_and_exits_2(cli: Cli) -> None:
    cli("person", "add", "Anna Schmidt")
    cli("person", "add", "Anna Schmitt")
    result = cli("person", "show", "anna")
    assert result.exit_code == 2
    assert "person 'anna' is ambiguous" in result.stderr
    assert ": Anna Schmidt" in result.stderr and ": Anna Schmitt" in result.stderr
    assert result.stdout == ""


# --- edit, archive, delete ------------------------------------------------------------------


def test_edit_changes_what_is_given(cli: Cli) -> None:
    cli("person", "add", "Anna Schmidt", "--email", "a@x.de", "--note", "alt")
    result = cli(
        "person", "edit", "Anna", "--name", "Dr. Anna Zander", "--phone", "030 1234567", "--du"
    )
    assert result.exit_code == 0, result.stderr
    assert "Changed Dr. Anna Zander" in result.stderr
    anna = Person.objects.get(given_name="Anna")
    assert (anna.family_name, anna.academic_title, anna.form_of_address, anna.notes) == (
        "Zander",
        "Dr.",
        "du",
        "alt",
    )
    assert {c.value for c in ContactPoint.objects.filter(person=anna)} == {"a@x.de", "+49301234567"}


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--email", "b@"], 2, "email: 'b@' is not a valid email address"),
        (["--phone", "0"], 2, "phone: '0' is not"),
        (["--birthday", "32.01."], 2, "birthday: '32.01.' is not a valid date"),
        (["--name", ""], 2, "name: '' is empty"),
        ([], 2, "has nothing to change"),
    ],
)
def test_a_bad_edit_changes_nothing(
    cli: Cli, rows: Rows, args: list[str], status: int, message: str
) -> None:
    cli("person", "add", "Anna Schmidt", "--email", "a@x.de", "--note", "alt")
    before = rows()
    result = (
        cli("person", "edit", "Anna", "--note", "neu", *args)
        if args
        else cli("person", "edit", "Anna")
    )
    assert result.exit_code == status
    assert message in result.stderr
    assert rows() == before
    assert Person.objects.get(given_name="Anna").notes == "alt"


def test_edit_an_unknown_person_exits_1(cli: Cli) -> None:
    result = cli("person", "edit", "Niemand", "--note", "x")
    assert result.exit_code == 1
    assert "no person matches 'Niemand'" in result.stderr


def test_archive_and_undo(cli: Cli) -> None:
    cli("person", "add", "Anna Schmidt")
    assert cli("person", "archive", "Anna").exit_code == 0
    assert [r["name"] for r in cli("person", "list", "--json").json()] == ["Alice Adler"]
    assert "Anna Schmidt" in [
        r["name"] for r in cli("person", "list", "--archived", "--json").json()
    ]
    result = cli("person", "archive", "Anna", "--undo")
    assert result.exit_code == 0
    assert "Restored Anna Schmidt" in result.stderr
    assert not Person.objects.get(given_name="Anna").archived


def test_delete_without_yes_and_without_a_terminal_refuses(cli: Cli, rows: Rows) -> None:
    cli("person", "add", "Anna Schmidt")
    before = rows()
    result = cli("person", "delete", "Anna")
    assert result.exit_code == 2
    assert "person: 'Anna' was not deleted" in result.stderr
    assert "--yes" in result.stderr
    assert rows() == before


def test_delete_with_yes(cli: Cli) -> None:
    cli("person", "add", "Anna Schmidt", "--email", "a@x.de")
    result = cli("person", "delete", "Anna", "--yes")
    assert result.exit_code == 0
    assert "Deleted Anna Schmidt" in result.stderr
    assert not Person.objects.filter(given_name="Anna").exists()
    assert not ContactPoint.objects.exists()


def test_me_cannot_be_deleted(cli: Cli, rows: Rows) -> None:
    before = rows()
    result = cli("person", "delete", "me", "--yes")
    assert result.exit_code == 2
    assert "cannot be deleted" in result.stderr
    assert rows() == before


def test_delete_an_unknown_person_exits_1(cli: Cli) -> None:
    result = cli("person", "delete", "Niemand", "--yes")
    assert result.exit_code == 1
    assert "no person matches 'Niemand'" in result.stderr
