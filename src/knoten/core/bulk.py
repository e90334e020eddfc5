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

from collections.abc import Sequence
from typing import Any

from django.db import connections, router
from django.utils import timezone

ROWS_PER_BATCH = 5_000


def statement(model: Any, fields: Sequence[str]) -> tuple[Any, str, str, tuple[Any, ...]]:
    """The connection, quoted table, columns (``fields`` first) and the stored values of
    the columns ``fields`` leaves out."""
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    given = [meta.get_field(name) for name in fields]
    rest = [f for f in meta.concrete_fields if not f.primary_key and f not in given]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
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


def update_rows(model: Any, names: Sequence[str], objects: Sequence[Any]) -> None:
    """Save these columns of these model objects with one executemany (Django's
    ``bulk_update`` builds a CASE per column and row, which is slow for thousands)."""
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    key = quote(model._meta.pk.column)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {key} = %s"
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
