"""The API of quick capture: a line's plan, and the line saved as its records.

Both are thin calls of :func:`knoten.upkeep.quick.read_note` and
:func:`knoten.upkeep.quick_save.save_note`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.api.kit import Input, Text
from knoten.upkeep.quick import read_note
from knoten.upkeep.quick_save import save_note

router = Router()


class NoteIn(Input):
    """One line in German or English: "Call with Anna Adler, she'll send me the contract
    next week"."""

    text: Text


class NoteSaveIn(Input):
    """The line and the answers to its plan's questions (the question's key → an id, or
    "new" to add the person named as a new person)."""

    text: Text
    choices: dict[Text, int | Text] | None = None


class PlannedPerson(Schema):
    said: str
    id: int | None
    name: str | None


class PlannedEvent(Schema):
    id: int
    name: str
    said: str


class PlannedPromiseOut(Schema):
    direction: str
    text: str
    due: str | None
    said: str


class Candidate(Schema):
    id: int
    label: str


class QuestionOut(Schema):
    key: str
    what: str
    reason: str
    candidates: list[Candidate]
    new_person: str | None
    message: str


class PlanOut(Schema):
    text: str
    kind: str
    on: str
    persons: list[PlannedPerson]
    event: PlannedEvent | None
    place: str
    promises: list[PlannedPromiseOut]
    notes: list[str]
    summary: str
    questions: list[QuestionOut]
    remarks: list[str]
    ready: bool


class SavedOut(Schema):
    conversation: dict[str, Any]
    plan: PlanOut


@router.post("/notes/preview", response=PlanOut)
def preview(request: HttpRequest, payload: NoteIn) -> dict[str, Any]:
    """What a line would create, with the questions it cannot decide; nothing is written."""
    return read_note(actor(request), payload.text).as_dict()


@router.post("/notes", response={201: SavedOut})
def save(request: HttpRequest, payload: NoteSaveIn) -> Status[dict[str, Any]]:
    """Save a line as its records (a conversation with its promises); refused (400)
    while a question of its plan is not answered in ``choices``."""
    return Status(201, save_note(actor(request), payload.text, choices=payload.choices).as_dict())
