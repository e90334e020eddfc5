"""What adding, editing and the one-click changes to a row (thank, outcome, delete) of
favours and recommendations share: where to go back to, the form page, what a form sent,
and the row again (htmx) or back to the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from knoten.core.errors import KnotenError
from knoten.core.models import Member
from knoten.people.lookup import resolve_person
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.forms import Field, form_fields, me_word
from knoten.reciprocity.models import Favour, Recommendation
from knoten.reciprocity.views.shown import favour_rows, recommendation_rows
from knoten.web import kit
from knoten.web.kit import is_fragment_request, options
from knoten.web.picking import person_ref

REFRESH = "knoten-given"  # the htmx event after a change to a favour or recommendation
OUTCOME_FIELDS = ("outcome", "value")


def back_url(request: HttpRequest, default: str) -> str:
    """Where to go after a change: the page's own ``next``, if it is of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def form_page(
    request: HttpRequest,
    member: Member,
    *,
    title: str,
    fields: Sequence[Field],
    values: Mapping[str, str],
    errors: Mapping[str, str],
    action: str,
    prefix: str,
    intro: str = "",
) -> HttpResponse:
    context = {
        "member": member,
        "title": title,
        "intro": intro,
        "fields": form_fields(fields, values, errors, prefix),
        "form_error": errors.get("form", ""),
        "action": action,
        "next": back_url(request, ""),
        "cancel": back_url(request, reverse("reciprocity:favours")),
    }
    return render(request, "reciprocity/form.html", context, status=400 if errors else 200)


def posted_fields(request: HttpRequest, fields: Sequence[str]) -> dict[str, str]:
    values = {name: request.POST.get(name, "").strip() for name in fields}
    for name in fields:
        if name in kit.PERSON_FIELDS and values[name]:
            values[name] = person_ref(request.POST, me_word(values[name]))
    return values


def shown_as_typed(request: HttpRequest, values: Mapping[str, str]) -> dict[str, str]:
    """The values as typed (a picked name, not its id), to show the form again."""
    return {
        name: request.POST.get(name, "").strip() if name in request.POST else value
        for name, value in values.items()
    }


def name_of(member: Member, text: str) -> str:
    """The name of the person ``?giver=ID`` names (an empty field if there is none)."""
    if not text.isdecimal():
        return ""
    try:
        person = resolve_person(member, text)
    except KnotenError:
        return ""
    return _("me") if person.pk == member.me.pk else person.full_name


def row_response(
    request: HttpRequest,
    member: Member,
    *,
    favour: Favour | None = None,
    recommendation: Recommendation | None = None,
    errors: Mapping[str, str] | None = None,
    default: str,
) -> HttpResponse:
    """The row again (htmx), or back to the page it was on."""
    me_id = member.me.pk
    if not is_fragment_request(request):
        return redirect(back_url(request, default))
    context: dict[str, Any] = {
        "member": member,
        "outcomes": options(v.OUTCOMES),
        "errors": errors or {},
        "typed_value": request.POST.get("value", ""),
        "back": back_url(request, default),
    }
    if favour is not None:
        context["f"] = favour_rows([favour], me_id)[0]
        template = "reciprocity/parts.html#favour_row"
    else:
        assert recommendation is not None
        context["r"] = recommendation_rows([recommendation], me_id)[0]
        template = "reciprocity/parts.html#recommendation_row"
    response = render(request, template, context, status=400 if errors else 200)
    if not errors:
        response["HX-Trigger"] = REFRESH
    patch_vary_headers(response, ["HX-Request"])
    return response


def outcome_page(
    request: HttpRequest,
    member: Member,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    *,
    favour: dict[str, Any] | None = None,
    recommendation: dict[str, Any] | None = None,
) -> HttpResponse:
    if favour is not None:
        action = f"{favour['url']}outcome/"
        intro = _("%(kind)s from %(giver)s for %(receiver)s, %(day)s") % {
            "kind": favour["kind_label"],
            "giver": favour["giver"]["name"],
            "receiver": favour["receiver"]["name"],
            "day": favour["shown"],
        }
    else:
        assert recommendation is not None
        action = f"{recommendation['url']}outcome/"
        intro = _("%(recommender)s recommended %(beneficiary)s to %(recipient)s, %(day)s") % {
            "recommender": recommendation["recommender"]["name"],
            "beneficiary": recommendation["beneficiary"]["name"],
            "recipient": recommendation["recipient"]["name"],
            "day": recommendation["shown"],
        }
    fields = [
        Field("outcome", _("What came of it"), "select", options(v.OUTCOMES)),
        Field("value", _("Value of the order won"), "money", hint=_("Only with “order won”")),
    ]
    return form_page(
        request,
        member,
        title=_("Outcome"),
        intro=intro,
        fields=fields,
        values=values,
        errors=errors,
        action=action,
        prefix="outcome",
    )


def deleted_response(request: HttpRequest, text: str) -> HttpResponse:
    if is_fragment_request(request):
        response = HttpResponse("")
        response["HX-Trigger"] = REFRESH
        return response
    messages.success(request, text)
    return redirect(back_url(request, reverse("reciprocity:favours")))
