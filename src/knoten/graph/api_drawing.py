"""The API of the network drawn: ``GET /api/network``, the same drawing as the graph page.

A thin call of :func:`knoten.graph.drawing.draw_network`: persons with their places,
clusters and degrees, and the ties between them.
"""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema

from knoten.api.auth import actor
from knoten.api.kit import LOOKUP, Rule, Text
from knoten.graph.drawing import draw_network

router = Router()


class NetworkQuery(Schema):
    """Around whom (an id, a name or "me"; empty: me), the filters, the cap, and an
    introduction path to highlight (ids or names, comma-separated)."""

    around: Annotated[Text, LOOKUP] | None = None
    circle: Text | None = None
    min_trust: Annotated[int, Rule(minimum=1, maximum=5)] | None = None
    min_strength: int | None = None
    limit: Annotated[int, Rule(minimum=2, maximum=500)] | None = None
    path: Text | None = None


class PersonOut(Schema):
    id: int
    name: str
    full_name: str
    degree: int
    x: float
    y: float
    cluster: int
    reach: float
    strength: int
    through: int | None
    on_path: bool
    is_me: bool


class TieOut(Schema):
    a: int
    b: int
    weight: float
    on_path: bool


class NetworkOut(Schema):
    centre: int
    people: list[PersonOut]
    ties: list[TieOut]
    view_box: list[float]
    clusters: int
    hidden: int
    limit: int
    circle: str | None
    min_trust: int | None
    min_strength: int | None
    path: list[int]


@router.get("/network", response=NetworkOut, summary="The network drawn")
def network(request: HttpRequest, query: Query[NetworkQuery]) -> dict[str, object]:
    """The ego network around a person (me by default): the first and second degree,
    the strongest first, at most ``limit`` persons (200 unless asked, 500 at most), laid
    out radially (``x``, ``y``) with clusters coloured by number; ``hidden`` says how many
    the cap left out. ``min_trust`` keeps only ties at least that trusted (1–5),
    ``min_strength`` only first-degree contacts at least that strong (0–100)."""
    steps = [step.strip() for step in (query.path or "").split(",") if step.strip()]
    drawing = draw_network(
        actor(request),
        query.around or None,
        circle=query.circle or None,
        min_trust=query.min_trust,
        min_strength=query.min_strength,
        path=steps or None,
        limit=query.limit,
    )
    return {
        "centre": drawing.centre,
        "people": drawing.people,
        "ties": drawing.ties,
        "view_box": list(drawing.view_box),
        "clusters": drawing.clusters,
        "hidden": drawing.hidden,
        "limit": drawing.limit,
        "circle": drawing.circle,
        "min_trust": drawing.min_trust,
        "min_strength": drawing.min_strength,
        "path": drawing.path,
    }
