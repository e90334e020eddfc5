"""The overview of a day or a week: one ranked list of what to do, each with its action.

``overview(actor, days=1)`` is today, ``days=7`` the week ahead. It puts together the
occasions (:mod:`knoten.upkeep.occasions`: birthdays, congratulations, thanks, promises
both ways, projects to acknowledge, events ahead) and the people due or overdue for a
contact (:func:`knoten.upkeep.due.due_list`). The digest mail is built from it too.

Each :class:`Item`, and its ``as_dict()`` for JSON::

    {"kind": "birthday",             # an OCCASION_KINDS code; "keep_in_touch" when due
     "key": "birthday:person=12:2027",  # the occasion's lasting key (handle it with this)
     "title": "Birthday of Anna Adler", "reason": "turns 47 on 2027-03-14",
     "day": "2027-03-14",            # its day (a due contact: the day it fell due)
     "person_id": 12, "person_ids": [12], "name": "Anna Adler",
     "urgency": "overdue",           # "overdue", "today" or "soon"
     "importance": 1,                # 1 inner circle … 4 peripheral
     "action": {"do": "draft", "label": "Write a greeting",
                "url": "/people/12/draft/?occasion=birthday&key=…",  # or null
                "api": "POST /api/occasions/handled"}}

Ranked: the occasions first (the timely word is what a contact remembers), overdue ones
first, then by day, then by importance; then the people due for a contact, in the due
list's own order (how far past their cadence, times how important they are), so that a
long list of old yearly contacts never buries today's birthday or a promise due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from knoten.core.clock import today
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.upkeep.due import Due, due_list
from knoten.upkeep.handled import handled_keys
from knoten.upkeep.occasions import Occasion, occasions

MAX_DAYS = 31
DUE_SHOWN = 50
# The occasions shown, best first; the others are counted (a team's network of 100,000
# has a few hundred birthdays a day: nobody reads past the first hundred).
OCCASIONS_SHOWN = 100
MAX_OCCASIONS_SHOWN = 1000
HANDLE_API = "POST /api/occasions/handled"


@dataclass(frozen=True)
class Item:
    """One line of the overview."""

    kind: str
    key: str
    title: str
    reason: str
    day: dt.date
    person_ids: tuple[int, ...]
    name: str
    urgency: str
    importance: int
    action: str
    action_label: str
    action_url: str | None
    action_api: str

    @property
    def person_id(self) -> int | None:
        return self.person_ids[0] if self.person_ids else None

    @property
    def overdue(self) -> bool:
        return self.urgency == "overdue"

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "title": self.title,
            "reason": self.reason,
            "day": self.day.isoformat(),
            "person_id": self.person_id,
            "person_ids": list(self.person_ids),
            "name": self.name,
            "urgency": self.urgency,
            "importance": self.importance,
            "action": {
                "do": self.action,
                "label": self.action_label,
                "url": self.action_url,
                "api": self.action_api,
            },
        }


@dataclass(frozen=True)
class Overview:
    """The items from ``start`` to ``end``, ranked; ``occasions_total`` counts every
    occasion of the window, ``due_total`` every person due."""

    start: dt.date
    end: dt.date
    items: list[Item] = field(default_factory=list)
    due_total: int = 0
    occasions_total: int = 0

    @property
    def due_more(self) -> int:
        shown = sum(1 for item in self.items if item.kind == "keep_in_touch")
        return max(0, self.due_total - shown)

    @property
    def occasions_more(self) -> int:
        shown = sum(1 for item in self.items if item.kind != "keep_in_touch")
        return max(0, self.occasions_total - shown)

    @property
    def total(self) -> int:
        return self.occasions_total + self.due_total

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "count": len(self.items),
            "due_total": self.due_total,
            "occasions_total": self.occasions_total,
            "items": [item.as_dict() for item in self.items],
        }


def overview(actor: Member, *, days: int = 1, limit: int | None = None) -> Overview:
    """What ``actor`` has to do today (``days=1``) or in the next ``days`` days, ranked:
    the first ``limit`` occasions (``None``: :data:`OCCASIONS_SHOWN`), then the first
    :data:`DUE_SHOWN` people due."""
    if days < 1 or days > MAX_DAYS:
        raise InvalidInput("days", days, f"must be between 1 and {MAX_DAYS}")
    shown = OCCASIONS_SHOWN if limit is None else limit
    if isinstance(shown, bool) or shown < 1 or shown > MAX_OCCASIONS_SHOWN:
        raise InvalidInput("limit", shown, f"must be between 1 and {MAX_OCCASIONS_SHOWN}")
    start = today()
    end = start + dt.timedelta(days=days - 1)
    found = occasions(actor, start=start, end=end)
    items = [_from_occasion(o, start) for o in found[:shown]]
    items.sort(key=lambda i: (i.urgency != "overdue", i.day, i.importance, i.name, i.key))
    due, total = due_list(actor, limit=DUE_SHOWN)
    due_items = [_from_due(row, start) for row in due]
    done = handled_keys(actor, (item.key for item in due_items))
    items += [item for item in due_items if item.key not in done]
    return Overview(start=start, end=end, items=items, due_total=total, occasions_total=len(found))


def _urgency(overdue: bool, day: dt.date, start: dt.date) -> str:
    if overdue:
        return "overdue"
    return "today" if day <= start else "soon"


def _from_occasion(occasion: Occasion, start: dt.date) -> Item:
    name = ", ".join(occasion.names[:3]) + ("…" if len(occasion.names) > 3 else "")
    return Item(
        kind=occasion.kind,
        key=occasion.key,
        title=occasion.title,
        reason=occasion.reason,
        day=occasion.day,
        person_ids=occasion.person_ids,
        name=name,
        urgency=_urgency(occasion.overdue, occasion.day, start),
        importance=occasion.importance,
        action=occasion.action,
        action_label=occasion.action_label,
        action_url=occasion.action_url,
        action_api=HANDLE_API,
    )


def _from_due(row: Due, start: dt.date) -> Item:
    try:
        url: str | None = reverse("web:log") + f"?with={row.person_id}"
    except NoReverseMatch:
        url = None
    return Item(
        kind="keep_in_touch",
        key=f"keep_in_touch:person={row.person_id}:{row.due_on.isoformat()}",
        title=_("Get in touch with %(name)s") % {"name": row.name},
        reason=row.reason,
        day=row.due_on,
        person_ids=(row.person_id,),
        name=row.name,
        urgency="overdue" if row.overdue else "today",
        importance=row.importance,
        action="log",
        action_label=_("Log a contact"),
        action_url=url,
        action_api=f"PUT /api/persons/{row.person_id}/snooze",
    )
