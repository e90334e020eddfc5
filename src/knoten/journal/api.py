"""The API's conversations, promises, events and projects.

Each operation is a thin call of :mod:`knoten.journal` as the request's member;
every list answers the page envelope of :mod:`knoten.api.paging`. An id of another
network is not found, exactly like an id that does not exist.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.api.kit import (
    DATE_IS_ON,
    DAY,
    DAY_OR_EMPTY,
    LOOKUP,
    NOT_BLANK,
    Input,
    Reference,
    Rule,
    Text,
    arguments,
    as_named,
    as_text,
    at_most,
    changes,
    words,
)
from knoten.api.paging import Limit, Offset, Page, page_from
from knoten.core.data import reference
from knoten.journal import conversations, events, projects, promises
from knoten.journal import vocabulary as v
from knoten.journal.conversations import MAX_MINUTES
from knoten.profiles import event as event_profile
from knoten.reciprocity.api import FavourOut
from knoten.reciprocity.services import favour_as_dict, log_with_favours
from knoten.reciprocity.vocabulary import FAVOUR_KINDS

router = Router()


# --- schemas ---------------------------------------------------------------------------


class PromiseOut(Schema):
    id: int
    text: str
    debtor: Reference
    creditor: Reference
    due: str | None
    done: bool
    done_on: str | None
    overdue: bool
    interaction: int | None


class InteractionOut(Schema):
    id: int
    date: str
    kind: str
    summary: str
    minutes: int | None
    place: str
    event: Reference | None
    private: bool
    author: Reference | None
    participants: list[Reference]
    promises: list[PromiseOut]


class InteractionIn(Input):
    summary: Annotated[Text, NOT_BLANK]
    participants: Annotated[list[Annotated[Text, LOOKUP] | int], Rule(minItems=1)]
    kind: Annotated[Text, words(v.INTERACTION_KINDS)] | None = (
        None  # a meeting (the domain's default)
    )
    date: Annotated[Text, DAY] | None = None
    minutes: Annotated[int, Rule(minimum=0, maximum=MAX_MINUTES)] | None = None
    event: str | int | None = None
    place: Annotated[Text, at_most(300)] = ""
    private: bool = False
    promises: list[str] = []
    expectations: list[str] = []
    # Favours done in the conversation, by kind: ``gave`` from me to the first
    # participant, ``got`` from the first participant to me.
    gave: list[Annotated[str, words(FAVOUR_KINDS)]] = []
    got: list[Annotated[str, words(FAVOUR_KINDS)]] = []


class InteractionLoggedOut(InteractionOut):
    """A conversation just logged, with the favours noted in it."""

    favours: list[FavourOut]


class InteractionPatch(Input):
    """What to change; a field left out stays. ``minutes`` or ``place`` null clears it."""

    summary: Annotated[Text, NOT_BLANK] | None = None
    date: Annotated[Text, DAY] | None = None
    kind: Annotated[Text, words(v.INTERACTION_KINDS)] | None = None
    minutes: Annotated[int, Rule(minimum=0, maximum=MAX_MINUTES)] | None = None
    place: Annotated[Text, at_most(300)] | None = None
    private: bool | None = None
    participants: list[str | int] | None = None


class InteractionFilter(Schema):
    person: Annotated[Text, LOOKUP] | None = None
    since: Annotated[Text, DAY_OR_EMPTY] | None = None
    until: Annotated[Text, DAY_OR_EMPTY] | None = None
    kind: Annotated[str, words(v.INTERACTION_KINDS, "")] | None = None
    limit: Limit = 50
    offset: Offset = 0


class PromiseIn(Input):
    """A promise between me and ``person``; ``text`` may end in "by DATE" without ``due``."""

    person: Annotated[Text, LOOKUP] | int
    text: Annotated[Text, NOT_BLANK, at_most(10_000)]
    due: Annotated[Text, DAY] | None = None
    owed_by_me: bool = True
    interaction: int | None = None


class PromisePatch(Input):
    """What to change; ``due`` null clears the due date."""

    text: Annotated[Text, NOT_BLANK, at_most(10_000)] | None = None
    due: Annotated[Text, DAY] | None = None
    owed_by_me: bool | None = None


class PromiseFilter(Schema):
    include_done: bool = False
    person: Annotated[Text, LOOKUP] | None = None
    owed_by_me: bool | None = None
    limit: Limit = 50
    offset: Offset = 0


class CompleteIn(Input):
    on: Annotated[Text, DAY] | None = None


class EventOut(Schema):
    id: int
    name: str
    kind: str
    starts: str | None
    ends: str | None
    place: str
    organiser: Reference | None
    cost: str | None
    currency: str
    hours: str | None
    notes: str


class EventDetailOut(EventOut):
    expected: list[Reference]
    met: list[Reference]
    interactions: list[InteractionOut]


class EventIn(Input):
    name: Annotated[Text, NOT_BLANK, at_most(300)]
    kind: Annotated[Text, words(v.EVENT_KINDS)] | None = None  # a meetup (the domain's default)
    starts: Annotated[Text, DAY] | None = None
    ends: Annotated[Text, DAY] | None = None
    place: Annotated[Text, at_most(300)] = ""
    organiser: str | int | None = None
    cost: str | Decimal | None = None
    hours: str | Decimal | None = None
    notes: Text | None = None
    attendees: list[str | int] = []


class EventPatch(Input):
    """What to change; null clears a date, the place, organiser, cost, hours or notes."""

    name: Annotated[Text, NOT_BLANK, at_most(300)] | None = None
    kind: Annotated[Text, words(v.EVENT_KINDS)] | None = None
    starts: Annotated[Text, DAY] | None = None
    ends: Annotated[Text, DAY] | None = None
    place: Annotated[Text, at_most(300)] | None = None
    organiser: str | int | None = None
    cost: str | Decimal | None = None
    hours: str | Decimal | None = None
    notes: Text | None = None


class EventFilter(Schema):
    upcoming: bool | None = None
    limit: Limit = 50
    offset: Offset = 0


class MetIn(Input):
    people: Annotated[list[Annotated[Text, LOOKUP] | int], Rule(minItems=1)]


class AttendanceIn(Input):
    status: Annotated[Text, Rule(enum=list(events.ATTENDANCE_WORDS))]


class AttendanceOut(Schema):
    event: int
    person: Reference
    status: str


class ProjectParticipant(Schema):
    id: int
    name: str
    role: str


class ProjectOut(Schema):
    id: int
    name: str
    status: str
    starts: str | None
    ends: str | None
    organisation: Reference | None
    description: str
    participants: list[ProjectParticipant]


class ProjectPatch(Input):
    """What to change; null clears a date or the organisation."""

    name: Annotated[Text, NOT_BLANK, at_most(300)] | None = None
    status: Annotated[Text, words(v.PROJECT_STATUSES)] | None = (
        None  # a new project: ongoing (the domain's default)
    )
    starts: Annotated[Text, DAY] | None = None
    ends: Annotated[Text, DAY] | None = None
    organisation: str | int | None = None
    description: str | None = None


# A new project: what a change may give, a name it must, and its participants. (Comments,
# not docstrings: the schema's description would change.)
class ProjectIn(ProjectPatch):
    name: Annotated[Text, NOT_BLANK, at_most(300)]
    participants: list[str] = []


class ProjectFilter(Schema):
    status: Annotated[str, words(v.PROJECT_STATUSES, "")] | None = None
    limit: Limit = 50
    offset: Offset = 0


class RoleIn(Input):
    role: Annotated[Text, at_most(200)] = ""


class RoleOut(Schema):
    project: int
    person: Reference
    role: str


# --- interactions ----------------------------------------------------------------------


@router.get("/interactions", response=Page[InteractionOut])
def list_interactions(request: HttpRequest, filters: Query[InteractionFilter]) -> dict[str, Any]:
    """Conversations newest first: with a person, between two days, of a kind."""
    return page_from(
        filters,
        conversations.list_interactions,
        conversations.interaction_as_dict,
        actor(request),
        person=filters.person,
        since=filters.since,
        until=filters.until,
        kind=filters.kind,
    )


@router.post("/interactions", response={201: InteractionLoggedOut})
def create_interaction(request: HttpRequest, payload: InteractionIn) -> Status[dict[str, Any]]:
    """Write down a conversation with the promises made in it ("TEXT by DATE") and the
    favours done in it (``gave``, ``got``: their kinds)."""
    with as_named(DATE_IS_ON):
        interaction, favours = log_with_favours(
            actor(request),
            payload.summary,
            gave=payload.gave,
            got=payload.got,
            participants=[str(p) for p in payload.participants],
            kind=payload.kind,
            on=payload.date,
            minutes=payload.minutes,
            event=as_text(payload.event),
            place=payload.place,
            private=payload.private,
            promises=payload.promises,
            expectations=payload.expectations,
        )
    data = conversations.interaction_as_dict(interaction)
    return Status(201, {**data, "favours": [favour_as_dict(favour) for favour in favours]})


@router.get("/interactions/{interaction_id}", response=InteractionOut)
def read_interaction(request: HttpRequest, interaction_id: int) -> dict[str, Any]:
    """One conversation with its participants and promises."""
    return conversations.interaction_detail(actor(request), interaction_id)


@router.patch("/interactions/{interaction_id}", response=InteractionOut)
def update_interaction(
    request: HttpRequest, interaction_id: int, payload: InteractionPatch
) -> dict[str, Any]:
    """Change a conversation; only its author may. ``participants`` replaces the list."""
    sent = changes(payload, {"minutes", "place"}, renamed=DATE_IS_ON)
    if "participants" in sent:
        sent["participants"] = [str(p) for p in sent["participants"]]
    with as_named(DATE_IS_ON):
        return conversations.interaction_as_dict(
            conversations.edit_interaction(actor(request), interaction_id, **sent)
        )


@router.delete("/interactions/{interaction_id}", response={204: None})
def delete_interaction(request: HttpRequest, interaction_id: int) -> Status[None]:
    """Delete a conversation and the promises made in it; only its author may."""
    conversations.delete_interaction(actor(request), interaction_id)
    return Status(204, None)


# --- promises --------------------------------------------------------------------------


@router.get("/promises", response=Page[PromiseOut])
def list_promises(request: HttpRequest, filters: Query[PromiseFilter]) -> dict[str, Any]:
    """Promises by due date, open ones only unless ``include_done``."""
    return page_from(
        filters,
        promises.list_promises,
        promises.promise_as_dict,
        actor(request),
        open_only=not filters.include_done,
        person=filters.person,
        owed_by_me=filters.owed_by_me,
    )


@router.post("/promises", response={201: PromiseOut})
def create_promise(request: HttpRequest, payload: PromiseIn) -> Status[dict[str, Any]]:
    """A promise owed by me to ``person`` (or, ``owed_by_me: false``, by them to me)."""
    promise = promises.add_promise(actor(request), **arguments(payload, {"person"}))
    return Status(201, promises.promise_as_dict(promise))


@router.get("/promises/{promise_id}", response=PromiseOut)
def read_promise(request: HttpRequest, promise_id: int) -> dict[str, Any]:
    """One promise."""
    return promises.promise_detail(actor(request), promise_id)


@router.patch("/promises/{promise_id}", response=PromiseOut)
def update_promise(request: HttpRequest, promise_id: int, payload: PromisePatch) -> dict[str, Any]:
    """Change a promise's text, due date or direction."""
    sent = changes(payload, {"due"})
    return promises.promise_as_dict(promises.edit_promise(actor(request), promise_id, **sent))


