"""A person's timeline: conversations, promises, favours, recommendations and events in
one list, newest first, as the person's page shows it (filterable by kind).

It is put together from what the page has read already (``person_detail`` and the give
and take of the favours section): no query of its own, so the page stays within its
queries. Each list keeps its cap (the 20 latest conversations, with "More").
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knoten.journal import vocabulary as journal_words
from knoten.journal.models import Attendance
from knoten.web.kit import label, shown_date

# The filters of the timeline, by the value of ``?show=``.
SHOWN = {
    "all": gettext_lazy("All"),
    "conversations": gettext_lazy("Conversations"),
    "promises": gettext_lazy("Promises"),
    "favours": gettext_lazy("Favours"),
    "events": gettext_lazy("Events"),
}


def shown_filter(value: str | None) -> str:
    """The filter asked for, or "all" for anything else."""
    return value if value in SHOWN else "all"


def _names(people: list[dict[str, Any]] | None) -> str:
    return ", ".join(person["name"] for person in people or [] if person)


def _item(group: str, badge: str, day: str | None, text: str, **rest: Any) -> dict[str, Any]:
    return {
        "group": group,
        "badge": badge,
        "date": day or "",
        "shown": shown_date(day) if day else "",
        "text": text,
        "hint": rest.get("hint", ""),
        "url": rest.get("url", ""),
        "people": rest.get("people", []),
    }


def timeline(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """Everything dated about the person that the page shows, newest first."""
    items = []
    for i in detail["interactions"]["items"]:
        items.append(
            _item(
                "conversations",
                label(journal_words.INTERACTION_KINDS, i["kind"]),
                i["occurred_on"],
                i["summary"],
                people=i["with"],
            )
        )
    for p in detail["open_promises"]:
        hint = f"{p['debtor']['name']} → {p['creditor']['name']}"
        if p["due_on"]:
            hint += " · " + _("due %(day)s") % {"day": shown_date(p["due_on"])}
        items.append(_item("promises", _("Promise"), p["made_on"], p["text"], hint=hint))
    statuses = dict(Attendance.Status.choices)
    for e in detail["events"]:
        items.append(
            _item(
                "events",
                _("Event"),
                e["starts_on"],
                e["name"],
                hint=str(statuses.get(e["status"], e["status"])),
                url=reverse("web:event", kwargs={"event_id": e["id"]}),
            )
        )
    giving = detail.get("giving")
    if giving is not None:
        for f in giving["favours"]:
            hint = f"{f['giver']['name'] if f['giver'] else '?'} → "
            hint += f["receiver"]["name"] if f["receiver"] else "?"
            text = f["kind_label"] + (f": {f['note']}" if f["note"] else "")
            items.append(_item("favours", _("Favour"), f["date"], text, hint=hint, url=f["url"]))
        for r in giving["recommendations"]:
            hint = _("%(who)s recommended %(whom)s to %(to)s") % {
                "who": _names([r["recommender"]]) or "?",
                "whom": _names([r["beneficiary"]]) or "?",
                "to": _names([r["recipient"]]) or "?",
            }
            text = r["context"] or _("Recommendation")
            items.append(
                _item("favours", _("Recommendation"), r["date"], text, hint=hint, url=r["url"])
            )
    items.sort(key=lambda item: item["date"], reverse=True)
    return items


def timeline_data(detail: dict[str, Any]) -> dict[str, Any]:
    """The items and the filters (each with how many items it would show)."""
    items = timeline(detail)
    return {"items": items, "filters": filters(items)}


def filters(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The filter links with how many items each would show."""
    counts = {group: 0 for group in SHOWN}
    for item in items:
        counts[item["group"]] += 1
    counts["all"] = len(items)
    return [
        {"value": value, "label": str(words), "count": counts[value]}
        for value, words in SHOWN.items()
    ]
