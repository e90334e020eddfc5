"""Projects: what was worked on, when, for which organisation, and who had which role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch, QuerySet

from knoten.core import changes
from knoten.core.data import iso, reference
from knoten.core.errors import InvalidInput
from knoten.core.limits import page, storable
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.core.reading import check_order, first_day, last_day, line, long_text, partial_date
from knoten.core.resolving import resolve_named
from knoten.core.words import resolve_word
from knoten.journal import vocabulary as v
from knoten.journal.models import Project, ProjectRole
from knoten.journal.records import (
    _check_new_organisation,
    _save_named_edits,
    remove_link,
    required_name,
    set_link,
)
from knoten.journal.references import person as named_person
from knoten.people.lookup import ensure_organisation, resolve_person
from knoten.people.models import Organisation, Person

# What a project is when nothing else is said.
DEFAULT_STATUS = "ongoing"


def resolve_project(actor: Member, text: str | int | Project, field: str = "project") -> Project:
    """The one project of ``actor``'s network named by ``text`` (id or part of the name)."""
    return resolve_named(actor, Project, text, field)


def project_as_dict(project: Project) -> dict[str, Any]:
    """One project as JSON-able data, with its participants and their roles."""
    return {
        "id": project.pk,
        "name": project.name,
        "status": project.status,
        "starts": iso(project.starts_on),
        "ends": iso(project.ends_on),
        "organisation": reference(project.organisation),
        "description": project.description,
        "participants": [
            {"id": role.person.pk, "name": role.person.full_name, "role": role.role}
            for role in project.roles.all()
        ],
    }


def with_roles(projects: QuerySet[Project]) -> QuerySet[Project]:
    """``projects`` with their organisation and their roles' persons read along."""
    return projects.select_related("organisation").prefetch_related(
        Prefetch("roles", queryset=ProjectRole.objects.select_related("person").order_by("pk"))
    )


def _named_roles(
    actor: Member, participants: Sequence[str]
) -> dict[int, tuple[Person, str | None]]:
    """Each participant "PERSON" or "PERSON=ROLE" found, by person id, with the role
    given (None: "PERSON" alone, no role said; a role said once is kept when the person
    is named again without one)."""
    roles: dict[int, tuple[Person, str | None]] = {}
    for entry in participants:
        who, equals, role = str(entry).partition("=")
        if not who.strip():
            raise InvalidInput(
                "participants", entry, "names no person; write PERSON or PERSON=ROLE"
            )
        found = resolve_person(actor, who.strip(), "participant")
        known = roles.get(found.pk)
        role_text = line(role, "participants", 200) if equals else None
        roles[found.pk] = (found, role_text or (known[1] if known else role_text))
    return roles


def add_project(
    actor: Member,
    name: str,
    *,
    status: str | None = None,
    organisation: str | Organisation | None = None,
    starts: str | dt.date | PartialDate | None = None,
    ends: str | dt.date | PartialDate | None = None,
    description: str | None = None,
    participants: Sequence[str] = (),
) -> Project:
    """A new project; each participant is "PERSON" or "PERSON=ROLE" ("Anna Schmidt=lead").

    Without ``status`` it is ongoing."""
    title = required_name(name, "a project")
    storable("organisation", organisation)
    storable("participants", list(participants))
    note = long_text(description, "description")
    status_code = resolve_word(
        v.PROJECT_STATUSES, DEFAULT_STATUS if status is None else status, "status"
    )
    start = partial_date(starts, "starts")
    end = partial_date(ends, "ends")
    check_order(start, end, ends, "ends")
    _check_new_organisation(actor, organisation, "organisation")
    roles = _named_roles(actor, participants)

    with changes.atomic():
        org = ensure_organisation(actor, organisation, "organisation") if organisation else None
        project = Project.objects.create(
            network_id=actor.network_id,
            name=title,
            status=status_code,
            starts_on=iso(start),
            ends_on=iso(end),
            organisation=org,
            description=note,
        )
        ProjectRole.objects.bulk_create(
            [
                ProjectRole(network_id=actor.network_id, project=project, person=p, role=role or "")
                for p, role in roles.values()
            ]
        )
    return with_roles(Project.objects.filter(pk=project.pk)).get()


