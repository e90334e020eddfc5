"""The full-text index behind search: SQLite FTS5 or a PostgreSQL tsvector.

Both index the four folded columns of :class:`~knoten.search.models.SearchEntry` with
the same weights (name 10, work 4, topics 3, notes 1; on PostgreSQL the weights A–D).

On SQLite the index is a contentless FTS5 table whose rowid is not the entry's id but
carries what the search must filter on, so that FTS5 itself can skip everything else::

    bit 40-62  network id        one network's rows are one rowid range
    bit 38-39  tier              0 persons and organisations, 1 archived persons, 2 minutes
    bit  2-37  entry id
    bit  1     organisation
    bit  0     private           (a private interaction: its author is checked)

A search asks FTS5 for one tier of one network at a time (``rowid BETWEEN lo AND hi``):
FTS5 seeks straight to that range in each word's list, so neither other networks' rows
nor the minutes (a network's largest part) are read or ranked while persons fill the
page. Triggers on the entry table keep the FTS5 table in step, whoever writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from knoten.search.text import as_prefix

FTS_TABLE = "search_fts"
ENTRY_TABLE = "search_searchentry"
COLUMNS = ("name", "work", "topics", "notes")
WEIGHTS = (10.0, 4.0, 3.0, 1.0)
# ts_rank takes the weights of D, C, B, A (notes, topics, work, name).
PG_WEIGHTS = "{0.1, 0.3, 0.4, 1.0}"
# Prefix indexes for 1–4 characters: "M", "Mü", "Mül" and "Müll" each read one list
# instead of merging the lists of every word that starts so.
PREFIX_LENGTHS = "1 2 3 4"

# FTS5 writes what it gathered in memory as a segment when it holds this much
# ('hashsize'); a rebuild raises it for a while.
DEFAULT_HASH_SIZE = 1024 * 1024
BULK_HASH_SIZE = 64 * 1024 * 1024

NETWORK_SHIFT = 40
TIER_SHIFT = 38
ID_SHIFT = 2
ID_MASK = (1 << (TIER_SHIFT - ID_SHIFT)) - 1
MAX_NETWORK_ID = (1 << (63 - NETWORK_SHIFT)) - 1
ORGANISATION_BIT = 2
PRIVATE_BIT = 1


def rowid_sql(row: str) -> str:
    """The FTS5 rowid of an entry row (``new`` or ``old`` in a trigger), as SQL."""
    return (
        f"(({row}.network_id << {NETWORK_SHIFT}) | ({row}.tier << {TIER_SHIFT})"
        f" | ({row}.id << {ID_SHIFT})"
        f" | (CASE WHEN {row}.kind = 'organisation' THEN {ORGANISATION_BIT} ELSE 0 END)"
        f" | (CASE WHEN {row}.private THEN {PRIVATE_BIT} ELSE 0 END))"
    )


def rowid_range(network_id: int, tier: int | None = None) -> tuple[int, int]:
    """The first and last FTS5 rowid of a network, or of one tier of it."""
    base = network_id << NETWORK_SHIFT
    if tier is None:
        return base, base | ((1 << NETWORK_SHIFT) - 1)
    low = base | (tier << TIER_SHIFT)
    return low, low | ((1 << TIER_SHIFT) - 1)


def entry_id(rowid: int) -> int:
    return (rowid >> ID_SHIFT) & ID_MASK


def sqlite_match(words: Sequence[str], *, boost: bool = True) -> str:
    """An FTS5 query: every word must match; see :func:`knoten.search.text.as_prefix`.

    A prefix of three letters or more also counts as a whole word, so that "Anna" ranks
    Anna above Annabell. Words come from :func:`knoten.search.text.words` and hold
    only letters and digits, so quoting them is enough.
    """
    parts = []
    for word, prefix in zip(words, as_prefix(words), strict=True):
        if not prefix:
            parts.append(f'"{word}"')
        elif boost and len(word) >= 3:
            parts.append(f'("{word}" OR "{word}"*)')
        else:
            parts.append(f'"{word}"*')
    return " AND ".join(parts)


def sqlite_names_match(words: Sequence[str]) -> str:
    """An FTS5 query for names only, every word as the start of a word of the name."""
    return "{name}: (" + " AND ".join(f'"{word}"*' for word in words) + ")"


def pg_tsquery(words: Sequence[str], *, names_only: bool = False) -> str:
    """The PostgreSQL form of the query (for ``to_tsquery('simple', …)``).

    As on SQLite, a query of single letters only looks at names (weight A).
    """
    if names_only or all(len(word) == 1 for word in words):
        return " & ".join(f"'{word}':*A" for word in words)
    parts = []
    for word, prefix in zip(words, as_prefix(words), strict=True):
        if not prefix:
            parts.append(f"'{word}'")
        elif len(word) >= 3:
            parts.append(f"('{word}' | '{word}':*)")
        else:
            parts.append(f"'{word}':*")
    return " & ".join(parts)


# --- schema -------------------------------------------------------------------------------


def _columns(prefix: str) -> str:
    return ", ".join(f"{prefix}{column}" for column in COLUMNS)


SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        {", ".join(COLUMNS)},
        content='',
        prefix='{PREFIX_LENGTHS}',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    f"""INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank)
        VALUES ('rank', 'bm25({", ".join(str(w) for w in WEIGHTS)})')""",
]

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {", ".join(COLUMNS)})
        VALUES ({rowid_sql("new")}, {_columns("new.")});
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', {rowid_sql("old")}, {_columns("old.")});
    END""",
    # Only a change of what the index holds touches FTS5; re-saving an unchanged entry
    # (the usual case when a person is edited) costs nothing there.
    f"""CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE ON {ENTRY_TABLE}
    WHEN {rowid_sql("old")} IS NOT {rowid_sql("new")}
        OR {" OR ".join(f"old.{c} IS NOT new.{c}" for c in COLUMNS)}
    BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', {rowid_sql("old")}, {_columns("old.")});
        INSERT INTO {FTS_TABLE}(rowid, {", ".join(COLUMNS)})
        VALUES ({rowid_sql("new")}, {_columns("new.")});
    END""",
]

