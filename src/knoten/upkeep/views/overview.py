"""The overview pages: today and the week as cards with one-click actions, and the home
page's panel. "Done" and "not now" post to one address and come back to the page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from knoten.core.models import Member
from knoten.upkeep.handled import handle_occasion
from knoten.upkeep.overview import overview
from knoten.web.kit import attempt, current_member, page_response

HOME_ITEMS = 8


def home_overview(member: Member) -> dict[str, Any]:
    """The home page's part: today's first few items, and how many there are in all."""
    found = overview(member, days=1, limit=HOME_ITEMS)
    items = found.items[:HOME_ITEMS]
    return {"items": items, "total": found.total, "more": max(0, found.total - len(items))}


@require_GET
def today_page(request: HttpRequest) -> HttpResponse:
    """Today's (or with ?days=7 the week's) occasions, due contacts, promises and events."""
    member = current_member(request)
    return _page(request, member, {})


def _page(request: HttpRequest, member: Member, errors: dict[str, str]) -> HttpResponse:
    days = 7 if request.GET.get("days") == "7" else 1
    found = overview(member, days=days)
    context = {
        "member": member,
        "overview": found,
        "items": found.items,
        "days": days,
        "errors": errors,
        "back": request.get_full_path(),
    }
    return page_response(request, "upkeep/overview.html", context, errors)


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("upkeep:today")


@require_POST
def handled(request: HttpRequest) -> HttpResponse:
    """Mark an occasion done (or "not now": dismissed); back to where the card was."""
    member = current_member(request)
    # A card's buttons name the occasion in their address (formaction); a form of its own
    # may post it.
    key = request.POST.get("key") or request.GET.get("key", "")
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    how = request.POST.get("how", "done")
    _done, errors = attempt(
        lambda: handle_occasion(member, key=key, kind=kind, how=how), ["key", "kind", "how"]
    )
    if errors:
        return _page(request, member, errors)
    return redirect(_back(request))
