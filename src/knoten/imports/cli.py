"""``knoten import FILE…``: contacts from vCard and CSV files into the network."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from knoten.cli.output import JsonOption, domain_errors, emit_json, err, note, out, stage_progress

_SHOWN = 20  # records listed per kind of outcome before "and N more"


def register(app: typer.Typer) -> None:
    """Mount this app's commands on the ``knoten`` command line."""
    app.command("import")(import_command)


@contextmanager
def _progress(label: str, enabled: bool) -> Iterator[Any]:
    """The import's bar on stderr: records matched of the file's records."""
    with stage_progress(show=enabled) as progress:
        if progress is None:
            yield None
        else:
            yield lambda done, total: progress(label, done, total)


def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE…", help="vCard (.vcf) or CSV files.", show_default=False),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="F",
            help="vcard, google, outlook, linkedin, xing or csv (with --map); "
            "found from the content when not given. json: a whole network from "
            "knoten export --format json.",
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            metavar="MAP",
            help="Which column is what, for any CSV: "
            '"Vorname=given_name,Nachname=family_name,E-Mail=email".',
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be created, merged and skipped.")
    ] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Import the readable records; list the others."),
    ] = False,
    circle: Annotated[
        str | None, typer.Option("--circle", metavar="C", help="Put everyone imported in C.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Import contacts: a person per record, duplicates merged, in one go or not at all.

    A record matching someone already here (the same e-mail, phone or profile) is merged
    into them; a close name only goes to the review queue (knoten dedupe). Importing
    the same file again creates nothing new.

    Example: knoten import Contacts.vcf Connections.csv --dry-run
    """
    from knoten.imports.runs import import_file
    from knoten.people.networks import local_member

    with domain_errors():
        actor = local_member()
    reports = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            err.print(f"Error: cannot read {path}: {error.strerror}", markup=False)
            raise typer.Exit(2) from None
        if format == "json" or (format is None and data.lstrip()[:1] == b"{"):
            # A whole network (a Knoten export) comes back in whole, however large.
            reports.append(_import_network(actor, data, path))
            continue
        with domain_errors(), _progress(path.name, sys.stderr.isatty()) as progress:
            done = import_file(
                actor,
                data,
                path.name,
                format=format,
                mapping=mapping,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                circle=circle,
                progress=progress,
            )
        reports.append(done.as_dict())
    if json_output:
        emit_json(reports[0] if len(reports) == 1 else reports)
        return
    for report in reports:
        _print_report(report)


def _import_network(actor: Any, data: bytes, path: Path) -> dict[str, Any]:
    import json

    from knoten.core.errors import InvalidInput
    from knoten.exports.services import import_json

    with domain_errors():
        try:
            content = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InvalidInput("file", path.name, f"is not JSON ({error})") from None
        summary: dict[str, Any] = import_json(actor, content)
    return {"source": path.name, "format": "json", **summary}


def _print_report(report: dict[str, Any]) -> None:
    if report.get("format") == "json":
        note(f"{report['source']}: the network was imported.")
        return
    prefix = "Would import" if report["dry_run"] else "Imported"
    out.print(
        f"{prefix} {report['source']} ({report['format']}, {report['read']} records): "
        f"{report['created']} new, {report['merged']} merged, "
        f"{report['unchanged']} already here, {report['to_review']} to review, "
        f"{report['skipped']} skipped.",
        markup=False,
    )
    records = report["records"]
    for action, title in (
        ("merged", "Merged into people already here"),
        ("review", "New, but perhaps the same as someone here (knoten dedupe)"),
        ("skipped", "Skipped"),
    ):
        rows = [r for r in records if r["action"] == action]
        if not rows:
            continue
        table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
        for column in ("line", "record", "person", "why"):
            table.add_column(column, justify="right" if column == "line" else "left")
        for row in rows[:_SHOWN]:
            why = row["problem"] or ", ".join(row["reasons"])
            if row["added"]:
                why = f"{why}; added {', '.join(row['added'])}".strip("; ")
            table.add_row(str(row["line"]), row["name"], row["matched"], why)
        out.print(table)
        if len(rows) > _SHOWN:
            out.print(f"  … and {len(rows) - _SHOWN} more (--json lists all).", markup=False)
    for warning in report["warnings"][:_SHOWN]:
        note(f"Note: {warning}")
    if len(report["warnings"]) > _SHOWN:
        note(f"… and {len(report['warnings']) - _SHOWN} more notes (--json lists all).")
