"""A member's multipliers, as the last analysis ranked them, each explained in words.

How they are ranked: ``knoten.graph.ranking``. The analysis is kept by
``knoten.graph.refreshing``; reading it here starts a refresh when it is stale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from knoten.core.limits import check_window
from knoten.core.models import Member
from knoten.graph.facts import read_names
from knoten.graph.models import MultiplierScore
from knoten.graph.refreshing import is_refreshing, refresh_if_stale

DEFAULT_LIMIT = 20
MAX_LIMIT = 200

ROLE_LABELS = {
    "journalist": gettext_lazy("journalist"),
    "chair": gettext_lazy("chair of an association"),
    "organiser": gettext_lazy("organiser"),
    "recruiter": gettext_lazy("recruiter"),
    "tagged": gettext_lazy("tagged as a multiplier"),
}


@dataclass
class Multiplier:
    person_id: int
    name: str
    rank: int
    score: float
    betweenness: float
    degree: int
    reach: int
    reach_names: list[str]
    role: str
    role_title: str
    reasons: list[str]


@dataclass
class Freshness:
    """When the analysis last ran, and whether it is stale or being refreshed."""

    computed_at: dt.datetime | None
    stale: bool
    refreshing: bool
    persons: int = 0
    links: int = 0
    seconds: float = 0.0
    sample: int = 0


@dataclass
class Multipliers:
    freshness: Freshness
    total: int
    items: list[Multiplier] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def freshness_of(member: Member) -> Freshness:
    """The analysis of the member's network: refreshed first if missing or stale (in the
    background on a large network)."""
    found = refresh_if_stale(member)
    refreshing = is_refreshing(member.network_id)
    if found is None:
        return Freshness(None, True, refreshing)
    return Freshness(
        found.computed_at,
        found.stale,
        refreshing,
        found.persons,
        found.links,
        found.seconds,
        found.sample,
    )


def multipliers(member: Member, limit: int | None = None, offset: int = 0) -> Multipliers:
    """The member's multipliers, best first: ``limit`` of them (default 20, at most 200)."""
    check_window(limit, offset)
    count = min(DEFAULT_LIMIT if limit is None else limit, MAX_LIMIT)
    freshness = freshness_of(member)
    rows = MultiplierScore.objects.filter(network_id=member.network_id, member=member)
    total = rows.count()
    chosen = list(rows.order_by("rank")[offset : offset + count])
    names = read_names([row.person_id for row in chosen])
    items = [
        Multiplier(
            person_id=row.person_id,
            name=names.get(row.person_id, ""),
            rank=row.rank,
            score=row.score,
            betweenness=row.betweenness,
            degree=row.degree,
            reach=row.reach,
            reach_names=list(row.reach_names),
            role=row.role,
            role_title=row.role_title,
            reasons=reasons(row),
        )
        for row in chosen
    ]
    return Multipliers(freshness, total, items)


def percent(share: float) -> str:
    """A share as people read it: "4.2 %", "< 0.1 %"."""
    if share <= 0:
        return "0 %"
    if share < 0.001:
        return "< 0.1 %"
    return f"{share * 100:.1f} %"


def reasons(row: MultiplierScore) -> list[str]:
    """Why this person is a multiplier, in a few short sentences."""
    said: list[str] = []
    if row.role:
        label = str(ROLE_LABELS.get(row.role, row.role))
        label = label[:1].upper() + label[1:]
        if row.role_title:
            said.append(_("%(role)s: %(title)s") % {"role": label, "title": row.role_title})
        else:
            said.append(label)
    if row.betweenness > 0:
        said.append(
            _("Lies on %(share)s of the shortest ways between two others in your network")
            % {"share": percent(row.betweenness)}
        )
    if row.reach:
        names = ", ".join(row.reach_names)
        more = row.reach - len(row.reach_names)
        if more > 0:
            names = _("%(names)s and %(count)d more") % {"names": names, "count": more}
        said.append(
            _("Reaches circles and organisations you do not reach otherwise: %(names)s")
            % {"names": names}
        )
    if row.degree:
        said.append(
            ngettext(
                "Knows %(count)d person in your network",
                "Knows %(count)d people in your network",
                row.degree,
            )
            % {"count": row.degree}
        )
    return said
