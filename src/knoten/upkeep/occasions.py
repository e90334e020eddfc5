"""Occasions: what calls for a word from the user, read from the records each time.

Nothing is stored but the occasions a member has dealt with (:mod:`knoten.upkeep.handled`).
Each source is one query for the whole window, never one per person:

* birthdays and anniversaries (``ImportantDate``; partial dates with or without a year;
  29 February falls on 28 February in other years; the age when the year is known);
* a new job or function (an ``Affiliation`` whose start falls in the window) and the life
  events new job, wedding, child, award (congratulations) and bereavement (condolence);
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

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.db.models.functions import Right
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knoten.core.clock import today
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.journal.models import Attendance, Project, ProjectRole
from knoten.journal.visibility import visible_promises
from knoten.people.models import Affiliation, ImportantDate, Person
from knoten.reciprocity.services import visible_favours, visible_recommendations
from knoten.reciprocity.signals import thresholds
from knoten.upkeep.handled import handled_keys

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
    "award": "congratulations",
    "bereavement": "condolence",
}
# Deadlines: past their day they are overdue (the others are only "recent").
DEADLINES = ("birthday", "anniversary", "promise")


@dataclass(frozen=True)
class Occasion:
    """One occasion: what, for whom, on which day, why, and what to do about it."""

    key: str
    kind: str
    day: dt.date
    person_ids: tuple[int, ...]
    names: tuple[str, ...]
    title: str
    reason: str
    source: str  # the record it comes from: "important_date", "favour", "promise", …
    source_id: int
    importance: int  # the most important person's (1 inner … 4 peripheral)
    overdue: bool = False
    age: int | None = None
    action: str = "draft"  # "draft", "prep" (an event), "keep" or "ask" (a promise)
    action_label: str = ""
    action_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def person_id(self) -> int | None:
        return self.person_ids[0] if self.person_ids else None

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
    try:
        base = reverse("upkeep:draft", kwargs={"person_id": person_id})
    except NoReverseMatch:
        return None
    return f"{base}?{urlencode({'occasion': kind, 'key': key})}"


def _url(name: str, **kwargs: int) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


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


def _shown(person: Person) -> str:
    return person.full_name or person.nickname or str(person.pk)


def _yearly(actor: Member, start: dt.date, end: dt.date, day: dt.date) -> list[Occasion]:
    grace = max(GRACE_DAYS["birthday"], GRACE_DAYS["anniversary"])
    wanted = _month_days(_days(start - dt.timedelta(days=grace), end))
    rows = (
        ImportantDate.objects.filter(
            network_id=actor.network_id, kind__in=("birthday", "anniversary")
        )
        .exclude(person__archived=True)
        .exclude(person_id=actor.person_id or 0)
        .annotate(month_day=Right("date", 5))
        .filter(month_day__in=list(wanted))
        .select_related("person")
    )
    found = []
    for row in rows:
        date: PartialDate | None = row.date
        if date is None or date.month is None or date.day is None:
            continue
        for on in wanted.get(f"{date.month:02d}-{date.day:02d}", []):
            if on < start - dt.timedelta(days=GRACE_DAYS[row.kind]):
                continue
            if date.year is not None and on.year <= date.year:
                continue
            found.append(_yearly_occasion(row, date, on, day))
    return found


def _yearly_occasion(row: ImportantDate, date: PartialDate, on: dt.date, day: dt.date) -> Occasion:
    person: Person = row.person
    name = _shown(person)
    years = on.year - date.year if date.year is not None else None
    if row.kind == "birthday":
        title = _("Birthday of %(name)s") % {"name": name}
        reason = (
            _("turns %(age)d on %(day)s") % {"age": years, "day": on.isoformat()}
            if years is not None
            else _("birthday on %(day)s") % {"day": on.isoformat()}
        )
    else:
        label = row.label or _("anniversary")
        title = _("%(label)s of %(name)s") % {"label": label, "name": name}
        reason = (
            ngettext(
                "%(n)d year on %(day)s", "%(n)d years on %(day)s", years
            ) % {"n": years, "day": on.isoformat()}
            if years is not None
            else _("on %(day)s") % {"day": on.isoformat()}
        )  # fmt: skip
    # One birthday per person: keyed by the person, so that a corrected date keeps it.
    key = (
        f"birthday:person={person.pk}:{on.year}"
        if row.kind == "birthday"
        else f"anniversary:date={row.pk}:{on.year}"
    )
    return Occasion(
        key=key,
        kind=row.kind,
        day=on,
        person_ids=(person.pk,),
        names=(name,),
        title=title,
        reason=reason,
        source="important_date",
        source_id=row.pk,
        importance=person.importance,
        overdue=on < day,
        age=years if row.kind == "birthday" else None,
        action_label=_("Write a greeting"),
        action_url=draft_url(person.pk, row.kind, key),
    )


# --- congratulations and condolence --------------------------------------------------------


def _in_window(value: PartialDate | None, start: dt.date, end: dt.date) -> dt.date | None:
    """The day of a partial date (the first it could mean, to the month at least) if it
    falls from ``start`` to ``end``."""
    if value is None or value.year is None or value.month is None:
        return None
    on = value.earliest()
    return on if on is not None and start <= on <= end else None


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
        .select_related("person")
    )
    found = []
    for row in rows:
        kind = LIFE_EVENTS[row.kind]
        on = _in_window(row.date, start - dt.timedelta(days=GRACE_DAYS[kind]), end)
        if on is None:
            continue
        person: Person = row.person
        name = _shown(person)
        what = row.label or _life_words(row.kind)
        key = f"{kind}:date={row.pk}"
        found.append(
            Occasion(
                key=key,
                kind=kind,
                day=on,
                person_ids=(person.pk,),
                names=(name,),
                title=(
                    _("Congratulate %(name)s")
                    if kind == "congratulations"
                    else _("Condole with %(name)s")
                )
                % {"name": name},
                reason=_("%(what)s on %(day)s") % {"what": what, "day": on.isoformat()},
                source="important_date",
                source_id=row.pk,
                importance=person.importance,
                action_label=_("Write a few words"),
                action_url=draft_url(person.pk, kind, key),
            )
        )
    return found


def _life_words(kind: str) -> str:
    return {
        "new_job": _("a new job"),
        "wedding": _("a wedding"),
        "child": _("a child"),
        "award": _("an award"),
        "bereavement": _("a bereavement"),
    }.get(kind, kind)


def _new_positions(actor: Member, start: dt.date, end: dt.date, day: dt.date) -> list[Occasion]:
    since = start - dt.timedelta(days=GRACE_DAYS["congratulations"])
    rows = (
        Affiliation.objects.filter(_iso_range("start", since, end))
        .filter(network_id=actor.network_id, kind__in=("job", "function"))
        .exclude(person__archived=True)
        .exclude(person_id=actor.person_id or 0)
        .select_related("person", "organisation")
    )
    found = []
    for row in rows:
        on = _in_window(row.start, since, end)
        if on is None:
            continue
        person: Person = row.person
        name = _shown(person)
        key = f"congratulations:affiliation={row.pk}"
        position = row.title or _("a new position")
        found.append(
            Occasion(
                key=key,
                kind="congratulations",
                day=on,
                person_ids=(person.pk,),
                names=(name,),
                title=_("Congratulate %(name)s") % {"name": name},
                reason=_("%(position)s at %(organisation)s since %(day)s")
                % {
                    "position": position,
                    "organisation": row.organisation.name,
                    "day": on.isoformat(),
                },
                source="affiliation",
                source_id=row.pk,
                importance=person.importance,
                action_label=_("Write a few words"),
                action_url=draft_url(person.pk, "congratulations", key),
            )
        )
    return found


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
        .select_related("giver")
    )
    for favour in favours:
        giver: Person = favour.giver
        found.append(
            _thank(giver, f"thanks:favour={favour.pk}", favour.given_on, "favour", favour.pk,
                   _("did you a favour on %(day)s") % {"day": favour.given_on.isoformat()}
                   + (f": {favour.note}" if favour.note else ""))
        )  # fmt: skip
    recommendations = (
        visible_recommendations(actor)
        .filter(
            Q(beneficiary_id=me, beneficiary_thanked_on__isnull=True)
            | Q(recipient_id=me, recipient_thanked_on__isnull=True),
            made_on__range=(since, end),
        )
        .exclude(recommender__archived=True)
        .select_related("recommender")
    )
    for row in recommendations:
        found.append(
            _thank(row.recommender, f"thanks:recommendation={row.pk}", row.made_on,
                   "recommendation", row.pk,
                   _("recommended you on %(day)s") % {"day": row.made_on.isoformat()})
        )  # fmt: skip
    return found


def _thank(person: Person, key: str, on: dt.date, source: str, pk: int, reason: str) -> Occasion:
    name = _shown(person)
    return Occasion(
        key=key,
        kind="thanks",
        day=on,
        person_ids=(person.pk,),
        names=(name,),
        title=_("Thank %(name)s") % {"name": name},
        reason=reason,
        source=source,
        source_id=pk,
        importance=person.importance,
        action_label=_("Write a thank-you"),
        action_url=draft_url(person.pk, "thanks", key),
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
        .select_related("debtor", "creditor")
    )
    found = []
    for promise in rows:
        assert promise.due_on is not None
        mine = promise.debtor_id == me
        other: Person = promise.creditor if mine else promise.debtor
        name = _shown(other)
        when = {"day": promise.due_on.isoformat(), "text": promise.text, "name": name}
        found.append(
            Occasion(
                key=f"promise:promise={promise.pk}",
                kind="promise",
                day=promise.due_on,
                person_ids=(other.pk,),
                names=(name,),
                title=(_("Keep your promise to %(name)s") if mine else _("Ask %(name)s")) % when,
                reason=(
                    _("you promised “%(text)s” by %(day)s")
                    if mine
                    else _("%(name)s promised “%(text)s” by %(day)s")
                )
                % when,
                source="promise",
                source_id=promise.pk,
                importance=other.importance,
                overdue=promise.due_on < day,
                action="keep" if mine else "ask",
                action_label=_("Done") if mine else _("Remind them"),
                action_url=None
                if mine
                else draft_url(other.pk, "promise", f"promise:promise={promise.pk}"),
                extra={"mine": mine, "text": promise.text},
            )
        )
    return found


# --- projects and events --------------------------------------------------------------------


def _projects(actor: Member, start: dt.date, end: dt.date, day: dt.date) -> list[Occasion]:
    since = start - dt.timedelta(days=GRACE_DAYS["acknowledgement"])
    projects = {
        p.pk: p
        for p in Project.objects.filter(_iso_range("ends_on", since, end)).filter(
            network_id=actor.network_id, status="completed"
        )
    }
    ends: dict[int, dt.date] = {}
    for pk, project in projects.items():
        finished = _in_window(project.ends_on, since, end)
        if finished is not None:
            ends[pk] = finished
    if not ends:
        return []
    people: dict[int, list[Person]] = defaultdict(list)
    roles = (
        ProjectRole.objects.filter(project_id__in=list(ends), person__archived=False)
        .exclude(person_id=actor.person_id or 0)
        .select_related("person")
        .order_by("person__sort_name", "person_id")
    )
    for role in roles:
        people[role.project_id].append(role.person)
    found = []
    for pk, on in ends.items():
        members = people.get(pk)
        if not members:
            continue
        project = projects[pk]
        found.append(
            Occasion(
                key=f"acknowledgement:project={pk}",
                kind="acknowledgement",
                day=on,
                person_ids=tuple(p.pk for p in members),
                names=tuple(_shown(p) for p in members),
                title=_("Acknowledge the work on %(project)s") % {"project": project.name},
                reason=_("completed on %(day)s, with %(names)s")
                % {"day": on.isoformat(), "names": ", ".join(_shown(p) for p in members)},
                source="project",
                source_id=pk,
                importance=min(p.importance for p in members),
                action_label=_("Write a few words"),
                action_url=draft_url(
                    members[0].pk, "acknowledgement", f"acknowledgement:project={pk}"
                ),
            )
        )
    return found


def _events(actor: Member, start: dt.date, end: dt.date) -> list[Occasion]:
    rows = (
        Attendance.objects.filter(
            network_id=actor.network_id,
            event__starts_on__gte=start,
            event__starts_on__lte=end + dt.timedelta(days=EVENT_LEAD_DAYS),
            person__archived=False,
        )
        .exclude(person_id=actor.person_id or 0)
        .select_related("event", "person")
        .order_by("event_id", "person__sort_name", "person_id")
    )
    events: dict[int, Any] = {}
    people: dict[int, list[Person]] = defaultdict(list)
    for row in rows:
        events[row.event_id] = row.event
        people[row.event_id].append(row.person)
    found = []
    for pk, event in events.items():
        members = people[pk]
        if event.starts_on is None:
            continue
        shown = [_shown(p) for p in members]
        listed = ", ".join(shown[:5]) + (f" (+{len(shown) - 5})" if len(shown) > 5 else "")
        found.append(
            Occasion(
                key=f"event:event={pk}:{event.starts_on.isoformat()}",
                kind="event",
                day=event.starts_on,
                person_ids=tuple(p.pk for p in members),
                names=tuple(shown),
                title=_("Prepare for %(event)s") % {"event": event.name},
                reason=ngettext(
                    "on %(day)s; %(count)d person you know expected: %(names)s",
                    "on %(day)s; %(count)d persons you know expected: %(names)s",
                    len(members),
                )
                % {
                    "day": event.starts_on.isoformat(),
                    "count": len(members),
                    "names": listed,
                },
                source="event",
                source_id=pk,
                importance=min(p.importance for p in members),
                action="prep",
                action_label=_("Prepare"),
                action_url=_url("upkeep:prep", event_id=pk),
            )
        )
    return found
