"""Commands of this app. (Filled in by its work.)"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
