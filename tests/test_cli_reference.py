"""Every command is documented: its help has an example, and docs/cli.md is current.

docs/cli.md is generated from the commands' own help (`python -m knoten.cli.reference`),
so a command that is added or changed without regenerating it fails here.
"""

from __future__ import annotations

from pathlib import Path

import typer

from knoten.cli import main as cli_main
from knoten.cli.reference import all_commands, render_reference

ROOT = Path(__file__).resolve().parent.parent


def mounted_app() -> typer.Typer:
    if not cli_main._mounted:
        cli_main._mount()
        cli_main._mounted = True
    return cli_main.app


def test_every_command_has_an_example() -> None:
    commands = all_commands(mounted_app())
    assert len(commands) >= 25
    missing = [path for path, command in commands if "Example" not in (command.help or "")]
    assert missing == []


def test_every_read_command_takes_json() -> None:
    readers = [
        path
        for path, _ in all_commands(mounted_app())
        if path.split()[-1] in {"list", "show"} or path in {"search"}
    ]
    assert readers
    lacking = [
        path
        for path, command in all_commands(mounted_app())
        if path in readers and not any("--json" in p.opts for p in command.params)
    ]
    assert lacking == []


def test_the_cli_reference_is_current() -> None:
    committed = (ROOT / "docs" / "cli.md").read_text()
    assert committed == render_reference(mounted_app()), (
        "docs/cli.md is stale: run `.venv/bin/python -m knoten.cli.reference > docs/cli.md`"
    )
