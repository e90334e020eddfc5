"""The comfort zone (*Dunstkreis*): how a member's network splits and grows, whom to meet
next, its clusters and the bridges between them, and what it all means in a few words.

Read from the last analysis (``knoten.graph.refreshing``; worked out in
``knoten.graph.zones``), which a stale read refreshes. The goal of new contacts a month
is the member's own (:func:`set_comfort_goal`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.graph.facts import read_names
from knoten.graph.models import ComfortGoal, EgoAnalysis, GraphAnalysis
from knoten.graph.multipliers import Freshness, freshness_of, percent
from knoten.people.vocabulary import ORGANISATION_KINDS

MAX_GOAL = 10_000
EMPLOYER_NOTE = 0.3  # an employer this large a share is worth a sentence
CITY_NOTE = 0.5

SPLIT_LABELS = {
    "circle": gettext_lazy("Circle"),
    "industry": gettext_lazy("Industry"),
    "organisation_kind": gettext_lazy("Kind of organisation"),
    "employer": gettext_lazy("Employer"),
    "city": gettext_lazy("City"),
    "how_met": gettext_lazy("How we met"),
}
HOW_MET_LABELS = {
    "introduction": gettext_lazy("introduced by someone"),
    "event": gettext_lazy("at an event"),
    "organisation": gettext_lazy("through an organisation"),
    "told": gettext_lazy("told in words only"),
    "unknown": gettext_lazy("not recorded"),
}


@dataclass
class ComfortZone:
    freshness: Freshness
    total: int
    contacts: int  # my own links
    years: list[str]
    splits: list[dict[str, Any]]
    months: list[dict[str, Any]]
    goal: int | None
    this_month: int
    worth_meeting: list[dict[str, Any]]
    clusters: list[dict[str, Any]]
    bridges: list[dict[str, Any]]
    summary: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def comfort_goal(member: Member) -> int | None:
    """How many new contacts a month the member means to make (None: no goal set)."""
    goal = ComfortGoal.objects.filter(member=member).first()
    return goal.per_month if goal is not None else None


@changes.atomic
def set_comfort_goal(member: Member, per_month: int | None) -> int | None:
    """Set (None: remove) the member's goal of new contacts a month."""
    if per_month is None:
        ComfortGoal.objects.filter(member=member).delete()
        return None
    if isinstance(per_month, bool) or not isinstance(per_month, int):
        raise InvalidInput("per_month", per_month, "is not a whole number")
    if not 0 < per_month <= MAX_GOAL:
        raise InvalidInput("per_month", per_month, f"must be between 1 and {MAX_GOAL}")
    ComfortGoal.objects.update_or_create(
        member=member, defaults={"network_id": member.network_id, "per_month": per_month}
    )
    return per_month


def comfort_zone(member: Member) -> ComfortZone:
    """The member's comfort zone as the last analysis found it."""
    freshness = freshness_of(member)
    ego = EgoAnalysis.objects.filter(member=member, network_id=member.network_id).first()
    analysis = GraphAnalysis.objects.filter(network_id=member.network_id).first()
    goal = comfort_goal(member)
    comfort: dict[str, Any] = dict(ego.comfort) if ego is not None else {}
    months = [
        {**row, "goal_met": goal is not None and row["count"] >= goal}
        for row in comfort.get("months", [])
    ]
    meeting = list(ego.worth_meeting) if ego is not None else []
    bridges = list(ego.bridges) if ego is not None else []
    clusters = list(analysis.clusters) if analysis is not None else []
    wanted = {row["person"] for row in meeting}
    wanted |= {pk for row in meeting for pk in row["via"][:3]}
    wanted |= {p["person"] for row in bridges for p in row["persons"]}
    names = read_names(wanted)
    by_number = {row["number"]: row for row in clusters}
    zone = ComfortZone(
        freshness=freshness,
        total=int(comfort.get("total", 0)),
        contacts=int(comfort.get("contacts", 0)),
        years=list(comfort.get("years", [])),
        splits=[_split(name, rows) for name, rows in comfort.get("splits", {}).items()],
        months=months,
        goal=goal,
        this_month=months[-1]["count"] if months else 0,
        worth_meeting=[
            {
                "person_id": row["person"],
                "name": names.get(row["person"], ""),
                "shared": row["shared"],
                "via": [{"person_id": pk, "name": names.get(pk, "")} for pk in row["via"][:3]],
            }
            for row in meeting
        ],
        clusters=[{**row, "label": cluster_label(row)} for row in clusters],
        bridges=[
            {
                "cluster": row["cluster"],
                "label": cluster_label(by_number.get(row["cluster"], {"number": row["cluster"]})),
                "size": by_number.get(row["cluster"], {}).get("size", 0),
                "persons": [
                    {
                        "person_id": p["person"],
                        "name": names.get(p["person"], ""),
                        "links": p["links"],
                    }
                    for p in row["persons"]
                ],
            }
            for row in bridges
        ],
    )
    zone.summary = summary(zone)
    return zone


