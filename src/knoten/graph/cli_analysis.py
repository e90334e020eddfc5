"""``knoten multipliers``, ``knoten comfort``, ``knoten comfort-goal N`` and
``knoten graph refresh``.

Each command calls one function of :mod:`knoten.graph` and prints it, or with ``--json``
only JSON on stdout.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, emit_json, note, out, stage_progress

graph_app = typer.Typer(help="The who-knows-whom graph: its analysis.")

LimitOption = Annotated[
    int | None, typer.Option("--limit", help="How many to show (default 20, at most 200).")
]


def _freshness(data: dict[str, object]) -> None:
    fresh = data["freshness"]
    assert isinstance(fresh, dict)
    if fresh["computed_at"] is None:
        note("Not analysed yet: knoten graph refresh works it out.")
        return
    when = f"{fresh['computed_at']:%Y-%m-%d %H:%M}"
    stale = " (stale: knoten graph refresh brings it up to date)" if fresh["stale"] else ""
    note(f"Last refreshed {when}{stale}.")


def multipliers_command(json_output: JsonOption = False, limit: LimitOption = None) -> None:
    """The people who spread a word furthest, best first, each with why.

    Example: knoten multipliers --limit 10
    """
    from knoten.graph.multipliers import multipliers

    actor = acting_member()
    with domain_errors():
        found = multipliers(actor, limit=limit)
    data = found.as_dict()
    if json_output:
        emit_json(data)
        return
    table = Table("#", "who", "score", "why", show_edge=False, pad_edge=False)
    for row in found.items:
        table.add_row(
            str(row.rank), Text(row.name), f"{row.score:.2f}", Text("; ".join(row.reasons))
        )
    if found.items:
        out.print(table)
    else:
        note("No multipliers found yet.")
    _freshness(data)


def comfort_command(json_output: JsonOption = False) -> None:
    """How your network splits (circle, industry, employer, city, how you met), new
    contacts a month, whom to meet, its clusters and your bridges to them.

    Example: knoten comfort --json
    """
    from knoten.graph.comfort import comfort_zone

    actor = acting_member()
    with domain_errors():
        zone = comfort_zone(actor)
    data = zone.as_dict()
    if json_output:
        emit_json(data)
        return
    for line in zone.summary:
        out.print(Text(line))
    for split in zone.splits:
        table = Table(split["label"], "people", "share", show_edge=False, pad_edge=False)
        for row in split["rows"]:
            table.add_row(Text(row["label"]), str(row["count"]), row["percent"])
        out.print(table)
    if zone.worth_meeting:
        table = Table("worth meeting", "in common", "via", show_edge=False, pad_edge=False)
        for row in zone.worth_meeting:
            via = ", ".join(p["name"] for p in row["via"])
            table.add_row(Text(row["name"]), str(row["shared"]), Text(via))
        out.print(table)
    _freshness(data)


def comfort_goal_command(
    per_month: Annotated[
        str, typer.Argument(help="New contacts a month you aim for, or 'none' to remove it.")
    ],
    json_output: JsonOption = False,
) -> None:
    """Set your goal of new contacts a month (shown against the months in comfort).

    Example: knoten comfort-goal 4
    """
    from knoten.core.errors import InvalidInput
    from knoten.graph.comfort import set_comfort_goal

    actor = acting_member()
    with domain_errors():
        if per_month.strip().lower() in ("none", "-", ""):
            goal = set_comfort_goal(actor, None)
        else:
            try:
                number = int(per_month)
            except ValueError:
                raise InvalidInput("per_month", per_month, "is not a whole number") from None
            goal = set_comfort_goal(actor, number)
    if json_output:
        emit_json({"per_month": goal})
        return
    note("Goal removed." if goal is None else f"Goal: {goal} new contacts a month.")


@graph_app.command("refresh")
def refresh_command(json_output: JsonOption = False) -> None:
    """Work out the multipliers, clusters and comfort zone anew (progress on stderr).

    Example: knoten graph refresh
    """
    from knoten.graph.refreshing import refresh_for

    actor = acting_member()
    with stage_progress(show=not json_output) as bar, domain_errors():
        tell = (lambda stage, done, total: bar("graph analysis", done, total)) if bar else None
        found = refresh_for(actor, tell)
    data = {
        "computed_at": found.computed_at,
        "seconds": found.seconds,
        "persons": found.persons,
        "links": found.links,
        "sample": found.sample,
    }
    if json_output:
        emit_json(data)
        return
    note(f"Analysed {found.persons} persons and {found.links} links in {found.seconds:.1f} s.")


def register(app: typer.Typer) -> None:
    app.command("multipliers")(multipliers_command)
    app.command("comfort")(comfort_command)
    app.command("comfort-goal")(comfort_goal_command)
    app.add_typer(graph_app, name="graph")
