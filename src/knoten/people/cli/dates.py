"""``knoten date add``: birthdays, anniversaries and life events."""

from __future__ import annotations

from typing import Annotated

import typer

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, announce, domain_errors
from knoten.people import important_dates
from knoten.people.cli.person_options import FreeNotesOpt, PersonArg

date_app = typer.Typer(
    name="date", help="Birthdays, anniversaries and life events.", no_args_is_help=True
)


@date_app.command("add")
def date_add(
    person: PersonArg,
    date: Annotated[
        str,
        typer.Argument(metavar="DATE", help="14.03.2024, 2024-03-14, --03-14, 2019-05 or 2019."),
    ],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="birthday, anniversary, new job, moved, wedding, child, graduation, "
            "bereavement, illness, award, custom (or German).",
        ),
    ],
    label: Annotated[
        str | None, typer.Option("--label", metavar="TEXT", help="What the date is.")
    ] = None,
    note_text: FreeNotesOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Record a birthday, anniversary or life event (a new birthday replaces the old).

    Example: knoten date add "Anna Schmidt" --kind Geburtstag 14.03.
    """

    actor = acting_member()
    with domain_errors():
        important = important_dates.add_important_date(
            actor, person, kind, date, label=label, note=note_text
        )
    data = important_dates.important_date_data(important)
    announce(
        f"{important.person.full_name}: {important.kind} {data['display']} ({data['date']}).",
        data,
        json_output=json_output,
    )
