"""The mail digest: the overview of a day or a week in one mail, each item with its link.

:func:`digest` reads :func:`knoten.upkeep.overview.overview` (one ranked list: occasions,
due contacts, promises, events ahead) and writes it as a mail's subject, text and HTML;
its key names the period for good ("2026-12-07" daily, the ISO week "2026-W49" weekly).
:func:`send_digest` sends it through the configured mail server (``KNOTEN_SMTP_*``) to the
member's address, once: a :class:`DigestSent` row is written in the same transaction as
the send, so a second run (cron, a systemd timer) sends nothing. Nothing in the overview:
no mail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knoten.core import changes
from knoten.core.clock import now, today
from knoten.core.errors import InvalidInput
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.upkeep.links import absolute, absolute_for
from knoten.upkeep.models import DigestSent
from knoten.upkeep.overview import overview

PERIODS = {"daily": 1, "weekly": 7}


@dataclass(frozen=True)
class DigestItem:
    """One line of the digest: what, why, when, and the address to act on it."""

    kind: str
    title: str
    reason: str
    day: str | None
    url: str
    action: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "reason": self.reason,
            "day": self.day,
            "url": self.url,
            "action": self.action,
        }


@dataclass(frozen=True)
class Digest:
    period: str
    key: str
    subject: str
    text: str
    html: str
    items: list[DigestItem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "key": self.key,
            "subject": self.subject,
            "text": self.text,
            "items": [item.as_dict() for item in self.items],
        }


def _period(period: str) -> str:
    code = (period or "").strip().lower()
    if code not in PERIODS:
        raise InvalidInput("period", period, "is not a period; write it as daily or weekly")
    return code


def digest_key(period: str, day: dt.date) -> str:
    """The name of the digest of ``day``'s period: "2026-12-07", or "2026-W49" weekly."""
    if _period(period) == "daily":
        return day.isoformat()
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _item(raw: Any) -> DigestItem:
    """An overview item, read from its JSON shape (``as_dict()``)."""
    data: dict[str, Any] = raw.as_dict() if hasattr(raw, "as_dict") else dict(raw)
    action = data.get("action") or {}
    if isinstance(action, str):
        action = {"label": action}
    path = action.get("url") or data.get("url") or ""
    person = data.get("person_id")
    if not path and person:
        path = absolute_for("web:person", person_id=person)
    url = path if path.startswith(("http://", "https://")) else absolute(path or "/")
    day = data.get("day")
    return DigestItem(
        kind=str(data.get("kind", "")),
        title=str(data.get("title") or data.get("name") or ""),
        reason=str(data.get("reason") or ""),
        day=day.isoformat() if isinstance(day, dt.date) else day,
        url=url,
        action=str(action.get("label") or _("Open")),
    )


def digest(actor: Member, *, period: str = "daily") -> Digest:
    """``actor``'s digest of today (``daily``) or of the week ahead (``weekly``)."""
    code = _period(period)
    day = today()
    key = digest_key(code, day)
    items = [_item(row) for row in overview(actor, days=PERIODS[code]).items]
    if code == "daily":
        subject = ngettext(
            "Knoten: %(count)d thing for today (%(day)s)",
            "Knoten: %(count)d things for today (%(day)s)",
            len(items),
        ) % {
            "count": len(items),
            "day": day.isoformat(),
        }
    else:
        subject = ngettext(
            "Knoten: %(count)d thing for the week %(week)s",
            "Knoten: %(count)d things for the week %(week)s",
            len(items),
        ) % {
            "count": len(items),
            "week": key,
        }
    context = {
        "items": items,
        "subject": subject,
        "period": code,
        "key": key,
        "home": absolute_for("web:home"),
    }
    text = render_to_string("upkeep/digest.txt", context)
    html = render_to_string("upkeep/digest.html", context)
    return Digest(period=code, key=key, subject=subject, text=text, html=html, items=items)


def digest_sent(actor: Member, *, period: str = "daily") -> DigestSent | None:
    """The digest of this period as sent to ``actor`` already, if it was."""
    code = _period(period)
    return DigestSent.objects.filter(
        member=actor, period=code, key=digest_key(code, today())
    ).first()


def _recipient(actor: Member, to: str | None) -> str:
    address = (to or "").strip() or (actor.user.email or "").strip()
    storable("to", address)
    if not address:
        raise InvalidInput("to", to or "", "is missing; your user has no email address; give one")
    if "@" not in address or any(c.isspace() for c in address) or len(address) > 300:
        raise InvalidInput("to", address, "is not a mail address; write it as name@example.org")
    return address


def send_digest(
    actor: Member, *, period: str = "daily", to: str | None = None
) -> DigestSent | None:
    """Send ``actor``'s digest of this period, once; None when there is nothing in it.

    Sent already: the row of that send, and no mail. The mail server comes from the
    settings (``KNOTEN_SMTP_HOST`` …); without one, nothing is sent and it says so.
    """
    code = _period(period)
    address = _recipient(actor, to)
    before = digest_sent(actor, period=code)
    if before is not None:
        return before
    made = digest(actor, period=code)
    if not made.items:
        return None
    if not settings.EMAIL_HOST:
        raise InvalidInput(
            "KNOTEN_SMTP_HOST", "", "is not set; name the mail server to send the digest"
        )
    mail = EmailMultiAlternatives(made.subject, made.text, settings.DEFAULT_FROM_EMAIL, [address])
    mail.attach_alternative(made.html, "text/html")
    try:
        with changes.atomic():
            row = DigestSent.objects.create(
                network_id=actor.network_id,
                member=actor,
                period=code,
                key=made.key,
                recipient=address,
                items=len(made.items),
                sent_at=now(),
            )
            # Inside the transaction: a send that fails leaves no row, and a second run
            # that raced this one fails on the row before it sends.
            try:
                mail.send(fail_silently=False)
            except OSError as error:
                raise InvalidInput(
                    "KNOTEN_SMTP_HOST", settings.EMAIL_HOST, f"did not take the mail: {error}"
                ) from None
    except IntegrityError:
        return digest_sent(actor, period=code)
    return row
