"""The network drawn (issue 14): the graph page's data, timed.

``python -m bench.graph_drawing [--size 100k] [--runs 20]`` (and ``python -m bench --only
graph-drawing``) times, in a process of its own on the cached demo network:

* my ego network, as the page draws it by default (200 persons), with its SVG;
* my ego network at the most the page draws (500 persons), with its SVG;
* the neighbourhood of the best-connected person but me (a click on a hub), 500 persons;
* the same with a least trust of 3 (a filter);
* the whole page (``GET /network/``, signed in, through Django's test client).

Each figure is a median and a p95 over ``--runs`` calls after a warm-up. Target, held at
100,000 persons: the graph page's data p95 ≤ 200 ms.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.timing import figure_lines, run_alone

ROOT = Path(__file__).resolve().parent.parent
TARGET_SIZE = 100_000
PAGE_DATA_P95_MS = 200.0
TARGETS = {
    "ego_200": PAGE_DATA_P95_MS,
    "ego_500": PAGE_DATA_P95_MS,
    "hub_500": PAGE_DATA_P95_MS,
    "hub_trust": PAGE_DATA_P95_MS,
}


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from django.db.models import Count
    from django.test import Client

    from bench.timing import summarise, time_calls
    from bench.worker import BENCH_USER
    from knoten.core.models import Member
    from knoten.graph.drawing import draw_network
    from knoten.graph.drawing_svg import svg
    from knoten.people.models import Relationship

    member = Member.objects.select_related("network", "person", "user").get(
        user__username=BENCH_USER
    )
    hub = (
        Relationship.objects.filter(network_id=member.network_id)
        .exclude(from_person_id=member.person_id)
        .values("from_person_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "from_person_id")
        .values_list("from_person_id", flat=True)
        .first()
    )
    sizes: dict[str, int] = {}

    def page_data(name: str, **options: Any) -> Callable[[int], Any]:
        def call(_: int) -> Any:
            drawing = draw_network(member, **options)
            sizes[name] = len(drawing.people)
            sizes[f"{name} ties"] = len(drawing.ties)
            return svg(drawing, lambda pk: f"/network/?around={pk}", "bench")

        return call

    def timed(name: str, label: str, call: Callable[[int], Any], count: int) -> dict[str, Any]:
        try:
            seconds = time_calls(call, count, warmup=3)
            return {"name": name, "label": label, **summarise(seconds)}
        except Exception as error:  # a broken function is reported, not fatal
            traceback.print_exc(file=sys.stderr)
            return {"name": name, "label": label, "error": f"{type(error).__name__}: {error}"}

    client = Client(SERVER_NAME="localhost")
    client.force_login(member.user)

    def page(_: int) -> None:
        response = client.get("/network/", {"limit": 500})
        assert response.status_code == 200, response.status_code

    figures = [
        timed("ego_200", "my network, 200 persons, with SVG", page_data("ego_200"), runs),
        timed(
            "ego_500", "my network, 500 persons, with SVG", page_data("ego_500", limit=500), runs
        ),
        timed(
            "hub_500",
            "a hub's neighbourhood, 500 persons, with SVG",
            page_data("hub_500", person=hub, limit=500),
            runs,
        ),
        timed(
            "hub_trust",
            "the same, least trust 3",
            page_data("hub_trust", person=hub, limit=500, min_trust=3),
            runs,
        ),
        timed("page_500", "the whole page, 500 persons (GET /network/)", page, runs),
    ]
    return {"rows": sizes, "runs": runs, "seed": seed, "figures": figures}


def worker(out: Path, runs: int, seed: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
    import django

    django.setup()
    from knoten.cli.main import migrate_quietly

    migrate_quietly()
    result = _figures(runs, seed)
    out.write_text(json.dumps(result, indent=2, default=str) + "\n")


def measure(folder: Path, env: dict[str, str], runs: int = 20, seed: int = 1) -> dict[str, Any]:
    """Every figure of this module on the network in ``folder`` (``env`` names it)."""
    out = folder / "graph-drawing.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, "-m", "bench.graph_drawing", "--worker", "--out", str(out)]
    command += ["--runs", str(runs), "--seed", str(seed)]
    done = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if done.returncode != 0 or not out.exists():
        return {"error": f"the graph drawing figures failed (exit {done.returncode})"}
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _target(name: str, p95: float) -> str:
    if name not in TARGETS:
        return ""
    limit = TARGETS[name]
    over = p95 - limit
    return f"p95 ≤ {limit:.0f} ms  " + ("ok" if over <= 0 else f"MISS by {over:.1f} ms")


def report_lines(result: dict[str, Any], *, at_target: bool) -> list[str]:
    part = result.get("graph-drawing")
    if part is None:
        return []
    if "error" in part:
        return [f"  The network drawn: {part['error']}"]
    rows = part["rows"]
    drawn = ", ".join(f"{name} {count:,}" for name, count in rows.items())
    lines = [
        f"  The network drawn: persons and ties drawn: {drawn}",
        f"  {'':50}{'median':>11}  {'p95':>11}  (calls: {part['runs']})",
    ]
    return lines + figure_lines(part["figures"], _target, at_target=at_target)


def main(argv: list[str] | None = None) -> int:
    return run_alone(
        "graph-drawing",
        __doc__,
        argv,
        worker=worker,
        measure=measure,
        report_lines=report_lines,
        target_size=TARGET_SIZE,
    )


if __name__ == "__main__":
    sys.exit(main())
