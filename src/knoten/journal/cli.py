"""``knoten log``, ``knoten promise``, ``knoten project`` and ``knoten event``.

Each command parses its options, calls one function of :mod:`knoten.journal`
and prints the result: a Rich table for people, or with ``--json`` only JSON on stdout.
What was understood (dates read from words, the persons matched) goes to stderr.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from knoten.cli.acting import acting_member
from knoten.cli.asking import YesOpt, changes_given, confirm_delete
from knoten.cli.output import (
    JsonOption,
    announce,
    domain_errors,
    note,
    out,
    print_listing,
    print_page,
    show_day,
)

promise_app = typer.Typer(help="Promises and follow-ups: who owes whom what, by when.")
project_app = typer.Typer(help="Projects and who takes part in them.")
event_app = typer.Typer(help="Events: fairs, conferences, meetups; who will be there, who I met.")


def _name(ref: dict[str, Any] | None, me_id: int) -> str:
    if ref is None:
        return "-"
    return "you" if ref["id"] == me_id else str(ref["name"])


def _word(words: Any, code: str) -> str:
    return next((word.en for word in words if word.code == code), code)


def _people(refs: list[dict[str, Any]]) -> str:
    return ", ".join(f"{ref['name']} (id {ref['id']})" for ref in refs)


def _promise_line(data: dict[str, Any], me_id: int) -> str:
    due = f"due {show_day(data['due'])}" if data["due"] else "no due date"
    debtor, creditor = _name(data["debtor"], me_id), _name(data["creditor"], me_id)
    owes = "owe" if debtor == "you" else "owes"
    return f"  promise {data['id']}: {debtor} {owes} {creditor} {data['text']!r}, {due}"


# ---------------------------------------------------------------------------
# knoten log
# ---------------------------------------------------------------------------


def log(
    summary: Annotated[str, typer.Argument(help="What was discussed and agreed, in a line.")],
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            "-w",
            help="A person it was with: a name, part of one, or an id (repeat for more).",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="meeting, call, email, message, event conversation, letter or card, "
            "social media, or a German word or synonym (Telefon, Anruf, Zoom, Mail, "
            "Termin, SMS, Brief …). Default: meeting.",
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", help="When: 2024-03-14, 14.03.2024, gestern, Freitag (default: today)."
        ),
    ] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", "-m", help="How long it took, in minutes.")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="The event it was at (name or id).")
    ] = None,
    place: Annotated[str, typer.Option("--place", help="Where it took place.")] = "",
    private: Annotated[
        bool, typer.Option("--private", help="Only you can see it, even in a shared network.")
    ] = False,
    promise: Annotated[
        list[str] | None,
        typer.Option(
            "--promise",
            "-p",
            help='Something you promised them: "TEXT by DATE", "TEXT bis DATUM" or a date in '
            'words at its end: "TEXT in 3 Tagen", "TEXT end of next week" (repeatable).',
        ),
    ] = None,
    expect: Annotated[
        list[str] | None,
        typer.Option(
            "--expect",
            "-e",
            help='Something they promised you: "TEXT by DATE" or "TEXT nächste Woche" '
            "(repeatable).",
        ),
    ] = None,
    gave: Annotated[
        list[str] | None,
        typer.Option(
            "--gave",
            metavar="KIND",
            help="A favour you did the first --with person, of KIND: tip, lead, help … "
            "(repeatable).",
        ),
    ] = None,
    got: Annotated[
        list[str] | None,
        typer.Option(
            "--got",
            metavar="KIND",
            help="A favour the first --with person did you, of KIND (repeatable).",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Write down a conversation (its minutes), with the promises made and the favours
    done in it.

    Promises and favours run between you and the first --with person; with --json, the
    favours noted are listed under "favours".

    Example: knoten log "Lunch, talked about the tender" --with "Anna Schmidt" --on Freitag
    --promise "Send the offer bis 14.03.2025" --expect "Intro to her CFO by next friday"
    --got tip
    """
    from knoten.journal.conversations import interaction_as_dict
    from knoten.reciprocity.services import favour_as_dict, log_with_favours

    with domain_errors():
        actor = acting_member()
        interaction, favours = log_with_favours(
            actor,
            summary,
            gave=gave or [],
            got=got or [],
            participants=with_ or [],
            kind=kind,
            on=on,
            minutes=minutes,
            event=at,
            place=place,
            private=private,
            promises=promise or [],
            expectations=expect or [],
        )
    data = interaction_as_dict(interaction)
    me_id = actor.me.pk
    where = f" at {data['event']['name']}" if data["event"] else ""
    shown = "private " if data["private"] else ""
    lines = [
        f"Logged {shown}{_word(_kinds(), data['kind'])} {data['id']} on {show_day(data['date'])}"
        f"{where} with {_people(data['participants'])}."
    ]
    lines.extend(_promise_line(entry, me_id) for entry in data["promises"])
    if favours:
        data["favours"] = [favour_as_dict(favour) for favour in favours]
    for entry in data.get("favours", []):
        giver, receiver = _name(entry["giver"], me_id), _name(entry["receiver"], me_id)
        lines.append(
            f"  favour {entry['id']}: {giver} → {receiver}, {_word(_favour_kinds(), entry['kind'])}"
        )
    announce("\n".join(lines), data, json_output=json_output)


