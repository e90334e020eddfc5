"""The API's introduction paths: a thin call of :func:`knoten.graph.paths.best_paths`."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from knoten.api.auth import actor
from knoten.api.kit import LOOKUP, Rule, Text
from knoten.graph.paths import best_paths

router = Router()


class PathParams(Schema):
    target: Annotated[Text, LOOKUP]
    via: Annotated[Text, LOOKUP] | None = None
    avoid: list[Text] | None = None
    max_hops: Annotated[int, Rule(minimum=1, maximum=6)] = 4
    count: Annotated[int, Rule(minimum=1, maximum=10)] = 3


class PersonOut(Schema):
    id: int
    name: str


class ColleaguesOut(Schema):
    organisation: str
    years: str


class HopOut(Schema):
    from_person: PersonOut
    to_person: PersonOut
    weight: float
    kinds: list[str]
    trust: int | None
    colleagues: list[ColleaguesOut]
    strength: int | None
    level: str
    last_contact: str | None
    words: str


class PathOut(Schema):
    persons: list[int]
    score: float
    words: str
    hops: list[HopOut]


class TargetOut(Schema):
    kind: str
    id: int
    name: str


class PathsOut(Schema):
    target: TargetOut
    max_hops: int
    paths: list[PathOut]


@router.get("/paths", response=PathsOut)
def paths(request: HttpRequest, params: Query[PathParams]) -> dict[str, Any]:
    """The best ways from me to ``target`` (a person, or an organisation: ``org:ACME``),
    each hop explained; archived and do-not-ask persons are never intermediaries."""
    found = best_paths(
        actor(request),
        params.target,
        via=params.via,
        avoid=params.avoid or (),
        max_hops=params.max_hops,
        count=params.count,
    )
    return found.as_dict()
