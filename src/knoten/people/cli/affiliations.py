"""``knoten affiliation add|list|edit|end|delete``: a person's jobs, functions, education and
memberships, through the same functions of :mod:`knoten.people.affiliations` as the
person page's career section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import LimitOpt, YesOpt, changes_given, confirm_delete
from knoten.cli.output import JsonOption, announce, domain_errors, emit_json, note, print_listing
from knoten.people import affiliations, persons
from knoten.people.cli.person_options import FreeNotesOpt, PersonArg
from knoten.people.cli.showing import display, explain
from knoten.profiles import person as person_page

affiliation_app = typer.Typer(
    name="affiliation",
    help="A person's jobs, functions, education and memberships: add, list, edit, end, delete.",
    no_args_is_help=True,
)


@affiliation_app.command("add")
def affiliation_add(
    person: PersonArg,
    organisation: Annotated[
        str,
        typer.Argument(metavar="ORG", help="Organisation's name or id (a new name creates it)."),
    ],
    kind: Annotated[
        str,
        typer.Option(
            "--kind", metavar="KIND", help="job, function, education or membership (or German)."
        ),
    ],
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TITLE", help="Position, function, degree or role."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="Start: 2019, 2019-05 or a date.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="End (empty while it lasts).")
    ] = None,
    note_text: FreeNotesOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Record a job, function, education or membership, with partial dates.

    Example: knoten affiliation add "Anna Schmidt" "TU München" --kind education
    --title "M.Sc. Informatik" --from 2008 --to 2013
    """

    actor = acting_member()
    with domain_errors():
        affiliation = affiliations.add_affiliation(
            actor, person, organisation, kind, title=title, start=start, end=end, note=note_text
        )
        understood = [
            persons.explain_date("from", start),
            persons.explain_date("to", end),
        ]
    what = f"{affiliation.kind}{': ' + affiliation.title if affiliation.title else ''}"
    note(
        f"{affiliation.person.full_name}: {what} at {affiliation.organisation.name} "
        f"(affiliation {affiliation.pk})."
    )
    explain([line for line in understood if line])
    if json_output:
        emit_json(person_page.person_detail(actor, affiliation.person)["affiliations"])


AffiliationArg = Annotated[
    str,
    typer.Argument(metavar="ID", help="The affiliation's id (see: knoten affiliation list)."),
]


def _line(data: dict[str, Any]) -> str:
    """``Anna Schmidt: job: CFO at Siemens AG (affiliation 7)``."""
    what = f"{data['kind']}{': ' + data['title'] if data['title'] else ''}"
    person = f"{data['person']['name']}: " if data.get("person") else ""
    return f"{person}{what} at {data['organisation']['name']} (affiliation {data['id']})"


@affiliation_app.command("list")
def affiliation_list(
    person: PersonArg,
    limit: LimitOpt = None,
    json_output: JsonOption = False,
) -> None:
    """List a person's affiliations with their ids: current first, then the latest ended.

    Example: knoten affiliation list "Anna Schmidt" --json
    """
    actor = acting_member()
    with domain_errors():
        rows = [
            affiliations.affiliation_as_dict(a)
            for a in affiliations.list_affiliations(actor, person, limit=limit)
        ]
    print_listing(
        rows,
        json_output=json_output,
        empty="No affiliations.",
        table=_affiliation_table,
        noun="affiliation",
    )


def _affiliation_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "kind", "title", "organisation", "from", "to"):
        table.add_column(column, justify="right" if column == "id" else "left")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["kind"],
            Text(row["title"]),
            Text(row["organisation"]["name"]),
            display(row["start"]),
            display(row["end"]),
        )
    return table


@affiliation_app.command("edit")
def affiliation_edit(
    affiliation_id: AffiliationArg,
    organisation: Annotated[
        str | None,
        typer.Option(
            "--org", metavar="ORG", help="Organisation's name or id (a new name creates it)."
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", metavar="KIND", help="job, function, education or membership (or German)."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TITLE", help='Position, role ("" clears).')
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help='Start ("" clears).')
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help='End ("" while it lasts).')
    ] = None,
    note_text: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help='Free notes ("" clears).')
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Change what you give; everything else stays ("" clears a title, date or note).

    Example: knoten affiliation edit 7 --title "Head of Sales" --from 2021 --to ""
    """
    given = {
        "organisation": organisation,
        "kind": kind,
        "title": title,
        "start": start,
        "end": end,
        "note": note_text,
    }
    actor = acting_member()
    with domain_errors():
        changes = changes_given("affiliation edit", affiliation_id, given)
        affiliation = affiliations.edit_affiliation(actor, affiliation_id, **changes)
        understood = [persons.explain_date("from", start), persons.explain_date("to", end)]
    data = affiliations.affiliation_as_dict(affiliation, person=True)
    note(f"Changed {_line(data)}.")
    explain([line for line in understood if line])
    if json_output:
        emit_json(data)


@affiliation_app.command("end")
def affiliation_end(
    affiliation_id: AffiliationArg,
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help="When it ended (default: this month)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """End a current job, function or membership (this month, or --to).

    Example: knoten affiliation end 7 --to 03.2024
    """
    actor = acting_member()
    with domain_errors():
        affiliation = affiliations.end_affiliation(actor, affiliation_id, end)
    data = affiliations.affiliation_as_dict(affiliation, person=True)
    announce(f"Ended {_line(data)} in {display(data['end'])}.", data, json_output=json_output)


@affiliation_app.command("delete")
def affiliation_delete(affiliation_id: AffiliationArg, yes: YesOpt = False) -> None:
    """Delete an affiliation; the person and the organisation stay (asks first; without
    a terminal to ask, --yes is needed).

    Example: knoten affiliation delete 7 --yes
    """
    actor = acting_member()
    with domain_errors():
        data = affiliations.affiliation_as_dict(
            affiliations.get_affiliation(actor, affiliation_id), person=True
        )
        confirm_delete(_line(data), yes=yes, field="affiliation", value=affiliation_id)
        affiliations.delete_affiliation(actor, affiliation_id)
    note(f"Deleted {_line(data)}.")
