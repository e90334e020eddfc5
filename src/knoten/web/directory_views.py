"""The directory's pages: organisations, events and projects, each a list, a detail page
and forms to add, edit and delete them.

Thin views over :mod:`knoten.people.services` and :mod:`knoten.journal`, the
same functions as the command line and the API: no rule is written a second time here.
A bad value comes back as the page with the message next to its field (status 400),
and nothing is saved; an id of another network's row is a 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knoten.core.errors import Ambiguous, InvalidInput, KnotenError, NotFound
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.core.words import Word
from knoten.journal import events as journal_events
from knoten.journal import projects as journal_projects
from knoten.journal import vocabulary as journal_words
from knoten.people import organisations as organisation_rules
from knoten.people import vocabulary as people_words
from knoten.profiles import event as event_profile
from knoten.profiles import organisation as organisation_page
from knoten.web.picking import person_ref
from knoten.web.views import _is_fragment_request, _member, _page_number

PAGE_SIZE = 50
# The form fields (and the domain's field names) that name a person.
PERSON_FIELDS = ("person", "attendee", "participant", "participants")

T = TypeVar("T")


# --- helpers: what every page here does the same way ----------------------------------


def _label(words: Sequence[Word], code: str) -> str:
    """A vocabulary word in the page's language (German or English)."""
    german = (translation.get_language() or "").startswith("de")
    for word in words:
        if word.code == code:
            return word.de if german else word.en
    return code


def _options(words: Sequence[Word]) -> list[tuple[str, str]]:
    return [(word.code, _label(words, word.code)) for word in words]


def shown_date(value: str | dt.date | PartialDate | None) -> str:
    """A date or partial date (``2024``, ``2024-05``, ``--03-14``) in the user's locale."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    partial = value if isinstance(value, PartialDate) else PartialDate.parse_iso(value)
    if partial.year is None:
        assert partial.month is not None and partial.day is not None
        return formats.date_format(dt.date(2000, partial.month, partial.day), "MONTH_DAY_FORMAT")
    if partial.month is None:
        return str(partial.year)
    if partial.day is None:
        return formats.date_format(dt.date(partial.year, partial.month, 1), "YEAR_MONTH_FORMAT")
    return formats.date_format(dt.date(partial.year, partial.month, partial.day), "DATE_FORMAT")


def _number(value: str | None) -> str:
    """A stored decimal ("1234.50") in the user's locale ("1,234.50", "1.234,50")."""
    if value is None:
        return ""
    return formats.number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)


def _window(page: int) -> dict[str, int]:
    """The ``limit`` and ``offset`` of a page: one row more, to know whether a next exists."""
    return {"limit": PAGE_SIZE + 1, "offset": (page - 1) * PAGE_SIZE}


def _page(rows: Sequence[T], page: int) -> tuple[list[T], int | None, int | None]:
    """The page's rows (of one more fetched), with the previous and next page numbers."""
    more = len(rows) > PAGE_SIZE
    return list(rows[:PAGE_SIZE]), (page - 1 if page > 1 else None), (page + 1 if more else None)


def _errors(
    problem: KnotenError, fields: Sequence[str], aliases: Mapping[str, str]
) -> dict[str, str]:
    """The message of a domain error, keyed by the form field it is about (or "form")."""
    if isinstance(problem, InvalidInput):
        field, message = problem.field, problem.reason or str(problem)
        if problem.value not in ("", None):
            shown = str(problem.value)
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            message = f"“{shown}” {message}"
    elif isinstance(problem, NotFound):
        field = problem.what
        if field in PERSON_FIELDS:
            message = _("No one in your network matches “%(query)s”.") % {"query": problem.query}
        else:
            message = _("Nothing in your network matches “%(query)s”.") % {"query": problem.query}
    elif isinstance(problem, Ambiguous):
        field = problem.what
        message = _("“%(query)s” matches several; be more precise or give one of: %(list)s") % {
            "query": problem.query,
            "list": "; ".join(problem.candidates),
        }
    else:
        field, message = "", str(problem)
    field = aliases.get(field, field)
    return {field if field in fields else "form": message}


def _values(request: HttpRequest, fields: Sequence[str]) -> dict[str, str]:
    return {name: request.POST.get(name, "").strip() for name in fields}


def _person_ref(request: HttpRequest, typed: str) -> str:
    return person_ref(request.POST, typed)


