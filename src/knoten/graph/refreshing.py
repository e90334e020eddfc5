"""Keeping the analysis of a network's graph: refreshing it, marking it stale, and
refreshing it in the background when a page finds it stale.

:func:`refresh_analysis` works out everything over the whole graph and stores it (a few
seconds on 100k persons; ``bench/graph_analysis.py`` times it). A change notice only
marks the analysis stale (:func:`on_change`, registered in ``graph/apps.py``); it is
recomputed by ``knoten graph refresh``, or when a page is opened and finds it stale
(:func:`refresh_if_stale`): at once on a small network, else in the background through
:data:`background` (a thread today; the job runner can take its place by setting it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections, transaction

from knoten.core import changes, clock
from knoten.core.bulk import cycle_collection_paused, insert_rows
from knoten.core.models import Member
from knoten.graph import analysis, zones
from knoten.graph.facts import read_facts
from knoten.graph.models import EgoAnalysis, GraphAnalysis, GraphPlace, MultiplierScore
from knoten.graph.ranking import rank
from knoten.people.models import Person

Progress = Callable[[str, int, int], None]  # (stage, done, total)
STAGES = ("graph", "betweenness", "clusters", "facts", "places", "members")
INLINE_LIMIT = 3000  # persons up to which a stale page refreshes at once, not behind
# What a change notice may be about that changes the analysis.
WATCHED = frozenset({"person", "contact", "organisation", "circle", "tag", changes.NETWORK})

_running: set[int] = set()
_running_lock = threading.Lock()


def _thread(job: Callable[[], None]) -> None:
    threading.Thread(target=job, name="knoten-graph-refresh", daemon=True).start()


background: Callable[[Callable[[], None]], None] = _thread
"""Runs a job behind the page. The seam for the job runner: set it to hand jobs over."""


def refresh_analysis(network_id: int, progress: Progress | None = None) -> GraphAnalysis:
    """Work out the network's multipliers, clusters and comfort zone anew and store them,
    with when (``computed_at``) and how long it took. The cycle collector is held off
    meanwhile, as for an import: the links are millions of small objects, and it walked
    them again and again (about a tenth of the time at 100,000 persons)."""
    with cycle_collection_paused():
        return _refresh(network_id, progress)


def _refresh(network_id: int, progress: Progress | None) -> GraphAnalysis:
    started = time.perf_counter()
    tell = progress or (lambda stage, done, total: None)
    total = len(STAGES)
    graph = analysis.build_graph(network_id)
    tell("graph", 1, total)
    between, sample = analysis.betweenness(graph)
    tell("betweenness", 2, total)
    previous = dict(
        GraphPlace.objects.filter(network_id=network_id).values_list("person_id", "cluster")
    )
    membership = analysis.clusters(graph, previous)
    tell("clusters", 3, total)
    facts = read_facts(network_id)
    neighbours = graph.neighbours()
    degrees = [len(row) for row in neighbours]
    tell("facts", 4, total)
    today = clock.today()
    members = list(Member.objects.filter(network_id=network_id, person__isnull=False))
    labels = zones.cluster_labels(graph.persons, membership, facts)
    with transaction.atomic():
        GraphPlace.objects.filter(network_id=network_id).delete()
        insert_rows(
            GraphPlace,
            ("network", "person", "cluster", "betweenness", "degree"),
            [
                (network_id, pk, membership[v], between[v], degrees[v])
                for v, pk in enumerate(graph.persons)
            ],
        )
        tell("places", 5, total)
        for member in members:
            _store_member(member, graph, neighbours, between, membership, facts, today)
        tell("members", 6, total)
        found, _ = GraphAnalysis.objects.update_or_create(
            network_id=network_id,
            defaults={
                "computed_at": clock.now(),
                "stale": False,
                "seconds": round(time.perf_counter() - started, 3),
                "persons": graph.size,
                "links": graph.link_count,
                "clusters": labels,
                "sample": sample,
            },
        )
    return found


def _store_member(
    member: Member,
    graph: analysis.Graph,
    neighbours: list[list[int]],
    between: list[float],
    membership: list[int],
    facts: Any,
    today: Any,
) -> None:
    me = member.person_id
    ranked = rank(me, graph.persons, neighbours, between, facts)
    MultiplierScore.objects.filter(member=member).delete()
    MultiplierScore.objects.bulk_create(
        MultiplierScore(
            network_id=member.network_id,
            member=member,
            person_id=row.person,
            rank=position,
            score=row.score,
            betweenness=row.betweenness,
            degree=row.degree,
            reach=row.reach,
            reach_names=row.reach_names,
            role=row.role.code if row.role else "",
            role_title=row.role.title[:200] if row.role else "",
        )
        for position, row in enumerate(ranked, start=1)
    )
    mine = graph.index.get(me) if me is not None else None
    around = [mine, *neighbours[mine]] if mine is not None else []
    comfort = zones.splits(facts, me, today)
    comfort["months"] = zones.new_per_month(facts, me, today)
    comfort["contacts"] = len(neighbours[mine]) if mine is not None else 0
    EgoAnalysis.objects.update_or_create(
        member=member,
        defaults={
            "network_id": member.network_id,
            "computed_at": clock.now(),
            "comfort": comfort,
            "worth_meeting": zones.worth_meeting(
                me, graph.persons, neighbours, local_weights(graph, around)
            ),
            "bridges": zones.bridges(me, graph.persons, neighbours, membership),
        },
    )


def local_weights(graph: analysis.Graph, vertices: list[int]) -> dict[tuple[int, int], float]:
    """The weight of every link that touches one of these vertices."""
    library = graph.library
    found: dict[tuple[int, int], float] = {}
    for vertex in vertices:
        for edge in library.incident(vertex):
            a, b = library.es[edge].tuple
            found[(a, b) if a < b else (b, a)] = graph.weights[edge]
    return found


def on_change(network_id: int, changed: changes.Changed) -> None:
    """A change notice: the analysis of that network is stale (not recomputed here)."""
    if WATCHED.intersection(changed):
        GraphAnalysis.objects.filter(network_id=network_id, stale=False).update(stale=True)


def refresh_if_stale(member: Member) -> GraphAnalysis | None:
    """The member's network's analysis as it stands. Missing or stale (or without this
    member's part): refreshed at once on a small network, else started in the background
    (the stale one is returned, or None)."""
    found = GraphAnalysis.objects.filter(network_id=member.network_id).first()
    if found is not None and not found.stale and EgoAnalysis.objects.filter(member=member).exists():
        return found
    persons = found.persons if found is not None else _person_count(member.network_id)
    if persons <= INLINE_LIMIT:
        return refresh_analysis(member.network_id)
    start_refresh(member.network_id)
    return found


def start_refresh(network_id: int) -> bool:
    """Refresh the network's analysis in the background, unless it already is being
    refreshed; whether it was started."""
    with _running_lock:
        if network_id in _running:
            return False
        _running.add(network_id)

    def job() -> None:
        try:
            refresh_analysis(network_id)
        finally:
            with _running_lock:
                _running.discard(network_id)
            close_old_connections()

    background(job)
    return True


def is_refreshing(network_id: int) -> bool:
    return network_id in _running


def _person_count(network_id: int) -> int:
    return Person.objects.filter(network_id=network_id, archived=False).count()


def refresh_for(member: Member, progress: Progress | None = None) -> GraphAnalysis:
    """Refresh the analysis of the member's network now (``knoten graph refresh``)."""
    return refresh_analysis(member.network_id, progress)