SQLITE_DROP_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
]

SQLITE_DROP = [*SQLITE_DROP_TRIGGERS, f"DROP TABLE IF EXISTS {FTS_TABLE}"]

# The weights A (name) to D (notes) go into the vector; 'simple' only lower-cases, which
# leaves the words exactly as Python folded them (no stemming, no stop words).
POSTGRES_CREATE = [
    f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, name), 'A')
        || setweight(to_tsvector('simple'::regconfig, work), 'B')
        || setweight(to_tsvector('simple'::regconfig, topics), 'C')
        || setweight(to_tsvector('simple'::regconfig, notes), 'D')
    ) STORED""",
    f"CREATE INDEX {ENTRY_TABLE}_document ON {ENTRY_TABLE} USING GIN (document)",
]

POSTGRES_DROP = [
    f"DROP INDEX IF EXISTS {ENTRY_TABLE}_document",
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS document",
]


def _statements(vendor: str, sqlite: list[str], postgres: list[str]) -> list[str]:
    if vendor == "sqlite":
        return sqlite
    if vendor == "postgresql":
        return postgres
    raise NotImplementedError(f"search needs SQLite or PostgreSQL, not {vendor}")


def create(vendor: str, execute: Callable[[str], object]) -> None:
    """Create the index on ``vendor`` ('sqlite' or 'postgresql') with ``execute(sql)``."""
    for statement in _statements(vendor, SQLITE_CREATE + SQLITE_TRIGGERS, POSTGRES_CREATE):
        execute(statement)


def drop(vendor: str, execute: Callable[[str], object]) -> None:
    for statement in _statements(vendor, SQLITE_DROP, POSTGRES_DROP):
        execute(statement)
