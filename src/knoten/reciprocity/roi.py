"""Return on networking time: what each channel took and what came of it.

A channel is an event, an organisation (an association, a club, an alumni network, an
online platform) or a circle. For a period (the last 12 months by default):

* **time**: an event's hours; the minutes of conversations logged at it; the effort of
  favours *me* did the people met through the channel; the hours of its costs
  (:class:`~knoten.reciprocity.models.ChannelCost`). An organisation adds up its own
  events; a circle counts the conversations with its members.
* **money**: an event's cost and the channel's costs, per currency.
* **results**: the new contacts met through it in the period, the favours and the
  recommendations its people gave *me*, and the orders won from them with their value.

The people *through* a channel: for an event, those met there (how we met); for an
organisation, those met at it or at one of its events; for a circle, its members. A
result counts for the channel of the person who brought it.

Listed are every event of the period, every circle with something to show, and the
organisations *me* is a member of or that took time or money in the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from knoten.core.clock import today
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.journal.models import Event, Participation
from knoten.journal.visibility import visible_interactions
from knoten.people.models import Affiliation, Circle, Organisation, Person
from knoten.reciprocity.models import ChannelCost
from knoten.reciprocity.services import visible_favours, visible_recommendations

KINDS = ("event", "organisation", "circle")
HOUR = Decimal(60)


@dataclass
class Channel:
    kind: str
    id: int
    name: str
    hours: Decimal = Decimal(0)
    money: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    new_contacts: int = 0
    favours_received: int = 0
    recommendations_received: int = 0
    orders_won: int = 0
    won_values: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    member: bool = False  # *me* is a member (organisations)

    @property
    def results(self) -> int:
        """New contacts, favours and recommendations received (orders won are among them)."""
        return self.new_contacts + self.favours_received + self.recommendations_received

    @property
    def hours_per_result(self) -> Decimal | None:
        return (self.hours / self.results).quantize(Decimal("0.1")) if self.results else None

    def add_minutes(self, minutes: int | None) -> None:
        if minutes:
            self.hours += Decimal(minutes) / HOUR

    def as_dict(self) -> dict[str, Any]:
        per = self.hours_per_result
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "hours": f"{self.hours:.1f}",
            "money": {c: f"{a:.2f}" for c, a in sorted(self.money.items()) if a},
            "new_contacts": self.new_contacts,
            "favours_received": self.favours_received,
            "recommendations_received": self.recommendations_received,
            "orders_won": self.orders_won,
            "won_values": {c: f"{a:.2f}" for c, a in sorted(self.won_values.items()) if a},
            "results": self.results,
            "hours_per_result": f"{per:.1f}" if per is not None else None,
        }


@dataclass
class Report:
    since: dt.date
    until: dt.date
    channels: list[Channel]

    def as_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "channels": [channel.as_dict() for channel in self.channels],
        }


DEFAULT_MONTHS = 12  # the period looked back on when none is said


def default_since(until: dt.date | None = None, months: int = DEFAULT_MONTHS) -> dt.date:
    """The same day ``months`` months before ``until`` (today)."""
    end = until or today()
    year, month = divmod(end.month - 1 - months, 12)
    year += end.year
    month += 1
    day = min(end.day, _days_in(year, month))
    return dt.date(year, month, day)


def _days_in(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


def _in(day: dt.date | None, since: dt.date, until: dt.date) -> bool:
    return day is not None and since <= day <= until


class _Results:
    """Favours and recommendations *me* received, by the giver's id."""

    def __init__(self, actor: Member, since: dt.date, until: dt.date) -> None:
        me = actor.me.pk
        self.favours: dict[int, list[tuple[str, Decimal | None, str]]] = defaultdict(list)
        for giver, outcome, won, currency in (
            visible_favours(actor)
            .filter(receiver_id=me, given_on__range=(since, until))
            .values_list("giver_id", "outcome", "won_value", "won_currency")
        ):
            self.favours[giver].append((outcome, won, currency))
        self.recommendations: dict[int, list[tuple[str, Decimal | None, str]]] = defaultdict(list)
        for recommender, beneficiary, outcome, won, currency in (
            visible_recommendations(actor)
            .filter(Q(recipient_id=me) | Q(beneficiary_id=me), made_on__range=(since, until))
            .values_list("recommender_id", "beneficiary_id", "outcome", "won_value", "won_currency")
        ):
            self.recommendations[recommender].append(
                (outcome if beneficiary == me else "", won, currency)
            )
        # The effort of favours *me* did, by the receiver's id.
        self.effort: dict[int, int] = defaultdict(int)
        for receiver, minutes in (
            visible_favours(actor)
            .filter(giver_id=me, given_on__range=(since, until), effort_minutes__gt=0)
            .values_list("receiver_id", "effort_minutes")
        ):
            self.effort[receiver] += minutes or 0

    def people(self) -> set[int]:
        return set(self.favours) | set(self.recommendations) | set(self.effort)

    def credit(self, channel: Channel, person_id: int) -> None:
        for outcome, won, currency in self.favours.get(person_id, ()):
            channel.favours_received += 1
            self._won(channel, outcome, won, currency)
        for outcome, won, currency in self.recommendations.get(person_id, ()):
            channel.recommendations_received += 1
            self._won(channel, outcome, won, currency)
        channel.add_minutes(self.effort.get(person_id))

    @staticmethod
    def _won(channel: Channel, outcome: str, won: Decimal | None, currency: str) -> None:
        if outcome == "won":
            channel.orders_won += 1
            if won is not None:
                channel.won_values[currency] += won


