"""The person's page as a whole, and one of its sections on its own.

Every section of the page is a partial of ``web/person.html``; a section answers alone
to htmx (after a change, or "Cancel" on its form), else the page is shown at it.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from knoten.core.models import Member
from knoten.journal import vocabulary as journal_words
from knoten.people import vocabulary as v
from knoten.people.models import Person
from knoten.profiles.person import person_detail
from knoten.reciprocity.views import person_give_and_take
from knoten.web.kit import current_member, detail_or_404, is_fragment_request, label, shown_date
from knoten.web.person_views.base import person_of
from knoten.web.person_views.basics import address_choices, importance_choices
from knoten.web.person_views.relationships import relationship_shown
from knoten.web.person_views.timeline import shown_filter, timeline_data
from knoten.web.templatetags.face import initials

SECTIONS = (
    "basics",
    "contact",
    "met",
    "career",
    "relations",
    "projects",
    "skills",
    "dates",
    "notes",
    "promises",
    "favours",
    "conversations",
)


def page_data(member: Member, person: Person) -> dict[str, Any]:
    """``person_detail`` with what the templates show in the user's language and locale."""
    detail = detail_or_404(lambda: person_detail(member, person))
    # Each row's edit and delete links are built on this address rather than reversed
    # one by one: a page of 50 relationships would otherwise resolve some 250 URLs.
    detail["url"] = reverse("web:person", kwargs={"person_id": detail["id"]})
    detail["importance_label"] = dict(importance_choices()).get(
        str(detail["importance"]), detail["importance_label"]
    )
    detail["address_label"] = dict(address_choices()).get(detail["form_of_address"], "")
    for project in detail["projects"]:
        project["status_label"] = label(journal_words.PROJECT_STATUSES, project["status"])
    for point in detail["contact_points"]:
        point["kind_label"] = label(v.CONTACT_KINDS, point["kind"])
    for affiliation in detail["affiliations"]:
        affiliation["kind_label"] = label(v.AFFILIATION_KINDS, affiliation["kind"])
        affiliation["start_shown"] = shown_date(affiliation["start"])
        affiliation["end_shown"] = shown_date(affiliation["end"])
    for row in (*detail["family"], *detail["relationships"]):
        relationship_shown(row)
    for date in detail["important_dates"]:
        date["kind_label"] = label(v.DATE_KINDS, date["kind"])
        date["shown"] = shown_date(date["date"])
    for promise in detail["open_promises"]:
        promise["due_shown"] = shown_date(promise["due_on"])
    for interaction in detail["interactions"]["items"]:
        interaction["shown"] = shown_date(interaction["occurred_on"])
        interaction["kind_label"] = label(journal_words.INTERACTION_KINDS, interaction["kind"])
    interactions = detail["interactions"]
    interactions["next_offset"] = (
        interactions["shown"] if interactions["total"] > interactions["shown"] else None
    )
    detail["how_we_met"]["shown"] = shown_date(detail["how_we_met"]["date"])
    # Give and take is worked out only when the page (or its section) is drawn, not for
    # every form and section of the page that answers with this data.
    detail["giving"] = SimpleLazyObject(lambda: person_give_and_take(member, person))
    detail["timeline"] = SimpleLazyObject(lambda: timeline_data(detail))
    detail["position"] = next((a for a in detail["affiliations"] if a["current"]), None)
    imported_shown(detail)
    detail["initials"] = initials(detail)  # the one rule of every avatar
    standing = detail.get("standing") or {}
    detail["last_contact_shown"] = shown_date(standing.get("last_contact"))
    detail["photo_url"] = f"{detail['url']}photo/?v={detail['photo']}" if detail["photo"] else ""
    return detail


def _imported_names() -> dict[str, str]:
    """The names an import gives what it keeps of its own (knoten.imports.checking), in
    the user's language; a file's own names (a vCard's X- properties, a CSV's columns)
    are shown as the file wrote them."""
    return {
        "department": _("Department"),
        "name suffix": _("Name suffix"),
        "gender": _("Gender"),
        "related": _("Related"),
    }


def imported_shown(detail: dict[str, Any]) -> None:
    """Each imported property's name as shown; and a department the files gave (ORG's
    second part, Outlook's and Google's department column) beside the person's job when
    there is no doubt which it belongs to: one current job, one department."""
    names = _imported_names()
    for item in detail["imported"]:
        name = item["name"]
        if name.startswith("related (") and name.endswith(")"):
            item["label"] = f"{names['related']} {name[len('related') + 1 :]}"
        else:
            item["label"] = names.get(name, name)
    departments = {item["value"] for item in detail["imported"] if item["name"] == "department"}
    jobs = [a for a in detail["affiliations"] if a["current"] and a["kind"] == "job"]
    if len(departments) == 1 and len(jobs) == 1:
        jobs[0]["department"] = departments.pop()


def section_response(
    request: HttpRequest,
    member: Member,
    person: Person,
    section: str,
    *,
    error: str = "",
    extra: dict[str, object] | None = None,
) -> HttpResponse:
    """The section alone (htmx) or, without htmx, a redirect to it on the page.

    With an ``error`` (status 400) the section shows it; without htmx the whole page does.
    """
    fragment = is_fragment_request(request)
    context: dict[str, object] = {
        "member": member,
        "person": page_data(member, person),
        # A section swapped in takes the focus to its heading (keyboard users stay put).
        "returned": fragment,
    }
    context["show"] = shown_filter(request.GET.get("show"))
    context.update(extra or {})
    if error:
        context["section_error"] = {"section": section, "text": error}
    elif not fragment:
        return redirect(section_link(person.pk, section))
    template = "web/person.html"
    if fragment:
        template += f"#{section}"
    response = render(request, template, context, status=400 if error else 200)
    if error and fragment:
        swap_anyway(response, section)
    patch_vary_headers(response, ["HX-Request"])
    return response


def swap_anyway(response: HttpResponse, section: str) -> None:
    """Say where htmx puts a 400 answer (it swaps one if its responseHandling allows)."""
    response["HX-Retarget"] = f"#section-{section}"
    response["HX-Reswap"] = "outerHTML"


def section_link(person_id: int, section: str) -> str:
    return reverse("web:person", kwargs={"person_id": person_id}) + f"#section-{section}"


@require_GET
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """The whole info base of one person of the member's network."""
    member = current_member(request)
    person = person_of(member, person_id)
    context = {
        "member": member,
        "person": page_data(member, person),
        "show": shown_filter(request.GET.get("show")),
    }
    response = render(request, "web/person.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def person_section(request: HttpRequest, person_id: int, section: str) -> HttpResponse:
    """One section as it reads (what "Cancel" goes back to)."""
    if section not in SECTIONS:
        raise Http404("No such section.")
    member = current_member(request)
    return section_response(request, member, person_of(member, person_id), section)
