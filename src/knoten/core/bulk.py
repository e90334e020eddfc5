"""Writing many rows at once as plain tuples: one prepared statement per table.

Most rows a bulk job writes (the demo network's contact points and edges, an import's
contact points, jobs and dates) are referred to by nothing; building a model object for
each and saving them with ``bulk_create`` costs several times the insert itself. These
functions take the values in their stored form and fill every column a caller leaves
out as Django would (its default, ``None`` where it may be null, the current time for
``auto_now`` ones), so a column added to a model later is written as well. The database
checks the constraints as for any insert.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connections, router

from knoten.core import clock

ROWS_PER_BATCH = 5_000
# Parameters in one statement where the backend names no limit (PostgreSQL allows 65,535).
MAX_PARAMETERS = 30_000


def statement(model: Any, fields: Sequence[str]) -> tuple[Any, str, str, tuple[Any, ...]]:
    """The connection, quoted table, columns (``fields`` first) and the stored values of
    the columns ``fields`` leaves out."""
    connection = connection_for(model)
    meta = model._meta
    given = [meta.get_field(name) for name in fields]
    rest = [f for f in meta.concrete_fields if not f.primary_key and f not in given]
    now = connection.ops.adapt_datetimefield_value(clock.now())
    defaults: list[Any] = []
    for column in rest:
        if getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False):
            defaults.append(now)
        else:
            defaults.append(column.get_db_prep_save(column.get_default(), connection))
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in (*given, *rest))
    return connection, quote(meta.db_table), columns, tuple(defaults)


def insert_rows(model: Any, fields: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> int:
    """Insert ``rows`` (values in the order of ``fields``, in their stored form) with one
    prepared statement; how many."""
    if not rows:
        return 0
    connection, table, columns, defaults = statement(model, fields)
    marks = ", ".join(["%s"] * (len(fields) + len(defaults)))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_BATCH):
            chunk = rows[start : start + ROWS_PER_BATCH]
            cursor.executemany(sql, [row + defaults for row in chunk] if defaults else chunk)
    return len(rows)


def insert_returning(
    model: Any, fields: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> list[int]:
    """Insert ``rows`` as :func:`insert_rows` does, and return their new primary keys in
    the order of ``rows``: many rows per ``INSERT … RETURNING``.

    For rows that others refer to (an import's new persons). Django's ``bulk_create``
    does the same (and needs ``RETURNING`` as well to give the new keys: PostgreSQL,
    SQLite 3.35 or later) but builds the SQL of every value apart, which took most of
    the time of creating 10,000 persons.
    """
    if not rows:
        return []
    connection, table, columns, defaults = statement(model, fields)
    key = connection.ops.quote_name(model._meta.pk.column)
    width = len(fields) + len(defaults)
    limit = connection.features.max_query_params or MAX_PARAMETERS
    per_statement = max(1, limit // width)
    one = "(" + ", ".join(["%s"] * width) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([one] * len(chunk))
            params = [value for row in chunk for value in (*row, *defaults)]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING {key}", params
            )
            ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


def connection_for(model: Any) -> Any:
    """The connection that writes ``model``'s rows."""
    return connections[router.db_for_write(model)]


def update_values(model: Any, names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Set these columns to the values of ``rows`` (in the order of ``names``, in their
    stored form, the primary key last) with one executemany."""
    if not rows:
        return
    connection = connection_for(model)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(model._meta.get_field(n).column)} = %s" for n in names)
    key = quote(model._meta.pk.column)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {key} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def update_rows(model: Any, names: Sequence[str], objects: Sequence[Any]) -> None:
    """Save these columns of these model objects with one executemany (Django's
    ``bulk_update`` builds a CASE per column and row, which is slow for thousands)."""
    if not objects:
        return
    connection = connection_for(model)
    fields = [model._meta.get_field(name) for name in names]
    rows = [
        (*(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields), obj.pk)
        for obj in objects
    ]
    update_values(model, names, rows)


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's collector of reference cycles held off (for the whole process) while a
    bulk job runs.

    A job such as an import into a 100k network keeps millions of objects until it
    ends (every person filed for matching, the rows to write), and the collector walks
    all of them again each time it runs: some 500 full passes, over a quarter of the
    import's time. Reference counting still frees everything else at once; cycles are
    collected when the job is done. Nested uses leave the collector as the outermost
    found it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
