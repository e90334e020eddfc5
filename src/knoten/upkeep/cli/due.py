"""``knoten cadence …``, ``knoten due``, ``knoten snooze`` and ``knoten strength``.

Each command reads its options, calls one function of :mod:`knoten.upkeep` and prints:
a Rich table for people, or with ``--json`` only JSON on stdout.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.output import (
    JsonOption,
    announce,
    domain_errors,
    emit_json,
    note,
    out,
    print_listing,
    print_page,
    show_day,
    stage_progress,
)
from knoten.core.errors import InvalidInput

cadence_app = typer.Typer(help="Keep-in-touch cadences: how often to be in touch with whom.")

CircleOpt = Annotated[
    str | None, typer.Option("--circle", help="For everyone in this circle (English or German).")
]
ImportanceOpt = Annotated[
    str | None,
    typer.Option("--importance", help="For everyone of this importance: inner, important, …"),
]


@cadence_app.command("set")
def cadence_set(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="[PERSON] EVERY",
            help="The person (name or id) and the period; with --circle or --importance only "
            "the period: monthly, quarterly, every 6 weeks, alle 2 Monate, 90 days.",
        ),
    ],
    latest: Annotated[
        str | None,
        typer.Option("--latest", metavar="EVERY", help="Overdue after this (default: 1.5×)."),
    ] = None,
    circle: CircleOpt = None,
    importance: ImportanceOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Set how often to be in touch: with one person, a circle or an importance.

    Example: knoten cadence set "Anna Adler" quarterly --latest "every 4 months"
    Example: knoten cadence set --circle Kollegen "alle 2 Monate"
    """
    from knoten.upkeep.cadences import set_cadence

    actor = acting_member()
    with domain_errors():
        group = circle is not None or importance is not None
        if len(words) != (1 if group else 2):
            wanted = "only the period" if group else "a person and a period"
            raise InvalidInput("cadence set", " ".join(words), f"needs {wanted}")
        person, every = (None, words[0]) if group else (words[0], words[1])
        done = set_cadence(
            actor, person=person, circle=circle, importance=importance, every=every, latest=latest
        )
    announce(f"{done.target}: {done.words}.", done.as_dict(), json_output=json_output)


@cadence_app.command("none")
def cadence_none(
    person: Annotated[str | None, typer.Argument(help="The person (name or id).")] = None,
    circle: CircleOpt = None,
    importance: ImportanceOpt = None,
    json_output: JsonOption = False,
) -> None:
    """No cadence: no reminders about this person (or circle, or importance).

    Example: knoten cadence none "Bernd Berger"
    """
    from knoten.upkeep.cadences import set_cadence

    actor = acting_member()
    with domain_errors():
        done = set_cadence(actor, person=person, circle=circle, importance=importance, every=None)
    announce(f"{done.target}: {done.words}.", done.as_dict(), json_output=json_output)


@cadence_app.command("clear")
def cadence_clear(
    person: Annotated[str | None, typer.Argument(help="The person (name or id).")] = None,
    circle: CircleOpt = None,
    importance: ImportanceOpt = None,
) -> None:
    """Drop a cadence that was set: it is inherited again (circle, importance, default).

    Example: knoten cadence clear "Anna Adler"
    """
    from knoten.upkeep.cadences import clear_cadence

    actor = acting_member()
    with domain_errors():
        done = clear_cadence(actor, person=person, circle=circle, importance=importance)
    note(f"{done.target}: inherits its cadence again ({done.words}).")


@cadence_app.command("list")
def cadence_list(json_output: JsonOption = False) -> None:
    """The cadences set: by importance (with the defaults), by circle and by person.

    Example: knoten cadence list --json
    """
    from knoten.upkeep.cadences import list_cadences

    actor = acting_member()
    with domain_errors():
        rows = list_cadences(actor)
    print_listing(rows, json_output=json_output, empty="No cadences.", table=_cadence_table)


def _cadence_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("for", "who", "cadence", "overdue after", show_edge=False, pad_edge=False)
    for row in rows:
        latest = f"{row['latest_days']} days" if row["latest_days"] else "-"
        name = Text(row["name"])
        if row["default"]:
            name.append(" (default)", style="dim")
        table.add_row(row["kind"], name, row["words"], latest)
    return table


