"""The multipliers page and the comfort-zone page (with the goal form). Each reads one
function of :mod:`knoten.graph`; opening a page on a stale analysis refreshes it (in the
background on a large network) and the page says when it was last refreshed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.graph.comfort import comfort_zone, set_comfort_goal
from knoten.graph.multipliers import multipliers
from knoten.web.kit import attempt, current_member, page_response


@require_GET
def multipliers_page(request: HttpRequest) -> HttpResponse:
    """The people who spread a word furthest, best first, each with why."""
    member = current_member(request)
    found = multipliers(member, limit=50)
    context = {"member": member, "found": found, "freshness": found.freshness}
    return page_response(request, "graph/multipliers.html", context, {})


@require_GET
def comfort_page(request: HttpRequest) -> HttpResponse:
    """How the network splits and grows, whom to meet, clusters and bridges."""
    return _comfort(request, current_member(request), {})


def _comfort(request: HttpRequest, member: Member, errors: dict[str, str]) -> HttpResponse:
    zone = comfort_zone(member)
    context = {"member": member, "zone": zone, "freshness": zone.freshness, "errors": errors}
    return page_response(request, "graph/comfort.html", context, errors)


@require_POST
def comfort_goal(request: HttpRequest) -> HttpResponse:
    """Set (empty: remove) the goal of new contacts a month."""
    member = current_member(request)
    text = request.POST.get("per_month", "").strip()

    def save() -> int | None:
        if not text:
            return set_comfort_goal(member, None)
        if not text.isdigit():
            raise InvalidInput("per_month", text, "is not a whole number")
        return set_comfort_goal(member, int(text))

    _goal, errors = attempt(save, ["per_month"])
    if errors:
        return _comfort(request, member, errors)
    return redirect("graph:comfort")
