"""The API's favours, recommendations, channel costs, balance, signals and return on time.

Each operation is a thin call of :mod:`knoten.reciprocity` (services, balance, signals,
roi) as the request's member; every list answers the page envelope of
:mod:`knoten.api.paging`. An id of another network is not found, exactly like an id that
does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.api.kit import (
    DATE_IS_ON,
    DAY,
    DAY_OR_EMPTY,
    LOOKUP,
    Input,
    Reference,
    Rule,
    Text,
    arguments,
    as_named,
    changes,
    words,
)
from knoten.api.paging import Limit, Offset, Page, page_from, page_of, page_of_list
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.reading import parse_day
from knoten.people.lookup import resolve_person
from knoten.reciprocity import services as s
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.balance import overall_balance, person_balance
from knoten.reciprocity.models import Recommendation
from knoten.reciprocity.roi import roi as roi_report
from knoten.reciprocity.services import MAX_EFFORT_MINUTES
from knoten.reciprocity.signals import signals as find_signals

router = Router()


# --- schemas ---------------------------------------------------------------------------


class Amount(Schema):
    amount: str
    currency: str


class FavourOut(Schema):
    id: int
    date: str
    giver: Reference
    receiver: Reference
    kind: str
    value: Amount | None
    minutes: int | None
    note: str
    outcome: str
    won_value: Amount | None
    thanked: bool
    thanked_on: str | None
    interaction: int | None


class FavourIn(Input):
    """``giver`` did ``receiver`` a favour (either may be "me"); ``value`` is "5000 EUR"."""

    giver: Annotated[Text, LOOKUP] | int
    receiver: Annotated[Text, LOOKUP] | int
    kind: Annotated[str, words(v.FAVOUR_KINDS)]
    date: Annotated[Text, DAY] | None = None
    value: str | Decimal | None = None
    minutes: Annotated[int, Rule(minimum=0, maximum=MAX_EFFORT_MINUTES)] | None = None
    note: str = ""
    outcome: Annotated[str, words(v.OUTCOMES)] | None = None
    won_value: str | Decimal | None = None
    thanked: bool = False
    interaction: int | None = None


class FavourPatch(Input):
    """What to change; a field left out stays. ``value``, ``minutes``, ``won_value`` or
    ``note`` null clears it."""

    giver: Annotated[Text, LOOKUP] | int | None = None
    receiver: Annotated[Text, LOOKUP] | int | None = None
    kind: Annotated[str, words(v.FAVOUR_KINDS)] | None = None
    date: Annotated[Text, DAY] | None = None
    value: str | Decimal | None = None
    minutes: Annotated[int, Rule(minimum=0, maximum=MAX_EFFORT_MINUTES)] | None = None
    note: str | None = None
    outcome: Annotated[str, words(v.OUTCOMES)] | None = None
    won_value: str | Decimal | None = None
    thanked: bool | None = None


class FavourFilter(Schema):
    person: Annotated[Text, LOOKUP] | None = None
    kind: Annotated[str, words(v.FAVOUR_KINDS, "")] | None = None
    since: Annotated[Text, DAY_OR_EMPTY] | None = None
    until: Annotated[Text, DAY_OR_EMPTY] | None = None
    open: bool = False
    unthanked: bool = False
    limit: Limit = 50
    offset: Offset = 0


class ThankIn(Input):
    on: Annotated[Text, DAY] | None = None


class OutcomeIn(Input):
    """What came of it; with ``won``, ``value`` is the order's value ("12000 EUR")."""

    outcome: Annotated[str, words(v.OUTCOMES)]
    value: str | Decimal | None = None


class RecommendationOut(Schema):
    id: int
    date: str
    recommender: Reference
    recipient: Reference
    beneficiary: Reference
    context: str
    outcome: str
    won_value: Amount | None
    beneficiary_thanked: bool
    beneficiary_thanked_on: str | None
    recipient_thanked: bool
    recipient_thanked_on: str | None
    my_role: str | None
    interaction: int | None


class RecommendationIn(Input):
    """``recommender`` recommended ``beneficiary`` to ``recipient`` (any may be "me")."""

    recommender: Annotated[Text, LOOKUP] | int
    recipient: Annotated[Text, LOOKUP] | int
    beneficiary: Annotated[Text, LOOKUP] | int
    date: Annotated[Text, DAY] | None = None
    context: str = ""
    outcome: Annotated[str, words(v.OUTCOMES)] | None = None
    won_value: str | Decimal | None = None
    interaction: int | None = None


