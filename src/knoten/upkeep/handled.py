"""Which occasions a member has dealt with, so that none is offered twice.

An occasion is read from the records every day (:mod:`knoten.upkeep.occasions`); only the
fact that a member has acted on it (sent the draft, done it, or dismissed it) is stored,
under the occasion's key, which names it for good: its kind, the record it comes from and
the day or year it is for. Sending a draft handles its occasion; so does a click on
"done" or "not now".

An occasion of a promise ("promise:promise=7") handled as "done" also marks the promise
as kept, through the journal's :func:`complete_promise`; "dismissed" leaves it open.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db import connection

from knoten.core import changes
from knoten.core.clock import now, today
from knoten.core.errors import InvalidInput
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.words import resolve_word, words
from knoten.journal.promises import complete_promise, promise_detail
from knoten.people.lookup import resolve_person
from knoten.people.models import Person
from knoten.upkeep.models import HandledOccasion
from knoten.upkeep.vocabulary import occasion_kind

HOW = words(
    ("sent", "sent", "gesendet"),
    ("done", "done", "erledigt"),
    ("dismissed", "dismissed", "verworfen"),
)
KEY_LENGTH = HandledOccasion._meta.get_field("key").max_length or 200
# The key of a promise's occasion (upkeep.occasions): "promise:promise=7".
_PROMISE_KEY = re.compile(r"promise:promise=(?P<id>\d+)")


def handle_occasion(
    actor: Member,
    *,
    key: str,
    kind: str,
    how: str = "done",
    on: dt.date | None = None,
    person: str | int | Person | None = None,
) -> HandledOccasion:
    """Remember that ``actor`` has dealt with the occasion ``key`` (again: no change)."""
    key = (key or "").strip()
    if not key:
        raise InvalidInput("key", key, "is empty; name the occasion")
    storable("key", key)
    if len(key) > KEY_LENGTH:
        raise InvalidInput("key", key[:40], f"is longer than {KEY_LENGTH} characters")
    code = occasion_kind(kind, "kind")
    manner = resolve_word(HOW, how, "how")
    found = resolve_person(actor, person) if person is not None else None
    promise = _PROMISE_KEY.fullmatch(key)
    kept = None
    if promise is not None and manner == "done":
        # Checked before anything is written: a promise the actor cannot see is refused.
        kept = promise_detail(actor, promise["id"])
    with changes.atomic():
        row, created = HandledOccasion.objects.get_or_create(
            member=actor,
            key=key,
            defaults={
                "network_id": actor.network_id,
                "person": found,
                "kind": code,
                "on": on or today(),
                "how": manner,
                "handled_at": now(),
            },
        )
        if created and kept is not None and kept["done_on"] is None:
            complete_promise(actor, kept["id"])
    return row


def unhandle_occasion(actor: Member, *, key: str) -> bool:
    """Offer the occasion ``key`` to ``actor`` again; whether it had been handled."""
    deleted, _count = HandledOccasion.objects.filter(member=actor, key=key).delete()
    return bool(deleted)


def handled_keys(actor: Member, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` that ``actor`` has dealt with."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    # As many keys a query as the database takes (a busy week has thousands to ask for).
    size = min(connection.features.max_query_params or 2000, 2000) - 1
    for start in range(0, len(wanted), size):
        found.update(
            HandledOccasion.objects.filter(
                member=actor, key__in=wanted[start : start + size]
            ).values_list("key", flat=True)
        )
    return found
