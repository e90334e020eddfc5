"""``knoten event prep`` and ``knoten event capture``: added to the journal's ``event`` group.

The group belongs to the journal's commands; a lower layer does not know upkeep, so this
module finds the group among the ones mounted on the ``knoten`` command and adds to it.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, note, out, print_page

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


def capture(
    event: EventArg,
    name: Annotated[
        str | None, typer.Option("--name", help="Capture this one person and stop.")
    ] = None,
    organisation: Annotated[
        str | None, typer.Option("--org", help="Their organisation (with --name).")
    ] = None,
    line: Annotated[
        str | None, typer.Option("--line", help="One line about the conversation (with --name).")
    ] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="The existing person meant (an id).")
    ] = None,
) -> None:
    """Capture whom I met at an event: asks for name, organisation and one line, again
    and again until an empty name.

    Example: knoten event capture "Hannover Messe"
    Example: knoten event capture Messe --name "Petra Pohl" --org Siemens --line "Sensors"
    """
    from knoten.core.errors import Ambiguous, KnotenError
    from knoten.journal.events import resolve_event
    from knoten.upkeep.capture import capture_met

    actor = acting_member()
    with domain_errors():
        found = resolve_event(actor, event)
        if name is not None or person is not None:
            done = capture_met(
                actor, found, name=name or "", organisation=organisation, line=line, person=person
            )
            _said(done.as_dict())
            return
    note(f"Whom did you meet at {found.name}? An empty name ends.")
    while True:
        typed = typer.prompt("Name", default="", show_default=False).strip()
        if not typed:
            return
        org = typer.prompt("Organisation", default="", show_default=False).strip() or None
        said = typer.prompt("One line", default="", show_default=False).strip() or None
        picked: str | None = None
        while True:
            try:
                done = capture_met(
                    actor, found, name=typed, organisation=org, line=said, person=picked
                )
            except Ambiguous as error:
                note(f"{error.summary}:")
                for candidate in error.candidates:
                    note(f"  {candidate}")
                picked = typer.prompt("Which one (id)? Empty: skip", default="").strip()
                if not picked:
                    break
                continue
            except KnotenError as error:
                note(f"Error: {error.message}")
                break
            _said(done.as_dict())
            break


def _said(data: dict[str, Any]) -> None:
    what = "Added" if data["created"] else "Met"
    note(f"{what} {data['name']} (id {data['person_id']}): conversation {data['interaction_id']}.")


def _event_group(app: typer.Typer) -> typer.Typer:
    for group in app.registered_groups:
        if group.name == "event" and group.typer_instance is not None:
            return group.typer_instance
    raise RuntimeError("the journal's 'event' commands must be mounted before upkeep's")


def register(app: typer.Typer) -> None:
    group = _event_group(app)
    group.command("prep")(prep)
    group.command("capture")(capture)