def due(
    limit: Annotated[int, typer.Option("--limit", min=1, max=200, help="At most this many.")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    losing: Annotated[
        bool, typer.Option("--losing", help="Losing touch: who used to matter, far past due.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Who is due or overdue for a contact, most urgent first, each with the reason.

    Example: knoten due --limit 10 --json
    """
    from knoten.upkeep.due import due_list, losing_touch

    actor = acting_member()
    with domain_errors():
        if losing:
            rows, total = losing_touch(actor, limit=limit), None
        else:
            rows, total = due_list(actor, limit=limit, offset=offset)
    data = [row.as_dict() for row in rows]
    if json_output:
        emit_json(data if total is None else {"items": data, "count": total})
        return
    empty = "Nobody is losing touch." if losing else "Nobody is due. Well kept!"
    print_listing(data, json_output=False, empty=empty, table=_due_table)
    if total is not None and total > len(data):
        note(f"{len(data)} of {total} shown; --offset {offset + len(data)} for more.")


def _due_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("id", "person", "state", "since", "why", show_edge=False, pad_edge=False)
    for row in rows:
        state = Text(row["state"], style="red" if row["state"] == "overdue" else "yellow")
        table.add_row(
            str(row["person_id"]),
            Text(row["name"]),
            state,
            row["due_on"],
            Text(row["reason"]),
        )
    return table


def snooze(
    person: Annotated[str, typer.Argument(help="The person (name or id).")],
    until: Annotated[
        str | None,
        typer.Argument(help="A day or a period: 2027-01-10, nächsten Montag, a week, 1 month."),
    ] = None,
    off: Annotated[bool, typer.Option("--off", help="End the snooze now.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Do not remind me of a person until a day (only you; others still see them due).

    Example: knoten snooze "Anna Adler" "2 weeks"
    """
    from knoten.upkeep.due import snooze as snooze_person
    from knoten.upkeep.due import unsnooze

    actor = acting_member()
    with domain_errors():
        if off:
            had = unsnooze(actor, person)
            note("Snooze ended." if had else "There was no snooze.")
            return
        if until is None:
            raise InvalidInput("until", "", "is missing; give a day or a period, or --off")
        row = snooze_person(actor, person, until)
    data = {"person_id": row.person_id, "until": row.until.isoformat()}
    announce(f"Snoozed until {show_day(row.until)}.", data, json_output=json_output)


def strength(
    person: Annotated[str | None, typer.Argument(help="The person (name or id).")] = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Recompute every person's standing now.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """A person's relationship strength, cadence and last contact, with the reasons.

    Recency decays every day: run --refresh daily from cron to keep the stored strength
    (the people list's order) current, e.g. "5 3 * * * knoten strength --refresh".

    Example: knoten strength "Anna Adler" --json
    """
    from knoten.upkeep.due import standing_of
    from knoten.upkeep.standings import refresh_network

    actor = acting_member()
    with domain_errors():
        if refresh:
            with stage_progress(show=not json_output) as progress:
                count = refresh_network(
                    actor.network_id,
                    progress=None if progress is None else partial(progress, "Standings"),
                )
            note(f"Recomputed the standing of {count} persons.")
            if person is None:
                return
        if person is None:
            raise InvalidInput("person", "", "is missing; name a person, or give --refresh")
        data = standing_of(actor, person)
    print_page(data, json_output=json_output, page=lambda: _print_standing(data))


def _print_standing(data: dict[str, Any]) -> None:
    out.print(Text(f"{data['name']} (id {data['person_id']})", style="bold"))
    out.print(Text(f"  Strength: {data['strength']} ({data['level_words']})"))
    for reason in data["reasons"]:
        out.print(Text(f"    {reason}"))
    out.print(Text(f"  Cadence: {data['cadence']} ({data['cadence_source']})"))
    if (due := data["due"]) and due["state"] == "upcoming":
        out.print(Text(f"  Due on {due['due_on']}"))
    elif due:
        since = due["overdue_on"] if due["state"] == "overdue" else due["due_on"]
        out.print(Text(f"  {due['state'].capitalize()} since {since}"))
    if data["snoozed_until"]:
        out.print(Text(f"  Snoozed until {data['snoozed_until']}"))


def register(app: typer.Typer) -> None:
    app.add_typer(cadence_app, name="cadence")
    app.command("due")(due)
    app.command("snooze")(snooze)
    app.command("strength")(strength)
