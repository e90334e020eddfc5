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
import secrets
from collections.abc import Callable

from django.db.models import Q
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
_NAME_FIELDS = ("academic_title", "given_name", "name_particle", "family_name")


def _name(parts: tuple[str, ...]) -> str:
    return " ".join(part for part in parts if part)


class _Writer:
    """The events of one calendar, as content lines (values written by icalendar)."""

    def __init__(self, stamp: dt.datetime) -> None:
        self.lines: list[str] = []
        self.count = 0
        self._days: dict[dt.date, str] = {}
        self._stamp = "DTSTAMP:" + vDatetime(stamp.astimezone(dt.UTC)).to_ical().decode()
        self._yearly = vRecur({"freq": "yearly"}).to_ical().decode()
        self._leap = vRecur({"freq": "yearly", "bymonth": 2, "bymonthday": -1}).to_ical().decode()

    def _day(self, day: dt.date) -> str:
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = vDate(day).to_ical().decode()
        return found

    def _text(self, name: str, value: str) -> None:
        line = f"{name}:{vText(value).to_ical().decode()}"
        if len(line) > LINE_OCTETS // 4 and len(line.encode()) > LINE_OCTETS:
            line = Contentline(line).to_ical().decode()
        self.lines.append(line)

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
        lines = self.lines
        lines.append("BEGIN:VEVENT")
        lines.append("UID:" + uid)
        lines.append(self._stamp)
        lines.append("DTSTART;VALUE=DATE:" + self._day(start))
        lines.append("DTEND;VALUE=DATE:" + self._day((end or start) + dt.timedelta(days=1)))
        if yearly:
            leap_day = (start.month, start.day) == (2, 29)
            lines.append("RRULE:" + (self._leap if leap_day else self._yearly))
        self._text("SUMMARY", summary)
        if description:
            self._text("DESCRIPTION", description)
        if location:
            self._text("LOCATION", location)
        if url:
            self._text("URL", url)
        if category:
            self._text("CATEGORIES", category)
        lines.append("TRANSP:TRANSPARENT")
        lines.append("END:VEVENT")
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
    rows = ImportantDate.objects.filter(
        network_id=actor.network_id, kind__in=("birthday", "anniversary"), person__archived=False
    ).values_list(
        "pk", "kind", "date", "label", "person_id", *(f"person__{f}" for f in _NAME_FIELDS)
    )
    birthday, anniversary = _("Birthday: %(name)s"), _("Anniversary: %(name)s")
    for pk, kind, when, label, person_id, *parts in rows.iterator(chunk_size=5000):
        if when is None or when.month is None or when.day is None:
            continue  # "2019": no day to come back to every year
        start = dt.date(when.year or NO_YEAR, when.month, when.day)
        name = _name(tuple(parts))
        summary = (birthday if kind == "birthday" else anniversary) % {"name": name}
        if label:
            summary += f" ({label})"
        description = (
            _("born %(year)d") % {"year": when.year} if when.year and kind == "birthday" else ""
        )
        writer.event(
            f"{kind}-{pk}@knoten",
            start,
            summary,
            yearly=True,
            description=description,
            url=person_link(person_id),
            category=kind,
        )


def _late(first: dt.date, day: dt.date) -> tuple[dt.date, str]:
    """The day an item is shown on, and what to say when it is already past."""
    if day >= first:
        return day, ""
    return first, _("overdue since %(day)s") % {"day": day.isoformat()}


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
        day, late = _late(first, due_on)
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
    summary = _("Get in touch: %(name)s")
    for person_id, due_on, overdue_on, every, latest, *parts in rows.iterator(chunk_size=5000):
        if person_id in snoozed:
            due_on = max(due_on, snoozed[person_id])
            if due_on >= end:
                continue
        words = cadences.get((every, latest))
        if words is None:
            words = cadences[(every, latest)] = cadence_words(every, latest)
        day, late = _late(first, due_on)
        said = [words]
        if late:
            said.append(late)
        elif overdue_on:
            said.append(_("overdue from %(day)s") % {"day": overdue_on.isoformat()})
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
