"""Writes the command-line reference (docs/cli.md) from the commands' own help.

Run ``python -m knoten.cli.reference > docs/cli.md``; a test fails when it is stale.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.main import get_command


def all_commands(app: typer.Typer) -> list[tuple[str, Any]]:
    """Every leaf command as ("person add", click command), in a stable order; hidden
    commands (old spellings kept for scripts) are left out."""
    root = get_command(app)
    found: list[tuple[str, Any]] = []

    def walk(prefix: str, command: Any) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name in sorted(subcommands):
                if subcommands[name].hidden:
                    continue
                walk(f"{prefix} {name}".strip(), subcommands[name])
        else:
            found.append((prefix, command))

    walk("", root)
    return found


def render_reference(app: typer.Typer) -> str:
    root = get_command(app)
    lines = ["# Command-line reference", "", "Generated from `knoten … --help`.", ""]
    for path, command in all_commands(app):
        # A fixed width, so the reference does not depend on the terminal it is made in.
        fixed: dict[str, Any] = {
            "resilient_parsing": True,
            "terminal_width": 88,
            "max_content_width": 88,
        }
        context = root.make_context("knoten", [], **fixed)
        for part in path.split():
            group = context.command
            sub = group.commands[part]  # type: ignore[attr-defined]
            context = sub.make_context(part, [], parent=context, **fixed)
        text = command.get_help(context)
        lines += [f"## knoten {path}", "", "```text", text.rstrip(), "```", ""]
    return "\n".join(lines)


def main() -> None:
    from knoten.cli.main import _mount, app, setup_django

    setup_django()
    _mount()
    print(render_reference(app), end="")


if __name__ == "__main__":
    main()
