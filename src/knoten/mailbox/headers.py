"""Reading the values of mail headers: their text, their addresses and their dates.

Headers arrive as they were sent: RFC 2047 words (``=?utf-8?q?…?=``), raw bytes that are
not ASCII, NUL characters, addresses in any spelling, dates in any time zone. Each is
read into what a database keeps: one line of valid text, a lower-case address that is
valid (through :func:`knoten.people.contacts.parse_email`, as every address is), the
local day.
"""

from __future__ import annotations

import datetime as dt
import email.errors
import email.utils
from collections.abc import Sequence
from email.header import decode_header, make_header

from django.utils import timezone

from knoten.core import reading
from knoten.core.errors import InvalidInput
from knoten.people.contacts import parse_email

# An address no longer than this (RFC 5321's 64 + 1 + 255); a longer one is no address.
MAX_ADDRESS = 320
# Header values whose addresses are remembered (the same lines recur in a mailbox).
_VALUES_KEPT = 50_000


def unescape(value: str) -> str:
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


def one_line(text: str) -> str:
    """One line, without NUL characters or lone surrogates (no database keeps them)."""
    text = text.replace("\x00", " ")
    text = text.encode("utf-8", "replace").decode("utf-8")
    return reading.clean(text)


def decode_text(value: str) -> str:
    """A header's text with RFC 2047 words (``=?utf-8?q?…?=``) decoded, on one line."""
    value = unescape(value)
    try:
        text = str(make_header(decode_header(value)))
    except (UnicodeError, LookupError, ValueError, email.errors.HeaderParseError):
        text = value
    return one_line(text)


class Addresses:
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
            if found is not None and len(found) > MAX_ADDRESS:
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
            parsed = email.utils.getaddresses([unescape(value)])
        except (ValueError, IndexError, TypeError):
            parsed = []
        found: list[tuple[str, str]] = []
        for name, address in parsed:
            normal = self.normal(one_line(address))
            if normal is not None:
                shown = decode_text(name).strip("'\" ")
                found.append((normal, "" if shown.lower() == normal else shown))
        if len(self._values) < _VALUES_KEPT:
            self._values[value] = found
        return found


def local_day(moment: dt.datetime) -> dt.date:
    """The day of ``moment`` on the user's clock (a naive one is taken as UTC)."""
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return timezone.localtime(moment).date()


def mail_day(value: str | None) -> dt.date | None:
    """The local day of a Date header, or None if it is missing or no date."""
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(unescape(value).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None or moment.year < 1900:
        return None
    try:
        return local_day(moment)
    except (OverflowError, ValueError):
        return None
