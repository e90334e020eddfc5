"""``knoten export``, ``knoten backup``, ``knoten restore``, and on the person group
``knoten person export`` and ``knoten person forget``.

Each command calls one function of :mod:`knoten.exports.services`; files go where
``-o`` says (stdout without it), feedback goes to stderr, long jobs show a progress bar
on stderr.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from knoten.cli.acting import acting_member
from knoten.cli.asking import confirm
from knoten.cli.output import JsonOption, domain_errors, emit_json, err, note
from knoten.core.errors import InvalidInput

_SUFFIXES = {".vcf": "vcard", ".vcard": "vcard", ".csv": "csv", ".json": "json"}


@contextmanager
def _progress(title: str) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr; the callback takes (what, done, total)."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(title, total=None)

        def advance(what: str, done: int, total: int) -> None:
            bar.update(task, description=f"{title}: {what}", completed=done, total=total)

        yield advance


def _write(pieces: Iterable[str], output: Path | None) -> None:
    """The text to ``output`` (readable by its owner only: it is personal data) or stdout."""
    if output is None:
        last = ""
        for piece in pieces:
            sys.stdout.write(piece)
            last = piece or last
        if not last.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
        return
    path = output.expanduser()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for piece in pieces:
                handle.write(piece)
    except OSError as error:
        raise InvalidInput("output", str(output), f"cannot be written: {error.strerror}") from None


OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
]


def export_command(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="vcard (4.0), csv (Google Contacts) or json (everything, lossless); "
            "by default from the file name of -o, else vcard.",
        ),
    ] = None,
    circle: Annotated[
        str | None,
        typer.Option("--circle", metavar="CIRCLE", help="Only the people of this circle."),
    ] = None,
    output: OutputOpt = None,
) -> None:
    """Export the network: vCard 4.0, Google-Contacts CSV or JSON with everything.

    A JSON export imports into an empty network with `knoten import FILE --format json`.

    Example: knoten export --format vcard --circle Kunden -o kunden.vcf
    """
    from knoten.exports import services

    actor = acting_member()
    with domain_errors():
        chosen = fmt or (_SUFFIXES.get(output.suffix.lower()) if output else None) or "vcard"
        if chosen.strip().lower() == "json":
            with _progress("Exporting") as progress:
                pieces = services.export_json_text(actor, circle=circle, progress=progress)
                _write(pieces, output)
            count = None
        else:
            chunks, _media, _name = services.export(actor, chosen, circle=circle)
            text = "".join(chunks)
            if chosen.strip().lower() in {"vcard", "vcf"}:
                count = text.count("BEGIN:VCARD")
            else:
                count = max(0, len(_csv_rows(text)) - 1)
            _write([text], output)
    where = f" to {output}" if output else ""
    what = f"{count} persons" if count is not None else "the network"
    note(f"Exported {what} as {chosen}{where}.")


def _csv_rows(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text)))


def backup_command(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            help="Where to write the backup (default: a dated file in the data folder's backups/).",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Back up the database while Knoten runs (SQLite: a copy of the database file;
    PostgreSQL: the JSON export of every network).

    Example: knoten backup ~/Sicherung/knoten.sqlite3
    """
    from django.db import connection

    from knoten.exports import services

    with domain_errors(), _progress("Backing up") as progress:
        path = services.backup(file, progress=progress)
    size = path.stat().st_size
    if json_output:
        emit_json({"path": str(path), "bytes": size, "database": connection.vendor})
    else:
        note(f"Backed up to {path} ({size / 1_000_000:.1f} MB).")


