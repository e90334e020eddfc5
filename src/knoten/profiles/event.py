"""An event's page: its facts, who is expected, whom I met, and the conversations there."""

from __future__ import annotations

from typing import Any

from knoten.core.models import Member
from knoten.journal.conversations import interaction_as_dict, with_related
from knoten.journal.events import attendances, event_as_dict, resolve_event
from knoten.journal.models import Event
from knoten.journal.visibility import visible_interactions


def event_detail(actor: Member, event: str | int | Event) -> dict[str, Any]:
    """One event: its facts, who is expected, whom I met, and the conversations there
    that ``actor`` may see."""
    found = resolve_event(actor, event)
    found = Event.objects.select_related("organiser").get(pk=found.pk)
    conversations = with_related(visible_interactions(actor).filter(event=found)).order_by(
        "-occurred_on", "-pk"
    )
    return {
        **event_as_dict(found),
        **attendances(found),
        "interactions": [interaction_as_dict(i) for i in conversations],
    }
