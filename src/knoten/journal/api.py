"""The API's conversations and promises: thin calls of :mod:`knoten.journal.services`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.journal import services as s

router = Router()


class InteractionIn(Schema):
    summary: str
    participants: list[str | int]
    kind: str = "meeting"
    on: str | None = None
    minutes: int | None = None
    event: str | int | None = None
    place: str = ""
    private: bool = False
    promises: list[str] = []
    expectations: list[str] = []


class Reference(Schema):
    id: int
    name: str


class PromiseOut(Schema):
    id: int
    text: str
    debtor: Reference
    creditor: Reference
    due: str | None
    done: bool
    done_on: str | None
    overdue: bool
    interaction: int | None


class CompleteIn(Schema):
    on: str | None = None


@router.post("/interactions", response={201: dict[str, Any]})
def create_interaction(request: HttpRequest, payload: InteractionIn) -> Status[dict[str, Any]]:
    """Write down a conversation with the promises made in it ("TEXT by DATE")."""
    interaction = s.log_interaction(
        actor(request),
        payload.summary,
        participants=[str(p) for p in payload.participants],
        kind=payload.kind,
        on=payload.on,
        minutes=payload.minutes,
        event=str(payload.event) if isinstance(payload.event, int) else payload.event,
        place=payload.place,
        private=payload.private,
        promises=payload.promises,
        expectations=payload.expectations,
    )
    return Status(201, s.interaction_as_dict(interaction))


@router.get("/promises", response=list[PromiseOut])
def list_promises(
    request: HttpRequest,
    include_done: bool = False,
    person: str | None = None,
    owed_by_me: bool | None = None,
) -> list[dict[str, Any]]:
    """Promises by due date, open ones only unless ``include_done``."""
    promises = s.list_promises(
        actor(request), open_only=not include_done, person=person, owed_by_me=owed_by_me
    )
    return [s.promise_as_dict(promise) for promise in promises]


@router.post("/promises/{promise_id}/complete", response=PromiseOut)
def complete_promise(request: HttpRequest, promise_id: int, payload: CompleteIn) -> dict[str, Any]:
    """Mark a promise as kept (today, or ``on``)."""
    return s.promise_as_dict(s.complete_promise(actor(request), promise_id, on=payload.on))
