"""Return on networking time: what each channel took and what came of it.

A channel is an event, an organisation (an association, a club, an alumni network, an
online platform) or a circle. For a period (the last 12 months by default):

* **time**: an event's hours; the minutes of conversations logged at it; the effort of
  favours *me* did the people met through the channel; the hours of its costs
  (:class:`~knoten.reciprocity.models.ChannelCost`).
* **money**: an event's cost and the channel's costs, per currency.
* **results**: the new contacts met through it in the period, the favours and the
  recommendations its people gave *me*, and the orders won from them. An order's value
  is the value won, else the value of the favour (a lead passed on); an order won
  without either is counted as such, so that the sum covers exactly the orders it names.

Every hour and every result is a record (an event, a cost, a conversation, a favour, a
recommendation, a person met), and a row holds each record at most once; the total of a
report holds each record once too, however many rows show it.

**All channels** (and ``by="event"``): a person's results count once, for the channel
where the relationship began (how we met): the event met at, else the organisation met
at, else the first circle they were put in. An event an organisation organised is its own
row; the organisation's row names it but does not add it again. A circle counts the
conversations not held at an event, once, for the first circle of their first
participant in a circle. An event is listed when it was in the period or brought
something in it.

**By organisation**: an organisation adds up its events of the period (their hours,
money and conversations) and the people met at it or at one of its events.

**By circle**: a circle counts all its members: their results, the conversations with
them (each once per circle). A person in several circles shows in each, and the row says
which other circles its people are also in (``also_in``); the total counts them once.

Listed are the events as said, every circle with something to show, and the
organisations *me* is a member of or that took time or money or brought something.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
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

Key = tuple[str, int]  # a record: ("event", 3), ("cost", 7), ("favour", 12), ...
Value = tuple[Decimal, str] | None  # an order's value and currency (None: not known)


@dataclass
class Channel:
    """One row: the records it holds, keyed so that a merge counts each once."""

    kind: str
    id: int
    name: str
    member: bool = False  # *me* is a member (organisations)
    time: dict[Key, Decimal] = field(default_factory=dict)  # hours by record
    spent: dict[Key, tuple[Decimal, str]] = field(default_factory=dict)  # money by record
    met: set[int] = field(default_factory=set)  # the new contacts (persons)
    favours: set[int] = field(default_factory=set)
    recommendations: set[int] = field(default_factory=set)
    won: dict[Key, Value] = field(default_factory=dict)  # the orders won and their value
    people: set[int] = field(default_factory=set)  # the persons whose records it holds
    also_in: list[tuple[int, str, int]] = field(default_factory=list)  # circle, name, persons
    events: list[tuple[int, str]] = field(default_factory=list)  # an organisation's events
    events_included: bool = False  # its events' hours and money are in this row
    listed: bool = False  # shown even with nothing to show (an event of the period)

    @property
    def hours(self) -> Decimal:
        return sum(self.time.values(), Decimal(0))

    @property
    def money(self) -> dict[str, Decimal]:
        return _per_currency(self.spent.values())

    @property
    def new_contacts(self) -> int:
        return len(self.met)

    @property
    def favours_received(self) -> int:
        return len(self.favours)

    @property
    def recommendations_received(self) -> int:
        return len(self.recommendations)

    @property
    def orders_won(self) -> int:
        return len(self.won)

    @property
    def won_values(self) -> dict[str, Decimal]:
        """The value of the orders won that have one, per currency."""
        return _per_currency(value for value in self.won.values() if value is not None)

    @property
    def orders_won_unvalued(self) -> int:
        """The orders won with no value known (counted, not in :attr:`won_values`)."""
        return sum(1 for value in self.won.values() if value is None)

    @property
    def results(self) -> int:
        """New contacts, favours and recommendations received (orders won are among them)."""
        return self.new_contacts + self.favours_received + self.recommendations_received

    @property
    def hours_per_result(self) -> Decimal | None:
        return (self.hours / self.results).quantize(Decimal("0.1")) if self.results else None

    def add_hours(self, key: Key, hours: Decimal | None) -> None:
        if hours:
            self.time[key] = Decimal(hours)

    def add_minutes(self, key: Key, minutes: int | None) -> None:
        if minutes:
            self.time[key] = Decimal(minutes) / HOUR

    def add_money(self, key: Key, amount: Decimal | None, currency: str) -> None:
        if amount:
            self.spent[key] = (amount, currency)

    def merge(self, other: Channel) -> None:
        """Take in ``other``'s records; one both hold stays one."""
        self.time.update(other.time)
        self.spent.update(other.spent)
        self.met |= other.met
        self.favours |= other.favours
        self.recommendations |= other.recommendations
        self.won.update(other.won)
        self.people |= other.people

    def as_dict(self) -> dict[str, Any]:
        per = self.hours_per_result
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "hours": f"{self.hours:.1f}",
            "money": _shown(self.money),
            "new_contacts": self.new_contacts,
            "favours_received": self.favours_received,
            "recommendations_received": self.recommendations_received,
            "orders_won": self.orders_won,
            "won_values": _shown(self.won_values),
            "orders_won_unvalued": self.orders_won_unvalued,
            "results": self.results,
            "hours_per_result": f"{per:.1f}" if per is not None else None,
            "also_in": [
                {"id": pk, "name": name, "people": count} for pk, name, count in self.also_in
            ],
            "events": [{"id": pk, "name": name} for pk, name in self.events],
            "events_included": self.events_included,
        }


