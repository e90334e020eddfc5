"""``knoten mail import|imap|suggestions`` and ``knoten calendar import``.

Each command calls one function of :mod:`knoten.mailbox.importing` or
:mod:`knoten.mailbox.suggestions` as the local member and prints what it made: a table
of the conversations, or JSON with ``--json``. Long reads show a progress bar on stderr.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from knoten.cli.acting import acting_member
from knoten.cli.grouping import option_group
from knoten.cli.output import (
    JsonOption,
    domain_errors,
    emit_json,
    note,
    out,
    print_listing,
    stage_progress,
)
from knoten.core.errors import InvalidInput
from knoten.mailbox.suggestions import DEFAULT_MIN_MESSAGES

if TYPE_CHECKING:
    from knoten.core.models import Member
    from knoten.mailbox.reports import MailReport

mail_app = typer.Typer(
    name="mail",
    help="Conversations from a mailbox (metadata only), and persons worth adding.",
    no_args_is_help=True,
)
calendar_app = typer.Typer(
    name="calendar",
    help="Meetings from an iCalendar (.ics) file; your own calendar feed and export.",
    no_args_is_help=True,
)

SinceOpt = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="Only what happened on or after DATE."),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be created; change nothing.")
]
MeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--me",
        metavar="ADDRESS",
        help="One of your own addresses (besides those on your own person); repeatable.",
    ),
]
BodiesOpt = Annotated[
    bool,
    typer.Option(
        "--bodies", help="Put the first 500 characters of each plain-text body in the minutes."
    ),
]
PrivateOpt = Annotated[
    bool, typer.Option("--private", help="Make the conversations visible to you only.")
]
NoProgressOpt = Annotated[bool, typer.Option("--no-progress", help="Do not show the progress bar.")]


@dataclass(frozen=True)
class ImportRun:
    """How an import runs, whatever it reads: the options every import command takes."""

    dry_run: bool
    me: list[str] | None
    private: bool
    no_progress: bool


# An import command's run options, handed to it as ``run``.
with_run_options = option_group(
    (
        ("dry_run", DryRunOpt, False),
        ("me", MeOpt, None),
        ("private", PrivateOpt, False),
        ("no_progress", NoProgressOpt, False),
    ),
    ImportRun,
    into="run",
)


def _show(report: MailReport, json_output: bool) -> None:
    if json_output:
        emit_json(report.as_dict())
        return
    what = "meeting" if report.kind == "meeting" else "message"
    verb = "Would create" if report.dry_run else "Created"
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for column in ("Date", "With", "Summary"):
        table.add_column(column)
    for entry in report.created:
        first_line = entry.summary.splitlines()[0] if entry.summary else ""
        table.add_row(
            entry.day.isoformat(),
            ", ".join(name for _, name in entry.people),
            first_line[:80] + (" (caught up)" if entry.caught_up else ""),
        )
    if report.created:
        out.print(table)
    note(
        f"{verb} {len(report.created)} conversation{'s' * (len(report.created) != 1)} "
        f"from {report.read} {what}{'s' * (report.read != 1)} of {report.source}."
    )
    details = [
        (report.already_seen, "already taken in"),
        (report.without_known_person, "with nobody you know"),
        (report.before_since, "before --since"),
    ]
    for count, label in details:
        if count:
            note(f"  {count} {label}")
    if report.recurring:
        note(f"  {report.recurring} recurring: only the first occurrence of each is taken in")
    for skipped in report.skipped:
        note(f"  skipped {skipped.where}: {skipped.reason}")
    for line in report.notes:
        note(f"Note: {line}.")
    if report.dry_run:
        note("Dry run: nothing was changed.")


def _take_in(
    importer: Callable[..., MailReport],
    actor: Member,
    *sources: object,
    run: ImportRun,
    json_output: bool,
    **options: Any,
) -> None:
    """Run one import as ``actor``, with a progress bar unless ``--no-progress``, and
    show what it made."""
    with domain_errors(), stage_progress(show=not run.no_progress) as progress:
        report = importer(
            actor,
            *sources,
            dry_run=run.dry_run,
            me=run.me or (),
            private=run.private,
            progress=progress,
            **options,
        )
    _show(report, json_output)


@mail_app.command("import")
@with_run_options
def mail_import(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="An mbox file or a Maildir folder.")],
    since: SinceOpt = None,
    bodies: BodiesOpt = False,
    *,
    run: ImportRun,
    json_output: JsonOption = False,
) -> None:
    """Log a conversation for each message with someone you know (From/To/Cc).

    Reads only who, when and the subject, unless --bodies. Importing again creates
    nothing twice; a message with nobody you know yet becomes a conversation once you
    have added the person and import again.

    Example: knoten mail import ~/Mail/archive.mbox --since 2024-01-01 --me anna@home.de
    """
    from knoten.mailbox.importing import import_mail

    _take_in(
        import_mail,
        acting_member(),
        path,
        since=since,
        bodies=bodies,
        run=run,
        json_output=json_output,
    )


@mail_app.command("imap")
@with_run_options
def mail_imap(
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="The IMAP server.")],
    user: Annotated[str, typer.Option("--user", metavar="USER", help="Your login name.")],
    folder: Annotated[
        str, typer.Option("--folder", metavar="FOLDER", help="The folder to read.")
    ] = "INBOX",
    port: Annotated[
        int | None,
        typer.Option("--port", metavar="PORT", help="Default 993 (SSL) or 143."),
    ] = None,
    ssl: Annotated[
        bool,
        typer.Option(
            "--ssl/--no-ssl",
            help="--no-ssl: connect plainly, then upgrade with STARTTLS; a server without "
            "STARTTLS is refused unless it runs on this machine.",
        ),
    ] = True,
    password_env: Annotated[
        str,
        typer.Option(
            "--password-env",
            metavar="VAR",
            help="The environment variable holding the password; asked for if unset.",
        ),
    ] = "KNOTEN_IMAP_PASSWORD",
    since: SinceOpt = None,
    bodies: BodiesOpt = False,
    *,
    run: ImportRun,
    json_output: JsonOption = False,
) -> None:
    """Log conversations from an IMAP folder, fetching only the headers.

    The folder is opened read-only: no message is marked as read.

    Example: KNOTEN_IMAP_PASSWORD=… knoten mail imap --host imap.example.de --user anna
    --folder Sent --since 2024-01-01
    """
    from knoten.mailbox.importing import import_imap, since_day

    actor = acting_member()
    with domain_errors():
        since_day(since)  # a bad date is refused before the password is asked for
    password = os.environ.get(password_env) if password_env else None
    if password is None:
        password = typer.prompt(f"Password for {user} at {host}", hide_input=True, err=True)
    _take_in(
        import_imap,
        actor,
        host=host,
        user=user,
        password=password,
        folder=folder,
        port=port,
        ssl=ssl,
        since=since,
        bodies=bodies,
        run=run,
        json_output=json_output,
    )


@mail_app.command("suggestions")
def mail_suggestions(
    min_messages: Annotated[
        int,
        typer.Option("--min", metavar="N", help="Only addresses in N or more messages."),
    ] = DEFAULT_MIN_MESSAGES,
    limit: Annotated[
        int | None, typer.Option("--limit", metavar="N", help="Show at most N.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Addresses that recur in your mail and meetings but belong to nobody yet.

    Your own addresses and those of machines (noreply@, mailer-daemon@,
    notifications@ …) are left out.

    Example: knoten mail suggestions --min 5
    """
    from knoten.mailbox.suggestions import suggested_persons, suggestion_as_dict

    actor = acting_member()
    with domain_errors():
        if limit is not None and limit < 1:
            raise InvalidInput("limit", limit, "must be at least 1")
        rows = suggested_persons(actor, min_messages=min_messages, limit=limit)
    data = [suggestion_as_dict(row) for row in rows]
    print_listing(
        data,
        json_output=json_output,
        empty=f"No address without a person comes up in {min_messages} or more messages.",
        table=_suggestion_table,
    )
    if json_output or not data:
        return
    note(
        "Add one with: knoten person add NAME --email ADDRESS; "
        "importing the mail again links their messages."
    )


