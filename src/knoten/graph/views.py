"""The introduction path page and the draft of the request to the first hop."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from knoten.graph import paths, requests
from knoten.web.kit import attempt, current_member, not_found, page_response

SVG_STEP = 150
SVG_HEIGHT = 70


def drawing(path: paths.Path) -> dict[str, Any]:
    """Where each person of a path stands in its small drawing (a row of nodes)."""
    names = [path.hops[0].from_name, *(hop.to_name for hop in path.hops)]
    nodes = [
        {"x": 60 + SVG_STEP * i, "name": name if len(name) <= 22 else name[:21] + "…"}
        for i, name in enumerate(names)
    ]
    edges = [
        {"x1": nodes[i]["x"], "x2": nodes[i + 1]["x"], "width": 1 + 4 * hop.weight}
        for i, hop in enumerate(path.hops)
    ]
    return {"width": 120 + SVG_STEP * (len(names) - 1), "nodes": nodes, "edges": edges}


@require_GET
def path_page(request: HttpRequest) -> HttpResponse:
    member = current_member(request)
    query = request.GET
    target = (query.get("target") or "").strip()
    context: dict[str, Any] = {
        "target": target,
        "via": query.get("via", ""),
        "avoid": query.get("avoid", ""),
        "max_hops": query.get("max_hops", "") or str(paths.DEFAULT_HOPS),
        "sent": query.get("sent") == "1",
        "found": None,
    }
    errors: dict[str, str] = {}
    if target:
        avoid = [name.strip() for name in context["avoid"].split(",") if name.strip()]
        found, errors = attempt(
            lambda: paths.best_paths(
                member,
                target,
                via=context["via"] or None,
                avoid=avoid,
                max_hops=context["max_hops"],
            ),
            ["target", "via", "avoid", "max_hops", "path"],
        )
        if found is not None:
            context["found"] = found
            context["ways"] = [{"path": way, "drawing": drawing(way)} for way in found.paths]
    context["errors"] = errors
    return page_response(request, "graph/path.html", context, errors)


@require_http_methods(["GET", "POST"])
def request_page(request: HttpRequest) -> HttpResponse:
    member = current_member(request)
    source = request.POST if request.method == "POST" else request.GET
    first, target = source.get("first", ""), source.get("target", "")
    errors: dict[str, str] = {}
    if request.method == "POST":
        done, errors = attempt(
            lambda: requests.record_request(member, first, target), ["first_hop", "target"]
        )
        if done is not None:
            return redirect(f"{reverse('graph:path')}?target={done.recipient_id}&sent=1")
    if not (first and target):
        raise not_found()
    draft, problems = attempt(
        lambda: requests.introduction_draft(member, first, target, language=source.get("lang")),
        ["first_hop", "target", "language"],
    )
    if draft is None and not errors:
        raise not_found()
    errors = {**errors, **problems}
    context = {"draft": draft, "errors": errors, "first": first, "target": target}
    return page_response(request, "graph/path_request.html", context, errors)
