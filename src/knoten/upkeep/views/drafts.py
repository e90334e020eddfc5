"""The draft page (editable, copy, open in mail, send, mark as sent) and the wording page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knoten.core.models import Member
from knoten.core.words import shown_choices
from knoten.people.lookup import person_by_id
from knoten.upkeep import drafts
from knoten.upkeep.salutations import set_gender
from knoten.upkeep.templates_default import PLACEHOLDERS
from knoten.upkeep.vocabulary import OCCASION_KINDS, occasion_words
from knoten.web.kit import attempt, current_member, detail_or_404, not_found, page_response


def _person_or_404(member: Member, person_id: int) -> None:
    if person_by_id(member, person_id) is None:
        raise not_found()


def _page(
    request: HttpRequest, member: Member, person_id: int, errors: dict[str, str]
) -> HttpResponse:
    _person_or_404(member, person_id)
    query = request.GET

    def fetch() -> drafts.Draft:
        return drafts.draft(
            member,
            person_id,
            occasion=query.get("occasion") or None,
            language=query.get("lang") or None,
            key=query.get("key") or None,
        )

    found, problems = attempt(fetch, ["occasion", "lang", "key"])
    if found is None:
        if "form" in problems or "key" in problems:
            found = detail_or_404(lambda: drafts.draft(member, person_id))
        else:
            found = drafts.draft(member, person_id)
        errors = {**errors, **problems}
    context: dict[str, Any] = {
        "draft": found,
        "occasions": shown_choices(OCCASION_KINDS),
        "can_send": drafts.mail_configured(),
        "errors": errors,
        "back": request.get_full_path(),
    }
    return page_response(request, "upkeep/draft.html", context, errors)


@require_GET
def draft_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """The draft for a person: ``?occasion=&key=&lang=``."""
    return _page(request, current_member(request), person_id, {})


def _back(request: HttpRequest, person_id: int) -> str:
    target = request.POST.get("back", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("upkeep:draft", args=[person_id])


@require_POST
def gender(request: HttpRequest, person_id: int) -> HttpResponse:
    """One click: Frau, Herr or neutral; back to the draft."""
    member = current_member(request)
    _person_or_404(member, person_id)
    _done, errors = attempt(
        lambda: set_gender(member, person_id, request.POST.get("gender", "")), ["gender"]
    )
    if errors:
        return _page(request, member, person_id, errors)
    return redirect(_back(request, person_id))


@require_POST
def sent(request: HttpRequest, person_id: int) -> HttpResponse:
    """Mark the draft as sent: an email conversation is logged, the occasion handled."""
    member = current_member(request)
    _person_or_404(member, person_id)
    post = request.POST
    _done, errors = attempt(
        lambda: drafts.mark_sent(
            member, person_id, key=post.get("key") or None, subject=post.get("subject", "")
        ),
        ["subject", "key"],
    )
    if errors:
        return _page(request, member, person_id, errors)
    return redirect(reverse("web:people") + f"{person_id}/")


@require_POST
def send(request: HttpRequest, person_id: int) -> HttpResponse:
    """Send the edited draft through the configured mail server, and log it."""
    member = current_member(request)
    _person_or_404(member, person_id)
    post = request.POST
    _done, errors = attempt(
        lambda: drafts.send_draft(
            member,
            person_id,
            subject=post.get("subject", ""),
            body=post.get("body", ""),
            key=post.get("key") or None,
        ),
        ["subject", "body", "mail", "person"],
    )
    if errors:
        return _page(request, member, person_id, errors)
    return redirect(reverse("web:people") + f"{person_id}/")


@require_http_methods(["GET", "POST"])
def templates_page(request: HttpRequest) -> HttpResponse:
    """Each occasion's wording per language and address, to edit or reset."""
    member = current_member(request)
    errors: dict[str, str] = {}
    if request.method == "POST":
        post = request.POST
        slot = {
            "occasion": post.get("occasion", ""),
            "language": post.get("language", ""),
            "address": post.get("address", ""),
        }

        def change() -> object:
            if post.get("action") == "reset":
                return drafts.reset_template(member, **slot)
            return drafts.set_template(
                member, subject=post.get("subject", ""), body=post.get("body", ""), **slot
            )

        _done, errors = attempt(change, [])
        if not errors:
            return redirect(reverse("upkeep:draft_templates"))
    german = (getattr(request, "LANGUAGE_CODE", "en") or "en").startswith("de")
    rows = [
        {**row, "occasion_words": occasion_words(row["occasion"], german)}
        for row in drafts.list_templates(member)
    ]
    context = {"rows": rows, "placeholders": list(PLACEHOLDERS), "errors": errors}
    return page_response(request, "upkeep/draft_templates.html", context, errors)


__all__ = ["draft_page", "gender", "send", "sent", "templates_page"]