@router.delete("/promises/{promise_id}", response={204: None})
def delete_promise(request: HttpRequest, promise_id: int) -> Status[None]:
    """Delete a promise."""
    promises.delete_promise(actor(request), promise_id)
    return Status(204, None)


@router.post("/promises/{promise_id}/complete", response=PromiseOut)
def complete_promise(request: HttpRequest, promise_id: int, payload: CompleteIn) -> dict[str, Any]:
    """Mark a promise as kept (today, or ``on``)."""
    return promises.promise_as_dict(
        promises.complete_promise(actor(request), promise_id, on=payload.on)
    )


@router.post("/promises/{promise_id}/reopen", response=PromiseOut)
def reopen_promise(request: HttpRequest, promise_id: int) -> dict[str, Any]:
    """Mark a kept promise as open again."""
    return promises.promise_as_dict(promises.reopen_promise(actor(request), promise_id))


# --- events ----------------------------------------------------------------------------


@router.get("/events", response=Page[EventOut])
def list_events(request: HttpRequest, filters: Query[EventFilter]) -> dict[str, Any]:
    """Events by date; ``upcoming`` true keeps those still to come, false past ones."""
    return page_from(
        filters, events.list_events, events.event_as_dict, actor(request), upcoming=filters.upcoming
    )


@router.post("/events", response={201: EventDetailOut})
def create_event(request: HttpRequest, payload: EventIn) -> Status[dict[str, Any]]:
    """A new event with the people expected there; a new organiser name is created."""
    member = actor(request)
    event = events.add_event(
        member,
        payload.name,
        kind=payload.kind,
        starts=payload.starts,
        ends=payload.ends,
        place=payload.place,
        organiser=as_text(payload.organiser),
        cost=payload.cost,
        hours=payload.hours,
        note=payload.notes,
        attendees=[str(p) for p in payload.attendees],
    )
    return Status(201, event_profile.event_detail(member, event))


