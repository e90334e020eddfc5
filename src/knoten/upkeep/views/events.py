"""An event's prep sheet (printable) and the capture of whom I met there."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from knoten.core.errors import NotFound
from knoten.upkeep import prep
from knoten.web.kit import current_member, not_found, page_response


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
