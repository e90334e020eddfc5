"""Search a network: names, organisations, titles, functions, skills, notes and minutes.

One function, :func:`search`, over SQLite FTS5 or PostgreSQL full-text search. The query
is folded like the index (Müller = Mueller = Muller, José = Jose, ß = ss). Every word
must match: the last one also as the start of a word ("Jürgen Mül"), single letters as
initials ("J Müller"), the others as whole words. A word that matches exactly ranks
above one it only begins (Anna before Annabell).

Results come in tiers, ranked within each by the full-text score (bm25 on SQLite,
ts_rank on PostgreSQL; a name counts most, then work, topics, notes): first active
persons and organisations, then archived persons, then the minutes of conversations.
For one word, the usual search, the persons and organisations whose name has it come
first. A person is what a search is for: a page filled by names needs nothing else read
or ranked, which is also what keeps search fast on a large network ("Mül" ranks the
Müllers, not every row with a word starting so). A query of single letters lists the
names with words starting so, unranked. Private minutes are found by their author only;
nothing of another network is ever read.

What matched (which field, and a snippet around the match) is worked out in Python, for
the returned page only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.journal import vocabulary as journal_words
from knoten.search import fulltext
from knoten.search.models import SearchEntry
from knoten.search.text import Matcher, folded, snippet, words

KINDS = tuple(kind.value for kind in SearchEntry.Kind)
MAX_LIMIT = 500
MAX_WORDS = 12
ACTIVE = int(SearchEntry.Tier.ACTIVE)
ARCHIVED = int(SearchEntry.Tier.ARCHIVED)
MINUTES = int(SearchEntry.Tier.MINUTES)
_INTERACTION_LABELS = {word.code: word.en for word in journal_words.INTERACTION_KINDS}


@dataclass(frozen=True)
class SearchHit:
    """One result: what it is, what to call it, its score, and what matched."""

    kind: str  # "person", "organisation" or "interaction"
    id: int  # the person's, organisation's or interaction's id
    title: str
    score: float
    matched: list[tuple[str, str]] = field(default_factory=list)  # (field, snippet)
    person_id: int | None = None
    organisation_id: int | None = None
    interaction_id: int | None = None
    archived: bool = False
    date: str | None = None  # when the conversation took place (minutes only)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "person_id": self.person_id,
            "organisation_id": self.organisation_id,
            "interaction_id": self.interaction_id,
            "title": self.title,
            "score": self.score,
            "archived": self.archived,
            "date": self.date,
            "matched": [{"field": name, "snippet": text} for name, text in self.matched],
        }


@dataclass(frozen=True)
class _Ranked:
    entry_id: int
    tier: int
    score: float
    rowid: int = 0


def search(
    actor: Member,
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    kinds: Iterable[str] | None = None,
) -> list[SearchHit]:
    """The best ``limit`` hits for ``query`` in ``actor``'s network, from ``offset`` on."""
    query_words = words(query or "")
    if not query_words:
        raise InvalidInput("query", query, "has no letters or digits to search for")
    if len(query_words) > MAX_WORDS:
        raise InvalidInput("query", query, f"has more than {MAX_WORDS} words; use fewer")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput("limit", limit, f"must be a whole number from 1 to {MAX_LIMIT}")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise InvalidInput("offset", offset, "must be a whole number of at least 0")
    wanted = _kinds(kinds)
    tiers = [
        tier
        for tier, tier_kinds in (
            (ACTIVE, {"person", "organisation"}),
            (ARCHIVED, {"person"}),
            (MINUTES, {"interaction"}),
        )
        if wanted & tier_kinds
    ]
    if connection.vendor == "sqlite":
        ranked = _sqlite_ranked(actor, query_words, tiers, wanted, limit, offset)
    else:
        ranked = _postgres_ranked(actor, query_words, tiers, wanted, limit, offset)
    return _hits(actor, ranked, query_words)


def _kinds(kinds: Iterable[str] | None) -> set[str]:
    if kinds is None:
        return set(KINDS)
    if isinstance(kinds, str):
        kinds = [kinds]
    wanted = {str(kind).strip().lower() for kind in kinds}
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise InvalidInput("kind", unknown[0], f"is not one of {', '.join(KINDS)}")
    return wanted or set(KINDS)


# --- SQLite: FTS5 over the rowid range of the network --------------------------------------