def _kinds() -> Any:
    from knoten.journal.vocabulary import INTERACTION_KINDS

    return INTERACTION_KINDS


def _favour_kinds() -> Any:
    from knoten.reciprocity.vocabulary import FAVOUR_KINDS

    return FAVOUR_KINDS


def _event_kinds() -> Any:
    from knoten.journal.vocabulary import EVENT_KINDS

    return EVENT_KINDS


# ---------------------------------------------------------------------------
# knoten promise …
# ---------------------------------------------------------------------------


@promise_app.command("list")
def promise_list(
    all_: Annotated[bool, typer.Option("--all", "-a", help="Include promises kept.")] = False,
    person: Annotated[
        str | None, typer.Option("--person", help="Only promises this person owes or is owed.")
    ] = None,
    mine: Annotated[
        bool | None,
        typer.Option("--mine/--theirs", help="Only what you owe, or only what others owe you."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List open promises, the soonest due first.

    Example: knoten promise list --person Schmidt --json
    """
    from knoten.journal.promises import list_promises, promise_as_dict

    with domain_errors():
        actor = acting_member()
        promises = list_promises(actor, open_only=not all_, person=person, owed_by_me=mine)
    me_id = actor.me.pk
    print_listing(
        [promise_as_dict(p) for p in promises],
        json_output=json_output,
        empty="No promises." if all_ else "No open promises.",
        table=lambda rows: _promise_table(rows, me_id),
    )


def _promise_table(rows: Sequence[dict[str, Any]], me_id: int) -> Table:
    table = Table("ID", "Due", "Who owes", "Whom", "Promise", "Status")
    for row in rows:
        status = "overdue" if row["overdue"] else "open"
        if row["done"]:
            status = f"done {row['done_on']}"
        table.add_row(
            str(row["id"]),
            show_day(row["due"]),
            _name(row["debtor"], me_id),
            _name(row["creditor"], me_id),
            row["text"],
            status,
        )
    return table


@promise_app.command("done")
def promise_done(
    promise_id: Annotated[str, typer.Argument(metavar="ID", help="The promise's id.")],
    on: Annotated[
        str | None, typer.Option("--on", help="When it was kept (default today).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Mark a promise as kept.

    Example: knoten promise done 12 --on gestern
    """
    from knoten.journal.promises import complete_promise, promise_as_dict

    with domain_errors():
        actor = acting_member()
        promise = complete_promise(actor, promise_id, on=on)
    data = promise_as_dict(promise)
    announce(
        f"Done on {show_day(data['done_on'])}:{_promise_line(data, actor.me.pk)[1:]}",
        data,
        json_output=json_output,
    )


# ---------------------------------------------------------------------------
# knoten project …
# ---------------------------------------------------------------------------


def _print_project(data: dict[str, Any]) -> None:
    out.print(f"{data['name']} (project {data['id']})", markup=False)
    facts = [
        ("Status", data["status"]),
        ("From", data["starts"] or "-"),
        ("To", data["ends"] or "-"),
        ("Organisation", data["organisation"]["name"] if data["organisation"] else "-"),
    ]
    if data["description"]:
        facts.append(("Description", data["description"]))
    for label, value in facts:
        out.print(f"  {label + ':':<14}{value}", markup=False)
    if data["participants"]:
        table = Table("ID", "Person", "Role")
        for entry in data["participants"]:
            table.add_row(str(entry["id"]), entry["name"], entry["role"] or "-")
        out.print(table)


@project_app.command("add")
def project_add(
    name: Annotated[str, typer.Argument(help="The project's name.")],
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="planned, ongoing, completed, cancelled (or geplant, laufend …). "
            "Default: ongoing.",
        ),
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", help="The organisation (created if new).")
    ] = None,
    starts: Annotated[
        str | None, typer.Option("--from", help="Start: 2024, 2024-05 or a full date.")
    ] = None,
    ends: Annotated[
        str | None, typer.Option("--to", help="End: 2024, 2024-05 or a full date.")
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", "-w", help="A participant, PERSON or PERSON=ROLE (repeatable)."),
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="What the project is about.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Add a project, with its participants and their roles.

    Example: knoten project add "Website relaunch" --org "Muster GmbH" --from 2024-05
    --with "Anna Schmidt=lead" --with me=consultant
    """
    from knoten.journal.projects import add_project, project_as_dict

    with domain_errors():
        actor = acting_member()
        project = add_project(
            actor,
            name,
            status=status,
            organisation=org,
            starts=starts,
            ends=ends,
            description=description,
            participants=with_ or [],
        )
    data = project_as_dict(project)
    organisation = f" at {data['organisation']['name']}" if data["organisation"] else ""
    period = f", {data['starts'] or '?'} to {data['ends'] or 'now'}" if data["starts"] else ""
    added = f"Added project {data['id']} {data['name']!r} ({data['status']})"
    lines = [f"{added}{organisation}{period}."]
    for entry in data["participants"]:
        role = f" as {entry['role']}" if entry["role"] else ""
        lines.append(f"  with {entry['name']} (id {entry['id']}){role}")
    announce("\n".join(lines), data, json_output=json_output)


@project_app.command("list")
def project_list(
    status: Annotated[
        str | None, typer.Option("--status", help="Only this status (planned, ongoing …).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List projects by name.

    Example: knoten project list --status laufend
    """
    from knoten.journal.projects import list_projects, project_as_dict

    with domain_errors():
        rows = [project_as_dict(p) for p in list_projects(acting_member(), status=status)]
    print_listing(rows, json_output=json_output, empty="No projects.", table=_project_table)


def _project_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("ID", "Name", "Status", "From", "To", "Organisation", "People")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["name"],
            row["status"],
            row["starts"] or "-",
            row["ends"] or "-",
            row["organisation"]["name"] if row["organisation"] else "-",
            ", ".join(p["name"] for p in row["participants"]) or "-",
        )
    return table


@project_app.command("show")
def project_show(
    project: Annotated[str, typer.Argument(help="The project: its id or part of its name.")],
    json_output: JsonOption = False,
) -> None:
    """Show a project with its participants.

    Example: knoten project show relaunch --json
    """
    from knoten.journal.projects import project_detail

    with domain_errors():
        data = project_detail(acting_member(), project)
    print_page(data, json_output=json_output, page=lambda: _print_project(data))


@project_app.command("edit")
def project_edit(
    project: Annotated[str, typer.Argument(help="The project: its id or part of its name.")],
    name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="planned, ongoing, completed, cancelled (or geplant, laufend, "
            "abgeschlossen, abgebrochen).",
        ),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help='The organisation (created if new; "" clears it).'),
    ] = None,
    starts: Annotated[
        str | None, typer.Option("--from", help='Start: 2024, 2024-05 or a date ("" clears).')
    ] = None,
    ends: Annotated[
        str | None, typer.Option("--to", help='End: 2024, 2024-05 or a date ("" clears).')
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help='What it is about ("" clears).')
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            "-w",
            help="Add a participant or change their role: PERSON, PERSON=ROLE, or PERSON= "
            "to clear the role (repeatable).",
        ),
    ] = None,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", help="Take a participant off the project (repeatable)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Change what you give; everything else stays. Checked whole: on any error nothing
    changes.

    Example: knoten project edit relaunch --status abgeschlossen --to 2024-12
    --with "Ben Weber=QA" --without "Anna Schmidt"
    """
    from knoten.journal.projects import edit_project, project_as_dict

    given = {
        "name": name,
        "status": status,
        "organisation": org,
        "starts": starts,
        "ends": ends,
        "description": description,
        "participants": with_ or None,
        "removed": without or None,
    }
    with domain_errors():
        changes = changes_given("project edit", project, given)
        data = project_as_dict(edit_project(acting_member(), project, **changes))
    lines = [f"Changed project {data['id']} {data['name']!r} ({data['status']})."]
    for entry in data["participants"]:
        role = f" as {entry['role']}" if entry["role"] else ""
        lines.append(f"  with {entry['name']} (id {entry['id']}){role}")
    announce("\n".join(lines), data, json_output=json_output)


@project_app.command("delete")
def project_delete(
    project: Annotated[str, typer.Argument(help="The project: its id or part of its name.")],
    yes: YesOpt = False,
) -> None:
    """Delete a project and its roles; its people stay (asks first; without a terminal
    to ask, --yes is needed).

    Example: knoten project delete relaunch --yes
    """
    from knoten.journal.projects import delete_project, resolve_project

    actor = acting_member()
    with domain_errors():
        found = resolve_project(actor, project)
        shown = f"project {found.pk} {found.name!r}"
        confirm_delete(shown, yes=yes, field="project", value=project)
        delete_project(actor, found)
    note(f"Deleted {shown}.")


# ---------------------------------------------------------------------------
# knoten event …
# ---------------------------------------------------------------------------


def _event_dates(data: dict[str, Any]) -> str:
    if not data["starts"]:
        return "-"
    if data["ends"] and data["ends"] != data["starts"]:
        return f"{data['starts']} to {data['ends']}"
    return str(data["starts"])


def _money(data: dict[str, Any]) -> str:
    return f"{data['cost']} {data['currency']}" if data["cost"] is not None else "-"


@event_app.command("add")
def event_add(
    name: Annotated[str, typer.Argument(help="The event's name.")],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="trade fair, conference, congress, business-card party, meetup, alumni "
            "meeting, association meeting, seminar, online event, private (or German). "
            "Default: meetup.",
        ),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="The (first) day: 2024-03-14, 14.03.2024, Freitag.")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="The last day.")] = None,
    place: Annotated[str, typer.Option("--place", help="Where it takes place.")] = "",
    organiser: Annotated[
        str | None, typer.Option("--organiser", help="The organising organisation.")
    ] = None,
    cost: Annotated[
        str | None, typer.Option("--cost", help="What it cost: 450, 450 EUR, 1.234,50 €.")
    ] = None,
    hours: Annotated[
        str | None, typer.Option("--hours", help="Hours it took, travel included: 6 or 4,5.")
    ] = None,
    event_note: Annotated[str | None, typer.Option("--note", help="A note.")] = None,
    attendee: Annotated[
        list[str] | None,
        typer.Option("--attendee", "-a", help="A person expected there (repeatable)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Add an event, with the people you expect to meet there.

    Example: knoten event add "Hannover Messe" --kind Messe --on 22.04.2025
    --until 26.04.2025 --cost "450 EUR" --attendee "Anna Schmidt"
    """
    from knoten.journal.events import add_event
    from knoten.profiles.event import event_detail

    with domain_errors():
        actor = acting_member()
        event = add_event(
            actor,
            name,
            kind=kind,
            starts=on,
            ends=until,
            place=place,
            organiser=organiser,
            cost=cost,
            hours=hours,
            note=event_note,
            attendees=attendee or [],
        )
        data = event_detail(actor, event)
    when = f" on {show_day(data['starts'])}" if data["starts"] else ""
    until_day = f" until {show_day(data['ends'])}" if data["ends"] else ""
    cost_text = f", cost {_money(data)}" if data["cost"] is not None else ""
    kind = _word(_event_kinds(), data["kind"])
    lines = [f"Added event {data['id']} {data['name']!r} ({kind}){when}{until_day}{cost_text}."]
    if data["expected"]:
        lines.append(f"  expected: {_people(data['expected'])}")
    announce("\n".join(lines), data, json_output=json_output)


