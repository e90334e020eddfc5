"""Changing a person's page in place: every section's forms and one-click changes.

An "Edit" or "Add …" link fetches the section's form (htmx swaps it in place of the
section; without JavaScript the same URL is a page of its own). Saving answers the
section again (htmx) or redirects back to the page; a bad field answers the form with
the message next to that field and status 400, having changed nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods, require_POST

from knoten.core.errors import Ambiguous, InvalidInput, KnotenError, NotFound
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.journal.models import ProjectRole
from knoten.people.lookup import is_about_person
from knoten.people.models import Person
from knoten.reciprocity.forms import drawn_fields
from knoten.web.kit import current_member, is_fragment_request, page_response, posted_values
from knoten.web.person_views import (
    basics,
    career,
    contacts,
    dates,
    giving,
    projects,
    promises,
    relationships,
)
from knoten.web.person_views.base import Action, Field, Form, Values, person_of, problem_text
from knoten.web.person_views.page import page_data, section_response, swap_anyway
from knoten.web.picking import person_ref

FORMS: dict[str, Form] = {
    **basics.FORMS,
    **contacts.FORMS,
    **career.FORMS,
    **relationships.FORMS,
    **projects.FORMS,
    **dates.FORMS,
    **promises.FORMS,
    **giving.FORMS,
}
ACTIONS: dict[str, Action] = {
    **contacts.ACTIONS,
    **career.ACTIONS,
    **relationships.ACTIONS,
    **dates.ACTIONS,
    **projects.ACTIONS,
    **promises.ACTIONS,
}


def _is_theirs(model: type[Any], member: Member, person: Person, item_id: int) -> bool:
    """Whether row ``item_id`` of ``model`` is the person's, in the member's network.

    A person's role in a project goes by the project's id.
    """
    if model is ProjectRole:
        return is_about_person(member, model, person, project_id=item_id)
    return is_about_person(member, model, person, pk=item_id)


def _problem_field(problem: KnotenError, form: Form) -> str:
    """The form field a service's complaint is about ("" for the whole form)."""
    if isinstance(problem, InvalidInput):
        named = problem.field
    elif isinstance(problem, NotFound | Ambiguous):
        named = problem.what
    else:  # pragma: no cover - every domain error is one of the three
        named = ""
    names = {f.name for f in form.fields}
    for candidate in (named, named.split(" ")[0]):
        candidate = form.aliases.get(candidate, candidate)
        if candidate in names:
            return candidate
    return form.default_field


def _form_fields(form: Form, values: Values, errors: dict[str, str]) -> list[dict[str, Any]]:
    """What the form template needs to draw each field: label, value, message, choices."""

    def ids(name: str) -> tuple[str, str, str]:
        ident = f"id_{form.section}_{name}"
        return ident, f"hint_{ident}", f"error_{ident}"

    def more(f: Field) -> dict[str, Any]:
        return {"choices": f.choices() if f.choices else [], "required": f.required}

    return drawn_fields(form.fields, values, errors, ids, more)


def _saved(
    request: HttpRequest,
    member: Member,
    person: Person,
    form: Form,
    item_id: int | None,
    values: Values,
) -> dict[str, str]:
    """Save what the form sent (all or nothing); the messages by field, if any."""
    errors: dict[str, str] = {}
    for name, value in values.items():
        try:
            storable(name, value)
        except InvalidInput as problem:
            errors[name] = problem.reason
    if errors:
        return errors
    chosen = {f.name: person_ref(request.POST, values[f.name]) for f in form.fields if f.person}
    try:
        with transaction.atomic():
            form.save(member, person, item_id, {**values, **chosen})
    except KnotenError as problem:
        return {_problem_field(problem, form) or "form": problem_text(problem)}
    return {}


@require_http_methods(["GET", "POST"])
def person_form(
    request: HttpRequest, person_id: int, form_name: str, item_id: int | None = None
) -> HttpResponse:
    """A section's form: GET shows it, POST saves it (all or nothing)."""
    form = FORMS.get(form_name)
    if form is None or (form.item is not None) != (item_id is not None):
        raise Http404("No such form.")
    member = current_member(request)
    person = person_of(member, person_id)
    if form.item is not None and not _is_theirs(form.item, member, person, item_id or 0):
        raise Http404("No such entry on this person's page.")
    detail = page_data(member, person)
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = posted_values(request, [f.name for f in form.fields])
        errors = _saved(request, member, person, form, item_id, values)
        if not errors:
            return section_response(request, member, person, form.section)
    else:
        values = form.initial(member, person, detail, item_id) if form.initial else {}
    if form.item is not None:
        action = reverse(
            "web:person_item_form",
            kwargs={"person_id": person.pk, "form_name": form_name, "item_id": item_id},
        )
    else:
        action = reverse("web:person_form", kwargs={"person_id": person.pk, "form_name": form_name})
    context = {
        "member": member,
        "person": detail,
        "form": form,
        "form_name": form_name,
        "fields": _form_fields(form, values, errors),
        "form_error": errors.get("form", ""),
        "action": action,
        "section": form.section,
        "cancel": reverse(
            "web:person_section", kwargs={"person_id": person.pk, "section": form.section}
        ),
    }
    if is_fragment_request(request):
        response = page_response(request, "web/person/form.html#form", context, errors)
        if errors:
            swap_anyway(response, form.section)
    else:
        response = page_response(request, "web/person/form.html", context, errors)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
def person_action(request: HttpRequest, person_id: int, action: str, item_id: int) -> HttpResponse:
    """A one-click change to one row of a section (delete a contact, a promise done)."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("No such action.")
    member = current_member(request)
    person = person_of(member, person_id)
    if spec.model is not None and not _is_theirs(spec.model, member, person, item_id):
        raise Http404("No such entry on this person's page.")
    try:
        with transaction.atomic():
            result = spec.run(member, person, item_id)
    except NotFound:
        raise Http404("No such entry in your network.") from None
    except KnotenError as problem:
        return section_response(request, member, person, spec.section, error=problem_text(problem))
    extra = result if isinstance(result, dict) else None
    return section_response(request, member, person, spec.section, extra=extra)
