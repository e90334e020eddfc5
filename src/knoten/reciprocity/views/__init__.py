"""The give-and-take pages: favours and recommendations (``/favours/``), the return on
networking time (``/roi/``), and what the home page and a person's page show of it (the
balance, the signals, the rows of favours and recommendations).

Thin views over :mod:`knoten.reciprocity.services`, ``balance``, ``signals`` and ``roi``,
the same functions as the command line and the API: no rule is written a second time
here. Adding and editing are plain forms (a bad value comes back beside its field with
status 400, nothing saved); thanking, the outcome and deleting are buttons on a row
that htmx swaps in place, and that without JavaScript post and come back to the page.
Another network's favour or recommendation is a 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knoten.core import clock, reading
from knoten.core.errors import InvalidInput, KnotenError, NotFound
from knoten.core.models import Member
from knoten.people.lookup import resolve_person
from knoten.people.models import Person
from knoten.reciprocity import charts
from knoten.reciprocity import services as s
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.balance import Balance, monthly_balance, overall_balance, person_balance
from knoten.reciprocity.forms import (
    FAVOUR_FIELDS,
    RECOMMENDATION_FIELDS,
    Field,
    favour_fields,
    form_fields,
    me_word,
    recommendation_fields,
)
from knoten.reciprocity.models import Favour, Recommendation
from knoten.reciprocity.roi import KINDS, Channel, default_since, roi
from knoten.reciprocity.signals import Signal, period, signals
from knoten.web import kit
from knoten.web.kit import (
    attempt,
    current_member,
    form_errors,
    is_fragment_request,
    label,
    options,
    page_number,
    shown_date,
)
from knoten.web.picking import person_ref

PERSON_ROWS = 10  # favours and recommendations shown on a person's page
ROI_ROWS = 100  # channels in the table (the busiest); a kind or a period narrows it
CHART_POINTS = 60  # channels drawn in the scatter chart (the busiest)
BUSIEST = 5  # contacts beside the overall balance
REFRESH = "knoten-given"  # the htmx event after a change to a favour or recommendation

FILTERS = ("person", "kind", "role", "since", "until")

# --- how things read: numbers, money, words --------------------------------------------


def number(value: float | Decimal, places: int = 0) -> str:
    """A number in the reader's locale, rounded half up: 1,234.5 or 1.234,5 (Django's
    number_format cuts the digits it does not show)."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return str(formats.number_format(rounded, places, use_l10n=True, force_grouping=True))


def money(amounts: Mapping[str, str] | None) -> str:
    """Amounts per currency (``{"EUR": "5050.00"}``) as "5,050.00 EUR" (joined by " + ")."""
    if not amounts:
        return ""
    if "amount" in amounts:  # one amount: {"amount": …, "currency": …}
        amounts = {amounts["currency"]: amounts["amount"]}
    return " + ".join(
        f"{number(Decimal(amount), 2)} {currency}".strip()
        for currency, amount in sorted(amounts.items())
    )


def effort(minutes: int | None) -> str:
    """Minutes of effort as one reads them: "45 minutes", "2.5 hours" ("" for none)."""
    if not minutes:
        return ""
    if minutes < 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return _("%(hours)s hours") % {"hours": number(Decimal(minutes) / 60, 1)}


# --- rows ------------------------------------------------------------------------------


def _people_url() -> str:
    return reverse("web:people")


def favour_rows(favours: Iterable[Favour], me_id: int) -> list[dict[str, Any]]:
    """Each favour as the row template shows it, in the reader's language."""
    base = reverse("reciprocity:favours")
    rows = []
    for favour in favours:
        row = s.favour_as_dict(favour)
        row.update(
            url=f"{base}{favour.pk}/",
            shown=shown_date(favour.given_on),
            kind_label=label(v.FAVOUR_KINDS, favour.kind),
            outcome_label=label(v.OUTCOMES, favour.outcome),
            value_shown=money(row["value"]),
            won_shown=money(row["won_value"]),
            effort_shown=effort(favour.effort_minutes),
            thanked_shown=shown_date(favour.thanked_on),
            giver_me=favour.giver_id == me_id,
            receiver_me=favour.receiver_id == me_id,
        )
        rows.append(row)
    return rows


