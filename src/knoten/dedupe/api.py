"""The dedupe app's API operations (mounted at ``/api/`` by knoten.api.site).

``GET /api/duplicates`` lists likely pairs (the review queue's among them) in the page
envelope; ``POST /api/duplicates/merge`` merges ``other`` into ``keep``;
``POST /api/duplicates/dismiss`` records that ``a`` and ``b`` are not the same.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from knoten.api.auth import actor
from knoten.api.kit import LOOKUP, Input, Reference, Rule, Text
from knoten.api.paging import Limit, Offset, Page, check_window, page_of_list
from knoten.dedupe import services as s
from knoten.dedupe.matching import DEFAULT_MIN_SCORE

router = Router()


class ContactOut(Schema):
    kind: str
    value: str


class SideOut(Schema):
    id: int
    name: str
    contacts: list[ContactOut]
    organisations: list[str]
    archived: bool
    me: bool


class DuplicateOut(Schema):
    a: SideOut
    b: SideOut
    score: float
    reasons: list[str]
    certain: bool
    queued: bool


class MergeOut(Schema):
    merge_id: int | None
    kept: Reference
    merged: Reference
    moved: dict[str, int]
    dropped: dict[str, int]
    filled: list[str]
    dry_run: bool


class DuplicateFilter(Schema):
    min_score: Annotated[float, Rule(minimum=0, maximum=1)] = DEFAULT_MIN_SCORE
    limit: Limit = 50
    offset: Offset = 0


class MergeIn(Input):
    keep: Annotated[Text, LOOKUP] | int
    other: Annotated[Text, LOOKUP] | int
    dry_run: bool = False


class DismissIn(Input):
    a: Annotated[Text, LOOKUP] | int
    b: Annotated[Text, LOOKUP] | int


class DismissOut(Schema):
    a: int | None
    b: int | None
    status: str


@router.get("/duplicates", response=Page[DuplicateOut])
def list_duplicates(request: HttpRequest, filters: Query[DuplicateFilter]) -> dict[str, Any]:
    """Likely duplicate pairs, best first, each with both persons, score and reasons."""
    member = actor(request)
    check_window(filters.limit, filters.offset)
    found = s.likely_duplicates(
        member, min_score=filters.min_score, limit=filters.offset + filters.limit + 1
    )
    return page_of_list(found, filters.limit, filters.offset, s.candidate_as_dict)


@router.post("/duplicates/merge", response=MergeOut)
def merge(request: HttpRequest, payload: MergeIn) -> dict[str, Any]:
    """Merge ``other`` into ``keep``, keeping every fact (``dry_run``: only say what)."""
    return s.merge_persons(
        actor(request), str(payload.keep), str(payload.other), dry_run=payload.dry_run
    )


@router.post("/duplicates/dismiss", response=DismissOut)
def dismiss(request: HttpRequest, payload: DismissIn) -> dict[str, Any]:
    """Record that ``a`` and ``b`` are not the same person."""
    pair = s.dismiss_pair(actor(request), str(payload.a), str(payload.b))
    return {"a": pair.person_a_id, "b": pair.person_b_id, "status": pair.status}
