"""Occasions: what calls for a word from the user, read from the records each time.

Nothing is stored but the occasions a member has dealt with (:mod:`knoten.upkeep.handled`).
Each source is one query for the whole window, never one per person:

* birthdays and anniversaries (``ImportantDate``; partial dates with or without a year;
  29 February falls on 28 February in other years; the age when the year is known);
* a new job or function (an ``Affiliation`` whose start falls in the window) and the life
  events new job, wedding, child, graduation, award (congratulations) and bereavement,
  illness (condolence). One known to the month only is offered once, from the first of
  its month until the grace after its last day, and told as "in May 2027"; one known
  only by its year is not offered (no day of the year can be said for it);
* a favour or recommendation received and not yet thanked (thanks, for
  ``KNOTEN_SIGNALS["thanks_days"]`` days; after that the give-and-take signal says it);
* a promise not done, mine to keep or owed to me to ask for (overdue ones until done);
* a project completed in the window (acknowledgement, to everyone in it);
* an event ahead where known people are expected (prepare; offered a week before).

"None twice, none lost": an occasion keeps its key for good ("birthday:person=12:2027",
"thanks:favour=88"), stays offered for a grace period after its day, and once handled it
never comes back. Archived persons never appear; promises and favours noted in another
member's private conversation are not seen (:mod:`knoten.journal.visibility`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any, NamedTuple

from django.db.models import CharField, Q
from django.db.models.functions import Cast, Substr
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knoten.core.clock import today
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.journal.models import Attendance, Event, Project, ProjectRole
from knoten.journal.visibility import visible_promises
from knoten.people.models import Affiliation, ImportantDate, joined_name
from knoten.reciprocity.services import visible_favours, visible_recommendations
from knoten.reciprocity.signals import thresholds
from knoten.upkeep.handled import handled_keys
from knoten.upkeep.links import path_of

# How long an occasion not dealt with stays offered after its day.
GRACE_DAYS = {
    "birthday": 14,
    "anniversary": 14,
    "congratulations": 30,
    "condolence": 30,
    "acknowledgement": 30,
}
# An event is offered this many days before it starts (to prepare).
EVENT_LEAD_DAYS = 7
MAX_WINDOW_DAYS = 400
LIFE_EVENTS = {
    "new_job": "congratulations",
    "wedding": "congratulations",
    "child": "congratulations",
    "graduation": "congratulations",
    "award": "congratulations",
    "bereavement": "condolence",
    "illness": "condolence",
}
# Deadlines: past their day they are overdue (the others are only "recent").
DEADLINES = ("birthday", "anniversary", "promise")


@dataclass(frozen=True)
class Told:
    """An occasion in words: its title, why, and what its action is called."""

    title: str
    reason: str
    action_label: str


@dataclass(frozen=True)
class Occasion:
    """One occasion: what, for whom, on which day, and what to do about it.

    Its words (``title``, ``reason``, ``action_label``) and its link are made when first
    read, in the language active then: a window of a busy network finds thousands of
    occasions to rank, and shows the first hundred."""

    key: str
    kind: str
    day: dt.date
    person_ids: tuple[int, ...]
    names: tuple[str, ...]
    source: str  # the record it comes from: "important_date", "favour", "promise", …
    source_id: int
    importance: int  # the most important person's (1 inner … 4 peripheral)
    told: Callable[[], Told] = field(compare=False, repr=False)
    overdue: bool = False
    age: int | None = None
    action: str = "draft"  # "draft", "prep" (an event), "keep" or "ask" (a promise)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def person_id(self) -> int | None:
        return self.person_ids[0] if self.person_ids else None

    @cached_property
    def words(self) -> Told:
        return self.told()

    @property
    def title(self) -> str:
        return self.words.title

    @property
    def reason(self) -> str:
        return self.words.reason

    @property
    def action_label(self) -> str:
        return self.words.action_label

    @property
    def action_url(self) -> str | None:
        """The page to act on it: the draft to the first person, or the event's prep
        sheet; none for a promise of mine (its action is "done")."""
        if self.action == "prep":
            return path_of("upkeep:prep", "event_id", self.source_id)
        if self.action == "keep" or self.person_id is None:
            return None
        return draft_url(self.person_id, self.kind, self.key)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "day": self.day.isoformat(),
            "person_ids": list(self.person_ids),
            "names": list(self.names),
            "title": self.title,
            "reason": self.reason,
            "source": self.source,
            "source_id": self.source_id,
            "importance": self.importance,
            "overdue": self.overdue,
            "age": self.age,
            "action": self.action,
            "action_label": self.action_label,
            "action_url": self.action_url,
        }


def draft_url(person_id: int, kind: str, key: str) -> str | None:
    """The drafts page for this occasion, if the drafts page exists."""
    base = path_of("upkeep:draft", "person_id", person_id)
    return None if base is None else f"{base}?{urlencode({'occasion': kind, 'key': key})}"


def occasions(actor: Member, *, start: dt.date, end: dt.date) -> list[Occasion]:
    """The occasions from ``start`` to ``end`` (and those still offered from before) that
    ``actor`` has not dealt with, overdue first, then by day and importance."""
    if end < start:
        raise InvalidInput("end", end.isoformat(), "is before the start; give a later day")
    if (end - start).days > MAX_WINDOW_DAYS:
        raise InvalidInput("end", end.isoformat(), f"is more than {MAX_WINDOW_DAYS} days on")
    day = today()
    found: list[Occasion] = []
    found += _yearly(actor, start, end, day)
    found += _life_events(actor, start, end, day)
    found += _new_positions(actor, start, end, day)
    found += _thanks(actor, start, end, day)
    found += _promises(actor, start, end, day)
    found += _projects(actor, start, end, day)
    found += _events(actor, start, end)
    done = handled_keys(actor, (o.key for o in found))
    shown = [o for o in found if o.key not in done]
    return sorted(shown, key=lambda o: (not o.overdue, o.day, o.importance, o.names, o.key))


# --- birthdays and anniversaries ------------------------------------------------------------


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    for offset in range((end - start).days + 1):
        yield start + dt.timedelta(days=offset)


def _month_days(days: Iterable[dt.date]) -> dict[str, list[dt.date]]:
    """For each "MM-DD" the days of the window it falls on (29 February on 28 February
    in a year without one)."""
    wanted: dict[str, list[dt.date]] = defaultdict(list)
    for d in days:
        wanted[f"{d.month:02d}-{d.day:02d}"].append(d)
        if d.month == 2 and d.day == 28 and not _leap(d.year):
            wanted["02-29"].append(d)
    return wanted


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class _Who(NamedTuple):
    """A person as an occasion names them."""

    pk: int
    name: str
    importance: int


_WHO = ("id", "academic_title", "given_name", "name_particle", "family_name", "nickname")


def _who_fields(path: str) -> list[str]:
    """The columns :func:`_who` reads, through the relation ``path`` ("person")."""
    return [f"{path}__{name}" for name in (*_WHO, "importance")]


def _who(values: Sequence[Any]) -> _Who:
    pk, title, given, particle, family, nickname, importance = values
    name = joined_name(title, given, particle, family) or nickname or str(pk)
    return _Who(pk, name, importance)


def _yearly(actor: Member, start: dt.date, end: dt.date, day: dt.date) -> list[Occasion]:
    grace = max(GRACE_DAYS["birthday"], GRACE_DAYS["anniversary"])
    wanted = _month_days(_days(start - dt.timedelta(days=grace), end))
    # By the indexed day of the year (people.ImportantDate.month_day), and the year as the
    # stored text begins ("1980-03-14"; "--03-14" has none): no date is parsed.
    rows = (
        ImportantDate.objects.filter(
            network_id=actor.network_id,
            kind__in=("birthday", "anniversary"),
            month_day__in=[int(md.replace("-", "")) for md in wanted],
        )
        .exclude(person__archived=True)
        .exclude(person_id=actor.person_id or 0)
        .annotate(year_text=Substr(Cast("date", CharField()), 1, 4))
        .values_list("pk", "kind", "month_day", "year_text", "label", *_who_fields("person"))
    )
    found = []
    for pk, kind, month_day, year_text, label, *person in rows:
        year = None if year_text.startswith("-") else int(year_text)
        who = _who(person)
        first = start - dt.timedelta(days=GRACE_DAYS[kind])
        for on in wanted.get(f"{month_day // 100:02d}-{month_day % 100:02d}", []):
            if on < first or (year is not None and on.year <= year):
                continue
            found.append(_yearly_occasion(pk, kind, label, who, year, on, day))
    return found


def _yearly_occasion(
    pk: int, kind: str, label: str, who: _Who, year: int | None, on: dt.date, day: dt.date
) -> Occasion:
    years = on.year - year if year is not None else None

    def told() -> Told:
        name, when = who.name, on.isoformat()
        if kind == "birthday":
            title = _("Birthday of %(name)s") % {"name": name}
            reason = (
                _("turns %(age)d on %(day)s") % {"age": years, "day": when}
                if years is not None
                else _("birthday on %(day)s") % {"day": when}
            )
        else:
            title = _("%(label)s of %(name)s") % {"label": label or _("anniversary"), "name": name}
            reason = (
                ngettext(
                    "%(n)d year on %(day)s", "%(n)d years on %(day)s", years
                ) % {"n": years, "day": when}
                if years is not None
                else _("on %(day)s") % {"day": when}
            )  # fmt: skip
        return Told(title, reason, _("Write a greeting"))

    # One birthday per person: keyed by the person, so that a corrected date keeps it.
    key = (
        f"birthday:person={who.pk}:{on.year}"
        if kind == "birthday"
        else f"anniversary:date={pk}:{on.year}"
    )
    return Occasion(
        key=key,
        kind=kind,
        day=on,
        person_ids=(who.pk,),
        names=(who.name,),
        source="important_date",
        source_id=pk,
        importance=who.importance,
        told=told,
        overdue=on < day,
        age=years if kind == "birthday" else None,
    )


# --- congratulations and condolence --------------------------------------------------------


def _in_window(value: PartialDate | None, start: dt.date, end: dt.date) -> dt.date | None:
    """The day of a partial date (the first it could mean, to the month at least) if it
    falls from ``start`` to ``end``."""
    if value is None or value.year is None or value.month is None:
        return None
    on = value.earliest()
    return on if on is not None and start <= on <= end else None


def _span_in(value: PartialDate | None, start: dt.date, end: dt.date) -> dt.date | None:
    """The first day a partial date known at least to its month could mean, if any day it
    could mean falls from ``start`` to ``end``: a wedding in May is offered through May,
    and for the grace after its last day."""
    if value is None or value.year is None or value.month is None:
        return None
    first = dt.date(value.year, value.month, value.day or 1)
    last = (
        first
        if value.day
        else dt.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    )
    return first if first <= end and last >= start else None


def _when(value: PartialDate, on: dt.date) -> tuple[bool, str]:
    """Whether ``value`` names a day, and it in words: "2027-05-14", or "May 2027"."""
    if value.day is not None:
        return True, on.isoformat()
    return False, date_format(on, "F Y")


def _iso_range(field_name: str, start: dt.date, end: dt.date) -> Q:
    # Partial dates are stored as ISO text, which sorts like the dates it names.
    return Q(**{f"{field_name}__gte": start.isoformat()[:7], f"{field_name}__lte": end.isoformat()})


def _life_events(actor: Member, start: dt.date, end: dt.date, day: dt.date) -> list[Occasion]:
    since = start - dt.timedelta(days=GRACE_DAYS["congratulations"])
    rows = (
        ImportantDate.objects.filter(_iso_range("date", since, end))
        .filter(network_id=actor.network_id, kind__in=list(LIFE_EVENTS))
        .exclude(person__archived=True)
        .exclude(person_id=actor.person_id or 0)
        .values_list("pk", "kind", "date", "label", *_who_fields("person"))
    )
    found = []
    for pk, life_event, date, label, *person in rows:
        kind = LIFE_EVENTS[life_event]
        on = _span_in(date, start - dt.timedelta(days=GRACE_DAYS[kind]), end)
        if on is None:
            continue
        who = _who(person)

        found.append(
            Occasion(
                key=f"{kind}:date={pk}",
                kind=kind,
                day=on,
                person_ids=(who.pk,),
                names=(who.name,),
                source="important_date",
                source_id=pk,
                importance=who.importance,
                told=partial(_life_told, who.name, kind, label, life_event, date, on),
            )
        )
    return found


def _life_told(
    name: str, kind: str, label: str, life_event: str, date: PartialDate, on: dt.date
) -> Told:
    said = label or _life_words(life_event)
    title = _("Congratulate %(name)s") if kind == "congratulations" else _("Condole with %(name)s")
    to_the_day, when = _when(date, on)
    reason = (
        _("%(what)s on %(day)s") % {"what": said, "day": when}
        if to_the_day
        else _("%(what)s in %(month)s") % {"what": said, "month": when}
    )
    return Told(title % {"name": name}, reason, _("Write a few words"))


def _life_words(kind: str) -> str:
    return {
        "new_job": _("a new job"),
        "wedding": _("a wedding"),
        "child": _("a child"),
        "graduation": _("a graduation"),
        "award": _("an award"),
        "bereavement": _("a bereavement"),
        "illness": _("an illness"),
    }.get(kind, kind)


def _new_positions(actor: Member, start: dt.date, end: dt.date, day: dt.date) -> list[Occasion]:
    since = start - dt.timedelta(days=GRACE_DAYS["congratulations"])
    rows = (
        Affiliation.objects.filter(_iso_range("start", since, end))
        .filter(network_id=actor.network_id, kind__in=("job", "function"))
        .exclude(person__archived=True)
        .exclude(person_id=actor.person_id or 0)
        .values_list("pk", "start", "title", "organisation__name", *_who_fields("person"))
    )
    found = []
    for pk, started, position, organisation, *person in rows:
        on = _span_in(started, since, end)
        if on is None:
            continue
        who = _who(person)

        found.append(
            Occasion(
                key=f"congratulations:affiliation={pk}",
                kind="congratulations",
                day=on,
                person_ids=(who.pk,),
                names=(who.name,),
                source="affiliation",
                source_id=pk,
                importance=who.importance,
                told=partial(_position_told, who.name, position, organisation, started, on),
            )
        )
    return found


def _position_told(
    name: str, position: str, organisation: str, started: PartialDate, on: dt.date
) -> Told:
    reason = _("%(position)s at %(organisation)s since %(day)s") % {
        "position": position or _("a new position"),
        "organisation": organisation,
        "day": _when(started, on)[1],
    }
    return Told(_("Congratulate %(name)s") % {"name": name}, reason, _("Write a few words"))


# --- thanks ---------------------------------------------------------------------------------


def _thanks(actor: Member, start: dt.date, end: dt.date, day: dt.date) -> list[Occasion]:
    me = actor.person_id
    if me is None:
        return []
    since = start - dt.timedelta(days=thresholds()["thanks_days"])
    found = []
    favours = (
        visible_favours(actor)
        .filter(receiver_id=me, thanked_on__isnull=True, given_on__range=(since, end))
        .exclude(giver__archived=True)
        .values_list("pk", "given_on", "note", *_who_fields("giver"))
    )
    for pk, given_on, note, *giver in favours:

        def favoured(on: dt.date = given_on, note: str = note) -> str:
            return _("did you a favour on %(day)s") % {"day": on.isoformat()} + (
                f": {note}" if note else ""
            )

        found.append(_thank(_who(giver), f"thanks:favour={pk}", given_on, "favour", pk, favoured))
    recommendations = (
        visible_recommendations(actor)
        .filter(
            Q(beneficiary_id=me, beneficiary_thanked_on__isnull=True)
            | Q(recipient_id=me, recipient_thanked_on__isnull=True),
            made_on__range=(since, end),
        )
        .exclude(recommender__archived=True)
        .values_list("pk", "made_on", *_who_fields("recommender"))
    )
    for pk, made_on, *recommender in recommendations:

        def recommended(on: dt.date = made_on) -> str:
            return _("recommended you on %(day)s") % {"day": on.isoformat()}

        found.append(
            _thank(_who(recommender), f"thanks:recommendation={pk}", made_on, "recommendation",
                   pk, recommended)
        )  # fmt: skip
    return found


def _thank(
    who: _Who, key: str, on: dt.date, source: str, pk: int, reason: Callable[[], str]
) -> Occasion:
    def told() -> Told:
        title = _("Thank %(name)s") % {"name": who.name}
        return Told(title, reason(), _("Write a thank-you"))

    return Occasion(
        key=key,
        kind="thanks",
        day=on,
        person_ids=(who.pk,),
        names=(who.name,),
        source=source,
        source_id=pk,
        importance=who.importance,
        told=told,
    )


# --- promises -------------------------------------------------------------------------------


def _promises(actor: Member, start: dt.date, end: dt.date, day: dt.date) -> list[Occasion]:
    me = actor.person_id
    if me is None:
        return []
    rows = (
        visible_promises(actor)
        .filter(Q(debtor_id=me) | Q(creditor_id=me))
        .filter(done_on__isnull=True, due_on__isnull=False, due_on__lte=end)
        .exclude(debtor__archived=True)
        .exclude(creditor__archived=True)
        .values_list(
            "pk", "due_on", "text", "debtor_id", *_who_fields("debtor"), *_who_fields("creditor")
        )
    )
    found = []
    width = len(_WHO) + 1
    for pk, due_on, text, debtor_id, *parties in rows:
        mine = debtor_id == me
        who = _who(parties[width:] if mine else parties[:width])

        found.append(
            Occasion(
                key=f"promise:promise={pk}",
                kind="promise",
                day=due_on,
                person_ids=(who.pk,),
                names=(who.name,),
                source="promise",
                source_id=pk,
                importance=who.importance,
                told=partial(_promise_told, who.name, mine, due_on, text),
                overdue=due_on < day,
                action="keep" if mine else "ask",
                extra={"mine": mine, "text": text},
            )
        )
    return found


def _promise_told(name: str, mine: bool, due_on: dt.date, text: str) -> Told:
    when = {"day": due_on.isoformat(), "text": text, "name": name}
    if mine:
        return Told(
            _("Keep your promise to %(name)s") % when,
            _("you promised “%(text)s” by %(day)s") % when,
            _("Done"),
        )
    return Told(
        _("Ask %(name)s") % when,
        _("%(name)s promised “%(text)s” by %(day)s") % when,
        _("Remind them"),
    )


# --- projects and events --------------------------------------------------------------------


def _projects(actor: Member, start: dt.date, end: dt.date, day: dt.date) -> list[Occasion]:
    since = start - dt.timedelta(days=GRACE_DAYS["acknowledgement"])
    projects: dict[int, str] = {}
    ends: dict[int, dt.date] = {}
    rows = (
        Project.objects.filter(_iso_range("ends_on", since, end))
        .filter(network_id=actor.network_id, status="completed")
        .values_list("pk", "name", "ends_on")
    )
    for pk, name, ended in rows:
        finished = _in_window(ended, since, end)
        if finished is not None:
            projects[pk], ends[pk] = name, finished
    if not ends:
        return []
    people: dict[int, list[_Who]] = defaultdict(list)
    roles = (
        ProjectRole.objects.filter(project_id__in=list(ends), person__archived=False)
        .exclude(person_id=actor.person_id or 0)
        .order_by("person__sort_name", "person_id")
        .values_list("project_id", *_who_fields("person"))
    )
    for project_id, *who in roles:
        people[project_id].append(_who(who))
    found = []
    for pk, on in ends.items():
        members = people.get(pk)
        if not members:
            continue
        names = tuple(p.name for p in members)
        found.append(
            Occasion(
                key=f"acknowledgement:project={pk}",
                kind="acknowledgement",
                day=on,
                person_ids=tuple(p.pk for p in members),
                names=names,
                source="project",
                source_id=pk,
                importance=min(p.importance for p in members),
                told=partial(_project_told, projects[pk], on, names),
            )
        )
    return found


def _project_told(project: str, on: dt.date, names: tuple[str, ...]) -> Told:
    return Told(
        _("Acknowledge the work on %(project)s") % {"project": project},
        _("completed on %(day)s, with %(names)s")
        % {"day": on.isoformat(), "names": ", ".join(names)},
        _("Write a few words"),
    )


def _events(actor: Member, start: dt.date, end: dt.date) -> list[Occasion]:
    # The events of the window first (on their date index), then their attendances by
    # event: filtered by the network, SQLite would read every attendance of it.
    ahead = list(
        Event.objects.filter(
            network_id=actor.network_id,
            starts_on__gte=start,
            starts_on__lte=end + dt.timedelta(days=EVENT_LEAD_DAYS),
        ).values_list("pk", flat=True)
    )
    if not ahead:
        return []
    rows = (
        Attendance.objects.filter(event_id__in=ahead, person__archived=False)
        .exclude(person_id=actor.person_id or 0)
        .order_by("event_id", "person__sort_name", "person_id")
        .values_list("event_id", "event__name", "event__starts_on", *_who_fields("person"))
    )
    events: dict[int, tuple[str, dt.date | None]] = {}
    people: dict[int, list[_Who]] = defaultdict(list)
    for event_id, name, starts_on, *who in rows:
        events[event_id] = (name, starts_on)
        people[event_id].append(_who(who))
    found = []
    for pk, (name, starts_on) in events.items():
        members = people[pk]
        if starts_on is None:
            continue
        shown = tuple(p.name for p in members)
        found.append(
            Occasion(
                key=f"event:event={pk}:{starts_on.isoformat()}",
                kind="event",
                day=starts_on,
                person_ids=tuple(p.pk for p in members),
                names=shown,
                source="event",
                source_id=pk,
                importance=min(p.importance for p in members),
                told=partial(_event_told, name, starts_on, shown),
                action="prep",
            )
        )
    return found


def _event_told(event: str, on: dt.date, shown: tuple[str, ...]) -> Told:
    listed = ", ".join(shown[:5]) + (f" (+{len(shown) - 5})" if len(shown) > 5 else "")
    reason = ngettext(
        "on %(day)s; %(count)d person you know expected: %(names)s",
        "on %(day)s; %(count)d persons you know expected: %(names)s",
        len(shown),
    ) % {"day": on.isoformat(), "count": len(shown), "names": listed}
    return Told(_("Prepare for %(event)s") % {"event": event}, reason, _("Prepare"))
