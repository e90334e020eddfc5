"""A busy database told apart from a broken one; a skippable write that does not wait."""

from __future__ import annotations

import pytest
from django.db import DataError, OperationalError, connection

from knoten.core.busy import is_busy, skipped_when_busy


class _PostgresError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _caused_by(cause: Exception) -> OperationalError:
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def test_the_errors_of_a_busy_database_are_recognised() -> None:
    assert is_busy(OperationalError("database is locked"))
    assert is_busy(OperationalError("database table is locked: knoten_person"))
    for code in ("40001", "40P01", "55P03", "57014"):
        assert is_busy(_caused_by(_PostgresError(code)))
    assert not is_busy(_caused_by(_PostgresError("53100")))  # disk full
    assert not is_busy(OperationalError("disk I/O error"))
    assert not is_busy(OperationalError("no such table: knoten_person"))
    assert not is_busy(DataError("database is locked"))
    assert not is_busy(ValueError("database is locked"))


def test_a_skipped_write_does_not_wait_and_the_timeout_comes_back(db: None) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the busy timeout is SQLite's")
    seen: list[int] = []

    def busy_timeout() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            return int(cursor.fetchone()[0])

    before = busy_timeout()
    assert before > 0
    with skipped_when_busy("a test"):
        seen.append(busy_timeout())
        raise OperationalError("database is locked")
    assert seen == [0]
    assert busy_timeout() == before
    with pytest.raises(OperationalError, match="no such table"), skipped_when_busy("a test"):
        raise OperationalError("no such table: x")
    assert busy_timeout() == before
