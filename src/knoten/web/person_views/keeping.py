"""The person as a whole: archive them, delete them, take out or forget all there is
about them (GDPR Art. 15, 17 and 20)."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.exports.erasure import forget_person, forget_plan
from knoten.exports.erasure import person_export as export_of
from knoten.people.models import Person
from knoten.people.persons import archive_person, delete_person
from knoten.web.kit import current_member, is_fragment_request, page_response
from knoten.web.person_views.base import person_of, problem_text
from knoten.web.person_views.page import page_data, section_response


@require_POST
def person_archive(request: HttpRequest, person_id: int) -> HttpResponse:
    """Archive the person (or bring them back): hidden from lists, nothing lost.

    ``to`` ("1" archive, "0" bring back) says which; without it the state flips. The
    answer's toast offers the way back (the same function the other way round). The
    person page's "Delete person" archives first (``why=delete``): its toast offers
    the undo and the confirmation page that erases for good (see docs/face.md).
    """
    member = current_member(request)
    person = person_of(member, person_id)
    wanted = {"1": True, "0": False}.get(request.POST.get("to", ""), not person.archived)
    deleting = request.POST.get("why") == "delete" and wanted
    try:
        archive_person(member, person, archived=wanted)
    except InvalidInput as problem:
        return section_response(request, member, person, "basics", error=problem_text(problem))
    person.refresh_from_db(fields=["archived"])
    toast = {"archived": wanted, "deleting": deleting, "name": person.full_name}
    if not is_fragment_request(request):
        messages.success(request, toast_text(toast))
    return section_response(request, member, person, "basics", extra={"archived_toast": toast})


def toast_text(toast: dict[str, object]) -> str:
    """What the toast (or, without htmx, the message) says after archiving."""
    name = toast["name"]
    if toast["deleting"]:
        return _("%(name)s is in the archive: hidden from lists, nothing lost yet.") % {
            "name": name
        }
    if toast["archived"]:
        return _("%(name)s is archived.") % {"name": name}
    return _("%(name)s is back from the archive.") % {"name": name}


def _done(request: HttpRequest, errors: dict[str, str], change: Callable[[], object]) -> bool:
    """Whether the form was posted and ``change`` went through; else why not, in ``errors``."""
    if request.method != "POST":
        return False
    try:
        change()
    except InvalidInput as problem:
        errors["form"] = problem_text(problem)
        return False
    return True


def _asked(
    request: HttpRequest,
    template: str,
    member: Member,
    person: Person,
    errors: dict[str, str],
    **shown: object,
) -> HttpResponse:
    """The page that asks before the person is deleted or forgotten (again, with why not)."""
    context = {
        "member": member,
        "person": page_data(member, person),
        **shown,
        "error": errors.get("form", ""),
    }
    return page_response(request, template, context, errors)


@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, person_id: int) -> HttpResponse:
    """Ask, then erase the person with everything noted about them."""
    member = current_member(request)
    person = person_of(member, person_id)
    errors: dict[str, str] = {}
    if _done(request, errors, lambda: delete_person(member, person)):
        target = reverse("web:people")
        if is_fragment_request(request):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
    return _asked(request, "web/person/delete.html", member, person, errors)


@require_GET
def person_export(request: HttpRequest, person_id: int) -> HttpResponse:
    """Everything stored about the person, as a JSON file (GDPR Art. 15 and 20)."""
    member = current_member(request)
    person = person_of(member, person_id)
    data = export_of(member, person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
def person_forget(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show what forgetting the person changes; posted, forget them (GDPR Art. 17)."""
    member = current_member(request)
    person = person_of(member, person_id)
    errors: dict[str, str] = {}
    if _done(request, errors, lambda: forget_person(member, person)):
        messages.success(request, _("The person is forgotten."))
        return redirect(reverse("web:people"))
    try:
        plan = forget_plan(member, person)
    except InvalidInput as problem:
        plan = {}
        errors.setdefault("form", problem_text(problem))
    return _asked(request, "web/person/forget.html", member, person, errors, plan=plan)
