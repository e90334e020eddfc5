"""A member's calendar (RFC 5545): birthdays, anniversaries, promises, due contacts, events.

Birthdays and anniversaries are yearly all-day events (a date without a year starts in
2000; 29 February falls on the last day of February in other years). Open promises with
a due day, due contacts (a cadence, not archived, not snoozed by the member) and events
ahead are dated all-day items; what is already past due is shown on the first day of the
calendar, saying since when. Every item has a stable UID ("birthday-12@knoten").

Written with the ``icalendar`` library: it makes the calendar's frame and writes every
value (text escaping, dates, the recurrence rule, the folding of long lines). The events
are put together line by line from those values rather than as one ``icalendar.Event``
each, which would take half a minute for the 100k-person network instead of a second.

The feed is the same calendar at a secret address, ``calendar/<token>.ics``: one per
member; a new one revokes the one before.
"""

from __future__ import annotations

import calendar as months_of_year
import datetime as dt
import re
import secrets
from collections.abc import Callable

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from icalendar import Calendar, vDate, vDatetime, vRecur, vText
from icalendar.parser import Contentline

from knoten.core import changes
from knoten.core.clock import now, today
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.journal.models import Event
from knoten.journal.visibility import visible_promises
from knoten.people.models import ImportantDate
from knoten.upkeep.cadences import cadence_words
from knoten.upkeep.links import absolute_for, id_link
from knoten.upkeep.models import CalendarFeed, Snooze, Standing
from knoten.upkeep.standings import ensure

FEED_MONTHS = 12
MAX_MONTHS = 60
LINE_OCTETS = 75
NO_YEAR = 2000  # a leap year: a birthday on 29 February without a year starts there
PRODID = "-//Knoten//Keeping in touch//EN"
_SPECIAL = re.compile(r"[\\;,\n\r]")
_NAME_FIELDS = ("academic_title", "given_name", "name_particle", "family_name")


def _name(parts: tuple[str, ...]) -> str:
    return " ".join(part for part in parts if part)


def _fold(line: str) -> str:
    """The content line folded by icalendar when it is longer than 75 octets."""
    if len(line) > LINE_OCTETS // 4 and len(line.encode()) > LINE_OCTETS:
        return str(Contentline(line).to_ical().decode())
    return line


def _text(name: str, value: str) -> str:
    # A text without a character to escape is written as it is (icalendar would too).
    if _SPECIAL.search(value):
        value = vText(value).to_ical().decode()
    return _fold(f"{name}:{value}")


class _Writer:
    """The events of one calendar, as content lines (values written by icalendar)."""

    def __init__(self, stamp: dt.datetime) -> None:
        self.lines: list[str] = []
        self.count = 0
        self._days: dict[tuple[dt.date, dt.date | None], str] = {}
        self._stamp = "DTSTAMP:" + vDatetime(stamp.astimezone(dt.UTC)).to_ical().decode()
        self._yearly = vRecur({"freq": "yearly"}).to_ical().decode()
        self._leap = vRecur({"freq": "yearly", "bymonth": 2, "bymonthday": -1}).to_ical().decode()

    def _span(self, start: dt.date, end: dt.date | None) -> str:
        """DTSTART and DTEND (the day after the last: exclusive) of an all-day event."""
        found = self._days.get((start, end))
        if found is None:
            after = (end or start) + dt.timedelta(days=1)
            found = self._days[(start, end)] = (
                f"DTSTART;VALUE=DATE:{vDate(start).to_ical().decode()}\r\n"
                f"DTEND;VALUE=DATE:{vDate(after).to_ical().decode()}"
            )
        return found

    def event(
        self,
        uid: str,
        start: dt.date,
        summary: str,
        *,
        end: dt.date | None = None,
        yearly: bool = False,
        description: str = "",
        url: str = "",
        location: str = "",
        category: str = "",
    ) -> None:
        """One all-day event from ``start`` to ``end`` (inclusive; default one day)."""
        parts = [f"BEGIN:VEVENT\r\nUID:{uid}\r\n{self._stamp}\r\n{self._span(start, end)}"]
        if yearly:
            leap_day = start.month == 2 and start.day == 29
            parts.append("RRULE:" + (self._leap if leap_day else self._yearly))
        parts.append(_text("SUMMARY", summary))
        if description:
            parts.append(_text("DESCRIPTION", description))
        if location:
            parts.append(_text("LOCATION", location))
        if url:
            parts.append(_fold("URL:" + url))  # a URI: not escaped as a text is
        parts.append(f"CATEGORIES:{category}\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT")
        self.lines.append("\r\n".join(parts))
        self.count += 1


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, months_of_year.monthrange(year, month)[1]))


