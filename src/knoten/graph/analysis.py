"""The graph of a network in the graph library (igraph), and what it computes on it.

The nodes are the network's persons who are not archived; the edges its links
(:func:`knoten.graph.links.links`) between two of them. igraph was chosen by measurement
on the 100k demo graph (``docs/graph-library.md``): sampled betweenness and Leiden
clusters in seconds, where networkx needs minutes and rustworkx cannot sample.

Betweenness counts hops (spreading a word goes from person to person, whatever the
trust): a person's share of the shortest paths between two others, exact on small
graphs and estimated from :data:`SAMPLE` random sources on large ones (fixed seed: the
same graph gives the same answer).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import igraph as ig

from knoten.graph.links import links
from knoten.people.models import Person

SAMPLE = 128  # betweenness sources on a graph of more persons than this
SEED = 14


@dataclass
class Graph:
    """A network's graph: vertex ``i`` is person ``persons[i]``."""

    network_id: int
    persons: list[int]
    index: dict[int, int]
    library: ig.Graph
    weights: list[float] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.persons)

    @property
    def link_count(self) -> int:
        return int(self.library.ecount())

    def neighbours(self) -> list[list[int]]:
        """Each vertex's neighbours (vertex numbers)."""
        return [list(row) for row in self.library.get_adjlist()]


def build_graph(network_id: int) -> Graph:
    """The network's graph, archived persons left out."""
    persons = list(
        Person.objects.filter(network_id=network_id, archived=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    index = {pk: i for i, pk in enumerate(persons)}
    edges: list[tuple[int, int]] = []
    weights: list[float] = []
    vertex, edge, weigh = index.get, edges.append, weights.append  # two million calls
    for a, b, weight in links(network_id):
        i = vertex(a)
        if i is None:
            continue
        j = vertex(b)
        if j is not None:
            edge((i, j))
            weigh(weight)
    library = ig.Graph(n=len(persons), edges=edges)
    return Graph(network_id, persons, index, library, weights)


def betweenness(graph: Graph, sample: int = SAMPLE) -> tuple[list[float], int]:
    """Each vertex's share (0–1) of the shortest paths between two other persons, and
    how many sources it was estimated from (0: exact)."""
    n = graph.size
    if n < 3:
        return [0.0] * n, 0
    pairs = (n - 1) * (n - 2) / 2
    if n <= sample:
        raw = graph.library.betweenness(directed=False)
        return [value / pairs for value in raw], 0
    sources = random.Random(SEED).sample(range(n), sample)
    raw = graph.library.betweenness(directed=False, sources=sources)
    # igraph counts each source's paths as it does from all n sources: scale by n/k.
    scale = n / sample
    return [value * scale / pairs for value in raw], sample


def clusters(graph: Graph, previous: dict[int, int] | None = None) -> list[int]:
    """Each vertex's cluster (Leiden, by modularity), numbered by size, largest 0; a
    person without links is -1.

    ``previous``: the clusters of the last analysis (person → cluster), which Leiden
    starts from (a person new since, or alone then, starts alone): it settles in a third
    of the time, and the clusters stay where they were as far as the graph allows."""
    n = graph.size
    if not n:
        return []
    start: list[int] | None = None
    if previous:
        alone = max(previous.values(), default=0) + 1
        start = []
        for pk in graph.persons:
            found = previous.get(pk, -1)
            if found < 0:
                found, alone = alone, alone + 1
            start.append(found)
    state = random.getstate()
    random.seed(SEED)  # igraph draws from Python's random module
    try:
        membership = graph.library.community_leiden(
            objective_function="modularity", initial_membership=start
        ).membership
    finally:
        random.setstate(state)
    degrees = graph.library.degree()
    sizes: dict[int, int] = {}
    for vertex, group in enumerate(membership):
        if degrees[vertex]:
            sizes[group] = sizes.get(group, 0) + 1
    order = sorted(sizes, key=lambda group: (-sizes[group], group))
    number = {group: rank for rank, group in enumerate(order)}
    return [number[group] if degrees[v] else -1 for v, group in enumerate(membership)]
