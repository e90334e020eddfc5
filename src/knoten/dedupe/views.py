"""The duplicates pages: the review queue and likely pairs side by side, the merge
confirmation, and "not the same".

Every page calls :mod:`knoten.dedupe.services`, as the command line and the API do.
The forms work without JavaScript; with htmx, "Not the same" removes its pair in place.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.core.limits import is_id
from knoten.core.members import member_of_user
from knoten.core.models import Member
from knoten.core.words import shown_choices
from knoten.dedupe import services as s
from knoten.people import vocabulary as v

PAGE_SIZE = 50


def _field_names(names: list[str]) -> list[str]:
    """``how_we_met`` as "how we met"."""
    return [name.replace("_", " ") for name in names]


def _member(request: HttpRequest) -> Member:
    member = member_of_user(request.user.pk)
    if member is None:
        raise Http404("You are not a member of any network.")
    return member


def _is_htmx(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx)


def _pair_context(candidate: s.Candidate, kinds: dict[str, str]) -> dict[str, Any]:
    data = s.candidate_as_dict(candidate)
    data["percent"] = round(candidate.score * 100)
    for side in (data["a"], data["b"]):
        for contact in side["contacts"]:
            contact["label"] = kinds.get(contact["kind"], contact["kind"])
    return data


@require_GET
def duplicates(request: HttpRequest) -> HttpResponse:
    """The review queue (what an import was not sure of) and the likely pairs."""
    member = _member(request)
    found = s.likely_duplicates(member, limit=PAGE_SIZE)
    kinds = dict(shown_choices(v.CONTACT_KINDS))
    queued = [_pair_context(candidate, kinds) for candidate in found if candidate.queued]
    likely = [_pair_context(candidate, kinds) for candidate in found if not candidate.queued]
    return render(
        request,
        "dedupe/duplicates.html",
        {
            "member": member,
            "queued": queued,
            "likely": likely,
            "limit": PAGE_SIZE,
            "merges": s.recent_merges(member),
        },
    )


def _ids(request: HttpRequest, names: tuple[str, str]) -> tuple[str, str]:
    data = request.POST if request.method == "POST" else request.GET
    values = tuple(data.get(name, "").strip() for name in names)
    for name, value in zip(names, values, strict=True):
        if not value:
            raise InvalidInput(name, value, "is missing; choose two persons from the list")
        if not is_id(value):
            raise NotFound("person", value)
    return values[0], values[1]


def merge(request: HttpRequest) -> HttpResponse:
    """GET: what merging ``other`` into ``keep`` will move; POST: merge."""
    member = _member(request)
    try:
        keep, other = _ids(request, ("keep", "other"))
        if request.method == "POST":
            result = s.merge_persons(member, keep, other)
        else:
            plan = s.merge_persons(member, keep, other, dry_run=True)
    except NotFound:
        raise Http404(_("No such person.")) from None
    except (InvalidInput, Ambiguous) as problem:
        return render(
            request,
            "dedupe/merge.html",
            {"member": member, "error": problem.message},
            status=400,
        )
    if request.method == "POST":
        messages.success(
            request,
            _("%(merged)s was merged into %(kept)s.")
            % {"merged": result["merged"]["name"], "kept": result["kept"]["name"]},
        )
        return redirect(reverse("web:person", kwargs={"person_id": result["kept"]["id"]}))
    return render(
        request,
        "dedupe/merge.html",
        {
            "member": member,
            "plan": plan,
            "keep": keep,
            "other": other,
            "moved": [s.counted(what, count) for what, count in sorted(plan["moved"].items())],
            "dropped": [
                s.counted(what, count)
                for what, count in sorted(plan["dropped"].items())
                if what not in s.NOTED_WHEN_DROPPED
            ],
            # A favour between the two, a triangle naming both: gone, but written into
            # the notes of the person who stays.
            "noted": [
                s.counted(what, count)
                for what, count in sorted(plan["dropped"].items())
                if what in s.NOTED_WHEN_DROPPED
            ],
            "filled": _field_names(plan["filled"]),
        },
    )


@require_POST
def dismiss(request: HttpRequest) -> HttpResponse:
    """Record that two persons are not the same; the pair is not proposed again."""
    member = _member(request)
    try:
        a, b = _ids(request, ("a", "b"))
        s.dismiss_pair(member, a, b)
    except NotFound:
        raise Http404(_("No such person.")) from None
    except (InvalidInput, Ambiguous) as problem:
        if _is_htmx(request):
            return HttpResponse(problem.message, status=400)
        messages.error(request, problem.message)
        return redirect("dedupe:duplicates")
    if _is_htmx(request):
        return HttpResponse("")
    messages.success(request, _("Marked as not the same person."))
    return redirect("dedupe:duplicates")
