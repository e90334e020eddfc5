"""``knoten share TOPIC``: who know-how about a topic would interest, and recording it.

Without ``--note`` the command lists the people with their evidence; with it, it records
the note (and ``--link``) as know-how given to the people named by ``--to``, or to the
proposed ones, after asking (``--yes`` for scripts).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import confirm
from knoten.cli.output import JsonOption, announce, domain_errors, note, out, print_listing
from knoten.core.errors import InvalidInput


def share(
    topic: Annotated[str, typer.Argument(help="What the link or note is about: Photovoltaik.")],
    note_text: Annotated[
        str | None,
        typer.Option("--note", help="What you shared; with it, it is recorded as know-how given."),
    ] = None,
    link: Annotated[
        str | None, typer.Option("--link", metavar="URL", help="The web address shared.")
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", metavar="PERSON", help="Share with this person (repeat it)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="The day it was shared (default: today).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=200, help="At most this many.")] = 20,
    yes: Annotated[bool, typer.Option("--yes", help="Record without asking.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Who a link or a note about TOPIC would interest; with --note, record it as shared.

    Example: knoten share Photovoltaik --json
    Example: knoten share Photovoltaik --note "Agri-PV" --link https://example.org/pv --yes
    """
    from knoten.upkeep.sharing import interested_in, share_know_how

    actor = acting_member()
    with domain_errors():
        if note_text is None:
            if link is not None or to:
                raise InvalidInput("note", "", "is missing; --link and --to record, with --note")
            rows = [row.as_dict() for row in interested_in(actor, topic=topic, limit=limit)]
            print_listing(rows, json_output=json_output, empty="Nobody found for it.", table=_table)
            return
        people: list[str | int] = list(to or [])
        if not people:
            proposed = interested_in(actor, topic=topic, limit=limit)
            if not proposed:
                raise InvalidInput("topic", topic, "interests nobody known; name people with --to")
            people = [row.person_id for row in proposed]
            if not json_output:
                out.print(_table([row.as_dict() for row in proposed]))
            confirm(
                f"Record it as shared with these {len(people)}?",
                yes=yes,
                field="share",
                value=topic,
                not_done="was not recorded",
                add_yes="add --yes to record it",
                stopped="Nothing recorded.",
            )
        shared = share_know_how(actor, people=people, note=note_text, link=link, on=on)
    names = ", ".join(person.name for person in shared.people)
    announce(f"Recorded as know-how given to {names}.", shared.as_dict(), json_output=json_output)
    if not json_output:
        addresses = [person.email for person in shared.people if person.email]
        if addresses:
            note("Their addresses: " + ", ".join(addresses))


def _table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("id", "person", "why", "email", show_edge=False, pad_edge=False)
    for row in rows:
        table.add_row(
            str(row["person_id"]),
            Text(row["name"]),
            Text("; ".join(row["evidence"])),
            Text(row["email"] or "-"),
        )
    return table


def register(app: typer.Typer) -> None:
    app.command("share")(share)