class RecommendationPatch(Input):
    """What to change; ``context`` or ``won_value`` null clears it."""

    recommender: Annotated[Text, LOOKUP] | int | None = None
    recipient: Annotated[Text, LOOKUP] | int | None = None
    beneficiary: Annotated[Text, LOOKUP] | int | None = None
    date: Annotated[Text, DAY] | None = None
    context: str | None = None
    outcome: str | None = None
    won_value: str | Decimal | None = None


class RecommendationFilter(Schema):
    person: Annotated[Text, LOOKUP] | None = None
    role: Annotated[str, Rule(enum=["", "recommender", "recipient", "beneficiary"])] | None = None
    since: Annotated[Text, DAY_OR_EMPTY] | None = None
    until: Annotated[Text, DAY_OR_EMPTY] | None = None
    limit: Limit = 50
    offset: Offset = 0


class RecommendationThankIn(Input):
    """Who thanked the recommender: ``beneficiary`` or ``recipient``; when (today)."""

    by: Annotated[str, Rule(enum=["beneficiary", "recipient"])] | None = None
    on: Annotated[Text, DAY] | None = None


class ChannelRef(Schema):
    kind: str
    id: int
    name: str


class ChannelCostOut(Schema):
    id: int
    date: str
    channel: ChannelRef
    amount: Amount | None
    hours: str | None
    note: str


class ChannelCostIn(Input):
    """Time or money put into exactly one of ``event``, ``organisation``, ``circle``."""

    event: str | int | None = None
    organisation: str | int | None = None
    circle: str | int | None = None
    on: Annotated[Text, DAY] | None = None
    amount: str | Decimal | None = None
    hours: str | Decimal | None = None
    note: str = ""


class ChannelCostFilter(Schema):
    since: Annotated[Text, DAY_OR_EMPTY] | None = None
    limit: Limit = 50
    offset: Offset = 0


class FlowOut(Schema):
    total: int
    favours: int
    by_kind: dict[str, int]
    values: dict[str, str]
    minutes: int
    recommendations: int
    orders_won: int
    won_values: dict[str, str]
    orders_won_unvalued: int  # of orders_won, those without a value (not in won_values)
    last: str | None


class TrianglesOut(Schema):
    total: int
    recommender: int
    recipient: int
    beneficiary: int


class BalanceOut(Schema):
    person: Reference | None
    since: str | None
    given: FlowOut
    received: FlowOut
    difference: int
    triangles: TrianglesOut
    beneficiary_share: float | None


class BalanceFilter(Schema):
    since: Annotated[Text, DAY_OR_EMPTY] | None = None


class ContactsFilter(Schema):
    since: Annotated[Text, DAY_OR_EMPTY] | None = None
    limit: Limit = 50
    offset: Offset = 0


class SignalOut(Schema):
    code: str
    message: str
    person: Reference | None
    channel: ChannelRef | None
    numbers: dict[str, Any]


class SignalFilter(Schema):
    person: Annotated[Text, LOOKUP] | None = None
    limit: Limit = 50
    offset: Offset = 0


class AlsoInOut(Schema):
    id: int
    name: str
    people: int


class EventNameOut(Schema):
    id: int
    name: str


class FiguresOut(Schema):
    """What a channel and the whole report count alike."""

    hours: str
    money: dict[str, str]
    new_contacts: int
    favours_received: int
    recommendations_received: int
    orders_won: int
    won_values: dict[str, str]
    orders_won_unvalued: int
    results: int
    hours_per_result: str | None


class ChannelOut(FiguresOut):
    kind: str
    id: int
    name: str
    also_in: list[AlsoInOut]
    events: list[EventNameOut]
    events_included: bool


class RoiTotalOut(FiguresOut):
    shared_people: int


class RoiOut(Page[ChannelOut]):
    since: str
    until: str
    by: str | None
    total: RoiTotalOut


class RoiFilter(Schema):
    by: Annotated[str, Rule(enum=["", "event", "organisation", "circle"])] | None = None
    since: Annotated[Text, DAY_OR_EMPTY] | None = None
    until: Annotated[Text, DAY_OR_EMPTY] | None = None
    limit: Limit = 50
    offset: Offset = 0


# The fields that name a person, and those that name a channel: one sent as a number is
# an id.
PEOPLE = {"giver", "receiver", "recommender", "recipient", "beneficiary"}
CHANNELS = {"event", "organisation", "circle"}


