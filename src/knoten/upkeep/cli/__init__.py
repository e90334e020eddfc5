"""The commands of keeping in touch, one module per area; each registers its own."""

from __future__ import annotations

import typer

from knoten.upkeep.cli import calendar, digest, drafts, due, events, overview, quick, sharing


def register(app: typer.Typer) -> None:
    for module in (due, calendar, digest, drafts, events, overview, quick, sharing):
        module.register(app)
