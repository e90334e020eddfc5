"""Conversations from the mailbox and the calendar, from metadata only.

Each message (an mbox file, a Maildir folder, an IMAP folder) and each meeting (an
``.ics`` calendar) is read for who, when and what about: From/To/Cc, Date and Subject,
or a VEVENT's ORGANIZER/ATTENDEE, DTSTART/DTEND, SUMMARY and LOCATION. A message or
meeting with at least one known person besides the user (matched by email address)
becomes a conversation with them, so "last contact" stays true without typing. Bodies
are never read unless asked (``bodies=True``: the first 500 characters of the plain
text go into the minutes).

Re-running creates nothing twice: every message and meeting read is remembered by a
key (:class:`~knoten.mailbox.models.SeenMessage`). One that had no known person is
made into a conversation on a later run, once the person has been added. Addresses
seen are counted (:class:`~knoten.mailbox.models.SeenAddress`), and those that recur
but belong to nobody are suggested as new persons.

Every import reads its whole source first, then writes in one transaction; a source
that cannot be read changes nothing. ``dry_run`` runs the import and rolls it back,
so it reports exactly what a real run would create.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import email.errors
import email.utils
import hashlib
import imaplib
import mailbox as mailboxes
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from knoten.core import changes
from knoten.core.clock import today
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.limits import check_window
from knoten.core.models import Member
from knoten.core.reading import past_day
from knoten.journal.conversations import MAX_MINUTES
from knoten.journal.models import Interaction, Participation
from knoten.mailbox.models import SeenAddress, SeenMessage
from knoten.people.contacts import parse_email
from knoten.people.models import ContactPoint, Person

Progress = Callable[[str, int, int], None]

BODY_CHARS = 500
SUBJECT_CHARS = 1000
PLACE_CHARS = 300
NAMES_KEPT = 5
DEFAULT_MIN_MESSAGES = 3
NO_SUBJECT = "(no subject)"
# The headers an IMAP import fetches: who, when, what about, and the key.
HEADER_FIELDS = "FROM TO CC DATE SUBJECT MESSAGE-ID"
IMAP_BATCH = 200
_CHUNK = 500

# Local parts of addresses that machines write from, never a person to meet.
_AUTOMATED = re.compile(
    r"(^|[._+\-])("
    r"no[._\-]?reply|do[._\-]?not[._\-]?reply|mailer[._\-]?daemon|postmaster|"
    r"notifications?|notify|notifier|bounces?|newsletters?|alerts?|reply|daemon|"
    r"auto[._\-]?confirm|automated|unsubscribe"
    r")([._+\-]|$)",
    re.IGNORECASE,
)


def is_automated(address: str) -> bool:
    """True for noreply@, no-reply@, mailer-daemon@, notifications@ and their kin."""
    local = address.rpartition("@")[0]
    return bool(_AUTOMATED.search(local))


# ---------------------------------------------------------------------------
# What an import reads, and what it reports
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Reading headers
# ---------------------------------------------------------------------------


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _unescape(value: str) -> str:
    """A raw header value whose non-ASCII bytes arrived as surrogates, as text.

    Such headers are UTF-8 nearly always; the rest are taken as windows-1252.
    """
    if not any("\udc80" <= char <= "\udcff" for char in value):
        return value
    data = value.encode("ascii", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _clean(text: str) -> str:
    """One line, without NUL characters or lone surrogates (no database keeps them)."""
    text = text.replace("\x00", " ")
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join(text.split())


def decode_text(value: str) -> str:
    """A header's text with RFC 2047 words (``=?utf-8?q?…?=``) decoded, on one line."""
    value = _unescape(value)
    try:
        text = str(make_header(decode_header(value)))
    except (UnicodeError, LookupError, ValueError, email.errors.HeaderParseError):
        text = value
    return _clean(text)


