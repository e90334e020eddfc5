"""The web app's pages: home, the people list, a person's page, adding a person, and
signing in and out.

The pages call the same domain functions as the command line (``knoten.people.services``,
``knoten.search.query``): no rule is written a second time here.

Every page needs a signed-in user (``LoginRequiredMiddleware``); only the login page,
the one-time sign-in link and the static files are exempt.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.contrib.staticfiles.views import serve as staticfiles_serve
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import set_language as django_set_language

from knoten.core.errors import Ambiguous, InvalidInput, KnotenError, NotFound
from knoten.core.members import member_of_user
from knoten.core.models import Member
from knoten.core.signin import user_for_token
from knoten.core.words import shown_choices
from knoten.journal import vocabulary as journal_words
from knoten.journal.conversations import DEFAULT_KIND
from knoten.people.labels import circle_names, tag_names
from knoten.people.lookup import resolve_person
from knoten.people.person_list import person_row
from knoten.people.persons import PersonFields, add_person
from knoten.people.photos import photo_versions
from knoten.reciprocity.services import log_with_favours
from knoten.search.query import search
from knoten.upkeep.standings import people_listed
from knoten.web.kit import (
    current_member,
    form_errors,
    fragment_response,
    is_fragment_request,
    list_page,
    page_number,
    posted_values,
)
from knoten.web.people_bulk_views import undo_offer
from knoten.web.picking import picked

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def home(request: HttpRequest) -> HttpResponse:
    """The day's overview as cards, the promises due, the latest conversations, the
    quick "log a conversation" box, and the guide through the first three steps."""
    from knoten.journal.today import today_overview
    from knoten.people.models import Person
    from knoten.upkeep.guide import first_steps
    from knoten.upkeep.views.overview import home_overview

    member = member_of_user(request.user.pk)
    context: dict[str, object] = {"member": member}
    if member is not None:
        values = {name: "" for name in LOG_FIELDS}
        values["kind"] = DEFAULT_KIND
        context.update(_log_context(member, values, {}))
        context["person_count"] = Person.objects.filter(network=member.network).count()
        context["today"] = today_overview(member)
        context["overview"] = home_overview(member)
        context["steps"] = first_steps(member)
        context["back"] = request.get_full_path()
    return render(request, "web/home.html", context)


@login_not_required
@never_cache
@require_GET
def signin(request: HttpRequest, token: str) -> HttpResponse:
    """Sign in with the link ``knoten serve`` printed; it works once, for 15 minutes."""
    with transaction.atomic():
        user = user_for_token(token)
        if user is not None:
            # login() sets last_login, which ends the link (see knoten.core.signin).
            login(request, cast("User", user), backend="django.contrib.auth.backends.ModelBackend")
    if user is None:
        return render(request, "web/signin_failed.html", status=403)
    return redirect("web:home")


@login_not_required
def static(request: HttpRequest, path: str) -> HttpResponseBase:
    """The app's own CSS and images.

    gunicorn serves no files by itself, and Knoten is a local server for one person or
    a small team, so Django serves them from the apps' static folders (the staticfiles
    finders) instead of asking for a separate web server or ``collectstatic``.
    """
    return staticfiles_serve(request, path, insecure=True)


class ThrottledAuthenticationForm(AuthenticationForm):
    """The password form, closed for a while after repeated failures (knoten.core.throttle)."""

    def clean(self) -> dict[str, object]:
        from knoten.core import throttle

        username = str(self.data.get("username", ""))
        address = self.request.META.get("REMOTE_ADDR") if self.request else None
        wait = throttle.seconds_to_wait(username, address)
        if wait > 0:
            minutes = max(1, -(-wait // 60))
            raise ValidationError(
                ngettext(
                    "Too many failed sign-ins. Try again in %(minutes)d minute.",
                    "Too many failed sign-ins. Try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.note_failure(username, address)
            raise
        throttle.clear_failures(username)
        return cleaned


class SignInView(LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True
    authentication_form = ThrottledAuthenticationForm


@login_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the language (a cookie, so the choice outlasts the session); also before
    signing in. Django's own view, which checks the language and the return address."""
    return django_set_language(request)


