"""The one clock: every rule asks it what day it is, never the system directly.

``KNOTEN_TODAY`` (an ISO date) pins the day for a whole command, as a demonstration or
a script that replays a day needs; tests pin it with :func:`pinned` or :func:`pin`. The
time of day stays the real one: what a rule needs is the day, while sign-in throttles
and the stamps of exports and tokens need the real moment (:func:`now`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from knoten.core.errors import InvalidInput

_pinned: dt.date | None = None


def today() -> dt.date:
    """Today in the configured time zone: the pinned day, ``KNOTEN_TODAY``, or the real one."""
    if _pinned is not None:
        return _pinned
    configured = os.environ.get("KNOTEN_TODAY", "").strip()
    if configured:
        try:
            return dt.date.fromisoformat(configured)
        except ValueError:
            raise InvalidInput(
                "KNOTEN_TODAY", configured, "is not a date; write it as 2026-03-14"
            ) from None
    return timezone.localdate()


def now() -> dt.datetime:
    """The current moment (aware): when a stamp, a lock-out or a token's use happened."""
    return timezone.now()


def pin(day: dt.date | None) -> None:
    """Make :func:`today` answer ``day`` (None: the real day again)."""
    global _pinned
    _pinned = day


@contextmanager
def pinned(day: dt.date) -> Iterator[dt.date]:
    """Today is ``day`` inside the block."""
    before = _pinned
    pin(day)
    try:
        yield day
    finally:
        pin(before)
