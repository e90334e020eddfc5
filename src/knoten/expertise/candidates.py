"""Finding who might know about a topic, fast: the search index answers first.

The search index (:mod:`knoten.search.fulltext`: FTS5 on SQLite, a tsvector on
PostgreSQL) holds the folded words of every person (work, topics, notes), organisation
and conversation. It is asked three things, each bounded, so that a common word costs
no more than a rare one:

- the persons whose work, skills, tags or notes have the topic (best ranked first, the
  name does not count: a Mr Solar is no expert in solar power);
- the organisations whose name, industry or notes have it;
- the conversations whose minutes have it (the newest first).

The evidence is then read for these candidates only (:mod:`knoten.expertise.evidence`).
The index is only a finder: what a member may see is decided by the records themselves
(private minutes through :mod:`knoten.journal.visibility`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from knoten.core.models import Member
from knoten.expertise.stems import Topic, read_topic
from knoten.search import fulltext
from knoten.search.models import SearchEntry

PERSONS = 100
ORGANISATIONS = 15
MINUTES = 300

ACTIVE = int(SearchEntry.Tier.ACTIVE)
MINUTES_TIER = int(SearchEntry.Tier.MINUTES)


@dataclass(frozen=True)
class Candidates:
    person_ids: list[int]
    organisation_ids: list[int]
    interaction_ids: list[int]


def candidates(actor: Member, topic: Topic | str) -> Candidates:
    """The persons, organisations and conversations of ``actor``'s network the index finds."""
    topic = read_topic(topic) if isinstance(topic, str) else topic
    if connection.vendor == "sqlite":
        return _sqlite(actor.network_id, topic)
    return _postgres(actor.network_id, topic)


def _sqlite(network_id: int, topic: Topic) -> Candidates:
    fts = fulltext.FTS_TABLE
    org_bit = fulltext.ORGANISATION_BIT
    low, high = fulltext.rowid_range(network_id, ACTIVE)
    minutes_low, minutes_high = fulltext.rowid_range(network_id, MINUTES_TIER)
    # bm25 with the name weighing nothing, skills (topics) most, then work, then notes.
    person_rank = f"bm25({fts}, 0.0, 3.0, 4.0, 1.0)"
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? AND rowid BETWEEN ? AND ?"
            f" AND (rowid & {org_bit}) = 0 ORDER BY {person_rank} LIMIT ?",
            [topic.sqlite_match("{work topics notes}"), low, high, PERSONS],
        )
        person_entries = [fulltext.entry_id(rowid) for (rowid,) in cursor.fetchall()]
        cursor.execute(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? AND rowid BETWEEN ? AND ?"
            f" AND (rowid & {org_bit}) != 0 ORDER BY rank LIMIT ?",
            [topic.sqlite_match("{name work notes}"), low, high, ORGANISATIONS],
        )
        org_entries = [fulltext.entry_id(rowid) for (rowid,) in cursor.fetchall()]
        cursor.execute(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? AND rowid BETWEEN ? AND ?"
            " ORDER BY rowid DESC LIMIT ?",
            [topic.sqlite_match("{work notes}"), minutes_low, minutes_high, MINUTES],
        )
        minute_entries = [fulltext.entry_id(rowid) for (rowid,) in cursor.fetchall()]
    finally:
        cursor.close()
    keys = _keys(network_id, person_entries + org_entries + minute_entries)
    return Candidates(
        person_ids=_in_order(person_entries, keys, 0),
        organisation_ids=_in_order(org_entries, keys, 1),
        interaction_ids=_in_order(minute_entries, keys, 2),
    )


def _keys(network_id: int, entry_ids: list[int]) -> dict[int, tuple[Any, Any, Any]]:
    """Entry id → (person id, organisation id, interaction id), of this network only."""
    found: dict[int, tuple[Any, Any, Any]] = {}
    for start in range(0, len(entry_ids), 900):
        chunk = entry_ids[start : start + 900]
        rows = SearchEntry.objects.filter(network_id=network_id, pk__in=chunk).values_list(
            "pk", "person_id", "organisation_id", "interaction_id"
        )
        for pk, person, organisation, interaction in rows:
            found[pk] = (person, organisation, interaction)
    return found


def _in_order(entries: list[int], keys: dict[int, tuple[Any, Any, Any]], which: int) -> list[int]:
    return [
        keys[entry][which] for entry in entries if entry in keys and keys[entry][which] is not None
    ]


def _postgres(network_id: int, topic: Topic) -> Candidates:
    table = fulltext.ENTRY_TABLE
    found: dict[str, list[int]] = {}
    queries = {
        "person": (
            "person_id",
            f"tier = {ACTIVE} AND kind = 'person'",
            topic.pg_tsquery("BCD"),
            "ts_rank('{0.1, 0.4, 0.3, 0.0}', document, q) DESC, id",
            PERSONS,
        ),
        "organisation": (
            "organisation_id",
            "kind = 'organisation'",
            topic.pg_tsquery(),
            f"ts_rank('{fulltext.PG_WEIGHTS}', document, q) DESC, id",
            ORGANISATIONS,
        ),
        "interaction": (
            "interaction_id",
            f"tier = {MINUTES_TIER}",
            topic.pg_tsquery(),
            "id DESC",
            MINUTES,
        ),
    }
    with connection.cursor() as cursor:
        for name, (column, where, tsquery, order, limit) in queries.items():
            cursor.execute(
                f"SELECT {column} FROM {table}, to_tsquery('simple', %s) AS q"
                f" WHERE network_id = %s AND {where} AND document @@ q"
                f" ORDER BY {order} LIMIT %s",
                [tsquery, network_id, limit],
            )
            found[name] = [pk for (pk,) in cursor.fetchall()]
    return Candidates(found["person"], found["organisation"], found["interaction"])
