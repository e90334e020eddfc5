"""The API of multipliers and the comfort zone: each operation is a thin call of one
function of :mod:`knoten.graph`."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema

from knoten.api.auth import actor
from knoten.api.kit import Input, Rule
from knoten.api.paging import Offset
from knoten.graph.comfort import comfort_zone, set_comfort_goal
from knoten.graph.multipliers import multipliers
from knoten.graph.refreshing import refresh_for

router = Router()


class FreshnessOut(Schema):
    computed_at: str | None
    stale: bool
    refreshing: bool
    persons: int
    links: int
    seconds: float
    sample: int


class MultiplierOut(Schema):
    person_id: int
    name: str
    rank: int
    score: float
    betweenness: float
    degree: int
    reach: int
    reach_names: list[str]
    role: str
    role_title: str
    reasons: list[str]


class MultipliersOut(Schema):
    freshness: FreshnessOut
    total: int
    items: list[MultiplierOut]


class ComfortOut(Schema):
    freshness: FreshnessOut
    total: int
    contacts: int
    years: list[str]
    splits: list[dict[str, Any]]
    months: list[dict[str, Any]]
    goal: int | None
    this_month: int
    worth_meeting: list[dict[str, Any]]
    clusters: list[dict[str, Any]]
    bridges: list[dict[str, Any]]
    summary: list[str]


class GoalIn(Input):
    """New contacts a month; null removes the goal."""

    per_month: Annotated[int, Rule(minimum=1, maximum=10000)] | None = None


class GoalOut(Schema):
    per_month: int | None


def _stamped(data: dict[str, Any]) -> dict[str, Any]:
    fresh = data["freshness"]
    if fresh["computed_at"] is not None:
        fresh["computed_at"] = fresh["computed_at"].isoformat()
    return data


@router.get("/multipliers", response=MultipliersOut)
def list_multipliers(
    request: HttpRequest,
    limit: Annotated[int, Rule(minimum=1, maximum=200)] | None = None,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The people who spread a word furthest, best first, each with why (``limit``
    default 20, at most 200). Read from the last analysis; a stale one is refreshed."""
    return _stamped(multipliers(actor(request), limit=limit, offset=offset).as_dict())


@router.get("/comfort", response=ComfortOut)
def comfort(request: HttpRequest) -> dict[str, Any]:
    """How the network splits and grows, whom to meet, its clusters and bridges, and a
    short text saying what it means."""
    return _stamped(comfort_zone(actor(request)).as_dict())


@router.put("/comfort/goal", response=GoalOut)
def put_goal(request: HttpRequest, payload: GoalIn) -> dict[str, Any]:
    """Set (null: remove) the goal of new contacts a month."""
    return {"per_month": set_comfort_goal(actor(request), payload.per_month)}


@router.post("/graph/refresh", response=FreshnessOut)
def refresh(request: HttpRequest) -> dict[str, Any]:
    """Work the analysis out anew now and say when and on how much."""
    found = refresh_for(actor(request))
    return {
        "computed_at": found.computed_at.isoformat(),
        "stale": found.stale,
        "refreshing": False,
        "persons": found.persons,
        "links": found.links,
        "seconds": found.seconds,
        "sample": found.sample,
    }