def restore_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A backup made by knoten backup.")],
    yes: Annotated[bool, typer.Option("--yes", help="Restore without asking.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Put a backup back. SQLite: the database becomes the backup (the current one is
    kept beside it as .before-restore). PostgreSQL: the JSON backup fills empty networks.

    Example: knoten restore ~/Sicherung/knoten.sqlite3 --yes
    """
    from knoten.exports import services

    with domain_errors():
        if not file.is_file():
            raise InvalidInput("file", str(file), "does not exist")
        confirm(
            f"Replace what Knoten holds now with the backup {file}?",
            yes=yes,
            field="file",
            value=str(file),
        )
        with _progress("Restoring") as progress:
            result = services.restore(file, progress=progress)
    if json_output:
        emit_json(result)
    elif result["kind"] == "sqlite":
        note(f"Restored {file}: {result['persons']} persons in {result['networks']} networks.")
        if result.get("previous"):
            note(f"The database as it was is kept in {result['previous']}.")
    else:
        for network in result["restored"]:
            note(f"Restored the network {network['network']} of {network['owner']}.")


PersonArg = Annotated[str, typer.Argument(metavar="PERSON", help="Name, part of the name or id.")]


def person_export_command(person: PersonArg, output: OutputOpt = None) -> None:
    """Everything stored about one person, as JSON (GDPR Art. 15 and 20).

    Example: knoten person export "Anna Schmidt" -o anna.json
    """
    from knoten.exports import services

    actor = acting_member()
    with domain_errors():
        data = services.person_export(actor, person)
        _write([json.dumps(data, ensure_ascii=False, indent=2) + "\n"], output)
    if output:
        note(f"Wrote everything about {data['person']['given_name']} to {output}.")


def _record(row: dict[str, Any]) -> str:
    name = f" {row['name']}" if row["name"] else ""
    return f"{row['label']} {row['id']}{name}: {', '.join(row['fields'])}"


def _show_plan(plan: dict[str, Any]) -> None:
    who = plan["person"]
    note(f"Forgetting {who['name']} (id {who['id']}) will:")
    deleted = ", ".join(f"{what}: {count}" for what, count in plan["deleted"].items())
    note(f"  delete rows ({deleted})")
    if plan["conversations_only_with_them"]:
        note(
            f"  delete {plan['conversations_only_with_them']} conversations that only they were in"
        )
    if plan["texts_changed"]:
        where = ", ".join(f"{field} {n}" for field, n in plan["names_replaced"].items())
        note(
            f"  replace their name with {plan['replacement']} in {plan['texts_changed']} "
            f"texts ({where})"
        )
    for what, count in plan["cleared"].items():
        note(f"  leave out the reference to them in {what} ({count})")
    for what, names in plan.get("labels_removed", {}).items():
        note(f"  delete the {what} only they carry: {', '.join(names)}")
    if plan.get("mentions"):
        note("  Records that name them (their name becomes the replacement):")
        for row in plan["mentions"]:
            note(f"    {_record(row)}")
    if plan.get("to_review"):
        note("  Records with a word of their name that may mean someone else (left as they are):")
        for row in plan["to_review"]:
            note(f"    {_record(row)}")
    if plan["backups_keeping_them"]:
        note("  Backups made before keep them; delete these files too if they must go:")
        for path in plan["backups_keeping_them"]:
            note(f"    {path}")


def person_forget_command(
    person: PersonArg,
    yes: Annotated[bool, typer.Option("--yes", help="Forget without asking.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show what would change.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Erase a person and every fact about them, and their name from other people's
    notes and minutes (GDPR Art. 17). Shows what will change and asks first.

    Example: knoten person forget "Anna Schmidt" --yes
    """
    from knoten.exports import services

    actor = acting_member()
    with domain_errors():
        plan = services.forget_plan(actor, person)
        if dry_run:
            if json_output:
                emit_json(plan)
            else:
                _show_plan(plan)
            return
        if not json_output or not yes:
            _show_plan(plan)
        confirm(f"Forget {plan['person']['name']} for good?", yes=yes, field="person", value=person)
        result = services.forget_person(actor, plan["person"]["id"])
    if json_output:
        emit_json(result)
    else:
        note(f"Forgot {result['person']['name']}.")


def register(app: typer.Typer) -> None:
    """Mount this app's commands on the ``knoten`` command line."""
    from knoten.people.cli import person_app

    app.command("export")(export_command)
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
    person_app.command("export")(person_export_command)
    person_app.command("forget")(person_forget_command)
