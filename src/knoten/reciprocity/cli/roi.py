"""``knoten roi``: the return on networking time per channel."""

from __future__ import annotations

from typing import Annotated, Any

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

    A result counts once, for the channel where the relationship began (the event met
    at, else the organisation, else the first circle). By organisation, an organisation
    adds up its events; by circle, a circle counts all its members, says which other
    circles they are in, and the total counts each once.

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
        table.add_row(row["kind"], Text(row["name"]), *_figures(row))
    table.add_section()
    table.add_row("", Text("Total", style="bold"), *_figures(data["total"]))
    out.print(table)
    for line in _remarks(data):
        out.print(Text(line))


def _figures(row: dict[str, Any]) -> list[str]:
    return [
        row["hours"],
        sums(row["money"]),
        str(row["new_contacts"]),
        str(row["favours_received"]),
        str(row["recommendations_received"]),
        won(row),
        row["hours_per_result"] or "-",
    ]


def won(row: dict[str, Any]) -> str:
    """Orders won as "3 (17000.00 EUR; 1 without value)": the sum covers the others."""
    count, unvalued = row["orders_won"], row["orders_won_unvalued"]
    if not count:
        return "0"
    parts = [sums(row["won_values"])] if row["won_values"] else []
    if unvalued:
        parts.append(f"{unvalued} without value")
    return f"{count} ({'; '.join(parts)})"


def _remarks(data: dict[str, Any]) -> list[str]:
    lines = []
    for row in data["channels"]:
        if row["also_in"]:
            others = ", ".join(f"{o['name']} ({o['people']})" for o in row["also_in"])
            lines.append(f"{row['name']}: its people are also in {others}.")
        if row["events"]:
            names = ", ".join(event["name"] for event in row["events"])
            if row["events_included"]:
                lines.append(f"{row['name']} includes its events: {names}.")
            else:
                lines.append(f"{row['name']}: its events are rows of their own: {names}.")
    shared = data["total"]["shared_people"]
    if shared:
        lines.append(
            f"{shared} {'person shows' if shared == 1 else 'people show'} in more than one "
            "row; the total counts each once."
        )
    return lines
