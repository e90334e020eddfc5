"""What needs doing now: the promises that are due, and the latest conversations.

The home page's "Today" panel shows these; later features (occasions, cadences) add
their own lines beside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from knoten.core.clock import today
from knoten.core.models import Member
from knoten.journal.models import Interaction, Promise
from knoten.journal.visibility import visible_interactions, visible_promises

DUE_WITHIN_DAYS = 7
SHOWN = 10


@dataclass
class Today:
    day: dt.date
    overdue: list[Promise] = field(default_factory=list)
    due_soon: list[Promise] = field(default_factory=list)
    due_total: int = 0
    recent: list[Interaction] = field(default_factory=list)

    @property
    def more(self) -> int:
        """How many due promises are not shown."""
        return self.due_total - len(self.overdue) - len(self.due_soon)


def today_overview(
    actor: Member, *, within_days: int = DUE_WITHIN_DAYS, shown: int = SHOWN
) -> Today:
    """Open promises overdue or due within ``within_days`` (either way: what I owe and
    what I am owed), the first ``shown`` of them, their total, and the latest
    conversations the actor may see."""
    day = today()
    horizon = day + dt.timedelta(days=within_days)
    mine = Q(debtor_id=actor.person_id) | Q(creditor_id=actor.person_id)
    due = (
        visible_promises(actor)
        .filter(mine, done_on__isnull=True, due_on__isnull=False, due_on__lte=horizon)
        .select_related("debtor", "creditor")
        .order_by("due_on", "pk")
    )
    rows = list(due[:shown])
    total = len(rows) if len(rows) < shown else due.count()
    recent = list(
        visible_interactions(actor)
        .prefetch_related("participants")
        .order_by("-occurred_on", "-pk")[:5]
    )
    return Today(
        day=day,
        overdue=[p for p in rows if p.due_on is not None and p.due_on < day],
        due_soon=[p for p in rows if p.due_on is not None and p.due_on >= day],
        due_total=total,
        recent=recent,
    )
