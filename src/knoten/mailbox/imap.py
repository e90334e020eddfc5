"""Mail on an IMAP server: one folder's messages, headers only, never marked as read.

The folder is opened read-only (EXAMINE) and fetched with BODY.PEEK in batches of
:data:`IMAP_BATCH`; a password never crosses a network unencrypted (see
:func:`read_imap`).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import imaplib
from collections.abc import Callable

from knoten.core.errors import InvalidInput, NotFound
from knoten.mailbox.headers import Addresses
from knoten.mailbox.messages import message_item
from knoten.mailbox.reports import Item, Progress

# The headers an IMAP import fetches: who, when, what about, and the key.
HEADER_FIELDS = "FROM TO CC DATE SUBJECT MESSAGE-ID"
IMAP_BATCH = 200

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _imap_date(day: dt.date) -> str:
    """``01-Mar-2024``: IMAP's date, with English month names whatever the locale."""
    return f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year}"


def _modified_utf7(text: str) -> str:
    """A folder name as IMAP spells it (RFC 3501 5.1.3): "Entwürfe" is "Entw&APw-rfe"."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            data = base64.b64encode("".join(pending).encode("utf-16-be")).decode("ascii")
            out.append("&" + data.rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in text:
        if " " <= char <= "~":
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


def _quoted(folder: str) -> str:
    name = _modified_utf7(folder)
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _imap_text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


IMAPFactory = Callable[[str, int, bool], imaplib.IMAP4]


def _connect(host: str, port: int, ssl: bool) -> imaplib.IMAP4:
    if ssl:
        return imaplib.IMAP4_SSL(host, port, timeout=60)
    return imaplib.IMAP4(host, port, timeout=60)


def read_imap(
    *,
    host: str,
    user: str,
    password: str,
    folder: str = "INBOX",
    port: int | None = None,
    ssl: bool = True,
    since: dt.date | None = None,
    bodies: bool = False,
    progress: Progress | None = None,
    connect: IMAPFactory | None = None,
) -> list[Item]:
    """The messages of one IMAP folder (those since ``since``), headers only.

    The folder is opened read-only (EXAMINE) and fetched with BODY.PEEK, so no message
    is marked as read. Without SSL the connection is upgraded with STARTTLS; a server
    that offers none is refused unless it runs on this machine, so a password never
    crosses a network unencrypted.
    """
    for name, value in (("host", host), ("user", user), ("folder", folder)):
        if not (value or "").strip():
            raise InvalidInput(name, value, "is empty")
        if "\x00" in value or "\r" in value or "\n" in value:
            raise InvalidInput(name, value, "holds a control character")
    if not user.isascii():
        raise InvalidInput(
            "user", user, "holds characters other than ASCII, which LOGIN cannot send"
        )
    if not password.isascii() or "\x00" in password or "\n" in password or "\r" in password:
        # The password itself is never shown.
        raise InvalidInput(
            "password", "…", "holds characters other than ASCII, which LOGIN cannot send"
        )
    if port is not None and not 0 < port < 65536:
        raise InvalidInput("port", port, "is not a port number (1–65535)")
    port = port or (993 if ssl else 143)
    opened = _open_imap(host, port, ssl, connect)
    try:
        return _read_imap(opened, host, user, password, folder, ssl, since, bodies, progress)
    except (imaplib.IMAP4.abort, OSError) as error:
        raise InvalidInput("host", host, f"broke off the connection: {error}") from None
    except imaplib.IMAP4.error as error:
        raise InvalidInput("host", host, f"answered with an error: {_imap_text(error)}") from None
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            opened.logout()


def _open_imap(host: str, port: int, ssl: bool, connect: IMAPFactory | None) -> imaplib.IMAP4:
    try:
        return (connect or _connect)(host, port, ssl)
    except (imaplib.IMAP4.error, OSError) as error:
        raise InvalidInput("host", f"{host}:{port}", f"could not be reached: {error}") from None


def _read_imap(
    conn: imaplib.IMAP4,
    host: str,
    user: str,
    password: str,
    folder: str,
    ssl: bool,
    since: dt.date | None,
    bodies: bool,
    progress: Progress | None,
) -> list[Item]:
    if not ssl:
        if "STARTTLS" in conn.capabilities:
            conn.starttls()
        elif host.strip().lower() not in _LOCAL_HOSTS:
            raise InvalidInput(
                "ssl",
                "off",
                f"leaves the password unencrypted: {host} offers no STARTTLS; use SSL",
            )
    try:
        conn.login(user, password)
    except imaplib.IMAP4.error as error:
        raise InvalidInput("user", user, f"was refused by {host}: {_imap_text(error)}") from None
    status, _ = conn.select(_quoted(folder), readonly=True)
    if status != "OK":
        raise NotFound("IMAP folder", folder)
    criteria = ("SINCE", _imap_date(since)) if since is not None else ("ALL",)
    status, found = conn.search(None, *criteria)
    if status != "OK":
        raise InvalidInput("folder", folder, f"could not be searched on {host}")
    numbers = [number for line in found if line for number in bytes(line).split()]
    what = "(BODY.PEEK[])" if bodies else f"(BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})])"
    addresses = Addresses()
    items: list[Item] = []
    total = len(numbers)
    for start in range(0, total, IMAP_BATCH):
        batch = numbers[start : start + IMAP_BATCH]
        status, data = conn.fetch(b",".join(batch).decode("ascii"), what)
        if status != "OK":
            raise InvalidInput("folder", folder, f"could not be fetched from {host}")
        for part in data:
            if not isinstance(part, tuple) or len(part) < 2:
                continue
            sequence = _imap_text(part[0]).split(None, 1)[0]
            raw = part[1] if isinstance(part[1], bytes) else b""
            items.append(
                message_item(
                    raw, f"{folder} message {sequence}", bodies=bodies, addresses=addresses
                )
            )
        if progress is not None:
            progress("Fetching headers", min(start + IMAP_BATCH, total), total)
    return items
