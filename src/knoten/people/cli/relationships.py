"""``knoten relate`` and ``knoten unrelate``: how two persons are related."""

from __future__ import annotations

from typing import Annotated

import typer

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, emit_json, note
from knoten.people import persons, relationships
from knoten.people.cli.person_options import FreeNotesOpt
from knoten.people.cli.showing import explain


def relate(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="The first person (name, id or 'me').")
    ],
    other: Annotated[str, typer.Argument(metavar="PERSON", help="The second person.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="What the first is of the second: boss, report, mentor, friend, "
            "Geschäftspartner, business-partner …",
        ),
    ],
    trust: Annotated[
        str | None, typer.Option("--trust", metavar="1-5", help="Trust from 1 to 5.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Since when: 2019 or a date.")
    ] = None,
    note_text: FreeNotesOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Record how two persons are related: the first is KIND of the second.

    A kind may be given in English or German, with spaces or hyphens, in either
    direction ("report" is "boss" the other way round). The same pair and kind again
    updates trust, since and note.

    Example: knoten relate "Anna Schmidt" "Ben Weber" --kind boss --trust 4 --since 2019
    """

    actor = acting_member()
    with domain_errors():
        relationship = relationships.relate(
            actor, person, other, kind, trust=trust, since=since, note=note_text
        )
        understood = persons.explain_date("since", since)
    label, _ = relationships.relationship_label(relationship.kind, True)
    extra = f", trust {relationship.trust}" if relationship.trust else ""
    note(
        f"{relationship.from_person.full_name} is {label} "
        f"{relationship.to_person.full_name}{extra} (relationship {relationship.pk})."
    )
    if understood:
        explain([understood])
    if json_output:
        emit_json(
            {
                "id": relationship.pk,
                "kind": relationship.kind,
                "from": {
                    "id": relationship.from_person.pk,
                    "name": relationship.from_person.full_name,
                },
                "to": {"id": relationship.to_person.pk, "name": relationship.to_person.full_name},
                "label": label,
                "trust": relationship.trust,
                "since": relationship.since.isoformat() if relationship.since else None,
                "note": relationship.note,
            }
        )


def unrelate(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="The first person (name, id or 'me').")
    ],
    other: Annotated[str, typer.Argument(metavar="PERSON", help="The second person.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="KIND", help="Only this kind (default: every kind)."),
    ] = None,
) -> None:
    """Remove the relationships between two persons (of one kind, with --kind).

    Example: knoten unrelate "Anna Schmidt" "Ben Weber" --kind boss
    """

    actor = acting_member()
    with domain_errors():
        removed = relationships.unrelate(actor, person, other, kind)
    note(f"Removed {removed} relationship{'s' if removed != 1 else ''}.")
