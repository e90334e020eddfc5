"""Introduction paths: the best ways from *me* to a person, or to anyone at an organisation.

A path runs over the links of the graph (:mod:`knoten.graph.links`); its worth is the
product of its hops' weights: a relationship's trust, how recent a time as colleagues
is, and for my own first hop also the strength of my tie (:mod:`knoten.upkeep.strength`:
recency and frequency of contact, trust, give and take), half and half. Archived persons
and those marked "do not ask" are never intermediaries (they may be the target); nor is
anyone the member asks to avoid. The search (:mod:`knoten.graph.pathfinding`) runs over
the network's graph in memory (:mod:`knoten.graph.adjacency`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from knoten.core.errors import InvalidInput, KnotenError, NotFound
from knoten.core.models import Member
from knoten.graph import pathfinding
from knoten.graph.adjacency import Graph, graph_of
from knoten.graph.hops import Tie, ties
from knoten.people.lookup import resolve_organisation, resolve_person
from knoten.people.models import Affiliation, Organisation, Person
from knoten.upkeep.models import standings_of

MAX_HOPS = 6
MAX_COUNT = 10
DEFAULT_HOPS = 4
DEFAULT_COUNT = 3
ORGANISATION_PREFIXES = ("org:", "organisation:", "organization:")
TargetRef = str | int | Person | Organisation


class NoPath(NotFound):
    """There is no way to the target within the hops allowed."""

    def __init__(self, message: str) -> None:
        KnotenError.__init__(self, message)
        self.what = "path"
        self.query = message


@dataclass(frozen=True)
class Hop:
    from_id: int
    from_name: str
    to_id: int
    to_name: str
    weight: float
    tie: Tie

    def as_dict(self) -> dict[str, Any]:
        return {
            "from_person": {"id": self.from_id, "name": self.from_name},
            "to_person": {"id": self.to_id, "name": self.to_name},
            "weight": round(self.weight, 3),
            **self.tie.as_dict(),
        }


@dataclass(frozen=True)
class Path:
    persons: tuple[int, ...]
    score: float  # the product of the hops' weights, 0–1
    hops: tuple[Hop, ...]

    @property
    def first_hop(self) -> Hop:
        return self.hops[0]

    @property
    def words(self) -> str:
        names = [self.hops[0].from_name, *(hop.to_name for hop in self.hops)]
        return " → ".join(names)

    def as_dict(self) -> dict[str, Any]:
        return {
            "persons": list(self.persons),
            "score": round(self.score, 4),
            "words": self.words,
            "hops": [hop.as_dict() for hop in self.hops],
        }


@dataclass(frozen=True)
class Paths:
    """The answer: to whom (a person or an organisation), and the best ways there."""

    kind: str  # "person" or "organisation"
    target_id: int
    target_name: str
    max_hops: int
    paths: list[Path] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": {"kind": self.kind, "id": self.target_id, "name": self.target_name},
            "max_hops": self.max_hops,
            "paths": [path.as_dict() for path in self.paths],
        }


def resolve_target(actor: Member, target: TargetRef) -> Person | Organisation:
    """A person (id or name) or, failing that or with ``org:`` before it, an organisation."""
    if isinstance(target, Person | Organisation):
        if target.network_id != actor.network_id:
            raise NotFound("person or organisation", target.pk)
        return target
    if isinstance(target, int):
        return resolve_person(actor, target, "target")
    text = str(target).strip()
    if not text:
        raise InvalidInput("target", target, "is empty; name a person or an organisation")
    for prefix in ORGANISATION_PREFIXES:
        if text.lower().startswith(prefix):
            return resolve_organisation(actor, text[len(prefix) :].strip(), "target")
    try:
        return resolve_person(actor, text, "target")
    except NotFound:
        try:
            return resolve_organisation(actor, text, "target")
        except NotFound:
            raise NotFound("person or organisation", text) from None


def _number(value: int | str | None, name: str, default: int, top: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(name, value, f"is not a whole number; give 1 to {top}") from None
    if not 1 <= number <= top:
        raise InvalidInput(name, value, f"is out of range; give 1 to {top}")
    return number


def first_weights(graph: Graph, me: int) -> dict[int, float]:
    """The weights of my own links: half the link, half the strength of my tie."""
    key = ("first", me)
    cached = graph.cache.get(key)
    if cached is not None:
        return dict(cached)
    ids, weights = graph.neighbours(me)
    strengths = dict(standings_of(graph.network_id, ids).values_list("person_id", "strength"))
    found = {
        other: 0.5 * weight + 0.5 * strengths.get(other, 0) / 100
        for other, weight in zip(ids, weights, strict=True)
    }
    graph.cache[key] = found
    return found


def _search(
    graph: Graph,
    me: int,
    source: int,
    targets: set[int],
    hops: int,
    count: int,
    blocked: set[int],
    cacheable: bool,
) -> list[pathfinding.Partial]:
    front = math.ceil(hops / 2)
    back = hops - front
    mine = first_weights(graph, me)
    key = ("ball", source, front)
    forward = graph.cache.get(key) if cacheable else None
    if forward is None:
        forward = pathfinding.ball(graph, [source], front, blocked, (), mine, me)
        if cacheable:
            graph.cache[key] = forward
    backward = pathfinding.ball(graph, targets, back, blocked | {me, source}, targets, mine, me)
    return pathfinding.join(forward, backward, hops, count, blocked, targets)


def best_paths(
    actor: Member,
    target: TargetRef,
    *,
    via: str | int | Person | None = None,
    avoid: Iterable[str | int | Person] = (),
    max_hops: int | str | None = None,
    count: int | str | None = None,
) -> Paths:
    """The best ``count`` (3) ways from me to ``target`` in up to ``max_hops`` (4) hops,
    best first; through ``via`` if given, never through anyone in ``avoid``."""
    me = actor.me
    hops = _number(max_hops, "max_hops", DEFAULT_HOPS, MAX_HOPS)
    wanted = _number(count, "count", DEFAULT_COUNT, MAX_COUNT)
    found = resolve_target(actor, target)
    if isinstance(found, Person):
        if found.pk == me.pk:
            raise InvalidInput("target", str(target), "is you; name someone else")
        targets = {found.pk}
        kind, name = "person", found.full_name
    else:
        targets = _people_at(found, me.pk)
        kind, name = "organisation", found.name
    avoided = {resolve_person(actor, one, "avoid").pk for one in avoid}
    if me.pk in avoided or targets <= avoided:
        raise InvalidInput("avoid", ", ".join(map(str, avoid)), "names you or the target")
    graph = graph_of(actor.network_id)
    blocked = graph.blocked | avoided
    through = None
    if via is not None and str(via).strip():
        through = resolve_person(actor, via, "via")
        if through.pk == me.pk or through.pk in targets:
            raise InvalidInput("via", str(via), "is you or the target; name someone between")
        if through.pk in blocked:
            raise InvalidInput("via", str(via), "is archived, marked do not ask or avoided")
    if through is None:
        ranked = _search(graph, me.pk, me.pk, targets, hops, wanted, blocked, not avoided)
    else:
        ranked = _via(graph, me.pk, through.pk, targets, hops, wanted, blocked)
    if not ranked:
        raise NoPath(_no_path_words(name, hops, through, avoided))
    paths = _told(actor, me.pk, ranked)
    return Paths(kind, found.pk, name, hops, paths)


def _via(
    graph: Graph,
    me: int,
    through: int,
    targets: set[int],
    hops: int,
    count: int,
    blocked: set[int],
) -> list[pathfinding.Partial]:
    many = count * 4
    if hops < 2:
        return []
    firsts = _search(graph, me, me, {through}, hops - 1, many, blocked | targets, False)
    found: dict[tuple[int, ...], float] = {}
    for cost, persons in firsts:
        rest = hops - (len(persons) - 1)
        seconds = _search(graph, me, through, targets, rest, many, blocked | set(persons), False)
        for second_cost, second in seconds:
            whole = persons + second[1:]
            if len(set(whole)) == len(whole):
                found[whole] = min(found.get(whole, math.inf), cost + second_cost)
    return sorted((cost, persons) for persons, cost in found.items())[:count]


def _people_at(organisation: Organisation, me: int) -> set[int]:
    rows = Affiliation.objects.filter(
        network_id=organisation.network_id, organisation=organisation
    ).exclude(person_id=me)
    current = set(rows.filter(end__isnull=True).values_list("person_id", flat=True))
    people = current or set(rows.values_list("person_id", flat=True))
    if not people:
        raise InvalidInput(
            "target", organisation.name, "has nobody in your network; add someone there"
        )
    return people


def _no_path_words(name: str, hops: int, through: Person | None, avoided: set[int]) -> str:
    how = f"no way to {name} within {hops} hops"
    if through is not None:
        how += f" through {through.full_name}"
    if avoided:
        how += " without those you avoid"
    hint = "; try more hops" if hops < MAX_HOPS else ""
    return how + " (archived and do-not-ask persons are never asked)" + hint


def _told(actor: Member, me: int, ranked: Sequence[pathfinding.Partial]) -> list[Path]:
    everyone = {p for _, persons in ranked for p in persons}
    people = {
        p.pk: p.full_name
        for p in Person.objects.filter(network_id=actor.network_id, pk__in=everyone)
    }
    pairs = [(a, b) for _, persons in ranked for a, b in pairwise(persons)]
    tied = ties(actor.network_id, pairs, me)
    graph = graph_of(actor.network_id)
    mine = first_weights(graph, me)
    result = []
    for cost, persons in ranked:
        hops = []
        for a, b in pairwise(persons):
            weight = mine.get(b, 0.0) if a == me else _weight(graph, a, b)
            hops.append(Hop(a, people.get(a, "?"), b, people.get(b, "?"), weight, tied[(a, b)]))
        result.append(Path(persons, math.exp(-cost), tuple(hops)))
    return result


def _weight(graph: Graph, a: int, b: int) -> float:
    ids, weights = graph.neighbours(a)
    for other, weight in zip(ids, weights, strict=True):
        if other == b:
            return float(weight)
    return 0.0
