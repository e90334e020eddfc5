"""What no database keeps or finds: the checks every service makes on what it is given.

A text with a NUL character (PostgreSQL refuses it) or a lone surrogate (no character of
UTF-8); an id beyond a signed 64-bit integer (SQLite overflows when asked for it); a
negative or absurd page of a list. Each check raises :class:`InvalidInput` naming the
field, so a bad value is refused with a clear message instead of failing in the database.
A long list of values is asked for in :func:`chunks`, each within what one query may name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from knoten.core.errors import InvalidInput

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

# The largest id a database row can have (a signed 64-bit integer): a larger number
# names nothing, and asking the database for it would overflow on SQLite.
MAX_ID = 2**63 - 1
# Far beyond the end of any list, and well inside what a database can skip to.
MAX_OFFSET = 10**15
# Values in one IN (…) query, rows in one bulk statement: far below SQLite's limit on
# the parameters of a statement.
CHUNK = 500
# The largest file an upload may be (an import, a mailbox, a calendar), in bytes, unless
# the setting KNOTEN_IMPORT_MAX_BYTES says otherwise: see :func:`max_upload_bytes`.
MAX_UPLOAD_BYTES = 50 * 2**20
# The most characters one text of an imported record may have (a note, a custom
# field), unless KNOTEN_IMPORT_MAX_TEXT says otherwise: see :func:`max_text`.
MAX_TEXT = 100_000


def max_upload_bytes() -> int:
    """The largest file an upload or import may be (``KNOTEN_IMPORT_MAX_BYTES``)."""
    from django.conf import settings

    return int(getattr(settings, "KNOTEN_IMPORT_MAX_BYTES", MAX_UPLOAD_BYTES))


def max_text() -> int:
    """The most characters a text of an imported record may have (``KNOTEN_IMPORT_MAX_TEXT``)."""
    from django.conf import settings

    return int(getattr(settings, "KNOTEN_IMPORT_MAX_TEXT", MAX_TEXT))


def size_words(size: int) -> str:
    """A number of bytes for people: "50 MB", else "1,500 bytes"."""
    if size >= 2**20 and size % 2**20 == 0:
        return f"{size // 2**20} MB"
    return f"{size:,} bytes"


def refuse_large_upload(size: int | None, name: str, field: str = "file") -> None:
    """Refuse a file larger than :func:`max_upload_bytes` (``size`` None: not known)."""
    limit = max_upload_bytes()
    if size is not None and size > limit:
        raise InvalidInput(
            field,
            name,
            f"is larger than {size_words(limit)} (KNOTEN_IMPORT_MAX_BYTES); "
            "split it into smaller files",
        )


def is_id(value: object) -> bool:
    """Whether ``value`` can be the id of a row (a whole number from 1 to MAX_ID)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 1 <= value <= MAX_ID
    text = str(value).strip()
    return text.isdecimal() and text.isascii() and len(text) <= 19 and 1 <= int(text) <= MAX_ID


def storable(field: str, value: object) -> None:
    """Refuse a text (or any text in a list of them) that no database stores or compares."""
    items = value if isinstance(value, list | tuple) else [value]
    for item in items:
        if not isinstance(item, str):
            continue
        if "\x00" in item:
            raise InvalidInput(field, item, "contains a NUL character (\\x00); remove it")
        try:
            item.encode("utf-8")
        except UnicodeEncodeError:
            shown = item.encode("utf-8", "backslashreplace").decode("ascii", "replace")
            raise InvalidInput(field, shown, "is not valid Unicode (a lone surrogate)") from None


def check_window(limit: int | None, offset: int) -> None:
    """Refuse a page of a list that starts before its beginning or far past any end."""
    if limit is not None and (isinstance(limit, bool) or limit < 0):
        raise InvalidInput("limit", limit, "is negative")
    if isinstance(offset, bool) or offset < 0:
        raise InvalidInput("offset", offset, "is negative")
    if offset > MAX_OFFSET:
        raise InvalidInput("offset", offset, "is beyond the end of any list")


R = TypeVar("R", bound="Model")


def page(rows: QuerySet[R], limit: int | None, offset: int) -> QuerySet[R]:
    """A page of a list: ``limit`` rows (all if None) after ``offset``, once checked."""
    check_window(limit, offset)
    return rows[offset:] if limit is None else rows[offset : offset + limit]


T = TypeVar("T")


def chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``values`` in runs of ``size``, each few enough for one IN (…) query."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
