"""The exports app's API operations (mounted at ``/api/`` by knoten.api.site).

``GET /api/export?format=json|vcard|csv[&circle=]`` answers a file download;
``GET /api/persons/{id}/export`` everything about one person; ``GET
/api/persons/{id}/forget-plan`` what forgetting them changes; ``POST
/api/persons/{id}/forget`` with ``{"confirm": true}`` forgets them.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from ninja import Query, Router, Schema

from knoten.api.auth import actor
from knoten.api.kit import Input, Rule, Text
from knoten.core.errors import InvalidInput
from knoten.exports import services
from knoten.people.lookup import in_network
from knoten.people.models import Person

router = Router()


class ExportQuery(Schema):
    format: Annotated[Text, Rule(enum=list(services.FORMATS))] = "json"
    circle: Text | None = None


class ForgetIn(Input):
    # Forgetting is never the default: the request says so.
    confirm: Annotated[bool, Rule(enum=[True])]


@router.get(
    "/export",
    response={200: Any},
    openapi_extra={
        "responses": {
            200: {
                "description": "The export as a file",
                "content": {
                    "application/json": {},
                    "text/vcard": {},
                    "text/csv": {},
                },
            }
        }
    },
)
def export(request: HttpRequest, query: Query[ExportQuery]) -> HttpResponseBase:
    """The network as a file: ``json`` (everything, lossless), ``vcard`` (4.0) or ``csv``
    (Google Contacts); ``circle`` keeps the people of one circle."""
    text, media_type, name = services.export(
        actor(request), query.format, circle=query.circle or None
    )
    # Streamed a piece at a time: the JSON of a 100k network is some 300 MB of text.
    response = StreamingHttpResponse(text, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _person(request: HttpRequest, person_id: int) -> Person:
    return in_network(actor(request), Person, person_id, "person")


@router.get("/persons/{person_id}/export", response=dict[str, Any])
def export_person(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """Everything stored about one person (GDPR Art. 15 and 20)."""
    return services.person_export(actor(request), _person(request, person_id))


@router.get("/persons/{person_id}/forget-plan", response=dict[str, Any])
def forget_plan(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """What forgetting the person would change; changes nothing."""
    return services.forget_plan(actor(request), _person(request, person_id))


@router.post("/persons/{person_id}/forget", response=dict[str, Any])
def forget(request: HttpRequest, person_id: int, payload: ForgetIn) -> dict[str, Any]:
    """Erase the person, every fact about them and their name in other texts (GDPR
    Art. 17). Needs ``{"confirm": true}``; answers what was changed."""
    person = _person(request, person_id)
    if not payload.confirm:
        raise InvalidInput(
            "confirm", payload.confirm, "must be true to forget a person; see forget-plan first"
        )
    return services.forget_person(actor(request), person)
