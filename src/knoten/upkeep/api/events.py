"""The API of an event's prep sheet and of capturing whom I met there.

Each operation is a thin call of one function of :mod:`knoten.upkeep`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from knoten.api.auth import actor
from knoten.api.kit import Reference
from knoten.journal.api import EventOut
from knoten.upkeep import prep

router = Router()


class HowWeMetOut(Schema):
    on: str | None = None
    event: Reference | None = None
    organisation: Reference | None = None
    introduced_by: Reference | None = None
    text: str = ""


class ConversationOut(Schema):
    id: int
    date: str
    kind: str
    kind_words: str
    summary: str
    event: Reference | None
    private: bool


class PromiseOut(Schema):
    id: int
    text: str
    due: str | None


class RelatedOut(Schema):
    id: int
    name: str
    kind: str
    strength: int
    trust: int | None


class ProjectOut(Schema):
    id: int
    name: str
    role: str
    status: str


class AttendeeOut(Schema):
    person_id: int
    name: str
    status: str
    importance: int
    position: str
    organisation: Reference | None
    how_we_met: HowWeMetOut
    last_conversation: ConversationOut | None
    last_contact: str | None
    strength: int
    level: str
    level_words: str
    promises_mine: list[PromiseOut]
    promises_theirs: list[PromiseOut]
    family: list[RelatedOut]
    projects: list[ProjectOut]
    shared_contacts: list[RelatedOut]


class WantedOut(Schema):
    person_id: int
    name: str
    position: str
    organisation: Reference | None
    introducers: list[RelatedOut]


class PrepOut(Schema):
    event: EventOut
    attendees: list[AttendeeOut]
    wanted: list[WantedOut]
    count: int
    shown: int


@router.get("/events/{event_id}/prep", response=PrepOut)
def prep_sheet(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """The prep sheet of an event: who is expected, what I know of each, whom I would
    like to meet there and who could introduce me."""
    return prep.prep_sheet(actor(request), event_id).as_dict()
