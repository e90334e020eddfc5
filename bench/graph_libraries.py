"""Which graph library computes betweenness and clusters fastest on the demo graph.

``python -m bench.graph_libraries --folder .bench-data/100000-seed1`` reads the links of
the benchmark network (``knoten.graph.links``, archived persons left out as the analysis
does) and times, on the same graph and one process:

* building the library's graph from the links;
* betweenness from ``--sample`` sources chosen at random (networkx ``k=``, igraph
  ``sources=``; rustworkx has no sampling, so it is timed exactly on the first
  ``--small`` persons' subgraph and the figure scaled by sources);
* clusters: igraph Louvain (``community_multilevel``), Leiden and label propagation;
  networkx Louvain and label propagation; rustworkx has no community detection.

Each figure is the median and the p95 (seconds) of ``--runs`` runs (networkx's, the slow
ones, ``--slow-runs``). The figures that chose igraph are in ``docs/graph-library.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.timing import percentile


def _timed(call: Callable[[], Any], runs: int) -> tuple[dict[str, float], Any]:
    """Median and p95 seconds of ``runs`` calls (no warm-up: each is seconds long), and
    the last call's value."""
    seconds: list[float] = []
    value: Any = None
    for _ in range(max(1, runs)):
        started = time.perf_counter()
        value = call()
        seconds.append(time.perf_counter() - started)
    figure = {"median": statistics.median(seconds), "p95": percentile(seconds, 0.95)}
    return {name: round(taken, 3) for name, taken in figure.items()}, value


def measure(folder: Path, sample: int, runs: int, slow: bool, slow_runs: int = 1) -> dict[str, Any]:
    os.environ["KNOTEN_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
    import django

    django.setup()
    import igraph as ig
    import networkx as nx
    import rustworkx as rx

    from bench.worker import BENCH_USER
    from knoten.core.models import Member
    from knoten.graph.links import links
    from knoten.people.models import Person

    member = Member.objects.get(user__username=BENCH_USER)
    archived = set(
        Person.objects.filter(network_id=member.network_id, archived=True).values_list(
            "pk", flat=True
        )
    )
    started = time.perf_counter()
    edges = [
        (a, b, w) for a, b, w in links(member.network_id) if a not in archived and b not in archived
    ]
    read_s = time.perf_counter() - started
    nodes = sorted({a for a, _, _ in edges} | {b for _, b, _ in edges})
    index = {pk: i for i, pk in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b, _ in edges]
    n = len(nodes)
    rng = random.Random(1)
    sources = rng.sample(range(n), min(sample, n))
    out: dict[str, Any] = {"nodes": n, "edges": len(pairs), "read_links_s": read_s, "k": sample}

    def build_ig() -> Any:
        return ig.Graph(n=n, edges=pairs)

    def build_nx() -> Any:
        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        graph.add_edges_from(pairs)
        return graph

    def build_rx() -> Any:
        graph = rx.PyGraph(multigraph=False)
        graph.add_nodes_from(range(n))
        graph.extend_from_edge_list(pairs)
        return graph

    out["build_s"] = {}
    out["build_s"]["igraph"], g_ig = _timed(build_ig, runs)
    out["build_s"]["networkx"], g_nx = _timed(build_nx, slow_runs)
    out["build_s"]["rustworkx"], g_rx = _timed(build_rx, runs)
    print(f"built: {out['build_s']}", file=sys.stderr)

    bet: dict[str, Any] = {}
    bet["igraph"], _ = _timed(lambda: g_ig.betweenness(sources=sources), runs)
    print(f"igraph betweenness k={sample}: {bet['igraph']} s", file=sys.stderr)
    if slow:
        bet["networkx"], _ = _timed(
            lambda: nx.betweenness_centrality(g_nx, k=sample, seed=1, normalized=False),
            slow_runs,
        )
        print(f"networkx betweenness k={sample}: {bet['networkx']} s", file=sys.stderr)
    # rustworkx: exact only. Time it on a subgraph and scale by the number of sources.
    small = min(n, 5000)
    sub = g_rx.subgraph(list(range(small)))
    sub_s, _ = _timed(lambda: rx.betweenness_centrality(sub, parallel_threshold=50), runs)
    scale = len(pairs) / max(1, sub.num_edges()) / small  # per source; paths ~ edges
    bet["rustworkx_exact_subgraph"] = sub_s
    bet["rustworkx_estimated_same_k"] = {k: round(v * scale * sample, 3) for k, v in sub_s.items()}
    bet["rustworkx_estimated_exact"] = {k: round(v * scale * n, 3) for k, v in sub_s.items()}
    out["betweenness_s"] = bet
    print(f"betweenness: {bet}", file=sys.stderr)

    clusters: dict[str, Any] = {}
    for name, call in (
        ("igraph louvain", lambda: g_ig.community_multilevel()),
        ("igraph leiden", lambda: g_ig.community_leiden(objective_function="modularity")),
        ("igraph label propagation", lambda: g_ig.community_label_propagation()),
    ):
        seconds, found = _timed(call, runs)
        clusters[name] = {**seconds, "clusters": len(found), "modularity": found.modularity}
        print(f"{name}: {clusters[name]}", file=sys.stderr)
    if slow:
        seconds, found = _timed(lambda: nx.community.louvain_communities(g_nx, seed=1), slow_runs)
        clusters["networkx louvain"] = {
            **seconds,
            "clusters": len(found),
            "modularity": nx.community.modularity(g_nx, found),
        }
        print(f"networkx louvain: {clusters['networkx louvain']}", file=sys.stderr)
        seconds, found = _timed(
            lambda: list(nx.community.fast_label_propagation_communities(g_nx, seed=1)),
            slow_runs,
        )
        clusters["networkx label propagation"] = {**seconds, "clusters": len(found)}
        print(f"networkx lpa: {clusters['networkx label propagation']}", file=sys.stderr)
    out["clusters_s"] = clusters
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.graph_libraries", description=__doc__)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=256, help="betweenness sources (k)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slow-runs", type=int, default=1, help="runs of networkx's figures")
    parser.add_argument("--fast", action="store_true", help="leave out networkx")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    result = measure(folder, args.sample, args.runs, not args.fast, args.slow_runs)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
