"""Each person's standing, derived from the records and kept current by change notices.

The listener (:func:`on_change`, registered in ``apps.py``) hears which persons, contacts
and conversations changed and rewrites those persons' :class:`Standing`; a notice about
the whole network (a bulk load, a restore) rewrites all of them. A standing holds the
last contact, counts of contacts, the cadence that applies and when it falls due, and
the strength of the relationship (:mod:`knoten.upkeep.strength`).

What counts as a contact: a conversation (not a private one: see :mod:`knoten.upkeep.due`
for those), a favour or a recommendation either way, and being met at an event, each
from the day it happened, never from the day it was entered.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connections, router
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from knoten.core import changes
from knoten.core.clock import today
from knoten.core.errors import InvalidInput
from knoten.core.limits import check_window, chunks
from knoten.core.models import Member
from knoten.journal.models import Attendance, Participation
from knoten.people.lookup import OrganisationRef
from knoten.people.models import Person, Relationship
from knoten.people.person_list import attach_row_facts, filtered_people
from knoten.reciprocity.models import Favour, Recommendation
from knoten.search.directory import find_people
from knoten.upkeep.cadences import CHANGED, Applied, cadences_for
from knoten.upkeep.models import Standing
from knoten.upkeep.strength import level_of, level_words, strength_of

logger = logging.getLogger(__name__)

BATCH = 2000
YEAR = dt.timedelta(days=365)

# How deep a contact goes: a meeting counts more than a mail.
DEPTH = {
    "meeting": 3,
    "event_conversation": 3,
    "call": 2,
    "letter": 2,
    "email": 1,
    "message": 1,
    "social_media": 1,
    "favour": 3,
    "recommendation": 3,
    "event": 2,
}


@dataclass
class _Contacts:
    last_on: dt.date | None = None
    last_kind: str = ""
    last_where: str = ""
    total: int = 0
    year: int = 0
    depth: int = 0
    given: int = 0
    received: int = 0
    trust: int | None = None

    def add(self, day: dt.date, kind: str, where: str, as_of: dt.date) -> None:
        self.total += 1
        if day > as_of - YEAR:
            self.year += 1
            self.depth += DEPTH.get(kind, 1)
        if self.last_on is None or day > self.last_on or (day == self.last_on and where):
            self.last_on, self.last_kind, self.last_where = day, kind, where


@dataclass
class _Batch:
    as_of: dt.date
    found: dict[int, _Contacts] = field(default_factory=lambda: defaultdict(_Contacts))


def on_change(network_id: int, changed: changes.Changed) -> None:
    """Rewrite the standings of the persons that what changed is about."""
    if changes.NETWORK in changed:
        refresh_network(network_id)
        return
    people = set().union(*(changed.get(kind, ()) for kind in ("person", "contact", CHANGED)))
    # By the conversation's or event's own id (its index), within the network.
    if interactions := changed.get("interaction"):
        people.update(
            Participation.objects.filter(
                interaction_id__in=sorted(interactions), interaction__network_id=network_id
            ).values_list("person_id", flat=True)
        )
    if events := changed.get("event"):
        people.update(
            Attendance.objects.filter(
                event_id__in=sorted(events), event__network_id=network_id
            ).values_list("person_id", flat=True)
        )
    if people:
        refresh(network_id, people)


def refresh_network(network_id: int, progress: Callable[[int, int], None] | None = None) -> int:
    """Rewrite every standing of the network; the number of persons.

    One pass over the whole network: each source read once by network (no list of ids),
    the rows written as plain values, so 100,000 persons take seconds, not minutes."""
    return _rewrite(network_id, None, progress)


def refresh(
    network_id: int,
    person_ids: Iterable[int],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Rewrite the standings of these persons of the network (dropping those gone)."""
    wanted = sorted({int(pk) for pk in person_ids})
    done = 0
    for chunk in chunks(wanted, BATCH):
        _rewrite(network_id, list(chunk), None)
        done += len(chunk)
        if progress is not None:
            progress(done, len(wanted))


def missing(network_id: int) -> list[int]:
    """Persons of the network without a standing yet (a network from before upkeep)."""
    return list(
        Person.objects.filter(network_id=network_id, standing__isnull=True).values_list(
            "pk", flat=True
        )
    )


