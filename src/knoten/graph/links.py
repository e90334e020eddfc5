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
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

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
    for pair, weight in colleague_links(network_id).items():
        if weight > best.get(pair, 0.0):
            best[pair] = weight
    for (a, b), weight in best.items():
        yield a, b, weight


def relationship_links(network_id: int, persons: Iterable[int] | None = None) -> dict[Pair, float]:
    """The relationships of the network (or those touching ``persons``) as links."""
    best: dict[Pair, float] = {}
    fields = ("from_person_id", "to_person_id", "trust")
    if persons is None:
        rows = Relationship.objects.filter(network_id=network_id).values_list(*fields)
        found: Iterable[tuple[int, int, int | None]] = rows.iterator(chunk_size=20_000)
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
    spans: dict[int, tuple[int, int | None]] = {}
    for person, start, end in rows:
        end_month = month_of(end, last=True)
        start_month = month_of(start, last=False)
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
    for i, one in enumerate(held):
        for other in held[i + 1 : i + reach]:
            overlaps, end = overlap_end(one, other)
            if not overlaps:
                continue
            a, b = (one.person, other.person)
            key = (a, b) if a < b else (b, a)
            pairs[key] = max(pairs.get(key, 0.0), colleague_weight(end, now))
    return pairs


def this_month(day: dt.date | None = None) -> int:
    day = day or today()
    return day.year * 12 + day.month - 1


def colleague_links(
    network_id: int, organisations: Iterable[int] | None = None
) -> dict[Pair, float]:
    """The colleague links of the network (or of these organisations only)."""
    return {
        pair: weight
        for pairs in colleague_links_by_organisation(network_id, organisations).values()
        for pair, weight in pairs.items()
    }


def colleague_links_by_organisation(
    network_id: int, organisations: Iterable[int] | None = None
) -> dict[int, dict[Pair, float]]:
    """Per organisation, its colleague links (every organisation with a job or function
    of the network, or these ones)."""
    now = this_month()
    rows = Affiliation.objects.filter(kind__in=COLLEAGUE_KINDS)
    if organisations is None:
        rows = rows.filter(network_id=network_id)
    else:  # by organisation alone (its jobs are all of its network), through its index
        rows = rows.filter(organisation_id__in=list(organisations))
    held: dict[int, list[tuple[int, PartialDate | None, PartialDate | None]]] = defaultdict(list)
    values = rows.values_list("organisation_id", "person_id", "start", "end")
    for organisation, person, start, end in values.iterator(chunk_size=20_000):
        held[organisation].append((person, start, end))
    result: dict[int, dict[Pair, float]] = {}
    for organisation, tenure_rows in held.items():
        if len(tenure_rows) > 1:
            result[organisation] = organisation_pairs(tenures(tenure_rows, now), now)
    return result
