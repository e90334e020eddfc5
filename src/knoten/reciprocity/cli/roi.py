"""``knoten roi``: the return on networking time per channel."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import typed_day
from knoten.cli.output import JsonOption, domain_errors, emit_json, note, out
from knoten.reciprocity.cli.showing import sums


def roi(
    by: Annotated[
        str | None,
        typer.Option(
            "--by", metavar="KIND", help="Only one kind of channel: event, organisation or circle."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="From this day (default: 12 months ago)."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Up to this day (today).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """The return on networking time per channel (event, organisation, circle): the hours
    and money it took, and what came of it (new contacts, favours and recommendations
    received, orders won), the most time-consuming first.

    Example: knoten roi --by organisation --since 2025-01-01
    """
    from knoten.reciprocity.roi import roi as report

    actor = acting_member()
    with domain_errors():
        kind = by.strip().casefold() if by is not None else None
        found = report(
            actor, by=kind, since=typed_day(since, "since"), until=typed_day(until, "until")
        )
    data = found.as_dict()
    if json_output:
        emit_json(data)
        return
    out.print(Text(f"Return on networking time, {data['since']} to {data['until']}", style="bold"))
    if not data["channels"]:
        note("No channel took time or money, or brought anything, in this period.")
        return
    table = Table(
        "Kind",
        "Channel",
        "Hours",
        "Money",
        "New contacts",
        "Favours",
        "Recommendations",
        "Orders won",
        "Hours per result",
    )
    for row in data["channels"]:
        table.add_row(
            row["kind"],
            Text(row["name"]),
            row["hours"],
            sums(row["money"]),
            str(row["new_contacts"]),
            str(row["favours_received"]),
            str(row["recommendations_received"]),
            f"{row['orders_won']} ({sums(row['won_values'])})" if row["orders_won"] else "0",
            row["hours_per_result"] or "-",
        )
    out.print(table)