@router.get("/events/{event_id}", response=EventDetailOut)
def read_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """An event: who is expected, whom I met, and the conversations there."""
    return event_profile.event_detail(actor(request), event_id)


@router.patch("/events/{event_id}", response=EventDetailOut)
def update_event(request: HttpRequest, event_id: int, payload: EventPatch) -> dict[str, Any]:
    """Change an event; a cost without a currency keeps the event's currency."""
    member = actor(request)
    clearable = {"starts", "ends", "place", "organiser", "cost", "hours", "note"}
    sent = changes(payload, clearable, ids={"organiser"})
    event = events.edit_event(member, event_id, **sent)
    return event_profile.event_detail(member, event)


@router.delete("/events/{event_id}", response={204: None})
def delete_event(request: HttpRequest, event_id: int) -> Status[None]:
    """Delete an event and its attendance; the conversations there stay."""
    events.delete_event(actor(request), event_id)
    return Status(204, None)


@router.post("/events/{event_id}/met", response=EventDetailOut)
def mark_met(request: HttpRequest, event_id: int, payload: MetIn) -> dict[str, Any]:
    """Record that I met these people at the event."""
    member = actor(request)
    events.mark_met(member, event_id, [str(p) for p in payload.people])
    return event_profile.event_detail(member, event_id)