def recommendation_rows(
    recommendations: Iterable[Recommendation], me_id: int
) -> list[dict[str, Any]]:
    base = reverse("reciprocity:favours") + "recommendations/"
    rows = []
    for recommendation in recommendations:
        row = s.recommendation_as_dict(recommendation, me_id)
        row.update(
            url=f"{base}{recommendation.pk}/",
            shown=shown_date(recommendation.made_on),
            outcome_label=label(v.OUTCOMES, recommendation.outcome),
            won_shown=money(row["won_value"]),
            recommender_me=recommendation.recommender_id == me_id,
            recipient_me=recommendation.recipient_id == me_id,
            beneficiary_me=recommendation.beneficiary_id == me_id,
            beneficiary_thanked_shown=shown_date(recommendation.beneficiary_thanked_on),
            recipient_thanked_shown=shown_date(recommendation.recipient_thanked_on),
        )
        rows.append(row)
    return rows


# --- the balance and the signals, as the pages show them -------------------------------


def _flow_shown(flow: dict[str, Any]) -> dict[str, Any]:
    flow["kinds"] = [
        (label(v.FAVOUR_KINDS, kind), count)
        for kind, count in sorted(flow["by_kind"].items(), key=lambda item: (-item[1], item[0]))
    ]
    flow["values_shown"] = money(flow["values"])
    flow["won_shown"] = money(flow["won_values"])
    flow["effort_shown"] = effort(flow["minutes"])
    flow["last_shown"] = shown_date(flow["last"])
    return flow


def balance_shown(balance: Balance) -> dict[str, Any]:
    """A balance as the template ``reciprocity/parts.html#balance`` shows it."""
    data = balance.as_dict()
    _flow_shown(data["given"])
    _flow_shown(data["received"])
    share = balance.beneficiary_share
    data["share_shown"] = number(share * 100) if share is not None else ""
    data["since_shown"] = shown_date(balance.since)
    data["more_given"] = max(balance.difference, 0)
    data["more_received"] = max(-balance.difference, 0)
    data["roles"] = [
        (_("as recommender"), data["triangles"]["recommender"]),
        (_("as recipient"), data["triangles"]["recipient"]),
        (_("as beneficiary"), data["triangles"]["beneficiary"]),
    ]
    return data


def signal_rows(found: Sequence[Signal]) -> list[dict[str, Any]]:
    """Each signal with its message and where it points (a person or a channel)."""
    people = _people_url()
    channel_urls = _channel_urls()
    rows = []
    for signal in found:
        row = signal.as_dict()
        if signal.person is not None:
            row["url"] = f"{people}{signal.person.pk}/"
        elif signal.channel:
            row["url"] = _channel_url(channel_urls, signal.channel)
        rows.append(row)
    return rows


def _channel_urls() -> dict[str, str]:
    return {
        "event": reverse("web:events"),
        "organisation": reverse("web:organisations"),
        "circle": reverse("web:people"),
    }


def _channel_url(bases: Mapping[str, str], channel: Mapping[str, Any]) -> str:
    from django.utils.http import urlencode

    if channel["kind"] == "circle":
        return f"{bases['circle']}?{urlencode({'circle': channel['name']})}"
    return f"{bases[channel['kind']]}{channel['id']}/"


def window() -> tuple[dt.date, int]:
    """The start of the period the signals look back on, and its months."""
    since, _end, months = period()
    return since, months


