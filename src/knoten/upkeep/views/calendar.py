"""The calendar: the feed at its secret address (no sign-in), and the page showing it.

The feed's address is its own secret: it opens without a session, as calendar
applications fetch it; an unknown or revoked address answers 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from knoten.core.errors import NotFound
from knoten.upkeep import calendar
from knoten.web.kit import current_member


@login_not_required
@require_GET
@cache_control(private=True, max_age=3600)
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's calendar (RFC 5545), for a calendar application to subscribe to."""
    try:
        body = calendar.feed_calendar(token)
    except NotFound:
        raise Http404("No calendar at this address.") from None
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="knoten.ics"'
    return response


@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    """The feed's address, to copy into a calendar application, and a new-address button."""
    member = current_member(request)
    current = calendar.current_feed(member)
    context = {"member": member, "url": calendar.feed_url(current) if current else None}
    return render(request, "upkeep/calendar.html", context)


@require_POST
def calendar_new(request: HttpRequest) -> HttpResponse:
    """A new secret address; the one before stops working."""
    calendar.new_feed(current_member(request))
    return redirect("upkeep:calendar")


@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    """No address any more: the feed stops working."""
    calendar.revoke_feed(current_member(request))
    return redirect("upkeep:calendar")