def ensure(network_id: int) -> None:
    """Give every person of the network a standing: the first read after an upgrade.

    Standings go with their persons (deleted with them, written on every change notice),
    so as many standings as persons means none is missing: two counts on indexes, not a
    search through every person, on each read."""
    persons = Person.objects.filter(network_id=network_id).count()
    counted = Standing.objects.filter(network_id=network_id).count()
    if persons != counted and (ids := missing(network_id)):
        refresh(network_id, ids)


class _Row(NamedTuple):
    pk: int
    importance: int
    archived: bool
    created_at: dt.datetime | None
    sort_name: str


# The columns a standing is written with, in the order :func:`_rewrite` gives them.
_COLUMNS = (
    "network_id", "person_id", "last_on", "last_kind", "last_where", "since_on",
    "since_ordinal", "contacts", "contacts_year", "depth_year", "trust", "given",
    "received", "every_days", "latest_days", "cadence_from", "due_on", "overdue_on",
    "strength", "as_of", "importance", "sort_name",
)  # fmt: skip
_DATES = frozenset({"last_on", "since_on", "due_on", "overdue_on", "as_of"})


def _rewrite(
    network_id: int, ids: list[int] | None, progress: Callable[[int, int], None] | None
) -> int:
    """Rewrite the standings of persons ``ids`` of the network (all of them: ``None``)."""
    as_of = today()
    persons = Person.objects.filter(network_id=network_id)
    if ids is not None:
        persons = persons.filter(pk__in=ids)
    rows = [
        _Row(*values)
        for values in persons.values_list("pk", "importance", "archived", "created_at", "sort_name")
    ]
    gone = Standing.objects.filter(network_id=network_id)
    if ids is None:
        gone.delete()
    elif dropped := sorted(set(ids) - {row.pk for row in rows}):
        gone.filter(person_id__in=dropped).delete()
    if not rows:
        return 0
    batch = _Batch(as_of)
    mine = set(
        Member.objects.filter(network_id=network_id, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    # *me* is in touch with everyone: no cadence, and reading all their contacts (every
    # conversation of the network) for a strength no one is shown would cost the most.
    counted = {row.pk for row in rows} - mine
    among = None if ids is None else counted
    _conversations(network_id, among, counted, batch)
    _give_and_take(network_id, among, counted, mine, batch)
    _events(network_id, among, counted, batch)
    _trust(network_id, among, counted, mine, batch)
    applied = cadences_for(network_id, rows, mine, everyone=ids is None)
    zone = timezone.get_current_timezone()
    values = [_standing(network_id, row, batch, applied[row.pk], zone) for row in rows]
    _insert(values, progress, replace=ids is not None)
    return len(rows)


def _standing(
    network_id: int, person: _Row, batch: _Batch, cadence: Applied, zone: dt.tzinfo
) -> tuple[Any, ...]:
    as_of = batch.as_of
    contacts = batch.found.get(person.pk) or _Contacts()
    added = person.created_at.astimezone(zone).date() if person.created_at else as_of
    since = contacts.last_on or min(added, as_of)
    due = overdue = None
    if cadence.every_days is not None and not person.archived:
        due = since + dt.timedelta(days=cadence.every_days)
        overdue = since + dt.timedelta(days=cadence.latest_days or cadence.every_days)
    figure = strength_of(
        last_on=contacts.last_on,
        as_of=as_of,
        depth_year=contacts.depth,
        trust=contacts.trust,
        given=contacts.given,
        received=contacts.received,
    ).figure
    return (
        network_id, person.pk, contacts.last_on, contacts.last_kind, contacts.last_where[:300],
        since, since.toordinal(), contacts.total, contacts.year, contacts.depth, contacts.trust,
        contacts.given, contacts.received, cadence.every_days, cadence.latest_days,
        cadence.source[:120], due, overdue, figure, as_of, person.importance, person.sort_name,
    )  # fmt: skip


def _insert(
    values: list[tuple[Any, ...]],
    progress: Callable[[int, int], None] | None,
    *,
    replace: bool = False,
) -> None:
    """Write standings as plain values, a batch at a time (a model object and its field
    preparation for each of 100,000 rows would cost more than reading every source).

    ``replace``: a standing that is there already is updated in place (a new conversation
    rewrites one row; deleted and inserted again, it would rewrite a page of each of its
    indexes, twice the pages a commit writes and the WAL checkpoints)."""
    connection = connections[router.db_for_write(Standing)]
    adapt = connection.ops.adapt_datefield_value
    dated = [i for i, name in enumerate(_COLUMNS) if name in _DATES]
    table = connection.ops.quote_name(Standing._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in _COLUMNS)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})"
    if replace:
        quote = connection.ops.quote_name
        changed = ", ".join(
            f"{quote(name)} = excluded.{quote(name)}" for name in _COLUMNS if name != "person_id"
        )
        sql += f" ON CONFLICT ({quote('person_id')}) DO UPDATE SET {changed}"
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            rows = [list(row) for row in values[start : start + BATCH]]
            for row in rows:
                for i in dated:
                    row[i] = adapt(row[i])
            cursor.executemany(sql, rows)
            if progress is not None:
                progress(min(start + BATCH, len(values)), len(values))


