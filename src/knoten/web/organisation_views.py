"""The organisations' pages: the list, one organisation, and forms to add, edit and
delete one.

Thin views over :mod:`knoten.people.organisations` and :mod:`knoten.profiles.organisation`,
the same functions as the command line and the API, built on :mod:`knoten.web.kit`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from knoten.core.models import Member
from knoten.journal import vocabulary as journal_words
from knoten.people import organisations as organisation_rules
from knoten.people import vocabulary as people_words
from knoten.profiles import organisation as organisation_page
from knoten.web import directory_views, kit

ORGANISATION_FIELDS = ("name", "kind", "industry", "website", "note")


def _organisation_detail(member: Member, organisation_id: int) -> dict[str, Any]:
    data = kit.detail_or_404(lambda: organisation_page.organisation_detail(member, organisation_id))
    data["kind_label"] = kit.label(people_words.ORGANISATION_KINDS, data["kind"])
    for affiliation in (*data["current"], *data["former"]):
        affiliation["kind_label"] = kit.label(people_words.AFFILIATION_KINDS, affiliation["kind"])
        affiliation["start_shown"] = kit.shown_date(affiliation["start"])
        affiliation["end_shown"] = kit.shown_date(affiliation["end"])
    for event in data["events"]:
        event["starts_shown"] = kit.shown_date(event["starts_on"])
    for project in data["projects"]:
        project["status_label"] = kit.label(journal_words.PROJECT_STATUSES, project["status"])
    return data


PAGES = kit.RecordPages(
    noun="organisation",
    fields=ORGANISATION_FIELDS,
    choices=lambda: {"kinds": kit.options(people_words.ORGANISATION_KINDS)},
    detail=_organisation_detail,
)


@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    """The network's organisations by name, filtered by name and kind, a page at a time."""
    member = kit.current_member(request)
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "").strip()
    page = kit.page_number(request.GET.get("page"))
    listed, error = kit.list_page_or_error(
        lambda limit, offset: organisation_rules.list_organisations(
            member, kind=kind or None, query=query or None, limit=limit, offset=offset
        ),
        page,
    )
    rows = [organisation_rules.organisation_row(o) for o in listed.rows]
    for row in rows:
        row["kind_label"] = kit.label(people_words.ORGANISATION_KINDS, row["kind"])
    context: dict[str, Any] = {
        "member": member,
        "query": query,
        "kind": kind,
        "kinds": kit.options(people_words.ORGANISATION_KINDS),
        "rows": rows,
        **listed.context(),
        "page_query": kit.page_query({"q": query, "kind": kind}),
        "error": error,
    }
    return PAGES.list_response(request, context)


@require_http_methods(["GET", "POST"])
def organisation_add(request: HttpRequest) -> HttpResponse:
    """Add an organisation: a name and a kind; industry, website and a note if known."""
    member = kit.current_member(request)
    return PAGES.add(
        request,
        member,
        lambda values: organisation_rules.add_organisation(
            member,
            values["name"],
            kind=values["kind"] or None,
            industry=values["industry"],
            website=values["website"],
            note=values["note"],
        ),
        # The select's first choice; the domain has the same default for a kind not given.
        initial={"kind": "company"},
    )


@require_GET
def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """One organisation: its facts, its people (current and former), events and projects."""
    member = kit.current_member(request)
    data = _organisation_detail(member, organisation_id)
    return render(request, "web/organisation.html", {"member": member, "organisation": data})


def _organisation_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The edit form filled with the organisation as it is."""
    return {
        "name": data["name"],
        "kind": data["kind"],
        "industry": data["industry"],
        "website": data["website"],
        "note": data["notes"],
    }


@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Change an organisation's name, kind, industry, website or note."""
    return directory_views.edit_page(
        PAGES,
        request,
        organisation_id,
        _organisation_values,
        lambda member, posted: organisation_rules.edit_organisation(
            member,
            organisation_id,
            name=posted["name"],
            kind=posted["kind"] or None,
            industry=posted["industry"],
            website=posted["website"],
            note=posted["note"],
        ),
    )


@require_http_methods(["GET", "POST"])
def organisation_delete(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Ask first (GET), then delete (POST) the organisation and its affiliations."""
    return directory_views.delete_page(
        PAGES,
        request,
        organisation_id,
        organisation_rules.delete_organisation,
        statement=_("This deletes the organisation “%(name)s” for good."),
        consequence=_(
            "Its people stay, without their jobs and memberships there; its events and "
            "projects stay, without it."
        ),
    )
