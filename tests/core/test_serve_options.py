"""How ``knoten serve`` runs gunicorn: workers, threads and persistent connections."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core import cli as core_cli
from tests.conftest import CliResult, World

pytestmark = pytest.mark.django_db


class Exec(Exception):
    """Raised instead of replacing the test process with gunicorn."""


@pytest.fixture
def gunicorn(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The command lines ``knoten serve`` would have exec'd."""
    calls: list[list[str]] = []

    def fake_execv(path: str, args: list[str]) -> None:
        calls.append(list(args))
        raise Exec

    monkeypatch.setattr(core_cli.os, "execv", fake_execv)
    return calls


@pytest.fixture(autouse=True)
def runners(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The parents of the job runners ``knoten serve`` would have started."""
    started: list[int] = []
    monkeypatch.setattr(core_cli, "start_job_runner", started.append)
    return started


def option(args: list[str], name: str) -> str:
    return args[args.index(name) + 1]


def test_serve_defaults_to_the_measured_setup(
    cli: Callable[..., CliResult], world: World, gunicorn: list[list[str]]
) -> None:
    with pytest.raises(Exec):
        cli("serve", "--no-browser")
    args = gunicorn[0]
    assert args[1:4] == ["-m", "gunicorn", "knoten.wsgi:application"]
    assert option(args, "--workers") == str(core_cli.default_workers())
    assert option(args, "--threads") == "1"  # sync workers
    assert option(args, "--bind") == "127.0.0.1:8000"


def test_serve_starts_the_job_runner_unless_told_not_to(
    cli: Callable[..., CliResult], world: World, gunicorn: list[list[str]], runners: list[int]
) -> None:
    # One command for a single user: the runner is a child of the server's process.
    with pytest.raises(Exec):
        cli("serve", "--no-browser")
    assert runners == [core_cli.os.getpid()]
    with pytest.raises(Exec):
        cli("serve", "--no-browser", "--no-jobs")
    assert len(runners) == 1


def test_serve_takes_workers_and_threads(
    cli: Callable[..., CliResult], world: World, gunicorn: list[list[str]]
) -> None:
    with pytest.raises(Exec):
        cli("serve", "--no-browser", "--workers", "3", "--threads", "4")
    assert option(gunicorn[0], "--workers") == "3"
    assert option(gunicorn[0], "--threads") == "4"


@pytest.mark.parametrize("flag", ["--workers", "--threads"])
def test_serve_refuses_fewer_than_one(
    cli: Callable[..., CliResult], world: World, gunicorn: list[list[str]], flag: str
) -> None:
    result = cli("serve", "--no-browser", flag, "0")
    assert result.exit_code == 2
    assert flag in result.stderr
    assert gunicorn == []


@pytest.mark.parametrize(("cpus", "workers"), [(None, 2), (1, 2), (2, 4), (4, 8), (64, 8)])
def test_default_workers_follow_the_cpu_count(
    monkeypatch: pytest.MonkeyPatch, cpus: int | None, workers: int
) -> None:
    monkeypatch.setattr(core_cli.os, "cpu_count", lambda: cpus)
    assert core_cli.default_workers() == workers
