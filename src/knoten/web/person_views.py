"""A person's page: the whole info base in sections, each editable in place.

The views call :mod:`knoten.people.services` and :mod:`knoten.journal.services`, the
same functions as the command line and the API.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from knoten.core.errors import NotFound
from knoten.people.services import person_detail
from knoten.web.views import _member


@require_GET
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """The whole info base of one person of the member's network, read only for now."""
    member = _member(request)
    try:
        person = person_detail(member, person_id)
    except NotFound:
        raise Http404("No such person in your network.") from None
    return render(request, "web/person.html", {"member": member, "person": person})
