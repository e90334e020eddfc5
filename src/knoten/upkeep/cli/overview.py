"""``knoten today``, ``knoten week`` and ``knoten occasion done KEY``.

Each command calls one function of :mod:`knoten.upkeep` and prints a Rich table, or with
``--json`` only JSON on stdout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, announce, domain_errors, emit_json, note, out

occasion_app = typer.Typer(help="Occasions: birthdays, thanks, congratulations, promises.")

STYLES = {"overdue": "red", "today": "yellow", "soon": ""}


LimitOption = Annotated[
    int | None,
    typer.Option("--limit", help="How many occasions to show (default 100, at most 1000)."),
]


def _show(days: int, json_output: bool, empty: str, limit: int | None) -> None:
    from knoten.upkeep.overview import overview

    actor = acting_member()
    with domain_errors():
        found = overview(actor, days=days, limit=limit)
    data = found.as_dict()
    if json_output:
        emit_json(data)
        return
    if not data["items"]:
        note(empty)
        return
    out.print(_table(data["items"]))
    if found.occasions_more:
        note(f"And {found.occasions_more} more occasions: --limit shows more.")
    if found.due_more:
        note(f"And {found.due_more} more due for a contact: knoten due --offset 50.")


def _table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("day", "what", "who", "why", "key", show_edge=False, pad_edge=False)
    for row in rows:
        table.add_row(
            Text(row["day"], style=STYLES.get(row["urgency"], "")),
            Text(row["title"]),
            Text(row["name"]),
            Text(row["reason"]),
            Text(row["key"], style="dim"),
        )
    return table


def today(json_output: JsonOption = False, limit: LimitOption = None) -> None:
    """What to do today: occasions, due contacts, promises both ways, events ahead.

    Example: knoten today --json
    """
    _show(1, json_output, "Nothing to do today.", limit)


def week(json_output: JsonOption = False, limit: LimitOption = None) -> None:
    """What to do in the next seven days, ranked: overdue first, then by day.

    Example: knoten week
    """
    _show(7, json_output, "Nothing to do this week.", limit)


@occasion_app.command("done")
def occasion_done(
    key: Annotated[str, typer.Argument(help="The occasion's key, as today/week show it.")],
    dismiss: Annotated[
        bool, typer.Option("--dismiss", help="Not now, and not again: dismiss it.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Mark an occasion as dealt with: it is not offered again.

    Example: knoten occasion done "birthday:person=12:2027"
    """
    from knoten.upkeep.handled import handle_occasion

    actor = acting_member()
    with domain_errors():
        row = handle_occasion(
            actor, key=key, kind=key.split(":", 1)[0], how="dismissed" if dismiss else "done"
        )
    data = {"key": row.key, "kind": row.kind, "how": row.how, "on": row.on.isoformat()}
    announce(f"{row.key}: {row.how}.", data, json_output=json_output)


def register(app: typer.Typer) -> None:
    app.command("today")(today)
    app.command("week")(week)
    app.add_typer(occasion_app, name="occasion")