class _Addresses:
    """Normalises addresses (lower case, valid), remembering each answer."""

    def __init__(self) -> None:
        self._known: dict[str, str | None] = {}
        self._values: dict[str, list[tuple[str, str]]] = {}

    def normal(self, address: str) -> str | None:
        raw = address.strip()
        if raw not in self._known:
            try:
                found: str | None = parse_email(raw).value if raw and ":" not in raw else None
            except InvalidInput:
                found = None
            if found is not None and len(found) > 320:
                found = None
            self._known[raw] = found
        return self._known[raw]

    def pairs(self, values: Sequence[str]) -> list[tuple[str, str]]:
        """(address, name) for each valid address in these header values, each once."""
        found: list[tuple[str, str]] = []
        seen: set[str] = set()
        for value in values:
            for normal, shown in self._parsed(value):
                if normal not in seen:
                    seen.add(normal)
                    found.append((normal, shown))
        return found

    def _parsed(self, value: str) -> list[tuple[str, str]]:
        # The same From and To lines come again and again in a mailbox.
        cached = self._values.get(value)
        if cached is not None:
            return cached
        try:
            parsed = email.utils.getaddresses([_unescape(value)])
        except (ValueError, IndexError, TypeError):
            parsed = []
        found: list[tuple[str, str]] = []
        for name, address in parsed:
            normal = self.normal(_clean(address))
            if normal is not None:
                shown = decode_text(name).strip("'\" ")
                found.append((normal, "" if shown.lower() == normal else shown))
        if len(self._values) < 50_000:
            self._values[value] = found
        return found


def _local_day(moment: dt.datetime) -> dt.date:
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return timezone.localtime(moment).date()


def _mail_day(value: str | None) -> dt.date | None:
    """The local day of a Date header, or None if it is missing or no date."""
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(_unescape(value).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None or moment.year < 1900:
        return None
    try:
        return _local_day(moment)
    except (OverflowError, ValueError):
        return None


def _plain_body(raw: bytes) -> str:
    """The first characters of a message's plain-text body, spaces collapsed."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        part = message.get_body(preferencelist=("plain",))
        text = part.get_content() if part is not None else ""
    except (
        LookupError,
        ValueError,
        TypeError,
        AttributeError,
        UnicodeError,
        email.errors.MessageError,
    ):
        return ""
    return _clean(str(text))[:BODY_CHARS]


def message_item(
    raw: bytes,
    where: str,
    *,
    bodies: bool = False,
    fallback_day: dt.date | None = None,
    addresses: _Addresses | None = None,
) -> Item:
    """What a message's headers say (the body only with ``bodies``)."""
    addresses = addresses or _Addresses()
    headers = BytesHeaderParser(policy=policy.compat32).parsebytes(raw)
    values: dict[str, list[str]] = {}
    for name, value in headers.raw_items():
        values.setdefault(name.lower(), []).append(str(value))

    def first(name: str) -> str:
        return (values.get(name) or [""])[0]

    subject = decode_text(first("subject"))[:SUBJECT_CHARS] or NO_SUBJECT
    people = addresses.pairs(values.get("from", []) + values.get("to", []) + values.get("cc", []))
    # "<id@host>" and "id@host" (some programs drop the brackets) are the same message.
    message_id = _clean(_unescape(first("message-id"))).strip("<> ")
    if message_id:
        key = _hash("mail", message_id)
    else:
        sender = people[0][0] if people else ""
        key = _hash("mail", sender, _clean(_unescape(first("date"))), subject)
    day = _mail_day(first("date")) or fallback_day
    summary = subject
    if bodies:
        body = _plain_body(raw)
        if body:
            summary = f"{subject}\n\n{body}"
    problem = "" if day is not None else "has no Date header that can be read"
    return Item(key=key, where=where, day=day, summary=summary, addresses=people, problem=problem)


# ---------------------------------------------------------------------------
# Sources: mbox, Maildir, IMAP
# ---------------------------------------------------------------------------


def _open_mailbox(path: Path, shown: str, field: str) -> mailboxes.Mailbox[Any]:
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


def _envelope_day(from_line: bytes) -> dt.date | None:
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


def _maildir_day(key: str) -> dt.date | None:
    """The delivery day a Maildir file name starts with (seconds since 1970)."""
    stamp = key.split(".", 1)[0]
    if not stamp.isdecimal():
        return None
    try:
        return _local_day(dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC))
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
    box = _open_mailbox(Path(path), shown, field)
    addresses = _Addresses()
    items: list[Item] = []
    try:
        keys = list(box.iterkeys())
        total = len(keys)
        for number, key in enumerate(keys, start=1):
            where = f"message {number}"
            if isinstance(box, mailboxes.mbox):
                data = box.get_bytes(key, from_=True)
                from_line, _, raw = data.partition(b"\n")
                fallback = _envelope_day(from_line)
            else:
                raw = box.get_bytes(key)
                fallback = _maildir_day(str(key))
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
    addresses = _Addresses()
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


# ---------------------------------------------------------------------------
# Calendars
# ---------------------------------------------------------------------------