def _costs(
    actor: Member, since: dt.date, until: dt.date, column: str
) -> dict[int, list[tuple[Decimal | None, str, Decimal | None]]]:
    found: dict[int, list[tuple[Decimal | None, str, Decimal | None]]] = defaultdict(list)
    for pk, amount, currency, hours in ChannelCost.objects.filter(
        network_id=actor.network_id, spent_on__range=(since, until), **{f"{column}__isnull": False}
    ).values_list(f"{column}_id", "amount", "currency", "hours"):
        found[pk].append((amount, currency, hours))
    return found


def _add_costs(
    channel: Channel, costs: Iterable[tuple[Decimal | None, str, Decimal | None]]
) -> None:
    for amount, currency, hours in costs:
        if amount is not None:
            channel.money[currency] += amount
        if hours is not None:
            channel.hours += hours


def _met_day(met_on: Any, created: dt.datetime) -> dt.date:
    """When a person was met: the how-we-met date (its first day), else when recorded."""
    if isinstance(met_on, PartialDate):
        day = met_on.earliest()
        if day is not None:
            return day
    return created.date()


def _conversation_minutes(
    actor: Member, since: dt.date, until: dt.date, events: Iterable[int]
) -> dict[int, int]:
    minutes: dict[int, int] = defaultdict(int)
    ids = list(events)
    if not ids:
        return minutes
    for event_id, duration in (
        visible_interactions(actor)
        .filter(event_id__in=ids, occurred_on__range=(since, until), duration_minutes__gt=0)
        .values_list("event_id", "duration_minutes")
    ):
        minutes[event_id] += duration or 0
    return minutes


def _events(actor: Member, since: dt.date, until: dt.date, results: _Results) -> list[Channel]:
    events = list(
        Event.objects.filter(network_id=actor.network_id, starts_on__range=(since, until))
        .values_list("pk", "name", "cost", "currency", "hours_spent")
        .order_by("starts_on", "pk")
    )
    channels: dict[int, Channel] = {}
    for pk, name, cost, currency, hours in events:
        channel = channels[pk] = Channel("event", pk, name)
        if cost is not None:
            channel.money[currency] += cost
        if hours is not None:
            channel.hours += hours
    for pk, costs in _costs(actor, since, until, "event").items():
        if pk in channels:
            _add_costs(channels[pk], costs)
    for pk, minutes in _conversation_minutes(actor, since, until, channels).items():
        channels[pk].add_minutes(minutes)
    for person_id, event_id in Person.objects.filter(
        network_id=actor.network_id, met_at_event_id__in=list(channels)
    ).values_list("pk", "met_at_event_id"):
        channel = channels[event_id]
        channel.new_contacts += 1
        results.credit(channel, person_id)
    return list(channels.values())


