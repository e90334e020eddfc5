"""What every command shares: JSON output, error handling, the acting member."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console

from knoten.core.errors import Ambiguous, KnotenError
from knoten.core.partial_dates import PartialDate

if TYPE_CHECKING:
    from rich.table import Table

Row = TypeVar("Row")

# Piped or captured output is not cut to 80 columns: a table written to a file or read
# by another program keeps whole names.
_PIPE_WIDTH = 200
_columns = os.environ.get("COLUMNS", "")
_width = int(_columns) if _columns.isdigit() else None if sys.stdout.isatty() else _PIPE_WIDTH
# Rich sizes a "dumb" terminal at 80x25 unless both sizes are given.
out = Console(highlight=False, soft_wrap=True, width=_width, height=None if _width is None else 50)
err = Console(stderr=True, highlight=False, soft_wrap=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON only, for scripts.")]


def _default(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default))
    sys.stdout.write("\n")


def fail(error: KnotenError) -> NoReturn:
    if isinstance(error, Ambiguous):
        err.print(f"Error: {error.summary}:", markup=False)
        for candidate in error.candidates:
            err.print(f"  {candidate}", markup=False)
    else:
        err.print(f"Error: {error.message}", markup=False)
    raise typer.Exit(error.exit_code)


# The exit status of a command that found the database busy (EX_TEMPFAIL: try again).
BUSY_EXIT = 75


def fail_busy() -> NoReturn:
    from knoten.core.busy import BUSY_MESSAGE

    err.print(f"Error: {BUSY_MESSAGE}", markup=False)
    raise typer.Exit(BUSY_EXIT)


@contextmanager
def domain_errors() -> Iterator[None]:
    """Turn a domain error into one clear line on stderr and the matching exit status;
    a busy database (a lock not got in time) too, instead of a traceback."""
    from django.db import OperationalError

    from knoten.core.busy import is_busy

    try:
        yield
    except KnotenError as error:
        fail(error)
    except OperationalError as error:
        if not is_busy(error):
            raise
        fail_busy()


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def show_day(value: dt.date | str | None) -> str:
    """A date as people read it: 2024-03-15 (Friday); "-" for none."""
    if value is None or value == "":
        return "-"
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.isoformat()} ({_WEEKDAYS[day.weekday()]})"


def note(message: str) -> None:
    """Feedback for people (what was understood, what was done), on stderr."""
    err.print(message, markup=False, highlight=False)


def counted(count: int, noun: str) -> str:
    """A count with its noun: "1 favour", "3 favours"."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


def announce(message: str, data: Any, *, json_output: bool) -> None:
    """What a command that changed something says: ``message`` on stderr and, with
    ``--json``, ``data`` on stdout."""
    note(message)
    if json_output:
        emit_json(data)


def print_page(data: Any, *, json_output: bool, page: Callable[[], None]) -> None:
    """One thing shown: with ``--json`` its data, else the page ``page`` prints."""
    if json_output:
        emit_json(data)
    else:
        page()


def print_listing(
    rows: Sequence[Row],
    *,
    json_output: bool,
    empty: str,
    table: Callable[[Sequence[Row]], Table],
    noun: str | None = None,
) -> None:
    """What a list command prints: with ``--json`` the rows; none, ``empty`` on stderr;
    else the rows' ``table`` and, given a ``noun``, their count on stderr."""
    if json_output:
        emit_json(rows)
        return
    if not rows:
        note(empty)
        return
    out.print(table(rows))
    if noun is not None:
        note(f"{counted(len(rows), noun)}.")


StageProgress = Callable[[str, int, int], None]  # (stage, done, total)


@contextmanager
def stage_progress(
    *, show: bool = True, transient: bool = True, width: int = 18
) -> Iterator[StageProgress | None]:
    """A Rich progress bar on stderr with one line per stage of a long job; the callback
    takes ``(stage, done, total)``. None when ``show`` is false (``--json``, a pipe, or
    ``--no-progress``), so callers pass it on as it is."""
    if not show:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    tasks: dict[str, TaskID] = {}
    with Progress(
        TextColumn(f"{{task.description:<{width}}}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=transient,
    ) as bar:

        def progress(stage: str, done: int, total: int) -> None:
            task = tasks.get(stage)
            if task is None:
                task = tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(task, completed=done, total=max(total, 1))

        yield progress
