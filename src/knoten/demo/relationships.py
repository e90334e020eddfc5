"""The demo's who-knows-whom graph: preferential attachment, colleagues and classmates
through shared organisations, families, and the edges from *me*.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from knoten.demo.draws import date_between, iso, partial, pick
from knoten.demo.person_words import RELATIONSHIP_NOTES
from knoten.demo.plan import BATCH, Aff, Plan, Spec
from knoten.demo.title_words import FEMININE
from knoten.people.models import Relationship

# Relationship kinds for edges that no shared organisation explains.
_RANDOM_KINDS = pick(
    [
        ("acquaintance", 24),
        ("business_partner", 15),
        ("client", 12),
        ("friend", 9),
        ("former_colleague", 7),
        ("seminar_acquaintance", 5),
        ("mentor", 4),
        ("trainer", 2),
        ("teacher", 1),
        ("neighbour", 4),
        ("colleague", 5),
        ("boss", 3),
        ("relative", 1),
        ("classmate", 2),
        ("fellow_student", 3),
        ("club_member", 3),
    ]
)


_TRUST = {
    "spouse": (4, 5),
    "parent": (4, 5),
    "sibling": (3, 5),
    "relative": (2, 5),
    "friend": (3, 5),
    "mentor": (3, 5),
    "colleague": (2, 5),
    "boss": (2, 5),
    "business_partner": (2, 5),
    "client": (2, 5),
    "former_colleague": (2, 4),
    "classmate": (2, 4),
    "fellow_student": (2, 4),
    "teacher": (2, 4),
    "trainer": (2, 4),
}


_AGE_ORDERED = {"boss", "mentor", "teacher", "trainer"}  # the older one is from_person


_MULTIPLIER_TITLES = {
    title
    for male in ("Journalist", "Redakteur", "Chefredakteur", "Pressesprecher", "Podcaster")
    for title in (male, FEMININE.get(male, male))
}


def add(plan: Plan) -> None:
    rng = plan.rng
    specs = plan.specs
    count = len(specs)
    org_members: dict[int, list[tuple[int, Aff]]] = {}
    endpoints: list[int] = []
    seen: set[int] = set()
    rows: list[tuple[Any, ...]] = []
    net, pks = plan.network_id, plan.pks
    since_floor = dt.date(1990, 1, 1)

    def link(
        a: int,
        b: int,
        kind: str,
        *,
        since: dt.date | None = None,
        close: bool = False,
        dated: bool = True,
    ) -> bool:
        if a == b:
            return False
        key = a * count + b if a < b else b * count + a
        if key in seen:
            return False
        seen.add(key)
        if a != 0 and b != 0:
            older_second = specs[a].birth_year > specs[b].birth_year
            if (kind in _AGE_ORDERED and older_second) or (kind == "client" and rng.random() < 0.5):
                a, b = b, a
        low, high = _TRUST.get(kind, (1, 3))
        if close:
            low, high = min(low + 1, 5), min(high + 1, 5)
        trust = rng.randint(low, high) if rng.random() < 0.75 else None
        if since is None and dated and rng.random() < 0.8:
            youngest = max(specs[a].birth_year, specs[b].birth_year)
            start = max(since_floor, dt.date(min(youngest + 18, plan.today.year), 1, 1))
            since = date_between(rng, start, plan.today)
        when = iso(partial(rng, since, full=0.2, month=0.3)) if since else None
        note = rng.choice(RELATIONSHIP_NOTES) if rng.random() < 0.03 else ""
        rows.append((net, pks[a], pks[b], kind, trust, when, note))
        if a != 0 and b != 0:
            endpoints.append(a)
            endpoints.append(b)
        if len(rows) >= BATCH * 5:
            _flush(plan, rows, index, count)
        return True

    index = 0
    for a, b, kind in plan.family_edges:
        if kind == "spouse":
            since = plan.weddings.get(a) if rng.random() < 0.5 else None
            link(a, b, kind, since=since, close=True, dated=False)
        else:
            link(a, b, kind, since=None, close=True, dated=False)
    me_kind = {
        "colleague": "colleague",
        "former_colleague": "former_colleague",
        "client": "client",
        "business_partner": "business_partner",
        "school": "classmate",
        "university": "fellow_student",
        "teacher": "teacher",
        "trainer": "trainer",
        "seminar": "seminar_acquaintance",
        "club": "club_member",
        "online": "acquaintance",
        "event": "acquaintance",
        "friend": "friend",
        "neighbour": "neighbour",
    }
    for index in range(1, count):
        spec = specs[index]
        if spec.direct and spec.origin != "family":
            kind = me_kind[spec.origin]
            met = spec.met
            if kind == "colleague":
                roll = rng.random()
                kind = "boss" if roll < 0.35 else "colleague"
                if roll < 0.1:
                    link(index, 0, "boss", since=met, close=True)  # one of my bosses
                    kind = ""
                elif kind == "boss":
                    link(0, index, "boss", since=met, close=True)  # one of my reports
                    kind = ""
            if kind in {"teacher", "trainer", "client"}:
                link(index, 0, kind, since=met, close=True)
            elif spec.origin == "event" and rng.random() < 0.3:
                link(0, index, "business_partner", since=met)
            elif kind:
                link(0, index, kind, since=met, close=True)
        if spec.role == "child":
            continue
        # About ten ties per person of the core and two per grown-up relative: a
        # network of 100,000 persons has about a million relationships.
        edges = 0
        if spec.role == "core":
            edges = 2 + min(int(rng.expovariate(0.09)), 80)
        elif rng.random() < 0.6:
            edges = 1 + min(int(rng.expovariate(0.5)), 12)
        for _ in range(edges):
            roll = rng.random()
            target, kind = -1, ""
            if roll < 0.2 and spec.affs:
                current = [a for a in spec.affs if a.end is None]
                aff = rng.choice(current if current and rng.random() < 0.7 else spec.affs)
                members = org_members.get(aff.org)
                if members:
                    target, other = members[rng.randrange(len(members))]
                    kind = _context_kind(plan, spec, aff, specs[target], other)
            if target < 0:
                if roll < 0.23 or not endpoints:
                    target = rng.randrange(1, index) if index > 1 else -1
                else:
                    target = endpoints[rng.randrange(len(endpoints))]
                kind = _RANDOM_KINDS(rng)
            if target > 0:
                link(index, target, kind)
        for aff in spec.affs:
            org_members.setdefault(aff.org, []).append((index, aff))
        # Some people are simply more sought after (a journalist, an association chair):
        # an attractiveness of its own, on top of the degree, with a heavy tail.
        reach = min(int(rng.paretovariate(1.05)), 300)
        if spec.title in _MULTIPLIER_TITLES or any(a.kind == "function" for a in spec.affs):
            reach *= 3
        endpoints.extend([index] * reach)
    index = count
    _flush(plan, rows, count, count)


def _flush(plan: Plan, rows: list[tuple[Any, ...]], done: int, total: int) -> None:
    fields = ("network", "from_person", "to_person", "kind", "trust", "since", "note")
    plan.write(Relationship, fields, rows, "relationships")
    plan.report("relationships", done, total)


def _context_kind(plan: Plan, spec: Spec, aff: Aff, other_spec: Spec, other: Aff) -> str:
    rng = plan.rng
    org_kind = plan.orgs[aff.org].kind
    if aff.kind == "job" and other.kind == "job":
        if aff.end is None and other.end is None:
            return "boss" if rng.random() < 0.2 else "colleague"
        return "former_colleague"
    if aff.kind == "education" and other.kind == "education":
        gap = abs(spec.birth_year - other_spec.birth_year)
        if gap <= 2:
            return (
                "fellow_student"
                if org_kind == "school" and aff.org in plan.universities
                else "classmate"
            )
        return "teacher" if gap > 15 else "acquaintance"
    if aff.kind == "education" or other.kind == "education":
        return "teacher" if abs(spec.birth_year - other_spec.birth_year) > 15 else "acquaintance"
    if org_kind in {"club", "elite_club", "party", "other"}:
        return "club_member"
    if org_kind == "alumni_network":
        return "fellow_student" if rng.random() < 0.5 else "acquaintance"
    if org_kind == "professional_association":
        return "business_partner" if rng.random() < 0.4 else "acquaintance"
    if org_kind == "company":
        return "client" if rng.random() < 0.3 else "business_partner"
    return "acquaintance"
