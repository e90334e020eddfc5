"""``knoten project edit|delete``: what the CLI adds about a project it can also change
and remove, through the same functions of :mod:`knoten.journal.projects` as the web."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from knoten.journal import projects
from knoten.journal.models import Project, ProjectRole
from tests.conftest import CliResult, World
from tests.journal.conftest import People, counts

Cli = Callable[..., CliResult]


@pytest.fixture
def relaunch(cli: Cli, people: People) -> Project:
    added = cli(
        "project",
        "add",
        "Website Relaunch",
        "--org",
        "Muster GmbH",
        "--from",
        "2024-05",
        "--with",
        "Anna Schmidt=lead",
        "-w",
        "Mueller=QA",
    )
    assert added.exit_code == 0, added.stderr
    return Project.objects.get()


def _roles(project: Project) -> list[tuple[str, str]]:
    return [
        (role.person.full_name, role.role)
        for role in ProjectRole.objects.filter(project=project).order_by("person__given_name")
    ]


def test_project_edit_status_in_german_and_the_facts(
    cli: Cli, world: World, relaunch: Project
) -> None:
    result = cli(
        "project",
        "edit",
        "relaunch",
        "--status",
        "abgeschlossen",
        "--name",
        "Relaunch 2024",
        "--to",
        "12.2024",
        "--org",
        "",
        "--description",
        "Neue Seite",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    relaunch.refresh_from_db()
    assert (relaunch.name, relaunch.status, relaunch.organisation_id, relaunch.description) == (
        "Relaunch 2024",
        "completed",
        None,
        "Neue Seite",
    )
    assert (str(relaunch.starts_on), str(relaunch.ends_on)) == ("2024-05", "2024-12")
    assert result.json() == projects.project_detail(world.alice, relaunch)
    assert f"Changed project {relaunch.pk} 'Relaunch 2024' (completed)." in result.stderr
    assert cli("project", "list", "--status", "abgeschlossen", "--json").json()[0]["id"] == (
        relaunch.pk
    )


def test_project_edit_adds_changes_and_removes_roles(
    cli: Cli, people: People, relaunch: Project
) -> None:
    result = cli(
        "project",
        "edit",
        str(relaunch.pk),
        "--with",
        "Schneider",
        "-w",
        "Mueller=Test",
        "--without",
        "Anna Schmidt",
    )
    assert result.exit_code == 0, result.stderr
    assert _roles(relaunch) == [("Anna Schneider", ""), ("Jürgen Müller", "Test")]
    assert "with Jürgen Müller" in result.stderr and "as Test" in result.stderr
    # Named again without a role, a participant keeps theirs.
    assert cli("project", "edit", "relaunch", "--with", "Mueller").exit_code == 0
    assert _roles(relaunch) == [("Anna Schneider", ""), ("Jürgen Müller", "Test")]
    # "PERSON=" clears the role.
    assert cli("project", "edit", "relaunch", "--with", "Mueller=").exit_code == 0
    assert _roles(relaunch) == [("Anna Schneider", ""), ("Jürgen Müller", "")]


def test_project_delete_asks_then_deletes_the_project_and_its_roles(
    cli: Cli, people: People, relaunch: Project
) -> None:
    refused = cli("project", "delete", "relaunch")
    assert refused.exit_code == 2
    assert "project: 'relaunch' was not deleted" in refused.stderr and "--yes" in refused.stderr
    assert Project.objects.exists()
    deleted = cli("project", "delete", "relaunch", "--yes")
    assert deleted.exit_code == 0, deleted.stderr
    assert f"Deleted project {relaunch.pk} 'Website Relaunch'." in deleted.stderr
    assert not Project.objects.exists() and not ProjectRole.objects.exists()
    assert cli("project", "list", "--json").json() == []
    people.anna.refresh_from_db()  # the people stay


def _state(project: Project) -> tuple[Any, ...]:
    return (Project.objects.filter(pk=project.pk).values().get(), _roles(project))


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(["Kochbuch", "--name", "X"], 1, "no project matches 'Kochbuch'", id="unknown"),
        pytest.param(["theirs", "--name", "X"], 1, "no project matches", id="another network's"),
        pytest.param(["relaunch"], 2, "has nothing to change; give an option", id="nothing"),
        pytest.param(
            ["relaunch", "--name", "X", "--status", "vertagt"],
            2,
            "status: 'vertagt' is not one of: planned, ongoing, completed, cancelled",
            id="status",
        ),
        pytest.param(
            ["relaunch", "--name", "X", "--to", "2023"],
            2,
            "ends: '2023' puts the end 2023 before the start 2024-05",
            id="end before start",
        ),
        pytest.param(["relaunch", "--name", " "], 2, "name: ' ' is empty", id="empty name"),
        pytest.param(
            ["relaunch", "--name", "X", "--with", "Niemand=lead"],
            1,
            "no participant matches 'Niemand'",
            id="unknown participant",
        ),
        pytest.param(
            ["relaunch", "--name", "X", "--with", "Bernd Braun"],
            1,
            "no participant matches 'Bernd Braun'",
            id="another network's participant",
        ),
        pytest.param(
            ["relaunch", "--name", "X", "--without", "Schneider"],
            2,
            "removed: 'Schneider' is not in the project Website Relaunch",
            id="remove one not in it",
        ),
        pytest.param(
            ["relaunch", "--name", "X", "--with", "Mueller=A", "--without", "Mueller"],
            2,
            "removed: 'Mueller' is also named to join",
            id="add and remove",
        ),
        pytest.param(
            ["relaunch", "--name", "X", "--without", "Anna"],
            2,
            "removed person 'Anna' is ambiguous",
            id="ambiguous",
        ),
        pytest.param(
            ["relaunch", "--name", "X", "--org", "999999"],
            1,
            "no organisation matches '999999'",
            id="unknown organisation id",
        ),
    ],
)
def test_project_edit_refuses_bad_input_and_changes_nothing(
    cli: Cli, world: World, relaunch: Project, args: list[str], status: int, message: str
) -> None:
    theirs = projects.add_project(world.bob, "Bobs Umbau")
    target, *rest = args
    before, state = counts(), _state(relaunch)
    result = cli(
        "project", "edit", str(theirs.pk) if target == "theirs" else target, *rest, "--json"
    )
    assert result.exit_code == status
    assert message in result.stderr
    assert result.stdout == ""
    assert counts() == before
    assert _state(relaunch) == state
    assert Project.objects.get(pk=theirs.pk).name == "Bobs Umbau"


def test_project_delete_refuses_another_networks_project(cli: Cli, world: World) -> None:
    theirs = projects.add_project(world.bob, "Bobs Umbau")
    result = cli("project", "delete", str(theirs.pk), "--yes")
    assert result.exit_code == 1
    assert f"no project matches '{theirs.pk}'" in result.stderr
    assert Project.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("command", ["edit", "delete"])
def test_project_edit_and_delete_have_an_example(cli: Cli, command: str) -> None:
    result = cli("project", command, "--help")
    assert result.exit_code == 0
    assert f"Example: knoten project {command}" in result.stdout
