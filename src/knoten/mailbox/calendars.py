"""Meetings from an iCalendar (``.ics``) file: each VEVENT as an
:class:`~knoten.mailbox.reports.Item`, its ORGANIZER and ATTENDEEs as the addresses,
DTSTART's day, the minutes to DTEND, SUMMARY and LOCATION."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from knoten.core.errors import InvalidInput
from knoten.journal.conversations import MAX_MINUTES
from knoten.mailbox.headers import Addresses, one_line
from knoten.mailbox.reports import NO_SUBJECT, SUBJECT_CHARS, Item, item_key

PLACE_CHARS = 300


def _as_day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        try:
            if timezone.is_naive(value):  # floating time: the user's own clock
                return value.date()
            return timezone.localtime(value).date()
        except (OverflowError, ValueError):
            return None
    if isinstance(value, dt.date):
        return value
    return None


def _event_minutes(start: object, end: object, duration: object) -> int | None:
    """Whole minutes between start and end (or the duration); None for all-day events."""
    if not isinstance(start, dt.datetime):
        return None
    length: dt.timedelta | None = None
    if isinstance(duration, dt.timedelta):
        length = duration
    elif isinstance(end, dt.datetime):
        try:
            if timezone.is_naive(start) == timezone.is_naive(end):
                length = end - start
        except (OverflowError, ValueError):
            length = None
    if length is None:
        return None
    minutes = int(length.total_seconds() // 60)
    return minutes if 0 < minutes <= MAX_MINUTES else None


def _calendar_address(value: object, addresses: Addresses) -> tuple[str, str, str] | None:
    """(address, name, participation status) of an ATTENDEE or ORGANIZER value."""
    text = one_line(str(value))
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    normal = addresses.normal(text)
    if normal is None:
        return None
    params = getattr(value, "params", {}) or {}
    name = one_line(str(params.get("CN", ""))).strip("'\" ")
    status = str(params.get("PARTSTAT", "")).upper()
    return normal, "" if name.lower() == normal else name, status


def _listed(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def read_calendar(data: bytes, source: str) -> tuple[list[Item], int]:
    """The meetings of an iCalendar file, and how many recur.

    Only the master of a recurring event is taken in, on its first day; occurrences
    changed on their own (a VEVENT with RECURRENCE-ID) are left out. Cancelled events
    and attendees who declined are left out too.
    """
    import icalendar

    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, TypeError, IndexError, KeyError, UnicodeError) as error:
        first = str(error).splitlines()[0] if str(error) else "cannot be read"
        raise InvalidInput("file", source, f"is not an iCalendar file: {first[:200]}") from None
    if not calendars or any(getattr(c, "name", "") != "VCALENDAR" for c in calendars):
        raise InvalidInput("file", source, "is not an iCalendar file (it holds no BEGIN:VCALENDAR)")
    addresses = Addresses()
    items: list[Item] = []
    recurring = 0
    number = 0
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            number += 1
            title = one_line(str(event.get("SUMMARY", "")))[:SUBJECT_CHARS]
            where = f"event {number}" + (f" ({title[:60]})" if title else "")
            uid = one_line(str(event.get("UID", "")))
            try:
                start = event.decoded("DTSTART") if "DTSTART" in event else None
                end = event.decoded("DTEND") if "DTEND" in event else None
                duration = event.decoded("DURATION") if "DURATION" in event else None
            except (ValueError, TypeError, KeyError, OverflowError):
                start = end = duration = None
            day = _as_day(start)
            recurrence = event.get("RECURRENCE-ID")
            anchor = recurrence.to_ical().decode() if recurrence is not None else ""
            if not anchor and "DTSTART" in event:
                anchor = event.get("DTSTART").to_ical().decode()
            key = (
                item_key("ics", uid, anchor)
                if uid
                else item_key("ics", "", anchor, title, str(event.get("ORGANIZER", "")))
            )
            people: list[tuple[str, str]] = []
            for value in _listed(event.get("ORGANIZER")) + _listed(event.get("ATTENDEE")):
                found = _calendar_address(value, addresses)
                if found is None or found[2] == "DECLINED":
                    continue
                if all(found[0] != known for known, _ in people):
                    people.append(found[:2])
            problem = ""
            if recurrence is not None:
                problem = "is one changed occurrence of a recurring event; only the first is"
                problem += " taken in"
            elif str(event.get("STATUS", "")).upper() == "CANCELLED":
                problem = "was cancelled"
            elif day is None:
                problem = "has no DTSTART that can be read"
            if "RRULE" in event and not problem:
                recurring += 1
            place = one_line(str(event.get("LOCATION", "")))[:PLACE_CHARS]
            items.append(
                Item(
                    key=key,
                    where=where,
                    day=day,
                    summary=title or NO_SUBJECT,
                    addresses=people,
                    minutes=_event_minutes(start, end, duration),
                    place=place,
                    problem=problem,
                )
            )
    return items, recurring
