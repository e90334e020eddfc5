"""``knoten org add|list|show``: organisations and their people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import LimitOpt
from knoten.cli.output import JsonOption, announce, domain_errors, out, print_listing, print_page
from knoten.people import organisations
from knoten.people.cli.person_options import FreeNotesOpt
from knoten.people.cli.showing import print_heading, print_line, span
from knoten.profiles import organisation as organisation_page

org_app = typer.Typer(name="org", help="Add, list and show organisations.", no_args_is_help=True)


@org_app.command("add")
def org_add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The organisation's name.")],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", metavar="KIND", help="company, professional association, club, … (or German)."
        ),
    ] = None,
    industry: Annotated[
        str | None, typer.Option("--industry", metavar="TEXT", help="Industry.")
    ] = None,
    website: Annotated[
        str | None, typer.Option("--website", metavar="URL", help="Web address.")
    ] = None,
    note_text: FreeNotesOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Add an organisation: a company, association, club, alumni network, school …

    Example: knoten org add "VDI Bezirksverein Berlin" --kind Berufsverband --website vdi.de
    """

    actor = acting_member()
    with domain_errors():
        organisation = organisations.add_organisation(
            actor, name, kind=kind, industry=industry, website=website, note=note_text
        )
    row = organisations.organisation_row(organisation)
    announce(
        f"Added {organisation.name} (id {organisation.pk}, {row['kind_label']}).",
        row,
        json_output=json_output,
    )


@org_app.command("list")
def org_list(
    kind: Annotated[
        str | None, typer.Option("--kind", metavar="KIND", help="Only this kind.")
    ] = None,
    limit: LimitOpt = None,
    json_output: JsonOption = False,
) -> None:
    """List organisations by name, with how many of your people are there now.

    Example: knoten org list --kind Verein
    """

    actor = acting_member()
    with domain_errors():
        rows = [
            organisations.organisation_row(o)
            for o in organisations.list_organisations(actor, kind=kind, limit=limit)
        ]
    print_listing(
        rows, json_output=json_output, empty="No organisations match.", table=_organisation_table
    )


def _organisation_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "name", "kind", "industry", "people"):
        table.add_column(column, justify="right" if column in ("id", "people") else "left")
    for row in rows:
        table.add_row(
            str(row["id"]),
            Text(row["name"]),
            row["kind_label"],
            Text(row["industry"]),
            str(row["current_people"] or 0),
        )
    return table


@org_app.command("show")
def org_show(
    organisation: Annotated[
        str, typer.Argument(metavar="ORG", help="Name, part of the name or id.")
    ],
    json_output: JsonOption = False,
) -> None:
    """An organisation with its people, current and former.

    Example: knoten org show "Siemens AG"
    """

    actor = acting_member()
    with domain_errors():
        data = organisation_page.organisation_detail(actor, organisation)
    print_page(data, json_output=json_output, page=lambda: _print_organisation(data))


def _print_organisation(data: dict[str, Any]) -> None:
    out.print(Text(f"{data['name']}", style="bold"), Text(f"(id {data['id']})", style="dim"))
    print_line(data["kind_label"], data["industry"], data["website"])
    for key, heading in (("current", "People now"), ("former", "People before")):
        if data[key]:
            print_heading(heading)
            for a in data[key]:
                print_line(
                    f"{a['person']['name']} (id {a['person']['id']})",
                    f"{a['kind']}: {a['title']}" if a["title"] else a["kind"],
                    span(a["start"], a["end"]),
                )
            total = data[f"{key}_total"]
            if total > len(data[key]):
                hint = " (knoten person list --org ORG lists them all)" if key == "current" else ""
                print_line(f"… the latest {len(data[key])} of {total}{hint}")
    if data["events"]:
        print_heading("Events organised")
        for event in data["events"]:
            print_line(event["starts_on"] or "", event["name"])
    if data["projects"]:
        print_heading("Projects")
        for project in data["projects"]:
            print_line(project["name"], f"({project['status']})")
    if data["notes"]:
        print_heading("Notes")
        print_line(data["notes"])