def calendar_of(actor: Member, *, start: dt.date | None = None, months: int = FEED_MONTHS) -> bytes:
    """``actor``'s calendar from ``start`` (today) for ``months``, as an .ics file."""
    if not 1 <= months <= MAX_MONTHS:
        raise InvalidInput("months", months, f"must be between 1 and {MAX_MONTHS}")
    first = start or today()
    end = _months_later(first, months)
    writer = _Writer(now())
    person_link = id_link("web:person", "person_id")
    _yearly_dates(actor, writer, person_link)
    _promises(actor, writer, first, end, person_link)
    _due_contacts(actor, writer, first, end, person_link)
    _events(actor, writer, first, end)
    frame = Calendar()
    frame.add("prodid", PRODID)
    frame.add("version", "2.0")
    frame.add("calscale", "GREGORIAN")
    frame.add("method", "PUBLISH")
    frame.add("x-wr-calname", _("Knoten: keeping in touch"))
    frame.add("x-published-ttl", "PT6H")
    head = frame.to_ical().decode()
    closing = "END:VCALENDAR\r\n"
    assert head.endswith(closing)
    body = "\r\n".join(writer.lines) + "\r\n" if writer.lines else ""
    return (head[: -len(closing)] + body + closing).encode()


def _yearly_dates(actor: Member, writer: _Writer, person_link: Callable[[int], str]) -> None:
    # The stored text ("1980-05-14", "--02-29", "2019") read as it is: fast for 100k rows.
    rows = (
        ImportantDate.objects.filter(
            network_id=actor.network_id,
            kind__in=("birthday", "anniversary"),
            person__archived=False,
        )
        .annotate(text=Cast("date", CharField()))
        .values_list(
            "pk", "kind", "text", "label", "person_id", *(f"person__{f}" for f in _NAME_FIELDS)
        )
    )
    birthday, anniversary = _("Birthday: %(name)s"), _("Anniversary: %(name)s")
    born = _("born %(year)s")
    for pk, kind, text, label, person_id, *parts in rows.iterator(chunk_size=5000):
        start, year = _yearly_start(text)
        if start is None:
            continue  # "2019": no day to come back to every year
        summary = (birthday if kind == "birthday" else anniversary) % {"name": _name(tuple(parts))}
        if label:
            summary += f" ({label})"
        writer.event(
            f"{kind}-{pk}@knoten",
            start,
            summary,
            yearly=True,
            description=born % {"year": year} if year and kind == "birthday" else "",
            url=person_link(person_id),
            category=kind,
        )


def _yearly_start(text: str | None) -> tuple[dt.date | None, str]:
    """The first day of a yearly date stored as ``text``, and its year ("" without one)."""
    try:
        if text and len(text) == 7 and text.startswith("--"):
            return dt.date(NO_YEAR, int(text[2:4]), int(text[5:7])), ""
        if text and len(text) == 10:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:10])), text[:4]
    except ValueError:
        pass
    return None, ""


def _late(first: dt.date, day: dt.date, since: str) -> tuple[dt.date, str]:
    """The day an item is shown on, and (``since``, filled) when it is already past."""
    if day >= first:
        return day, ""
    return first, since % {"day": day.isoformat()}


def _promises(
    actor: Member, writer: _Writer, first: dt.date, end: dt.date, person_link: Callable[[int], str]
) -> None:
    me = actor.me.pk
    rows = (
        visible_promises(actor)
        .filter(done_on__isnull=True, due_on__isnull=False, due_on__lt=end)
        .values_list(
            "pk",
            "text",
            "due_on",
            "debtor_id",
            "creditor_id",
            *(f"debtor__{f}" for f in _NAME_FIELDS),
            *(f"creditor__{f}" for f in _NAME_FIELDS),
        )
    )
    width = len(_NAME_FIELDS)
    since = _("overdue since %(day)s")
    for pk, text, due_on, debtor, creditor, *parts in rows.iterator(chunk_size=5000):
        debtor_name, creditor_name = _name(tuple(parts[:width])), _name(tuple(parts[width:]))
        if debtor == me:
            summary, other = _("Promised to %(name)s: %(text)s"), creditor
            said = {"name": creditor_name, "text": text}
        elif creditor == me:
            summary, other = _("%(name)s promised: %(text)s"), debtor
            said = {"name": debtor_name, "text": text}
        else:
            summary, other = _("%(name)s promised %(other)s: %(text)s"), debtor
            said = {"name": debtor_name, "other": creditor_name, "text": text}
        day, late = _late(first, due_on, since)
        writer.event(
            f"promise-{pk}@knoten",
            day,
            summary % said,
            description=late,
            url=person_link(other),
            category="promise",
        )


