"""The give-and-take balance: what *me* gave and received, per contact and overall.

Between *me* and a contact X:

* **given**: the favours *me* did X, and the recommendations *me* made in which X was
  the recipient or the beneficiary;
* **received**: the favours X did *me*, and the recommendations X made in which *me* was
  the recipient or the beneficiary;
* **triangles**: every recommendation both are part of, counted by *my* role in it.

Overall, given and received are the same sums over every contact (a recommendation
counts once), and the triangles are all those *me* is part of, with the share in which
*me* was the beneficiary, the "laughing third".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from knoten.core.data import reference
from knoten.core.models import Member
from knoten.people.models import Person
from knoten.reciprocity.services import visible_favours, visible_recommendations

ROLES = ("recommender", "recipient", "beneficiary")


def _money(values: dict[str, Decimal]) -> dict[str, str]:
    return {currency: f"{amount:.2f}" for currency, amount in sorted(values.items())}


@dataclass
class Flow:
    """What went one way: favours (by kind, their values and effort) and recommendations."""

    favours: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    values: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    minutes: int = 0
    recommendations: int = 0
    won: int = 0  # orders won from these favours and recommendations
    won_values: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    won_unvalued: int = 0  # of ``won``, those with no value (not in ``won_values``)
    last: dt.date | None = None

    @property
    def total(self) -> int:
        return self.favours + self.recommendations

    def _seen(self, day: dt.date) -> None:
        if self.last is None or day > self.last:
            self.last = day

    def add_favour(
        self,
        kind: str,
        day: dt.date,
        value: Decimal | None,
        currency: str,
        minutes: int | None,
        outcome: str,
        won_value: Decimal | None,
        won_currency: str,
    ) -> None:
        self.favours += 1
        self.by_kind[kind] += 1
        if value is not None:
            self.values[currency] += value
        self.minutes += minutes or 0
        self._won(outcome, won_value, won_currency)
        self._seen(day)

    def add_recommendation(
        self, day: dt.date, outcome: str, won_value: Decimal | None, won_currency: str
    ) -> None:
        self.recommendations += 1
        self._won(outcome, won_value, won_currency)
        self._seen(day)

    def _won(self, outcome: str, value: Decimal | None, currency: str) -> None:
        if outcome == "won":
            self.won += 1
            if value is not None:
                self.won_values[currency] += value
            else:
                self.won_unvalued += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "favours": self.favours,
            "by_kind": dict(sorted(self.by_kind.items())),
            "values": _money(self.values),
            "minutes": self.minutes,
            "recommendations": self.recommendations,
            "orders_won": self.won,
            "won_values": _money(self.won_values),
            "orders_won_unvalued": self.won_unvalued,
            "last": self.last.isoformat() if self.last else None,
        }


@dataclass
class Balance:
    """*Me*'s balance with one contact (``person``), or overall (``person`` None)."""

    person: Person | None
    since: dt.date | None
    given: Flow = field(default_factory=Flow)
    received: Flow = field(default_factory=Flow)
    roles: Counter[str] = field(default_factory=Counter)  # my role in each triangle

    @property
    def triangles(self) -> int:
        return sum(self.roles.values())

    @property
    def beneficiary_share(self) -> float | None:
        """The share of triangles in which *me* was the beneficiary (None: no triangle)."""
        return self.roles["beneficiary"] / self.triangles if self.triangles else None

    @property
    def difference(self) -> int:
        """Given less received (positive: *me* gave more)."""
        return self.given.total - self.received.total

    def as_dict(self) -> dict[str, Any]:
        share = self.beneficiary_share
        return {
            "person": reference(self.person),
            "since": self.since.isoformat() if self.since else None,
            "given": self.given.as_dict(),
            "received": self.received.as_dict(),
            "difference": self.difference,
            "triangles": {
                "total": self.triangles,
                **{role: self.roles[role] for role in ROLES},
            },
            "beneficiary_share": round(share, 3) if share is not None else None,
        }


@dataclass
class Overview:
    """The overall balance and the balance with each contact *me* gave to or received from."""

    total: Balance
    contacts: list[Balance]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.total.as_dict(),
            "contacts": [contact.as_dict() for contact in self.contacts],
        }


_FAVOUR_FIELDS = (
    "giver_id",
    "receiver_id",
    "kind",
    "given_on",
    "value",
    "currency",
    "effort_minutes",
    "outcome",
    "won_value",
    "won_currency",
)
_RECOMMENDATION_FIELDS = (
    "recommender_id",
    "recipient_id",
    "beneficiary_id",
    "made_on",
    "outcome",
    "won_value",
    "won_currency",
)


