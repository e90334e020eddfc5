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

import sys
from collections.abc import Callable
from typing import Any

from bench.timing import Part, targets

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

    from bench.timing import timed
    from bench.worker import bench_member
    from knoten.graph.drawing import draw_network
    from knoten.graph.drawing_svg import svg
    from knoten.people.models import Relationship

    member = bench_member()
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

    client = Client(SERVER_NAME="localhost")
    client.force_login(member.user)

    def page(_: int) -> None:
        response = client.get("/network/", {"limit": 500})
        assert response.status_code == 200, response.status_code

    drawn = [
        ("ego_200", "my network, 200 persons, with SVG", page_data("ego_200")),
        ("ego_500", "my network, 500 persons, with SVG", page_data("ego_500", limit=500)),
        (
            "hub_500",
            "a hub's neighbourhood, 500 persons, with SVG",
            page_data("hub_500", person=hub, limit=500),
        ),
        (
            "hub_trust",
            "the same, least trust 3",
            page_data("hub_trust", person=hub, limit=500, min_trust=3),
        ),
        ("page_500", "the whole page, 500 persons (GET /network/)", page),
    ]
    figures = [timed(name, label, call, runs, warmup=3) for name, label, call in drawn]
    return {"rows": sizes, "runs": runs, "seed": seed, "figures": figures}


def _summary(part: dict[str, Any]) -> str:
    drawn = ", ".join(f"{name} {count:,}" for name, count in part["rows"].items())
    return f"persons and ties drawn: {drawn}"


PART = Part(
    key="graph-drawing",
    module="bench.graph_drawing",
    title="The network drawn",
    failure="the graph drawing figures",
    figures=_figures,
    target=targets(TARGETS),
    summary=_summary,
    doc=__doc__,
)

if __name__ == "__main__":
    sys.exit(PART.main())
