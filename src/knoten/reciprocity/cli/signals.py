"""``knoten signals``: what stands out in give and take, each with its numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, print_listing


def _signal_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("Signal", "About", "What")
    for row in rows:
        about = row["person"] or row["channel"]
        table.add_row(
            row["code"].replace("_", " "),
            Text(f"{about['name']} (id {about['id']})" if about else "you"),
            Text(row["message"]),
        )
    return table


def signals(
    person: Annotated[
        str | None,
        typer.Option("--person", metavar="PERSON", help="Only the signals about this person."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Signals about give and take, each with its numbers: giving without return, taking
    without giving, thanks not said, no recommendation for you this year, time-eaters.

    The thresholds are settings (KNOTEN_SIGNALS).

    Example: knoten signals --json
    """
    from knoten.people.lookup import resolve_person
    from knoten.reciprocity.signals import signals as find_signals

    actor = acting_member()
    with domain_errors():
        who = resolve_person(actor, person, "person") if person is not None else None
        rows = [signal.as_dict() for signal in find_signals(actor, person=who)]
    print_listing(rows, json_output=json_output, empty="No signals.", table=_signal_table)
