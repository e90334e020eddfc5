"""``knoten person|org|affiliation|date …``, ``knoten relate`` and ``knoten unrelate``.

Each command parses its options, calls one function of the people app (persons, labels,
organisations, affiliations, relationships, important dates) or of a profile, and prints:
JSON with ``--json`` (stdout only), a table or a page for people, and what was
understood (a parsed date, a split name) on stderr.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import confirm_delete, nothing_to_change
from knoten.cli.output import JsonOption, domain_errors, emit_json, note, out
from knoten.people import (
    affiliations,
    important_dates,
    organisations,
    persons,
    relationships,
)
from knoten.people import person_list as people_list
from knoten.profiles import organisation as organisation_page
from knoten.profiles import person as person_page

person_app = typer.Typer(
    name="person", help="Add, list, show, edit, archive and delete persons.", no_args_is_help=True
)
org_app = typer.Typer(name="org", help="Add, list and show organisations.", no_args_is_help=True)
affiliation_app = typer.Typer(
    name="affiliation",
    help="A person's jobs, functions, education and memberships.",
    no_args_is_help=True,
)
date_app = typer.Typer(
    name="date", help="Birthdays, anniversaries and life events.", no_args_is_help=True
)


# --- options shared by person add and person edit ----------------------------------------

OrgOpt = Annotated[
    str | None,
    typer.Option(
        "--org", metavar="ORG", help="Organisation where the person works (with --title: the job)."
    ),
]
TitleOpt = Annotated[
    str | None, typer.Option("--title", metavar="TITLE", help="Job title (position) at --org.")
]
FunctionOpt = Annotated[
    str | None,
    typer.Option(
        "--function",
        metavar="FUNCTION",
        help="A function at --org, e.g. 'Vorstand' in an association.",
    ),
]
EmailOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--email",
        metavar="EMAIL",
        help="Email address; repeatable; 'work:anna@firma.de' sets a label.",
    ),
]
PhoneOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--phone", metavar="PHONE", help="Phone number; repeatable; 'mobile:+49 170 1234567'."
    ),
]
WebsiteOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--website", metavar="URL", help="Web address; LinkedIn and XING profiles are recognised."
    ),
]
AddressOpt = Annotated[
    str | None,
    typer.Option(
        "--address",
        metavar="ADDRESS",
        help="Postal address, e.g. 'home: Hauptstr. 5, 10115 Berlin'.",
    ),
]
CircleOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--circle", metavar="CIRCLE", help="Circle (English or German name); new ones are created."
    ),
]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", metavar="TAG", help="Tag; repeatable.")]
SkillOpt = Annotated[
    list[str] | None,
    typer.Option("--skill", metavar="SKILL", help="Topic the person knows about; repeatable."),
]
BirthdayOpt = Annotated[
    str | None,
    typer.Option("--birthday", metavar="DATE", help="Birthday: 14.03.1980, 1980-03-14 or 14.03."),
]
MetOnOpt = Annotated[
    str | None,
    typer.Option("--met-on", metavar="DATE", help="When you met: a date, 2019-05 or 2019."),
]
MetAtOpt = Annotated[
    str | None,
    typer.Option("--met-at", metavar="EVENT", help="The event where you met (name or id)."),
]
MetViaOpt = Annotated[
    str | None, typer.Option("--met-via", metavar="PERSON", help="The person who introduced you.")
]
HowMetOpt = Annotated[
    str | None, typer.Option("--how-met", metavar="TEXT", help="How you met, in words.")
]
AddressFormOpt = Annotated[
    bool | None, typer.Option("--du/--sie", help="Form of address: du (informal) or Sie.")
]
SalutationOpt = Annotated[
    str | None,
    typer.Option(
        "--salutation",
        metavar="TEXT",
        help="Salutation for letters, e.g. 'Sehr geehrte Frau Dr. Schmidt'.",
    ),
]
ImportanceOpt = Annotated[
    str | None,
    typer.Option(
        "--importance", metavar="TIER", help="1–4 or inner, important, regular, peripheral."
    ),
]
NoteOpt = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="Free notes on the person.")
]


def _fields(
    *,
    org: str | None,
    title: str | None,
    function: str | None,
    email: list[str] | None,
    phone: list[str] | None,
    website: list[str] | None,
    address: str | None,
    circle: list[str] | None,
    tag: list[str] | None,
    skill: list[str] | None,
    birthday: str | None,
    met_on: str | None,
    met_at: str | None,
    met_via: str | None,
    how_met: str | None,
    du: bool | None,
    salutation: str | None,
    importance: str | None,
    note_text: str | None,
) -> Any:
    from knoten.people.persons import PersonFields

    return PersonFields(
        org=org,
        title=title,
        function=function,
        emails=email or None,
        phones=phone or None,
        websites=website or None,
        address=address,
        circles=circle or None,
        tags=tag or None,
        skills=skill or None,
        birthday=birthday,
        met_on=met_on,
        met_at=met_at,
        met_via=met_via,
        how_met=how_met,
        form_of_address=None if du is None else ("du" if du else "sie"),
        salutation=salutation,
        importance=importance,
        note=note_text,
    )


def _explain(lines: list[str]) -> None:
    for line in lines:
        note(f"  {line}")


# --- person ---------------------------------------------------------------------------


@person_app.command("add")
def person_add(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Full name: 'Prof. Dr. Hans-Peter von Müller'.")
    ],
    org: OrgOpt = None,
    title: TitleOpt = None,
    function: FunctionOpt = None,
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    website: WebsiteOpt = None,
    address: AddressOpt = None,
    circle: CircleOpt = None,
    tag: TagOpt = None,
    skill: SkillOpt = None,
    birthday: BirthdayOpt = None,
    met_on: MetOnOpt = None,
    met_at: MetAtOpt = None,
    met_via: MetViaOpt = None,
    how_met: HowMetOpt = None,
    du: AddressFormOpt = None,
    salutation: SalutationOpt = None,
    importance: ImportanceOpt = None,
    note_text: NoteOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Add a person to your network; only the name is required.

    Example: knoten person add "Dr. Anna Schmidt" --org "Siemens AG" --title CFO
    --email anna.schmidt@siemens.com --phone "mobile:0170 1234567" --circle Kollegen
    --birthday 14.03. --du
    """

    actor = acting_member()
    fields = _fields(
        org=org,
        title=title,
        function=function,
        email=email,
        phone=phone,
        website=website,
        address=address,
        circle=circle,
        tag=tag,
        skill=skill,
        birthday=birthday,
        met_on=met_on,
        met_at=met_at,
        met_via=met_via,
        how_met=how_met,
        du=du,
        salutation=salutation,
        importance=importance,
        note_text=note_text,
    )
    with domain_errors():
        person = persons.add_person(actor, name, fields)
        understood = [persons.explain_name(name), *persons.explain_fields(fields)]
    note(f"Added {person.full_name} (id {person.pk}).")
    _explain(understood)
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
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", min=0, help="At most this many (default: all)."),
    ] = None,
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
    if json_output:
        emit_json(rows)
        return
    if not rows:
        note("No persons match.")
        return
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
    out.print(table)
    note(f"{len(rows)} person{'s' if len(rows) != 1 else ''}.")


