"""The API's search: a thin call of :func:`knoten.knowwho.search.search`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from knoten.api.auth import actor
from knoten.knowwho.search import search as run_search

router = Router()


class Match(Schema):
    field: str
    snippet: str


class SearchHitOut(Schema):
    kind: str
    id: int
    person_id: int | None
    organisation_id: int | None
    interaction_id: int | None
    title: str
    score: float
    archived: bool
    date: str | None
    matched: list[Match]


@router.get("/search", response=list[SearchHitOut])
def search(
    request: HttpRequest,
    q: str,
    limit: int = 20,
    offset: int = 0,
    kind: Query[list[str] | None] = None,
) -> list[dict[str, Any]]:
    """Names, organisations, titles, skills, notes and minutes; umlauts do not matter."""
    hits = run_search(actor(request), q, limit=limit, offset=offset, kinds=kind)
    return [hit.as_dict() for hit in hits]
