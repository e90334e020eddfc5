"""``knoten calendar feed`` and ``knoten calendar export``: the calendar, subscribed or saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, emit_json, note
from knoten.core.reading import any_day


def calendar_feed(
    new: Annotated[
        bool, typer.Option("--new", help="A new secret address; the old one stops working.")
    ] = False,
    revoke: Annotated[bool, typer.Option("--revoke", help="Stop the feed working.")] = False,
    json_output: JsonOption = False,
) -> None:
    """The secret address to subscribe to in a calendar application (made on first use).

    Example: knoten calendar feed --new
    """
    from knoten.upkeep.calendar import current_feed, feed_url, new_feed, revoke_feed

    actor = acting_member()
    with domain_errors():
        if revoke:
            had = revoke_feed(actor)
            note("The calendar feed is stopped." if had else "There was no calendar feed.")
            return
        feed = None if new else current_feed(actor)
        if feed is None:
            feed = new_feed(actor)
    url = feed_url(feed)
    data = {"url": url, "created_at": feed.created_at.isoformat()}
    if json_output:
        emit_json(data)
    else:
        typer.echo(url)


def calendar_export(
    file: Annotated[Path, typer.Argument(help="The .ics file to write ('-' for stdout).")],
    start: Annotated[
        str | None, typer.Option("--start", help="The first day (default: today).")
    ] = None,
    months: Annotated[
        int, typer.Option("--months", min=1, max=60, help="How many months ahead.")
    ] = 12,
) -> None:
    """Write the calendar to a file, to import into a calendar application.

    Example: knoten calendar export knoten.ics
    """
    from knoten.upkeep.calendar import calendar_of

    actor = acting_member()
    with domain_errors():
        first: dt.date | None = any_day(start, "start") if start else None
        body = calendar_of(actor, start=first, months=months)
    if str(file) == "-":
        typer.echo(body.decode(), nl=False)
        return
    file.write_bytes(body)
    note(f"Wrote {body.count(b'BEGIN:VEVENT')} events to {file}.")


def register(app: typer.Typer) -> None:
    # ``knoten calendar`` is the mailbox's group (``calendar import``), mounted after this
    # one: the feed and the export join it there, so that one group holds all three.
    from knoten.mailbox.cli import calendar_app

    calendar_app.command("feed")(calendar_feed)
    calendar_app.command("export")(calendar_export)
