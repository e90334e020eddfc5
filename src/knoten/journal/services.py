"""The journal's rules: conversations, promises, projects and events.

Plain typed functions that the command line, the web views and the API all call. Each
takes the acting :class:`Member` first and works only inside that member's network; a
row of another network is reported as not found, never read or changed. Every input is
checked before anything is written, and each write runs in one transaction, so a
failure leaves the database as it was.

A conversation is logged by its author between *me* (the author's own person, who is
implied and not stored as a participant) and the persons it was with. Promises made in
it run between *me* and the first of those persons.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet

from knoten.core import changes
from knoten.core.clock import today
from knoten.core.data import iso, reference
from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.core.folding import fold, fold_words
from knoten.core.limits import check_window, storable
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate, find_partial_date, parse_partial_date
from knoten.core.reading import parse_day
from knoten.core.words import resolve_word
from knoten.journal import vocabulary as v
from knoten.journal.models import (
    Attendance,
    Event,
    Interaction,
    Participation,
    Project,
    ProjectRole,
    Promise,
)
from knoten.journal.visibility import visible_interactions
from knoten.people.lookup import MAX_CANDIDATES, ensure_organisation, resolve_person
from knoten.people.models import Organisation, Person

# A conversation longer than a week is a typing mistake, not a conversation.
MAX_MINUTES = 7 * 24 * 60
MAX_HOURS = Decimal("99999.99")
MAX_COST = Decimal("9999999999.99")
# Far beyond any list, and well inside the databases' 64-bit OFFSET.

# ---------------------------------------------------------------------------
# Reading what users type
# ---------------------------------------------------------------------------

_WEEKDAYS = {
    fold(word)
    for word in (
        *("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
        *("Sonnabend", "Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
    )
}
_PAST_WORDS = {
    fold(word) for word in ("letzten", "letzte", "letzter", "vergangenen", "vergangene", "last")
}


def conversation_day(
    value: str | dt.date | None,
    field: str = "on",
    *,
    hint: str = "log a conversation after it happened",
) -> dt.date:
    """The day a conversation happened: today by default, never in the future.

    A bare weekday means the last one ("Freitag" on a Wednesday is two days ago, on a
    Friday it is today), since minutes are written after the conversation; "letzten
    Freitag" and "last friday" mean the same.
    """
    now = today()
    if value is None:
        return now
    if isinstance(value, dt.date):
        day = value
        text = value.isoformat()
    else:
        text = value
        words = fold_words(text)
        if len(words) == 2 and words[0] in _PAST_WORDS and words[1] in _WEEKDAYS:
            words = words[1:]
        if len(words) == 1 and words[0] in _WEEKDAYS:
            # dateparser reads a weekday as the next one after today; go back a week.
            day = parse_day(words[0], field, relative_to=now - dt.timedelta(days=7))
        else:
            day = parse_day(text, field)
    if day > now:
        raise InvalidInput(
            field,
            text,
            f"is {day.isoformat()}, in the future; {hint}",
        )
    return day


def due_day(text: str, field: str = "due", *, relative_to: dt.date | None = None) -> dt.date:
    """A due date: a full date, a day and month (the next such day), or words ("Freitag").

    Words are read relative to ``relative_to`` (the day the promise was made), so
    "bis Freitag" said on a Wednesday is that week's Friday.
    """
    base = relative_to or today()
    partial = find_partial_date(text, field)
    if partial is not None and partial.year is None:
        assert partial.month is not None and partial.day is not None
        for year in range(base.year, base.year + 9):
            try:
                candidate = dt.date(year, partial.month, partial.day)
            except ValueError:  # 29 February in a common year
                continue
            if candidate >= base:
                return candidate
    return parse_day(text, field, relative_to=base)


_DUE_SPLIT = re.compile(
    r"^(?P<text>.*\S)\s+(?:by|until|till|bis(?:\s+(?:zum|zur|spätestens|spaetestens))?)"
    r"\s+(?P<due>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


def parse_promise(
    text: str, field: str = "promise", *, relative_to: dt.date | None = None
) -> tuple[str, dt.date | None]:
    """``"TEXT by DATE"`` (or German ``"TEXT bis DATE"``) as the text and its due day.

    The date comes after the last "by", "until" or "bis"; a promise without one has no
    due date. A due part that is not a date is refused rather than kept as text, so a
    mistyped date is never silently lost.
    """
    raw = " ".join((text or "").split())
    if not raw:
        raise InvalidInput(
            field, text, "is empty; say what was promised, e.g. 'Angebot bis Freitag'"
        )
    match = _DUE_SPLIT.match(raw)
    if match is None:
        if fold_words(raw)[:1] in (["by"], ["bis"], ["until"], ["till"]):
            raise InvalidInput(field, text, "has a due date but no text; say what was promised")
        return raw, None
    what, due_text = match.group("text").strip(), match.group("due").strip()
    try:
        due = due_day(due_text, field, relative_to=relative_to)
    except InvalidInput as error:
        raise InvalidInput(
            field,
            text,
            f"has the due date {due_text!r}, which {error.reason}"
            " (put the date last, after 'by' or 'bis')",
        ) from None
    return what, due


_MONEY = re.compile(
    r"^(?P<pre>[€$£]|[A-Za-z]{3,4}\.?)?\s*(?P<num>[+-]?\d[\d.,'\u202f\u00a0 ]*?)"
    r"(?:[.,]-{1,2})?\s*(?P<post>[€$£]|[A-Za-z]{3,4}\.?)?$"
)
_CURRENCIES = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "$": "USD",
    "usd": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "fr.": "CHF",
}


def _plain_number(text: str, *, decimals: int) -> Decimal | None:
    """A number written the German or the English way: 1.234,50 / 1,234.50 / 1234.5."""
    number = re.sub(r"[\s'\u202f\u00a0]", "", text)
    sign = ""
    if number[:1] in ("+", "-"):
        sign, number = number[0].replace("+", ""), number[1:]
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        whole, _, fraction = number.replace(thousands, "").partition(decimal_mark)
    elif "," in number or "." in number:
        mark = "," if "," in number else "."
        groups = number.split(mark)
        # One mark followed by exactly three digits groups thousands ("1.234" is 1234):
        # amounts and hours have at most two decimals.
        if len(groups) == 2 and len(groups[1]) != 3:
            whole, fraction = groups
        elif all(len(group) == 3 for group in groups[1:]) and 1 <= len(groups[0]) <= 3:
            whole, fraction = "".join(groups), ""
        else:
            return None
    else:
        whole, fraction = number, ""
    if not whole.isdecimal() or (fraction and not fraction.isdecimal()) or len(fraction) > decimals:
        return None
    return Decimal(f"{sign}{whole}.{fraction or '0'}")


def parse_cost(value: str | int | Decimal, field: str = "cost") -> tuple[Decimal, str | None]:
    """An amount and its currency (None if not given): "450", "450 EUR", "1.234,50 €"."""
    if isinstance(value, bool):
        raise InvalidInput(field, value, "is not an amount")
    if isinstance(value, int | Decimal):
        amount: Decimal | None = Decimal(value)
        currency = None
        text: object = value
    else:
        text = value
        match = _MONEY.match((value or "").strip())
        amount, currency = None, None
        if match and not (match.group("pre") and match.group("post")):
            amount = _plain_number(match.group("num"), decimals=2)
            symbol = (match.group("pre") or match.group("post") or "").lower()
            if symbol:
                currency = _CURRENCIES.get(symbol) or _CURRENCIES.get(symbol.rstrip("."))
                if currency is None and re.fullmatch(r"[a-z]{3}", symbol):
                    currency = symbol.upper()
                if currency is None:
                    amount = None
    if amount is None or not amount.is_finite():
        raise InvalidInput(field, text, "is not an amount; write e.g. 450, 450 EUR or 1.234,50 €")
    if amount < 0:
        raise InvalidInput(field, text, "is negative; a cost is 0 or more")
    if amount > MAX_COST:
        raise InvalidInput(field, text, "is too large for a cost")
    return amount.quantize(Decimal("0.01")), currency


def parse_hours(value: str | int | float | Decimal, field: str = "hours") -> Decimal:
    """Hours spent: "4", "4,5", "4.5 h", "3 Stunden" or "1:30"."""
    if isinstance(value, bool):
        raise InvalidInput(field, value, "is not a number of hours")
    hours: Decimal | None
    if isinstance(value, int | float | Decimal):
        try:
            hours = Decimal(str(value))
        except InvalidOperation:
            hours = None
    else:
        text = (value or "").strip()
        clock = re.fullmatch(r"(\d{1,5}):([0-5]\d)", text)
        if clock:
            hours = Decimal(clock.group(1)) + Decimal(clock.group(2)) / 60
        else:
            number = re.sub(r"\s*(h|hrs?|hours?|std\.?|stunden?)$", "", text, flags=re.IGNORECASE)
            hours = _plain_number(number, decimals=2) if number else None
    if hours is None or not hours.is_finite():
        raise InvalidInput(field, value, "is not a number of hours; write e.g. 4, 4,5 or 1:30")
    if hours < 0:
        raise InvalidInput(field, value, "is negative; hours spent are 0 or more")
    if hours > MAX_HOURS:
        raise InvalidInput(field, value, "is too many hours")
    return hours.quantize(Decimal("0.01"))


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _line(value: str | None, field: str, max_length: int) -> str:
    """One line of text (spaces collapsed) that fits its column."""
    storable(field, value)
    line = _text(value)
    if len(line) > max_length:
        raise InvalidInput(
            field, line[:40] + "…", f"is {len(line)} characters long; at most {max_length} fit"
        )
    return line


def _long_text(value: str | None, field: str) -> str:
    """Free text (a summary, a note): kept as written, less the spaces around it."""
    storable(field, value)
    return (value or "").strip()


def _pk(value: int | str, field: str) -> int:
    """An id given as a number or as its digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raw = str(value).strip()
    if not raw.isdecimal():
        raise InvalidInput(field, value, f"is not a {field} id (a number)")
    return int(raw)


