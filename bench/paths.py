"""Introduction paths (issue 14): the best three ways from *me* to a person, timed.

``python -m bench.paths [--size 100k] [--runs 50]`` (and ``python -m bench --only paths``)
times, in a process of its own on the cached demo network, the function that ``knoten
path``, the page and the API call (``knoten.graph.paths.best_paths``: the best 3 paths of
up to 4 hops) for many targets 2, 3 and 4 hops away from *me* (each counted over the
graph's links, never through an archived or do-not-ask person; every target asked once
or more, ``--runs`` calls at least). The graph is built once (its time is shown) and kept
in memory, as the server keeps it.

Beside it, networkx (a development dependency, installed by ``make install``; skipped
with a note where it is missing), the same search there:
``shortest_simple_paths`` on the same graph (archived and do-not-ask persons taken out),
with the same weights (``-log`` of each link's weight, my own links weighted as
``best_paths`` weighs them), its first 3 paths, for a few of the 4-hop targets; and
whether the best path of both is the same.

Targets of issue 14, held at 100,000 persons: p95 ≤ 50 ms, and at least 50× faster than
networkx (median against median) in the same run.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.timing import Part, targets

PATHS_P95_MS = 50.0
NETWORKX_RATIO = 50.0
HOPS = (2, 3, 4)
TARGETS_PER_HOPS = 50  # at least; more when --runs asks for more calls
NETWORKX_RUNS = 5  # networkx takes seconds a search at 100k persons
COUNT = 3


def distances(
    adjacency: Callable[[int], Any], me: int, blocked: set[int], far: int
) -> dict[int, int]:
    """Hops from ``me`` to everyone within ``far``, passing through nobody ``blocked``."""
    found = {me: 0}
    front = [me]
    for hops in range(1, far + 1):
        grown = []
        for node in front:
            if node in blocked and node != me:
                continue
            for other in adjacency(node)[0]:
                if other not in found:
                    found[other] = hops
                    grown.append(other)
        front = grown
    return found


def _networkx_graph(nx: Any, graph: Any, me: int) -> Any:
    """The graph ``best_paths`` searches, in networkx: blocked persons left out, each link
    weighted by its cost, my own links by the weights ``best_paths`` gives them."""
    from knoten.graph.pathfinding import cost_of
    from knoten.graph.paths import first_weights

    mine = first_weights(graph, me)
    taken = nx.Graph()
    for node, (ids, weights) in graph.adjacency.items():
        if node in graph.blocked:
            continue
        for other, weight in zip(ids, weights, strict=True):
            if other in graph.blocked or other < node:
                continue
            if me in (node, other):
                weight = mine.get(other if node == me else node, weight)
            taken.add_edge(node, other, cost=cost_of(weight))
    return taken


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from itertools import islice

    from bench.timing import timed
    from bench.worker import bench_member
    from knoten.graph.adjacency import forget, graph_of
    from knoten.graph.paths import best_paths

    member = bench_member()
    me = member.me.pk
    forget(member.network_id)
    started = time.perf_counter()
    graph = graph_of(member.network_id)
    built_s = time.perf_counter() - started
    away = distances(graph.neighbours, me, graph.blocked, max(HOPS))
    rng = random.Random(f"knoten-bench-paths-{seed}")
    chosen: dict[int, list[int]] = {}
    for hops in HOPS:
        there = sorted(pk for pk, d in away.items() if d == hops and pk not in graph.blocked)
        chosen[hops] = rng.sample(there, min(len(there), max(TARGETS_PER_HOPS, runs)))
    answers: dict[int, Any] = {}
    calls = max(runs, TARGETS_PER_HOPS)

    def ask(hops: int) -> Callable[[int], Any]:
        def call(i: int) -> Any:
            target = chosen[hops][i % len(chosen[hops])]
            answers[target] = best_paths(member, target, max_hops=4, count=COUNT)
            return answers[target]

        return call

    figures = [
        timed(
            f"paths_{hops}",
            f"best {COUNT} paths, target {hops} hops away ({len(chosen[hops])} targets)",
            ask(hops),
            calls,
        )
        for hops in HOPS
        if chosen[hops]
    ]
    rows: dict[str, Any] = {
        "persons": len(graph.adjacency),
        "links": graph.link_count(),
        "blocked": len(graph.blocked),
        "graph_build_s": round(built_s, 2),
        "targets": {str(hops): len(chosen[hops]) for hops in HOPS},
        "within_4_hops": sum(1 for d in away.values() if d),
    }
    try:
        import networkx as nx
    except ImportError:
        rows["networkx"] = None
        return {"rows": rows, "runs": calls, "seed": seed, "figures": figures}

    started = time.perf_counter()
    taken = _networkx_graph(nx, graph, me)
    rows["networkx_build_s"] = round(time.perf_counter() - started, 2)
    rows["networkx"] = nx.__version__
    farthest = max((hops for hops in HOPS if chosen[hops]), default=0)
    if not farthest:
        return {"rows": rows, "runs": calls, "seed": seed, "figures": figures}
    rows["networkx_hops"] = farthest
    far = chosen[farthest][:NETWORKX_RUNS]
    theirs: dict[int, list[list[int]]] = {}

    def networkx_paths(i: int) -> list[list[int]]:
        target = far[i % len(far)]
        theirs[target] = list(
            islice(nx.shortest_simple_paths(taken, me, target, weight="cost"), COUNT)
        )
        return theirs[target]

    figures.append(
        timed(
            "networkx",
            f"networkx shortest_simple_paths, {len(far)} targets",
            networkx_paths,
            len(far),
            warmup=0,
        )
    )
    # networkx has no bound on hops: where its best path keeps within 4, ours must be it.
    lengths = [len(path) - 1 for found in theirs.values() for path in found]
    rows["networkx_path_hops"] = [min(lengths), max(lengths)] if lengths else None
    bounded = {t: found[0] for t, found in theirs.items() if found and len(found[0]) <= 5}
    rows["compared"] = len(bounded)
    rows["same_best_path"] = sum(
        1 for t, best in bounded.items() if list(answers[t].paths[0].persons) == best
    )
    return {"rows": rows, "runs": calls, "slow_runs": len(far), "seed": seed, "figures": figures}


def _summary(part: dict[str, Any]) -> str:
    rows = part["rows"]
    by_hops = ", ".join(f"{count} at {hops} hops" for hops, count in rows["targets"].items())
    return (
        f"graph of {rows['persons']:,} persons and {rows['links']:,} links built in "
        f"{rows['graph_build_s']:.1f} s ({rows['blocked']:,} never asked); targets {by_hops}"
    )


def _notes(part: dict[str, Any], at_target: bool) -> list[str]:
    rows = part["rows"]
    if rows.get("networkx") is None or "networkx_hops" not in rows:
        return [
            f"  networkx is not installed: no comparison (issue 14: ≥ {NETWORKX_RATIO:.0f}× "
            "networkx shortest_simple_paths; make install installs it)"
        ]
    figures = {figure["name"]: figure for figure in part["figures"]}
    hops = rows["networkx_hops"]
    ours, theirs = figures.get(f"paths_{hops}", {}), figures.get("networkx", {})
    shortest, longest = rows["networkx_path_hops"] or (0, 0)
    said = (
        f"  networkx {rows['networkx']}: graph built in {rows['networkx_build_s']:.1f} s; its "
        f"first {COUNT} paths to {hops}-hop targets have {shortest}–{longest} hops (no bound)"
    )
    if rows["compared"]:
        said += (
            f"; where its best has 4 or fewer, the same best path for "
            f"{rows['same_best_path']} of {rows['compared']} targets"
        )
    lines = [said]
    if "median_ms" in ours and "median_ms" in theirs and ours["median_ms"]:
        ratio = theirs["median_ms"] / ours["median_ms"]
        note = f"  networkx ÷ best_paths ({hops} hops, median): {ratio:,.0f}×"
        note += f"  target ≥ {NETWORKX_RATIO:.0f}×"
        if at_target:
            note += "  " + ("ok" if ratio >= NETWORKX_RATIO else "MISS")
        lines.append(note)
    return lines


PART = Part(
    key="paths",
    module="bench.paths",
    title="Introduction paths",
    failure="the introduction path figures",
    figures=_figures,
    target=targets({f"paths_{hops}": PATHS_P95_MS for hops in HOPS}),
    summary=_summary,
    notes=_notes,
    doc=__doc__,
)

if __name__ == "__main__":
    sys.exit(PART.main())
