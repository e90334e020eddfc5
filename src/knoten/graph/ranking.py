"""Ranking multipliers: who spreads a word furthest from one member's point of view.

Three things count, each scaled to 0–1 against the best in the network:

* place in the graph: betweenness (the share of shortest paths between others that run
  through them), weight :data:`PLACE_WEIGHT`;
* reach: the circles and organisations they or their contacts belong to that neither
  *me* nor any of my own contacts does, weight :data:`REACH_WEIGHT`;
* role: a journalist, an association's chair, an organiser, a recruiter (read from the
  titles of their current positions and functions), or tagged "multiplier", weight
  :data:`ROLE_WEIGHT`.

Only a shortlist is scored (the :data:`SHORTLIST` highest in betweenness, everyone with
a role, and my own contacts), so that reach need not be worked out for 100k persons.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from knoten.core.folding import fold
from knoten.graph.facts import Facts, Tie

PLACE_WEIGHT = 0.45
REACH_WEIGHT = 0.30
ROLE_WEIGHT = 0.25
SHORTLIST = 2000
KEPT = 200  # multipliers stored per member
REACH_NAMES = 5

# What a title says about a role (folded, matched as a part of the title), best first.
ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "journalist",
        (
            "journalist",
            "redakteur",
            "redaktion",
            "reporter",
            "editor",
            "presse",
            "press officer",
            "podcaster",
            "blogger",
            "korrespondent",
            "correspondent",
            "moderator",
        ),
    ),
    (
        "chair",
        ("vorsitz", "prasident", "president", "chair", "vorstand", "board member", "beirat"),
    ),
    (
        "organiser",
        (
            "organisator",
            "organiser",
            "organizer",
            "veranstalter",
            "eventmanager",
            "event manager",
            "community manager",
            "arbeitskreis",
            "regionalgruppe",
        ),
    ),
    ("recruiter", ("recruit", "headhunter", "personalberater", "executive search", "talent")),
)
ROLE_STRENGTH = {"journalist": 1.0, "tagged": 1.0, "chair": 0.8, "organiser": 0.8, "recruiter": 0.7}
CHAIR_KINDS = frozenset({"function", "membership"})  # a bank's "Vorstand" job is no chair


@dataclass(frozen=True)
class Role:
    code: str
    title: str  # "Redakteurin, Weser-Kurier"


@dataclass(frozen=True)
class Ranked:
    person: int
    score: float
    betweenness: float
    degree: int
    reach: int
    reach_names: list[str]
    role: Role | None


def role_of(
    ties: Sequence[Tie], tagged: bool, organisations: dict[int, tuple[str, str, str]]
) -> Role | None:
    """The strongest role a person's current titles (or a tag) give them."""
    best: Role | None = None
    best_strength = 0.0
    for tie in ties:
        if not tie.title:
            continue
        org = organisations.get(tie.organisation, ("", "", ""))
        code = _title_role(tie.title, tie.kind in CHAIR_KINDS or org[1] != "company")
        if code is not None:
            strength = ROLE_STRENGTH[code]
            if strength > best_strength:
                where = f", {org[0]}" if org[0] else ""
                best, best_strength = Role(code, f"{tie.title}{where}"), strength
    if tagged and best_strength < ROLE_STRENGTH["tagged"]:
        return Role("tagged", "")
    return best


@functools.lru_cache(maxsize=20_000)
def _title_role(title: str, may_chair: bool) -> str | None:
    """The role a title names (the first of :data:`ROLE_WORDS` it has), if any; a chair
    only where ``may_chair`` (a function or membership, or not at a company). Titles
    recur across a network: each is read once."""
    folded = fold(title)
    for code, words in ROLE_WORDS:
        if code == "chair" and not may_chair:
            continue
        if any(word in folded for word in words):
            return code
    return None


def _labels(person: int, facts: Facts) -> set[str]:
    """The organisations ("o12") and circles ("c3") a person belongs to now."""
    found = {f"o{tie.organisation}" for tie in facts.ties.get(person, ())}
    found.update(f"c{circle}" for circle in facts.circles.get(person, ()))
    return found


def rank(
    me: int | None,
    persons: Sequence[int],
    neighbours: Sequence[Sequence[int]],
    betweenness: Sequence[float],
    facts: Facts,
) -> list[Ranked]:
    """The member's multipliers, best first (at most :data:`KEPT`). ``persons[i]`` is
    vertex ``i``; ``neighbours[i]`` its neighbours' vertex numbers."""
    index = {pk: i for i, pk in enumerate(persons)}
    mine_vertex = index.get(me) if me is not None else None
    my_contacts = set(neighbours[mine_vertex]) if mine_vertex is not None else set()
    mine: set[str] = set()
    for vertex in my_contacts | ({mine_vertex} if mine_vertex is not None else set()):
        mine |= _labels(persons[vertex], facts)
    roles: dict[int, Role] = {}
    for vertex, pk in enumerate(persons):
        found = role_of(facts.ties.get(pk, ()), pk in facts.tagged, facts.organisations)
        if found is not None:
            roles[vertex] = found
    by_place = sorted(range(len(persons)), key=lambda v: -betweenness[v])[:SHORTLIST]
    shortlist = (set(by_place) | set(roles) | my_contacts) - {mine_vertex}
    reach: dict[int, set[str]] = {}
    known: dict[int, set[str]] = {}  # a person's labels, read once for all who know them

    def labels_of(vertex: int) -> set[str]:
        found = known.get(vertex)
        if found is None:
            found = known[vertex] = _labels(persons[vertex], facts)
        return found

    for vertex in shortlist:
        labels = set(labels_of(vertex))
        for other in neighbours[vertex]:
            if other != mine_vertex:
                labels |= labels_of(other)
        reach[vertex] = labels - mine
    best_place = max((betweenness[v] for v in shortlist), default=0.0) or 1.0
    best_reach = max((len(found) for found in reach.values()), default=0) or 1
    ranked: list[Ranked] = []
    for vertex in shortlist:
        role = roles.get(vertex)
        score = (
            PLACE_WEIGHT * betweenness[vertex] / best_place
            + REACH_WEIGHT * len(reach[vertex]) / best_reach
            + ROLE_WEIGHT * (ROLE_STRENGTH[role.code] if role else 0.0)
        )
        if score <= 0:
            continue
        ranked.append(
            Ranked(
                persons[vertex],
                round(score, 6),
                betweenness[vertex],
                len(neighbours[vertex]),
                len(reach[vertex]),
                [],
                role,
            )
        )
    ranked.sort(key=lambda row: (-row.score, -row.betweenness, row.person))
    # The names of what they reach, for the kept ones only.
    return [
        replace(row, reach_names=_names(reach[index[row.person]], facts)) for row in ranked[:KEPT]
    ]


def _names(labels: set[str], facts: Facts) -> list[str]:
    names = []
    for label in labels:
        pk = int(label[1:])
        if label[0] == "o":
            names.append(facts.organisations.get(pk, ("?", "", ""))[0])
        else:
            names.append(facts.circle_names.get(pk, "?"))
    return sorted(names, key=fold)[:REACH_NAMES]