def home_give_and_take(member: Member) -> dict[str, Any]:
    """The home page's part: the overall balance over the signals' period, the busiest
    contacts, and the signals."""
    since, months = window()
    overview = overall_balance(member, since=since)
    # The signals read the same balances with each contact; they are handed over.
    flows = {c.person.pk: c for c in overview.contacts if c.person is not None}
    busiest = []
    people = _people_url()
    for contact in overview.contacts[:BUSIEST]:
        if contact.person is None:
            continue
        busiest.append(
            {
                "name": contact.person.full_name,
                "url": f"{people}{contact.person.pk}/",
                "given": contact.given.total,
                "received": contact.received.total,
                "triangles": contact.triangles,
            }
        )
    return {
        "balance": balance_shown(overview.total),
        "busiest": busiest,
        "months": months,
        "signals": signal_rows(signals(member, flows=flows)),
    }


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Give and take at a glance: the balance, the busiest contacts and the signals. The
    home page fetches it once it is shown (the signals of a large network take a moment);
    without JavaScript it is a page of its own."""
    member = current_member(request)
    context = {"member": member, "giving": home_give_and_take(member)}
    template = "reciprocity/overview.html"
    if is_fragment_request(request):
        template += "#overview"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def person_give_and_take(member: Member, person: Person) -> dict[str, Any]:
    """A person's page's part: *me*'s balance with them over the signals' period, the
    signals about them, and the latest favours and recommendations they are part of."""
    since, months = window()
    me_id = member.me.pk
    is_me = person.pk == me_id
    favours = s.list_favours(member, person=person, limit=PERSON_ROWS + 1)
    recommendations = s.list_recommendations(member, person=person, limit=PERSON_ROWS + 1)
    base = reverse("reciprocity:favours")
    # The signals read the same balances; they are handed over, not read twice.
    if is_me:
        whole = overall_balance(member, since=since)
        balance = whole.total
        flows = {c.person.pk: c for c in whole.contacts if c.person is not None}
    else:
        balance = person_balance(member, person, since=since)
        flows = {person.pk: balance}
    found = signals(member, person=person, channels=False, flows=flows)
    return {
        "balance": balance_shown(balance),
        "months": months,
        "signals": signal_rows(found),
        "favours": favour_rows(favours[:PERSON_ROWS], me_id),
        "more_favours": len(favours) > PERSON_ROWS,
        "recommendations": recommendation_rows(recommendations[:PERSON_ROWS], me_id),
        "more_recommendations": len(recommendations) > PERSON_ROWS,
        "outcomes": options(v.OUTCOMES),
        "list_url": base if is_me else f"{base}?person={person.pk}",
        "is_me": is_me,
    }


def _back(request: HttpRequest, default: str) -> str:
    """Where to go after a change: the page's own ``next``, if it is of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _favour(member: Member, favour_id: int) -> Favour:
    try:
        return s.get_favour(member, favour_id)
    except (NotFound, InvalidInput):  # an id beyond the database's range names nothing
        raise Http404(_("There is no such favour in your network.")) from None


def _recommendation(member: Member, recommendation_id: int) -> Recommendation:
    try:
        return s.get_recommendation(member, recommendation_id)
    except (NotFound, InvalidInput):
        raise Http404(_("There is no such recommendation in your network.")) from None


# --- the favours page -------------------------------------------------------------------


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


def _form_page(
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
        "next": _back(request, ""),
        "cancel": _back(request, reverse("reciprocity:favours")),
    }
    return render(request, "reciprocity/form.html", context, status=400 if errors else 200)


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
    return _form_page(
        request,
        member,
        title=title,
        fields=favour_fields(),
        values=values,
        errors=errors,
        action=action,
        prefix="favour",
    )


def _posted(request: HttpRequest, fields: Sequence[str]) -> dict[str, str]:
    values = {name: request.POST.get(name, "").strip() for name in fields}
    for name in fields:
        if name in kit.PERSON_FIELDS and values[name]:
            values[name] = person_ref(request.POST, me_word(values[name]))
    return values


def _shown(request: HttpRequest, values: Mapping[str, str]) -> dict[str, str]:
    """The values as typed (a picked name, not its id), to show the form again."""
    return {
        name: request.POST.get(name, "").strip() if name in request.POST else value
        for name, value in values.items()
    }


def _name_of(member: Member, text: str) -> str:
    """The name of the person ``?giver=ID`` names (an empty field if there is none)."""
    if not text.isdecimal():
        return ""
    try:
        person = resolve_person(member, text)
    except KnotenError:
        return ""
    return _("me") if person.pk == member.me.pk else person.full_name