def value_label(split: str, value: str | None) -> str:
    """What a value of a split is called on a page."""
    if value is None:
        return _("other")
    if value == "":
        return _("none")
    if split == "how_met":
        return str(HOW_MET_LABELS.get(value, value))
    if split == "organisation_kind":
        german = (get_language() or "en").startswith("de")
        word = next((w for w in ORGANISATION_KINDS if w.code == value), None)
        return (word.de if german else word.en) if word else value
    return value


def cluster_label(row: dict[str, Any]) -> str:
    """A cluster named by what most of it has in common ("Energie", "ACME GmbH")."""
    if row.get("industry") and row.get("industry_share", 0) >= row.get("employer_share", 0) / 2:
        return str(row["industry"])
    if row.get("employer"):
        return str(row["employer"])
    return _("cluster %(number)d") % {"number": row.get("number", 0)}


def _split(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": name,
        "label": str(SPLIT_LABELS.get(name, name)),
        "rows": [
            {**row, "label": value_label(name, row["value"]), "percent": percent(row["share"])}
            for row in rows
        ],
    }


def _top(zone: ComfortZone, name: str) -> dict[str, Any] | None:
    for split in zone.splits:
        if split["name"] == name:
            return next((row for row in split["rows"] if row["value"]), None)
    return None


def _names(persons: list[dict[str, Any]]) -> str:
    names = [p["name"] for p in persons if p["name"]]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def summary(zone: ComfortZone) -> list[str]:
    """What the comfort zone means, in a few sentences."""
    said: list[str] = []
    if not zone.total:
        return [_("Your network has nobody in it yet besides you.")]
    employer = _top(zone, "employer")
    if employer and employer["share"] >= EMPLOYER_NOTE:
        said.append(
            _("%(share)s of your network works at one employer: %(name)s.")
            % {"share": percent(employer["share"]), "name": employer["label"]}
        )
    else:
        industry = _top(zone, "industry")
        if industry:
            said.append(
                _("The largest industry in your network is %(name)s (%(share)s).")
                % {"name": industry["label"], "share": percent(industry["share"])}
            )
    city = _top(zone, "city")
    if city and city["share"] >= CITY_NOTE:
        said.append(
            _("%(share)s of your network lives in %(name)s.")
            % {"share": percent(city["share"]), "name": city["label"]}
        )
    for row in zone.bridges[:1]:
        count = len(row["persons"])
        said.append(
            ngettext(
                "Your bridge to %(what)s (%(size)d people) is %(names)s.",
                "Your %(count)d bridges to %(what)s (%(size)d people) are %(names)s.",
                count,
            )
            % {
                "what": row["label"],
                "size": row["size"],
                "count": count,
                "names": _names(row["persons"]),
            }
        )
    if zone.goal is not None:
        said.append(
            ngettext(
                "You met %(count)d new person this month; your goal is %(goal)d.",
                "You met %(count)d new people this month; your goal is %(goal)d.",
                zone.this_month,
            )
            % {"count": zone.this_month, "goal": zone.goal}
        )
    if zone.worth_meeting:
        first = zone.worth_meeting[0]
        said.append(
            ngettext(
                "Worth meeting first: %(name)s, with %(count)d contact in common.",
                "Worth meeting first: %(name)s, with %(count)d contacts in common.",
                first["shared"],
            )
            % {"name": first["name"], "count": first["shared"]}
        )
    return said