def _among(rows: QuerySet[Any], among: set[int] | None, *fields: str) -> QuerySet[Any]:
    """``rows`` narrowed to those whose ``fields`` (any of them) name one of ``among``;
    all of them for ``None`` (the whole network)."""
    if among is None:
        return rows
    match = Q()
    for name in fields:
        match |= Q(**{f"{name}__in": among})
    return rows.filter(match)


def _conversations(
    network_id: int, among: set[int] | None, counted: set[int], batch: _Batch
) -> None:
    rows = _among(
        Participation.objects.filter(
            network_id=network_id,
            interaction__private=False,
            interaction__occurred_on__lte=batch.as_of,
        ),
        among,
        "person_id",
    ).values_list(
        "person_id",
        "interaction__occurred_on",
        "interaction__kind",
        "interaction__event__name",
        "interaction__place",
    )
    for person_id, day, kind, event_name, place in rows.iterator(chunk_size=5000):
        if person_id in counted:
            batch.found[person_id].add(day, kind, event_name or place or "", batch.as_of)


def _give_and_take(
    network_id: int, among: set[int] | None, ids: set[int], mine: set[int], batch: _Batch
) -> None:
    favours = _among(
        Favour.objects.filter(network_id=network_id, given_on__lte=batch.as_of),
        among,
        "giver_id",
        "receiver_id",
    ).values_list("giver_id", "receiver_id", "given_on")
    for giver, receiver, day in favours:
        for party, other in ((giver, receiver), (receiver, giver)):
            if party in ids and party not in mine:
                contacts = batch.found[party]
                contacts.add(day, "favour", "", batch.as_of)
                if other in mine:
                    if party == giver:
                        contacts.received += 1
                    else:
                        contacts.given += 1
    recommendations = _among(
        Recommendation.objects.filter(network_id=network_id, made_on__lte=batch.as_of),
        among,
        "recommender_id",
        "recipient_id",
        "beneficiary_id",
    ).values_list("recommender_id", "recipient_id", "beneficiary_id", "made_on")
    for recommender, recipient, beneficiary, day in recommendations:
        for party in {recommender, recipient, beneficiary}:
            if party in ids and party not in mine:
                contacts = batch.found[party]
                contacts.add(day, "recommendation", "", batch.as_of)
                if party == recommender and (recipient in mine or beneficiary in mine):
                    contacts.received += 1
                elif party != recommender and recommender in mine:
                    contacts.given += 1


def _events(network_id: int, among: set[int] | None, ids: set[int], batch: _Batch) -> None:
    rows = _among(
        Attendance.objects.filter(
            network_id=network_id,
            status=Attendance.Status.MET,
            event__starts_on__lte=batch.as_of,
        ),
        among,
        "person_id",
    ).values_list("person_id", "event__starts_on", "event__name")
    for person_id, day, name in rows:
        if day is not None and person_id in ids:
            batch.found[person_id].add(day, "event", name, batch.as_of)


def _trust(
    network_id: int, among: set[int] | None, ids: set[int], mine: set[int], batch: _Batch
) -> None:
    """The highest trust of a relationship between each person and a member: read from
    the members' side (few persons, each with an index), both directions."""
    if not mine:
        return
    rows = Relationship.objects.filter(network_id=network_id, trust__isnull=False)
    pairs = [
        *_among(rows.filter(to_person_id__in=mine), among, "from_person_id").values_list(
            "from_person_id", "trust"
        ),
        *_among(rows.filter(from_person_id__in=mine), among, "to_person_id").values_list(
            "to_person_id", "trust"
        ),
    ]
    for party, trust in pairs:
        if trust is not None and party in ids:
            contacts = batch.found[party]
            contacts.trust = max(trust, contacts.trust or 0)


# --- the people list by standing -----------------------------------------------------------

