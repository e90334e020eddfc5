"""``knoten affiliation add``: a person's jobs, functions, education and memberships."""

from __future__ import annotations

from typing import Annotated

import typer

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, emit_json, note
from knoten.people import affiliations, persons
from knoten.people.cli.person_options import FreeNotesOpt, PersonArg
from knoten.people.cli.showing import explain
from knoten.profiles import person as person_page

affiliation_app = typer.Typer(
    name="affiliation",
    help="A person's jobs, functions, education and memberships.",
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