@event_app.command("list")
def event_list(
    upcoming: Annotated[
        bool | None,
        typer.Option("--upcoming/--past", help="Only events still to come, or only past ones."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List events by date.

    Example: knoten event list --upcoming --json
    """
    from knoten.journal.events import event_as_dict, list_events

    with domain_errors():
        rows = [event_as_dict(e) for e in list_events(acting_member(), upcoming=upcoming)]
    print_listing(rows, json_output=json_output, empty="No events.", table=_event_table)


def _event_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("ID", "Date", "Name", "Kind", "Place", "Organiser", "Cost", "Hours")
    for row in rows:
        table.add_row(
            str(row["id"]),
            _event_dates(row),
            row["name"],
            _word(_event_kinds(), row["kind"]),
            row["place"] or "-",
            row["organiser"]["name"] if row["organiser"] else "-",
            _money(row),
            row["hours"] or "-",
        )
    return table


@event_app.command("show")
def event_show(
    event: Annotated[str, typer.Argument(help="The event: its id or part of its name.")],
    json_output: JsonOption = False,
) -> None:
    """Show an event: who is expected, whom you met, the conversations there.

    Example: knoten event show "Hannover Messe" --json
    """
    from knoten.profiles.event import event_detail

    with domain_errors():
        actor = acting_member()
        data = event_detail(actor, event)
    print_page(data, json_output=json_output, page=lambda: _print_event(data))


def _print_event(data: dict[str, Any]) -> None:
    kind = _word(_event_kinds(), data["kind"])
    out.print(f"{data['name']} (event {data['id']}, {kind})", markup=False)
    facts = [
        ("When", _event_dates(data)),
        ("Place", data["place"] or "-"),
        ("Organiser", data["organiser"]["name"] if data["organiser"] else "-"),
        ("Cost", _money(data)),
        ("Hours", data["hours"] or "-"),
    ]
    if data["notes"]:
        facts.append(("Note", data["notes"]))
    for label, value in facts:
        out.print(f"  {label + ':':<11}{value}", markup=False)
    out.print(f"  Expected:  {_people(data['expected']) or '-'}", markup=False)
    out.print(f"  Met:       {_people(data['met']) or '-'}", markup=False)
    if data["interactions"]:
        table = Table("ID", "Date", "With", "Summary")
        for entry in data["interactions"]:
            table.add_row(
                str(entry["id"]),
                entry["date"],
                ", ".join(p["name"] for p in entry["participants"]),
                entry["summary"],
            )
        out.print(table)


@event_app.command("met")
def event_met(
    event: Annotated[str, typer.Argument(help="The event: its id or part of its name.")],
    people: Annotated[
        list[str] | None, typer.Argument(metavar="PERSON...", help="The people you met there.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Record whom you met at an event.

    Example: knoten event met "Hannover Messe" "Anna Schmidt" Müller
    """
    from knoten.journal.events import mark_met

    with domain_errors():
        actor = acting_member()
        attendances = mark_met(actor, event, people or [])
    data: list[dict[str, Any]] = [
        {
            "event": a.event_id,
            "person": {"id": a.person.pk, "name": a.person.full_name},
            "status": a.status,
        }
        for a in attendances
    ]
    event_name = attendances[0].event.name
    announce(
        f"Met at {event_name}: {_people([entry['person'] for entry in data])}.",
        data,
        json_output=json_output,
    )


def register(app: typer.Typer) -> None:
    app.command()(log)
    app.add_typer(promise_app, name="promise", no_args_is_help=True)
    app.add_typer(project_app, name="project", no_args_is_help=True)
    app.add_typer(event_app, name="event", no_args_is_help=True)
