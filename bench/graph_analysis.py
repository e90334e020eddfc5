"""Multipliers and the comfort zone (issue 14), timed on the cached demo network.

``python -m bench.graph_analysis --folder .bench-data/100000-seed1 [--runs 20]`` (and
``python -m bench --only graph-analysis``) times, in a process of its own:

* ``refresh_analysis``: the whole analysis of the network (betweenness from 128 sampled
  sources, Leiden clusters, every member's multipliers, comfort zone, worth meeting and
  bridges), stored; a few times only. Target at 100k persons: ≤ 30 s (it runs in the
  background);
* the comfort-zone page's data (``comfort_zone``) and the multipliers' first page
  (``multipliers``), read from the stored analysis. Target: comfort zone median and
  p95 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

REFRESH_MS = 30_000.0
COMFORT_MS = 300.0
REFRESH_RUNS = 3


def figures(runs: int) -> dict[str, Any]:
    from bench.timing import summarise, time_calls
    from bench.worker import BENCH_USER
    from knoten.core.models import Member
    from knoten.graph.comfort import comfort_zone
    from knoten.graph.models import GraphAnalysis
    from knoten.graph.multipliers import multipliers
    from knoten.graph.refreshing import refresh_analysis

    member = Member.objects.select_related("network").get(user__username=BENCH_USER)
    net = member.network_id
    refresh = summarise(
        time_calls(lambda _: refresh_analysis(net), max(1, min(runs, REFRESH_RUNS)), warmup=0)
    )
    analysis = GraphAnalysis.objects.get(network_id=net)
    comfort = summarise(time_calls(lambda _: comfort_zone(member), runs))
    ranked = summarise(time_calls(lambda _: multipliers(member), runs))
    return {
        "persons": analysis.persons,
        "links": analysis.links,
        "sample": analysis.sample,
        "refresh": {**refresh, "target_ms": REFRESH_MS},
        "comfort_zone": {**comfort, "target_ms": COMFORT_MS},
        "multipliers": ranked,
        "top": [row.name for row in multipliers(member, limit=5).items],
        "summary": comfort_zone(member).summary,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.graph_analysis", description=__doc__)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    os.environ["KNOTEN_DATA_DIR"] = str(args.folder.resolve())
    os.environ["KNOTEN_DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
    import django

    django.setup()
    from knoten.cli.main import migrate_quietly

    migrate_quietly()
    result = figures(args.runs)
    print(json.dumps(result, indent=2, default=str))
    ok = (
        result["refresh"]["median_ms"] <= REFRESH_MS
        and result["comfort_zone"]["p95_ms"] <= COMFORT_MS
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