@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    """Everyone in the network, a page at a time; with ``q``, the search's hits.

    Filters by circle, organisation (people there now) and tag narrow the list and the
    search alike. One row more than a page is fetched to know whether a next page
    exists, so no page counts the whole network. An htmx request (search as you type)
    gets only the results.
    """
    member = current_member(request)
    query = request.GET.get("q", "").strip()
    filters = {name: request.GET.get(name, "").strip() for name in ("circle", "org", "tag")}
    archived = request.GET.get("archived") == "1"
    # By name, or by the standing: "strength" (strongest first), "last_contact".
    sort = request.GET.get("sort", "").strip()
    page = page_number(request.GET.get("page"))
    filtered = any(filters.values()) or archived
    rows: list[dict[str, object]] = []
    hits: list[dict[str, object]] = []
    paging: dict[str, int | None] = {"page": page, "previous_page": None, "next_page": None}
    error = ""
    try:
        if query and not filtered:
            found = list_page(
                lambda limit, offset: search(
                    member, query, limit=limit, offset=offset, kinds=["person"]
                ),
                page,
            )
            # The avatar beside each hit: its photo, for the whole page in one query.
            photos = photo_versions(member, [hit.person_id or hit.id for hit in found.rows])
            hits = [
                {
                    "id": hit.person_id or hit.id,
                    "name": hit.title,
                    "archived": hit.archived,
                    "matched": [snippet for _field, snippet in hit.matched],
                    "photo": photos.get(hit.person_id or hit.id),
                }
                for hit in found.rows
            ]
            paging = found.context()
        else:
            people = list_page(
                lambda limit, offset: people_listed(
                    member,
                    sort=sort or None,
                    query=query or None,
                    circle=filters["circle"] or None,
                    org=filters["org"] or None,
                    tag=filters["tag"] or None,
                    include_archived=archived,
                    limit=limit,
                    offset=offset,
                ),
                page,
            )
            for person, standing in people.rows:
                rows.append({**person_row(person, member), "standing": standing})
            paging = people.context()
    except (InvalidInput, NotFound, Ambiguous) as problem:
        error = str(problem)
    wanted = {"q": query, **filters, "archived": "1" if archived else "", "sort": sort}
    base_query = urlencode({key: value for key, value in wanted.items() if value})
    context: dict[str, object] = {
        "member": member,
        "query": query,
        **filters,
        "archived": archived,
        "filtered": filtered,
        "sort": sort,
        "sort_query": urlencode({k: v for k, v in wanted.items() if v and k != "sort"}),
        "circles": circle_names(member),
        "tags": tag_names(member),
        "rows": rows,
        "hits": hits,
        "page_query": f"{base_query}&" if base_query else "",
        **paging,
        "error": error,
        "undo": undo_offer(request),
        "here": request.get_full_path(),
    }
    return fragment_response(request, "web/people_list.html", "results", context)


ADD_FIELDS = ("name", "org", "title", "email")


def person_add(request: HttpRequest) -> HttpResponse:
    """Add a person: only the name is needed, the rest can follow later."""
    member = current_member(request)
    values = {name: "" for name in ADD_FIELDS}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {name: request.POST.get(name, "").strip() for name in ADD_FIELDS}
        fields = PersonFields(
            org=values["org"] or None,
            title=values["title"] or None,
            emails=[values["email"]] if values["email"] else None,
        )
        try:
            with transaction.atomic():
                person = add_person(member, values["name"], fields)
        except (InvalidInput, NotFound) as problem:
            field = getattr(problem, "field", "")
            field = "email" if field.startswith("email") else field
            if field in ADD_FIELDS:
                errors[field] = getattr(problem, "reason", "") or str(problem)
            else:
                errors["form"] = str(problem)
        else:
            return redirect(reverse("web:person", kwargs={"person_id": person.pk}))
    status = 400 if errors else 200
    return render(
        request,
        "web/person_add.html",
        {"member": member, "values": values, "errors": errors},
        status=status,
    )


# --- logging a conversation ------------------------------------------------------------

LOG_FIELDS = (
    "with",
    "summary",
    "on",
    "kind",
    "minutes",
    "promise",
    "due",
    "expect",
    "expect_due",
    "gave",
    "got",
)


def _names(text: str) -> list[str]:
    """The names typed into "With": separated by commas or semicolons."""
    return [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]