@router.put("/events/{event_id}/attendance/{person_id}", response=AttendanceOut)
def set_attendance(
    request: HttpRequest, event_id: int, person_id: int, payload: AttendanceIn
) -> dict[str, Any]:
    """Set a person's attendance: ``expected`` or ``met``."""
    attendance = events.set_attendance(actor(request), event_id, person_id, payload.status)
    return {
        "event": attendance.event_id,
        "person": reference(attendance.person),
        "status": attendance.status,
    }


@router.delete("/events/{event_id}/attendance/{person_id}", response={204: None})
def remove_attendance(request: HttpRequest, event_id: int, person_id: int) -> Status[None]:
    """Forget a person's attendance at the event."""
    events.remove_attendance(actor(request), event_id, person_id)
    return Status(204, None)


# --- projects --------------------------------------------------------------------------


@router.get("/projects", response=Page[ProjectOut])
def list_projects(request: HttpRequest, filters: Query[ProjectFilter]) -> dict[str, Any]:
    """Projects by name, all or those of one ``status`` (English or German)."""
    return page_from(
        filters,
        projects.list_projects,
        projects.project_as_dict,
        actor(request),
        status=filters.status,
    )


@router.post("/projects", response={201: ProjectOut})
def create_project(request: HttpRequest, payload: ProjectIn) -> Status[dict[str, Any]]:
    """A new project; each participant is "PERSON" or "PERSON=ROLE"."""
    project = projects.add_project(actor(request), **arguments(payload, {"organisation"}))
    return Status(201, projects.project_as_dict(project))


@router.get("/projects/{project_id}", response=ProjectOut)
def read_project(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """A project with its participants and their roles."""
    return projects.project_detail(actor(request), project_id)


@router.patch("/projects/{project_id}", response=ProjectOut)
def update_project(request: HttpRequest, project_id: int, payload: ProjectPatch) -> dict[str, Any]:
    """Change a project."""
    sent = changes(payload, {"starts", "ends", "organisation", "description"}, ids={"organisation"})
    return projects.project_as_dict(projects.edit_project(actor(request), project_id, **sent))


@router.delete("/projects/{project_id}", response={204: None})
def delete_project(request: HttpRequest, project_id: int) -> Status[None]:
    """Delete a project and its roles."""
    projects.delete_project(actor(request), project_id)
    return Status(204, None)


@router.put("/projects/{project_id}/roles/{person_id}", response=RoleOut)
def set_project_role(
    request: HttpRequest, project_id: int, person_id: int, payload: RoleIn
) -> dict[str, Any]:
    """Add a person to the project, or change their role."""
    entry = projects.set_project_role(actor(request), project_id, person_id, payload.role)
    return {
        "project": entry.project_id,
        "person": reference(entry.person),
        "role": entry.role,
    }


@router.delete("/projects/{project_id}/roles/{person_id}", response={204: None})
def remove_project_role(request: HttpRequest, project_id: int, person_id: int) -> Status[None]:
    """Take a person off the project."""
    projects.remove_project_role(actor(request), project_id, person_id)
    return Status(204, None)
