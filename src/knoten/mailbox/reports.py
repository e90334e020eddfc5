"""What a mail or calendar import reads (an :class:`Item` per message or meeting), and
what it reports (a :class:`MailReport` of what it made, left alone and skipped)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Told what stage a long read is at: (stage, done, total).
Progress = Callable[[str, int, int], None]

# An item's summary: its subject or title (this long at most), or this without one.
SUBJECT_CHARS = 1000
NO_SUBJECT = "(no subject)"


def item_key(*parts: str) -> str:
    """The key an item is remembered by (:class:`~knoten.mailbox.models.SeenMessage`)."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Item:
    """One message or meeting as read: what a conversation would be made of."""

    key: str
    where: str
    day: dt.date | None
    summary: str
    # (address, display name), normalised, each address once, in header order.
    addresses: list[tuple[str, str]]
    minutes: int | None = None
    place: str = ""
    # Why it cannot be taken in (no date, cancelled …); "" if it can.
    problem: str = ""


@dataclass
class Created:
    """A conversation an import made (or, in a dry run, would make)."""

    where: str
    day: dt.date
    kind: str
    summary: str
    people: list[tuple[int, str]]
    interaction_id: int | None = None
    # Read before, when none of its people was known yet.
    caught_up: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "where": self.where,
            "date": self.day.isoformat(),
            "kind": self.kind,
            "summary": self.summary,
            "participants": [{"id": pk, "name": name} for pk, name in self.people],
            "interaction": self.interaction_id,
            "caught_up": self.caught_up,
        }


@dataclass
class Skipped:
    where: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"where": self.where, "reason": self.reason}


@dataclass
class MailReport:
    """What one mail or calendar import read, made and left alone."""

    source: str
    kind: str
    dry_run: bool
    read: int = 0
    created: list[Created] = field(default_factory=list)
    already_seen: int = 0
    without_known_person: int = 0
    before_since: int = 0
    recurring: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    addresses_counted: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "read": self.read,
            "created": len(self.created),
            "already_seen": self.already_seen,
            "without_known_person": self.without_known_person,
            "before_since": self.before_since,
            "recurring": self.recurring,
            "skipped": [entry.as_dict() for entry in self.skipped],
            "addresses_counted": self.addresses_counted,
            "notes": list(self.notes),
            "interactions": [entry.as_dict() for entry in self.created],
        }
