"""What the CLI adds about a person it can also list, change and remove: how we met at an
organisation (``--met-org``) and affiliations (``affiliation list|edit|end|delete``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from knoten.core import clock
from knoten.people.affiliations import add_affiliation
from knoten.people.models import Affiliation, Organisation, Person
from knoten.people.organisations import add_organisation
from tests.conftest import CliResult, World

Cli = Callable[..., CliResult]
Rows = Callable[[], dict[str, int]]


# --- how we met at an organisation -----------------------------------------------------------


def test_met_org_on_add_edit_and_clear(cli: Cli) -> None:
    cli("org", "add", "Siemens AG")
    added = cli("person", "add", "Anna Schmidt", "--met-org", "siemens ag")
    assert added.exit_code == 0, added.stderr
    anna = Person.objects.get(given_name="Anna")
    assert anna.met_at_organisation == Organisation.objects.get(name="Siemens AG")
    shown = cli("person", "show", "Anna", "--json").json()
    assert shown["how_we_met"]["organisation"]["name"] == "Siemens AG"
    assert "at Siemens AG" in cli("person", "show", "Anna").stdout

    edited = cli("person", "edit", "Anna", "--met-org", "VDI Berlin")
    assert edited.exit_code == 0, edited.stderr
    anna.refresh_from_db()
    assert anna.met_at_organisation == Organisation.objects.get(name="VDI Berlin")

    cleared = cli("person", "edit", "Anna", "--met-org", "")
    assert cleared.exit_code == 0, cleared.stderr
    anna.refresh_from_db()
    assert anna.met_at_organisation is None


@pytest.mark.parametrize("org", ["another network's", "999999"])
def test_met_org_refuses_an_organisation_not_of_the_network(
    cli: Cli, world: World, rows: Rows, org: str
) -> None:
    cli("person", "add", "Anna Schmidt", "--met-org", "Zeiss")
    theirs = add_organisation(world.bob, "Bobs GmbH")
    value = str(theirs.pk) if org == "another network's" else org
    before = rows()
    result = cli("person", "edit", "Anna", "--met-org", value, "--note", "neu")
    assert result.exit_code in (1, 2)
    assert "met_org" in result.stderr
    assert rows() == before
    anna = Person.objects.get(given_name="Anna")
    assert (anna.met_at_organisation.name, anna.notes) == ("Zeiss", "")  # type: ignore[union-attr]


# --- affiliations: list, edit, end, delete -------------------------------------------------


def _job(cli: Cli) -> int:
    assert cli("person", "add", "Anna Schmidt").exit_code == 0
    added = cli(
        "affiliation",
        "add",
        "Anna",
        "Siemens AG",
        "--kind",
        "job",
        "--title",
        "CFO",
        "--from",
        "2019",
        "--json",
    )
    assert added.exit_code == 0, added.stderr
    return int(added.json()[0]["id"])


def test_affiliation_add_list_edit_end_and_delete(cli: Cli) -> None:
    job = _job(cli)
    cli(
        "affiliation",
        "add",
        "Anna",
        "TU München",
        "--kind",
        "Ausbildung",
        "--from",
        "2008",
        "--to",
        "2013",
    )

    listed = cli("affiliation", "list", "Anna", "--json")
    assert listed.exit_code == 0, listed.stderr
    first = listed.json()[0]
    assert (first["id"], first["organisation"]["name"], first["current"]) == (
        job,
        "Siemens AG",
        True,
    )
    assert [a["kind"] for a in listed.json()] == ["job", "education"]
    table = cli("affiliation", "list", "Anna")
    assert "Siemens AG" in table.stdout and "TU München" in table.stdout
    assert str(job) in table.stdout and "2 affiliations." in table.stderr

    edited = cli(
        "affiliation",
        "edit",
        str(job),
        "--org",
        "Bosch GmbH",
        "--kind",
        "Funktion",
        "--title",
        "Vorstand",
        "--from",
        "05.2020",
        "--note",
        "Finanzen",
        "--json",
    )
    assert edited.exit_code == 0, edited.stderr
    assert f"Changed Anna Schmidt: function: Vorstand at Bosch GmbH (affiliation {job})" in (
        edited.stderr
    )
    assert "from: 05/2020 (2020-05)" in edited.stderr
    assert edited.json()["start"] == "2020-05"
    row = Affiliation.objects.select_related("organisation").get(pk=job)
    assert (row.kind, row.title, row.organisation.name, row.note) == (
        "function",
        "Vorstand",
        "Bosch GmbH",
        "Finanzen",
    )

    with clock.pinned(dt.date(2024, 3, 13)):
        ended = cli("affiliation", "end", str(job), "--json")
    assert ended.exit_code == 0, ended.stderr
    assert ended.json()["end"] == "2024-03" and not ended.json()["current"]
    assert "Ended Anna Schmidt: function: Vorstand at Bosch GmbH" in ended.stderr

    refused = cli("affiliation", "delete", str(job))
    assert refused.exit_code == 2
    assert "was not deleted" in refused.stderr and "--yes" in refused.stderr
    assert Affiliation.objects.filter(pk=job).exists()
    deleted = cli("affiliation", "delete", str(job), "--yes")
    assert deleted.exit_code == 0, deleted.stderr
    assert f"Deleted Anna Schmidt: function: Vorstand at Bosch GmbH (affiliation {job})" in (
        deleted.stderr
    )
    assert not Affiliation.objects.filter(pk=job).exists()
    assert Organisation.objects.filter(name="Bosch GmbH").exists()
    assert [a["kind"] for a in cli("affiliation", "list", "Anna", "--json").json()] == ["education"]


def test_affiliation_edit_clears_with_an_empty_value(cli: Cli) -> None:
    job = _job(cli)
    result = cli("affiliation", "edit", str(job), "--title", "", "--from", "", "--to", "2023")
    assert result.exit_code == 0, result.stderr
    row = Affiliation.objects.get(pk=job)
    assert (row.title, row.start, str(row.end)) == ("", None, "2023")


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["edit", "999999", "--title", "X"], 1, "no affiliation matches '999999'"),
        (["edit", "theirs", "--title", "X"], 1, "no affiliation matches"),
        (["edit", "siemens", "--title", "X"], 1, "no affiliation matches 'siemens'"),
        (["edit", "mine"], 2, "has nothing to change; give an option"),
        (["edit", "mine", "--kind", "Hobby", "--title", "X"], 2, "kind: 'Hobby' is not one of"),
        (["edit", "mine", "--to", "2018", "--title", "X"], 2, "end: '2018'"),
        (["edit", "mine", "--from", "32.01.2020"], 2, "start: '32.01.2020'"),
        (["edit", "mine", "--org", " ", "--title", "X"], 2, "organisation: ' ' is empty"),
        (["end", "theirs"], 1, "no affiliation matches"),
        (["end", "mine", "--to", "2018"], 2, "'2018' is before the start"),
        (["delete", "theirs", "--yes"], 1, "no affiliation matches"),
        (["delete", "999999", "--yes"], 1, "no affiliation matches '999999'"),
        (["list", "Niemand"], 1, "no person matches 'Niemand'"),
    ],
)
def test_affiliation_commands_refuse_bad_input_and_change_nothing(
    cli: Cli, world: World, rows: Rows, args: list[str], status: int, message: str
) -> None:
    job = _job(cli)
    theirs = add_affiliation(world.bob, world.bob.me, "Bobs GmbH", title="Chef")
    ids = {"mine": str(job), "theirs": str(theirs.pk)}
    command, target, *rest = args
    before = rows()
    mine_before = Affiliation.objects.filter(pk=job).values().get()
    theirs_before = Affiliation.objects.filter(pk=theirs.pk).values().get()
    json = [] if command == "delete" else ["--json"]
    result = cli("affiliation", command, ids.get(target, target), *rest, *json)
    assert result.exit_code == status
    assert message in result.stderr
    assert result.stdout == ""
    assert rows() == before
    assert Affiliation.objects.filter(pk=job).values().get() == mine_before
    assert Affiliation.objects.filter(pk=theirs.pk).values().get() == theirs_before


def test_affiliation_edit_refuses_another_networks_organisation(
    cli: Cli, world: World, rows: Rows
) -> None:
    job = _job(cli)
    theirs = add_organisation(world.bob, "Bobs GmbH")
    before = rows()
    result = cli("affiliation", "edit", str(job), "--org", str(theirs.pk), "--title", "X")
    assert result.exit_code == 1
    assert f"no organisation matches '{theirs.pk}'" in result.stderr
    assert rows() == before
    row = Affiliation.objects.select_related("organisation").get(pk=job)
    assert (row.organisation.name, row.title) == ("Siemens AG", "CFO")


@pytest.mark.parametrize(
    "command",
    [
        ["affiliation", "list"],
        ["affiliation", "edit"],
        ["affiliation", "end"],
        ["affiliation", "delete"],
    ],
)
def test_every_affiliation_command_has_an_example_in_its_help(cli: Cli, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert f"Example: knoten {' '.join(command)}" in " ".join(result.stdout.split())
