"""Search against its floor: ``search()`` beside the bare ranked full-text query.

:func:`measure` runs in-process against a network that is already filled (a demo network
of ``python -m bench``). For each kind of search, with words taken from the network's
own data so that they hit, it times ``knoten.search.query.search`` as the command line
calls it, and the floor: the bare ranked query for the same words straight on the
database driver, without any Knoten code around it::

    SELECT rowid, rank FROM search_fts
    WHERE search_fts MATCH :words AND rowid BETWEEN :network_first AND :network_last
    ORDER BY rank LIMIT 20

(on PostgreSQL: ``ts_rank`` over the ``document`` tsvector of the network's entries).
The floor reads the same FTS5 index with the same match expression and weights (the
idiomatic ``ORDER BY rank``), over all of the network's entries at once. ``search()``
plans better where it can (one word: names first, ranked among names alone; persons
before minutes, which it reads only when persons do not fill the page) and then builds
the page: titles, what matched. So a ratio below 1 is the plan; above 1, the overhead.
Calls of the two alternate, so that the machine's noise falls on both alike. ``ratio``
is the p95 of ``search()`` over the p95 of its floor.

The kinds of search, with words from the network's own data: one word (its commonest
family name), two words (a given name and that family name), prefix (the first three
letters of the commonest family name with an umlaut or accent), umlaut variant (that
name typed without them: Mueller, Jose), and a topic (the skill most persons have: many
matches outside names, the slowest kind).
"""

from __future__ import annotations

import gc
import math
import statistics
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import connection

from knoten.core.models import Member
from knoten.people.models import Person
from knoten.search import fulltext
from knoten.search.query import search
from knoten.search.text import words

PAGE = 20
WARMUP = 5
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_TRANSLITERATION |= str.maketrans({"ß": "ss"})


def _typed_without_marks(name: str) -> str:
    """How a name is typed on a keyboard without umlauts: Müller → Mueller, José → Jose."""
    plain = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATION))
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def queries(member: Member) -> list[tuple[str, str]]:
    """(label, query) for each kind of search, from the network's most common names."""
    people = Person.objects.filter(network_id=member.network_id, archived=False).exclude(
        pk=member.me.pk
    )
    families = Counter(
        name for name in people.values_list("family_name", flat=True).iterator() if name
    )
    if not families:
        raise LookupError("the network has no persons with a family name to search for")
    family = families.most_common(1)[0][0]
    marked = [name for name, _ in families.most_common() if _typed_without_marks(name) != name]
    umlaut = marked[0] if marked else family
    given = Counter(
        people.filter(family_name=family).values_list("given_name", flat=True).iterator()
    ).most_common(1)[0][0]
    found = [
        ("one word", family),
        ("two words", f"{given} {family}".strip()),
        ("prefix", umlaut[:3]),
        ("umlaut variant", _typed_without_marks(umlaut)),
    ]
    skills = Counter(
        Person.skills.through.objects.filter(person__network_id=member.network_id)
        .values_list("skill__name", flat=True)
        .iterator()
    )
    if skills:
        found.append(("topic, the commonest skill", skills.most_common(1)[0][0]))
    return found


def floor(member: Member, query: str) -> Callable[[], list[Any]]:
    """The bare ranked full-text query for ``query`` in the member's network."""
    query_words = words(query)
    if connection.vendor == "sqlite":
        raw = connection.connection  # the sqlite3 connection itself
        low, high = fulltext.rowid_range(member.network_id)
        match = fulltext.sqlite_match(query_words)
        sql = (
            f"SELECT rowid, rank FROM {fulltext.FTS_TABLE} WHERE {fulltext.FTS_TABLE} MATCH ?"
            f" AND rowid BETWEEN ? AND ? ORDER BY rank LIMIT {PAGE}"
        )
        return lambda: raw.execute(sql, (match, low, high)).fetchall()
    raw_pg = connection.connection
    sql = (
        f"SELECT id, ts_rank(%s, document, q) AS score FROM {fulltext.ENTRY_TABLE},"
        " to_tsquery('simple', %s) AS q WHERE network_id = %s AND document @@ q"
        f" ORDER BY score DESC LIMIT {PAGE}"
    )
    params = (fulltext.PG_WEIGHTS, fulltext.pg_tsquery(query_words), member.network_id)
    return lambda: raw_pg.execute(sql, params).fetchall()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(0.95 * len(ordered))) - 1]


def _ms(value: float) -> float:
    return round(value * 1000, 2)


def measure(member: Member, runs: int = 50) -> list[dict[str, Any]]:
    """Median and p95 of each kind of search and of its floor, in milliseconds."""
    connection.ensure_connection()
    results = []
    for label, query in queries(member):
        bare = floor(member, query)

        def ours(query: str = query) -> list[Any]:
            return search(member, query, limit=PAGE)

        for _ in range(WARMUP):
            ours()
            bare()
        gc.collect()
        taken: list[float] = []
        taken_floor: list[float] = []
        hits = 0
        for _ in range(runs):
            started = time.perf_counter()
            hits = len(ours())
            taken.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare()
            taken_floor.append(time.perf_counter() - started)
        p95, floor_p95 = _p95(taken), _p95(taken_floor)
        results.append(
            {
                "label": label,
                "query": query,
                "hits": hits,
                "runs": runs,
                "median_ms": _ms(statistics.median(taken)),
                "p95_ms": _ms(p95),
                "floor_median_ms": _ms(statistics.median(taken_floor)),
                "floor_p95_ms": _ms(floor_p95),
                "ratio": round(p95 / floor_p95, 2) if floor_p95 else None,
                "median_ratio": round(statistics.median(taken) / statistics.median(taken_floor), 2)
                if taken_floor and statistics.median(taken_floor)
                else None,
            }
        )
    return results
