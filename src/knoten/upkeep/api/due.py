"""The API of keeping in touch: the due list, cadences, snoozes and a person's standing.

Each operation is a thin call of one function of :mod:`knoten.upkeep`.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.api.kit import LOOKUP, Input, Rule, Text
from knoten.api.paging import Page, PageParams, page_of
from knoten.upkeep import cadences, due

router = Router()


class DueOut(Schema):
    person_id: int
    name: str
    importance: int
    every_days: int
    cadence: str
    cadence_from: str
    last_contact: str | None
    due_on: str
    overdue_on: str
    state: str
    strength: int
    reason: str
    snoozed_until: str | None


class StandingOut(Schema):
    person_id: int
    name: str
    cadence: str
    every_days: int | None
    latest_days: int | None
    cadence_from: str
    cadence_source: str
    last_contact: str | None
    last_contact_kind: str | None
    last_contact_where: str | None
    contacts: int
    contacts_year: int
    due: DueOut | None
    snoozed_until: str | None
    strength: int
    level: str
    level_words: str
    reasons: list[str]
    strength_parts: dict[str, int]


class CadenceIn(Input):
    """Whom (exactly one of person, circle, importance) and how often: ``every`` in
    words or days ("quarterly", "alle 6 Wochen", 90); null for no cadence."""

    person: Annotated[Text, LOOKUP] | int | None = None
    circle: Text | None = None
    importance: Text | int | None = None
    every: Text | int | None = None
    latest: Text | int | None = None


class CadenceTarget(Schema):
    person: Text | int | None = None
    circle: Text | None = None
    importance: Text | int | None = None


class CadenceOut(Schema):
    kind: str
    name: str
    id: int | None
    every_days: int | None
    latest_days: int | None
    words: str
    default: bool


class CadenceSetOut(Schema):
    target: str
    every_days: int | None
    latest_days: int | None
    words: str


class SnoozeIn(Input):
    """Until a day, or for a period: "2027-01-10", "nächsten Montag", "2 weeks"."""

    until: Text


class SnoozeOut(Schema):
    person_id: int
    until: str


@router.get("/due", response=Page[DueOut])
def due_list(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    """Who is due or overdue for a contact, the most urgent first, each with the reason."""
    member = actor(request)
    return page_of(
        lambda count, start: due.due_list(member, limit=count, offset=start)[0],
        params.limit,
        params.offset,
        due.Due.as_dict,
    )


@router.get("/due/losing-touch", response=list[DueOut])
def losing_touch(
    request: HttpRequest, limit: Annotated[int, Rule(minimum=1, maximum=1000)] = 20
) -> list[dict[str, Any]]:
    """People who used to matter (many contacts or high trust), far past their cadence."""
    return [row.as_dict() for row in due.losing_touch(actor(request), limit=limit)]


@router.get("/persons/{person_id}/standing", response=StandingOut)
def standing(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """A person's strength with its reasons, cadence, last contact and whether due."""
    return due.standing_of(actor(request), person_id)


@router.get("/cadences", response=list[CadenceOut])
def list_cadences(request: HttpRequest) -> list[dict[str, Any]]:
    """The cadences set, by importance (with the shipped defaults), circle and person."""
    return cadences.list_cadences(actor(request))


@router.put("/cadences", response=CadenceSetOut)
def set_cadence(request: HttpRequest, payload: CadenceIn) -> dict[str, Any]:
    """Set how often to be in touch with a person, a circle or an importance."""
    done = cadences.set_cadence(
        actor(request),
        person=payload.person,
        circle=payload.circle,
        importance=payload.importance,
        every=payload.every,
        latest=payload.latest,
    )
    return done.as_dict()


@router.delete("/cadences", response={204: None})
def clear_cadence(request: HttpRequest, params: Query[CadenceTarget]) -> Status[None]:
    """Drop a cadence that was set: the person, circle or importance inherits again."""
    cadences.clear_cadence(
        actor(request), person=params.person, circle=params.circle, importance=params.importance
    )
    return Status(204, None)


@router.put("/persons/{person_id}/snooze", response=SnoozeOut)
def snooze(request: HttpRequest, person_id: int, payload: SnoozeIn) -> dict[str, Any]:
    """Do not remind me of this person until a day (only me; others still see them)."""
    row = due.snooze(actor(request), person_id, payload.until)
    return {"person_id": row.person_id, "until": row.until.isoformat()}


@router.delete("/persons/{person_id}/snooze", response={204: None})
def unsnooze(request: HttpRequest, person_id: int) -> Status[None]:
    """End my snooze of this person."""
    due.unsnooze(actor(request), person_id)
    return Status(204, None)