def list_projects(
    actor: Member, *, status: str | None = None, limit: int | None = None, offset: int = 0
) -> list[Project]:
    """The network's projects by name, all or those of one status (English or German)."""
    projects = Project.objects.filter(network_id=actor.network_id)
    if status:
        storable("status", status)
        projects = projects.filter(status=resolve_word(v.PROJECT_STATUSES, status, "status"))
    ordered = with_roles(projects).order_by("folded_name", "pk")
    return list(page(ordered, limit, offset))


def project_detail(actor: Member, project: str | int | Project) -> dict[str, Any]:
    """Everything about one project: its facts and its participants with their roles."""
    found = resolve_project(actor, project)
    return project_as_dict(with_roles(Project.objects.filter(pk=found.pk)).get())


def edit_project(
    actor: Member,
    project: str | int | Project,
    *,
    name: str | None = None,
    status: str | None = None,
    starts: str | dt.date | PartialDate | None = None,
    ends: str | dt.date | PartialDate | None = None,
    organisation: str | int | Organisation | None = None,
    description: str | None = None,
    participants: Sequence[str] | None = None,
    removed: Sequence[str | int | Person] | None = None,
) -> Project:
    """Change what is given; ``""`` clears a date or the organisation.

    Each of ``participants`` ("PERSON" or "PERSON=ROLE") joins the project or, already
    in it, takes the role given ("PERSON" alone keeps theirs, "PERSON=" clears it); each
    of ``removed`` leaves it. Everything is checked before anything is written.
    """
    found = resolve_project(actor, project)
    storable("participants", None if participants is None else list(participants))
    storable("removed", None if removed is None else [str(who) for who in removed])
    joining = _named_roles(actor, participants or ())
    current = dict(found.roles.values_list("person_id", "role"))
    leaving: list[Person] = []
    for entry in removed or ():
        who = named_person(actor, entry, "removed person")
        if who.pk not in current:
            raise InvalidInput("removed", entry, f"is not in the project {found.name}")
        if who.pk in joining:
            raise InvalidInput("removed", entry, "is also named to join; name them once")
        leaving.append(who)
    edits: dict[str, Any] = {}
    if name is not None:
        edits["name"] = required_name(name, "a project")
    if status is not None:
        storable("status", status)
        edits["status"] = resolve_word(v.PROJECT_STATUSES, status, "status")
    if starts is not None or ends is not None:
        storable("starts", starts)
        storable("ends", ends)
        start = found.starts_on if starts is None else partial_date(starts, "starts")
        end = found.ends_on if ends is None else partial_date(ends, "ends")
        field = "ends" if ends is not None else "starts"
        first, last = first_day(start), last_day(end)
        if first is not None and last is not None and last < first:
            raise InvalidInput(
                field,
                ends if ends is not None else starts,
                f"puts the end {iso(end)} before the start {iso(start)}",
            )
        edits["starts_on"], edits["ends_on"] = iso(start), iso(end)
    if description is not None:
        edits["description"] = long_text(description, "description")
    with changes.atomic():
        _save_named_edits(actor, found, edits, "organisation", organisation)
        # Through the functions the project page's role forms call.
        for who, role in joining.values():
            set_project_role(actor, found, who, current.get(who.pk, "") if role is None else role)
        for who in leaving:
            remove_project_role(actor, found, who)
    return with_roles(Project.objects.filter(pk=found.pk)).get()


def delete_project(actor: Member, project: str | int | Project) -> None:
    """Delete a project with its roles."""
    found = resolve_project(actor, project)
    with changes.atomic():
        found.delete()


def set_project_role(
    actor: Member, project: str | int | Project, person: str | int | Person, role: str
) -> ProjectRole:
    """Add a person to a project, or change their role in it (``""``: no particular role)."""
    found = resolve_project(actor, project)
    who = named_person(actor, person, "person")
    text = line(role, "role", 200)
    return set_link(ProjectRole, actor.network_id, {"role": text}, project=found, person=who)


def remove_project_role(
    actor: Member, project: str | int | Project, person: str | int | Person
) -> None:
    """Take a person off a project."""
    found = resolve_project(actor, project)
    who = named_person(actor, person, "person")
    shown = f"{who.full_name} in {found.name}"
    remove_link(ProjectRole.objects.filter(project=found, person=who), "role", shown)