def _posted(request: HttpRequest, fields: Sequence[str]) -> dict[str, str | None]:
    """What an edit form sent: a field it did not send is None (left as it is)."""
    return {name: request.POST[name].strip() if name in request.POST else None for name in fields}


def _shown_values(posted: Mapping[str, str | None], current: Mapping[str, str]) -> dict[str, str]:
    """The edit form again: what was sent, and the current value where nothing was."""
    return {name: current[name] if value is None else value for name, value in posted.items()}


def _attempt(
    action: Callable[[], T], fields: Sequence[str], aliases: Mapping[str, str] | None = None
) -> tuple[T | None, dict[str, str]]:
    """Run one domain call in a transaction; a domain error rolls it all back."""
    try:
        with transaction.atomic():
            return action(), {}
    except KnotenError as problem:
        return None, _errors(problem, fields, aliases or {})


def _wants_part(request: HttpRequest, part: str) -> bool:
    """Whether htmx asked for the element ``#part`` only (not a boosted or restored page)."""
    htmx = getattr(request, "htmx", None)
    return _is_fragment_request(request) and htmx is not None and htmx.target == part


def _not_found() -> Http404:
    return Http404(_("There is no such page in your network."))


def _page_response(
    request: HttpRequest, template: str, context: dict[str, Any], errors: Mapping[str, str]
) -> HttpResponse:
    return render(request, template, context, status=400 if errors else 200)


# --- organisations ----------------------------------------------------------------------

ORGANISATION_FIELDS = ("name", "kind", "industry", "website", "note")


@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    """The network's organisations by name, filtered by name and kind, a page at a time."""
    member = _member(request)
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "").strip()
    page = _page_number(request.GET.get("page"))
    error = ""
    rows: list[dict[str, Any]] = []
    previous_page = next_page = None
    try:
        found = organisation_rules.list_organisations(
            member, kind=kind or None, query=query or None, **_window(page)
        )
    except KnotenError as problem:
        error = str(problem)
    else:
        shown, previous_page, next_page = _page(found, page)
        rows = [organisation_rules.organisation_row(o) for o in shown]
        for row in rows:
            row["kind_label"] = _label(people_words.ORGANISATION_KINDS, row["kind"])
    context: dict[str, Any] = {
        "member": member,
        "query": query,
        "kind": kind,
        "kinds": _options(people_words.ORGANISATION_KINDS),
        "rows": rows,
        "page": page,
        "previous_page": previous_page,
        "next_page": next_page,
        "error": error,
    }
    template = "web/organisations.html"
    if _wants_part(request, "results"):
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _organisation_form(
    request: HttpRequest,
    member: Member,
    values: dict[str, str],
    errors: dict[str, str],
    organisation: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        "member": member,
        "values": values,
        "errors": errors,
        "kinds": _options(people_words.ORGANISATION_KINDS),
        "organisation": organisation,
    }
    return _page_response(request, "web/organisation_form.html", context, errors)


@require_http_methods(["GET", "POST"])
def organisation_add(request: HttpRequest) -> HttpResponse:
    """Add an organisation: a name and a kind; industry, website and a note if known."""
    member = _member(request)
    if request.method != "POST":
        values = dict.fromkeys(ORGANISATION_FIELDS, "")
        values["kind"] = "company"
        return _organisation_form(request, member, values, {})
    values = _values(request, ORGANISATION_FIELDS)
    organisation, errors = _attempt(
        lambda: organisation_rules.add_organisation(
            member,
            values["name"],
            kind=values["kind"] or None,
            industry=values["industry"],
            website=values["website"],
            note=values["note"],
        ),
        ORGANISATION_FIELDS,
    )
    if organisation is None:
        return _organisation_form(request, member, values, errors)
    return redirect(reverse("web:organisation", kwargs={"organisation_id": organisation.pk}))


def _organisation_detail(member: Member, organisation_id: int) -> dict[str, Any]:
    try:
        data = organisation_page.organisation_detail(member, organisation_id)
    except NotFound:
        raise _not_found() from None
    data["kind_label"] = _label(people_words.ORGANISATION_KINDS, data["kind"])
    for affiliation in (*data["current"], *data["former"]):
        affiliation["kind_label"] = _label(people_words.AFFILIATION_KINDS, affiliation["kind"])
        affiliation["start_shown"] = shown_date(affiliation["start"])
        affiliation["end_shown"] = shown_date(affiliation["end"])
    for event in data["events"]:
        event["starts_shown"] = shown_date(event["starts_on"])
    for project in data["projects"]:
        project["status_label"] = _label(journal_words.PROJECT_STATUSES, project["status"])
    return data


