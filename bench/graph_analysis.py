"""Multipliers and the comfort zone (issue 14), timed on the cached demo network.

``python -m bench.graph_analysis [--size 100k] [--runs 20]`` (and ``python -m bench --only
graph-analysis``) times, in a process of its own:

* ``refresh_analysis``: the whole analysis of the network (betweenness from 128 sampled
  sources, Leiden clusters, every member's multipliers, comfort zone, worth meeting and
  bridges), stored; a few times only. Target at 100k persons: ≤ 30 s (it runs in the
  background);
* the comfort-zone page's data (``comfort_zone``) and the multipliers' first page
  (``multipliers``), read from the stored analysis. Target: comfort zone median and
  p95 ≤ 300 ms.
"""

from __future__ import annotations

import sys
from typing import Any

from bench.timing import Part, targets

REFRESH_MS = 30_000.0
COMFORT_MS = 300.0
REFRESH_RUNS = 3


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from bench.timing import timed
    from bench.worker import bench_member
    from knoten.graph.comfort import comfort_zone
    from knoten.graph.models import GraphAnalysis
    from knoten.graph.multipliers import multipliers
    from knoten.graph.refreshing import refresh_analysis

    member = bench_member()
    net = member.network_id
    slow = max(1, min(runs, REFRESH_RUNS))
    figures = [
        timed(
            "refresh",
            "the whole analysis, stored (refresh_analysis)",
            lambda _: refresh_analysis(net),
            slow,
            warmup=0,
        ),
        timed("comfort_zone", "the comfort zone's data", lambda _: comfort_zone(member), runs),
        timed("multipliers", "multipliers, first page", lambda _: multipliers(member), runs),
    ]
    analysis = GraphAnalysis.objects.get(network_id=net)
    return {
        "rows": {
            "persons": analysis.persons,
            "links": analysis.links,
            "sample": analysis.sample,
            "top": [row.name for row in multipliers(member, limit=5).items],
            "summary": comfort_zone(member).summary,
        },
        "runs": runs,
        "slow_runs": slow,
        "seed": seed,
        "figures": figures,
    }


def _summary(part: dict[str, Any]) -> str:
    rows = part["rows"]
    return (
        f"{rows['persons']:,} persons, {rows['links']:,} links, betweenness from "
        f"{rows['sample']} sources; the first multipliers: {', '.join(rows['top'])}"
    )


def _notes(part: dict[str, Any], at_target: bool) -> list[str]:
    said = part["rows"]["summary"]
    return ["  The comfort zone, in words:", *(f"    {line}" for line in said)] if said else []


PART = Part(
    key="graph-analysis",
    module="bench.graph_analysis",
    title="Multipliers and the comfort zone",
    failure="the graph analysis figures",
    figures=_figures,
    target=targets({"refresh": REFRESH_MS, "comfort_zone": COMFORT_MS}),
    summary=_summary,
    notes=_notes,
    doc=__doc__,
)

if __name__ == "__main__":
    sys.exit(PART.main())