# How the people list may be ordered through the standing (strongest, latest contact first).
ORDERS = {
    "strength": (F("standing__strength").desc(nulls_last=True),),
    "last_contact": (F("standing__last_on").desc(nulls_last=True),),
}


def people_by_standing(
    actor: Member,
    *,
    sort: str = "strength",
    circle: str | None = None,
    org: OrganisationRef | None = None,
    tag: str | None = None,
    include_archived: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Person]:
    """The people list (:func:`knoten.people.person_list.list_people`'s filters), ordered
    in SQL by the stored standing: ``sort`` "strength" (strongest first) or
    "last_contact" (latest first); then by name. Each with its row's facts."""
    if sort not in ORDERS:
        raise InvalidInput("sort", sort, "is unknown; write it as " + " or ".join(ORDERS))
    check_window(limit, offset)
    ensure(actor.network_id)
    people = filtered_people(
        actor, circle=circle, org=org, tag=tag, include_archived=include_archived
    ).order_by(*ORDERS[sort], "sort_name", "pk")
    page = list(people[offset : offset + limit] if limit is not None else people[offset:])
    attach_row_facts(page)
    return page


def standing_facts(actor: Member, person_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """What a list row shows of each person's standing (the stored strength, its level and
    the last contact), for these persons of ``actor``'s network, in one query."""
    rows = Standing.objects.filter(
        network_id=actor.network_id, person_id__in=sorted(set(person_ids))
    ).values_list("person_id", "strength", "last_on")
    facts: dict[int, dict[str, Any]] = {}
    for person_id, figure, last_on in rows:
        level = level_of(figure)
        facts[person_id] = {
            "strength": figure,
            "level": level,
            "level_words": level_words(level),
            "last_contact": last_on.isoformat() if last_on else None,
        }
    return facts


# --- keeping strength fresh ----------------------------------------------------------------


def refresh_stale(network_id: int) -> int:
    """Rewrite the standings computed before today (recency decays every day, so a stored
    strength goes stale; due days do not: they are absolute); the number rewritten.

    For cron (``knoten strength --refresh``) or :func:`start_daily_refresh`. Pages never
    wait for it: they sort by the stored figure and tell the strength as of today
    (:func:`knoten.upkeep.strength.explain`).
    """
    stale = list(
        Standing.objects.filter(network_id=network_id, as_of__lt=today()).values_list(
            "person_id", flat=True
        )
    )
    if len(stale) * 2 > Standing.objects.filter(network_id=network_id).count():
        refresh_network(network_id)  # the morning after: one pass over everyone
    else:
        refresh(network_id, stale)
    return len(stale)


def refresh_all_stale() -> int:
    """:func:`refresh_stale` for every network; the number of standings rewritten."""
    networks = Standing.objects.filter(as_of__lt=today()).values_list("network_id", flat=True)
    return sum(refresh_stale(network_id) for network_id in sorted(set(networks)))


def start_daily_refresh(interval: float = 3600.0) -> threading.Thread:
    """A daemon thread that refreshes stale standings once an hour (a day's work once a
    day: only standings from before today are stale), off every request's path."""

    def loop() -> None:
        from django.db import close_old_connections

        while True:
            try:
                refresh_all_stale()
            except Exception:
                logger.exception("refreshing stale standings failed")
            finally:
                close_old_connections()
            time.sleep(interval)

    thread = threading.Thread(target=loop, name="knoten-standings", daemon=True)
    thread.start()
    return thread


def people_listed(
    actor: Member,
    *,
    sort: str | None = None,
    query: str | None = None,
    circle: str | None = None,
    org: OrganisationRef | None = None,
    tag: str | None = None,
    include_archived: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[tuple[Person, dict[str, Any] | None]]:
    """The people list with each person's standing (:func:`standing_facts`): found by
    ``query`` (best match first: the search's order wins over ``sort``), or ordered by
    ``sort`` ("strength", "last_contact"; :func:`people_by_standing`), or by name. The
    people page and the API's person list both show this."""
    narrowed: dict[str, Any] = {
        "circle": circle,
        "org": org,
        "tag": tag,
        "include_archived": include_archived,
        "limit": limit,
        "offset": offset,
    }
    if sort and query is None:
        people = people_by_standing(actor, sort=sort, **narrowed)
    else:
        people = find_people(actor, query=query, **narrowed)
    facts = standing_facts(actor, [person.pk for person in people])
    return [(person, facts.get(person.pk)) for person in people]
