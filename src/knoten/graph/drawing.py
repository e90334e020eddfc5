"""The network drawn: whom the graph page shows around a person, and where.

:func:`draw_network` chooses an ego network: the centre (*me*, or any person), the first
degree (everyone the centre has a tie to) and the second degree (whom those know), the
strongest first and capped (at most :data:`MAX_LIMIT` persons, :data:`DEFAULT_LIMIT`
unless asked). Filters narrow it: a circle (only its members around the centre), a
least trust (only ties at least that trusted, on every hop) and a least strength (only
first-degree contacts I keep in touch with at least that well, from the upkeep; the
second degree is reached through those who remain). Archived persons are never drawn,
except as the centre one asked for. An introduction path (a list of persons) is drawn
on top, its persons added wherever the cap or the filters left them out.

The web page, the API endpoint and anything else that draws the network call this one
function; :mod:`knoten.graph.drawing_layout` places the persons and finds the clusters.

What a tie is worth is :func:`knoten.graph.links.weight_of`'s rule: the drawing reads
only the ties around the persons it shows (a few indexed queries), not the whole
network's links, so that it answers in milliseconds at 100,000 persons.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from knoten.core.errors import InvalidInput
from knoten.core.limits import chunks
from knoten.core.models import Member
from knoten.graph.drawing_layout import Tie, bounds, clusters_of, radial_layout
from knoten.graph.links import weight_of
from knoten.people.labels import find_circle
from knoten.people.lookup import resolve_person
from knoten.people.models import Person, Relationship
from knoten.upkeep.models import standings_of

DEFAULT_LIMIT = 200
MAX_LIMIT = 500
TRUSTS = range(1, 6)
STRENGTHS = range(0, 101)
MAX_PATH = 12


@dataclass(frozen=True)
class DrawnPerson:
    """A person in the drawing: ``degree`` 0 is the centre, 1 and 2 the first and second
    degree, 3 a person of the path beyond them; ``through`` the first-degree person the
    centre reaches them by (second degree); ``reach`` how well (the product of the ties'
    weights, 1 the best); ``cluster`` from 0, the centre ``-1``."""

    id: int
    name: str
    full_name: str
    degree: int
    x: float
    y: float
    angle: float
    cluster: int
    reach: float
    strength: int
    through: int | None = None
    on_path: bool = False
    is_me: bool = False


@dataclass(frozen=True)
class DrawnTie:
    """A tie between two drawn persons (the smaller id first), ``weight`` in (0, 1];
    a hop of the path without a tie of its own has weight 0."""

    a: int
    b: int
    weight: float
    on_path: bool = False


@dataclass(frozen=True)
class Drawing:
    centre: int
    people: list[DrawnPerson]
    ties: list[DrawnTie]
    view_box: tuple[float, ...]
    clusters: int
    # Persons the filters let through whom the cap left out (when the first degree alone
    # fills the drawing, the second degree is not counted).
    hidden: int
    limit: int
    circle: str | None = None
    min_trust: int | None = None
    min_strength: int | None = None
    path: list[int] = field(default_factory=list)

    @property
    def first_degree(self) -> list[DrawnPerson]:
        return [p for p in self.people if p.degree == 1]

    @property
    def second_degree(self) -> list[DrawnPerson]:
        return [p for p in self.people if p.degree == 2]


def draw_network(
    actor: Member,
    person: int | str | None = None,
    *,
    circle: str | None = None,
    min_trust: int | str | None = None,
    min_strength: int | str | None = None,
    path: Sequence[int | str] | None = None,
    limit: int | str | None = None,
) -> Drawing:
    """The ego network around ``person`` (``None``: *me*), filtered, capped and laid out."""
    net = actor.network_id
    centre = resolve_person(actor, person) if person is not None else actor.me
    trust = _number(min_trust, "min_trust", TRUSTS, "is not a trust from 1 to 5")
    strength = _number(min_strength, "min_strength", STRENGTHS, "is not a strength from 0 to 100")
    cap = _number(limit, "limit", range(2, MAX_LIMIT + 1), f"is not a number from 2 to {MAX_LIMIT}")
    cap = cap or DEFAULT_LIMIT
    circle_id = find_circle(actor, circle).pk if circle is not None else None
    route = _route(actor, path)
    floor = weight_of(trust) if trust is not None else 0.0

    # The first degree: the centre's ties, as strong as asked, to persons the filters keep.
    near = {
        other: weight
        for other, weight in _neighbours(net, centre.pk, _ties_touching(net, [centre.pk]))
        if weight >= floor
    }
    kept = _kept(net, near, circle_id, strength)
    first_all = sorted(kept, key=lambda pk: (-near[pk], pk))
    room = cap - 1
    first = first_all[:room]
    first_set = set(first)

    # The second degree: whom the first degree knows, by how well the centre reaches them.
    # When the first degree fills the drawing, only the ties among it are read.
    full = len(first) >= room
    reader = _ties_among if full else _ties_touching
    around_first = [t for t in reader(net, first) if t[2] >= floor]
    reach: dict[int, float] = {}
    through: dict[int, int] = {}
    for a, b, weight in around_first:
        for inner, outer in ((a, b), (b, a)):
            # A direct contact the filters left out is not drawn as second degree either.
            if inner in first_set and outer != centre.pk and outer not in near:
                score = near[inner] * weight
                if score > reach.get(outer, 0.0) or (
                    score == reach.get(outer) and inner < through[outer]
                ):
                    reach[outer], through[outer] = score, inner
    known_by: dict[int, int] = defaultdict(int)
    for a, b, _weight in around_first:
        if a in first_set and b in reach:
            known_by[b] += 1
        if b in first_set and a in reach:
            known_by[a] += 1
    second_kept = _kept(net, reach, circle_id, None)
    second_all = sorted(second_kept, key=lambda pk: (-reach[pk], -known_by[pk], pk))
    second = second_all[: max(0, room - len(first))]
    hidden = len(first_all) - len(first) + len(second_all) - len(second)

    shown = [centre.pk, *first, *second]
    shown_set = set(shown)
    ties = _shown_ties(net, centre.pk, near, first_set, around_first, second, shown_set)
    further = _path_additions(route, shown_set)
    shown += list(further)
    path_ties = _path_ties(net, route, ties)
    ties.update(path_ties)

    tie_list = [(a, b, w) for (a, b), w in sorted(ties.items())]
    cluster = clusters_of(shown, [t for t in tie_list if t[2] > 0], centre.pk)
    order = sorted(first, key=lambda pk: (cluster[pk], -near[pk], pk))
    hanging: dict[int, list[int]] = defaultdict(list)
    for pk in sorted(second, key=lambda pk: (cluster[pk], -reach[pk], pk)):
        hanging[through[pk]].append(pk)
    placed = radial_layout(centre.pk, order, hanging, further)

    names = _names(net, shown)
    strengths = dict(standings_of(net, shown).values_list("person_id", "strength"))
    on_path = set(route)
    degree = {centre.pk: 0, **dict.fromkeys(first, 1), **dict.fromkeys(second, 2)}
    people = [
        DrawnPerson(
            id=pk,
            name=names[pk][0],
            full_name=names[pk][1],
            degree=degree.get(pk, 3),
            x=placed[pk].x,
            y=placed[pk].y,
            angle=placed[pk].angle,
            cluster=cluster[pk],
            reach=round(1.0 if pk == centre.pk else near.get(pk, reach.get(pk, 0.0)), 3),
            strength=strengths.get(pk, 0),
            through=through.get(pk),
            on_path=pk in on_path,
            is_me=pk == actor.person_id,
        )
        for pk in shown
    ]
    return Drawing(
        centre=centre.pk,
        people=people,
        ties=[DrawnTie(a, b, round(w, 3), (a, b) in path_ties) for a, b, w in tie_list],
        view_box=bounds(placed),
        clusters=len({c for c in cluster.values() if c >= 0}),
        hidden=hidden,
        limit=cap,
        circle=circle,
        min_trust=trust,
        min_strength=strength,
        path=route,
    )


def _number(value: int | str | None, name: str, allowed: range, reason: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not text.lstrip("-").isdigit() or int(text) not in allowed:
        raise InvalidInput(name, value, reason)
    return int(text)


def _route(actor: Member, path: Sequence[int | str] | None) -> list[int]:
    """The persons of an introduction path, in order, each of ``actor``'s network."""
    if not path:
        return []
    if len(path) > MAX_PATH:
        raise InvalidInput("path", ",".join(map(str, path)), f"has more than {MAX_PATH} persons")
    route: list[int] = []
    for step in path:
        found = resolve_person(actor, step, field="path")
        if found.archived:
            raise InvalidInput("path", step, "is archived; an archived person is on no path")
        if found.pk not in route:
            route.append(found.pk)
    return route