def _heading(title: str) -> None:
    out.print()
    out.print(Text(title, style="bold"))


def _line(*parts: str | None) -> None:
    out.print(Text("  " + "  ".join(part for part in parts if part)))


def _print_person(data: dict[str, Any], me_id: int | None = None) -> None:
    title = Text(data["name"], style="bold")
    if data["nickname"]:
        title.append(f' "{data["nickname"]}"')
    title.append(
        f"  (id {data['id']}{', me' if data['me'] else ''}"
        f"{', archived' if data['archived'] else ''})",
        style="dim",
    )
    out.print(title)
    facts = [
        {"du": "du", "sie": "Sie"}.get(data["form_of_address"], ""),
        data["salutation"],
        f"importance: {data['importance_label']}",
        f"birthday: {_display(data['birthday'])}" if data["birthday"] else "",
    ]
    _line(" · ".join(fact for fact in facts if fact))
    if data["contact_points"]:
        _heading("Contact")
        for point in data["contact_points"]:
            label = point["kind"] + (f" ({point['label']})" if point["label"] else "")
            star = " *" if point["preferred"] else ""
            _line(f"{label:<22}", point.get("display", point["value"]) + star)
    if data["affiliations"]:
        _heading("Career, education, functions")
        for a in data["affiliations"]:
            when = _span(a["start"], a["end"])
            what = ", ".join(x for x in (a["title"], a["organisation"]["name"]) if x)
            _line(f"{a['kind']:<11}", what, when)
    shown, total = len(data["relationships"]), data["relationships_total"]
    headings = {
        "relationships": "Relationships"
        if shown == total
        else f"Relationships ({shown} most trusted of {total})",
        "family": "Family",
    }
    for key, heading in headings.items():
        if data[key]:
            _heading(heading)
            for r in data[key]:
                extra = [f"trust {r['trust']}" if r["trust"] else "", _since(r["since"])]
                _line(
                    f"{r['label']:<22}",
                    f"{r['person']['name']} (id {r['person']['id']})",
                    *extra,
                    r["note"],
                )
    groups = [("Circles", data["circles"]), ("Tags", data["tags"]), ("Skills", data["skills"])]
    if any(values for _, values in groups):
        _heading("Circles, tags, skills")
        for label, values in groups:
            if values:
                _line(f"{label}:", ", ".join(values))
    if data["important_dates"]:
        _heading("Important dates")
        for d in data["important_dates"]:
            _line(f"{d['kind']:<12}", d["display"], d["label"], d["note"])
    met = data["how_we_met"]
    if any(met.values()):
        _heading("How we met")
        _line(
            _display(met["date"]) if met["date"] else None,
            f"at {met['event']['name']}" if met["event"] else None,
            f"at {met['organisation']['name']}" if met["organisation"] else None,
            f"introduced by {met['introduced_by']['name']}" if met["introduced_by"] else None,
        )
        if met["text"]:
            _line(met["text"])
    if data["introduced"]:
        _heading("Introduced to you")
        _line(", ".join(p["name"] for p in data["introduced"]))
    if data["open_promises"]:
        _heading("Open promises")
        for promise in data["open_promises"]:
            creditor, debtor = promise["creditor"], promise["debtor"]
            who = (
                ("owes you" if creditor["id"] == me_id else f"owes {creditor['name']}")
                if promise["owed_by_this_person"]
                else ("you owe" if debtor["id"] == me_id else f"{debtor['name']} owes")
            )
            _line(promise["due_on"] or "no date", who + ":", promise["text"])
    if data["projects"]:
        shown, total = len(data["projects"]), data["projects_total"]
        _heading("Projects" if shown == total else f"Projects ({shown} of {total})")
        for project in data["projects"]:
            _line(project["name"], f"({project['status']})", project["role"])
    if data["events"]:
        _heading("Events")
        for event in data["events"]:
            _line(event["starts_on"] or "", event["name"], f"({event['status']})")
    conversations = data["interactions"]
    if conversations["total"]:
        _heading(
            f"Conversations ({conversations['shown']} of {conversations['total']}, newest first)"
        )
        for i in conversations["items"]:
            others = ", ".join(p["name"] for p in i["with"])
            _line(
                i["occurred_on"],
                f"{i['kind']:<8}",
                i["summary"],
                f"(with {others})" if others else None,
            )
    if data["notes"]:
        _heading("Notes")
        _line(data["notes"])