def _organisations(
    actor: Member, since: dt.date, until: dt.date, results: _Results
) -> list[Channel]:
    network = actor.network_id
    member_of = set(
        Affiliation.objects.filter(
            network_id=network, person_id=actor.me.pk, kind="membership"
        ).values_list("organisation_id", flat=True)
    )
    costs = _costs(actor, since, until, "organisation")
    events: dict[int, list[tuple[int, Decimal | None, str, Decimal | None]]] = defaultdict(list)
    for pk, organiser, cost, currency, hours in Event.objects.filter(
        network_id=network, organiser__isnull=False, starts_on__range=(since, until)
    ).values_list("pk", "organiser_id", "cost", "currency", "hours_spent"):
        events[organiser].append((pk, cost, currency, hours))
    minutes = _conversation_minutes(
        actor, since, until, [pk for items in events.values() for pk, *_ in items]
    )
    chosen = (
        member_of
        | set(costs)
        | {
            organiser
            for organiser, items in events.items()
            if any(cost or hours or minutes.get(pk) for pk, cost, _, hours in items)
        }
    )
    names = dict(
        Organisation.objects.filter(network_id=network, pk__in=chosen).values_list("pk", "name")
    )
    channels = {pk: Channel("organisation", pk, names[pk], member=pk in member_of) for pk in names}
    for pk, channel in channels.items():
        _add_costs(channel, costs.get(pk, ()))
        for event_id, cost, currency, hours in events.get(pk, ()):
            if cost is not None:
                channel.money[currency] += cost
            if hours is not None:
                channel.hours += hours
            channel.add_minutes(minutes.get(event_id))
    if not channels:
        return []
    # The people met at the organisation or at one of its events (of any time: a
    # contact made years ago can bring a result now; "new" only when met in the period).
    through = Person.objects.filter(network_id=network).filter(
        Q(met_at_organisation_id__in=list(channels))
        | Q(met_at_event__organiser_id__in=list(channels))
    )
    for person_id, organisation_id, organiser_id, event_day, met_on, created in through.values_list(
        "pk",
        "met_at_organisation_id",
        "met_at_event__organiser_id",
        "met_at_event__starts_on",
        "met_on",
        "created_at",
    ):
        owner = organisation_id if organisation_id in channels else organiser_id
        channel = channels[owner]
        met = event_day if organisation_id not in channels and event_day else None
        if _in(met or _met_day(met_on, created), since, until):
            channel.new_contacts += 1
        results.credit(channel, person_id)
    return list(channels.values())


def _circles(actor: Member, since: dt.date, until: dt.date, results: _Results) -> list[Channel]:
    network = actor.network_id
    circles = dict(Circle.objects.filter(network_id=network).values_list("pk", "name"))
    channels = {pk: Channel("circle", pk, name) for pk, name in circles.items()}
    for pk, costs in _costs(actor, since, until, "circle").items():
        if pk in channels:
            _add_costs(channels[pk], costs)
    members: dict[int, set[int]] = defaultdict(set)
    Membership = Person.circles.through
    for person_id, circle_id in Membership.objects.filter(circle__network_id=network).values_list(
        "person_id", "circle_id"
    ):
        members[person_id].add(circle_id)
    # Conversations with members: each conversation once per circle.
    visible = visible_interactions(actor).filter(
        occurred_on__range=(since, until), duration_minutes__gt=0
    )
    counted: set[tuple[int, int]] = set()
    for interaction_id, person_id, duration in Participation.objects.filter(
        network_id=network, interaction__in=visible
    ).values_list("interaction_id", "person_id", "interaction__duration_minutes"):
        for circle_id in members.get(person_id, ()):
            if (circle_id, interaction_id) not in counted:
                counted.add((circle_id, interaction_id))
                channels[circle_id].add_minutes(duration)
    # The members as a subquery: a list of 27,000 ids costs more to bind than to read.
    in_circles = Membership.objects.filter(circle__network_id=network).values("person_id")
    new = Person.objects.filter(network_id=network, pk__in=in_circles).values_list(
        "pk", "met_on", "created_at"
    )
    for person_id, met_on, created in new.iterator(5000):
        if _in(_met_day(met_on, created), since, until):
            for circle_id in members[person_id]:
                channels[circle_id].new_contacts += 1
    for person_id in results.people():
        for circle_id in members.get(person_id, ()):
            results.credit(channels[circle_id], person_id)
    return [c for c in channels.values() if c.hours or c.money or c.results]


def roi(
    actor: Member,
    *,
    by: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Report:
    """The return on networking time per channel, the most time-consuming first."""
    if by not in (None, "") and by not in KINDS:
        raise InvalidInput("by", by, "is not event, organisation or circle")
    end = until or today()
    start = since or default_since(end)
    if start > end:
        raise InvalidInput("since", start.isoformat(), f"is after {end.isoformat()}")
    channels: list[Channel] = []
    results = _Results(actor, start, end)  # read once, credited by every kind
    for kind, build in (("event", _events), ("organisation", _organisations), ("circle", _circles)):
        if by in (None, "", kind):
            channels.extend(build(actor, start, end, results))
    channels.sort(key=lambda c: (-c.hours, -c.results, KINDS.index(c.kind), c.name.casefold()))
    return Report(start, end, channels)


__all__ = ["DEFAULT_MONTHS", "KINDS", "Channel", "Report", "default_since", "roi"]
