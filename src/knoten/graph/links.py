"""The links of a network's who-knows-whom graph, read from the info base.

A link joins two persons and carries a weight in (0, 1]: how well the one could reach the
other (1 a close, trusted, recent tie; near 0 a loose one). Every reader of the graph
(introduction paths, multipliers, clusters, the drawing) takes its links from here, so
that one rule says what a tie between two persons is worth.

A link is either of

- a typed relationship (``people.Relationship``), weighted by its trust (:func:`weight_of`);
- colleagues: two jobs or functions at the same organisation whose times overlap,
  weighted by how recent the overlap is (:func:`colleague_weight`).

Two persons with several ties share one link, the strongest.

Colleagues and the size of an organisation: in a team of up to
:data:`SMALL_ORGANISATION` people who were there at the same time, everyone is linked with
everyone. In a larger one (a company of 2,000) not everyone knows everyone, and linking
all pairs would make two million links of one employer; there each person is linked to
the :data:`COHORT` people who started nearest before them (and so to about as many who
started after), provided their times overlap: the cohort one joined with is the likeliest
to know one. An organisation of ``n`` holders so gives at most ``COHORT × n`` links.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from django.db import connection

from knoten.core.clock import today
from knoten.core.partial_dates import PartialDate
from knoten.people.models import Affiliation, Relationship

UNKNOWN_TRUST = 2  # a relationship whose trust nobody set counts as a loose one
Link = tuple[int, int, float]
"""(person, person, weight): the smaller person id first."""
Pair = tuple[int, int]
"""Two person ids, the smaller first."""

COLLEAGUE_KINDS = ("job", "function")
SMALL_ORGANISATION = 30
COHORT = 3
CURRENT_COLLEAGUES = 0.4  # as much as a relationship of trust 2
RECENT_COLLEAGUES = 0.3  # the overlap ended less than RECENT_YEARS ago
FORMER_COLLEAGUES = 0.2
RECENT_YEARS = 5


def weight_of(trust: int | None) -> float:
    """What a relationship of this trust (1–5, or unknown) is worth as a link."""
    return (trust or UNKNOWN_TRUST) / 5


def colleague_weight(overlap_end: int | None, now: int) -> float:
    """What being colleagues is worth: ``overlap_end`` the month number (year × 12 +
    month) their overlap ended, None while they still are colleagues."""
    if overlap_end is None:
        return CURRENT_COLLEAGUES
    if now - overlap_end < RECENT_YEARS * 12:
        return RECENT_COLLEAGUES
    return FORMER_COLLEAGUES


def links(network_id: int) -> Iterator[Link]:
    """Every link of the network, once, the smaller person id first."""
    best = relationship_links(network_id)
    for pairs in colleague_links_by_organisation(network_id).values():
        for pair, weight in pairs.items():  # as colleague_links, into one dict
            if weight > best.get(pair, 0.0):
                best[pair] = weight
    for (a, b), weight in best.items():
        yield a, b, weight


def relationship_links(network_id: int, persons: Iterable[int] | None = None) -> dict[Pair, float]:
    """The relationships of the network (or those touching ``persons``) as links."""
    best: dict[Pair, float] = {}
    fields = ("from_person_id", "to_person_id", "trust")
    if persons is None:
        found: Iterable[tuple[int, int, int | None]] = _every_relationship(network_id)
    else:
        # By person alone (a person's ties are all of their network), once from each
        # side: SQLite would else walk the network's index rather than the person's.
        wanted = list(persons)
        found = set()
        for column in ("from_person_id__in", "to_person_id__in"):
            found.update(Relationship.objects.filter(**{column: wanted}).values_list(*fields))
    for a, b, trust in found:
        key = (a, b) if a < b else (b, a)
        weight = weight_of(trust)
        if weight > best.get(key, 0.0):
            best[key] = weight
    return best


def _every_relationship(network_id: int) -> Iterator[tuple[int, int, int | None]]:
    """(from, to, trust) of every relationship of the network, in plain SQL (a million
    rows at 100,000 persons: the ORM's row handling cost more than reading them)."""
    table = Relationship._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT from_person_id, to_person_id, trust FROM {table} WHERE network_id = %s",
            [network_id],
        )
        while rows := cursor.fetchmany(20_000):
            yield from rows


class Tenure(NamedTuple):
    """A person's time at an organisation, in month numbers (year × 12 + month − 1)."""

    person: int
    start: int
    end: int | None  # None: still there


def month_of(value: PartialDate | None, *, last: bool) -> int | None:
    """A partial date as a month number; an unknown month is January (``last``: December)."""
    if value is None or value.year is None:
        return None
    month = value.month if value.month is not None else (12 if last else 1)
    return value.year * 12 + month - 1