def _window(limit: int | None, offset: int) -> tuple[int | None, int]:
    """A page of a list: ``limit`` rows (all if None) after ``offset``."""
    check_window(limit, offset)
    return limit, offset


def _page(rows: QuerySet[Any], limit: int | None, offset: int) -> QuerySet[Any]:
    limit, offset = _window(limit, offset)
    return rows[offset:] if limit is None else rows[offset : offset + limit]


def _minutes(minutes: object) -> int:
    """A conversation's duration in whole minutes, up to a week ("45" from a form too)."""
    if isinstance(minutes, str) and minutes.strip().isdecimal():
        minutes = int(minutes.strip())
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise InvalidInput("minutes", minutes, "is not a whole number of minutes")
    if minutes < 0:
        raise InvalidInput("minutes", minutes, "is negative; a duration is 0 minutes or more")
    if minutes > MAX_MINUTES:
        raise InvalidInput("minutes", minutes, "is longer than a week; give the duration")
    return minutes


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(field, value, "is not true or false")
    return value


def _other_people(actor: Member, texts: Iterable[str | int | Person], field: str) -> list[Person]:
    """Each named person once, in the order given; *me* is implied, never named."""
    people: list[Person] = []
    for text in texts:
        person = _person(actor, text, field)
        if person.pk == actor.me.pk:
            raise InvalidInput(field, text, "is you; name the other people here")
        if all(person.pk != known.pk for known in people):
            people.append(person)
    return people


