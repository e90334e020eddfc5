"""``knoten demo``. (Filled in by the demo work.)"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