def _per_currency(amounts: Iterable[tuple[Decimal, str]]) -> dict[str, Decimal]:
    found: dict[str, Decimal] = defaultdict(Decimal)
    for amount, currency in amounts:
        found[currency] += amount
    return {currency: sum_ for currency, sum_ in found.items() if sum_}


def _shown(amounts: dict[str, Decimal]) -> dict[str, str]:
    return {currency: f"{amount:.2f}" for currency, amount in sorted(amounts.items())}


@dataclass
class Report:
    since: dt.date
    until: dt.date
    channels: list[Channel]
    by: str | None = None

    @property
    def total(self) -> Channel:
        """Every record of the rows, each once (a person in two circles counts once)."""
        total = Channel("total", 0, "")
        for channel in self.channels:
            total.merge(channel)
        return total

    @property
    def shared(self) -> int:
        """The persons whose records show in more than one row."""
        seen = Counter(pk for channel in self.channels for pk in channel.people)
        return sum(1 for count in seen.values() if count > 1)

    def as_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "by": self.by,
            "channels": [channel.as_dict() for channel in self.channels],
            "total": self.total_dict(),
        }

    def total_dict(self) -> dict[str, Any]:
        found = self.total.as_dict()
        for name in ("kind", "id", "name", "also_in", "events", "events_included"):
            del found[name]
        found["shared_people"] = self.shared
        return found


DEFAULT_MONTHS = 12  # the period looked back on when none is said


