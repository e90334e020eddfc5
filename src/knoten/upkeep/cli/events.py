"""``knoten event prep`` and ``knoten event capture``: added to the journal's ``event`` group.

The group belongs to the journal's commands; a lower layer does not know upkeep, so this
module finds the group among the ones mounted on the ``knoten`` command and adds to it.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, out, print_page

EventArg = Annotated[str, typer.Argument(help="The event (id or part of its name).")]


def prep(event: EventArg, json_output: JsonOption = False) -> None:
    """Prepare an event: who is expected, what I know of each, whom to meet there.

    Example: knoten event prep "Hannover Messe"
    """
    from knoten.upkeep.prep import prep_sheet

    actor = acting_member()
    with domain_errors():
        data = prep_sheet(actor, event).as_dict()
    print_page(data, json_output=json_output, page=lambda: _print_prep(data))


def _print_prep(data: dict[str, Any]) -> None:
    from knoten.upkeep.prep import how_we_met_words

    event = data["event"]
    when = f" ({event['starts']})" if event["starts"] else ""
    out.print(Text(f"{event['name']}{when}", style="bold"))
    out.print(Text(f"{data['count']} expected or met there."))
    for person in data["attendees"]:
        out.print()
        where = ", ".join(
            part
            for part in (person["position"], (person["organisation"] or {}).get("name", ""))
            if part
        )
        head = Text(f"{person['name']} (id {person['person_id']})", style="bold")
        if where:
            head.append(f" — {where}")
        head.append(f"  [{person['status']}; {person['level_words']} {person['strength']}]")
        out.print(head)
        for line in _facts(person, how_we_met_words(person["how_we_met"])):
            out.print(Text(f"  {line}"))
    if data["wanted"]:
        out.print()
        out.print(Text("Whom to meet there", style="bold"))
        for wanted in data["wanted"]:
            via = ", ".join(f"{i['name']} ({i['kind']})" for i in wanted["introducers"])
            out.print(Text(f"  {wanted['name']}" + (f" — through {via}" if via else "")))


def _facts(person: dict[str, Any], how: str) -> list[str]:
    lines = []
    if how:
        lines.append(f"How we met: {how}")
    talk = person["last_conversation"]
    if talk:
        lines.append(f"Last conversation {talk['date']}: {talk['summary']}")
    elif person["last_contact"]:
        lines.append(f"Last contact {person['last_contact']}")
    for label, key in (("I promised", "promises_mine"), ("They promised", "promises_theirs")):
        for promise in person[key]:
            due = f" (by {promise['due']})" if promise["due"] else ""
            lines.append(f"{label}: {promise['text']}{due}")
    if person["family"]:
        lines.append("Family: " + ", ".join(f"{f['name']} ({f['kind']})" for f in person["family"]))
    if person["projects"]:
        shown = [p["name"] + (f" ({p['role']})" if p["role"] else "") for p in person["projects"]]
        lines.append("Projects: " + ", ".join(shown))
    if person["shared_contacts"]:
        lines.append(
            "Shared contacts: "
            + ", ".join(f"{s['name']} ({s['kind']})" for s in person["shared_contacts"])
        )
    return lines


def _event_group(app: typer.Typer) -> typer.Typer:
    for group in app.registered_groups:
        if group.name == "event" and group.typer_instance is not None:
            return group.typer_instance
    raise RuntimeError("the journal's 'event' commands must be mounted before upkeep's")


def register(app: typer.Typer) -> None:
    group = _event_group(app)
    group.command("prep")(prep)
