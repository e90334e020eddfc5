"""A person's photo, as an image the person page and the people list show."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from knoten.people.photos import photo_of
from knoten.web.kit import current_member, detail_or_404

# Its address changes with the photo (?v=…), so a browser may keep it a day; "private":
# never in a shared cache, it is one network's.
CACHE_CONTROL = "private, max-age=86400"


@require_GET
def person_photo(request: HttpRequest, person_id: int) -> HttpResponse:
    """The photo of a person of the member's network; 404 without one (or for another
    network's person)."""
    member = current_member(request)
    photo = detail_or_404(lambda: photo_of(member, person_id))
    response = HttpResponse(bytes(photo.data), content_type=photo.content_type)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response
