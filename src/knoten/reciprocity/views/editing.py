"""What adding, editing and the one-click changes to a row (thank, outcome, delete) of
favours and recommendations share: where to go back to, the form page, what a form sent,
and the row again (htmx) or back to the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from knoten.core.errors import KnotenError
from knoten.core.models import Member
from knoten.people.lookup import resolve_person
from knoten.people.models import Person
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.forms import Field, form_fields, me_word
from knoten.reciprocity.models import Favour, Recommendation
from knoten.reciprocity.views.shown import favour_rows, recommendation_rows
from knoten.web import kit
from knoten.web.kit import attempt, is_fragment_request, options
from knoten.web.picking import person_ref

REFRESH = "knoten-given"  # the htmx event after a change to a favour or recommendation
OUTCOME_FIELDS = ("outcome", "value")

Record = Favour | Recommendation
StrOrPromise = str | Promise
T = TypeVar("T")
R = TypeVar("R", Favour, Recommendation)


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
    return shown_name(person, member.me.pk)


def _row_of(record: Record, me_id: int) -> dict[str, Any]:
    if isinstance(record, Favour):
        return favour_rows([record], me_id)[0]
    return recommendation_rows([record], me_id)[0]


@dataclass(frozen=True)
class RecordForm:
    """The add and edit form of a favour or a recommendation: ``noun`` names its URLs
    (``reciprocity:NOUN_add``, ``…_edit``) and its fields' ids; ``names`` are the fields
    it sends."""

    noun: str
    adding: StrOrPromise  # the titles
    editing: StrOrPromise
    fields: Callable[[], list[Field]]
    names: tuple[str, ...]
    intro: StrOrPromise = ""

    def page(
        self,
        request: HttpRequest,
        member: Member,
        values: Mapping[str, str],
        errors: Mapping[str, str],
        pk: int | None = None,
    ) -> HttpResponse:
        """The add form (``pk`` None) or the edit form of row ``pk``."""
        if pk is None:
            title, action = self.adding, reverse(f"reciprocity:{self.noun}_add")
        else:
            title = self.editing
            action = reverse(f"reciprocity:{self.noun}_edit", kwargs={f"{self.noun}_id": pk})
        return form_page(
            request,
            member,
            title=str(title),
            intro=str(self.intro),
            fields=self.fields(),
            values=values,
            errors=errors,
            action=action,
            prefix=self.noun,
        )

    def saved(
        self,
        request: HttpRequest,
        member: Member,
        pk: int | None,
        save: Callable[[dict[str, str]], T],
        said: Callable[[T], str],
    ) -> HttpResponse:
        """The form posted: ``save`` what it sent (all or nothing) and go back with the
        message ``said`` of what was saved; or, on a domain error, the form again as typed
        with the messages beside their fields."""
        values = posted_fields(request, self.names)
        done, errors = attempt(lambda: save(values), self.names)
        if done is None:
            return self.page(request, member, shown_as_typed(request, values), errors, pk)
        messages.success(request, said(done))
        return redirect(back_url(request, reverse("reciprocity:favours")))


def row_response(
    request: HttpRequest,
    member: Member,
    record: Record,
    *,
    errors: Mapping[str, str] | None = None,
    default: str,
) -> HttpResponse:
    """The row of a favour or a recommendation again (htmx), or back to the page it was on."""
    if not is_fragment_request(request):
        return redirect(back_url(request, default))
    context: dict[str, Any] = {
        "member": member,
        "outcomes": options(v.OUTCOMES),
        "errors": errors or {},
        "typed_value": request.POST.get("value", ""),
        "back": back_url(request, default),
    }
    if isinstance(record, Favour):
        context["f"] = _row_of(record, member.me.pk)
        template = "reciprocity/parts.html#favour_row"
    else:
        context["r"] = _row_of(record, member.me.pk)
        template = "reciprocity/parts.html#recommendation_row"
    response = render(request, template, context, status=400 if errors else 200)
    if not errors:
        response["HX-Trigger"] = REFRESH
    patch_vary_headers(response, ["HX-Request"])
    return response


def outcome_page(
    request: HttpRequest,
    member: Member,
    record: Record,
    values: Mapping[str, str],
    errors: Mapping[str, str],
) -> HttpResponse:
    row = _row_of(record, member.me.pk)
    action = f"{row['url']}outcome/"
    if isinstance(record, Favour):
        intro = _("%(kind)s from %(giver)s for %(receiver)s, %(day)s") % {
            "kind": row["kind_label"],
            "giver": row["giver"]["name"],
            "receiver": row["receiver"]["name"],
            "day": row["shown"],
        }
    else:
        intro = _("%(recommender)s recommended %(beneficiary)s to %(recipient)s, %(day)s") % {
            "recommender": row["recommender"]["name"],
            "beneficiary": row["beneficiary"]["name"],
            "recipient": row["recipient"]["name"],
            "day": row["shown"],
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


def outcome_change(
    request: HttpRequest,
    member: Member,
    record: R,
    change: Callable[[str, str | None], R],
    again: Callable[[], R],
) -> HttpResponse:
    """What came of a favour or a recommendation: GET shows its outcome and the value won
    in the outcome form; POST makes the ``change(outcome, value)`` and answers the row again
    (``again``, as the database has it, after a refused change), or the form with its
    messages (without htmx)."""
    if request.method != "POST":
        if is_fragment_request(request):
            return _outcome_part(request, member, record)
        values = {"outcome": record.outcome, "value": won_shown(record)}
        return outcome_page(request, member, record, values, {})
    values = {name: request.POST.get(name, "").strip() for name in OUTCOME_FIELDS}
    done, errors = attempt(
        lambda: change(values["outcome"], values["value"] or None), OUTCOME_FIELDS
    )
    if errors and not is_fragment_request(request):
        return outcome_page(request, member, record, values, errors)
    default = reverse("reciprocity:favours")
    return row_response(request, member, done or again(), errors=errors, default=default)


def _outcome_part(request: HttpRequest, member: Member, record: Record) -> HttpResponse:
    """The outcome form of a row, which the row's "Outcome" fetches when it opens (issue
    17's page budget: a list does not carry a form per row)."""
    context: dict[str, Any] = {
        "member": member,
        "row": _row_of(record, member.me.pk),
        "key": "f" if isinstance(record, Favour) else "r",
        "outcomes": options(v.OUTCOMES),
        "errors": {},
        "back": back_url(request, reverse("reciprocity:favours")),
    }
    response = render(request, "reciprocity/parts.html#outcome_form", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def won_shown(record: Record) -> str:
    """The value of the order a favour or a recommendation won, as a form shows it."""
    if record.won_value is None:
        return ""
    return f"{record.won_value} {record.won_currency}"


def shown_name(person: Person, me_id: int) -> str:
    """A person in a form: "me" (in the reader's language) for *me*, else the full name."""
    return _("me") if person.pk == me_id else person.full_name


def deleted_response(request: HttpRequest, remove: Callable[[], object], text: str) -> HttpResponse:
    """Delete a favour or a recommendation (``remove()``, all or nothing) and answer
    nothing (htmx: the row goes, the lists refresh), or back to the page with ``text``."""
    with transaction.atomic():
        remove()
    if is_fragment_request(request):
        response = HttpResponse("")
        response["HX-Trigger"] = REFRESH
        return response
    messages.success(request, text)
    return redirect(back_url(request, reverse("reciprocity:favours")))
