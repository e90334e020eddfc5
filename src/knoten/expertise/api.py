"""The API's who-knows: a thin call of :func:`knoten.expertise.topics.who_knows`."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from knoten.api.auth import actor
from knoten.api.kit import LOOKUP, Rule, Text
from knoten.expertise.topics import who_knows

router = Router()


class EvidenceOut(Schema):
    kind: str
    text: str
    quote: str
    date: str | None
    weight: float


class IntroducerOut(Schema):
    person_id: int
    name: str
    how: str


class ExpertOut(Schema):
    person_id: int
    name: str
    score: float
    degree: int
    degree_label: str
    evidence: list[EvidenceOut]
    more_evidence: int
    introducers: list[IntroducerOut]


class WhoKnowsParams(Schema):
    topic: Annotated[Text, LOOKUP]
    limit: Annotated[int, Rule(minimum=1, maximum=100)] = 20


@router.get("/whoknows", response=list[ExpertOut])
def whoknows(request: HttpRequest, params: Query[WhoKnowsParams]) -> list[dict[str, Any]]:
    """The people who know about ``topic``, best first, each with the evidence quoted and
    dated; ``degree`` 1 are people you know, 2 people they know (with ``introducers``),
    3 the rest of your records."""
    member = actor(request)
    return [expert.as_dict() for expert in who_knows(member, params.topic, limit=params.limit)]
