"""The person's conversations beyond those the page shows, newest first ("More")."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from knoten.journal import vocabulary as journal_words
from knoten.journal.conversations import interaction_as_dict, list_interactions
from knoten.web.kit import current_member, fragment_response, label, shown_date
from knoten.web.person_views.base import person_of

CONVERSATIONS_PAGE = 20
MAX_OFFSET = 10_000_000  # far beyond anyone's conversations, well inside the database's range


@require_GET
def person_conversations(request: HttpRequest, person_id: int) -> HttpResponse:
    """The person's conversations from ``offset`` on, newest first (the "More" button)."""
    member = current_member(request)
    person = person_of(member, person_id)
    try:
        offset = min(max(int(request.GET.get("offset", "0")), 0), MAX_OFFSET)
    except ValueError:
        offset = 0
    found = list_interactions(member, person=person, limit=CONVERSATIONS_PAGE + 1, offset=offset)
    items = []
    for interaction in found[:CONVERSATIONS_PAGE]:
        data = interaction_as_dict(interaction)
        items.append(
            {
                "id": data["id"],
                "occurred_on": data["date"],
                "shown": shown_date(data["date"]),
                "kind": data["kind"],
                "kind_label": label(journal_words.INTERACTION_KINDS, data["kind"]),
                "summary": data["summary"],
                "with": [p for p in data["participants"] if p and p["id"] != person.pk],
            }
        )
    context = {
        "member": member,
        "person": {"id": person.pk, "name": person.full_name},
        "items": items,
        "offset": offset,
        "next_offset": offset + CONVERSATIONS_PAGE if len(found) > CONVERSATIONS_PAGE else None,
        "previous_offset": max(offset - CONVERSATIONS_PAGE, 0) if offset else None,
    }
    return fragment_response(request, "web/person/conversations.html", "rows", context)
