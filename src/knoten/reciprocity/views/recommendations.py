"""Adding, editing, thanking for, the outcome of and deleting a recommendation (who
recommended whom to whom). Another network's recommendation is a 404.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.people.models import Person
from knoten.reciprocity import services as s
from knoten.reciprocity.forms import RECOMMENDATION_FIELDS, recommendation_fields
from knoten.reciprocity.models import Recommendation
from knoten.reciprocity.views.editing import (
    OUTCOME_FIELDS,
    back_url,
    deleted_response,
    form_page,
    name_of,
    outcome_page,
    posted_fields,
    row_response,
    shown_as_typed,
)
from knoten.reciprocity.views.shown import recommendation_rows
from knoten.web.kit import attempt, current_member, is_fragment_request


def _recommendation(member: Member, recommendation_id: int) -> Recommendation:
    try:
        return s.get_recommendation(member, recommendation_id)
    except (NotFound, InvalidInput):
        raise Http404(_("There is no such recommendation in your network.")) from None


def _recommendation_form(
    request: HttpRequest,
    member: Member,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    recommendation: Recommendation | None = None,
) -> HttpResponse:
    if recommendation is None:
        title, action = _("Add a recommendation"), reverse("reciprocity:recommendation_add")
    else:
        title = _("Edit the recommendation")
        action = reverse(
            "reciprocity:recommendation_edit", kwargs={"recommendation_id": recommendation.pk}
        )
    return form_page(
        request,
        member,
        title=title,
        intro=_("The recommender recommended the beneficiary to the recipient."),
        fields=recommendation_fields(),
        values=values,
        errors=errors,
        action=action,
        prefix="recommendation",
    )


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
        return _recommendation_form(request, member, values, {})
    values = posted_fields(request, RECOMMENDATION_FIELDS)
    found, errors = attempt(
        lambda: s.add_recommendation(
            member,
            recommender=values["recommender"],
            recipient=values["recipient"],
            beneficiary=values["beneficiary"],
            on=values["on"] or None,
            context=values["context"],
            outcome=values["outcome"] or None,
            won_value=values["won_value"] or None,
        ),
        RECOMMENDATION_FIELDS,
    )
    if found is None:
        return _recommendation_form(request, member, shown_as_typed(request, values), errors)
    messages.success(request, _("Recommendation saved."))
    return redirect(back_url(request, reverse("reciprocity:favours")))


def _recommendation_values(recommendation: Recommendation, me_id: int) -> dict[str, str]:
    def name(person: Person) -> str:
        return _("me") if person.pk == me_id else person.full_name

    return {
        "recommender": name(recommendation.recommender),
        "recipient": name(recommendation.recipient),
        "beneficiary": name(recommendation.beneficiary),
        "on": recommendation.made_on.isoformat(),
        "context": recommendation.context,
        "outcome": recommendation.outcome,
        "won_value": (
            f"{recommendation.won_value} {recommendation.won_currency}"
            if recommendation.won_value is not None
            else ""
        ),
    }


@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    member = current_member(request)
    recommendation = _recommendation(member, recommendation_id)
    if request.method != "POST":
        values = _recommendation_values(recommendation, member.me.pk)
        return _recommendation_form(request, member, values, {}, recommendation)
    values = posted_fields(request, RECOMMENDATION_FIELDS)
    day = {"on": values["on"]} if values["on"] else {}
    done, errors = attempt(
        lambda: s.edit_recommendation(
            member,
            recommendation.pk,
            recommender=values["recommender"],
            recipient=values["recipient"],
            beneficiary=values["beneficiary"],
            **day,
            context=values["context"],
            outcome=values["outcome"] or None,
            won_value=values["won_value"] or None,
        ),
        RECOMMENDATION_FIELDS,
    )
    if done is None:
        return _recommendation_form(
            request, member, shown_as_typed(request, values), errors, recommendation
        )
    messages.success(request, _("Recommendation saved."))
    return redirect(back_url(request, reverse("reciprocity:favours")))


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
            recommendation=_recommendation(member, recommendation_id),
            errors={"form": str(problem)},
            default=default,
        )
    return row_response(request, member, recommendation=found, default=default)


@require_http_methods(["GET", "POST"])
def recommendation_outcome(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    member = current_member(request)
    recommendation = _recommendation(member, recommendation_id)
    row = recommendation_rows([recommendation], member.me.pk)[0]
    if request.method != "POST":
        values = {
            "outcome": recommendation.outcome,
            "value": _recommendation_values(recommendation, 0)["won_value"],
        }
        return outcome_page(request, member, values, {}, recommendation=row)
    values = {name: request.POST.get(name, "").strip() for name in OUTCOME_FIELDS}
    done, errors = attempt(
        lambda: s.set_recommendation_outcome(
            member, recommendation.pk, values["outcome"], value=values["value"] or None
        ),
        OUTCOME_FIELDS,
    )
    if errors and not is_fragment_request(request):
        return outcome_page(request, member, values, errors, recommendation=row)
    return row_response(
        request,
        member,
        recommendation=done or _recommendation(member, recommendation_id),
        errors=errors,
        default=reverse("reciprocity:favours"),
    )


@require_POST
def recommendation_delete(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    member = current_member(request)
    recommendation = _recommendation(member, recommendation_id)
    with transaction.atomic():
        s.delete_recommendation(member, recommendation.pk)
    return deleted_response(request, _("The recommendation is deleted."))
