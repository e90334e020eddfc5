"""Mail on disk: an mbox file (an Apple Mail export too) or a Maildir folder, read whole.

A message without a Date header that can be read is dated by its mbox envelope line or
its Maildir file name, the day it was delivered.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import mailbox as mailboxes
from pathlib import Path
from typing import Any

from knoten.core.errors import InvalidInput
from knoten.mailbox.headers import Addresses, local_day
from knoten.mailbox.messages import message_item
from knoten.mailbox.reports import Item, Progress


def open_mailbox(path: Path, shown: str, field: str) -> mailboxes.Mailbox[Any]:
    """The mbox file or Maildir folder at ``path``; anything else is refused."""
    if path.is_dir():
        if (path / "cur").is_dir() and (path / "new").is_dir():
            return mailboxes.Maildir(path, factory=None, create=False)
        if (path / "mbox").is_file():
            # Apple Mail exports a mailbox as a folder "Inbox.mbox" holding a file "mbox".
            path = path / "mbox"
        else:
            raise InvalidInput(
                field,
                shown,
                "is a folder but no Maildir (it has no 'cur' and 'new' folders)"
                " nor an Apple Mail export (no 'mbox' file in it)",
            )
    if not path.exists():
        raise InvalidInput(field, shown, "does not exist; give an mbox file or a Maildir folder")
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
    except OSError as error:
        raise InvalidInput(field, shown, f"cannot be read: {error.strerror or error}") from None
    if head and head != b"From ":
        raise InvalidInput(
            field,
            shown,
            "is not an mbox file (it does not begin with a 'From ' line) nor a Maildir folder",
        )
    return mailboxes.mbox(path, factory=None, create=False)


def envelope_day(from_line: bytes) -> dt.date | None:
    """The day of an mbox 'From sender Tue Mar 12 10:00:00 2024' line (local time)."""
    parts = from_line.decode("ascii", "replace").split(None, 2)
    if len(parts) < 3:
        return None
    parsed = email.utils.parsedate(parts[2].strip())
    if parsed is None:
        return None
    try:
        return dt.date(*parsed[:3])
    except ValueError:
        return None


def maildir_day(key: str) -> dt.date | None:
    """The delivery day a Maildir file name starts with (seconds since 1970)."""
    stamp = key.split(".", 1)[0]
    if not stamp.isdecimal():
        return None
    try:
        return local_day(dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC))
    except (OverflowError, ValueError, OSError):
        return None


def read_mailbox(
    path: str | Path,
    *,
    bodies: bool = False,
    progress: Progress | None = None,
    name: str | None = None,
    field: str = "path",
) -> list[Item]:
    """Every message of an mbox file or a Maildir folder, as :class:`Item`.

    ``name`` and ``field`` say how errors name the source (an upload's file name)."""
    shown = name or str(path)
    box = open_mailbox(Path(path), shown, field)
    addresses = Addresses()
    items: list[Item] = []
    try:
        keys = list(box.iterkeys())
        total = len(keys)
        for number, key in enumerate(keys, start=1):
            where = f"message {number}"
            if isinstance(box, mailboxes.mbox):
                data = box.get_bytes(key, from_=True)
                from_line, _, raw = data.partition(b"\n")
                fallback = envelope_day(from_line)
            else:
                raw = box.get_bytes(key)
                fallback = maildir_day(str(key))
            items.append(
                message_item(raw, where, bodies=bodies, fallback_day=fallback, addresses=addresses)
            )
            if progress is not None and (number % 100 == 0 or number == total):
                progress("Reading messages", number, total)
    except OSError as error:
        raise InvalidInput(field, shown, f"cannot be read: {error.strerror or error}") from None
    finally:
        box.close()
    return items