def _display(iso: str | None) -> str:
    from knoten.core.partial_dates import PartialDate

    return PartialDate.parse_iso(iso).display() if iso else ""


def _span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{_display(start)} – {_display(end)}"
    if start:
        return f"since {_display(start)}"
    if end:
        return f"until {_display(end)}"
    return ""


def _since(since: str | None) -> str:
    return f"since {_display(since)}" if since else ""


@person_app.command("show")
def person_show(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Name, part of the name, id or 'me'.")
    ],
    json_output: JsonOption = False,
) -> None:
    """Everything known about a person: contact, career, relationships, promises, talks.

    Example: knoten person show "Anna Schmidt" --json
    """

    actor = acting_member()
    with domain_errors():
        data = person_page.person_detail(actor, person)
    if json_output:
        emit_json(data)
    else:
        _print_person(data, actor.person_id)


@person_app.command("edit")
def person_edit(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Name, part of the name, id or 'me'.")
    ],
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="The whole name, anew.")
    ] = None,
    org: OrgOpt = None,
    title: TitleOpt = None,
    function: FunctionOpt = None,
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    website: WebsiteOpt = None,
    address: AddressOpt = None,
    circle: CircleOpt = None,
    tag: TagOpt = None,
    skill: SkillOpt = None,
    birthday: BirthdayOpt = None,
    met_on: MetOnOpt = None,
    met_at: MetAtOpt = None,
    met_via: MetViaOpt = None,
    how_met: HowMetOpt = None,
    du: AddressFormOpt = None,
    salutation: SalutationOpt = None,
    importance: ImportanceOpt = None,
    note_text: NoteOpt = None,
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
    fields = _fields(
        org=org,
        title=title,
        function=function,
        email=email,
        phone=phone,
        website=website,
        address=address,
        circle=circle,
        tag=tag,
        skill=skill,
        birthday=birthday,
        met_on=met_on,
        met_at=met_at,
        met_via=met_via,
        how_met=how_met,
        du=du,
        salutation=salutation,
        importance=importance,
        note_text=note_text,
    )
    with domain_errors():
        if name is None and fields == persons.PersonFields():
            raise nothing_to_change("person edit", person)
        changed = persons.edit_person(actor, person, fields, name=name)
        understood = ([persons.explain_name(name)] if name is not None else []) + (
            persons.explain_fields(fields)
        )
    note(f"Changed {changed.full_name} (id {changed.pk}).")
    _explain(understood)
    if json_output:
        emit_json(people_list.person_row(changed, actor))


