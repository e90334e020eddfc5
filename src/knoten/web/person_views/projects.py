"""The projects the person is part of, and their role in each."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from knoten.core.models import Member
from knoten.journal.models import ProjectRole
from knoten.journal.projects import remove_project_role, set_project_role
from knoten.people.models import Person
from knoten.web.person_views.base import Action, Field, Form, Values
from knoten.web.person_views.saving import text


def _save_project(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    set_project_role(actor, text(values, "project"), person, text(values, "role"))


def _save_project_edit(actor: Member, person: Person, item_id: int | None, values: Values) -> None:
    assert item_id is not None
    set_project_role(actor, item_id, person, text(values, "role"))


def _initial_project_edit(
    _actor: Member, person: Person, _detail: dict[str, Any], item_id: int | None
) -> Values:
    assert item_id is not None
    role = ProjectRole.objects.filter(person_id=person.pk, project_id=item_id).first()
    if role is None:
        raise Http404("This person is not in that project.")
    return {"role": role.role}


def _leave_project(actor: Member, person: Person, item_id: int) -> None:
    remove_project_role(actor, item_id, person)


# A person's role in a project goes by the project's id (the page's item id).
FORMS: dict[str, Form] = {
    "projects": Form(
        section="projects",
        title=_("Add to a project"),
        fields=(
            Field("project", _("Project"), required=True, hint=_("The name of a project")),
            Field("role", _("Role")),
        ),
        save=_save_project,
    ),
    "projects-edit": Form(
        section="projects",
        title=_("Edit role in the project"),
        fields=(Field("role", _("Role")),),
        save=_save_project_edit,
        initial=_initial_project_edit,
        item=ProjectRole,
    ),
}

ACTIONS: dict[str, Action] = {
    "projects-remove": Action("projects", _leave_project, ProjectRole),
}
