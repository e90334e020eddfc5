"""``knoten demo`` through the command line."""

from __future__ import annotations

import json
from collections.abc import Callable

from knoten.people.models import Person
from tests.conftest import CliResult, World

Cli = Callable[..., CliResult]


def persons_in(world: World) -> int:
    return Person.objects.filter(network_id=world.alice.network_id).count()


def test_demo_fills_a_fresh_network_and_prints_the_counts(cli: Cli, world: World) -> None:
    result = cli("demo", "--size", "30", "--seed", "5", "--no-progress")
    assert result.exit_code == 0, result.stderr
    assert persons_in(world) == 31
    assert "persons" in result.stdout and "relationships" in result.stdout
    assert "30 persons" in result.stderr


def test_json_prints_only_json(cli: Cli, world: World) -> None:
    result = cli("demo", "--size", "20", "--json", "--no-progress")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["size"] == 20 and data["seed"] == 1
    assert data["counts"]["persons"] == 20
    assert data["counts"]["interactions"] > 0


def test_the_progress_bar_goes_to_stderr(cli: Cli, world: World) -> None:
    result = cli("demo", "--size", "20", "--json")
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)  # nothing but JSON on stdout
    assert "relationships" in result.stderr


def test_a_network_in_use_is_refused(cli: Cli, world: World) -> None:
    assert cli("demo", "--size", "15", "--no-progress").exit_code == 0
    result = cli("demo", "--size", "15", "--no-progress")
    assert result.exit_code == 2
    assert "already holds 15 persons" in result.stderr
    assert "KNOTEN_DATA_DIR" in result.stderr and "--force" in result.stderr
    assert result.stdout == ""
    assert persons_in(world) == 16


def test_force_adds_to_a_network_in_use(cli: Cli, world: World) -> None:
    assert cli("demo", "--size", "15", "--no-progress").exit_code == 0
    result = cli("demo", "--size", "15", "--seed", "2", "--no-progress", "--force")
    assert result.exit_code == 0, result.stderr
    assert persons_in(world) == 31


def test_a_bad_size_is_refused(cli: Cli, world: World) -> None:
    result = cli("demo", "--size", "0", "--no-progress")
    assert result.exit_code == 2
    assert "size" in result.stderr.lower()
    assert persons_in(world) == 1


def test_other_networks_stay_empty(cli: Cli, world: World) -> None:
    assert cli("demo", "--size", "15", "--no-progress", user="bob").exit_code == 0
    assert persons_in(world) == 1
    assert Person.objects.filter(network_id=world.bob.network_id).count() == 16
