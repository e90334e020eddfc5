"""A busy database: telling its errors apart, and writing what may be skipped without waiting.

SQLite lets one writer at a time; a long write (an import of thousands of cards) makes
the others wait for the busy timeout (see :func:`knoten.core.config.sqlite_config`) and
then fail with "database is locked". PostgreSQL fails a transaction that lost a
serialization conflict, a deadlock or a lock timeout. Neither is the user's mistake nor
a bug: the faces answer "busy, try again" (HTTP 503 with ``Retry-After``) instead of a
server error, and the request changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, OperationalError, connection, transaction

logger = logging.getLogger(__name__)

# Seconds a client is told to wait before it tries again.
RETRY_AFTER = 2
# What the API answers with its 503 (``detail`` is the short form a script can test).
BUSY_DETAIL = "busy, try again"
BUSY_MESSAGE = (
    "the database is busy with another write (an import, say) and nothing was changed: "
    "try again in a moment"
)
# The API's 503 body, from its exception handler and from the middleware alike.
BUSY_BODY = {"message": BUSY_MESSAGE, "detail": BUSY_DETAIL}

# SQLite's words for a lock it could not get in time.
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
# PostgreSQL's: serialization_failure, deadlock_detected, lock_not_available and
# query_canceled (a statement or lock timeout).
_POSTGRES_BUSY = {"40001", "40P01", "55P03", "57014"}


def is_busy(error: BaseException) -> bool:
    """Whether ``error`` says the database was busy (a lock not got in time), not broken."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if code in _POSTGRES_BUSY:
        return True
    text = str(error).lower()
    return any(words in text for words in _SQLITE_BUSY)


@contextmanager
def _not_waiting() -> Iterator[None]:
    """On SQLite, a lock that is taken fails at once instead of after the busy timeout."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        row = cursor.fetchone()
        before = int(row[0]) if row else 0
        cursor.execute("PRAGMA busy_timeout = 0")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {before}")


@contextmanager
def skipped_when_busy(what: str) -> Iterator[None]:
    """Run a write that may be left out (a stamp of use, say) without waiting for a lock.

    If the database is busy the write is skipped, logged at debug level, and nothing of
    the surrounding transaction is lost; any other error is raised.
    """
    try:
        with _not_waiting(), transaction.atomic():
            yield
    except DatabaseError as error:
        if not is_busy(error):
            raise
        logger.debug("skipped %s: the database is busy (%s)", what, error)