def _participants(member: Member, text: str, post: QueryDict) -> list[int]:
    """Each name typed, as a person of the network (a picked name by its id)."""
    chosen = picked(post)
    ids: list[int] = []
    for name in _names(text):
        person = resolve_person(member, chosen.get(name, name), "with")
        if person.pk not in ids:
            ids.append(person.pk)
    return ids


def _promised(text: str, due: str) -> list[str]:
    """A promise as the domain reads it ("TEXT by DATE"); a due date alone is passed on
    for the domain to refuse ("has a due date but no text")."""
    if not due:
        return [text] if text else []
    return [f"{text} by {due}".strip()]


# The domain's names for the log form's fields.
LOG_ALIASES = {"participant": "with", "participants": "with"}


def _log_context(
    member: Member, values: dict[str, str], errors: dict[str, str]
) -> dict[str, object]:
    from knoten.reciprocity import vocabulary as favour_words

    return {
        "member": member,
        "values": values,
        "errors": errors,
        "kinds": shown_choices(journal_words.INTERACTION_KINDS),
        "favour_kinds": shown_choices(favour_words.FAVOUR_KINDS),
    }


def log_conversation(request: HttpRequest) -> HttpResponse:
    """Write down a conversation, from the header link, the home page's box or a person.

    ``?with=ID`` starts the form with that person. An htmx request gets the form back,
    emptied after a save and with the messages beside the fields after a mistake;
    a plain one is sent on to the first participant's page.
    """
    member = current_member(request)
    values = {name: "" for name in LOG_FIELDS}
    values["kind"] = DEFAULT_KIND
    errors: dict[str, str] = {}
    saved = ""
    if request.method == "GET" and request.GET.get("with", "").isdecimal():
        with contextlib.suppress(NotFound):
            values["with"] = resolve_person(member, request.GET["with"]).full_name
    if request.method == "POST":
        values = posted_values(request, LOG_FIELDS)
        try:
            with transaction.atomic():
                participants = _participants(member, values["with"], request.POST)
                # A favour done in the conversation, by kind: *me* for the first person
                # named ("gave"), or they for *me* ("got").
                interaction, _favours = log_with_favours(
                    member,
                    values["summary"],
                    gave=[values["gave"]] if values["gave"] else [],
                    got=[values["got"]] if values["got"] else [],
                    participants=[str(pk) for pk in participants],
                    kind=values["kind"] or None,
                    on=values["on"] or None,
                    minutes=values["minutes"] or None,
                    promises=_promised(values["promise"], values["due"]),
                    expectations=_promised(values["expect"], values["expect_due"]),
                )
        except KnotenError as problem:
            errors = form_errors(problem, LOG_FIELDS, LOG_ALIASES)
        else:
            names = ", ".join(p.full_name for p in interaction.participants.all())
            saved = _("Conversation saved with %(names)s.") % {"names": names}
            if values["gave"] or values["got"]:
                saved += " " + _("The favour is noted.")
            if not is_fragment_request(request):
                messages.success(request, saved)
                return redirect(reverse("web:person", kwargs={"person_id": participants[0]}))
            values = {name: "" for name in LOG_FIELDS}
            values["kind"] = DEFAULT_KIND
    context = _log_context(member, values, errors)
    context["saved"] = saved
    template = "web/log.html"
    if is_fragment_request(request):
        template += "#log_form"
    response = render(request, template, context, status=400 if errors else 200)
    patch_vary_headers(response, ["HX-Request"])
    return response


SUGGESTIONS = 8


@require_GET
def people_suggest(request: HttpRequest) -> JsonResponse:
    """Persons whose names start with what was typed, for the name fields' suggestions.

    The same search as the command line, so "Mueller" suggests Müller.
    """
    member = current_member(request)
    query = request.GET.get("q", "").strip()
    found: list[dict[str, object]] = []
    if query:
        try:
            hits = search(member, query, limit=SUGGESTIONS, kinds=["person"])
        except InvalidInput:
            hits = []
        found = [
            {"id": hit.person_id or hit.id, "name": hit.title, "archived": hit.archived}
            for hit in hits
        ]
    return JsonResponse({"query": query, "people": found})
