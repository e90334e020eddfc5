"""Persons worth adding: the addresses the imports saw, counted, and those that recur.

Every import counts the addresses of the messages and meetings it reads for the first
time (:class:`~knoten.mailbox.models.SeenAddress`: how often, first and last seen, the
names they were shown with). Those in :data:`DEFAULT_MIN_MESSAGES` or more that belong
to no person, are not the user's and not a machine's (noreply@ …) are suggested as
persons. The user's are those of their own person and their login, the same with a
``+tag`` (and gmail.com as googlemail.com), those given as ``--me`` to an import, and
those shown with the user's own name. A person's erasure forgets what was counted about
their addresses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold_words
from knoten.core.limits import CHUNK, chunks, page
from knoten.core.models import Member
from knoten.mailbox.models import SeenAddress
from knoten.people.models import ContactPoint

DEFAULT_MIN_MESSAGES = 3
# The names an address was shown with that are kept.
NAMES_KEPT = 5

# What one import counted: address -> (names shown, messages, first day, last day).
Counted = dict[str, tuple[list[str], int, dt.date, dt.date]]

# Local parts of addresses that machines write from, never a person to meet.
_AUTOMATED = re.compile(
    r"(^|[._+\-])("
    r"no[._\-]?reply|do[._\-]?not[._\-]?reply|mailer[._\-]?daemon|postmaster|"
    r"notifications?|notify|notifier|bounces?|newsletters?|alerts?|reply|daemon|"
    r"auto[._\-]?confirm|automated|unsubscribe"
    r")([._+\-]|$)",
    re.IGNORECASE,
)

# An unknown address in this share of an import's messages (and at least this many) is
# most likely the user's own, not a person to add.
_YOURS_SHARE = 0.8
_YOURS_LEAST = 10


def is_automated(address: str) -> bool:
    """True for noreply@, no-reply@, mailer-daemon@, notifications@ and their kin."""
    local = address.rpartition("@")[0]
    return bool(_AUTOMATED.search(local))


def looks_like_yours(counted: Counted, messages: int) -> list[str]:
    """A note for each address counted in nearly all of ``messages``: the user's own?"""
    return [
        f"{address} is in {count} of {messages} messages: if it is one of your own "
        "addresses, add it to your own person or give it as --me, so that it is not "
        "suggested as a person"
        for address, (_, count, _, _) in sorted(counted.items())
        if count >= _YOURS_LEAST and count >= _YOURS_SHARE * messages
    ]


def count_addresses(network_id: int, counted: Counted, own: Iterable[str] = ()) -> None:
    """Add what one import counted to what the imports before it counted, and forget
    what earlier imports counted of the user's ``own`` addresses."""
    for chunk in chunks(sorted(set(own))):
        SeenAddress.objects.filter(network_id=network_id, address__in=chunk).delete()
    changed: list[SeenAddress] = []
    known: set[str] = set()
    for chunk in chunks(sorted(counted)):
        for row in SeenAddress.objects.filter(network_id=network_id, address__in=chunk):
            names, count, first, last = counted[row.address]
            kept = list(row.names)
            for name in names:
                if name not in kept and len(kept) < NAMES_KEPT:
                    kept.append(name)
            row.names = kept
            row.messages += count
            row.first_on = min(row.first_on, first)
            row.last_on = max(row.last_on, last)
            changed.append(row)
            known.add(row.address)
    SeenAddress.objects.bulk_update(
        changed, ["names", "messages", "first_on", "last_on"], batch_size=CHUNK
    )
    SeenAddress.objects.bulk_create(
        [
            SeenAddress(
                network_id=network_id,
                address=address,
                names=names,
                messages=count,
                first_on=first,
                last_on=last,
                automated=is_automated(address),
            )
            for address, (names, count, first, last) in counted.items()
            if address not in known
        ],
        batch_size=CHUNK,
    )


def suggestion_as_dict(row: SeenAddress) -> dict[str, Any]:
    """A recurring unknown address as JSON-able data."""
    return {
        "address": row.address,
        "names": list(row.names),
        "messages": row.messages,
        "first": row.first_on.isoformat(),
        "last": row.last_on.isoformat(),
    }