def _date(value: str | None, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    storable(field, value)
    return parse_day(value, field)


# --- favours ---------------------------------------------------------------------------


@router.get("/favours", response=Page[FavourOut])
def list_favours(request: HttpRequest, filters: Query[FavourFilter]) -> dict[str, Any]:
    """Favours newest first: of a person (given or received), of a kind, between two
    days, ``open`` ones (nothing came of them yet), ``unthanked`` ones."""
    return page_from(
        filters,
        s.list_favours,
        s.favour_as_dict,
        actor(request),
        person=filters.person,
        kind=filters.kind,
        since=filters.since,
        until=filters.until,
        open_only=filters.open,
        unthanked=filters.unthanked,
    )


@router.post("/favours", response={201: FavourOut})
def create_favour(request: HttpRequest, payload: FavourIn) -> Status[dict[str, Any]]:
    """Record a favour; a person is a name, an id or "me"."""
    with as_named(DATE_IS_ON):
        favour = s.add_favour(actor(request), **arguments(payload, PEOPLE, DATE_IS_ON))
    return Status(201, s.favour_as_dict(favour))


@router.get("/favours/{favour_id}", response=FavourOut)
def read_favour(request: HttpRequest, favour_id: int) -> dict[str, Any]:
    """One favour."""
    return s.favour_as_dict(s.get_favour(actor(request), favour_id))


@router.patch("/favours/{favour_id}", response=FavourOut)
def update_favour(request: HttpRequest, favour_id: int, payload: FavourPatch) -> dict[str, Any]:
    """Change a favour; ``thanked`` false forgets the thanks, true notes them today."""
    sent = changes(payload, {"value", "minutes", "won_value", "note"}, PEOPLE, DATE_IS_ON)
    with as_named(DATE_IS_ON):
        return s.favour_as_dict(s.edit_favour(actor(request), favour_id, **sent))


@router.delete("/favours/{favour_id}", response={204: None})
def delete_favour(request: HttpRequest, favour_id: int) -> Status[None]:
    """Delete a favour."""
    s.delete_favour(actor(request), favour_id)
    return Status(204, None)


@router.post("/favours/{favour_id}/thank", response=FavourOut)
def thank_favour(request: HttpRequest, favour_id: int, payload: ThankIn) -> dict[str, Any]:
    """Note that the favour was thanked (today, or ``on``)."""
    return s.favour_as_dict(s.thank_favour(actor(request), favour_id, on=payload.on))


@router.post("/favours/{favour_id}/outcome", response=FavourOut)
def set_favour_outcome(request: HttpRequest, favour_id: int, payload: OutcomeIn) -> dict[str, Any]:
    """What came of the favour (``won`` with the order's ``value``)."""
    favour = s.set_favour_outcome(actor(request), favour_id, payload.outcome, value=payload.value)
    return s.favour_as_dict(favour)


# --- recommendations -------------------------------------------------------------------


def _recommendation(member: Member) -> Callable[[Recommendation], dict[str, Any]]:
    """Renders a recommendation with ``member``'s role in it."""
    me_id = member.me.pk
    return lambda row: s.recommendation_as_dict(row, me_id)


@router.get("/recommendations", response=Page[RecommendationOut])
def list_recommendations(
    request: HttpRequest, filters: Query[RecommendationFilter]
) -> dict[str, Any]:
    """Recommendations newest first: those ``person`` is part of (in ``role``, if given;
    ``role`` alone: mine), between two days."""
    member = actor(request)
    return page_from(
        filters,
        s.list_recommendations,
        _recommendation(member),
        member,
        person=filters.person,
        role=filters.role,
        since=filters.since,
        until=filters.until,
    )


@router.post("/recommendations", response={201: RecommendationOut})
def create_recommendation(
    request: HttpRequest, payload: RecommendationIn
) -> Status[dict[str, Any]]:
    """Record a recommendation, the triangle of three different people."""
    member = actor(request)
    with as_named(DATE_IS_ON):
        found = s.add_recommendation(member, **arguments(payload, PEOPLE, DATE_IS_ON))
    return Status(201, _recommendation(member)(found))


@router.get("/recommendations/{recommendation_id}", response=RecommendationOut)
def read_recommendation(request: HttpRequest, recommendation_id: int) -> dict[str, Any]:
    """One recommendation, with my role in it."""
    member = actor(request)
    return _recommendation(member)(s.get_recommendation(member, recommendation_id))


@router.patch("/recommendations/{recommendation_id}", response=RecommendationOut)
def update_recommendation(
    request: HttpRequest, recommendation_id: int, payload: RecommendationPatch
) -> dict[str, Any]:
    """Change a recommendation."""
    member = actor(request)
    sent = changes(payload, {"context", "won_value"}, PEOPLE, DATE_IS_ON)
    with as_named(DATE_IS_ON):
        found = s.edit_recommendation(member, recommendation_id, **sent)
    return _recommendation(member)(found)


@router.delete("/recommendations/{recommendation_id}", response={204: None})
def delete_recommendation(request: HttpRequest, recommendation_id: int) -> Status[None]:
    """Delete a recommendation."""
    s.delete_recommendation(actor(request), recommendation_id)
    return Status(204, None)


@router.post("/recommendations/{recommendation_id}/thank", response=RecommendationOut)
def thank_recommendation(
    request: HttpRequest, recommendation_id: int, payload: RecommendationThankIn
) -> dict[str, Any]:
    """Note that the beneficiary (or the recipient) thanked the recommender."""
    member = actor(request)
    found = s.thank_recommendation(member, recommendation_id, by=payload.by, on=payload.on)
    return _recommendation(member)(found)


@router.post("/recommendations/{recommendation_id}/outcome", response=RecommendationOut)
def set_recommendation_outcome(
    request: HttpRequest, recommendation_id: int, payload: OutcomeIn
) -> dict[str, Any]:
    """What came of the recommendation (``won`` with the order's ``value``)."""
    member = actor(request)
    found = s.set_recommendation_outcome(
        member, recommendation_id, payload.outcome, value=payload.value
    )
    return _recommendation(member)(found)


# --- channel costs ---------------------------------------------------------------------


@router.get("/channel-costs", response=Page[ChannelCostOut])
def list_channel_costs(request: HttpRequest, filters: Query[ChannelCostFilter]) -> dict[str, Any]:
    """What channels cost beyond their events, newest first."""
    return page_from(
        filters, s.list_channel_costs, s.channel_cost_as_dict, actor(request), since=filters.since
    )


@router.post("/channel-costs", response={201: ChannelCostOut})
def create_channel_cost(request: HttpRequest, payload: ChannelCostIn) -> Status[dict[str, Any]]:
    """Record a membership fee, committee hours or a ticket for one channel."""
    cost = s.add_channel_cost(actor(request), **arguments(payload, CHANNELS))
    return Status(201, s.channel_cost_as_dict(cost))


@router.delete("/channel-costs/{cost_id}", response={204: None})
def delete_channel_cost(request: HttpRequest, cost_id: int) -> Status[None]:
    """Delete a recorded cost."""
    s.delete_channel_cost(actor(request), cost_id)
    return Status(204, None)


# --- balance, signals, return on time ---------------------------------------------------


@router.get("/balance", response=BalanceOut)
def read_balance(request: HttpRequest, filters: Query[BalanceFilter]) -> dict[str, Any]:
    """My overall balance: what I gave and received, and my role in each triangle."""
    member = actor(request)
    overview = overall_balance(member, since=_date(filters.since, "since"), limit=0)
    return overview.total.as_dict()


@router.get("/balance/contacts", response=Page[BalanceOut])
def list_contact_balances(request: HttpRequest, filters: Query[ContactsFilter]) -> dict[str, Any]:
    """My balance with each contact I gave to or received from, the busiest first."""
    member = actor(request)
    since = _date(filters.since, "since")
    return page_of(
        lambda limit, offset: overall_balance(member, since=since, limit=offset + limit).contacts[
            offset:
        ],
        filters.limit,
        filters.offset,
        lambda balance: balance.as_dict(),
    )


@router.get("/persons/{person_id}/balance", response=BalanceOut)
def read_person_balance(
    request: HttpRequest, person_id: int, filters: Query[BalanceFilter]
) -> dict[str, Any]:
    """My balance with one contact (with me: the overall one)."""
    member = actor(request)
    person = resolve_person(member, person_id)
    return person_balance(member, person, since=_date(filters.since, "since")).as_dict()


@router.get("/signals", response=Page[SignalOut])
def list_signals(request: HttpRequest, filters: Query[SignalFilter]) -> dict[str, Any]:
    """Signals about give and take, each with its numbers (all, or about ``person``)."""
    member = actor(request)
    person = resolve_person(member, filters.person) if filters.person is not None else None
    found = find_signals(member, person=person)
    return page_of_list(found, filters.limit, filters.offset, lambda signal: signal.as_dict())


@router.get("/roi", response=RoiOut)
def read_roi(request: HttpRequest, filters: Query[RoiFilter]) -> dict[str, Any]:
    """The return on networking time per channel (event, organisation, circle; ``by``
    one kind), the most time-consuming first; the last 12 months unless ``since``.
    ``total`` counts every record once, however many rows show it (a person in two
    circles, ``by=circle``); ``also_in`` names the other circles of a circle's people."""
    member = actor(request)
    report = roi_report(
        member,
        by=filters.by.strip().casefold() if filters.by is not None else None,
        since=_date(filters.since, "since"),
        until=_date(filters.until, "until"),
    )
    page = page_of_list(
        report.channels, filters.limit, filters.offset, lambda channel: channel.as_dict()
    )
    return {
        **page,
        "since": report.since.isoformat(),
        "until": report.until.isoformat(),
        "by": report.by,
        "total": report.total_dict(),
    }