# ---------------------------------------------------------------------------
# Interactions (the minutes of conversations)
# ---------------------------------------------------------------------------


def _with_related(interactions: QuerySet[Interaction]) -> QuerySet[Interaction]:
    return interactions.select_related("event", "author__person").prefetch_related(
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("person").order_by("pk"),
        ),
        Prefetch(
            "promises",
            queryset=Promise.objects.select_related("debtor", "creditor").order_by("pk"),
        ),
    )


def interaction_as_dict(interaction: Interaction) -> dict[str, Any]:
    """One conversation as JSON-able data, the same for every interface."""
    author = interaction.author.person if interaction.author is not None else None
    return {
        "id": interaction.pk,
        "date": interaction.occurred_on.isoformat(),
        "kind": interaction.kind,
        "summary": interaction.summary,
        "minutes": interaction.duration_minutes,
        "place": interaction.place,
        "event": reference(interaction.event),
        "private": interaction.private,
        "author": reference(author),
        "participants": [reference(p.person) for p in interaction.participations.all()],
        "promises": [promise_as_dict(promise) for promise in interaction.promises.all()],
    }


def log_interaction(
    actor: Member,
    summary: str,
    *,
    participants: Sequence[str | Person],
    kind: str = "meeting",
    on: str | dt.date | None = None,
    minutes: int | str | None = None,
    event: str | int | Event | None = None,
    place: str = "",
    private: bool = False,
    promises: Sequence[str] = (),
    expectations: Sequence[str] = (),
) -> Interaction:
    """Write down a conversation, with the promises made in it.

    Each of ``promises`` ("TEXT by DATE") is owed by *me* to the first participant; each
    of ``expectations`` is owed by the first participant to *me*. Due dates in words are
    read relative to the day of the conversation. Logging a conversation at an event
    marks its participants as met there.
    """
    text = _long_text(summary, "summary")
    if not text:
        raise InvalidInput("summary", summary, "is empty; say in a line what was discussed")
    where = _line(place, "place", 300)
    storable("participant", list(participants or []))
    storable("promise", list(promises))
    storable("expect", list(expectations))
    if not participants:
        raise InvalidInput(
            "participants", "", "is empty; name at least one person the conversation was with"
        )
    people = _other_people(actor, participants, "participant")
    kind_code = resolve_word(v.INTERACTION_KINDS, kind, "kind")
    day = conversation_day(on, "on")
    if minutes is not None:
        minutes = _minutes(minutes)
    found_event = None if event is None or event == "" else resolve_event(actor, event, "event")
    owed = [parse_promise(p, "promise", relative_to=day) for p in promises]
    expected = [parse_promise(p, "expect", relative_to=day) for p in expectations]
    me, first = actor.me, people[0]

    with changes.atomic():
        interaction = Interaction.objects.create(
            network_id=actor.network_id,
            occurred_on=day,
            kind=kind_code,
            summary=text,
            duration_minutes=minutes,
            place=where,
            event=found_event,
            author=actor,
            private=bool(private),
        )
        Participation.objects.bulk_create(
            [
                Participation(network_id=actor.network_id, interaction=interaction, person=p)
                for p in people
            ]
        )
        Promise.objects.bulk_create(
            [
                Promise(
                    network_id=actor.network_id,
                    debtor=debtor,
                    creditor=creditor,
                    text=what,
                    due_on=due,
                    interaction=interaction,
                )
                for (debtor, creditor, entries) in ((me, first, owed), (first, me, expected))
                for what, due in entries
            ]
        )
        if found_event is not None:
            _attend(actor, found_event, people, Attendance.Status.MET)
    return _with_related(Interaction.objects.filter(pk=interaction.pk)).get()


# ---------------------------------------------------------------------------
# Promises
# ---------------------------------------------------------------------------


def promise_as_dict(promise: Promise) -> dict[str, Any]:
    """One promise as JSON-able data: who owes whom what, by when, done or not."""
    return {
        "id": promise.pk,
        "text": promise.text,
        "debtor": reference(promise.debtor),
        "creditor": reference(promise.creditor),
        "due": iso(promise.due_on),
        "done": promise.is_done,
        "done_on": iso(promise.done_on),
        "overdue": promise.done_on is None
        and promise.due_on is not None
        and promise.due_on < today(),
        "interaction": promise.interaction_id,
    }


def visible_promises(actor: Member) -> QuerySet[Promise]:
    """The promises of ``actor``'s network, less those made in others' private minutes."""
    return Promise.objects.filter(network_id=actor.network_id).filter(
        Q(interaction__isnull=True)
        | Q(interaction__private=False)
        | Q(interaction__author_id=actor.pk)
    )


def _promise(actor: Member, promise_id: int | str) -> Promise:
    """One promise ``actor`` may see, by id."""
    pk = _pk(promise_id, "promise")
    found = visible_promises(actor).select_related("debtor", "creditor").filter(pk=pk).first()
    if found is None:
        raise NotFound("promise", pk)
    return found


def promise_detail(actor: Member, promise_id: int | str) -> dict[str, Any]:
    """One promise ``actor`` may see, as JSON-able data."""
    return promise_as_dict(_promise(actor, promise_id))


