"""The favours page (``/favours/``: favours and recommendations, filtered, a page of each
at a time), and adding, editing, thanking for, the outcome of and deleting a favour.
Another network's favour is a 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knoten.core.errors import InvalidInput, KnotenError, NotFound
from knoten.core.models import Member
from knoten.people.lookup import resolve_person
from knoten.people.models import Person
from knoten.reciprocity import services as s
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.forms import FAVOUR_FIELDS, favour_fields
from knoten.reciprocity.models import Favour, Recommendation
from knoten.reciprocity.views.editing import (
    RecordForm,
    deleted_response,
    name_of,
    outcome_change,
    row_response,
    shown_name,
    won_shown,
)
from knoten.reciprocity.views.shown import favour_rows, recommendation_rows
from knoten.web import kit
from knoten.web.kit import current_member, form_errors, options, page_number

FILTERS = ("person", "kind", "role", "since", "until")


def _favour(member: Member, favour_id: int) -> Favour:
    try:
        return s.get_favour(member, favour_id)
    except (NotFound, InvalidInput):  # an id beyond the database's range names nothing
        raise Http404(_("There is no such favour in your network.")) from None


def _filters(request: HttpRequest) -> dict[str, str]:
    return {name: request.GET.get(name, "").strip() for name in FILTERS}


@require_GET
def favours(request: HttpRequest) -> HttpResponse:
    """Favours and recommendations, newest first, filtered by person, kind, role and
    period, a page of each at a time."""
    member = current_member(request)
    me_id = member.me.pk
    values = _filters(request)
    open_only = request.GET.get("open") == "1"
    unthanked = request.GET.get("unthanked") == "1"
    page = page_number(request.GET.get("page"))
    offset = (page - 1) * kit.PAGE_SIZE
    errors: dict[str, str] = {}
    who: Person | None = None
    if values["person"]:
        try:
            who = resolve_person(member, values["person"], "person")
        except KnotenError as problem:
            errors.update(form_errors(problem, FILTERS))
        else:
            values["person"] = who.full_name
    favour_list: list[Favour] = []
    recommendation_list: list[Recommendation] = []
    if not errors:
        try:
            favour_list = s.list_favours(
                member,
                person=who,
                kind=values["kind"] or None,
                since=values["since"] or None,
                until=values["until"] or None,
                open_only=open_only,
                unthanked=unthanked,
                limit=kit.PAGE_SIZE + 1,
                offset=offset,
            )
        except KnotenError as problem:
            errors.update(form_errors(problem, FILTERS))
        try:
            recommendation_list = s.list_recommendations(
                member,
                person=who,
                role=values["role"] or None,
                since=values["since"] or None,
                until=values["until"] or None,
                limit=kit.PAGE_SIZE + 1,
                offset=offset,
            )
        except KnotenError as problem:
            errors.update(form_errors(problem, FILTERS))
    if errors:  # a list that one bad filter did not narrow would mislead
        favour_list, recommendation_list = [], []
    more = len(favour_list) > kit.PAGE_SIZE or len(recommendation_list) > kit.PAGE_SIZE
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "member": member,
        "values": values,
        "open_only": open_only,
        "unthanked": unthanked,
        "errors": errors,
        "kinds": options(v.FAVOUR_KINDS),
        "roles": [
            ("recommender", _("Recommender")),
            ("recipient", _("Recipient")),
            ("beneficiary", _("Beneficiary")),
        ],
        "outcomes": options(v.OUTCOMES),
        "favours": favour_rows(favour_list[: kit.PAGE_SIZE], me_id),
        "recommendations": recommendation_rows(recommendation_list[: kit.PAGE_SIZE], me_id),
        "filtered": any(values.values()) or open_only or unthanked,
        "page": page,
        "page_query": f"{query.urlencode()}&" if query else "",
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if more else None,
        "back": request.get_full_path(),
    }
    return render(request, "reciprocity/favours.html", context, status=400 if errors else 200)


# --- adding and editing a favour -------------------------------------------------------


FORM = RecordForm(
    "favour", _lazy("Add a favour"), _lazy("Edit the favour"), favour_fields, FAVOUR_FIELDS
)


def _favour_changes(values: Mapping[str, str]) -> dict[str, Any]:
    """What an add or edit form of a favour sent, as the service takes it (but the day)."""
    return {
        "giver": values["giver"],
        "receiver": values["receiver"],
        "kind": values["kind"],
        "value": values["value"] or None,
        "minutes": values["minutes"] or None,
        "note": values["note"],
        "outcome": values["outcome"] or None,
        "won_value": values["won_value"] or None,
        "thanked": values["thanked"] == "on",
    }


@require_http_methods(["GET", "POST"])
def favour_add(request: HttpRequest) -> HttpResponse:
    """Record a favour: who did whom what, when, and what came of it."""
    member = current_member(request)
    if request.method != "POST":
        values = dict.fromkeys(FAVOUR_FIELDS, "")
        values.update(kind=s.DEFAULT_KIND, outcome=s.DEFAULT_OUTCOME)
        values["giver"] = name_of(member, request.GET.get("giver", "")) or _("me")
        values["receiver"] = name_of(member, request.GET.get("receiver", ""))
        return FORM.page(request, member, values, {})
    return FORM.saved(
        request,
        member,
        None,
        lambda values: s.add_favour(member, on=values["on"] or None, **_favour_changes(values)),
        lambda favour: (
            _("Favour saved: %(giver)s → %(receiver)s.")
            % {"giver": favour.giver.full_name, "receiver": favour.receiver.full_name}
        ),
    )


def _favour_values(favour: Favour, me_id: int) -> dict[str, str]:
    return {
        "giver": shown_name(favour.giver, me_id),
        "receiver": shown_name(favour.receiver, me_id),
        "kind": favour.kind,
        "on": favour.given_on.isoformat(),
        "value": f"{favour.value} {favour.currency}" if favour.value is not None else "",
        "minutes": "" if favour.effort_minutes is None else str(favour.effort_minutes),
        "note": favour.note,
        "outcome": favour.outcome,
        "won_value": won_shown(favour),
        "thanked": "on" if favour.thanked_on else "",
    }


@require_http_methods(["GET", "POST"])
def favour_edit(request: HttpRequest, favour_id: int) -> HttpResponse:
    """Change a favour; what the form shows is saved as it stands."""
    member = current_member(request)
    favour = _favour(member, favour_id)
    if request.method != "POST":
        return FORM.page(request, member, _favour_values(favour, member.me.pk), {}, favour.pk)

    def save(values: dict[str, str]) -> Favour:
        # An emptied date leaves the day as it was.
        day: dict[str, Any] = {"on": values["on"]} if values["on"] else {}
        return s.edit_favour(member, favour.pk, **day, **_favour_changes(values))

    return FORM.saved(request, member, favour.pk, save, lambda _favour: _("Favour saved."))


# --- one-click changes to a row: thank, outcome, delete ---------------------------------


@require_POST
def favour_thank(request: HttpRequest, favour_id: int) -> HttpResponse:
    """Note that the favour was thanked for, today."""
    member = current_member(request)
    _favour(member, favour_id)
    with transaction.atomic():
        favour = s.thank_favour(member, favour_id)
    return row_response(request, member, favour, default=reverse("reciprocity:favours"))


@require_http_methods(["GET", "POST"])
def favour_outcome(request: HttpRequest, favour_id: int) -> HttpResponse:
    """What came of a favour; "order won" with the order's value."""
    member = current_member(request)
    favour = _favour(member, favour_id)
    return outcome_change(
        request,
        member,
        favour,
        lambda outcome, value: s.set_favour_outcome(member, favour.pk, outcome, value=value),
        lambda: _favour(member, favour_id),
    )


@require_POST
def favour_delete(request: HttpRequest, favour_id: int) -> HttpResponse:
    member = current_member(request)
    favour = _favour(member, favour_id)
    return deleted_response(
        request, lambda: s.delete_favour(member, favour.pk), _("The favour is deleted.")
    )