@require_http_methods(["GET", "POST"])
def favour_add(request: HttpRequest) -> HttpResponse:
    """Record a favour: who did whom what, when, and what came of it."""
    member = current_member(request)
    if request.method != "POST":
        values = dict.fromkeys(FAVOUR_FIELDS, "")
        values.update(kind="help", outcome="open")
        values["giver"] = _name_of(member, request.GET.get("giver", "")) or _("me")
        values["receiver"] = _name_of(member, request.GET.get("receiver", ""))
        return _favour_form(request, member, values, {})
    values = _posted(request, FAVOUR_FIELDS)
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
            outcome=values["outcome"] or "open",
            won_value=values["won_value"] or None,
            thanked=values["thanked"] == "on",
        ),
        FAVOUR_FIELDS,
    )
    if favour is None:
        return _favour_form(request, member, _shown(request, values), errors)
    messages.success(
        request,
        _("Favour saved: %(giver)s → %(receiver)s.")
        % {"giver": favour.giver.full_name, "receiver": favour.receiver.full_name},
    )
    return redirect(_back(request, reverse("reciprocity:favours")))


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
    values = _posted(request, FAVOUR_FIELDS)
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
            outcome=values["outcome"] or "open",
            won_value=values["won_value"] or None,
            thanked=values["thanked"] == "on",
        ),
        FAVOUR_FIELDS,
    )
    if done is None:
        return _favour_form(request, member, _shown(request, values), errors, favour)
    messages.success(request, _("Favour saved."))
    return redirect(_back(request, reverse("reciprocity:favours")))


# --- one-click changes to a row: thank, outcome, delete ---------------------------------


