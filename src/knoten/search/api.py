"""The API's search: a thin call of :func:`knoten.search.query.search`."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from knoten.api.auth import actor
from knoten.api.kit import LOOKUP, Text
from knoten.api.paging import Limit, Offset, Page, page_of
from knoten.search.query import MAX_LIMIT, SearchHit
from knoten.search.query import search as run_search

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


class SearchParams(Schema):
    q: Annotated[Text, LOOKUP]
    limit: Limit = 20
    offset: Offset = 0
    kind: list[Text] | None = None


@router.get("/search", response=Page[SearchHitOut])
def search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """Names, organisations, titles, skills, notes and minutes; umlauts do not matter.

    ``kind`` (repeatable: person, organisation, interaction) keeps those kinds only.
    """
    member = actor(request)

    def fetch(count: int, start: int) -> list[SearchHit]:
        # One more than a page of MAX_LIMIT is two calls: the search serves at most that.
        hits: list[SearchHit] = []
        while count > 0:
            wanted = min(count, MAX_LIMIT)
            got = run_search(member, params.q, limit=wanted, offset=start, kinds=params.kind)
            hits.extend(got)
            if len(got) < wanted:
                break
            count, start = count - wanted, start + wanted
        return hits

    return page_of(fetch, params.limit, params.offset, SearchHit.as_dict)