@person_app.command("archive")
def person_archive(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Name, part of the name, id or 'me'.")
    ],
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
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Name, part of the name, id or 'me'.")
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Delete without asking.")] = False,
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


# --- organisations --------------------------------------------------------------------


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
    note_text: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Free notes.")
    ] = None,
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
    note(f"Added {organisation.name} (id {organisation.pk}, {row['kind_label']}).")
    if json_output:
        emit_json(row)


@org_app.command("list")
def org_list(
    kind: Annotated[
        str | None, typer.Option("--kind", metavar="KIND", help="Only this kind.")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", min=0, help="At most this many (default: all)."),
    ] = None,
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
    if json_output:
        emit_json(rows)
        return
    if not rows:
        note("No organisations match.")
        return
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
    out.print(table)


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
    if json_output:
        emit_json(data)
        return
    out.print(Text(f"{data['name']}", style="bold"), Text(f"(id {data['id']})", style="dim"))
    _line(data["kind_label"], data["industry"], data["website"])
    for key, heading in (("current", "People now"), ("former", "People before")):
        if data[key]:
            _heading(heading)
            for a in data[key]:
                _line(
                    f"{a['person']['name']} (id {a['person']['id']})",
                    f"{a['kind']}: {a['title']}" if a["title"] else a["kind"],
                    _span(a["start"], a["end"]),
                )
            total = data[f"{key}_total"]
            if total > len(data[key]):
                hint = " (knoten person list --org ORG lists them all)" if key == "current" else ""
                _line(f"… the latest {len(data[key])} of {total}{hint}")
    if data["events"]:
        _heading("Events organised")
        for event in data["events"]:
            _line(event["starts_on"] or "", event["name"])
    if data["projects"]:
        _heading("Projects")
        for project in data["projects"]:
            _line(project["name"], f"({project['status']})")
    if data["notes"]:
        _heading("Notes")
        _line(data["notes"])


# --- affiliations, relationships, dates -------------------------------------------------


@affiliation_app.command("add")
def affiliation_add(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Name, part of the name, id or 'me'.")
    ],
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
    note_text: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Free notes.")
    ] = None,
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
    _explain([line for line in understood if line])
    if json_output:
        emit_json(person_page.person_detail(actor, affiliation.person)["affiliations"])


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
    note_text: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Free notes.")
    ] = None,
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
        _explain([understood])
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


@date_app.command("add")
def date_add(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Name, part of the name, id or 'me'.")
    ],
    date: Annotated[
        str,
        typer.Argument(metavar="DATE", help="14.03.2024, 2024-03-14, --03-14, 2019-05 or 2019."),
    ],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="birthday, anniversary, new job, moved, wedding, child, bereavement, award, "
            "custom (or German).",
        ),
    ],
    label: Annotated[
        str | None, typer.Option("--label", metavar="TEXT", help="What the date is.")
    ] = None,
    note_text: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Free notes.")
    ] = None,
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
    note(f"{important.person.full_name}: {important.kind} {data['display']} ({data['date']}).")
    if json_output:
        emit_json(data)


def register(app: typer.Typer) -> None:
    app.add_typer(person_app, name="person")
    app.add_typer(org_app, name="org")
    app.add_typer(affiliation_app, name="affiliation")
    app.add_typer(date_app, name="date")
    app.command("relate")(relate)
    app.command("unrelate")(unrelate)
