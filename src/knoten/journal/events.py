"""Events (fairs, conferences, meetups …) and who was expected or met there.

An event's page, with the conversations held there, is put together in
:mod:`knoten.profiles.event`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import F, Q

from knoten.core import changes
from knoten.core.clock import today
from knoten.core.data import iso, reference
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.limits import page, storable
from knoten.core.models import Member
from knoten.core.reading import (
    any_day,
    check_order,
    line,
    long_text,
    parse_amount,
    parse_hours,
)
from knoten.core.resolving import resolve_named
from knoten.core.words import resolve_word
from knoten.journal import vocabulary as v
from knoten.journal.models import Attendance, Event
from knoten.journal.records import (
    _check_new_organisation,
    _save_named_edits,
    remove_link,
    required_name,
    set_link,
)
from knoten.journal.references import other_people
from knoten.journal.references import person as named_person
from knoten.people.lookup import ensure_organisation
from knoten.people.models import Organisation, Person

# What an event is when nothing else is said.
DEFAULT_KIND = "meetup"

ATTENDANCE_WORDS = {
    "expected": Attendance.Status.EXPECTED,
    "erwartet": Attendance.Status.EXPECTED,
    "met": Attendance.Status.MET,
    "getroffen": Attendance.Status.MET,
}


def resolve_event(actor: Member, text: str | int | Event, field: str = "event") -> Event:
    """The one event of ``actor``'s network named by ``text`` (id or part of the name)."""
    return resolve_named(actor, Event, text, field)


def event_as_dict(event: Event) -> dict[str, Any]:
    """One event as JSON-able data (without its attendance; see
    :func:`knoten.profiles.event.event_detail`)."""
    return {
        "id": event.pk,
        "name": event.name,
        "kind": event.kind,
        "starts": iso(event.starts_on),
        "ends": iso(event.ends_on),
        "place": event.place,
        "organiser": reference(event.organiser),
        "cost": None if event.cost is None else str(event.cost),
        "currency": event.currency,
        "hours": None if event.hours_spent is None else str(event.hours_spent),
        "notes": event.notes,
    }


def attendances(event: Event) -> dict[str, list[dict[str, Any] | None]]:
    """Who is expected at ``event`` and whom I met there, each by name."""
    ordered = (
        Attendance.objects.filter(event=event)
        .select_related("person")
        .order_by("person__sort_name", "person_id")
    )
    return {
        "expected": [
            reference(a.person) for a in ordered if a.status == Attendance.Status.EXPECTED
        ],
        "met": [reference(a.person) for a in ordered if a.status == Attendance.Status.MET],
    }


def attend(event: Event, people: Sequence[Person], status: str) -> list[Attendance]:
    """Set each person's attendance at ``event`` (both found in one network already);
    "met" is never downgraded to "expected"."""
    existing = {a.person_id: a for a in Attendance.objects.filter(event=event, person__in=people)}
    result: list[Attendance] = []
    for who in people:
        attendance = existing.get(who.pk)
        if attendance is None:
            attendance = Attendance.objects.create(
                network_id=event.network_id, event=event, person=who, status=status
            )
        elif status == Attendance.Status.MET and attendance.status != status:
            attendance.status = status
            attendance.save(update_fields=["status"])
        result.append(attendance)
    return result


def _day_or_none(value: str | dt.date | None, field: str) -> dt.date | None:
    return None if value is None or value == "" else any_day(value, field)


def add_event(
    actor: Member,
    name: str,
    *,
    kind: str | None = None,
    starts: str | dt.date | None = None,
    ends: str | dt.date | None = None,
    place: str = "",
    organiser: str | Organisation | None = None,
    cost: str | int | Decimal | None = None,
    hours: str | int | float | Decimal | None = None,
    note: str | None = None,
    attendees: Sequence[str | Person] = (),
) -> Event:
    """A new event (fair, conference, meetup …), with the people expected there.

    Without ``kind`` it is a meetup."""
    title = required_name(name, "an event")
    where = line(place, "place", 300)
    notes = long_text(note, "note")
    storable("organiser", organiser)
    storable("attendee", list(attendees))
    kind_code = resolve_word(v.EVENT_KINDS, DEFAULT_KIND if kind is None else kind, "kind")
    start = _day_or_none(starts, "starts")
    end = _day_or_none(ends, "ends")
    if end is not None and start is None:
        raise InvalidInput("ends", ends, "is given without a start; give the first day too")
    check_order(start, end, ends, "ends")
    amount, currency = (None, None) if cost is None or cost == "" else parse_amount(cost, "cost")
    spent = None if hours is None or hours == "" else parse_hours(hours, "hours")
    _check_new_organisation(actor, organiser, "organiser")
    people = other_people(actor, attendees, "attendee")

    with changes.atomic():
        org = ensure_organisation(actor, organiser, "organiser") if organiser else None
        event = Event.objects.create(
            network_id=actor.network_id,
            name=title,
            kind=kind_code,
            starts_on=start,
            ends_on=end,
            place=where,
            organiser=org,
            cost=amount,
            currency=currency or "EUR",
            hours_spent=spent,
            notes=notes,
        )
        attend(event, people, Attendance.Status.EXPECTED)
    return event


