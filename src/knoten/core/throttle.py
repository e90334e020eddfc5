"""Slowing down password guessing: a few failed sign-ins, then a pause.

After :data:`LIMIT` failures for one username, or from one address, within
:data:`WINDOW`, further tries are refused until the oldest of those failures leaves
the window, whether or not the password is right. A successful sign-in clears that
username's failures.
"""

from __future__ import annotations

import datetime as dt
import math

from django.db.models import Q

from knoten.core import clock
from knoten.core.models import SignInFailure

LIMIT = 5
WINDOW = dt.timedelta(minutes=15)


def _key(username: str) -> str:
    return (username or "").strip().casefold()[:150]


def seconds_to_wait(username: str, address: str | None) -> int:
    """How long sign-in stays closed for this username or address; 0 when open."""
    now = clock.now()
    since = now - WINDOW
    recent = SignInFailure.objects.filter(at__gte=since)
    waits = [0]
    for which in (Q(username=_key(username)), Q(address=address) if address else None):
        if which is None:
            continue
        times = list(recent.filter(which).order_by("-at").values_list("at", flat=True)[:LIMIT])
        if len(times) >= LIMIT:
            opens = times[-1] + WINDOW
            waits.append(math.ceil((opens - now).total_seconds()))
    return max(waits)


def note_failure(username: str, address: str | None) -> None:
    now = clock.now()
    SignInFailure.objects.filter(at__lt=now - WINDOW).delete()
    SignInFailure.objects.create(username=_key(username), address=address or None, at=now)


def clear_failures(username: str) -> None:
    SignInFailure.objects.filter(username=_key(username)).delete()
