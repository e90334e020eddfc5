"""``knoten password`` and the password ``knoten serve --host 0.0.0.0`` needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from knoten.core import cli as core_cli
from tests.conftest import CliResult, World

pytestmark = pytest.mark.django_db


def user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Pretend stdin is a terminal where the user types the given answers."""

    def typing(*answers: str) -> None:
        replies = iter(answers)
        monkeypatch.setattr(core_cli, "_stdin_is_terminal", lambda: True)
        monkeypatch.setattr(core_cli.getpass, "getpass", lambda prompt="": next(replies))

    return typing


def test_password_at_a_terminal(
    cli: Callable[..., CliResult], world: World, terminal: Callable[..., None]
) -> None:
    terminal("s3cret pass", "s3cret pass")
    result = cli("password")
    assert result.exit_code == 0, result.stderr
    assert "Password set for 'alice'" in result.stderr
    assert user("alice").check_password("s3cret pass")
    assert not user("bob").has_usable_password() or not user("bob").password


def test_password_for_another_user(
    cli: Callable[..., CliResult], world: World, terminal: Callable[..., None]
) -> None:
    terminal("bobs pass", "bobs pass")
    assert cli("password", "--user", "bob").exit_code == 0
    assert user("bob").check_password("bobs pass")
    assert not user("alice").password


def test_password_for_an_unknown_user_is_refused(
    cli: Callable[..., CliResult], world: World, terminal: Callable[..., None]
) -> None:
    terminal("x", "x")
    result = cli("password", "--user", "nobody")
    assert result.exit_code != 0
    assert not get_user_model().objects.filter(username="nobody").exists()


def test_mismatched_passwords_are_refused(
    cli: Callable[..., CliResult], world: World, terminal: Callable[..., None]
) -> None:
    terminal("one", "two")
    result = cli("password")
    assert result.exit_code == 2
    assert "differ" in result.stderr
    assert not user("alice").password


def test_an_empty_password_is_refused(
    cli: Callable[..., CliResult], world: World, terminal: Callable[..., None]
) -> None:
    terminal("", "")
    result = cli("password")
    assert result.exit_code == 2
    assert "empty" in result.stderr
    assert not user("alice").password


def test_password_from_stdin_for_scripts(cli: Callable[..., CliResult], world: World) -> None:
    from knoten.cli import main as cli_main

    result = CliRunner().invoke(cli_main.app, ["password"], input="piped pass\n")
    assert result.exit_code == 0, result.stderr
    assert user("alice").check_password("piped pass")

    empty = CliRunner().invoke(cli_main.app, ["password"], input="\n")
    assert empty.exit_code == 2
    assert user("alice").check_password("piped pass")


class Exec(Exception):
    """Raised instead of replacing the test process with gunicorn."""


@pytest.fixture
def no_exec(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []

    def fake_execv(path: str, args: list[str]) -> None:
        calls.append(list(args))
        raise Exec

    monkeypatch.setattr(core_cli.os, "execv", fake_execv)
    monkeypatch.setattr(core_cli, "start_job_runner", lambda parent: None)
    return calls


def test_serve_on_another_host_needs_a_password(
    cli: Callable[..., CliResult],
    world: World,
    no_exec: list[list[str]],
    terminal: Callable[..., None],
) -> None:
    result = cli("serve", "--host", "0.0.0.0", "--no-browser")
    assert result.exit_code == 2
    assert "needs a password" in result.stderr
    assert "knoten password" in result.stderr
    assert no_exec == []

    terminal("pw", "pw")
    assert cli("password").exit_code == 0
    with pytest.raises(Exec):
        cli("serve", "--host", "0.0.0.0", "--port", "8123", "--no-browser")
    assert no_exec[0][no_exec[0].index("--bind") + 1] == "0.0.0.0:8123"


def test_serve_prints_the_link_and_opens_the_browser(
    cli: Callable[..., CliResult],
    world: World,
    no_exec: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        core_cli, "_open_browser_when_ready", lambda url, host, port: opened.append(url)
    )
    with pytest.raises(Exec):
        cli("serve", "--port", "8124", "--no-browser")
    assert opened == []
    with pytest.raises(Exec):
        cli("serve", "--port", "8124")
    assert len(opened) == 1
    assert opened[0].startswith("http://127.0.0.1:8124/signin/")
    assert no_exec[-1][no_exec[-1].index("--bind") + 1] == "127.0.0.1:8124"