class _SqliteQuery:
    """The FTS5 queries for the actor's network, from the first wanted tier to the last."""

    def __init__(
        self, actor: Member, query_words: Sequence[str], tiers: Sequence[int], kinds: set[str]
    ):
        self.network_id = actor.network_id
        self.words = list(query_words)
        self.filters = ""
        self.params: list[Any] = []
        if "organisation" not in kinds:
            self.filters += f" AND (rowid & {fulltext.ORGANISATION_BIT}) = 0"
        if "person" not in kinds:
            self.filters += (
                f" AND ((rowid & {fulltext.ORGANISATION_BIT}) != 0"
                f" OR ((rowid >> {fulltext.TIER_SHIFT}) & 3) = {MINUTES})"
            )
        if MINUTES in tiers:
            # Only private minutes (their rowid says so) cost a look-up of the author.
            self.filters += (
                f" AND ((rowid & {fulltext.PRIVATE_BIT}) = 0 OR EXISTS ("
                f"SELECT 1 FROM {fulltext.ENTRY_TABLE} AS e"
                f" WHERE e.id = (({fulltext.FTS_TABLE}.rowid >> {fulltext.ID_SHIFT})"
                f" & {fulltext.ID_MASK})"
                " AND e.private_to_id = ?))"
            )
            self.params.append(actor.pk)
        self.bm25 = f"bm25({fulltext.FTS_TABLE}, {', '.join(str(w) for w in fulltext.WEIGHTS)})"

    def _sql(self, columns: str, tiers: Sequence[int], tail: str = "") -> str:
        low = fulltext.rowid_range(self.network_id, min(tiers))[0]
        high = fulltext.rowid_range(self.network_id, max(tiers))[1]
        return (
            f"SELECT {columns} FROM {fulltext.FTS_TABLE} WHERE {fulltext.FTS_TABLE} MATCH ?"
            f" AND rowid BETWEEN {low} AND {high}{self.filters} {tail}"
        )

    def ranked(self, cursor: Any, tiers: Sequence[int], limit: int, offset: int) -> list[_Ranked]:
        strong = [word for word in self.words if len(word) > 1]
        match = fulltext.sqlite_match(self.words)
        if len(strong) == len(self.words) and len(self.words) == 1 and tiers[0] == ACTIVE:
            return self._one_word(cursor, tiers, match, limit, offset)
        if len(strong) == len(self.words):
            return self._ranked(cursor, tiers, match, limit, offset)
        if not strong:
            # Single letters say too little to rank by: the names with words that start
            # so, in the order they were added (FTS5 stops after the page).
            cursor.execute(
                self._sql("rowid, 0.0", tiers, "ORDER BY rowid LIMIT ? OFFSET ?"),
                [fulltext.sqlite_names_match(self.words), *self.params, limit, offset],
            )
            return [self._row(rowid, score) for rowid, score in cursor.fetchall()]
        # "Thomas M": a single letter matches much of the index, and bm25 would count all
        # of it to weigh the letter. Rank by the other words; keep the rows that also
        # have a word starting with the letter.
        cursor.execute(self._sql("rowid", tiers), [match, *self.params])
        candidates = {rowid for (rowid,) in cursor.fetchall()}
        found = []
        for row in self._ranked(cursor, tiers, fulltext.sqlite_match(strong), None, 0):
            if row.rowid in candidates:
                found.append(row)
                if len(found) >= offset + limit:
                    break
        return found[offset:]

    def _one_word(
        self, cursor: Any, tiers: Sequence[int], match: str, limit: int, offset: int
    ) -> list[_Ranked]:
        """One word, the usual search: names first, then the rest of tier 0, then on.

        Persons and organisations whose name has the word come before those that have
        it elsewhere. A page of names is then ranked among names alone: "Mül" ranks
        the thousand Müllers, not the five thousand rows with any word starting so.
        """
        need = offset + limit
        names = f"{{name}}: ({match})"
        named = self._ranked(cursor, [ACTIVE], names, need, 0)
        if len(named) >= need:
            return named[offset:]
        # Fewer names than the page needs (so these are all of them): the others next.
        found = named[offset:]
        skip = max(0, offset - len(named))
        exclude = f" AND rowid NOT IN ({', '.join(str(row.rowid) for row in named)})"
        exclude = exclude if named else ""
        # When the rest of tier 0 fills the page, the minutes (most of the index) are
        # neither read nor ranked. Counting up to a page costs no ranking, and stops
        # early when the word matches many rows: the case where minutes cost most.
        rest = limit - len(found)
        if len(tiers) > 1:
            enough = self._sql("1", [ACTIVE], f"{exclude} LIMIT ?")
            cursor.execute(f"SELECT count(*) FROM ({enough})", [match, *self.params, skip + rest])
            if cursor.fetchone()[0] >= skip + rest:
                tiers = [ACTIVE]
        return found + self._ranked(cursor, tiers, match, rest, skip, exclude)

    def _ranked(
        self,
        cursor: Any,
        tiers: Sequence[int],
        match: str,
        limit: int | None,
        offset: int,
        exclude: str = "",
    ) -> list[_Ranked]:
        tail = f"{exclude} ORDER BY rowid >> {fulltext.TIER_SHIFT}, 2, 1"
        params = [match, *self.params]
        if limit is not None:
            tail += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        cursor.execute(self._sql("rowid, " + self.bm25, tiers, tail), params)
        return [self._row(rowid, score) for rowid, score in cursor.fetchall()]

    @staticmethod
    def _row(rowid: int, score: float) -> _Ranked:
        tier = (rowid >> fulltext.TIER_SHIFT) & 3
        return _Ranked(fulltext.entry_id(rowid), tier, round(-score, 4) + 0.0, rowid)


