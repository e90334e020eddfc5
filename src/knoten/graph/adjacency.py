"""The who-knows-whom graph of a network, held in memory, kept current by change notices.

Built once per network on first use from :func:`knoten.graph.links.links` (a few
seconds at 100,000 persons), then patched: a notice about persons or their contacts
(relationships, jobs) re-reads every link touching those persons and the flags that keep
them from being asked (archived, "do not ask"); a notice about the whole network drops
the graph, to be built anew on next use. (One thing a patch leaves to the next build: in
an organisation larger than ``links.SMALL_ORGANISATION``, a new start date may shift which
*other* two people count as one cohort.)

Each person's neighbours are two compact arrays (``array('i')`` of person ids and
``array('f')`` of weights), sorted by weight, strongest first: about 60 MB for 100,000
persons and two million links (see ``docs/graph.md``).
"""

from __future__ import annotations

import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q

from knoten.core import changes
from knoten.graph import links
from knoten.people.models import Affiliation, Person

Neighbours = tuple["array[int]", "array[float]"]  # person ids, weights (strongest first)
EMPTY: Neighbours = (array("i"), array("f"))


class Graph:
    """One network's links as adjacency arrays, and who may not be an intermediary."""

    def __init__(self, network_id: int) -> None:
        self.network_id = network_id
        self.adjacency: dict[int, Neighbours] = {}
        self.blocked: set[int] = set()  # archived or "do not ask"
        self.version = 0  # raised by every patch: what callers cached from it is stale
        self.cache: dict[Any, Any] = {}  # readers' derived data, cleared with each patch
        self.lock = threading.Lock()

    def neighbours(self, person: int) -> Neighbours:
        return self.adjacency.get(person, EMPTY)

    def degree(self, person: int) -> int:
        return len(self.adjacency.get(person, EMPTY)[0])

    def link_count(self) -> int:
        return sum(len(ids) for ids, _ in self.adjacency.values()) // 2

    # --- building and patching ---------------------------------------------------------

    def build(self) -> None:
        # First every link into three flat arrays, so that what reading them needs (a
        # dict of two million pairs) is freed before the kept arrays are made: made in
        # between, they would pin much of its memory in the process for good (at 100,000
        # persons the process kept 640 MB more after the build, now 350 MB; the graph
        # itself is 63 MB).
        first, second, strength = array("i"), array("i"), array("f")
        for a, b, weight in links.links(self.network_id):
            first.append(a)
            second.append(b)
            strength.append(weight)
        ids: dict[int, array[int]] = defaultdict(lambda: array("i"))
        weights: dict[int, array[float]] = defaultdict(lambda: array("f"))
        for a, b, weight in zip(first, second, strength, strict=True):
            ids[a].append(b)
            weights[a].append(weight)
            ids[b].append(a)
            weights[b].append(weight)
        del first, second, strength
        for person, found in ids.items():
            _sort(found, weights[person])
        self.adjacency = {person: (found, weights[person]) for person, found in ids.items()}
        self.blocked = set(
            Person.objects.filter(network_id=self.network_id)
            .filter(Q(archived=True) | Q(do_not_ask=True))
            .values_list("pk", flat=True)
        )

    def patch(self, persons: Iterable[int]) -> None:
        """Re-read every link touching ``persons`` and their flags."""
        chosen = set(persons)
        if not chosen:
            return
        fresh = _links_touching(self.network_id, chosen)
        with self.lock:
            for person in chosen:
                old = self.adjacency.pop(person, EMPTY)
                for other in old[0]:
                    if other not in chosen:
                        self._drop(other, chosen)
            lists: dict[int, list[tuple[float, int]]] = defaultdict(list)
            for (a, b), weight in fresh.items():
                lists[a].append((weight, b))
                lists[b].append((weight, a))
            for person, entries in lists.items():
                if person in chosen:
                    self.adjacency[person] = _arrays(entries)
                else:
                    ids, weights = self.adjacency.get(person, EMPTY)
                    kept = [(w, o) for o, w in zip(ids, weights, strict=True)]
                    self.adjacency[person] = _arrays(kept + entries)
            flagged = set(
                Person.objects.filter(network_id=self.network_id, pk__in=chosen)
                .filter(Q(archived=True) | Q(do_not_ask=True))
                .values_list("pk", flat=True)
            )
            self.blocked = (self.blocked - chosen) | flagged
            self.version += 1
            self.cache = {}

    def _drop(self, person: int, gone: set[int]) -> None:
        ids, weights = self.adjacency.get(person, EMPTY)
        kept = [(w, o) for o, w in zip(ids, weights, strict=True) if o not in gone]
        if kept:
            self.adjacency[person] = _arrays(kept)
        else:
            self.adjacency.pop(person, None)


def _sort(ids: array[int], weights: array[float]) -> None:
    """Sort a person's neighbours in place, strongest first (then by id)."""
    order = sorted(range(len(ids)), key=lambda i: (-weights[i], ids[i]))
    ids[:] = array("i", [ids[i] for i in order])
    weights[:] = array("f", [weights[i] for i in order])


def _arrays(entries: list[tuple[float, int]]) -> Neighbours:
    entries.sort(key=lambda entry: (-entry[0], entry[1]))
    return array("i", [o for _, o in entries]), array("f", [w for w, _ in entries])


def _links_touching(network_id: int, persons: set[int]) -> dict[links.Pair, float]:
    best = links.relationship_links(network_id, persons)
    organisations = set(
        Affiliation.objects.filter(
            person_id__in=persons, kind__in=links.COLLEAGUE_KINDS
        ).values_list("organisation_id", flat=True)
    )
    for pair, weight in links.colleague_links(network_id, organisations).items():
        if (pair[0] in persons or pair[1] in persons) and weight > best.get(pair, 0.0):
            best[pair] = weight
    return best


# --- the graphs of this process ------------------------------------------------------------

_graphs: dict[int, Graph] = {}
_building = threading.Lock()


def graph_of(network_id: int) -> Graph:
    """The network's graph, built on first use."""
    graph = _graphs.get(network_id)
    if graph is not None:
        return graph
    with _building:
        graph = _graphs.get(network_id)
        if graph is None:
            graph = Graph(network_id)
            graph.build()
            _graphs[network_id] = graph
    return graph


def forget(network_id: int | None = None) -> None:
    """Drop the network's graph (or every one): it is built anew on next use."""
    if network_id is None:
        _graphs.clear()
    else:
        _graphs.pop(network_id, None)


# Kinds of notices whose ids are persons whose links or flags may have changed.
PERSON_KINDS = ("person", "contact")


def on_change(network_id: int, changed: Mapping[str, frozenset[int]]) -> None:
    """Keep a built graph current (registered in ``GraphConfig.ready``)."""
    graph = _graphs.get(network_id)
    if graph is None:
        return
    if changes.NETWORK in changed:
        forget(network_id)
        return
    persons: set[int] = set()
    for kind in PERSON_KINDS:
        persons.update(changed.get(kind, ()))
    if persons:
        graph.patch(persons)
    elif changed:
        graph.cache = {}  # standings (first-hop strengths) may have moved