@require_GET
def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """One organisation: its facts, its people (current and former), events and projects."""
    member = _member(request)
    data = _organisation_detail(member, organisation_id)
    return render(request, "web/organisation.html", {"member": member, "organisation": data})


@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Change an organisation's name, kind, industry, website or note."""
    member = _member(request)
    data = _organisation_detail(member, organisation_id)
    current = {
        "name": data["name"],
        "kind": data["kind"],
        "industry": data["industry"],
        "website": data["website"],
        "note": data["notes"],
    }
    if request.method != "POST":
        return _organisation_form(request, member, current, {}, data)
    posted = _posted(request, ORGANISATION_FIELDS)
    _done, errors = _attempt(
        lambda: organisation_rules.edit_organisation(
            member,
            organisation_id,
            name=posted["name"],
            kind=posted["kind"] or None,
            industry=posted["industry"],
            website=posted["website"],
            note=posted["note"],
        ),
        ORGANISATION_FIELDS,
    )
    if errors:
        values = _shown_values(posted, current)
        return _organisation_form(request, member, values, errors, data)
    return redirect(reverse("web:organisation", kwargs={"organisation_id": organisation_id}))


def _confirm_delete(
    request: HttpRequest,
    member: Member,
    *,
    name: str,
    statement: str,
    consequence: str,
    back: str,
    error: str = "",
) -> HttpResponse:
    context = {
        "member": member,
        "name": name,
        "statement": statement,
        "consequence": consequence,
        "back": back,
        "error": error,
    }
    return render(request, "web/directory/delete.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
def organisation_delete(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Ask first (GET), then delete (POST) the organisation and its affiliations."""
    member = _member(request)
    data = _organisation_detail(member, organisation_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        _done, errors = _attempt(
            lambda: organisation_rules.delete_organisation(member, organisation_id), ()
        )
        if not errors:
            return redirect("web:organisations")
    return _confirm_delete(
        request,
        member,
        name=data["name"],
        statement=_("This deletes the organisation “%(name)s” for good.") % {"name": data["name"]},
        consequence=_(
            "Its people stay, without their jobs and memberships there; its events and "
            "projects stay, without it."
        ),
        back=reverse("web:organisation", kwargs={"organisation_id": organisation_id}),
        error=errors.get("form", ""),
    )


# --- events ----------------------------------------------------------------------------

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
ATTENDANCE_FIELDS = ("person", "status")
ATTENDANCE_STATUSES = ("expected", "met")


def _event_row(event: Any) -> dict[str, Any]:
    return {
        "id": event.pk,
        "name": event.name,
        "kind_label": _label(journal_words.EVENT_KINDS, event.kind),
        "starts_shown": shown_date(event.starts_on),
        "ends_shown": shown_date(event.ends_on),
        "place": event.place,
        "organiser": event.organiser.name if event.organiser_id else "",
    }


@require_GET
def events(request: HttpRequest) -> HttpResponse:
    """Events still to come (soonest first) or past ones (latest first), paged."""
    member = _member(request)
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    page = _page_number(request.GET.get("page"))
    found = journal_events.list_events(member, upcoming=when == "upcoming", **_window(page))
    shown, previous_page, next_page = _page(found, page)
    context: dict[str, Any] = {
        "member": member,
        "when": when,
        "rows": [_event_row(event) for event in shown],
        "page": page,
        "previous_page": previous_page,
        "next_page": next_page,
    }
    template = "web/events.html"
    if _wants_part(request, "results"):
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _event_form(
    request: HttpRequest,
    member: Member,
    values: dict[str, str],
    errors: dict[str, str],
    event: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        "member": member,
        "values": values,
        "errors": errors,
        "kinds": _options(journal_words.EVENT_KINDS),
        "event": event,
    }
    return _page_response(request, "web/event_form.html", context, errors)


@require_http_methods(["GET", "POST"])
def event_add(request: HttpRequest) -> HttpResponse:
    """Add an event: a name; its kind, dates, place, organiser, cost and who will be there."""
    member = _member(request)
    if request.method != "POST":
        values = dict.fromkeys(EVENT_FIELDS, "")
        values["kind"] = "meetup"
        return _event_form(request, member, values, {})
    values = _values(request, EVENT_FIELDS)
    event, errors = _attempt(
        lambda: journal_events.add_event(
            member,
            values["name"],
            kind=values["kind"] or "meetup",
            starts=values["starts"] or None,
            ends=values["ends"] or None,
            place=values["place"],
            organiser=values["organiser"] or None,
            cost=values["cost"] or None,
            hours=values["hours"] or None,
            note=values["note"],
            attendees=[_person_ref(request, values["attendee"])] if values["attendee"] else [],
        ),
        EVENT_FIELDS,
    )
    if event is None:
        return _event_form(request, member, values, errors)
    return redirect(reverse("web:event", kwargs={"event_id": event.pk}))


def _event_detail(member: Member, event_id: int) -> dict[str, Any]:
    try:
        data = event_profile.event_detail(member, event_id)
    except NotFound:
        raise _not_found() from None
    data["kind_label"] = _label(journal_words.EVENT_KINDS, data["kind"])
    data["starts_shown"] = shown_date(data["starts"])
    data["ends_shown"] = shown_date(data["ends"])
    data["cost_shown"] = _number(data["cost"])
    data["hours_shown"] = _number(data["hours"])
    for interaction in data["interactions"]:
        interaction["date_shown"] = shown_date(interaction["date"])
    return data


def _event_page(
    request: HttpRequest,
    member: Member,
    event_id: int,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
) -> HttpResponse:
    errors = errors or {}
    context = {
        "member": member,
        "event": _event_detail(member, event_id),
        "values": values or {"person": "", "status": "expected"},
        "errors": errors,
        "statuses": [("expected", _("expected there")), ("met", _("met there"))],
    }
    template = "web/event.html"
    if _wants_part(request, "attendance"):
        template += "#attendance"
    response = _page_response(request, template, context, errors)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_GET
def event(request: HttpRequest, event_id: int) -> HttpResponse:
    """One event: its facts, who will be (or was) there, whom I met, the conversations."""
    member = _member(request)
    return _event_page(request, member, event_id)


def _event_or_404(member: Member, event_id: int) -> Any:
    try:
        return journal_events.resolve_event(member, event_id)
    except NotFound:
        raise _not_found() from None


def _back_to_event(request: HttpRequest, member: Member, event_id: int) -> HttpResponse:
    if _wants_part(request, "attendance"):
        return _event_page(request, member, event_id)
    return redirect(reverse("web:event", kwargs={"event_id": event_id}) + "#attendance")


@require_POST
def event_met(request: HttpRequest, event_id: int) -> HttpResponse:
    """Mark that I met someone at the event (one of those expected, or anyone named)."""
    member = _member(request)
    found = _event_or_404(member, event_id)
    values = {"person": request.POST.get("person", "").strip(), "status": "met"}
    _done, errors = _attempt(
        lambda: journal_events.mark_met(member, found, [_person_ref(request, values["person"])]),
        ATTENDANCE_FIELDS,
        {"people": "person"},
    )
    if errors:
        return _event_page(request, member, event_id, values, errors)
    return _back_to_event(request, member, event_id)


@require_POST
def event_attendance(request: HttpRequest, event_id: int) -> HttpResponse:
    """Note that a person will be there ("expected") or that I met them there ("met")."""
    member = _member(request)
    found = _event_or_404(member, event_id)
    values = _values(request, ATTENDANCE_FIELDS)
    _done, errors = _attempt(
        lambda: journal_events.set_attendance(
            member, found, _person_ref(request, values["person"]), values["status"]
        ),
        ATTENDANCE_FIELDS,
    )
    if errors:
        return _event_page(request, member, event_id, values, errors)
    return _back_to_event(request, member, event_id)


@require_POST
def event_attendance_remove(request: HttpRequest, event_id: int) -> HttpResponse:
    """Forget that a person was expected at, or met at, the event."""
    member = _member(request)
    found = _event_or_404(member, event_id)
    values = {"person": request.POST.get("person", "").strip(), "status": "expected"}
    _done, errors = _attempt(
        lambda: journal_events.remove_attendance(member, found, values["person"]),
        ATTENDANCE_FIELDS,
        {"attendance": "form"},
    )
    if errors:
        return _event_page(request, member, event_id, values, errors)
    return _back_to_event(request, member, event_id)


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
    member = _member(request)
    data = _event_detail(member, event_id)
    current = _event_values(data)
    if request.method != "POST":
        return _event_form(request, member, current, {}, data)
    posted = _posted(request, EVENT_FIELDS)
    _done, errors = _attempt(
        lambda: journal_events.edit_event(
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
        EVENT_FIELDS,
    )
    if errors:
        return _event_form(request, member, _shown_values(posted, current), errors, data)
    return redirect(reverse("web:event", kwargs={"event_id": event_id}))


@require_http_methods(["GET", "POST"])
def event_delete(request: HttpRequest, event_id: int) -> HttpResponse:
    """Ask first (GET), then delete (POST) the event and its attendance."""
    member = _member(request)
    data = _event_detail(member, event_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        _done, errors = _attempt(lambda: journal_events.delete_event(member, event_id), ())
        if not errors:
            return redirect("web:events")
    return _confirm_delete(
        request,
        member,
        name=data["name"],
        statement=_("This deletes the event “%(name)s” for good.") % {"name": data["name"]},
        consequence=_(
            "Who was expected and whom you met there is forgotten; the conversations "
            "there stay, without the event."
        ),
        back=reverse("web:event", kwargs={"event_id": event_id}),
        error=errors.get("form", ""),
    )


# --- projects --------------------------------------------------------------------------

PROJECT_FIELDS = (
    "name",
    "status",
    "organisation",
    "starts",
    "ends",
    "description",
    "participant",
    "role",
)
ROLE_FIELDS = ("person", "role")


def _project_row(project: Any) -> dict[str, Any]:
    return {
        "id": project.pk,
        "name": project.name,
        "status_label": _label(journal_words.PROJECT_STATUSES, project.status),
        "organisation": project.organisation.name if project.organisation_id else "",
        "starts_shown": shown_date(project.starts_on),
        "ends_shown": shown_date(project.ends_on),
        "people": len(project.roles.all()),
    }


@require_GET
def projects(request: HttpRequest) -> HttpResponse:
    """The network's projects by name, all or of one status, a page at a time."""
    member = _member(request)
    status = request.GET.get("status", "").strip()
    page = _page_number(request.GET.get("page"))
    error = ""
    rows: list[dict[str, Any]] = []
    previous_page = next_page = None
    try:
        found = journal_projects.list_projects(member, status=status or None, **_window(page))
    except KnotenError as problem:
        error = str(problem)
    else:
        shown, previous_page, next_page = _page(found, page)
        rows = [_project_row(project) for project in shown]
    context: dict[str, Any] = {
        "member": member,
        "status": status,
        "statuses": _options(journal_words.PROJECT_STATUSES),
        "rows": rows,
        "page": page,
        "previous_page": previous_page,
        "next_page": next_page,
        "error": error,
    }
    template = "web/projects.html"
    if _wants_part(request, "results"):
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _project_form(
    request: HttpRequest,
    member: Member,
    values: dict[str, str],
    errors: dict[str, str],
    project: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        "member": member,
        "values": values,
        "errors": errors,
        "statuses": _options(journal_words.PROJECT_STATUSES),
        "project": project,
    }
    return _page_response(request, "web/project_form.html", context, errors)


@require_http_methods(["GET", "POST"])
def project_add(request: HttpRequest) -> HttpResponse:
    """Add a project: a name and status; its organisation, dates, and a first person."""
    member = _member(request)
    if request.method != "POST":
        values = dict.fromkeys(PROJECT_FIELDS, "")
        values["status"] = "ongoing"
        return _project_form(request, member, values, {})
    values = _values(request, PROJECT_FIELDS)
    errors: dict[str, str] = {}
    if values["role"] and not values["participant"]:
        errors["participant"] = _("Name the person who has this role.")
        return _project_form(request, member, values, errors)
    participant = _person_ref(request, values["participant"])
    if participant and "=" in participant:
        errors["participant"] = _("A name cannot contain “=”.")
        return _project_form(request, member, values, errors)
    entry = f"{participant}={values['role']}" if values["role"] else participant
    project, errors = _attempt(
        lambda: journal_projects.add_project(
            member,
            values["name"],
            status=values["status"] or "ongoing",
            organisation=values["organisation"] or None,
            starts=values["starts"] or None,
            ends=values["ends"] or None,
            description=values["description"],
            participants=[entry] if participant else [],
        ),
        PROJECT_FIELDS,
        {"participants": "participant"},
    )
    if project is None:
        return _project_form(request, member, values, errors)
    return redirect(reverse("web:project", kwargs={"project_id": project.pk}))


def _project_detail(member: Member, project_id: int) -> dict[str, Any]:
    try:
        data = journal_projects.project_detail(member, project_id)
    except NotFound:
        raise _not_found() from None
    data["status_label"] = _label(journal_words.PROJECT_STATUSES, data["status"])
    data["starts_shown"] = shown_date(data["starts"])
    data["ends_shown"] = shown_date(data["ends"])
    return data


def _project_page(
    request: HttpRequest,
    member: Member,
    project_id: int,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
) -> HttpResponse:
    errors = errors or {}
    context = {
        "member": member,
        "project": _project_detail(member, project_id),
        "values": values or dict.fromkeys(ROLE_FIELDS, ""),
        "errors": errors,
    }
    template = "web/project.html"
    if _wants_part(request, "roles"):
        template += "#roles"
    response = _page_response(request, template, context, errors)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_GET
def project(request: HttpRequest, project_id: int) -> HttpResponse:
    """One project: its facts and the people in it with their roles."""
    member = _member(request)
    return _project_page(request, member, project_id)


def _project_or_404(member: Member, project_id: int) -> Any:
    try:
        return journal_projects.resolve_project(member, project_id)
    except NotFound:
        raise _not_found() from None


def _back_to_project(request: HttpRequest, member: Member, project_id: int) -> HttpResponse:
    if _wants_part(request, "roles"):
        return _project_page(request, member, project_id)
    return redirect(reverse("web:project", kwargs={"project_id": project_id}) + "#roles")


@require_POST
def project_role(request: HttpRequest, project_id: int) -> HttpResponse:
    """Add a person to the project with a role, or change the role they have."""
    member = _member(request)
    found = _project_or_404(member, project_id)
    values = _values(request, ROLE_FIELDS)
    _done, errors = _attempt(
        lambda: journal_projects.set_project_role(
            member, found, _person_ref(request, values["person"]), values["role"]
        ),
        ROLE_FIELDS,
    )
    if errors:
        return _project_page(request, member, project_id, values, errors)
    return _back_to_project(request, member, project_id)


@require_POST
def project_role_remove(request: HttpRequest, project_id: int) -> HttpResponse:
    """Take a person off the project."""
    member = _member(request)
    found = _project_or_404(member, project_id)
    values = {"person": request.POST.get("person", "").strip(), "role": ""}
    _done, errors = _attempt(
        lambda: journal_projects.remove_project_role(member, found, values["person"]),
        ROLE_FIELDS,
        {"role": "form"},
    )
    if errors:
        return _project_page(request, member, project_id, values, errors)
    return _back_to_project(request, member, project_id)


def _project_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The edit form filled with the project as it is."""
    organisation = data["organisation"]
    return {
        "name": data["name"],
        "status": data["status"],
        "organisation": organisation["name"] if organisation else "",
        "starts": data["starts"] or "",
        "ends": data["ends"] or "",
        "description": data["description"],
        "participant": "",
        "role": "",
    }


@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    """Change a project's facts; an emptied date or organisation is cleared, a field
    not sent is kept."""
    member = _member(request)
    data = _project_detail(member, project_id)
    current = _project_values(data)
    if request.method != "POST":
        return _project_form(request, member, current, {}, data)
    posted = _posted(request, PROJECT_FIELDS)
    _done, errors = _attempt(
        lambda: journal_projects.edit_project(
            member,
            project_id,
            name=posted["name"],
            status=posted["status"] or None,
            organisation=posted["organisation"],
            starts=posted["starts"],
            ends=posted["ends"],
            description=posted["description"],
        ),
        PROJECT_FIELDS,
    )
    if errors:
        return _project_form(request, member, _shown_values(posted, current), errors, data)
    return redirect(reverse("web:project", kwargs={"project_id": project_id}))


@require_http_methods(["GET", "POST"])
def project_delete(request: HttpRequest, project_id: int) -> HttpResponse:
    """Ask first (GET), then delete (POST) the project and its roles."""
    member = _member(request)
    data = _project_detail(member, project_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        _done, errors = _attempt(lambda: journal_projects.delete_project(member, project_id), ())
        if not errors:
            return redirect("web:projects")
    return _confirm_delete(
        request,
        member,
        name=data["name"],
        statement=_("This deletes the project “%(name)s” for good.") % {"name": data["name"]},
        consequence=_("Its people stay; only their roles in it are forgotten."),
        back=reverse("web:project", kwargs={"project_id": project_id}),
        error=errors.get("form", ""),
    )