def _due_contacts(
    actor: Member, writer: _Writer, first: dt.date, end: dt.date, person_link: Callable[[int], str]
) -> None:
    ensure(actor.network_id)
    snoozed = dict(
        Snooze.objects.filter(member=actor, until__gt=first).values_list("person_id", "until")
    )
    rows = (
        Standing.objects.filter(
            network_id=actor.network_id,
            person__archived=False,
            every_days__isnull=False,
            due_on__isnull=False,
            due_on__lt=end,
        )
        .exclude(person_id=actor.me.pk)
        .values_list(
            "person_id",
            "due_on",
            "overdue_on",
            "every_days",
            "latest_days",
            *(f"person__{f}" for f in _NAME_FIELDS),
        )
    )
    cadences: dict[tuple[int, int | None], str] = {}
    since, overdue_from = _("overdue since %(day)s"), _("overdue from %(day)s")
    summary = _("Get in touch: %(name)s")
    for person_id, due_on, overdue_on, every, latest, *parts in rows.iterator(chunk_size=5000):
        if person_id in snoozed:
            due_on = max(due_on, snoozed[person_id])
            if due_on >= end:
                continue
        words = cadences.get((every, latest))
        if words is None:
            words = cadences[(every, latest)] = cadence_words(every, latest)
        day, late = _late(first, due_on, since)
        said = [words]
        if late:
            said.append(late)
        elif overdue_on:
            said.append(overdue_from % {"day": overdue_on.isoformat()})
        writer.event(
            f"due-{person_id}@knoten",
            day,
            summary % {"name": _name(tuple(parts))},
            description="; ".join(said),
            url=person_link(person_id),
            category="due",
        )


def _events(actor: Member, writer: _Writer, first: dt.date, end: dt.date) -> None:
    event_link = id_link("web:event", "event_id")
    rows = (
        Event.objects.filter(
            network_id=actor.network_id, starts_on__isnull=False, starts_on__lt=end
        )
        .filter(Q(starts_on__gte=first) | Q(ends_on__gte=first))
        .values_list("pk", "name", "starts_on", "ends_on", "place")
    )
    for pk, name, starts_on, ends_on, place in rows.iterator(chunk_size=5000):
        assert starts_on is not None
        writer.event(
            f"event-{pk}@knoten",
            starts_on,
            name,
            end=ends_on if ends_on and ends_on > starts_on else None,
            location=place,
            url=event_link(pk),
            category="event",
        )


# --- the feed at a secret address ----------------------------------------------------------


def current_feed(actor: Member) -> CalendarFeed | None:
    """``actor``'s feed, if there is one that is not revoked."""
    return CalendarFeed.objects.filter(member=actor, revoked_at__isnull=True).first()


def new_feed(actor: Member) -> CalendarFeed:
    """A new secret address for ``actor``'s calendar; the one before stops working."""
    with changes.atomic():
        CalendarFeed.objects.filter(member=actor, revoked_at__isnull=True).update(revoked_at=now())
        return CalendarFeed.objects.create(
            network_id=actor.network_id,
            member=actor,
            token=secrets.token_urlsafe(32),
            created_at=now(),
        )


def revoke_feed(actor: Member) -> bool:
    """Stop ``actor``'s feed address working; whether there was one."""
    with changes.atomic():
        done = CalendarFeed.objects.filter(member=actor, revoked_at__isnull=True).update(
            revoked_at=now()
        )
    return bool(done)


def feed_url(feed: CalendarFeed) -> str:
    """The full address a calendar application subscribes to."""
    return absolute_for("upkeep:calendar_feed", token=feed.token)


def feed_calendar(token: str) -> bytes:
    """The calendar at the secret address ``token``; NotFound for an unknown or revoked one."""
    feed = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("member", "member__person")
        .first()
        if token
        else None
    )
    if feed is None:
        raise NotFound("calendar feed", "(this address)")
    return calendar_of(feed.member)
