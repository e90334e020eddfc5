"""``knoten person show`` for people: everything known about a person, as a page."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from knoten.cli.output import out
from knoten.people.cli.showing import display, print_heading, print_line, since_text, span


def print_person(data: dict[str, Any], me_id: int | None = None) -> None:
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
        f"birthday: {display(data['birthday'])}" if data["birthday"] else "",
    ]
    print_line(" · ".join(fact for fact in facts if fact))
    if data["contact_points"]:
        print_heading("Contact")
        for point in data["contact_points"]:
            label = point["kind"] + (f" ({point['label']})" if point["label"] else "")
            star = " *" if point["preferred"] else ""
            print_line(f"{label:<22}", point.get("display", point["value"]) + star)
    if data["affiliations"]:
        print_heading("Career, education, functions")
        for a in data["affiliations"]:
            when = span(a["start"], a["end"])
            what = ", ".join(x for x in (a["title"], a["organisation"]["name"]) if x)
            print_line(f"{a['kind']:<11}", what, when)
    shown, total = len(data["relationships"]), data["relationships_total"]
    headings = {
        "relationships": "Relationships"
        if shown == total
        else f"Relationships ({shown} most trusted of {total})",
        "family": "Family",
    }
    for key, heading in headings.items():
        if data[key]:
            print_heading(heading)
            for r in data[key]:
                extra = [f"trust {r['trust']}" if r["trust"] else "", since_text(r["since"])]
                print_line(
                    f"{r['label']:<22}",
                    f"{r['person']['name']} (id {r['person']['id']})",
                    *extra,
                    r["note"],
                )
    groups = [("Circles", data["circles"]), ("Tags", data["tags"]), ("Skills", data["skills"])]
    if any(values for _, values in groups):
        print_heading("Circles, tags, skills")
        for label, values in groups:
            if values:
                print_line(f"{label}:", ", ".join(values))
    if data["important_dates"]:
        print_heading("Important dates")
        for d in data["important_dates"]:
            print_line(f"{d['kind']:<12}", d["display"], d["label"], d["note"])
    met = data["how_we_met"]
    if any(met.values()):
        print_heading("How we met")
        print_line(
            display(met["date"]) if met["date"] else None,
            f"at {met['event']['name']}" if met["event"] else None,
            f"at {met['organisation']['name']}" if met["organisation"] else None,
            f"introduced by {met['introduced_by']['name']}" if met["introduced_by"] else None,
        )
        if met["text"]:
            print_line(met["text"])
    if data["introduced"]:
        print_heading("Introduced to you")
        print_line(", ".join(p["name"] for p in data["introduced"]))
    if data["open_promises"]:
        print_heading("Open promises")
        for promise in data["open_promises"]:
            creditor, debtor = promise["creditor"], promise["debtor"]
            who = (
                ("owes you" if creditor["id"] == me_id else f"owes {creditor['name']}")
                if promise["owed_by_this_person"]
                else ("you owe" if debtor["id"] == me_id else f"{debtor['name']} owes")
            )
            print_line(promise["due_on"] or "no date", who + ":", promise["text"])
    if data["projects"]:
        shown, total = len(data["projects"]), data["projects_total"]
        print_heading("Projects" if shown == total else f"Projects ({shown} of {total})")
        for project in data["projects"]:
            print_line(project["name"], f"({project['status']})", project["role"])
    if data["events"]:
        print_heading("Events")
        for event in data["events"]:
            print_line(event["starts_on"] or "", event["name"], f"({event['status']})")
    conversations = data["interactions"]
    if conversations["total"]:
        print_heading(
            f"Conversations ({conversations['shown']} of {conversations['total']}, newest first)"
        )
        for i in conversations["items"]:
            others = ", ".join(p["name"] for p in i["with"])
            print_line(
                i["occurred_on"],
                f"{i['kind']:<8}",
                i["summary"],
                f"(with {others})" if others else None,
            )
    if data["notes"]:
        print_heading("Notes")
        print_line(data["notes"])