def tenures(
    rows: Iterable[tuple[int, PartialDate | None, PartialDate | None]], now: int
) -> list[Tenure]:
    """One tenure per person (their jobs at one organisation joined: first start to last
    end), sorted by start. A start nobody knows is taken as the end (or now)."""
    return _tenures(
        (
            (person, month_of(start, last=False), month_of(end, last=True))
            for person, start, end in rows
        ),
        now,
    )


def _tenures(rows: Iterable[tuple[int, int | None, int | None]], now: int) -> list[Tenure]:
    """:func:`tenures` of rows whose dates are month numbers already."""
    spans: dict[int, tuple[int, int | None]] = {}
    for person, start_month, end_month in rows:
        if start_month is None:
            start_month = end_month if end_month is not None else now
        if person in spans:
            old_start, old_end = spans[person]
            start_month = min(start_month, old_start)
            end_month = None if old_end is None or end_month is None else max(old_end, end_month)
        spans[person] = (start_month, end_month)
    return sorted(
        (Tenure(person, start, end) for person, (start, end) in spans.items()),
        key=lambda tenure: (tenure.start, tenure.person),
    )


@functools.lru_cache(maxsize=50_000)
def _stored_month(text: str | None, last: bool) -> int | None:
    """:func:`month_of` of a date in its stored form (a network's dates repeat: each
    distinct one is read once)."""
    return month_of(PartialDate.parse_iso(text), last=last) if text else None


def overlap_end(one: Tenure, other: Tenure) -> tuple[bool, int | None]:
    """Whether two tenures overlap, and the month the overlap ended (None: not yet)."""
    ends = [end for end in (one.end, other.end) if end is not None]
    end = min(ends) if ends else None
    start = max(one.start, other.start)
    return (end is None or start <= end), end


def organisation_pairs(held: list[Tenure], now: int) -> dict[Pair, float]:
    """The colleague links of one organisation's tenures (sorted by start)."""
    pairs: dict[Pair, float] = {}
    reach = len(held) if len(held) <= SMALL_ORGANISATION else COHORT + 1
    for i, (person, start, end) in enumerate(held):
        for other, other_start, other_end in held[i + 1 : i + reach]:
            # overlap_end, written out: this runs for every pair of a large network.
            if end is None:
                until = other_end
            elif other_end is None or end < other_end:
                until = end
            else:
                until = other_end
            if until is not None and max(start, other_start) > until:
                continue
            key = (person, other) if person < other else (other, person)
            weight = colleague_weight(until, now)
            if weight > pairs.get(key, 0.0):
                pairs[key] = weight
    return pairs


def this_month(day: dt.date | None = None) -> int:
    day = day or today()
    return day.year * 12 + day.month - 1


def colleague_links(
    network_id: int, organisations: Iterable[int] | None = None
) -> dict[Pair, float]:
    """The colleague links of the network (or of these organisations only); two persons
    who were colleagues at two organisations share one link, the stronger."""
    best: dict[Pair, float] = {}
    for pairs in colleague_links_by_organisation(network_id, organisations).values():
        for pair, weight in pairs.items():
            if weight > best.get(pair, 0.0):
                best[pair] = weight
    return best


def colleague_links_by_organisation(
    network_id: int, organisations: Iterable[int] | None = None
) -> dict[int, dict[Pair, float]]:
    """Per organisation, its colleague links (every organisation with a job or function
    of the network, or these ones)."""
    now = this_month()
    table = Affiliation._meta.db_table
    kinds = ", ".join(["%s"] * len(COLLEAGUE_KINDS))
    select = (
        f'SELECT organisation_id, person_id, "start", "end" FROM {table} WHERE kind IN ({kinds})'
    )
    queries: list[tuple[str, list[Any]]]
    if organisations is None:
        queries = [(f"{select} AND network_id = %s", [*COLLEAGUE_KINDS, network_id])]
    else:  # by organisation alone (its jobs are all of its network), through its index
        wanted = sorted(set(organisations))
        queries = [
            (
                f"{select} AND organisation_id IN ({', '.join(['%s'] * len(chunk))})",
                [*COLLEAGUE_KINDS, *chunk],
            )
            for chunk in (wanted[start : start + 900] for start in range(0, len(wanted), 900))
        ]
    # The dates as stored (text), read into month numbers once per distinct date: the
    # field's own converter would parse each of them.
    held: dict[int, list[tuple[int, int | None, int | None]]] = defaultdict(list)
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(20_000):
                for organisation, person, start, end in rows:
                    held[organisation].append(
                        (person, _stored_month(start, False), _stored_month(end, True))
                    )
    result: dict[int, dict[Pair, float]] = {}
    for organisation, tenure_rows in held.items():
        if len(tenure_rows) > 1:
            result[organisation] = organisation_pairs(_tenures(tenure_rows, now), now)
    return result
