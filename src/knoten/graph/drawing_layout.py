"""Where the persons of a drawn ego network stand, and which cluster each belongs to.

The drawing is radial: the centre in the middle, the first degree on a ring around it,
the second degree on an outer ring, each beside the contact of the first degree who
reaches them best, and the persons of an introduction path that lie further out on a
third ring. Along each ring the first degree is grouped by cluster, so that a cluster is
a slice of the drawing and its colour reads at a glance.

This is cheap (one pass, no iterations: a few milliseconds for 500 persons) and stable
(the same network gives the same drawing, so a person stays where one saw them). A
force layout measured against it: see ``docs/graph-page.md``.

Clusters are found on the drawn subgraph itself (weighted label propagation, the centre
left out, since it joins everyone): :func:`clusters_of`. When the graph app keeps
clusters of the whole network, pass them as ``known`` instead.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Tie = tuple[int, int, float]

# Space the drawing leaves, in SVG units (about pixels at zoom 1): a label along its ray
# needs about this much room beside its neighbours, and this much room outwards.
LABEL_HEIGHT = 16.0
LABEL_LENGTH = 150.0
FIRST_RING = 150.0
ROUNDS = 12  # label propagation settles in a few rounds on a few hundred persons


@dataclass(frozen=True)
class Placed:
    """A person's place: ``x``, ``y`` and the angle of its ray (radians, 0 = east)."""

    x: float
    y: float
    angle: float


def clusters_of(
    ids: Sequence[int], ties: Sequence[Tie], centre: int, known: Mapping[int, int] | None = None
) -> dict[int, int]:
    """Each person's cluster, numbered 0, 1, … from the largest; the centre is ``-1``.

    ``known``: clusters computed elsewhere (any numbers), used for the persons it names.
    """
    if known is not None:
        found = {pk: known[pk] for pk in ids if pk in known and pk != centre}
    else:
        found = _propagate([pk for pk in ids if pk != centre], ties, centre)
    sizes: dict[int, int] = defaultdict(int)
    for label in found.values():
        sizes[label] += 1
    order = sorted(sizes, key=lambda label: (-sizes[label], label))
    number = {label: index for index, label in enumerate(order)}
    return {pk: (number[found[pk]] if pk in found else -1) for pk in ids}


def _propagate(ids: Sequence[int], ties: Sequence[Tie], centre: int) -> dict[int, int]:
    """Weighted label propagation in a fixed order: deterministic, ties to the smaller."""
    neighbours: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for a, b, weight in ties:
        if centre not in (a, b):
            neighbours[a].append((b, weight))
            neighbours[b].append((a, weight))
    label = {pk: pk for pk in ids}
    for _ in range(ROUNDS):
        moved = False
        for pk in ids:
            votes: dict[int, float] = defaultdict(float)
            for other, weight in neighbours[pk]:
                if other in label:
                    votes[label[other]] += weight
            if not votes:
                continue
            best = max(votes.values())
            choice = min(lab for lab, vote in votes.items() if vote >= best - 1e-9)
            if choice != label[pk] and votes.get(label[pk], 0.0) < best - 1e-9:
                label[pk] = choice
                moved = True
        if not moved:
            break
    return label


def radial_layout(
    centre: int,
    first: Sequence[int],
    second: Mapping[int, Sequence[int]],
    further: Mapping[int, int],
) -> dict[int, Placed]:
    """Places for the centre, the ``first`` degree (in the order to draw them round),
    the ``second`` degree (by the first-degree person they hang from, in order) and the
    persons ``further`` out (each beside the person it is reached through)."""
    placed = {centre: Placed(0.0, 0.0, 0.0)}
    if not first:
        return _further(placed, further, FIRST_RING)
    units = [1 + len(second.get(pk, ())) for pk in first]
    total = sum(units)
    # The first ring is wide enough for the narrowest slice to hold a label …
    narrowest = 2 * math.pi * min(units) / total
    first_radius = max(FIRST_RING, LABEL_HEIGHT / narrowest if len(first) > 1 else 0)
    first_radius = min(first_radius, LABEL_HEIGHT * len(first) / (2 * math.pi) * 1.6 + FIRST_RING)
    # … and the second ring, further out than the first ring's labels, for every child.
    children = total - len(first)
    second_radius = max(
        first_radius + LABEL_LENGTH, LABEL_HEIGHT * 1.1 * total / (2 * math.pi) if children else 0
    )
    start = -math.pi / 2  # the first slice begins at the top
    for pk, unit in zip(first, units, strict=True):
        span = 2 * math.pi * unit / total
        middle = start + span / 2
        placed[pk] = _at(first_radius, middle)
        kids = second.get(pk, ())
        for index, child in enumerate(kids):
            angle = start + span * (index + 1) / (len(kids) + 1)
            placed[child] = _at(second_radius, angle)
        start += span
    return _further(placed, further, second_radius + LABEL_LENGTH + LABEL_HEIGHT)


def _further(
    placed: dict[int, Placed], further: Mapping[int, int], radius: float
) -> dict[int, Placed]:
    # In path order, so that the person one is reached through already has a place;
    # a chain of them steps outwards along the same ray.
    depth: dict[int, int] = {}
    for pk, through in further.items():
        base = placed.get(through)
        angle = base.angle if base is not None and (base.x or base.y) else -math.pi / 2
        depth[pk] = depth.get(through, -1) + 1
        placed[pk] = _at(radius + LABEL_LENGTH * depth[pk], angle)
    return placed


def _at(radius: float, angle: float) -> Placed:
    return Placed(round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1), angle)


def bounds(placed: Mapping[int, Placed], margin: float = LABEL_LENGTH + 20) -> tuple[float, ...]:
    """The view box (x, y, width, height) that holds every place and its label."""
    xs = [p.x for p in placed.values()] or [0.0]
    ys = [p.y for p in placed.values()] or [0.0]
    left, top = min(xs) - margin, min(ys) - margin
    return (
        round(left, 1),
        round(top, 1),
        round(max(xs) + margin - left, 1),
        round(max(ys) + margin - top, 1),
    )