def _row_response(
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
        return redirect(_back(request, default))
    context: dict[str, Any] = {
        "member": member,
        "outcomes": options(v.OUTCOMES),
        "errors": errors or {},
        "typed_value": request.POST.get("value", ""),
        "back": _back(request, default),
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


@require_POST
def favour_thank(request: HttpRequest, favour_id: int) -> HttpResponse:
    """Note that the favour was thanked for, today."""
    member = current_member(request)
    _favour(member, favour_id)
    with transaction.atomic():
        favour = s.thank_favour(member, favour_id)
    return _row_response(request, member, favour=favour, default=reverse("reciprocity:favours"))


def _outcome_page(
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
    return _form_page(
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


OUTCOME_FIELDS = ("outcome", "value")


@require_http_methods(["GET", "POST"])
def favour_outcome(request: HttpRequest, favour_id: int) -> HttpResponse:
    """What came of a favour; "order won" with the order's value."""
    member = current_member(request)
    favour = _favour(member, favour_id)
    row = favour_rows([favour], member.me.pk)[0]
    if request.method != "POST":
        values = {"outcome": favour.outcome, "value": _favour_values(favour, 0)["won_value"]}
        return _outcome_page(request, member, values, {}, favour=row)
    values = {name: request.POST.get(name, "").strip() for name in OUTCOME_FIELDS}
    done, errors = attempt(
        lambda: s.set_favour_outcome(
            member, favour.pk, values["outcome"], value=values["value"] or None
        ),
        OUTCOME_FIELDS,
    )
    default = reverse("reciprocity:favours")
    if errors and not is_fragment_request(request):
        return _outcome_page(request, member, values, errors, favour=row)
    return _row_response(
        request, member, favour=done or _favour(member, favour_id), errors=errors, default=default
    )


@require_POST
def favour_delete(request: HttpRequest, favour_id: int) -> HttpResponse:
    member = current_member(request)
    favour = _favour(member, favour_id)
    with transaction.atomic():
        s.delete_favour(member, favour.pk)
    return _deleted(request, _("The favour is deleted."))


def _deleted(request: HttpRequest, text: str) -> HttpResponse:
    if is_fragment_request(request):
        response = HttpResponse("")
        response["HX-Trigger"] = REFRESH
        return response
    messages.success(request, text)
    return redirect(_back(request, reverse("reciprocity:favours")))


# --- recommendations -------------------------------------------------------------------


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
    return _form_page(
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
        values["outcome"] = "open"
        for role in ("recommender", "recipient", "beneficiary"):
            values[role] = _name_of(member, request.GET.get(role, ""))
        if not any(values[role] for role in ("recommender", "recipient", "beneficiary")):
            values["recommender"] = _("me")
        return _recommendation_form(request, member, values, {})
    values = _posted(request, RECOMMENDATION_FIELDS)
    found, errors = attempt(
        lambda: s.add_recommendation(
            member,
            recommender=values["recommender"],
            recipient=values["recipient"],
            beneficiary=values["beneficiary"],
            on=values["on"] or None,
            context=values["context"],
            outcome=values["outcome"] or "open",
            won_value=values["won_value"] or None,
        ),
        RECOMMENDATION_FIELDS,
    )
    if found is None:
        return _recommendation_form(request, member, _shown(request, values), errors)
    messages.success(request, _("Recommendation saved."))
    return redirect(_back(request, reverse("reciprocity:favours")))


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
    values = _posted(request, RECOMMENDATION_FIELDS)
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
            outcome=values["outcome"] or "open",
            won_value=values["won_value"] or None,
        ),
        RECOMMENDATION_FIELDS,
    )
    if done is None:
        return _recommendation_form(
            request, member, _shown(request, values), errors, recommendation
        )
    messages.success(request, _("Recommendation saved."))
    return redirect(_back(request, reverse("reciprocity:favours")))


@require_POST
def recommendation_thank(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """Note that the beneficiary (``by=beneficiary``) or the recipient thanked."""
    member = current_member(request)
    _recommendation(member, recommendation_id)
    by = request.POST.get("by", "beneficiary")
    default = reverse("reciprocity:favours")
    try:
        with transaction.atomic():
            found = s.thank_recommendation(member, recommendation_id, by=by)
    except InvalidInput as problem:
        if not is_fragment_request(request):
            messages.error(request, str(problem))
        return _row_response(
            request,
            member,
            recommendation=_recommendation(member, recommendation_id),
            errors={"form": str(problem)},
            default=default,
        )
    return _row_response(request, member, recommendation=found, default=default)


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
        return _outcome_page(request, member, values, {}, recommendation=row)
    values = {name: request.POST.get(name, "").strip() for name in OUTCOME_FIELDS}
    done, errors = attempt(
        lambda: s.set_recommendation_outcome(
            member, recommendation.pk, values["outcome"], value=values["value"] or None
        ),
        OUTCOME_FIELDS,
    )
    if errors and not is_fragment_request(request):
        return _outcome_page(request, member, values, errors, recommendation=row)
    return _row_response(
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
    return _deleted(request, _("The recommendation is deleted."))


# --- the return on networking time ------------------------------------------------------

PERIODS = ("3", "6", "12", "24", "year", "last_year")


def _period_choices() -> list[tuple[str, str]]:
    return [
        ("3", _("the last 3 months")),
        ("6", _("the last 6 months")),
        ("12", _("the last 12 months")),
        ("24", _("the last 24 months")),
        ("year", _("this year")),
        ("last_year", _("last year")),
    ]


def period_of(
    choice: str, since_text: str, until_text: str
) -> tuple[dt.date, dt.date, dict[str, str]]:
    """The period a reader chose: a preset, or the days typed (which win)."""
    end = clock.today()
    errors: dict[str, str] = {}
    if choice == "year":
        start = dt.date(end.year, 1, 1)
    elif choice == "last_year":
        start, end = dt.date(end.year - 1, 1, 1), dt.date(end.year - 1, 12, 31)
    else:
        start = default_since(end, int(choice) if choice in PERIODS else 12)
    for name, text in (("since", since_text), ("until", until_text)):
        if not text:
            continue
        try:
            day = reading.parse_day(text, name)
        except KnotenError as problem:
            errors.update(form_errors(problem, ("since", "until")))
            continue
        if name == "since":
            start = day
        else:
            end = day
    if not errors and start > end:
        errors["since"] = _("The period starts after it ends.")
    return start, end, errors


def _channel_row(
    channel: Channel, bases: Mapping[str, str], labels: Mapping[str, str]
) -> dict[str, Any]:
    row = channel.as_dict()
    per = channel.hours_per_result
    row.update(
        kind_label=labels[channel.kind],
        url=_channel_url(bases, {"kind": channel.kind, "id": channel.id, "name": channel.name}),
        hours_shown=number(channel.hours, 1),
        money_shown=money(row["money"]),
        won_shown=money(row["won_values"]),
        per_result=number(per, 1) if per is not None else "",
        member=channel.member,
        barren=channel.results == 0 and channel.hours > 0,
    )
    return row


def _kind_labels() -> dict[str, str]:
    return {"event": _("Event"), "organisation": _("Organisation"), "circle": _("Circle")}


def _months_chart(member: Member, since: dt.date, until: dt.date) -> dict[str, Any]:
    months = monthly_balance(member, since=since, until=until)
    labels = [formats.date_format(day, "M") for day, _balance in months]
    years = [
        str(day.year) if index == 0 or day.month == 1 else ""
        for index, (day, _balance) in enumerate(months)
    ]
    given = [balance.given.total for _day, balance in months]
    received = [balance.received.total for _day, balance in months]
    svg = charts.bar_chart(
        labels,
        [
            charts.Series(_("Given"), "given", given),
            charts.Series(_("Received"), "received", received),
        ],
        ident="chart-months",
        title=_("Given and received per month"),
        description=_(
            "Favours and recommendations you gave and received, month by month, from "
            "%(since)s to %(until)s: %(given)s given, %(received)s received."
        )
        % {
            "since": shown_date(since),
            "until": shown_date(until),
            "given": number(sum(given)),
            "received": number(sum(received)),
        },
        years=years,
    )
    table = [
        {
            "month": formats.date_format(day, "YEAR_MONTH_FORMAT"),
            "given": balance.given.total,
            "received": balance.received.total,
        }
        for day, balance in months
    ]
    return {"svg": svg, "table": table}


def _channels_chart(rows: Sequence[dict[str, Any]], labels: Mapping[str, str]) -> Any:
    drawn = [row for row in rows if float(row["hours"]) or row["results"]][:CHART_POINTS]
    points = [
        charts.Point(
            name=row["name"],
            x=float(row["hours"]),
            y=row["results"],
            css=row["kind"],
            tip=_("%(name)s (%(kind)s): %(hours)s hours, %(results)s results")
            % {
                "name": row["name"],
                "kind": row["kind_label"],
                "hours": row["hours_shown"],
                "results": number(row["results"]),
            },
            href=row["url"],
        )
        for row in drawn
    ]
    return charts.scatter_chart(
        points,
        ident="chart-channels",
        title=_("Hours against results per channel"),
        description=_(
            "Each dot is a channel: how many hours it took (across) and how many results "
            "it brought (up). A dot far right and low is a time-eater."
        ),
        x_label=_("hours"),
        y_label=_("results"),
        legend=[(labels[kind], kind) for kind in KINDS],
    )


@require_GET
def roi_page(request: HttpRequest) -> HttpResponse:
    """The return on networking time per channel, with the two charts."""
    member = current_member(request)
    values = {
        name: request.GET.get(name, "").strip() for name in ("period", "by", "since", "until")
    }
    if values["period"] not in PERIODS:
        values["period"] = "12"
    since, until, errors = period_of(values["period"], values["since"], values["until"])
    labels = _kind_labels()
    rows: list[dict[str, Any]] = []
    more = 0
    months: dict[str, Any] = {}
    channel_chart = None
    if values["by"] and values["by"] not in KINDS:
        errors["by"] = _("Choose events, organisations or circles.")
    if not errors:
        report = roi(member, by=values["by"] or None, since=since, until=until)
        bases = _channel_urls()
        rows = [_channel_row(c, bases, labels) for c in report.channels[:ROI_ROWS]]
        more = max(len(report.channels) - ROI_ROWS, 0)
        months = _months_chart(member, since, until)
        channel_chart = _channels_chart(rows, labels)
    context = {
        "member": member,
        "values": values,
        "errors": errors,
        "periods": _period_choices(),
        "kinds": [(kind, labels[kind]) for kind in KINDS],
        "since_shown": shown_date(since),
        "until_shown": shown_date(until),
        "rows": rows,
        "more": more,
        "months": months,
        "channel_chart": channel_chart,
        "limit": ROI_ROWS,
        "chart_points": CHART_POINTS,
    }
    return render(request, "reciprocity/roi.html", context, status=400 if errors else 200)