def list_promises(
    actor: Member,
    *,
    open_only: bool = True,
    person: str | Person | None = None,
    owed_by_me: bool | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Promise]:
    """Promises sorted by due date (those without one last), open ones only by default.

    ``person`` keeps those the person owes or is owed; ``owed_by_me`` True keeps what
    *me* owes, False what others owe *me*.
    """
    promises = visible_promises(actor)
    if person is not None and person != "":
        who = _person(actor, person, "person")
        promises = promises.filter(Q(debtor=who) | Q(creditor=who))
    if owed_by_me is True:
        promises = promises.filter(debtor_id=actor.me.pk)
    elif owed_by_me is False:
        promises = promises.filter(creditor_id=actor.me.pk)
    if open_only:
        promises = promises.filter(done_on__isnull=True)
    ordered = promises.select_related("debtor", "creditor").order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )
    return list(_page(ordered, limit, offset))


def complete_promise(
    actor: Member, promise_id: int | str, *, on: str | dt.date | None = None
) -> Promise:
    """Mark a promise as kept (today, or ``on``); a promise already done is refused."""
    promise = _promise(actor, promise_id)
    if promise.done_on is not None:
        raise InvalidInput(
            "promise", promise.pk, f"was already done on {promise.done_on.isoformat()}"
        )
    done = conversation_day(on, "on", hint="mark a promise done once it is kept")
    with changes.atomic():
        promise.done_on = done
        promise.save(update_fields=["done_on"])
    return promise


# ---------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------


def _resolve_by_name(
    objects: QuerySet[Any], text: str, what: str, field: str, describe: Any
) -> Any:
    """The one object whose folded name equals, or else contains, what was typed."""
    storable(field, text)
    raw = text.strip()
    if not raw:
        raise InvalidInput(field, text, f"is empty; give the {what}'s name or id")
    if raw.isdecimal():
        found = objects.filter(pk=int(raw)).first()
        if found is None:
            raise NotFound(field, raw)
        return found
    folded = fold(raw)
    for candidates in (
        objects.filter(folded_name=folded),
        objects.filter(folded_name__contains=folded),
    ):
        matches = list(candidates.order_by("pk")[: MAX_CANDIDATES + 1])
        if len(matches) == 1:
            return matches[0]
        if matches:
            shown = [describe(obj) for obj in matches[:MAX_CANDIDATES]]
            if len(matches) > MAX_CANDIDATES:
                shown.append("… and more")
            raise Ambiguous(field, raw, shown)
    raise NotFound(field, raw)


def resolve_project(actor: Member, text: str | int | Project, field: str = "project") -> Project:
    """The one project of ``actor``'s network named by ``text`` (id or part of the name)."""
    if isinstance(text, Project):
        if text.network_id != actor.network_id:
            raise NotFound(field, text.pk)
        return text
    found: Project = _resolve_by_name(
        Project.objects.filter(network_id=actor.network_id),
        str(text),
        "project",
        field,
        lambda p: f"{p.pk}: {p.name} ({p.status})",
    )
    return found


def _partial(value: str | dt.date | PartialDate | None, field: str) -> PartialDate | None:
    if value is None or value == "":
        return None
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    return parse_partial_date(value, field)


def _first_day(value: dt.date | PartialDate | None) -> dt.date | None:
    return value.earliest() if isinstance(value, PartialDate) else value


def _last_day(value: dt.date | PartialDate | None) -> dt.date | None:
    """The last day a date could mean: 2024 ends on 31 December, 2024-02 on the 29th."""
    if not isinstance(value, PartialDate):
        return value
    if value.year is None:
        return None
    month = value.month or 12
    day = value.day or calendar.monthrange(value.year, month)[1]
    return dt.date(value.year, month, day)


def _check_order(
    start: dt.date | PartialDate | None,
    end: dt.date | PartialDate | None,
    end_text: object,
    field: str,
) -> None:
    """Refuse an end that lies wholly before the start ("2024" may end a "2024-05" start)."""
    first, last = _first_day(start), _last_day(end)
    if first is not None and last is not None and last < first:
        shown = start.isoformat() if start is not None else ""
        raise InvalidInput(field, end_text, f"is before the start {shown}")


def project_as_dict(project: Project) -> dict[str, Any]:
    """One project as JSON-able data, with its participants and their roles."""
    return {
        "id": project.pk,
        "name": project.name,
        "status": project.status,
        "starts": iso(project.starts_on),
        "ends": iso(project.ends_on),
        "organisation": reference(project.organisation),
        "description": project.description,
        "participants": [
            {"id": role.person.pk, "name": role.person.full_name, "role": role.role}
            for role in project.roles.all()
        ],
    }


