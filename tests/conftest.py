"""Shared fixtures: the three-users world and a command-line runner.

Alice and Bob each own a network; Charlie owns a third. No domain function, command or
page may let one of them read or change another's data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from typer.testing import CliRunner

from knoten.core import clock
from knoten.core.models import Member
from knoten.core.prepared import forget_compiled
from knoten.people.networks import create_network


@pytest.fixture(autouse=True)
def _fast_password_hasher() -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_graph_of_another_test() -> Iterator[None]:
    """Graphs in memory are per network id, and ids come back after a rollback."""
    from knoten.graph.adjacency import forget

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def _real_day_after_each_test() -> Iterator[None]:
    """A test that pins the clock (``clock.pinned``) never leaves it pinned."""
    yield
    clock.pin(None)


@pytest.fixture
def set_cap(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[object, str, int], None]]:
    """Lowers a list's cap (``set_cap(person, "RELATIONSHIP_CAP", 5)``) for one test.

    The prepared queries (core.prepared) that read caps into their SQL are compiled
    again with the new value, and again with the real one afterwards.
    """

    def set_value(module: object, name: str, value: int) -> None:
        monkeypatch.setattr(module, name, value)
        forget_compiled()

    yield set_value
    monkeypatch.undo()
    forget_compiled()


@dataclass
class World:
    alice: Member
    bob: Member
    charlie: Member


@pytest.fixture
def world(db: None) -> World:
    return World(
        alice=create_network("Alice's network", username="alice", me_name="Alice Adler"),
        bob=create_network("Bob's network", username="bob", me_name="Bob Becker"),
        charlie=create_network("Charlie's network", username="charlie", me_name="Charlie Cho"),
    )


@pytest.fixture
def member(world: World) -> Member:
    """The member most tests act as."""
    return world.alice


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def cli(world: World, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``knoten …`` in-process as Alice, against the test database."""
    from knoten.cli import main as cli_main

    if not cli_main._mounted:
        cli_main._mount()
        cli_main._mounted = True
    monkeypatch.setenv("KNOTEN_USER", "alice")
    from knoten.cli import output

    # Wide enough that no table cell is cut, whatever terminal runs the tests.
    monkeypatch.setattr(output.out, "_width", 200)
    monkeypatch.setattr(output.out, "_height", 50)
    runner = CliRunner()

    def run(*args: str, user: str = "alice") -> CliResult:
        monkeypatch.setenv("KNOTEN_USER", user)
        result = runner.invoke(cli_main.app, list(args), catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run
