"""``knoten person add|list|show|edit|archive|delete``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import LimitOpt, YesOpt, confirm_delete, nothing_to_change
from knoten.cli.output import JsonOption, domain_errors, emit_json, note, print_listing, print_page
from knoten.people import person_list as people_list
from knoten.people import persons
from knoten.people.cli.person_options import PersonArg, with_person_options
from knoten.people.cli.person_page import print_person
from knoten.people.cli.showing import explain
from knoten.profiles import person as person_page

person_app = typer.Typer(
    name="person", help="Add, list, show, edit, archive and delete persons.", no_args_is_help=True
)


@person_app.command("add")
@with_person_options
def person_add(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Full name: 'Prof. Dr. Hans-Peter von Müller'.")
    ],
    *,
    fields: persons.PersonFields,
    json_output: JsonOption = False,
) -> None:
    """Add a person to your network; only the name is required.

    Example: knoten person add "Dr. Anna Schmidt" --org "Siemens AG" --title CFO
    --email anna.schmidt@siemens.com --phone "mobile:0170 1234567" --circle Kollegen
    --birthday 14.03. --du
    """

    actor = acting_member()
    with domain_errors():
        person = persons.add_person(actor, name, fields)
        understood = [persons.explain_name(name), *persons.explain_fields(fields)]
    note(f"Added {person.full_name} (id {person.pk}).")
    explain(understood)
    if json_output:
        emit_json(people_list.person_row(person, actor))


@person_app.command("list")
def person_list(
    circle: Annotated[
        str | None, typer.Option("--circle", metavar="CIRCLE", help="Only this circle.")
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", metavar="ORG", help="Only people currently at this organisation."),
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", metavar="TAG", help="Only people with this tag.")
    ] = None,
    archived: Annotated[bool, typer.Option("--archived", help="Include archived persons.")] = False,
    limit: LimitOpt = None,
    json_output: JsonOption = False,
) -> None:
    """List persons by family name, in German order (Ö with O, ß as ss, von ignored).

    Example: knoten person list --circle Kollegen --limit 20
    """

    actor = acting_member()
    with domain_errors():
        people = people_list.list_people(
            actor, circle=circle, org=org, tag=tag, include_archived=archived, limit=limit
        )
        rows = [people_list.person_row(person, actor) for person in people]
    print_listing(
        rows, json_output=json_output, empty="No persons match.", table=_person_table, noun="person"
    )


def _person_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "name", "position", "circles", "email", "phone"):
        table.add_column(column, justify="right" if column == "id" else "left")
    for row in rows:
        job = row["job"]
        position = (
            ", ".join(x for x in (job["title"], job["organisation"]["name"]) if x) if job else ""
        )
        name = (
            row["name"]
            + (" (me)" if row["me"] else "")
            + (" [archived]" if row["archived"] else "")
        )
        table.add_row(
            str(row["id"]),
            Text(name),
            Text(position),
            Text(", ".join(row["circles"])),
            Text(row["email"] or ""),
            Text(row["phone"] or ""),
        )
    return table


@person_app.command("show")
def person_show(
    person: PersonArg,
    json_output: JsonOption = False,
) -> None:
    """Everything known about a person: contact, career, relationships, promises, talks.

    Example: knoten person show "Anna Schmidt" --json
    """

    actor = acting_member()
    with domain_errors():
        data = person_page.person_detail(actor, person)
    print_page(data, json_output=json_output, page=lambda: print_person(data, actor.person_id))


@person_app.command("edit")
@with_person_options
def person_edit(
    person: PersonArg,
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="The whole name, anew.")
    ] = None,
    *,
    fields: persons.PersonFields,
    json_output: JsonOption = False,
) -> None:
    """Change what you give; everything else stays.

    A repeated option (--email, --phone, --circle, --tag, --skill, --website) replaces
    the person's list; give it once with "" to empty the list. An empty value ("")
    clears a single fact. A new --org is a new employer: the current job elsewhere ends
    this month; --title alone renames the current job.

    Example: knoten person edit "Anna Schmidt" --org "Bosch GmbH" --title COO --sie
    """

    actor = acting_member()
    with domain_errors():
        if name is None and fields == persons.PersonFields():
            raise nothing_to_change("person edit", person)
        changed = persons.edit_person(actor, person, fields, name=name)
        understood = ([persons.explain_name(name)] if name is not None else []) + (
            persons.explain_fields(fields)
        )
    note(f"Changed {changed.full_name} (id {changed.pk}).")
    explain(understood)
    if json_output:
        emit_json(people_list.person_row(changed, actor))


@person_app.command("archive")
def person_archive(
    person: PersonArg,
    undo: Annotated[bool, typer.Option("--undo", help="Bring an archived person back.")] = False,
) -> None:
    """Archive a person: hidden from lists, nothing is lost (--undo brings them back).

    Example: knoten person archive "Anna Schmidt"
    """

    actor = acting_member()
    with domain_errors():
        changed = persons.archive_person(actor, person, archived=not undo)
    note(f"{'Restored' if undo else 'Archived'} {changed.full_name} (id {changed.pk}).")


@person_app.command("delete")
def person_delete(
    person: PersonArg,
    yes: YesOpt = False,
) -> None:
    """Delete a person and everything recorded only about them (asks first).

    Conversations stay, without this participant. Without a terminal to ask, --yes is
    needed.

    Example: knoten person delete "Anna Schmidt" --yes
    """
    from knoten.people.lookup import resolve_person

    actor = acting_member()
    with domain_errors():
        target = resolve_person(actor, person)
        confirm_delete(
            f"{target.full_name} (id {target.pk})", yes=yes, field="person", value=person
        )
        name, pk = target.full_name, target.pk
        persons.delete_person(actor, target)
    note(f"Deleted {name} (id {pk}).")
