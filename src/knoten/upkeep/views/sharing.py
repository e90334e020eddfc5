"""The page for sharing know-how: a topic, the people it would interest, and recording it.

GET with a ``topic`` proposes the people, each with a checkbox and the evidence; the form
posts the chosen people with the note and the link back to the same address, which
records it and shows a ``mailto:`` link with all their addresses in BCC.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from knoten.core.models import Member
from knoten.upkeep import sharing
from knoten.web.kit import attempt, current_member, page_response

FIELDS = ["topic", "people", "note", "link", "form"]


@require_http_methods(["GET", "POST"])
def share_page(request: HttpRequest) -> HttpResponse:
    """A topic box; the people it would interest; the note and link; record it."""
    member = current_member(request)
    if request.method == "POST":
        return _record(request, member)
    topic = request.GET.get("topic", "").strip()
    return _page(request, member, topic, {}, {})


def _page(
    request: HttpRequest,
    member: Member,
    topic: str,
    errors: dict[str, str],
    posted: dict[str, Any],
    shared: sharing.Shared | None = None,
) -> HttpResponse:
    rows: list[sharing.Interest] = []
    if topic and shared is None:
        found, problems = attempt(lambda: sharing.interested_in(member, topic=topic), FIELDS)
        rows = found or []
        errors = {**problems, **errors}
    chosen = posted.get("people")
    context = {
        "member": member,
        "topic": topic,
        "rows": rows,
        "chosen": {str(pk) for pk in chosen} if chosen is not None else None,
        "note": posted.get("note", ""),
        "link": posted.get("link", ""),
        "errors": errors,
        "shared": shared,
        "mailto": _mailto(shared) if shared else "",
    }
    return page_response(request, "upkeep/share.html", context, errors)


def _record(request: HttpRequest, member: Member) -> HttpResponse:
    topic = request.POST.get("topic", "").strip()
    people: list[str | int] = [p for p in request.POST.getlist("people") if p.strip()]
    note = request.POST.get("note", "")
    link = request.POST.get("link", "").strip() or None
    posted = {"people": people, "note": note, "link": link or ""}
    shared, errors = attempt(
        lambda: sharing.share_know_how(member, people=people, note=note, link=link), FIELDS
    )
    return _page(request, member, topic, errors, posted, shared)


def _mailto(shared: sharing.Shared) -> str:
    """A mail to oneself with all the people in BCC, the note and the link as its text."""
    addresses = [person.email for person in shared.people if person.email]
    if not addresses:
        return ""
    body = "\n\n".join(part for part in (shared.note, shared.link or "") if part)
    subject = shared.note.splitlines()[0][:80] if shared.note else (shared.link or "")
    return (
        f"mailto:?bcc={quote(','.join(addresses), safe='@,')}"
        f"&subject={quote(subject)}&body={quote(body)}"
    )
