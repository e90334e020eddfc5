"""The projects' pages: the list, one project with its people and their roles, and forms
to add, edit and delete one and to give a person a role in it.

Thin views over :mod:`knoten.journal.projects`, the same functions as the command line
and the API, built on :mod:`knoten.web.kit`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knoten.core.models import Member
from knoten.journal import projects as journal_projects
from knoten.journal import vocabulary as journal_words
from knoten.journal.models import Project
from knoten.web import directory_views, kit
from knoten.web.picking import person_ref

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
ROLES = "roles"  # the part of the project's page with its people


def _project_detail(member: Member, project_id: int) -> dict[str, Any]:
    data = kit.detail_or_404(lambda: journal_projects.project_detail(member, project_id))
    data["status_label"] = kit.label(journal_words.PROJECT_STATUSES, data["status"])
    data["starts_shown"] = kit.shown_date(data["starts"])
    data["ends_shown"] = kit.shown_date(data["ends"])
    return data


PAGES = kit.RecordPages(
    noun="project",
    fields=PROJECT_FIELDS,
    choices=lambda: {"statuses": kit.options(journal_words.PROJECT_STATUSES)},
    detail=_project_detail,
    part=ROLES,
    part_values=dict.fromkeys(ROLE_FIELDS, ""),
)


def _project_row(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "name": project.name,
        "status_label": kit.label(journal_words.PROJECT_STATUSES, project.status),
        "organisation": project.organisation.name if project.organisation is not None else "",
        "starts_shown": kit.shown_date(project.starts_on),
        "ends_shown": kit.shown_date(project.ends_on),
        "people": len(project.roles.all()),
    }


@require_GET
def projects(request: HttpRequest) -> HttpResponse:
    """The network's projects by name, all or of one status, a page at a time."""
    member = kit.current_member(request)
    status = request.GET.get("status", "").strip()
    listed, error = kit.list_page_or_error(
        lambda limit, offset: journal_projects.list_projects(
            member, status=status or None, limit=limit, offset=offset
        ),
        kit.page_number(request.GET.get("page")),
    )
    context: dict[str, Any] = {
        "member": member,
        "status": status,
        "statuses": kit.options(journal_words.PROJECT_STATUSES),
        "rows": [_project_row(project) for project in listed.rows],
        **listed.context(),
        "page_query": kit.page_query({"status": status}),
        "error": error,
    }
    return PAGES.list_response(request, context)


def _first_person(request: HttpRequest, values: Mapping[str, str]) -> str:
    """The add form's participant: the id of a name picked from the suggestions, or the
    name as typed."""
    return person_ref(request.POST, values["participant"])


def _refused_participant(request: HttpRequest, values: Mapping[str, str]) -> dict[str, str]:
    """What the add form refuses of its first person before the domain is asked."""
    if values["role"] and not values["participant"]:
        return {"participant": _("Name the person who has this role.")}
    if "=" in _first_person(request, values):
        return {"participant": _("A name cannot contain “=”.")}
    return {}


def _participants(request: HttpRequest, values: Mapping[str, str]) -> list[str]:
    """The add form's first person as the domain takes it: "PERSON" or "PERSON=ROLE"."""
    participant = _first_person(request, values)
    if not participant:
        return []
    return [f"{participant}={values['role']}" if values["role"] else participant]


@require_http_methods(["GET", "POST"])
def project_add(request: HttpRequest) -> HttpResponse:
    """Add a project: a name and status; its organisation, dates, and a first person."""
    member = kit.current_member(request)
    return PAGES.add(
        request,
        member,
        lambda values: journal_projects.add_project(
            member,
            values["name"],
            status=values["status"] or None,
            organisation=values["organisation"] or None,
            starts=values["starts"] or None,
            ends=values["ends"] or None,
            description=values["description"],
            participants=_participants(request, values),
        ),
        initial={"status": journal_projects.DEFAULT_STATUS},
        aliases={"participants": "participant"},
        check=lambda values: _refused_participant(request, values),
    )


@require_GET
def project(request: HttpRequest, project_id: int) -> HttpResponse:
    """One project: its facts and the people in it with their roles."""
    member = kit.current_member(request)
    return PAGES.page(request, member, project_id)


@require_POST
def project_role(request: HttpRequest, project_id: int) -> HttpResponse:
    """Add a person to the project with a role, or change the role they have."""
    values = kit.posted_values(request, ROLE_FIELDS)
    return directory_views.part_change(
        PAGES,
        request,
        project_id,
        journal_projects.resolve_project,
        values,
        lambda member, found: journal_projects.set_project_role(
            member, found, person_ref(request.POST, values["person"]), values["role"]
        ),
    )


@require_POST
def project_role_remove(request: HttpRequest, project_id: int) -> HttpResponse:
    """Take a person off the project."""
    values = {"person": request.POST.get("person", "").strip(), "role": ""}
    return directory_views.part_change(
        PAGES,
        request,
        project_id,
        journal_projects.resolve_project,
        values,
        lambda member, found: journal_projects.remove_project_role(member, found, values["person"]),
        {"role": "form"},
    )


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
    return directory_views.edit_page(
        PAGES,
        request,
        project_id,
        _project_values,
        lambda member, posted: journal_projects.edit_project(
            member,
            project_id,
            name=posted["name"],
            status=posted["status"] or None,
            organisation=posted["organisation"],
            starts=posted["starts"],
            ends=posted["ends"],
            description=posted["description"],
        ),
    )


@require_http_methods(["GET", "POST"])
def project_delete(request: HttpRequest, project_id: int) -> HttpResponse:
    """Ask first (GET), then delete (POST) the project and its roles."""
    return directory_views.delete_page(
        PAGES,
        request,
        project_id,
        journal_projects.delete_project,
        statement=_("This deletes the project “%(name)s” for good."),
        consequence=_("Its people stay; only their roles in it are forgotten."),
    )
