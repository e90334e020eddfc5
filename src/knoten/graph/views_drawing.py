"""The graph page: the network drawn around me or anyone, with its filters and a path.

A thin face of :func:`knoten.graph.drawing.draw_network`: it reads the query (``around``,
``circle``, ``min_trust``, ``min_strength``, ``limit``, ``path``), passes ``None`` for
what was left empty and shows the drawing, or the form again with its message.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from knoten.graph.drawing import DEFAULT_LIMIT, MAX_LIMIT, Drawing, draw_network
from knoten.graph.drawing_svg import cluster_class, svg
from knoten.people.labels import circle_names
from knoten.web.kit import attempt, current_member, page_response

FILTERS = ("circle", "min_trust", "min_strength", "limit")
FIELDS = ("person", "path", *FILTERS)


def path_ids(text: str) -> list[str] | None:
    """The persons of ``?path=3,17,42``, as given (``None``: no path)."""
    steps = [step.strip() for step in text.split(",") if step.strip()]
    return steps or None


@require_GET
def network_page(request: HttpRequest) -> HttpResponse:
    """The ego network of me (or of ``?around=ID``), drawn, with a list of the same people."""
    member = current_member(request)
    given = {name: request.GET.get(name, "").strip() for name in ("around", "path", *FILTERS)}
    drawing, errors = attempt(
        lambda: draw_network(
            member,
            given["around"] or None,
            circle=given["circle"] or None,
            min_trust=given["min_trust"] or None,
            min_strength=given["min_strength"] or None,
            path=path_ids(given["path"]),
            limit=given["limit"] or None,
        ),
        FIELDS,
        {"person": "around"},
    )
    kept = {name: given[name] for name in FILTERS if given[name]}
    base = reverse("graph:network")

    def href(person_id: int) -> str:
        return f"{base}?{urlencode({'around': person_id, **kept})}"

    context = {
        "member": member,
        "given": given,
        "errors": errors,
        "drawing": drawing,
        "circles": circle_names(member),
        "trusts": range(1, 6),
        "default_limit": DEFAULT_LIMIT,
        "max_limit": MAX_LIMIT,
        "filtered": bool(kept),
        "me_link": f"{base}?{urlencode(kept)}" if kept else base,
    }
    if drawing is not None:
        context.update(_drawn(drawing, href))
    return page_response(request, "graph/network.html", context, errors)


def _drawn(drawing: Drawing, href: Callable[[int], str]) -> dict[str, object]:
    centre = next(p for p in drawing.people if p.degree == 0)
    title = _(
        "The network around %(name)s: %(first)d in the first degree, %(second)d in the second"
    ) % {
        "name": centre.name,
        "first": len(drawing.first_degree),
        "second": len(drawing.second_degree),
    }
    names = {p.id: p.name for p in drawing.people}

    def rows(degree: int) -> list[dict[str, object]]:
        return [
            {
                "person": p,
                "href": href(p.id),
                "colour": cluster_class(p.cluster),
                "through": names.get(p.through) if p.through else None,
            }
            for p in drawing.people
            if p.degree == degree
        ]

    return {
        "centre": centre,
        "svg": svg(drawing, href, title),
        "title": title,
        "first_rows": rows(1),
        "second_rows": rows(2),
        "path_rows": [
            {"person": p, "href": href(p.id)}
            for pk in drawing.path
            for p in drawing.people
            if p.id == pk
        ],
    }
