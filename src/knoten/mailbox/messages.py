"""One mail message as an :class:`~knoten.mailbox.reports.Item`: who, when, what about.

Only the headers are read (From, To, Cc, Date, Subject, Message-ID); the body only when
asked, and then its first :data:`BODY_CHARS` characters of plain text.
"""

from __future__ import annotations

import datetime as dt
import email.errors
from email import policy
from email.parser import BytesHeaderParser, BytesParser

from knoten.mailbox.headers import Addresses, decode_text, mail_day, one_line, unescape
from knoten.mailbox.reports import NO_SUBJECT, SUBJECT_CHARS, Item, item_key

BODY_CHARS = 500


def plain_body(raw: bytes) -> str:
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
    return one_line(str(text))[:BODY_CHARS]


def message_item(
    raw: bytes,
    where: str,
    *,
    bodies: bool = False,
    fallback_day: dt.date | None = None,
    addresses: Addresses | None = None,
) -> Item:
    """What a message's headers say (the body only with ``bodies``)."""
    addresses = addresses or Addresses()
    headers = BytesHeaderParser(policy=policy.compat32).parsebytes(raw)
    values: dict[str, list[str]] = {}
    for name, value in headers.raw_items():
        values.setdefault(name.lower(), []).append(str(value))

    def first(name: str) -> str:
        return (values.get(name) or [""])[0]

    subject = decode_text(first("subject"))[:SUBJECT_CHARS] or NO_SUBJECT
    people = addresses.pairs(values.get("from", []) + values.get("to", []) + values.get("cc", []))
    # "<id@host>" and "id@host" (some programs drop the brackets) are the same message.
    message_id = one_line(unescape(first("message-id"))).strip("<> ")
    if message_id:
        key = item_key("mail", message_id)
    else:
        sender = people[0][0] if people else ""
        key = item_key("mail", sender, one_line(unescape(first("date"))), subject)
    day = mail_day(first("date")) or fallback_day
    summary = subject
    if bodies:
        body = plain_body(raw)
        if body:
            summary = f"{subject}\n\n{body}"
    problem = "" if day is not None else "has no Date header that can be read"
    return Item(key=key, where=where, day=day, summary=summary, addresses=people, problem=problem)
