"""The commands of keeping in touch, one module per area; each registers its own."""

from __future__ import annotations

import typer

from knoten.upkeep.cli import calendar, digest, due, overview


def register(app: typer.Typer) -> None:
    for module in (due, overview, calendar, digest):
        module.register(app)
