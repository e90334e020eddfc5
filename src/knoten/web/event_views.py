"""The events' pages: the list, one event with who will be (or was) there, and forms to
add, edit and delete one and to note who was expected or met there.

Thin views over :mod:`knoten.journal.events` and :mod:`knoten.profiles.event`, the same
functions as the command line and the API, built on :mod:`knoten.web.kit`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knoten.core.models import Member
from knoten.journal import events as journal_events
from knoten.journal import vocabulary as journal_words
from knoten.journal.models import Event
from knoten.profiles import event as event_profile
from knoten.web import directory_views, kit
from knoten.web.picking import person_ref

EVENT_FIELDS = (
    "name",
    "kind",
    "starts",
    "ends",
    "place",
    "organiser",
    "cost",
    "hours",
    "note",
    "attendee",
)
ATTENDANCE = "attendance"  # the part of the event's page with who was (to be) there


def _event_detail(member: Member, event_id: int) -> dict[str, Any]:
    data = kit.detail_or_404(lambda: event_profile.event_detail(member, event_id))
    data["kind_label"] = kit.label(journal_words.EVENT_KINDS, data["kind"])
    data["starts_shown"] = kit.shown_date(data["starts"])
    data["ends_shown"] = kit.shown_date(data["ends"])
    data["cost_shown"] = kit.shown_decimal(data["cost"])
    data["hours_shown"] = kit.shown_decimal(data["hours"])
    for interaction in data["interactions"]:
        interaction["date_shown"] = kit.shown_date(interaction["date"])
    return data


PAGES = kit.RecordPages(
    noun="event",
    fields=EVENT_FIELDS,
    choices=lambda: {"kinds": kit.options(journal_words.EVENT_KINDS)},
    detail=_event_detail,
    part=ATTENDANCE,
    part_values={"person": "", "status": "expected"},
    part_choices=lambda: {"statuses": [("expected", _("expected there")), ("met", _("met there"))]},
)


def _event_row(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "name": event.name,
        "kind_label": kit.label(journal_words.EVENT_KINDS, event.kind),
        "starts_shown": kit.shown_date(event.starts_on),
        "ends_shown": kit.shown_date(event.ends_on),
        "place": event.place,
        "organiser": event.organiser.name if event.organiser is not None else "",
    }


@require_GET
def events(request: HttpRequest) -> HttpResponse:
    """Events still to come (soonest first) or past ones (latest first), paged."""
    member = kit.current_member(request)
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    listed = kit.list_page(
        lambda limit, offset: journal_events.list_events(
            member, upcoming=when == "upcoming", limit=limit, offset=offset
        ),
        kit.page_number(request.GET.get("page")),
    )
    context: dict[str, Any] = {
        "member": member,
        "when": when,
        "rows": [_event_row(event) for event in listed.rows],
        **listed.context(),
        "page_query": kit.page_query({"when": "past" if when == "past" else ""}),
    }
    return PAGES.list_response(request, context)


@require_http_methods(["GET", "POST"])
def event_add(request: HttpRequest) -> HttpResponse:
    """Add an event: a name; its kind, dates, place, organiser, cost and who will be there."""
    member = kit.current_member(request)
    return PAGES.add(
        request,
        member,
        lambda values: journal_events.add_event(
            member,
            values["name"],
            kind=values["kind"] or None,
            starts=values["starts"] or None,
            ends=values["ends"] or None,
            place=values["place"],
            organiser=values["organiser"] or None,
            cost=values["cost"] or None,
            hours=values["hours"] or None,
            note=values["note"],
            attendees=[person_ref(request.POST, values["attendee"])] if values["attendee"] else [],
        ),
        initial={"kind": journal_events.DEFAULT_KIND},
    )


@require_GET
def event(request: HttpRequest, event_id: int) -> HttpResponse:
    """One event: its facts, who will be (or was) there, whom I met, the conversations."""
    member = kit.current_member(request)
    return PAGES.page(request, member, event_id)


@require_POST
def event_met(request: HttpRequest, event_id: int) -> HttpResponse:
    """Mark that I met someone at the event (one of those expected, or anyone named)."""
    values = {"person": request.POST.get("person", "").strip(), "status": "met"}
    return directory_views.part_change(
        PAGES,
        request,
        event_id,
        journal_events.resolve_event,
        values,
        lambda member, found: journal_events.mark_met(
            member, found, [person_ref(request.POST, values["person"])]
        ),
        {"people": "person"},
    )


@require_POST
def event_attendance(request: HttpRequest, event_id: int) -> HttpResponse:
    """Note that a person will be there ("expected") or that I met them there ("met")."""
    values = kit.posted_values(request, ("person", "status"))
    return directory_views.part_change(
        PAGES,
        request,
        event_id,
        journal_events.resolve_event,
        values,
        lambda member, found: journal_events.set_attendance(
            member, found, person_ref(request.POST, values["person"]), values["status"]
        ),
    )


@require_POST
def event_attendance_remove(request: HttpRequest, event_id: int) -> HttpResponse:
    """Forget that a person was expected at, or met at, the event."""
    values = {"person": request.POST.get("person", "").strip(), "status": "expected"}
    return directory_views.part_change(
        PAGES,
        request,
        event_id,
        journal_events.resolve_event,
        values,
        lambda member, found: journal_events.remove_attendance(member, found, values["person"]),
        {"attendance": "form"},
    )


def _event_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The edit form filled with the event as it is."""
    organiser = data["organiser"]
    return {
        "name": data["name"],
        "kind": data["kind"],
        "starts": data["starts"] or "",
        "ends": data["ends"] or "",
        "place": data["place"],
        "organiser": organiser["name"] if organiser else "",
        "cost": f"{data['cost']} {data['currency']}" if data["cost"] is not None else "",
        "hours": data["hours"] or "",
        "note": data["notes"],
        "attendee": "",
    }


@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    """Change an event's facts; an emptied field is cleared, one not sent is kept."""
    return directory_views.edit_page(
        PAGES,
        request,
        event_id,
        _event_values,
        lambda member, posted: journal_events.edit_event(
            member,
            event_id,
            name=posted["name"],
            kind=posted["kind"] or None,
            starts=posted["starts"],
            ends=posted["ends"],
            place=posted["place"],
            organiser=posted["organiser"],
            cost=posted["cost"],
            hours=posted["hours"],
            note=posted["note"],
        ),
    )


@require_http_methods(["GET", "POST"])
def event_delete(request: HttpRequest, event_id: int) -> HttpResponse:
    """Ask first (GET), then delete (POST) the event and its attendance."""
    return directory_views.delete_page(
        PAGES,
        request,
        event_id,
        journal_events.delete_event,
        statement=_("This deletes the event “%(name)s” for good."),
        consequence=_(
            "Who was expected and whom you met there is forgotten; the conversations "
            "there stay, without the event."
        ),
    )
