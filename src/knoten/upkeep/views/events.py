"""An event's prep sheet (printable) and the capture of whom I met there."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from knoten.core.errors import NotFound
from knoten.core.models import Member
from knoten.journal.events import event_as_dict, resolve_event
from knoten.upkeep import capture, prep
from knoten.web.kit import (
    attempt,
    current_member,
    is_fragment_request,
    not_found,
    page_response,
    posted_values,
)


@require_GET
def prep_page(request: HttpRequest, event_id: int) -> HttpResponse:
    """The prep sheet of an event, laid out to print on one or two A4 pages."""
    member = current_member(request)
    try:
        sheet = prep.prep_sheet(member, event_id)
    except NotFound:
        raise not_found() from None
    attendees: list[dict[str, Any]] = []
    for person in sheet.attendees:
        row = person.as_dict()
        row["how_words"] = prep.how_we_met_words(row["how_we_met"])
        attendees.append(row)
    context = {
        "event": sheet.event,
        "attendees": attendees,
        "wanted": [w.as_dict() for w in sheet.wanted],
        "count": sheet.total,
    }
    return page_response(request, "upkeep/prep.html", context, {})


CAPTURE_FIELDS = ("name", "organisation", "line", "person")


def _capture_context(member: Member, event_id: int) -> dict[str, Any]:
    try:
        event = event_as_dict(resolve_event(member, event_id))
        met = capture.captured_at(member, event_id)
    except NotFound:
        raise not_found() from None
    return {"event": event, "captured": met, "values": {}, "errors": {}, "done": None}


@require_http_methods(["GET", "POST"])
def capture_page(request: HttpRequest, event_id: int) -> HttpResponse:
    """Add the people met at an event, one row each: name, organisation, one line.

    A row sent adds the person and comes back empty (htmx swaps the form and the list);
    a name that matches several comes back with them to choose from."""
    member = current_member(request)
    context = _capture_context(member, event_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        sent = posted_values(request, CAPTURE_FIELDS)
        done, errors = attempt(
            lambda: capture.capture_met(
                member,
                event_id,
                name=sent["name"],
                organisation=sent["organisation"] or None,
                line=sent["line"] or None,
                person=sent["person"] or None,
            ),
            CAPTURE_FIELDS,
        )
        if done is None:
            context["values"] = sent
            context["suggestions"] = capture.capture_suggestions(member, sent["name"])
        else:
            context["done"] = done
            context["captured"] = capture.captured_at(member, event_id)
        context["errors"] = errors
    if is_fragment_request(request):
        response = page_response(request, "upkeep/capture.html#capture", context, errors)
        patch_vary_headers(response, ["HX-Request"])
        return response
    return page_response(request, "upkeep/capture.html", context, errors)


@require_GET
def capture_suggest(request: HttpRequest, event_id: int) -> HttpResponse:
    """The existing persons a name typed so far may mean (an htmx part of the form)."""
    member = current_member(request)
    try:
        event = event_as_dict(resolve_event(member, event_id))
    except NotFound:
        raise not_found() from None
    text = request.GET.get("name", "")
    found, _errors = attempt(lambda: capture.capture_suggestions(member, text), ["name"])
    context = {"event": event, "suggestions": found or [], "values": {}}
    return render(request, "upkeep/capture.html#suggestions", context)