def _collect(
    actor: Member, person: Person | None, since: dt.date | None, until: dt.date | None
) -> tuple[Balance, dict[int, Balance]]:
    me = actor.me.pk
    total = Balance(person, since)
    contacts: dict[int, Balance] = {}

    def contact(pk: int) -> Balance:
        found = contacts.get(pk)
        if found is None:
            found = contacts[pk] = Balance(None, since)
        return found

    # With a person, one query per direction, so that each uses its index.
    directions = (
        [Q(giver_id=me) | Q(receiver_id=me)]
        if person is None
        else [Q(giver_id=me, receiver_id=person.pk), Q(giver_id=person.pk, receiver_id=me)]
    )
    for direction in directions:
        favours = visible_favours(actor).filter(direction)
        if since is not None:
            favours = favours.filter(given_on__gte=since)
        if until is not None:
            favours = favours.filter(given_on__lte=until)
        for giver, receiver, *facts in favours.values_list(*_FAVOUR_FIELDS).iterator(2000):
            if giver == me:
                total.given.add_favour(*facts)
                contact(receiver).given.add_favour(*facts)
            else:
                total.received.add_favour(*facts)
                contact(giver).received.add_favour(*facts)

    rows = visible_recommendations(actor)
    mine = Q(recommender_id=me) | Q(recipient_id=me) | Q(beneficiary_id=me)
    if person is not None:
        theirs = (
            Q(recommender_id=person.pk) | Q(recipient_id=person.pk) | Q(beneficiary_id=person.pk)
        )
        rows = rows.filter(mine & theirs)
    else:
        rows = rows.filter(mine)
    if since is not None:
        rows = rows.filter(made_on__gte=since)
    if until is not None:
        rows = rows.filter(made_on__lte=until)
    for recommender, recipient, beneficiary, day, outcome, won, currency in rows.values_list(
        *_RECOMMENDATION_FIELDS
    ).iterator(2000):
        people = {"recommender": recommender, "recipient": recipient, "beneficiary": beneficiary}
        role = next(role for role, pk in people.items() if pk == me)
        total.roles[role] += 1
        others = [pk for pk in people.values() if pk != me]
        for other in others:
            contact(other).roles[role] += 1
        if role == "recommender":
            total.given.add_recommendation(day, outcome, won, currency)
            for other in others:
                contact(other).given.add_recommendation(day, outcome, won, currency)
        else:
            # Only the beneficiary's orders are *me*'s to count as won.
            won_here = outcome if role == "beneficiary" else ""
            if person is None or recommender == person.pk:
                total.received.add_recommendation(day, won_here, won, currency)
            contact(recommender).received.add_recommendation(day, won_here, won, currency)
    return total, contacts


def person_balance(
    actor: Member,
    person: Person,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Balance:
    """*Me*'s balance with ``person`` (the overall one when ``person`` is *me*)."""
    if person.pk == actor.me.pk:
        return overall_balance(actor, since=since, until=until).total
    total, _ = _collect(actor, person, since, until)
    return total


def overall_balance(
    actor: Member,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> Overview:
    """The overall balance and each contact's, the busiest contacts first."""
    total, contacts = _collect(actor, None, since, until)
    ranked = sorted(
        contacts.items(),
        key=lambda item: (
            -(item[1].given.total + item[1].received.total + item[1].triangles),
            item[0],
        ),
    )
    if limit is not None:
        ranked = ranked[:limit]
    people = Person.objects.filter(network_id=actor.network_id).in_bulk([pk for pk, _ in ranked])
    listed = []
    for pk, balance in ranked:
        balance.person = people.get(pk)
        if balance.person is not None:
            listed.append(balance)
    return Overview(total, listed)


def contact_flows(
    actor: Member,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    person: Person | None = None,
) -> dict[int, Balance]:
    """Each contact's balance by person id, unnamed (for the signals); with ``person``,
    only what *me* shares with them is read (their entry is the same)."""
    return _collect(actor, person, since, until)[1]


def _month_after(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def monthly_balance(
    actor: Member, *, since: dt.date, until: dt.date
) -> list[tuple[dt.date, Balance]]:
    """The overall balance of each calendar month from ``since`` to ``until`` (the first
    day of the month with its balance; the first and the last month only within the
    period), for the chart of given against received over time."""
    months = []
    start = since
    while start <= until:
        end = min(_month_after(start) - dt.timedelta(days=1), until)
        total, _ = _collect(actor, None, start, end)
        months.append((start.replace(day=1), total))
        start = end + dt.timedelta(days=1)
    return months
