"""The keeping-in-touch pages: the due list with its one-click actions.

Each action (snooze, change the cadence) is a form that posts to its own address and
comes back to the list; htmx swaps only the row's part when it asks for it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from knoten.core.models import Member
from knoten.people.lookup import person_by_id
from knoten.upkeep import cadences, due
from knoten.web.kit import (
    attempt,
    current_member,
    fragment_response,
    list_page,
    not_found,
    page_number,
    page_response,
)

SNOOZES = (("1 week", "a week"), ("1 month", "a month"))
PRESETS = ("monthly", "every 6 weeks", "quarterly", "every 6 months", "yearly")


@require_GET
def due_page(request: HttpRequest) -> HttpResponse:
    """Who is due or overdue, the most urgent first; and who is losing touch."""
    member = current_member(request)
    return _page(request, member, {})


def _page(request: HttpRequest, member: Member, errors: dict[str, str]) -> HttpResponse:
    page = page_number(request.GET.get("page"))
    counted: list[int] = []

    def fetch(limit: int, offset: int) -> list[due.Due]:
        rows, total = due.due_list(member, limit=limit, offset=offset)
        counted.append(total)
        return rows

    shown = list_page(fetch, page)
    context = {
        "member": member,
        "rows": shown.rows,
        "total": counted[0] if counted else 0,
        "losing": due.losing_touch(member, limit=10) if page == 1 else [],
        "presets": PRESETS,
        "errors": errors,
        "page_query": "",
        "back": request.get_full_path(),
        **shown.context(),
    }
    return page_response(request, "upkeep/due.html", context, errors)


@require_GET
def more(request: HttpRequest, person_id: int) -> HttpResponse:
    """A due row's rarer actions, opened on demand (snooze until a day, change the
    cadence): the row's "More" fetches them with htmx, or, without JavaScript, its link
    opens them as a page of their own. Each form comes back to ``?next``."""
    member = current_member(request)
    _person_or_404(member, person_id)
    context = {
        "member": member,
        "standing": due.standing_of(member, person_id),
        "presets": PRESETS,
        "back": _back(request, request.GET),
    }
    return fragment_response(request, "upkeep/due_more.html", "more", context)


def _back(request: HttpRequest, given: QueryDict | None = None) -> str:
    target = (request.POST if given is None else given).get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("upkeep:due")


def _person_or_404(member: Member, person_id: int) -> None:
    if person_by_id(member, person_id) is None:
        raise not_found()


@require_POST
def snooze(request: HttpRequest, person_id: int) -> HttpResponse:
    """Snooze a person for a period or until a day; back to where the form was."""
    member = current_member(request)
    _person_or_404(member, person_id)
    until = request.POST.get("until", "").strip()
    _done, errors = attempt(lambda: due.snooze(member, person_id, until), ["until"])
    if errors:
        return _page(request, member, {f"snooze-{person_id}": errors.popitem()[1]})
    return redirect(_back(request))


@require_POST
def cadence(request: HttpRequest, person_id: int) -> HttpResponse:
    """Set a person's cadence ("none" for no cadence); back to where the form was."""
    member = current_member(request)
    _person_or_404(member, person_id)
    every = request.POST.get("every", "").strip()

    def change() -> object:
        if every == "inherit":
            return cadences.clear_cadence(member, person=person_id)
        shown = None if every in ("none", "") else every
        return cadences.set_cadence(member, person=person_id, every=shown)

    _done, errors = attempt(change, ["every"])
    if errors:
        return _page(request, member, {f"cadence-{person_id}": errors.popitem()[1]})
    return redirect(_back(request))
