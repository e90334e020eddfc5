"""The links of a network's who-knows-whom graph, read from the info base.

A link joins two persons and carries a weight in (0, 1]: how well the one could reach the
other (1 a close, trusted, recent tie; near 0 a loose one). Every reader of the graph
(introduction paths, multipliers, clusters, the drawing) takes its links from here, so
that one rule says what a tie between two persons is worth.

Today a link is a typed relationship (``people.Relationship``), weighted by its trust;
two persons with several relationships share one link, the strongest.
"""

from __future__ import annotations

from collections.abc import Iterator

from knoten.people.models import Relationship

UNKNOWN_TRUST = 2  # a relationship whose trust nobody set counts as a loose one
Link = tuple[int, int, float]
"""(person, person, weight): the smaller person id first."""


def weight_of(trust: int | None) -> float:
    """What a relationship of this trust (1–5, or unknown) is worth as a link."""
    return (trust or UNKNOWN_TRUST) / 5


def links(network_id: int) -> Iterator[Link]:
    """Every link of the network, once, the smaller person id first."""
    best: dict[tuple[int, int], float] = {}
    rows = Relationship.objects.filter(network_id=network_id).values_list(
        "from_person_id", "to_person_id", "trust"
    )
    for a, b, trust in rows.iterator(chunk_size=20_000):
        key = (a, b) if a < b else (b, a)
        weight = weight_of(trust)
        if weight > best.get(key, 0.0):
            best[key] = weight
    for (a, b), weight in best.items():
        yield a, b, weight
