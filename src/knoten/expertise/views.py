"""The page "who knows about …": a topic box and the people ranked with their evidence."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from knoten.expertise.topics import Expert, who_knows
from knoten.web.kit import attempt, current_member, page_response

FIELDS = ["topic", "limit"]
LIMIT = 30


@require_GET
def whoknows_page(request: HttpRequest) -> HttpResponse:
    """GET ``?topic=``: the people who know about it, the first degree first."""
    member = current_member(request)
    topic = request.GET.get("topic", "").strip()
    experts: list[Expert] | None = None
    errors: dict[str, str] = {}
    if topic:
        experts, errors = attempt(lambda: who_knows(member, topic, limit=LIMIT), FIELDS)
    context = {"member": member, "topic": topic, "experts": experts or [], "errors": errors}
    return page_response(request, "expertise/whoknows.html", context, errors)
