"""Which occasions a member has dealt with, so that none is offered twice.

An occasion is read from the records every day (:mod:`knoten.upkeep.occasions`); only the
fact that a member has acted on it (sent the draft, done it, or dismissed it) is stored,
under the occasion's key, which names it for good: its kind, the record it comes from and
the day or year it is for. Sending a draft handles its occasion; so does a click on
"done" or "not now".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from knoten.core import changes
from knoten.core.clock import now, today
from knoten.core.errors import InvalidInput
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.words import resolve_word, words
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
    with changes.atomic():
        row, _created = HandledOccasion.objects.get_or_create(
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
    return row


def unhandle_occasion(actor: Member, *, key: str) -> bool:
    """Offer the occasion ``key`` to ``actor`` again; whether it had been handled."""
    deleted, _count = HandledOccasion.objects.filter(member=actor, key=key).delete()
    return bool(deleted)


def handled_keys(actor: Member, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` that ``actor`` has dealt with."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        found.update(
            HandledOccasion.objects.filter(
                member=actor, key__in=wanted[start : start + 500]
            ).values_list("key", flat=True)
        )
    return found
