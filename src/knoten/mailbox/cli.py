"""The ``knoten`` commands of the mailbox app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Mount this app's commands on the ``knoten`` command line."""