def _projects_with_related(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.select_related("organisation").prefetch_related(
        Prefetch("roles", queryset=ProjectRole.objects.select_related("person").order_by("pk"))
    )


def add_project(
    actor: Member,
    name: str,
    *,
    status: str = "ongoing",
    organisation: str | Organisation | None = None,
    starts: str | dt.date | PartialDate | None = None,
    ends: str | dt.date | PartialDate | None = None,
    description: str | None = None,
    participants: Sequence[str] = (),
) -> Project:
    """A new project; each participant is "PERSON" or "PERSON=ROLE" ("Anna Schmidt=lead")."""
    title = _line(name, "name", 300)
    if not title:
        raise InvalidInput("name", name, "is empty; a project needs a name")
    storable("organisation", organisation)
    storable("participants", list(participants))
    note = _long_text(description, "description")
    status_code = resolve_word(v.PROJECT_STATUSES, status, "status")
    start = _partial(starts, "starts")
    end = _partial(ends, "ends")
    _check_order(start, end, ends, "ends")
    if isinstance(organisation, Organisation) and organisation.network_id != actor.network_id:
        raise NotFound("organisation", organisation.pk)
    if isinstance(organisation, str) and organisation.strip() == "" and organisation:
        raise InvalidInput("organisation", organisation, "is empty; give the organisation's name")
    roles: dict[int, tuple[Person, str]] = {}
    for entry in participants:
        who, _, role = str(entry).partition("=")
        if not who.strip():
            raise InvalidInput(
                "participants", entry, "names no person; write PERSON or PERSON=ROLE"
            )
        person = resolve_person(actor, who.strip(), "participant")
        known = roles.get(person.pk)
        role_text = _line(role, "participants", 200)
        roles[person.pk] = (person, role_text or (known[1] if known else ""))

    with changes.atomic():
        org = ensure_organisation(actor, organisation, "organisation") if organisation else None
        project = Project.objects.create(
            network_id=actor.network_id,
            name=title,
            status=status_code,
            starts_on=iso(start),
            ends_on=iso(end),
            organisation=org,
            description=note,
        )
        ProjectRole.objects.bulk_create(
            [
                ProjectRole(network_id=actor.network_id, project=project, person=p, role=role)
                for p, role in roles.values()
            ]
        )
    return _projects_with_related(Project.objects.filter(pk=project.pk)).get()


def list_projects(
    actor: Member, *, status: str | None = None, limit: int | None = None, offset: int = 0
) -> list[Project]:
    """The network's projects by name, all or those of one status (English or German)."""
    projects = Project.objects.filter(network_id=actor.network_id)
    if status:
        storable("status", status)
        projects = projects.filter(status=resolve_word(v.PROJECT_STATUSES, status, "status"))
    ordered = _projects_with_related(projects).order_by("folded_name", "pk")
    return list(_page(ordered, limit, offset))


def project_detail(actor: Member, project: str | int | Project) -> dict[str, Any]:
    """Everything about one project: its facts and its participants with their roles."""
    found = resolve_project(actor, project)
    return project_as_dict(_projects_with_related(Project.objects.filter(pk=found.pk)).get())


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


def resolve_event(actor: Member, text: str | int | Event, field: str = "event") -> Event:
    """The one event of ``actor``'s network named by ``text`` (id or part of the name)."""
    if isinstance(text, Event):
        if text.network_id != actor.network_id:
            raise NotFound(field, text.pk)
        return text
    found: Event = _resolve_by_name(
        Event.objects.filter(network_id=actor.network_id),
        str(text),
        "event",
        field,
        lambda e: f"{e.pk}: {e.name}" + (f" ({e.starts_on.isoformat()})" if e.starts_on else ""),
    )
    return found


def event_as_dict(event: Event) -> dict[str, Any]:
    """One event as JSON-able data (without its attendance; see :func:`event_detail`)."""
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


def _attend(actor: Member, event: Event, people: Sequence[Person], status: str) -> list[Attendance]:
    """Set each person's attendance; "met" is never downgraded to "expected"."""
    existing = {a.person_id: a for a in Attendance.objects.filter(event=event, person__in=people)}
    result: list[Attendance] = []
    for person in people:
        attendance = existing.get(person.pk)
        if attendance is None:
            attendance = Attendance.objects.create(
                network_id=actor.network_id, event=event, person=person, status=status
            )
        elif status == Attendance.Status.MET and attendance.status != status:
            attendance.status = status
            attendance.save(update_fields=["status"])
        result.append(attendance)
    return result


def add_event(
    actor: Member,
    name: str,
    *,
    kind: str = "meetup",
    starts: str | dt.date | None = None,
    ends: str | dt.date | None = None,
    place: str = "",
    organiser: str | Organisation | None = None,
    cost: str | int | Decimal | None = None,
    hours: str | int | float | Decimal | None = None,
    note: str | None = None,
    attendees: Sequence[str | Person] = (),
) -> Event:
    """A new event (fair, conference, meetup …), with the people expected there."""
    title = _line(name, "name", 300)
    if not title:
        raise InvalidInput("name", name, "is empty; an event needs a name")
    where = _line(place, "place", 300)
    notes = _long_text(note, "note")
    storable("organiser", organiser)
    storable("attendee", list(attendees))
    kind_code = resolve_word(v.EVENT_KINDS, kind, "kind")
    start = parse_day(starts, "starts") if isinstance(starts, str) and starts else starts or None
    end = parse_day(ends, "ends") if isinstance(ends, str) and ends else ends or None
    if end is not None and start is None:
        raise InvalidInput("ends", ends, "is given without a start; give the first day too")
    _check_order(start, end, ends, "ends")
    amount, currency = (None, None) if cost is None or cost == "" else parse_cost(cost, "cost")
    spent = None if hours is None or hours == "" else parse_hours(hours, "hours")
    if isinstance(organiser, Organisation) and organiser.network_id != actor.network_id:
        raise NotFound("organiser", organiser.pk)
    if isinstance(organiser, str) and organiser and not organiser.strip():
        raise InvalidInput("organiser", organiser, "is empty; give the organisation's name")
    people = _other_people(actor, attendees, "attendee")

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
        _attend(actor, event, people, Attendance.Status.EXPECTED)
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
        return list(_page(events.order_by(F("starts_on").desc(), "-pk"), limit, offset))
    ordered = events.order_by(F("starts_on").asc(nulls_last=True), "pk")
    return list(_page(ordered, limit, offset))


def event_detail(actor: Member, event: str | int | Event) -> dict[str, Any]:
    """One event: its facts, who is expected, whom I met, and the conversations there."""
    found = resolve_event(actor, event)
    found = Event.objects.select_related("organiser").get(pk=found.pk)
    attendances = Attendance.objects.filter(event=found).select_related("person")
    ordered = attendances.order_by("person__sort_name", "person_id")
    conversations = _with_related(visible_interactions(actor).filter(event=found)).order_by(
        "-occurred_on", "-pk"
    )
    return {
        **event_as_dict(found),
        "expected": [
            reference(a.person) for a in ordered if a.status == Attendance.Status.EXPECTED
        ],
        "met": [reference(a.person) for a in ordered if a.status == Attendance.Status.MET],
        "interactions": [interaction_as_dict(i) for i in conversations],
    }


def mark_met(
    actor: Member, event: str | int | Event, people: Sequence[str | Person]
) -> list[Attendance]:
    """Record that I met these people at the event (creating or updating attendance)."""
    found = resolve_event(actor, event)
    if not people:
        raise InvalidInput("people", "", "is empty; name at least one person you met there")
    persons = _other_people(actor, people, "person")
    with changes.atomic():
        return _attend(actor, found, persons, Attendance.Status.MET)


# ---------------------------------------------------------------------------
# Reading, changing and deleting what was written
# ---------------------------------------------------------------------------

_ATTENDANCE_WORDS = {
    "expected": Attendance.Status.EXPECTED,
    "erwartet": Attendance.Status.EXPECTED,
    "met": Attendance.Status.MET,
    "getroffen": Attendance.Status.MET,
}


def _person(actor: Member, text: str | int | Person, field: str) -> Person:
    """:func:`resolve_person`, after refusing text no look-up can use."""
    if isinstance(text, str):
        storable(field, text)
        raw = text.strip()
        if raw.isdigit() and not raw.isdecimal():
            raise InvalidInput(field, text, "is not a name or an id")
    return resolve_person(actor, text, field)


def _day(value: str | dt.date, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    storable(field, value)
    return parse_day(value, field)


def _visible_interaction(
    actor: Member, interaction_id: int | str | Interaction, field: str = "interaction"
) -> Interaction:
    """One interaction ``actor`` may see; another's private one is not found."""
    pk = interaction_id.pk if isinstance(interaction_id, Interaction) else interaction_id
    found = _with_related(visible_interactions(actor).filter(pk=_pk(pk, field))).first()
    if found is None:
        raise NotFound(field, pk)
    return found


def _authored(actor: Member, interaction_id: int | str | Interaction) -> Interaction:
    """One interaction that ``actor`` wrote: only its author may change or delete it."""
    found = _visible_interaction(actor, interaction_id)
    if found.author_id != actor.pk:
        raise InvalidInput(
            "interaction",
            found.pk,
            "was written by another member; only its author may change or delete it",
        )
    return found


def list_interactions(
    actor: Member,
    *,
    person: str | int | Person | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    kind: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[Interaction]:
    """The conversations ``actor`` may see, newest first.

    ``person`` keeps those the person took part in (or wrote, for a member's own
    person); ``since`` and ``until`` bound the day (both included); ``kind`` in English
    or German.
    """
    _window(limit, offset)
    interactions = visible_interactions(actor)
    if person is not None and person != "":
        who = _person(actor, person, "person")
        took_part = Participation.objects.filter(person=who).values("interaction_id")
        interactions = interactions.filter(Q(pk__in=took_part) | Q(author__person_id=who.pk))
    first = None if since is None or since == "" else _day(since, "since")
    last = None if until is None or until == "" else _day(until, "until")
    if first is not None and last is not None and last < first:
        raise InvalidInput("until", iso(last), f"is before since {first.isoformat()}")
    if first is not None:
        interactions = interactions.filter(occurred_on__gte=first)
    if last is not None:
        interactions = interactions.filter(occurred_on__lte=last)
    if kind is not None and kind != "":
        storable("kind", kind)
        interactions = interactions.filter(kind=resolve_word(v.INTERACTION_KINDS, kind, "kind"))
    ordered = _with_related(interactions).order_by("-occurred_on", "-pk")
    return list(_page(ordered, limit, offset))


def interaction_detail(actor: Member, interaction_id: int | str) -> dict[str, Any]:
    """One conversation with its participants and promises, if ``actor`` may see it."""
    return interaction_as_dict(_visible_interaction(actor, interaction_id))


def edit_interaction(
    actor: Member,
    interaction_id: int | str,
    *,
    summary: str | None = None,
    on: str | dt.date | None = None,
    kind: str | None = None,
    minutes: int | str | None = None,
    place: str | None = None,
    private: bool | None = None,
    participants: Sequence[str | int | Person] | None = None,
) -> Interaction:
    """Change what is given (None leaves a fact as it is); only the author may.

    ``minutes=""`` and ``place=""`` clear them; ``participants`` replaces the list (at
    least one person). Participants added to a conversation at an event are marked as
    met there, as when it was logged.
    """
    found = _authored(actor, interaction_id)
    edits: dict[str, Any] = {}
    if summary is not None:
        text = _long_text(summary, "summary")
        if not text:
            raise InvalidInput("summary", summary, "is empty; say in a line what was discussed")
        edits["summary"] = text
    if on is not None:
        storable("on", on)
        edits["occurred_on"] = conversation_day(on, "on")
    if kind is not None:
        storable("kind", kind)
        edits["kind"] = resolve_word(v.INTERACTION_KINDS, kind, "kind")
    if minutes is not None:
        edits["duration_minutes"] = None if minutes == "" else _minutes(minutes)
    if place is not None:
        edits["place"] = _line(place, "place", 300)
    if private is not None:
        edits["private"] = _flag(private, "private")
    people: list[Person] | None = None
    if participants is not None:
        if isinstance(participants, str) or not participants:
            raise InvalidInput(
                "participants", "", "is empty; name at least one person the conversation was with"
            )
        people = _other_people(actor, participants, "participant")

    with changes.atomic():
        for name, value in edits.items():
            setattr(found, name, value)
        if edits:
            found.save(update_fields=list(edits))
        if people is not None:
            keep = {p.pk for p in people}
            had = set(found.participations.values_list("person_id", flat=True))
            found.participations.exclude(person_id__in=keep).delete()
            added = [p for p in people if p.pk not in had]
            Participation.objects.bulk_create(
                [
                    Participation(network_id=actor.network_id, interaction=found, person=p)
                    for p in added
                ]
            )
            if found.event is not None:
                _attend(actor, found.event, added, Attendance.Status.MET)
    return _with_related(Interaction.objects.filter(pk=found.pk)).get()


def delete_interaction(actor: Member, interaction_id: int | str) -> None:
    """Delete a conversation with the promises made in it; only its author may."""
    found = _authored(actor, interaction_id)
    with changes.atomic():
        Promise.objects.filter(interaction=found).delete()
        found.delete()


def add_promise(
    actor: Member,
    person: str | int | Person,
    text: str,
    *,
    due: str | dt.date | None = None,
    owed_by_me: bool = True,
    interaction: int | str | Interaction | None = None,
) -> Promise:
    """A promise between *me* and ``person``: owed by me, or (``owed_by_me=False``) to me.

    Without ``due`` the text may end in "by DATE" ("Angebot bis Freitag"). Words in a
    due date are read relative to the day of ``interaction``, if the promise was made in
    one, else today.
    """
    storable("text", text)
    other = _other_people(actor, [person], "person")[0]
    owed = _flag(owed_by_me, "owed_by_me")
    made_in = None
    if interaction is not None and interaction != "":
        made_in = _visible_interaction(actor, interaction)
    base = made_in.occurred_on if made_in is not None else None
    when: dt.date | None
    if due is None or due == "":
        what, when = parse_promise(text, "text", relative_to=base)
    else:
        what = _text(text)
        if not what:
            raise InvalidInput("text", text, "is empty; say what was promised")
        when = due if isinstance(due, dt.date) else _due(due, relative_to=base)
    me = actor.me
    debtor, creditor = (me, other) if owed else (other, me)
    with changes.atomic():
        promise = Promise.objects.create(
            network_id=actor.network_id,
            debtor=debtor,
            creditor=creditor,
            text=what,
            due_on=when,
            interaction=made_in,
        )
    return promise


def _due(value: str, *, relative_to: dt.date | None = None) -> dt.date:
    storable("due", value)
    return due_day(value, "due", relative_to=relative_to)


def edit_promise(
    actor: Member,
    promise_id: int | str,
    *,
    text: str | None = None,
    due: str | dt.date | None = None,
    owed_by_me: bool | None = None,
) -> Promise:
    """Change a promise's text, due day (``""`` clears it) or direction.

    ``owed_by_me`` turns the promise round between *me* and the other person, so it
    applies only to a promise *me* is part of.
    """
    promise = _promise(actor, promise_id)
    edits: dict[str, Any] = {}
    if text is not None:
        what = _line(text, "text", 10_000)
        if not what:
            raise InvalidInput("text", text, "is empty; say what was promised")
        edits["text"] = what
    if due is not None:
        if due == "":
            edits["due_on"] = None
        else:
            edits["due_on"] = due if isinstance(due, dt.date) else _due(due)
    if owed_by_me is not None:
        wanted = _flag(owed_by_me, "owed_by_me")
        me = actor.me.pk
        if me not in (promise.debtor_id, promise.creditor_id):
            raise InvalidInput(
                "owed_by_me", owed_by_me, "does not apply: the promise is between two others"
            )
        if (promise.debtor_id == me) != wanted:
            edits["debtor"], edits["creditor"] = promise.creditor, promise.debtor
    with changes.atomic():
        for name, value in edits.items():
            setattr(promise, name, value)
        if edits:
            promise.save(update_fields=list(edits))
    return promise


def reopen_promise(actor: Member, promise_id: int | str) -> Promise:
    """Mark a kept promise as open again; an open one is refused."""
    promise = _promise(actor, promise_id)
    if promise.done_on is None:
        raise InvalidInput("promise", promise.pk, "is open; only a kept promise can be reopened")
    with changes.atomic():
        promise.done_on = None
        promise.save(update_fields=["done_on"])
    return promise


def delete_promise(actor: Member, promise_id: int | str) -> None:
    """Delete a promise ``actor`` may see."""
    promise = _promise(actor, promise_id)
    with changes.atomic():
        promise.delete()


def _event_day(value: str | dt.date, field: str) -> dt.date | None:
    if value == "":
        return None
    return _day(value, field)


def _organisation(
    actor: Member, value: str | int | Organisation, field: str
) -> str | Organisation | None:
    """What names an organisation to set (resolved in the transaction), or None to clear."""
    if isinstance(value, Organisation):
        if value.network_id != actor.network_id:
            raise NotFound(field, value.pk)
        return value
    storable(field, value)
    if value == "":
        return None
    text = str(value)
    if not text.strip():
        raise InvalidInput(field, value, "is empty; give the organisation's name")
    _line(text, field, 300)
    return text


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
        title = _line(name, "name", 300)
        if not title:
            raise InvalidInput("name", name, "is empty; an event needs a name")
        edits["name"] = title
    if kind is not None:
        storable("kind", kind)
        edits["kind"] = resolve_word(v.EVENT_KINDS, kind, "kind")
    start = found.starts_on if starts is None else _event_day(starts, "starts")
    end = found.ends_on if ends is None else _event_day(ends, "ends")
    if starts is not None or ends is not None:
        field = "ends" if ends is not None else "starts"
        shown = ends if ends is not None else starts
        if end is not None and start is None:
            raise InvalidInput(field, shown, "leaves an end without a start; give the first day")
        if start is not None and end is not None and end < start:
            raise InvalidInput(field, shown, f"puts the end {end} before the start {start}")
        edits["starts_on"], edits["ends_on"] = start, end
    if place is not None:
        edits["place"] = _line(place, "place", 300)
    if cost is not None:
        if cost == "":
            edits["cost"] = None
        else:
            storable("cost", cost)
            amount, currency = parse_cost(cost, "cost")
            edits["cost"] = amount
            edits["currency"] = currency or found.currency
    if hours is not None:
        if hours == "":
            edits["hours_spent"] = None
        else:
            storable("hours", hours)
            edits["hours_spent"] = parse_hours(hours, "hours")
    if note is not None:
        edits["notes"] = _long_text(note, "note")
    organisation = None if organiser is None else _organisation(actor, organiser, "organiser")

    with changes.atomic():
        if organiser is not None:
            edits["organiser"] = (
                None
                if organisation is None
                else ensure_organisation(actor, organisation, "organiser")
            )
        for field_name, value in edits.items():
            setattr(found, field_name, value)
        if edits:
            # save() folds the name again.
            found.save(update_fields=[*edits, "folded_name"])
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
    who = _other_people(actor, [person], "person")[0]
    storable("status", status)
    code = _ATTENDANCE_WORDS.get(fold(str(status)))
    if code is None:
        raise InvalidInput("status", status, "is not an attendance status; use expected or met")
    with changes.atomic():
        attendance, _ = Attendance.objects.update_or_create(
            event=found,
            person=who,
            defaults={"status": code},
            create_defaults={"status": code, "network_id": actor.network_id},
        )
    return attendance


def remove_attendance(actor: Member, event: str | int | Event, person: str | int | Person) -> None:
    """Forget that a person was expected at or met at an event."""
    found = resolve_event(actor, event)
    who = _person(actor, person, "person")
    with changes.atomic():
        removed, _ = Attendance.objects.filter(event=found, person=who).delete()
    if not removed:
        raise NotFound("attendance", f"{who.full_name} at {found.name}")


def edit_project(
    actor: Member,
    project: str | int | Project,
    *,
    name: str | None = None,
    status: str | None = None,
    starts: str | dt.date | PartialDate | None = None,
    ends: str | dt.date | PartialDate | None = None,
    organisation: str | int | Organisation | None = None,
    description: str | None = None,
) -> Project:
    """Change what is given; ``""`` clears a date or the organisation."""
    found = resolve_project(actor, project)
    edits: dict[str, Any] = {}
    if name is not None:
        title = _line(name, "name", 300)
        if not title:
            raise InvalidInput("name", name, "is empty; a project needs a name")
        edits["name"] = title
    if status is not None:
        storable("status", status)
        edits["status"] = resolve_word(v.PROJECT_STATUSES, status, "status")
    if starts is not None or ends is not None:
        storable("starts", starts)
        storable("ends", ends)
        start = found.starts_on if starts is None else _partial(starts, "starts")
        end = found.ends_on if ends is None else _partial(ends, "ends")
        field = "ends" if ends is not None else "starts"
        first, last = _first_day(start), _last_day(end)
        if first is not None and last is not None and last < first:
            raise InvalidInput(
                field,
                ends if ends is not None else starts,
                f"puts the end {iso(end)} before the start {iso(start)}",
            )
        edits["starts_on"], edits["ends_on"] = iso(start), iso(end)
    if description is not None:
        edits["description"] = _long_text(description, "description")
    chosen = None if organisation is None else _organisation(actor, organisation, "organisation")

    with changes.atomic():
        if organisation is not None:
            edits["organisation"] = (
                None if chosen is None else ensure_organisation(actor, chosen, "organisation")
            )
        for field_name, value in edits.items():
            setattr(found, field_name, value)
        if edits:
            found.save(update_fields=[*edits, "folded_name"])
    return _projects_with_related(Project.objects.filter(pk=found.pk)).get()


def delete_project(actor: Member, project: str | int | Project) -> None:
    """Delete a project with its roles."""
    found = resolve_project(actor, project)
    with changes.atomic():
        found.delete()


def set_project_role(
    actor: Member, project: str | int | Project, person: str | int | Person, role: str
) -> ProjectRole:
    """Add a person to a project, or change their role in it (``""``: no particular role)."""
    found = resolve_project(actor, project)
    who = _person(actor, person, "person")
    text = _line(role, "role", 200)
    with changes.atomic():
        entry, _ = ProjectRole.objects.update_or_create(
            project=found,
            person=who,
            defaults={"role": text},
            create_defaults={"role": text, "network_id": actor.network_id},
        )
    return entry


def remove_project_role(
    actor: Member, project: str | int | Project, person: str | int | Person
) -> None:
    """Take a person off a project."""
    found = resolve_project(actor, project)
    who = _person(actor, person, "person")
    with changes.atomic():
        removed, _ = ProjectRole.objects.filter(project=found, person=who).delete()
    if not removed:
        raise NotFound("role", f"{who.full_name} in {found.name}")
