"""The API of the overview: today, the week, and marking an occasion as dealt with.

Each operation is a thin call of one function of :mod:`knoten.upkeep`.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema

from knoten.api.auth import actor
from knoten.api.kit import NOT_BLANK, Input, Text, at_most, words
from knoten.upkeep.handled import HOW, KEY_LENGTH, handle_occasion
from knoten.upkeep.overview import overview
from knoten.upkeep.vocabulary import OCCASION_KINDS

router = Router()


class ActionOut(Schema):
    do: str
    label: str
    url: str | None
    api: str


class ItemOut(Schema):
    kind: str
    key: str
    title: str
    reason: str
    day: str
    person_id: int | None
    person_ids: list[int]
    name: str
    urgency: str
    importance: int
    action: ActionOut


class OverviewOut(Schema):
    start: str
    end: str
    count: int
    due_total: int
    occasions_total: int
    items: list[ItemOut]


class HandledIn(Input):
    """The occasion's key (as today/week give it), its kind, and how: done, sent or
    dismissed."""

    key: Annotated[Text, NOT_BLANK, at_most(KEY_LENGTH)]
    kind: Annotated[Text, words(OCCASION_KINDS)]
    how: Annotated[Text, words(HOW)] = "done"


class HandledOut(Schema):
    key: str
    kind: str
    how: str
    on: str


@router.get("/today", response=OverviewOut)
def today(request: HttpRequest, limit: int | None = None) -> dict[str, Any]:
    """What to do today: occasions, due contacts, promises both ways, events ahead.
    ``limit``: how many occasions (default 100, at most 1000; ``occasions_total`` counts
    them all)."""
    return overview(actor(request), days=1, limit=limit).as_dict()


@router.get("/week", response=OverviewOut)
def week(request: HttpRequest, limit: int | None = None) -> dict[str, Any]:
    """What to do in the next seven days, ranked: overdue first, then by day.
    ``limit`` as for today."""
    return overview(actor(request), days=7, limit=limit).as_dict()


@router.post("/occasions/handled", response=HandledOut)
def handled(request: HttpRequest, payload: HandledIn) -> dict[str, Any]:
    """Mark an occasion as dealt with (done, sent, dismissed): it is not offered again."""
    row = handle_occasion(actor(request), key=payload.key, kind=payload.kind, how=payload.how)
    return {"key": row.key, "kind": row.kind, "how": row.how, "on": row.on.isoformat()}
