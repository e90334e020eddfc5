"""Adding, editing, thanking for, the outcome of and deleting a recommendation (who
recommended whom to whom). Another network's recommendation is a 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.reciprocity import services as s
from knoten.reciprocity.forms import RECOMMENDATION_FIELDS, recommendation_fields
from knoten.reciprocity.models import Recommendation
from knoten.reciprocity.views.editing import (
    RecordForm,
    deleted_response,
    name_of,
    outcome_change,
    row_response,
    shown_name,
    won_shown,
)
from knoten.web.kit import current_member, is_fragment_request


def _recommendation(member: Member, recommendation_id: int) -> Recommendation:
    try:
        return s.get_recommendation(member, recommendation_id)
    except (NotFound, InvalidInput):
        raise Http404(_("There is no such recommendation in your network.")) from None


FORM = RecordForm(
    "recommendation",
    _lazy("Add a recommendation"),
    _lazy("Edit the recommendation"),
    recommendation_fields,
    RECOMMENDATION_FIELDS,
    intro=_lazy("The recommender recommended the beneficiary to the recipient."),
)


def _recommendation_changes(values: Mapping[str, str]) -> dict[str, Any]:
    """What an add or edit form of a recommendation sent, as the service takes it (but
    the day)."""
    return {
        "recommender": values["recommender"],
        "recipient": values["recipient"],
        "beneficiary": values["beneficiary"],
        "context": values["context"],
        "outcome": values["outcome"] or None,
        "won_value": values["won_value"] or None,
    }


@require_http_methods(["GET", "POST"])
def recommendation_add(request: HttpRequest) -> HttpResponse:
    """Record a recommendation: who recommended whom to whom."""
    member = current_member(request)
    if request.method != "POST":
        values = dict.fromkeys(RECOMMENDATION_FIELDS, "")
        values["outcome"] = s.DEFAULT_OUTCOME
        for role in ("recommender", "recipient", "beneficiary"):
            values[role] = name_of(member, request.GET.get(role, ""))
        if not any(values[role] for role in ("recommender", "recipient", "beneficiary")):
            values["recommender"] = _("me")
        return FORM.page(request, member, values, {})
    return FORM.saved(
        request,
        member,
        None,
        lambda values: s.add_recommendation(
            member, on=values["on"] or None, **_recommendation_changes(values)
        ),
        lambda _found: _("Recommendation saved."),
    )


def _recommendation_values(recommendation: Recommendation, me_id: int) -> dict[str, str]:
    return {
        "recommender": shown_name(recommendation.recommender, me_id),
        "recipient": shown_name(recommendation.recipient, me_id),
        "beneficiary": shown_name(recommendation.beneficiary, me_id),
        "on": recommendation.made_on.isoformat(),
        "context": recommendation.context,
        "outcome": recommendation.outcome,
        "won_value": won_shown(recommendation),
    }


@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    member = current_member(request)
    recommendation = _recommendation(member, recommendation_id)
    if request.method != "POST":
        values = _recommendation_values(recommendation, member.me.pk)
        return FORM.page(request, member, values, {}, recommendation.pk)

    def save(values: dict[str, str]) -> Recommendation:
        # An emptied date leaves the day as it was.
        day: dict[str, Any] = {"on": values["on"]} if values["on"] else {}
        return s.edit_recommendation(
            member, recommendation.pk, **day, **_recommendation_changes(values)
        )

    return FORM.saved(
        request, member, recommendation.pk, save, lambda _found: _("Recommendation saved.")
    )


@require_POST
def recommendation_thank(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """Note that the beneficiary (``by=beneficiary``, or no ``by``) or the recipient thanked."""
    member = current_member(request)
    _recommendation(member, recommendation_id)
    by = request.POST.get("by") or None
    default = reverse("reciprocity:favours")
    try:
        with transaction.atomic():
            found = s.thank_recommendation(member, recommendation_id, by=by)
    except InvalidInput as problem:
        if not is_fragment_request(request):
            messages.error(request, str(problem))
        return row_response(
            request,
            member,
            _recommendation(member, recommendation_id),
            errors={"form": str(problem)},
            default=default,
        )
    return row_response(request, member, found, default=default)


@require_http_methods(["GET", "POST"])
def recommendation_outcome(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    member = current_member(request)
    recommendation = _recommendation(member, recommendation_id)
    return outcome_change(
        request,
        member,
        recommendation,
        lambda outcome, value: s.set_recommendation_outcome(
            member, recommendation.pk, outcome, value=value
        ),
        lambda: _recommendation(member, recommendation_id),
    )


@require_POST
def recommendation_delete(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    member = current_member(request)
    recommendation = _recommendation(member, recommendation_id)
    return deleted_response(
        request,
        lambda: s.delete_recommendation(member, recommendation.pk),
        _("The recommendation is deleted."),
    )
