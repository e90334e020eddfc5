"""The API of sharing know-how: who a topic would interest, and recording it as given.

Each operation is a thin call of one function of :mod:`knoten.upkeep.sharing`.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.api.kit import DAY, LOOKUP, NOT_BLANK, Input, Rule, Text, as_text
from knoten.upkeep import sharing

router = Router()


class InterestOut(Schema):
    person_id: int
    name: str
    score: int
    evidence: list[str]
    email: str | None


class ShareIn(Input):
    """The people (names or ids), what was shared and, optionally, the link and the day."""

    people: Annotated[list[Annotated[Text, LOOKUP] | int], Rule(minItems=1)]
    note: Annotated[Text, NOT_BLANK]
    link: Text | None = None
    on: Annotated[Text, DAY] | None = None


class SharedPersonOut(Schema):
    person_id: int
    name: str
    favour_id: int
    email: str | None


class SharedOut(Schema):
    on: str
    note: str
    link: str | None
    people: list[SharedPersonOut]
    favours: list[int]


@router.get("/share/interested", response=list[InterestOut])
def interested(
    request: HttpRequest,
    topic: Annotated[Text, LOOKUP],
    limit: Annotated[int, Rule(minimum=1, maximum=200)] = 20,
) -> list[dict[str, Any]]:
    """The people a link or a note about ``topic`` would interest, each with the evidence."""
    rows = sharing.interested_in(actor(request), topic=topic, limit=limit)
    return [row.as_dict() for row in rows]


@router.post("/share", response={201: SharedOut})
def share(request: HttpRequest, payload: ShareIn) -> Status[dict[str, Any]]:
    """Record a note (and a link) as know-how given to each of the people."""
    shared = sharing.share_know_how(
        actor(request),
        people=[as_text(person) for person in payload.people],
        note=payload.note,
        link=payload.link,
        on=payload.on,
    )
    return Status(201, shared.as_dict())
