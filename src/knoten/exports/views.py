"""The export page: download the network as vCard, CSV or JSON, and how to back up.

Thin views over :mod:`knoten.exports.services`, the same functions as the command line
and the API.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from knoten.core.errors import KnotenError
from knoten.exports import services
from knoten.people.labels import circle_names
from knoten.web.kit import current_member

FORMATS = (
    ("vcard", "vCard 4.0 (.vcf)"),
    ("csv", "CSV (Google Contacts)"),
    ("json", "JSON"),
)


def _page(request: HttpRequest, error: str = "", status: int = 200) -> HttpResponse:
    member = current_member(request)
    context = {
        "member": member,
        "formats": FORMATS,
        "circles": circle_names(member),
        "circle": request.GET.get("circle", ""),
        "error": error,
    }
    return render(request, "exports/export.html", context, status=status)


@require_GET
def export_page(request: HttpRequest) -> HttpResponse:
    """Download links for the three formats, a circle to choose, and how to back up."""
    return _page(request)


@require_GET
def download(request: HttpRequest) -> HttpResponseBase:
    """The export as a file download; a bad format or circle shows the page with why."""
    member = current_member(request)
    fmt = request.GET.get("format", "vcard")
    circle = request.GET.get("circle", "").strip() or None
    try:
        text, media_type, name = services.export(member, fmt, circle=circle)
    except KnotenError as problem:
        return _page(request, str(problem), status=400)
    # Streamed a piece at a time: the JSON of a 100k network is some 300 MB of text.
    response = StreamingHttpResponse(text, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