def default_since(until: dt.date | None = None, months: int = DEFAULT_MONTHS) -> dt.date:
    """The same day ``months`` months before ``until`` (today)."""
    end = until or today()
    year, month = divmod(end.month - 1 - months, 12)
    year += end.year
    month += 1
    day = min(end.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


class _Results:
    """Favours and recommendations *me* received, and the effort of favours *me* did,
    by the other person's id."""

    def __init__(self, actor: Member, since: dt.date, until: dt.date) -> None:
        me = actor.me.pk
        self.records: dict[int, list[tuple[str, int, bool, Value]]] = defaultdict(list)
        for pk, giver, outcome, won, won_currency, value, currency in (
            visible_favours(actor)
            .filter(receiver_id=me, given_on__range=(since, until))
            .values_list(
                "pk", "giver_id", "outcome", "won_value", "won_currency", "value", "currency"
            )
        ):
            # The order's value: the value won, else what the favour (a lead) was worth.
            worth: Value = (
                (won, won_currency)
                if won is not None
                else (value, currency)
                if value is not None
                else None
            )
            self.records[giver].append(("favour", pk, outcome == "won", worth))
        for pk, recommender, beneficiary, outcome, won, currency in (
            visible_recommendations(actor)
            .filter(Q(recipient_id=me) | Q(beneficiary_id=me), made_on__range=(since, until))
            .values_list(
                "pk", "recommender_id", "beneficiary_id", "outcome", "won_value", "won_currency"
            )
        ):
            # Only the beneficiary's orders are *me*'s to count as won.
            is_won = outcome == "won" and beneficiary == me
            worth = (won, currency) if won is not None else None
            self.records[recommender].append(("recommendation", pk, is_won, worth))
        self.effort: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for pk, receiver, minutes in (
            visible_favours(actor)
            .filter(giver_id=me, given_on__range=(since, until), effort_minutes__gt=0)
            .values_list("pk", "receiver_id", "effort_minutes")
        ):
            self.effort[receiver].append((pk, minutes or 0))

    def people(self) -> set[int]:
        return set(self.records) | set(self.effort)

    def credit(self, channel: Channel, person_id: int) -> None:
        records = self.records.get(person_id, ())
        effort = self.effort.get(person_id, ())
        if records or effort:
            channel.people.add(person_id)
        for kind, pk, is_won, worth in records:
            (channel.favours if kind == "favour" else channel.recommendations).add(pk)
            if is_won:
                channel.won[(kind, pk)] = worth
        for pk, minutes in effort:
            channel.add_minutes(("effort", pk), minutes)


@dataclass
class _Met:
    """How a person was met, and whether that was in the period (a new contact)."""

    event: int | None
    organisation: int | None
    organiser: int | None  # of the event met at
    new: bool


def _met_day(met_on: Any, created: dt.datetime) -> dt.date:
    """When a person was met: the how-we-met date (its first day), else when recorded."""
    if isinstance(met_on, PartialDate):
        day = met_on.earliest()
        if day is not None:
            return day
    return created.date()


class _Build:
    """The rows of one report, and what every kind of row reads."""

    def __init__(self, actor: Member, since: dt.date, until: dt.date, by: str | None) -> None:
        self.actor = actor
        self.network = actor.network_id
        self.since, self.until = since, until
        self.results = _Results(actor, since, until)
        self.rows: dict[Key, Channel] = {}
        self.member_of = set(
            Affiliation.objects.filter(
                network_id=self.network, person_id=actor.me.pk, kind="membership"
            ).values_list("organisation_id", flat=True)
        )
        # Each person's circles, the first they were put in first.
        self.circles: dict[int, list[int]] = defaultdict(list)
        in_circles = Person.circles.through.objects.filter(circle__network_id=self.network)
        if by in (None, "circle"):
            for person_id, circle_id in in_circles.order_by("pk").values_list(
                "person_id", "circle_id"
            ):
                self.circles[person_id].append(circle_id)
        # The persons a view may credit (the members as a subquery: a list of 27,000 ids
        # costs more to bind than to read).
        members = Q(pk__in=in_circles.values("person_id"))
        events = Q(met_at_event__isnull=False)
        at_organisation = Q(met_at_organisation__isnull=False)
        whom = {
            "event": events,
            "organisation": at_organisation | Q(met_at_event__organiser__isnull=False),
            "circle": members,
        }
        self.met = self._met(whom.get(by or "", events | at_organisation | members))

    def _met(self, which: Q) -> dict[int, _Met]:
        """How the persons ``which`` with a result or met in the period were met."""
        wanted = self.results.people()
        found: dict[int, _Met] = {}
        rows = (
            Person.objects.filter(which, network_id=self.network)
            .exclude(pk=self.actor.me.pk)
            .values_list(
                "pk",
                "met_at_event_id",
                "met_at_event__starts_on",
                "met_at_event__organiser_id",
                "met_at_organisation_id",
                "met_on",
                "created_at",
            )
        )
        for pk, event, event_day, organiser, organisation, met_on, created in rows.iterator(5000):
            day = event_day if event is not None and event_day else _met_day(met_on, created)
            new = self.since <= day <= self.until
            if new or pk in wanted:
                found[pk] = _Met(event, organisation, organiser, new)
        return found

    def row(self, kind: str, pk: int) -> Channel:
        key = (kind, pk)
        if key not in self.rows:
            self.rows[key] = Channel(
                kind, pk, "", member=kind == "organisation" and pk in self.member_of
            )
        return self.rows[key]

    def credit(self, kind: str, pk: int, person_id: int) -> None:
        channel = self.row(kind, pk)
        if self.met[person_id].new:
            channel.met.add(person_id)
            channel.people.add(person_id)
        self.results.credit(channel, person_id)

    def costs(self, kind: str) -> None:
        for pk, owner, amount, currency, hours in ChannelCost.objects.filter(
            network_id=self.network,
            spent_on__range=(self.since, self.until),
            **{f"{kind}__isnull": False},
        ).values_list("pk", f"{kind}_id", "amount", "currency", "hours"):
            self.cost_into(self.row(kind, owner), pk, amount, currency, hours)

    @staticmethod
    def cost_into(
        channel: Channel, pk: int, amount: Decimal | None, currency: str, hours: Decimal | None
    ) -> None:
        channel.add_money(("cost", pk), amount, currency)
        channel.add_hours(("cost", pk), hours)

    def period_events(self) -> list[tuple[int, str, int | None]]:
        """The events of the period: id, name, organiser."""
        return list(
            Event.objects.filter(network_id=self.network, starts_on__range=(self.since, self.until))
            .order_by("starts_on", "pk")
            .values_list("pk", "name", "organiser_id")
        )

    def event_costs(self, rows: dict[int, Channel]) -> None:
        """The hours and money of the events in ``rows`` (event id: the row they go
        into) held in the period, their costs and the conversations logged at them."""
        ids = list(rows)
        for pk, cost, currency, hours in Event.objects.filter(
            network_id=self.network, pk__in=ids, starts_on__range=(self.since, self.until)
        ).values_list("pk", "cost", "currency", "hours_spent"):
            rows[pk].add_money(("event", pk), cost, currency)
            rows[pk].add_hours(("event", pk), hours)
        for pk, event, amount, currency, hours in ChannelCost.objects.filter(
            network_id=self.network, spent_on__range=(self.since, self.until), event_id__in=ids
        ).values_list("pk", "event_id", "amount", "currency", "hours"):
            self.cost_into(rows[event], pk, amount, currency, hours)
        for pk, event, minutes in (
            visible_interactions(self.actor)
            .filter(
                event_id__in=ids,
                occurred_on__range=(self.since, self.until),
                duration_minutes__gt=0,
            )
            .values_list("pk", "event_id", "duration_minutes")
        ):
            rows[event].add_minutes(("conversation", pk), minutes)

    def conversations(self) -> list[tuple[int, int, int | None, int | None]]:
        """The conversations of the period that took time, by participant: conversation,
        person, its event, its minutes (in the order the participants were noted)."""
        visible = visible_interactions(self.actor).filter(
            occurred_on__range=(self.since, self.until), duration_minutes__gt=0
        )
        return list(
            Participation.objects.filter(network_id=self.network, interaction__in=visible)
            .order_by("pk")
            .values_list(
                "interaction_id",
                "person_id",
                "interaction__event_id",
                "interaction__duration_minutes",
            )
        )

    def named(self) -> list[Channel]:
        """The rows with their names, those without anything left out (but the events of
        the period and the organisations *me* is a member of)."""
        models: dict[str, type[Event] | type[Organisation] | type[Circle]] = {
            "event": Event,
            "organisation": Organisation,
            "circle": Circle,
        }
        for kind, model in models.items():
            ids = [pk for k, pk in self.rows if k == kind]
            names: dict[int, str] = dict(
                model._default_manager.filter(network_id=self.network, pk__in=ids).values_list(
                    "pk", "name"
                )
            )
            for pk in ids:
                self.rows[(kind, pk)].name = names.get(pk, "")
        return [
            channel
            for channel in self.rows.values()
            if channel.name
            and (
                channel.hours
                or channel.money
                or channel.results
                or channel.member
                or channel.listed
            )
        ]


def _by_origin(build: _Build, kinds: tuple[str, ...]) -> list[Channel]:
    """Each record once, for the channel where the relationship began."""
    period = build.period_events()
    for pk, _name, _organiser in period:
        build.row("event", pk).listed = True
    build.costs("event")  # the costs of an event, not of the period, list it too
    if "organisation" in kinds:
        for pk in build.member_of:
            build.row("organisation", pk)
        build.costs("organisation")
        for pk, name, organiser in period:
            if organiser is not None:
                build.row("organisation", organiser).events.append((pk, name))
    if "circle" in kinds:
        build.costs("circle")
    for person_id, met in build.met.items():
        if met.event is not None:
            build.credit("event", met.event, person_id)
        elif "organisation" not in kinds:
            continue
        elif met.organisation is not None:
            build.credit("organisation", met.organisation, person_id)
        elif build.circles.get(person_id):
            build.credit("circle", build.circles[person_id][0], person_id)
    build.event_costs({pk: c for (kind, pk), c in build.rows.items() if kind == "event"})
    if "circle" in kinds:
        counted: set[int] = set()
        for conversation, person_id, event, minutes in build.conversations():
            if event is not None or conversation in counted or not build.circles.get(person_id):
                continue
            counted.add(conversation)
            build.row("circle", build.circles[person_id][0]).add_minutes(
                ("conversation", conversation), minutes
            )
    return build.named()


def _by_organisation(build: _Build) -> list[Channel]:
    """An organisation with its events: their hours and money, the people met there."""
    for pk in build.member_of:
        build.row("organisation", pk)
    build.costs("organisation")
    events: dict[int, Channel] = {}
    for pk, name, organiser in build.period_events():
        if organiser is not None:
            channel = events[pk] = build.row("organisation", organiser)
            channel.events.append((pk, name))
    build.event_costs(events)
    # The people met at an organisation or at one of its events (of any time: a contact
    # made years ago can bring a result now; "new" only when met in the period).
    for person_id, met in build.met.items():
        owner = met.organisation if met.organisation is not None else met.organiser
        if owner is not None:
            build.credit("organisation", owner, person_id)
    channels = build.named()
    for channel in channels:
        channel.events_included = True
    return channels


def _by_circle(build: _Build) -> list[Channel]:
    """A circle with all its members (a person in several in each)."""
    build.costs("circle")
    for conversation, person_id, _event, minutes in build.conversations():
        for circle_id in build.circles.get(person_id, ()):
            build.row("circle", circle_id).add_minutes(("conversation", conversation), minutes)
    for person_id in build.met:
        for circle_id in build.circles.get(person_id, ()):
            build.credit("circle", circle_id, person_id)
    return build.named()


def _also_in(build: _Build, channels: list[Channel]) -> None:
    """Which other circles the people of each circle row are also in."""
    rows = [channel for channel in channels if channel.kind == "circle"]
    if not rows:
        return
    names = dict(Circle.objects.filter(network_id=build.network).values_list("pk", "name"))
    for channel in rows:
        others = Counter(
            circle_id
            for person_id in channel.people
            for circle_id in build.circles.get(person_id, ())
            if circle_id != channel.id
        )
        channel.also_in = sorted(
            ((pk, names.get(pk, ""), count) for pk, count in others.items()),
            key=lambda item: item[1].casefold(),
        )


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
    build = _Build(actor, start, end, by or None)
    if by == "organisation":
        channels = _by_organisation(build)
    elif by == "circle":
        channels = _by_circle(build)
    else:
        channels = _by_origin(build, ("event",) if by == "event" else KINDS)
    _also_in(build, channels)
    channels.sort(key=lambda c: (-c.hours, -c.results, KINDS.index(c.kind), c.name.casefold()))
    return Report(start, end, channels, by or None)


__all__ = ["DEFAULT_MONTHS", "KINDS", "Channel", "Report", "default_since", "roi"]
