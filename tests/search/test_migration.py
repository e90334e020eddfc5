"""A database from before the index's app was named ``search`` keeps its entries."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import connection

from knoten.core.models import Member
from knoten.search.query import search

moved = importlib.import_module("knoten.search.migrations.0003_from_knowwho")


class Editor:
    """What the migration uses of a schema editor (SQLite's refuses to open in a test's
    transaction)."""

    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_old_entries_are_moved_and_the_old_app_forgotten(member: Member) -> None:
    me = member.me.pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {moved.OLD_ENTRIES} AS SELECT * FROM {moved.NEW_ENTRIES} WHERE 1 = 0"
        )
        cursor.execute(
            f"INSERT INTO {moved.OLD_ENTRIES} SELECT * FROM {moved.NEW_ENTRIES}"
            " WHERE person_id = %s",
            [me],
        )
        cursor.execute(f"DELETE FROM {moved.NEW_ENTRIES} WHERE person_id = %s", [me])
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied)"
            " VALUES ('knowwho', '0001_initial', CURRENT_TIMESTAMP)"
        )
    assert [hit.person_id for hit in search(member, "Alice")] == []

    moved.move(apps, Editor())

    assert [hit.person_id for hit in search(member, "Alice")] == [me]
    assert moved.OLD_ENTRIES not in connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = 'knowwho'")
        assert cursor.fetchone() == (0,)


def test_a_new_database_has_nothing_to_move(member: Member) -> None:
    moved.move(apps, Editor())
    assert [hit.person_id for hit in search(member, "Alice")] == [member.me.pk]
