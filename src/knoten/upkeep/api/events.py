"""The API of an event's prep sheet and of capturing whom I met there.

Each operation is a thin call of one function of :mod:`knoten.upkeep`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.api.kit import Input, Reference, Text
from knoten.journal.api import EventOut
from knoten.upkeep import capture, prep

router = Router()


class PrepHowWeMetOut(Schema):
    on: str | None = None
    event: Reference | None = None
    organisation: Reference | None = None
    introduced_by: Reference | None = None
    text: str = ""


class PrepConversationOut(Schema):
    id: int
    date: str
    kind: str
    kind_words: str
    summary: str
    event: Reference | None
    private: bool


class PrepPromiseOut(Schema):
    id: int
    text: str
    due: str | None


class PrepRelatedOut(Schema):
    id: int
    name: str
    kind: str
    strength: int
    trust: int | None


class PrepProjectOut(Schema):
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
    how_we_met: PrepHowWeMetOut
    last_conversation: PrepConversationOut | None
    last_contact: str | None
    strength: int
    level: str
    level_words: str
    promises_mine: list[PrepPromiseOut]
    promises_theirs: list[PrepPromiseOut]
    family: list[PrepRelatedOut]
    projects: list[PrepProjectOut]
    shared_contacts: list[PrepRelatedOut]


class WantedOut(Schema):
    person_id: int
    name: str
    position: str
    organisation: Reference | None
    introducers: list[PrepRelatedOut]


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


class CaptureIn(Input):
    """Whom I met: a name (an existing person is recognised) or ``person_id``, with an
    organisation for a new person and one line about the conversation."""

    name: Text = ""
    organisation: Text | None = None
    line: Text | None = None
    person_id: int | None = None


class CapturedOut(Schema):
    person_id: int
    name: str
    created: bool
    interaction_id: int
    event_id: int
    summary: str
    on: str


# Not "/events/{event_id}/met": the journal has that one (mark known persons as met).
@router.post("/events/{event_id}/capture", response={201: CapturedOut})
def capture_met(request: HttpRequest, event_id: int, payload: CaptureIn) -> Status[dict[str, Any]]:
    """Note that I met someone at an event, with a first conversation there."""
    done = capture.capture_met(
        actor(request),
        event_id,
        name=payload.name,
        organisation=payload.organisation,
        line=payload.line,
        person=payload.person_id,
    )
    return Status(201, done.as_dict())