def _sqlite_ranked(
    actor: Member,
    query_words: Sequence[str],
    tiers: Sequence[int],
    kinds: set[str],
    limit: int,
    offset: int,
) -> list[_Ranked]:
    # The sqlite3 cursor itself (placeholders "?"): these are the queries that the
    # floor is measured against, and Django's wrapper would add a tenth to them.
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        return _SqliteQuery(actor, query_words, tiers, kinds).ranked(cursor, tiers, limit, offset)
    finally:
        cursor.close()


# --- PostgreSQL: a tsvector with weights A–D and a GIN index --------------------------------


def _postgres_ranked(
    actor: Member,
    query_words: Sequence[str],
    tiers: Sequence[int],
    kinds: set[str],
    limit: int,
    offset: int,
) -> list[_Ranked]:
    # As on SQLite, one word puts the names that have it first in tier 0.
    names_first = ""
    names: list[Any] = []
    if len(query_words) == 1:
        names_first = "e.tier = 0 AND e.document @@ to_tsquery('simple', %s) DESC,"
        names = [fulltext.pg_tsquery(query_words, names_only=True)]
    sql = f"""
        SELECT e.id, e.tier, ts_rank(%s, e.document, q) AS score
        FROM {fulltext.ENTRY_TABLE} AS e, to_tsquery('simple', %s) AS q
        WHERE e.network_id = %s AND e.tier = ANY(%s) AND e.kind = ANY(%s)
          AND e.document @@ q AND (NOT e.private OR e.private_to_id = %s)
        ORDER BY e.tier, {names_first} score DESC, e.id
        LIMIT %s OFFSET %s
    """
    params: list[Any] = [
        fulltext.PG_WEIGHTS,
        fulltext.pg_tsquery(query_words),
        actor.network_id,
        list(tiers),
        sorted(kinds),
        actor.pk,
        *names,
        limit,
        offset,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            _Ranked(pk, tier, round(float(score), 4) + 0.0) for pk, tier, score in cursor.fetchall()
        ]


# --- the page: titles and what matched ----------------------------------------------------


def _hits(actor: Member, ranked: Sequence[_Ranked], query_words: Sequence[str]) -> list[SearchHit]:
    if not ranked:
        return []
    ids = [row.entry_id for row in ranked]
    # The names of a conversation's participants, in one text, in the same query.
    if connection.vendor == "sqlite":
        joined = "group_concat(p.full_name, char(31))"
    else:
        joined = "string_agg(p.full_name, chr(31) ORDER BY p.id)"
    names = (
        f"SELECT {joined} FROM (SELECT pa.id,"
        " COALESCE(NULLIF(trim(p.academic_title || ' ' || p.given_name || ' '"
        " || p.name_particle || ' ' || p.family_name), ''), p.nickname) AS full_name"
        " FROM journal_participation AS pa JOIN people_person AS p ON p.id = pa.person_id"
        " WHERE pa.interaction_id = e.interaction_id ORDER BY pa.id) AS p"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT e.id, e.kind, e.person_id, e.organisation_id, e.interaction_id, e.title,
                       e.fields, i.summary, i.place, i.occurred_on, i.kind,
                       CASE WHEN e.interaction_id IS NULL THEN NULL ELSE ({names}) END
                FROM {fulltext.ENTRY_TABLE} AS e
                LEFT JOIN journal_interaction AS i ON i.id = e.interaction_id
                WHERE e.id IN ({", ".join(["%s"] * len(ids))}) AND e.network_id = %s""",
            [*ids, actor.network_id],
        )
        rows = {row[0]: row for row in cursor.fetchall()}

    matches = Matcher(query_words)
    hits = []
    for rank in ranked:
        row = rows.get(rank.entry_id)
        if row is None:  # deleted since the index was read
            continue
        _, kind, person_id, org_id, interaction_id, title, fields, summary, place, on, how, who = (
            row
        )
        date = None
        if kind == "interaction":
            date = str(on)[:10]
            people = ", ".join(" ".join(name.split()) for name in (who or "").split("\x1f"))
            title = f"{_INTERACTION_LABELS.get(how, how).capitalize()} on {date}"
            title += f" with {people}" if people else ""
            shown = [("minutes", summary, None), ("place", place, None)]
        else:
            stored = json.loads(fields) if isinstance(fields, str) else fields
            shown = [(name, text, folded_text) for name, text, folded_text in stored]
        matched = [
            (name, snippet(text, matches))
            for name, text, folded_text in shown
            if text and matches.in_text(folded_text if folded_text is not None else folded(text))
        ]
        hits.append(
            SearchHit(
                kind=kind,
                id=person_id or org_id or interaction_id,
                title=title,
                score=rank.score,
                matched=matched,
                person_id=person_id,
                organisation_id=org_id,
                interaction_id=interaction_id,
                archived=rank.tier == ARCHIVED,
                date=date,
            )
        )
    return hits