def _as_day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        try:
            if timezone.is_naive(value):  # floating time: the user's own clock
                return value.date()
            return timezone.localtime(value).date()
        except (OverflowError, ValueError):
            return None
    if isinstance(value, dt.date):
        return value
    return None


def _event_minutes(start: object, end: object, duration: object) -> int | None:
    """Whole minutes between start and end (or the duration); None for all-day events."""
    if not isinstance(start, dt.datetime):
        return None
    length: dt.timedelta | None = None
    if isinstance(duration, dt.timedelta):
        length = duration
    elif isinstance(end, dt.datetime):
        try:
            if timezone.is_naive(start) == timezone.is_naive(end):
                length = end - start
        except (OverflowError, ValueError):
            length = None
    if length is None:
        return None
    minutes = int(length.total_seconds() // 60)
    return minutes if 0 < minutes <= MAX_MINUTES else None


def _calendar_address(value: object, addresses: _Addresses) -> tuple[str, str, str] | None:
    """(address, name, participation status) of an ATTENDEE or ORGANIZER value."""
    text = _clean(str(value))
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    normal = addresses.normal(text)
    if normal is None:
        return None
    params = getattr(value, "params", {}) or {}
    name = _clean(str(params.get("CN", ""))).strip("'\" ")
    status = str(params.get("PARTSTAT", "")).upper()
    return normal, "" if name.lower() == normal else name, status


def _listed(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def read_calendar(data: bytes, source: str) -> tuple[list[Item], int]:
    """The meetings of an iCalendar file, and how many recur.

    Only the master of a recurring event is taken in, on its first day; occurrences
    changed on their own (a VEVENT with RECURRENCE-ID) are left out. Cancelled events
    and attendees who declined are left out too.
    """
    import icalendar

    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, TypeError, IndexError, KeyError, UnicodeError) as error:
        first = str(error).splitlines()[0] if str(error) else "cannot be read"
        raise InvalidInput("file", source, f"is not an iCalendar file: {first[:200]}") from None
    if not calendars or any(getattr(c, "name", "") != "VCALENDAR" for c in calendars):
        raise InvalidInput("file", source, "is not an iCalendar file (it holds no BEGIN:VCALENDAR)")
    addresses = _Addresses()
    items: list[Item] = []
    recurring = 0
    number = 0
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            number += 1
            title = _clean(str(event.get("SUMMARY", "")))[:SUBJECT_CHARS]
            where = f"event {number}" + (f" ({title[:60]})" if title else "")
            uid = _clean(str(event.get("UID", "")))
            try:
                start = event.decoded("DTSTART") if "DTSTART" in event else None
                end = event.decoded("DTEND") if "DTEND" in event else None
                duration = event.decoded("DURATION") if "DURATION" in event else None
            except (ValueError, TypeError, KeyError, OverflowError):
                start = end = duration = None
            day = _as_day(start)
            recurrence = event.get("RECURRENCE-ID")
            anchor = recurrence.to_ical().decode() if recurrence is not None else ""
            if not anchor and "DTSTART" in event:
                anchor = event.get("DTSTART").to_ical().decode()
            key = (
                _hash("ics", uid, anchor)
                if uid
                else _hash("ics", "", anchor, title, str(event.get("ORGANIZER", "")))
            )
            people: list[tuple[str, str]] = []
            for value in _listed(event.get("ORGANIZER")) + _listed(event.get("ATTENDEE")):
                found = _calendar_address(value, addresses)
                if found is None or found[2] == "DECLINED":
                    continue
                if all(found[0] != known for known, _ in people):
                    people.append(found[:2])
            problem = ""
            if recurrence is not None:
                problem = "is one changed occurrence of a recurring event; only the first is"
                problem += " taken in"
            elif str(event.get("STATUS", "")).upper() == "CANCELLED":
                problem = "was cancelled"
            elif day is None:
                problem = "has no DTSTART that can be read"
            if "RRULE" in event and not problem:
                recurring += 1
            place = _clean(str(event.get("LOCATION", "")))[:PLACE_CHARS]
            items.append(
                Item(
                    key=key,
                    where=where,
                    day=day,
                    summary=title or NO_SUBJECT,
                    addresses=people,
                    minutes=_event_minutes(start, end, duration),
                    place=place,
                    problem=problem,
                )
            )
    return items, recurring


# ---------------------------------------------------------------------------
# Taking in
# ---------------------------------------------------------------------------


def since_day(value: str | dt.date | None) -> dt.date | None:
    """The day ``--since`` names (a date or words such as "vor 3 Monaten"), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return past_day(value, "since", hint="nothing has happened since then yet")


def own_addresses(actor: Member, me: Iterable[str] = ()) -> set[str]:
    """The user's addresses: their own person's emails and each ``me`` given."""
    found = set(
        ContactPoint.objects.filter(
            network_id=actor.network_id, person_id=actor.me.pk, kind="email"
        ).values_list("value", flat=True)
    )
    for address in me:
        if not isinstance(address, str):
            raise InvalidInput("me", address, "is not an email address")
        found.add(parse_email(address).value)
    return found


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


@dataclass
class _Plan:
    item: Item
    people: list[int]
    seen: SeenMessage | None = None


def _take_in(
    actor: Member,
    items: Sequence[Item],
    report: MailReport,
    *,
    source: str,
    since: dt.date | None,
    own: set[str],
    private: bool,
    progress: Progress | None,
) -> MailReport:
    """Make the conversations and remember what was read, in one transaction."""
    network_id = actor.network_id
    me = actor.me.pk
    now = today()
    candidates: list[Item] = []
    for item in items:
        report.read += 1
        if item.problem:
            report.skipped.append(Skipped(item.where, item.problem))
        elif item.day is None:
            report.skipped.append(Skipped(item.where, "has no date"))
        elif since is not None and item.day < since:
            report.before_since += 1
        elif item.day > now:
            report.skipped.append(
                Skipped(
                    item.where,
                    f"is dated {item.day.isoformat()}, in the future; "
                    "a later run takes it in once it has happened",
                )
            )
        else:
            candidates.append(item)

    keys = sorted({item.key for item in candidates})
    addresses = sorted({a for item in candidates for a, _ in item.addresses if a not in own})
    with changes.atomic():
        seen: dict[str, SeenMessage] = {}
        for chunk in _chunks(keys):
            for seen_row in SeenMessage.objects.filter(network_id=network_id, key__in=chunk):
                seen[seen_row.key] = seen_row
        owners: dict[str, list[int]] = {}
        for chunk in _chunks(addresses):
            for value, person_id in (
                ContactPoint.objects.filter(network_id=network_id, kind="email", value__in=chunk)
                .exclude(person_id=me)
                .order_by("pk")
                .values_list("value", "person_id")
            ):
                owners.setdefault(value, []).append(person_id)

        plans: list[_Plan] = []
        unmatched: list[Item] = []
        counted: dict[str, tuple[list[str], int, dt.date, dt.date]] = {}
        this_run: set[str] = set()
        new_messages = 0
        for item in candidates:
            others = [(a, n) for a, n in item.addresses if a not in own]
            people: list[int] = []
            for address, _ in others:
                for person_id in owners.get(address, []):
                    if person_id not in people:
                        people.append(person_id)
            if item.key in this_run:
                report.already_seen += 1
                continue
            this_run.add(item.key)
            row = seen.get(item.key)
            if row is not None:
                if people and not row.made_interaction:
                    plans.append(_Plan(item, people, row))
                else:
                    report.already_seen += 1
                continue
            assert item.day is not None
            new_messages += 1
            for address, name in others:
                names, count, first, last = counted.get(address, ([], 0, item.day, item.day))
                if name and name not in names and len(names) < NAMES_KEPT:
                    names.append(name)
                counted[address] = (names, count + 1, min(first, item.day), max(last, item.day))
            if people:
                plans.append(_Plan(item, people))
            else:
                report.without_known_person += 1
                unmatched.append(item)

        full_names: dict[int, str] = {}
        wanted = sorted({pk for plan in plans for pk in plan.people})
        for start in range(0, len(wanted), _CHUNK):
            for person in Person.objects.filter(
                network_id=network_id, pk__in=wanted[start : start + _CHUNK]
            ):
                full_names[person.pk] = person.full_name
        interactions = [
            Interaction(
                network_id=network_id,
                occurred_on=plan.item.day or now,
                kind=report.kind,
                summary=plan.item.summary,
                duration_minutes=plan.item.minutes,
                place=plan.item.place,
                author=actor,
                private=private,
            )
            for plan in plans
        ]
        if connection.features.can_return_rows_from_bulk_insert:
            Interaction.objects.bulk_create(interactions, batch_size=_CHUNK)
        else:  # pragma: no cover - every supported database returns the ids
            for interaction in interactions:
                interaction.save()
        Participation.objects.bulk_create(
            [
                Participation(network_id=network_id, interaction=interaction, person_id=pk)
                for plan, interaction in zip(plans, interactions, strict=True)
                for pk in plan.people
            ],
            batch_size=_CHUNK,
        )
        fresh: list[SeenMessage] = []
        caught_up: list[SeenMessage] = []
        for plan, interaction in zip(plans, interactions, strict=True):
            if plan.seen is not None:
                plan.seen.interaction = interaction
                plan.seen.made_interaction = True
                caught_up.append(plan.seen)
            else:
                fresh.append(
                    SeenMessage(
                        network_id=network_id,
                        source=source,
                        key=plan.item.key,
                        interaction=interaction,
                        made_interaction=True,
                    )
                )
            assert plan.item.day is not None
            report.created.append(
                Created(
                    where=plan.item.where,
                    day=plan.item.day,
                    kind=report.kind,
                    summary=plan.item.summary,
                    people=[(pk, full_names.get(pk, "")) for pk in plan.people],
                    interaction_id=None if report.dry_run else interaction.pk,
                    caught_up=plan.seen is not None,
                )
            )
        fresh.extend(
            SeenMessage(network_id=network_id, source=source, key=item.key) for item in unmatched
        )
        SeenMessage.objects.bulk_create(fresh, batch_size=_CHUNK)
        SeenMessage.objects.bulk_update(
            caught_up, ["interaction", "made_interaction"], batch_size=_CHUNK
        )
        _count_addresses(network_id, counted)
        report.addresses_counted = len(counted)
        report.notes.extend(_looks_like_yours(counted, new_messages))
        # Written in bulk, without the signals that would announce them one by one.
        changes.announce(network_id, "interaction", [i.pk for i in interactions])
        if progress is not None:
            progress("Saving", 1, 1)
        if report.dry_run:
            transaction.set_rollback(True)
    report.created.sort(key=lambda entry: (entry.day, entry.where))
    return report


# An unknown address in this share of an import's messages (and at least this many) is
# most likely the user's own, not a person to add.
_YOURS_SHARE = 0.8
_YOURS_LEAST = 10


def _looks_like_yours(
    counted: dict[str, tuple[list[str], int, dt.date, dt.date]], messages: int
) -> list[str]:
    return [
        f"{address} is in {count} of {messages} messages: if it is one of your own "
        "addresses, add it to your own person or give it as --me, so that it is not "
        "suggested as a person"
        for address, (_, count, _, _) in sorted(counted.items())
        if count >= _YOURS_LEAST and count >= _YOURS_SHARE * messages
    ]


def _count_addresses(
    network_id: int, counted: dict[str, tuple[list[str], int, dt.date, dt.date]]
) -> None:
    changed: list[SeenAddress] = []
    known: set[str] = set()
    for chunk in _chunks(sorted(counted)):
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
        changed, ["names", "messages", "first_on", "last_on"], batch_size=_CHUNK
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
        batch_size=_CHUNK,
    )


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(field, value, "is not true or false")
    return value


def import_mail(
    actor: Member,
    source: str | Path,
    *,
    since: str | dt.date | None = None,
    bodies: bool = False,
    dry_run: bool = False,
    me: Sequence[str] = (),
    private: bool = False,
    progress: Progress | None = None,
    name: str | None = None,
    field: str = "path",
) -> MailReport:
    """Conversations from an mbox file or a Maildir folder (detected), one per message
    with a known person in From/To/Cc besides the user; kind "email", the subject as
    the minutes, on the day of its Date header. ``name`` is how the source is shown,
    ``field`` what errors call it (an upload: "file")."""
    day = since_day(since)
    own = own_addresses(actor, me)
    for flag, field_name in ((bodies, "bodies"), (dry_run, "dry_run"), (private, "private")):
        _flag(flag, field_name)
    shown = name or str(source)
    items = read_mailbox(source, bodies=bodies, progress=progress, name=shown, field=field)
    report = MailReport(source=shown, kind="email", dry_run=dry_run)
    return _take_in(
        actor,
        items,
        report,
        source=SeenMessage.Source.MAIL,
        since=day,
        own=own,
        private=private,
        progress=progress,
    )


def import_mail_upload(
    actor: Member,
    chunks: Iterable[bytes],
    name: str,
    *,
    since: str | dt.date | None = None,
    bodies: bool = False,
    dry_run: bool = False,
    me: Sequence[str] = (),
    private: bool = False,
) -> MailReport:
    """:func:`import_mail` of an uploaded mbox file (its bytes in ``chunks``), kept in
    a temporary folder only while it is read; errors name it as ``file`` ``name``."""
    with tempfile.TemporaryDirectory(prefix="knoten-mail-") as folder:
        path = Path(folder) / "upload.mbox"
        with path.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        return import_mail(
            actor,
            path,
            since=since,
            bodies=bodies,
            dry_run=dry_run,
            me=me,
            private=private,
            name=name,
            field="file",
        )


def import_imap(
    actor: Member,
    *,
    host: str,
    user: str,
    password: str,
    folder: str = "INBOX",
    port: int | None = None,
    ssl: bool = True,
    since: str | dt.date | None = None,
    bodies: bool = False,
    dry_run: bool = False,
    me: Sequence[str] = (),
    private: bool = False,
    progress: Progress | None = None,
    connect: IMAPFactory | None = None,
) -> MailReport:
    """Conversations from an IMAP folder, as :func:`import_mail` does for a file.

    Only headers are fetched (From, To, Cc, Date, Subject, Message-ID), unless
    ``bodies``; with ``since``, the server is asked only for messages since that day.
    """
    day = since_day(since)
    own = own_addresses(actor, me)
    for flag, field_name in ((bodies, "bodies"), (dry_run, "dry_run"), (private, "private")):
        _flag(flag, field_name)
    items = read_imap(
        host=host,
        user=user,
        password=password,
        folder=folder,
        port=port,
        ssl=ssl,
        since=day,
        bodies=bodies,
        progress=progress,
        connect=connect,
    )
    report = MailReport(source=f"imap://{user}@{host}/{folder}", kind="email", dry_run=dry_run)
    return _take_in(
        actor,
        items,
        report,
        source=SeenMessage.Source.MAIL,
        since=day,
        own=own,
        private=private,
        progress=progress,
    )


def import_calendar(
    actor: Member,
    data: bytes,
    source: str,
    *,
    since: str | dt.date | None = None,
    dry_run: bool = False,
    me: Sequence[str] = (),
    private: bool = False,
    progress: Progress | None = None,
) -> MailReport:
    """Conversations of kind "meeting" from an iCalendar file's events.

    Each VEVENT with a known person among its ORGANIZER and ATTENDEEs (those who
    declined left out) becomes a meeting on its day: the SUMMARY as the minutes, the
    time from DTSTART to DTEND as its duration, LOCATION as the place. Of a recurring
    event only the first occurrence is taken in. Events still to come are left for a
    later run.
    """
    day = since_day(since)
    own = own_addresses(actor, me)
    _flag(dry_run, "dry_run")
    _flag(private, "private")
    if not isinstance(data, bytes):
        raise InvalidInput("file", source, "is not the bytes of a file")
    items, recurring = read_calendar(data, source)
    if progress is not None:
        progress("Reading events", len(items), len(items))
    report = MailReport(source=source, kind="meeting", dry_run=dry_run, recurring=recurring)
    return _take_in(
        actor,
        items,
        report,
        source=SeenMessage.Source.CALENDAR,
        since=day,
        own=own,
        private=private,
        progress=progress,
    )


# ---------------------------------------------------------------------------
# Suggestions
# ---------------------------------------------------------------------------


def suggestion_as_dict(row: SeenAddress) -> dict[str, Any]:
    """A recurring unknown address as JSON-able data."""
    return {
        "address": row.address,
        "names": list(row.names),
        "messages": row.messages,
        "first": row.first_on.isoformat(),
        "last": row.last_on.isoformat(),
    }


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
    return (
        SeenAddress.objects.filter(
            network_id=actor.network_id, automated=False, messages__gte=min_messages
        )
        .exclude(Exists(known))
        .order_by("-messages", "-last_on", "address")
    )


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
    rows = _suggestions(actor, min_messages)
    check_window(limit, offset)
    return list(rows[offset:] if limit is None else rows[offset : offset + limit])


def forget_addresses(actor: Member, addresses: Iterable[str]) -> int:
    """Erase what the imports counted about these addresses (for a person's erasure)."""
    values = sorted({str(a).strip().lower() for a in addresses if str(a).strip()})
    removed = 0
    with changes.atomic():
        for chunk in _chunks(values):
            count, _ = SeenAddress.objects.filter(
                network_id=actor.network_id, address__in=chunk
            ).delete()
            removed += count
    return removed
