"""Give and take at a glance: the overview page the home page fetches, and what the home
page and a person's page show of it (the balance, the busiest contacts, the signals, the
latest favours and recommendations).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from knoten.core.models import Member
from knoten.people.models import Person
from knoten.reciprocity import services as s
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.balance import overall_balance, person_balance
from knoten.reciprocity.signals import period, signals
from knoten.reciprocity.views.shown import (
    balance_shown,
    favour_rows,
    people_url,
    recommendation_rows,
    signal_rows,
)
from knoten.web.kit import current_member, is_fragment_request, options

PERSON_ROWS = 10  # favours and recommendations shown on a person's page
BUSIEST = 5  # contacts beside the overall balance


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
    people = people_url()
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
