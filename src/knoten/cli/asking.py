"""What commands ask of the user and read from them: confirmations before deleting or
overwriting, typed days, the shared ``--limit``/``--yes`` options, and the refusal of an
edit that changes nothing."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from typing import Annotated, Any

import typer

from knoten.cli.output import note
from knoten.core.errors import InvalidInput

LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", metavar="N", min=0, help="At most this many (default: all)."),
]
YesOpt = Annotated[bool, typer.Option("--yes", help="Delete without asking.")]


def confirm(
    question: str,
    *,
    yes: bool,
    field: str,
    value: str,
    not_done: str = "was left as it is",
    add_yes: str = "add --yes",
    stopped: str = "Nothing changed.",
) -> None:
    """Go on only if ``--yes`` was given or the user says yes; without a terminal to ask,
    refuse with an error naming ``field`` and ``value``."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InvalidInput(field, value, f"{not_done}: there is no terminal to ask; {add_yes}")
    if not typer.confirm(question, err=True):
        note(stopped)
        raise typer.Exit(1)


def confirm_delete(what: str, *, yes: bool, field: str, value: str) -> None:
    """Ask before deleting ``what``; without a terminal, --yes is needed."""
    confirm(
        f"Delete {what}?",
        yes=yes,
        field=field,
        value=value,
        not_done="was not deleted",
        add_yes="add --yes to delete",
        stopped="Nothing deleted.",
    )


def typed_day(value: str | None, field: str) -> dt.date | None:
    """An optional day typed on the command line (2024-03-14, 14.03.2024, words)."""
    from knoten.core.limits import storable
    from knoten.core.reading import parse_day

    if value is None:
        return None
    storable(field, value)
    return parse_day(value, field)


def nothing_to_change(command: str, value: object) -> InvalidInput:
    """The refusal of an edit given no option: raise what this returns."""
    return InvalidInput(command, value, "has nothing to change; give an option")


def changes_given(command: str, target: object, given: Mapping[str, Any]) -> dict[str, Any]:
    """The options an edit command was given (those not None); none at all is refused
    as :func:`nothing_to_change`."""
    changes = {name: value for name, value in given.items() if value is not None}
    if not changes:
        raise nothing_to_change(command, target)
    return changes