def _suggestion_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for column in ("Address", "Names seen", "Messages", "First", "Last"):
        table.add_column(column, justify="right" if column == "Messages" else "left")
    for row in rows:
        table.add_row(
            row["address"], "; ".join(row["names"]), str(row["messages"]), row["first"], row["last"]
        )
    return table


@calendar_app.command("import")
@with_run_options
def calendar_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An iCalendar (.ics) file.")],
    since: SinceOpt = None,
    *,
    run: ImportRun,
    json_output: JsonOption = False,
) -> None:
    """Log a meeting for each event with someone you know among its attendees.

    The event's summary becomes the minutes, its location the place, DTSTART to DTEND
    the duration. Of a recurring event only the first occurrence is taken in; events
    still to come wait for a later run.

    Example: knoten calendar import ~/Downloads/work.ics --since 2024-01-01
    """
    from knoten.mailbox.importing import import_calendar

    actor = acting_member()
    with domain_errors():
        if file.is_dir() or not file.exists():
            raise InvalidInput("file", str(file), "is no file; give an .ics file")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise InvalidInput("file", str(file), f"cannot be read: {error.strerror}") from None
    _take_in(
        import_calendar,
        actor,
        data,
        str(file),
        since=since,
        run=run,
        json_output=json_output,
    )


def register(app: typer.Typer) -> None:
    """Mount this app's commands on the ``knoten`` command line."""
    app.add_typer(mail_app, name="mail")
    app.add_typer(calendar_app, name="calendar")
