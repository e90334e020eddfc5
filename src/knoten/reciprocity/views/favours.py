"""The favours page (``/favours/``: favours and recommendations, filtered, a page of each
at a time), and adding, editing, thanking for, the outcome of and deleting a favour.
Another network's favour is a 404.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
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
from knoten.reciprocity.views.shown import favour_rows, recommendation_rows
from knoten.web import kit
from knoten.web.kit import (
    attempt,
    current_member,
    form_errors,
    is_fragment_request,
    options,
    page_number,
)

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


def _favour_form(
    request: HttpRequest,
    member: Member,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    favour: Favour | None = None,
) -> HttpResponse:
    if favour is None:
        title, action = _("Add a favour"), reverse("reciprocity:favour_add")
    else:
        title = _("Edit the favour")
        action = reverse("reciprocity:favour_edit", kwargs={"favour_id": favour.pk})
    return form_page(
        request,
        member,
        title=title,
        fields=favour_fields(),
        values=values,
        errors=errors,
        action=action,
        prefix="favour",
    )


@require_http_methods(["GET", "POST"])
def favour_add(request: HttpRequest) -> HttpResponse:
    """Record a favour: who did whom what, when, and what came of it."""
    member = current_member(request)
    if request.method != "POST":
        values = dict.fromkeys(FAVOUR_FIELDS, "")
        values.update(kind=s.DEFAULT_KIND, outcome=s.DEFAULT_OUTCOME)
        values["giver"] = name_of(member, request.GET.get("giver", "")) or _("me")
        values["receiver"] = name_of(member, request.GET.get("receiver", ""))
        return _favour_form(request, member, values, {})
    values = posted_fields(request, FAVOUR_FIELDS)
    favour, errors = attempt(
        lambda: s.add_favour(
            member,
            giver=values["giver"],
            receiver=values["receiver"],
            kind=values["kind"],
            on=values["on"] or None,
            value=values["value"] or None,
            minutes=values["minutes"] or None,
            note=values["note"],
            outcome=values["outcome"] or None,
            won_value=values["won_value"] or None,
            thanked=values["thanked"] == "on",
        ),
        FAVOUR_FIELDS,
    )
    if favour is None:
        return _favour_form(request, member, shown_as_typed(request, values), errors)
    messages.success(
        request,
        _("Favour saved: %(giver)s → %(receiver)s.")
        % {"giver": favour.giver.full_name, "receiver": favour.receiver.full_name},
    )
    return redirect(back_url(request, reverse("reciprocity:favours")))


def _favour_values(favour: Favour, me_id: int) -> dict[str, str]:
    def name(person: Person) -> str:
        return _("me") if person.pk == me_id else person.full_name

    return {
        "giver": name(favour.giver),
        "receiver": name(favour.receiver),
        "kind": favour.kind,
        "on": favour.given_on.isoformat(),
        "value": f"{favour.value} {favour.currency}" if favour.value is not None else "",
        "minutes": "" if favour.effort_minutes is None else str(favour.effort_minutes),
        "note": favour.note,
        "outcome": favour.outcome,
        "won_value": (
            f"{favour.won_value} {favour.won_currency}" if favour.won_value is not None else ""
        ),
        "thanked": "on" if favour.thanked_on else "",
    }


@require_http_methods(["GET", "POST"])
def favour_edit(request: HttpRequest, favour_id: int) -> HttpResponse:
    """Change a favour; what the form shows is saved as it stands."""
    member = current_member(request)
    favour = _favour(member, favour_id)
    if request.method != "POST":
        return _favour_form(request, member, _favour_values(favour, member.me.pk), {}, favour)
    values = posted_fields(request, FAVOUR_FIELDS)
    # An emptied date leaves the day as it was.
    day = {"on": values["on"]} if values["on"] else {}
    done, errors = attempt(
        lambda: s.edit_favour(
            member,
            favour.pk,
            giver=values["giver"],
            receiver=values["receiver"],
            kind=values["kind"],
            **day,
            value=values["value"] or None,
            minutes=values["minutes"] or None,
            note=values["note"],
            outcome=values["outcome"] or None,
            won_value=values["won_value"] or None,
            thanked=values["thanked"] == "on",
        ),
        FAVOUR_FIELDS,
    )
    if done is None:
        return _favour_form(request, member, shown_as_typed(request, values), errors, favour)
    messages.success(request, _("Favour saved."))
    return redirect(back_url(request, reverse("reciprocity:favours")))


# --- one-click changes to a row: thank, outcome, delete ---------------------------------


@require_POST
def favour_thank(request: HttpRequest, favour_id: int) -> HttpResponse:
    """Note that the favour was thanked for, today."""
    member = current_member(request)
    _favour(member, favour_id)
    with transaction.atomic():
        favour = s.thank_favour(member, favour_id)
    return row_response(request, member, favour=favour, default=reverse("reciprocity:favours"))


@require_http_methods(["GET", "POST"])
def favour_outcome(request: HttpRequest, favour_id: int) -> HttpResponse:
    """What came of a favour; "order won" with the order's value."""
    member = current_member(request)
    favour = _favour(member, favour_id)
    row = favour_rows([favour], member.me.pk)[0]
    if request.method != "POST":
        values = {"outcome": favour.outcome, "value": _favour_values(favour, 0)["won_value"]}
        return outcome_page(request, member, values, {}, favour=row)
    values = {name: request.POST.get(name, "").strip() for name in OUTCOME_FIELDS}
    done, errors = attempt(
        lambda: s.set_favour_outcome(
            member, favour.pk, values["outcome"], value=values["value"] or None
        ),
        OUTCOME_FIELDS,
    )
    default = reverse("reciprocity:favours")
    if errors and not is_fragment_request(request):
        return outcome_page(request, member, values, errors, favour=row)
    return row_response(
        request, member, favour=done or _favour(member, favour_id), errors=errors, default=default
    )


@require_POST
def favour_delete(request: HttpRequest, favour_id: int) -> HttpResponse:
    member = current_member(request)
    favour = _favour(member, favour_id)
    with transaction.atomic():
        s.delete_favour(member, favour.pk)
    return deleted_response(request, _("The favour is deleted."))
