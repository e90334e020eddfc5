"""Who is due: the people whose cadence has run out, ranked, each with the reason why.

The ranking: how far into (or past) the cadence the last contact is, times how
important the person is, so an inner-circle contact one week overdue comes before a
yearly one a month overdue. Archived persons never appear; a member's snoozes hide a
person from that member's list until the day they end. A member's own private
conversations count for that member's list only (they are in no standing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    F,
    FloatField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from knoten.core import changes
from knoten.core.clock import today
from knoten.core.errors import InvalidInput
from knoten.core.limits import chunks, storable
from knoten.core.models import Member
from knoten.core.reading import due_day
from knoten.journal.models import Participation
from knoten.people.lookup import resolve_person
from knoten.people.models import Person
from knoten.upkeep.cadences import cadence_words, source_words
from knoten.upkeep.models import Snooze, Standing
from knoten.upkeep.periods import ago_words, read_period
from knoten.upkeep.standings import ensure, refresh
from knoten.upkeep.strength import explain, kind_words

MAX_LIMIT = 1000
# Used to matter: this many contacts in all, or trust of at least this much.
MATTERED_CONTACTS = 5
MATTERED_TRUST = 4


@dataclass(frozen=True)
class Due:
    """One person on the due list."""

    person_id: int
    name: str
    importance: int
    every_days: int
    cadence: str
    cadence_from: str
    last_on: dt.date | None
    since_on: dt.date
    due_on: dt.date
    overdue_on: dt.date
    overdue: bool
    strength: int
    reason: str
    snoozed_until: dt.date | None = None
    # "upcoming" before due_on, "due" from due_on, "overdue" from overdue_on.
    state: str = "due"

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "importance": self.importance,
            "every_days": self.every_days,
            "cadence": self.cadence,
            "cadence_from": self.cadence_from,
            "last_contact": self.last_on.isoformat() if self.last_on else None,
            "due_on": self.due_on.isoformat(),
            "overdue_on": self.overdue_on.isoformat(),
            "state": self.state,
            "strength": self.strength,
            "reason": self.reason,
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
        }


def _standings(actor: Member) -> QuerySet[Standing]:
    ensure(actor.network_id)
    return Standing.objects.filter(
        network_id=actor.network_id, person__archived=False
    ).select_related("person")


def _snoozed(actor: Member, day: dt.date) -> QuerySet[Snooze]:
    return Snooze.objects.filter(member=actor, until__gt=day)


def due_list(actor: Member, *, limit: int = 50, offset: int = 0) -> tuple[list[Due], int]:
    """Who is due or overdue for ``actor`` today, best first, and how many in all.

    Ranked by how far into (or past) the cadence the last contact is, times how important
    the person is ((today - since) × (5 - importance) / every_days), then by name. The
    ranking is the database's, on the due index of the standings alone (it holds the
    importance and the sort key): a large network has tens of thousands due, and reading
    their persons would cost the most. A private conversation of the actor's may take
    someone off the list: those are found among the actor's private contacts first and
    skipped; then only the page is read in full."""
    if limit < 1 or limit > MAX_LIMIT:
        raise InvalidInput("limit", limit, f"must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InvalidInput("offset", offset, "must not be negative")
    day = today()
    ordinal = day.toordinal()
    due = _due_rows(actor, day)
    private = _private_contacts(actor)
    hidden = _reset_in_private(actor, day, private)
    total = due.count() - len(hidden)
    ranked = due.annotate(rank=_rank(ordinal)).order_by("-rank", "sort_name", "person_id")
    ids: list[int] = []
    for pk in ranked.values_list("person_id", flat=True)[: offset + limit + len(hidden)]:
        if pk not in hidden:
            ids.append(pk)
    ids = ids[offset : offset + limit]
    page = Standing.objects.select_related("person").in_bulk(ids, field_name="person_id")
    return [_due(page[pk], day, private.get(pk)) for pk in ids], total


def _due_rows(actor: Member, day: dt.date) -> QuerySet[Standing]:
    """The standings due by ``day`` with a cadence, less those ``actor`` has snoozed.

    By the standing alone: an archived person's standing has no due day (it is rewritten
    on the notice of the archiving), so the persons are not read."""
    ensure(actor.network_id)
    return Standing.objects.filter(
        network_id=actor.network_id, due_on__lte=day, every_days__isnull=False
    ).exclude(person_id__in=_snoozed(actor, day).values("person_id"))


def _rank(ordinal: int) -> CombinedExpression:
    """(today - since) × (5 - importance) / every_days, in floating point on every
    database (as Python divides), so that ties fall as they would in Python."""
    days = (Value(ordinal) - F("since_ordinal")) * (Value(5) - F("importance"))
    return Cast(days, FloatField()) / Cast(F("every_days"), FloatField())


def _reset_in_private(actor: Member, day: dt.date, private: dict[int, dt.date]) -> set[int]:
    """Those due (as :func:`_due_rows` has them) whose clock a private conversation of
    the actor's has reset: after the standing's last contact, and within their cadence.

    Read by person (the standing's key), a chunk at a time, only those due: with the
    network in the query too, the database would walk the due index once per chunk, so
    the network is compared here."""
    if not private:
        return set()
    ordinal = day.toordinal()
    snoozed = set(_snoozed(actor, day).values_list("person_id", flat=True))
    hidden: set[int] = set()
    for chunk in chunks(sorted(private), 500):
        rows = Standing.objects.filter(
            person_id__in=chunk, due_on__lte=day, every_days__isnull=False
        ).values_list("person_id", "network_id", "due_on", "every_days", "since_ordinal")
        for pk, network_id, due_on, every, since in rows:
            if network_id != actor.network_id or every is None or due_on is None:
                continue
            if due_on > day or pk in snoozed:
                continue
            last = private[pk].toordinal()
            if last > since and last + every > ordinal:
                hidden.add(pk)
    return hidden


def _due(standing: Standing, day: dt.date, private_last: dt.date | None) -> Due:
    person: Person = standing.person
    assert standing.every_days is not None and standing.due_on and standing.overdue_on
    since, last_on = standing.since_on, standing.last_on
    kind, where = standing.last_kind, standing.last_where
    due_on, overdue_on = standing.due_on, standing.overdue_on
    if private_last is not None and private_last > since:
        shift = dt.timedelta(days=(private_last - since).days)
        since, last_on, kind, where = private_last, private_last, "", ""
        due_on, overdue_on = due_on + shift, overdue_on + shift
    cadence = cadence_words(standing.every_days, standing.latest_days)
    source = source_words(standing.cadence_from, person.importance)
    return Due(
        person_id=person.pk,
        name=person.full_name,
        importance=person.importance,
        every_days=standing.every_days,
        cadence=cadence,
        cadence_from=standing.cadence_from,
        last_on=last_on,
        since_on=since,
        due_on=due_on,
        overdue_on=overdue_on,
        overdue=overdue_on <= day,
        strength=standing.strength,
        reason=_reason(cadence, source, last_on, since, kind, where, day),
        state="overdue" if overdue_on <= day else "due" if due_on <= day else "upcoming",
    )


def _reason(
    cadence: str,
    source: str,
    last_on: dt.date | None,
    since: dt.date,
    kind: str,
    where: str,
    day: dt.date,
) -> str:
    said = f"{cadence} ({source}); "
    if last_on is None:
        return said + _("no contact since added %(ago)s") % {"ago": ago_words((day - since).days)}
    said += _("last contact %(ago)s") % {"ago": ago_words((day - last_on).days)}
    if kind:
        said += ": " + kind_words(kind)
    if where:
        said += " — " + where
    return said


def losing_touch(actor: Member, *, limit: int = 20) -> list[Due]:
    """People who used to matter (many contacts, or high trust) and are far past their
    cadence: more than twice its length since the last contact."""
    if limit < 1 or limit > MAX_LIMIT:
        raise InvalidInput("limit", limit, f"must be between 1 and {MAX_LIMIT}")
    day = today()
    rows = (
        _standings(actor)
        .filter(every_days__isnull=False)
        .filter(since_ordinal__lt=Value(day.toordinal()) - 2 * F("every_days"))
        .exclude(person_id__in=_snoozed(actor, day).values("person_id"))
    )
    rows = rows.filter(contacts__gte=MATTERED_CONTACTS) | rows.filter(trust__gte=MATTERED_TRUST)
    page = list(rows.order_by("-contacts", "-trust", "person__sort_name")[:limit])
    return [_due(s, day, None) for s in page]


def _private_contacts(actor: Member) -> dict[int, dt.date]:
    """The day of the actor's latest private conversation with each person: theirs alone,
    so never part of a standing that every member of the network reads. Read from the
    actor's own conversations (their author index), never by the network's."""
    rows = (
        Participation.objects.filter(
            interaction__private=True,
            interaction__author=actor,
            interaction__occurred_on__lte=today(),
        )
        .values("person_id")
        .annotate(last=Max("interaction__occurred_on"))
        .values_list("person_id", "last")
    )
    return dict(rows)


# --- snoozing ------------------------------------------------------------------------------


def snooze_until(text: str | dt.date, field: str = "until") -> dt.date:
    """The day a snooze ends: a date, words for a day ("nächsten Montag", "2027-01-10"),
    or a period from today ("a week", "einen Monat", "2 weeks")."""
    day = today()
    if isinstance(text, dt.date):
        until = text
    else:
        storable(field, text)
        try:
            until = day + dt.timedelta(days=read_period(text, field))
        except InvalidInput:
            until = due_day(text, field)
    if until <= day:
        raise InvalidInput(field, str(text), f"is {until.isoformat()}; a snooze ends after today")
    return until


def snooze(actor: Member, person: str | int | Person, until: str | dt.date) -> Snooze:
    """Do not remind ``actor`` of ``person`` before ``until``."""
    found = resolve_person(actor, person)
    end = snooze_until(until)
    with changes.atomic():
        row, _created = Snooze.objects.update_or_create(
            network_id=actor.network_id, member=actor, person=found, defaults={"until": end}
        )
    return row


def unsnooze(actor: Member, person: str | int | Person) -> bool:
    """End ``actor``'s snooze of ``person``; whether there was one."""
    found = resolve_person(actor, person)
    deleted, _count = Snooze.objects.filter(member=actor, person=found).delete()
    return bool(deleted)


# --- one person ----------------------------------------------------------------------------


def standing_of(actor: Member, person: str | int | Person) -> dict[str, Any]:
    """A person's standing in words: cadence, last contact, when due, strength and why."""
    found = resolve_person(actor, person)
    day = today()
    # One query (the person page counts them): the standing, the actor's snooze and
    # their latest private conversation with the person.
    private_last = (
        Participation.objects.filter(
            network_id=actor.network_id,
            person_id=OuterRef("person_id"),
            interaction__private=True,
            interaction__author=actor,
            interaction__occurred_on__lte=day,
        )
        .order_by("-interaction__occurred_on")
        .values("interaction__occurred_on")[:1]
    )
    snoozed_until = _snoozed(actor, day).filter(person_id=OuterRef("person_id")).values("until")
    read = Standing.objects.filter(person=found).annotate(
        private_last=Subquery(private_last), snoozed_until=Subquery(snoozed_until[:1])
    )
    standing = read.first()
    if standing is None:  # a person from before upkeep: theirs alone, not the network's
        refresh(actor.network_id, [found.pk])
        standing = read.get()
    standing.person = found
    private: dt.date | None = standing.private_last
    snoozed: dt.date | None = standing.snoozed_until
    last_on, kind, where = standing.last_on, standing.last_kind, standing.last_where
    if private is not None and (last_on is None or private > last_on):
        last_on, kind, where = private, "private", ""
    told = explain(standing, day, private_last=private)
    due = None
    if standing.every_days is not None and standing.due_on and standing.overdue_on:
        due = _due(standing, day, private).as_dict()
    return {
        "person_id": found.pk,
        "name": found.full_name,
        "cadence": cadence_words(standing.every_days, standing.latest_days),
        "every_days": standing.every_days,
        "latest_days": standing.latest_days,
        "cadence_from": standing.cadence_from,
        "cadence_source": source_words(standing.cadence_from, found.importance),
        "last_contact": last_on.isoformat() if last_on else None,
        "last_contact_kind": kind_words(kind) if kind else None,
        "last_contact_where": where or None,
        "contacts": standing.contacts,
        "contacts_year": standing.contacts_year,
        "due": due,
        "snoozed_until": snoozed.isoformat() if snoozed else None,
        "strength": told.figure,
        "level": told.level,
        "level_words": told.level_words,
        "reasons": list(told.reasons),
        "strength_parts": told.as_dict()["parts"],
    }
