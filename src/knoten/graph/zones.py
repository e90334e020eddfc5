"""Working out the comfort zone: how a network splits, how it grows, whom to meet next,
and who bridges its clusters. Plain data in, plain data (stored as JSON) out.

Each split (circle, industry, organisation kind, city, how we met, employer) counts every
person who is not archived and not *me*, once per value they have (a person in two
circles counts in both; one without a value as "none"), with the share of the whole and,
for the last :data:`TREND_YEARS` years, the share among the persons met in that year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from knoten.graph.facts import Facts

TOP = 8  # values shown per split; the rest together as "other"
TREND_YEARS = 5
MONTHS = 12
WORTH_MEETING = 20
MIN_SHARED = 2
BRIDGE_CLUSTERS = 8
BRIDGES_PER_CLUSTER = 3
NONE = ""  # the value of a person without one


def _values(facts: Facts) -> dict[str, Callable[[int], Iterable[str]]]:
    orgs = facts.organisations

    def jobs(pk: int) -> list[int]:
        return [tie.organisation for tie in facts.ties.get(pk, ()) if tie.kind == "job"]

    return {
        "circle": lambda pk: [facts.circle_names.get(c, "?") for c in facts.circles.get(pk, ())],
        "industry": lambda pk: {orgs[o][2] for o in jobs(pk) if o in orgs and orgs[o][2]},
        "organisation_kind": lambda pk: {
            orgs[t.organisation][1] for t in facts.ties.get(pk, ()) if t.organisation in orgs
        },
        "employer": lambda pk: {orgs[o][0] for o in jobs(pk) if o in orgs},
        "city": lambda pk: [facts.cities[pk]] if pk in facts.cities else [],
        "how_met": lambda pk: [facts.how_met.get(pk, "unknown")],
    }


def splits(facts: Facts, me: int | None, today: dt.date) -> dict[str, Any]:
    """Every split: ``{"total": n, "splits": {name: [{value, count, share, trend}]}}``."""
    people = sorted(facts.persons - {me})
    total = len(people)
    years = list(range(today.year - TREND_YEARS + 1, today.year + 1))
    met_in = Counter(facts.met_year.get(pk) for pk in people)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, values_of in _values(facts).items():
        counts: Counter[str] = Counter()
        by_year: dict[str, Counter[int]] = defaultdict(Counter)
        for pk in people:
            year = facts.met_year.get(pk, 0)
            values = set(values_of(pk)) or {NONE}
            for value in values:
                counts[value] += 1
                if year in met_in:
                    by_year[value][year] += 1
        rows = []
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        shown, rest = ordered[:TOP], ordered[TOP:]
        for value, count in shown:
            trend = {str(year): _share(by_year[value][year], met_in.get(year, 0)) for year in years}
            rows.append(
                {"value": value, "count": count, "share": _share(count, total), "trend": trend}
            )
        if rest:
            count = sum(c for _, c in rest)
            rows.append({"value": None, "count": count, "share": _share(count, total), "trend": {}})
        out[name] = rows
    return {"total": total, "splits": out, "years": [str(year) for year in years]}


def new_per_month(facts: Facts, me: int | None, today: dt.date) -> list[dict[str, Any]]:
    """Persons met in each of the last :data:`MONTHS` months (the oldest first)."""
    counts = Counter(month for pk, month in facts.met_month.items() if pk != me)
    months = []
    year, month = today.year, today.month
    for _ in range(MONTHS):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [
        {"month": f"{y:04d}-{m:02d}", "count": counts.get((y, m), 0)} for y, m in reversed(months)
    ]


def worth_meeting(
    me: int | None,
    persons: Sequence[int],
    neighbours: Sequence[Sequence[int]],
    weights: dict[tuple[int, int], float],
) -> list[dict[str, Any]]:
    """Friends of friends whom *me* has no link to yet, with the most contacts in common
    (at least :data:`MIN_SHARED`), the strongest common ties first on a draw; each with
    the common contacts who could introduce them, the closest first."""
    index = {pk: i for i, pk in enumerate(persons)}
    mine = index.get(me) if me is not None else None
    if mine is None:
        return []
    contacts = set(neighbours[mine])
    shared: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for friend in contacts:
        closeness = weights.get(_pair(mine, friend), 0.0)
        for other in neighbours[friend]:
            if other != mine and other not in contacts:
                strength = closeness * weights.get(_pair(friend, other), 0.0)
                shared[other].append((strength, friend))
    found = [(vertex, via) for vertex, via in shared.items() if len(via) >= MIN_SHARED]
    found.sort(key=lambda row: (-len(row[1]), -sum(s for s, _ in row[1]), persons[row[0]]))
    return [
        {
            "person": persons[vertex],
            "shared": len(via),
            "via": [
                persons[friend] for _, friend in sorted(via, key=lambda r: (-r[0], persons[r[1]]))
            ],
        }
        for vertex, via in found[:WORTH_MEETING]
    ]


def bridges(
    me: int | None,
    persons: Sequence[int],
    neighbours: Sequence[Sequence[int]],
    membership: Sequence[int],
) -> list[dict[str, Any]]:
    """For the largest clusters *me* is not in: my contacts with the most links into
    each (or in it themselves), my bridges there."""
    index = {pk: i for i, pk in enumerate(persons)}
    mine = index.get(me) if me is not None else None
    if mine is None:
        return []
    home = membership[mine]
    into: dict[int, Counter[int]] = defaultdict(Counter)
    for friend in neighbours[mine]:
        if membership[friend] >= 0 and membership[friend] != home:
            into[membership[friend]][friend] += 1
        for other in neighbours[friend]:
            cluster = membership[other]
            if other != mine and cluster >= 0 and cluster != home:
                into[cluster][friend] += 1
    out = []
    for cluster in sorted(into)[:BRIDGE_CLUSTERS]:
        best = sorted(into[cluster].items(), key=lambda item: (-item[1], persons[item[0]]))
        out.append(
            {
                "cluster": cluster,
                "persons": [
                    {"person": persons[v], "links": n} for v, n in best[:BRIDGES_PER_CLUSTER]
                ],
            }
        )
    return out


def cluster_labels(
    persons: Sequence[int], membership: Sequence[int], facts: Facts, limit: int = 30
) -> list[dict[str, Any]]:
    """The largest clusters, each with its size and its most common industry and
    employer (and the share of its members they cover)."""
    members: dict[int, list[int]] = defaultdict(list)
    for vertex, cluster in enumerate(membership):
        if 0 <= cluster < limit:
            members[cluster].append(persons[vertex])
    values = _values(facts)
    out = []
    for cluster in sorted(members):
        people = members[cluster]
        row: dict[str, Any] = {"number": cluster, "size": len(people)}
        for name in ("industry", "employer"):
            counts = Counter(value for pk in people for value in values[name](pk))
            value, count = counts.most_common(1)[0] if counts else ("", 0)
            row[name] = value
            row[f"{name}_share"] = _share(count, len(people))
        out.append(row)
    return out


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
