"""The k best simple paths of at most ``max_hops`` hops, met in the middle.

A path's cost is the sum of ``-log(weight)`` over its hops (so the best path has the
highest product of weights). The search grows, from the source, the best partial paths
of up to ``ceil(max_hops / 2)`` hops to every node it reaches (keeping the best
:data:`KEEP` per node and length), and from the targets the same with the rest of the
hops; a path is a forward part and a backward part that meet in one node and share no
other. Every hop's far end may be a target, never pass one; blocked persons (archived,
"do not ask", avoided) are never passed through either. The forward half from *me*
does not depend on the target and is kept between searches (``Graph.cache``).

Pure Python over the adjacency arrays: no database, no Django.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Callable, Collection, Mapping

from knoten.graph.adjacency import Graph

Partial = tuple[float, tuple[int, ...]]  # cost, the persons from the end it grew from
Ball = list[dict[int, list[Partial]]]  # per length: node → its best partials
KEEP = 6
FLOOR_WEIGHT = 1e-6


def cost_of(weight: float) -> float:
    return -math.log(max(weight, FLOOR_WEIGHT))


def ball(
    graph: Graph,
    starts: Collection[int],
    hops: int,
    blocked: Collection[int],
    ends: Collection[int],
    first_weights: Mapping[int, float] | None = None,
    first_node: int | None = None,
) -> Ball:
    """The best partial paths of 0…``hops`` hops from ``starts``. A partial does not pass
    through a blocked node or an end; ``first_weights`` replaces the weights of the
    links of ``first_node`` (*me*: strengths of my own ties)."""
    levels: Ball = [{start: [(0.0, (start,))] for start in starts}]
    for _ in range(hops):
        grown: dict[int, list[Partial]] = {}
        for node, partials in levels[-1].items():
            if len(partials[0][1]) > 1 and (node in blocked or node in ends):
                continue
            ids, weights = graph.neighbours(node)
            swap = first_weights if node == first_node else None
            for other, weight in zip(ids, weights, strict=True):
                if swap is not None:
                    weight = swap.get(other, weight)
                step = cost_of(weight)
                found = grown.get(other)
                for cost, persons in partials:
                    total = cost + step
                    if found is not None and len(found) >= KEEP and total >= found[-1][0]:
                        break  # partials are sorted: none after this one is kept either
                    if other in persons:
                        continue
                    _keep(grown, other, total, (*persons, other))
                    found = grown[other]
        levels.append(grown)
    return levels


def _keep(
    level: dict[int, list[Partial]], node: int, cost: float, persons: tuple[int, ...]
) -> None:
    found = level.get(node)
    if found is None:
        level[node] = [(cost, persons)]
    elif len(found) < KEEP:
        bisect.insort(found, (cost, persons))
    elif cost < found[-1][0]:
        bisect.insort(found, (cost, persons))
        found.pop()


def join(
    forward: Ball,
    backward: Ball,
    max_hops: int,
    count: int,
    blocked: Collection[int],
    ends: Collection[int],
    wanted: Callable[[tuple[int, ...]], bool] | None = None,
) -> list[Partial]:
    """The ``count`` best whole paths (cost, persons source … target) of the two halves."""
    best: list[tuple[float, tuple[int, ...]]] = []  # a heap of the count best, worst on top
    limit = math.inf
    for length in range(1, max_hops + 1):
        front = min(len(forward) - 1, length)
        back = length - front
        if back > len(backward) - 1:
            continue
        fronts, backs = forward[front], backward[back]
        small, large = (fronts, backs) if len(fronts) <= len(backs) else (backs, fronts)
        for node in small:
            if node not in large:
                continue
            f_list, b_list = fronts[node], backs[node]
            if f_list[0][0] + b_list[0][0] >= limit:
                continue
            if back and (node in blocked or node in ends):
                continue  # the meeting node is passed through
            for f_cost, f_persons in f_list:
                if f_cost + b_list[0][0] >= limit:
                    break
                for b_cost, b_persons in b_list:
                    cost = f_cost + b_cost
                    if cost >= limit:
                        break
                    if back and set(f_persons).intersection(b_persons[:-1]):
                        continue
                    persons = f_persons + tuple(reversed(b_persons[:-1]))
                    if any(p in blocked or p in ends for p in persons[1:-1]):
                        continue
                    if wanted is not None and not wanted(persons):
                        continue
                    heapq.heappush(best, (-cost, persons))
                    if len(best) > count:
                        heapq.heappop(best)
                    if len(best) == count:
                        limit = -best[0][0]
    return sorted((-cost, persons) for cost, persons in best)