def list_events(
    actor: Member, *, upcoming: bool | None = None, limit: int | None = None, offset: int = 0
) -> list[Event]:
    """Events by date: all, only those still to come (or undated), or only past ones."""
    events = Event.objects.filter(network_id=actor.network_id).select_related("organiser")
    now = today()
    still_on = Q(starts_on__gte=now) | Q(ends_on__gte=now) | Q(starts_on__isnull=True)
    if upcoming is True:
        events = events.filter(still_on)
    elif upcoming is False:
        events = events.exclude(still_on)
        return list(page(events.order_by(F("starts_on").desc(), "-pk"), limit, offset))
    ordered = events.order_by(F("starts_on").asc(nulls_last=True), "pk")
    return list(page(ordered, limit, offset))


def edit_event(
    actor: Member,
    event: str | int | Event,
    *,
    name: str | None = None,
    kind: str | None = None,
    starts: str | dt.date | None = None,
    ends: str | dt.date | None = None,
    place: str | None = None,
    organiser: str | int | Organisation | None = None,
    cost: str | int | Decimal | None = None,
    hours: str | int | float | Decimal | None = None,
    note: str | None = None,
) -> Event:
    """Change what is given; ``""`` clears a date, the place, organiser, cost or hours.

    A cost without a currency keeps the event's currency.
    """
    found = resolve_event(actor, event)
    edits: dict[str, Any] = {}
    if name is not None:
        edits["name"] = required_name(name, "an event")
    if kind is not None:
        storable("kind", kind)
        edits["kind"] = resolve_word(v.EVENT_KINDS, kind, "kind")
    start = found.starts_on if starts is None else _day_or_none(starts, "starts")
    end = found.ends_on if ends is None else _day_or_none(ends, "ends")
    if starts is not None or ends is not None:
        field = "ends" if ends is not None else "starts"
        shown = ends if ends is not None else starts
        if end is not None and start is None:
            raise InvalidInput(field, shown, "leaves an end without a start; give the first day")
        if start is not None and end is not None and end < start:
            raise InvalidInput(field, shown, f"puts the end {end} before the start {start}")
        edits["starts_on"], edits["ends_on"] = start, end
    if place is not None:
        edits["place"] = line(place, "place", 300)
    if cost is not None:
        if cost == "":
            edits["cost"] = None
        else:
            storable("cost", cost)
            amount, currency = parse_amount(cost, "cost")
            edits["cost"] = amount
            edits["currency"] = currency or found.currency
    if hours is not None:
        if hours == "":
            edits["hours_spent"] = None
        else:
            storable("hours", hours)
            edits["hours_spent"] = parse_hours(hours, "hours")
    if note is not None:
        edits["notes"] = long_text(note, "note")
    _save_named_edits(actor, found, edits, "organiser", organiser)
    return Event.objects.select_related("organiser").get(pk=found.pk)


def delete_event(actor: Member, event: str | int | Event) -> None:
    """Delete an event with its attendance; conversations there stay, without the event."""
    found = resolve_event(actor, event)
    with changes.atomic():
        found.delete()


def set_attendance(
    actor: Member, event: str | int | Event, person: str | int | Person, status: str
) -> Attendance:
    """Set a person's attendance at an event: "expected" or "met" (German words too)."""
    found = resolve_event(actor, event)
    who = other_people(actor, [person], "person")[0]
    storable("status", status)
    code = ATTENDANCE_WORDS.get(fold(str(status)))
    if code is None:
        raise InvalidInput("status", status, "is not an attendance status; use expected or met")
    return set_link(Attendance, actor.network_id, {"status": code}, event=found, person=who)


def remove_attendance(actor: Member, event: str | int | Event, person: str | int | Person) -> None:
    """Forget that a person was expected at or met at an event."""
    found = resolve_event(actor, event)
    who = named_person(actor, person, "person")
    shown = f"{who.full_name} at {found.name}"
    remove_link(Attendance.objects.filter(event=found, person=who), "attendance", shown)


def mark_met(
    actor: Member, event: str | int | Event, people: Sequence[str | Person]
) -> list[Attendance]:
    """Record that I met these people at the event (creating or updating attendance)."""
    found = resolve_event(actor, event)
    if not people:
        raise InvalidInput("people", "", "is empty; name at least one person you met there")
    persons = other_people(actor, people, "person")
    with changes.atomic():
        return attend(found, persons, Attendance.Status.MET)