_SAME_MAILBOX = {"googlemail.com": "gmail.com"}


def mailbox_of(address: str) -> str:
    """The mailbox an address delivers to: lower case, without a ``+tag``, gmail.com
    for googlemail.com (``Alice+crm@googlemail.com`` is ``alice@gmail.com``)."""
    local, _, domain = address.strip().lower().rpartition("@")
    domain = _SAME_MAILBOX.get(domain, domain)
    return f"{local.split('+', 1)[0]}@{domain}" if local else address.strip().lower()


def _name_words(name: str) -> frozenset[str]:
    """The words of a name as shown ("Adler, Alice (Firma)" is alice, adler)."""
    return frozenset(fold_words(name.split("(", 1)[0]))


def _own(actor: Member) -> tuple[set[str], set[frozenset[str]]]:
    """The user's mailboxes (of their own person and their login) and their names."""
    me = actor.me
    addresses = set(
        ContactPoint.objects.filter(
            network_id=actor.network_id, person_id=me.pk, kind="email"
        ).values_list("value", flat=True)
    )
    login = getattr(actor.user, "email", "") or ""
    if "@" in login:
        addresses.add(login)
    names = {_name_words(f"{me.given_name} {me.name_particle} {me.family_name}")}
    names.add(_name_words(me.full_name))
    names.discard(frozenset())
    names = {words for words in names if len(words) >= 2}  # a given name alone says little
    return {mailbox_of(address) for address in addresses}, names


def _is_yours(row: SeenAddress, mailboxes: set[str], names: set[frozenset[str]]) -> bool:
    return mailbox_of(row.address) in mailboxes or any(
        _name_words(name) in names for name in row.names
    )


def _suggestions(actor: Member, min_messages: int) -> QuerySet[SeenAddress]:
    if isinstance(min_messages, bool) or not isinstance(min_messages, int):
        raise InvalidInput("min", min_messages, "is not a whole number")
    if min_messages < 1:
        raise InvalidInput("min", min_messages, "must be at least 1")
    if min_messages > 2**31 - 1:
        raise InvalidInput("min", min_messages, "is too large")
    known = ContactPoint.objects.filter(
        network_id=actor.network_id, kind="email", value=OuterRef("address")
    )
    rows = SeenAddress.objects.filter(
        network_id=actor.network_id, automated=False, messages__gte=min_messages
    ).exclude(Exists(known))
    mailboxes, names = _own(actor)
    yours = [
        row.pk
        for row in rows.only("pk", "address", "names").iterator(chunk_size=CHUNK)
        if _is_yours(row, mailboxes, names)
    ]
    for chunk in chunks(yours):
        rows = rows.exclude(pk__in=chunk)
    return rows.order_by("-messages", "-last_on", "address")


def suggested_persons(
    actor: Member,
    *,
    min_messages: int = DEFAULT_MIN_MESSAGES,
    limit: int | None = None,
    offset: int = 0,
) -> list[SeenAddress]:
    """Addresses in ``min_messages`` or more messages or meetings that belong to no
    person (and are not the user's, nor a machine's like noreply@), most frequent
    first: persons worth adding."""
    return list(page(_suggestions(actor, min_messages), limit, offset))


def seen_ids(actor: Member, addresses: Iterable[str]) -> set[int]:
    """The ids of what the imports counted about these addresses (erased with a person)."""
    values = sorted({str(a).strip().lower() for a in addresses if str(a).strip()})
    found: set[int] = set()
    for chunk in chunks(values):
        found.update(
            SeenAddress.objects.filter(network_id=actor.network_id, address__in=chunk).values_list(
                "pk", flat=True
            )
        )
    return found


def forget_addresses(actor: Member, addresses: Iterable[str]) -> int:
    """Erase what the imports counted about these addresses (for a person's erasure)."""
    values = sorted({str(a).strip().lower() for a in addresses if str(a).strip()})
    removed = 0
    with changes.atomic():
        for chunk in chunks(values):
            count, _ = SeenAddress.objects.filter(
                network_id=actor.network_id, address__in=chunk
            ).delete()
            removed += count
    return removed