RELATIONSHIPS = Relationship._meta.db_table
PERSONS = Person._meta.db_table


def _by_ids(sql: str, ids: Sequence[int], *more: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` for ``ids`` in chunks: ``{ids}`` in it stands for the chunk's
    placeholders (twice where it appears twice), ``more`` for the parameters after.
    Plain SQL: for thousands of ids, building the ORM's IN lists cost more than the
    query."""
    times = sql.count("{ids}")
    with connection.cursor() as cursor:
        for chunk in chunks(sorted(ids)):
            marks = ", ".join(["%s"] * len(chunk))
            params: list[Any] = [*chunk] * times
            cursor.execute(sql.format(ids=marks), [*params, *more])
            yield from cursor.fetchall()


def _ties_touching(net: int, ids: Sequence[int]) -> list[Tie]:
    """Every tie with an end among ``ids``, once, the smaller id first, weighted by
    :func:`weight_of` (several relationships of a pair: the strongest)."""
    best: dict[tuple[int, int], float] = {}
    # By the persons' indexes alone (the network is checked in _weigh): given the
    # network too, SQLite may scan the network's index instead.
    rows = _by_ids(
        f"SELECT from_person_id, to_person_id, trust, network_id FROM {RELATIONSHIPS}"
        " WHERE from_person_id IN ({ids}) OR to_person_id IN ({ids})",
        ids,
    )
    _weigh(best, net, rows)
    return [(a, b, w) for (a, b), w in best.items()]


def _ties_among(net: int, ids: Sequence[int]) -> list[Tie]:
    """The ties between two of ``ids``. Read by the first person only, the second
    checked here: with both in the query SQLite probes every pair of them."""
    best: dict[tuple[int, int], float] = {}
    among = set(ids)
    rows = _by_ids(
        f"SELECT from_person_id, to_person_id, trust, network_id FROM {RELATIONSHIPS}"
        " WHERE from_person_id IN ({ids})",
        ids,
    )
    _weigh(best, net, (row for row in rows if row[1] in among))
    return [(a, b, w) for (a, b), w in best.items()]


def _weigh(
    best: dict[tuple[int, int], float],
    net: int,
    rows: Iterable[tuple[int, int, int | None, int]],
) -> None:
    for a, b, trust, network in rows:
        if network != net:
            continue
        key = (a, b) if a < b else (b, a)
        weight = weight_of(trust)
        if weight > best.get(key, 0.0):
            best[key] = weight


def _neighbours(net: int, pk: int, ties: Iterable[Tie]) -> Iterable[tuple[int, float]]:
    for a, b, weight in ties:
        yield (b if a == pk else a), weight


def _kept(
    net: int, candidates: Iterable[int], circle_id: int | None, strength: int | None
) -> set[int]:
    """Those of ``candidates`` that are not archived, in the circle and as strong as asked."""
    wanted = sorted(candidates)
    if circle_id is None and not strength:
        # "+network_id": by primary key, the network checked row by row (else SQLite
        # may walk the network's index).
        rows = _by_ids(
            f"SELECT id FROM {PERSONS} WHERE id IN ({{ids}}) AND +network_id = %s AND NOT archived",
            wanted,
            net,
        )
        return {pk for (pk,) in rows}
    kept: set[int] = set()
    for chunk in chunks(wanted):
        # By primary key alone, the network and archived flag checked here: given the
        # network as well, SQLite would walk the (network, archived, name) index instead.
        found = Person.objects.filter(pk__in=chunk)
        if circle_id is not None:
            found = found.filter(circles=circle_id)
        if strength:
            found = found.filter(standing__strength__gte=strength)
        kept.update(
            pk
            for pk, network, archived in found.values_list("pk", "network_id", "archived")
            if network == net and not archived
        )
    return kept


def _shown_ties(
    net: int,
    centre: int,
    near: dict[int, float],
    first: set[int],
    around_first: Sequence[Tie],
    second: Sequence[int],
    shown: set[int],
) -> dict[tuple[int, int], float]:
    ties: dict[tuple[int, int], float] = {}
    for pk in first:
        ties[(centre, pk) if centre < pk else (pk, centre)] = near[pk]
    for a, b, weight in around_first:
        if a in shown and b in shown:
            ties[(a, b)] = weight
    for a, b, weight in _ties_among(net, second):
        ties[(a, b)] = weight
    return {key: w for key, w in ties.items() if key[0] in shown and key[1] in shown}


def _path_additions(route: Sequence[int], shown: set[int]) -> dict[int, int]:
    """The path's persons not drawn yet, each with the one it is reached through."""
    further: dict[int, int] = {}
    for index, pk in enumerate(route):
        if pk not in shown and pk not in further:
            further[pk] = route[index - 1] if index else (route[1] if len(route) > 1 else pk)
    return further


def _path_ties(
    net: int, route: Sequence[int], ties: dict[tuple[int, int], float]
) -> dict[tuple[int, int], float]:
    hops = [(a, b) if a < b else (b, a) for a, b in itertools.pairwise(route)]
    if not hops:
        return {}
    known = {(a, b): w for a, b, w in _ties_among(net, route)}
    return {hop: ties.get(hop, known.get(hop, 0.0)) for hop in hops}


def _names(net: int, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Each person's name to label them by and their full name."""
    names: dict[int, tuple[str, str]] = {}
    for person in Person.objects.filter(network_id=net, pk__in=ids).only(
        "given_name", "family_name", "name_particle", "academic_title", "nickname"
    ):
        short = person.short_name or f"#{person.pk}"
        names[person.pk] = (short, person.full_name or short)
    return names
