"""The web kit: what every app's pages do the same way, by public names.

The signed-in member, htmx requests, page numbers and list pages, vocabulary words in the
reader's language, dates as the reader's locale writes them, a domain error put beside
the form field it is about, and the pages of a kind of record (a list, a detail page, a
form to add and edit one, a confirmation before deleting it). The views of ``web`` and
of every app (``reciprocity``, ``exports``, ``imports``, ``mailbox``, ``dedupe``) use
these, so that no page writes them a second time and no face reaches into another's
private helpers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from knoten.core.errors import Ambiguous, InvalidInput, KnotenError, NotFound
from knoten.core.members import member_of_user
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.core.words import Word

T = TypeVar("T")

PAGE_SIZE = 50  # rows on a page of a list
# The form fields (and the domain's field names) that name a person: a name that matches
# no one is "no one in your network", not "nothing".
PERSON_FIELDS = (
    "person",
    "attendee",
    "participant",
    "participants",
    "giver",
    "receiver",
    "recommender",
    "recipient",
    "beneficiary",
)


# --- who asks, and how ------------------------------------------------------------------


def current_member(request: HttpRequest) -> Member:
    """The member the signed-in user is (its first, should there be several); else 404."""
    member = member_of_user(request.user.pk)
    if member is None:
        raise Http404("You are not a member of any network.")
    return member


def is_fragment_request(request: HttpRequest) -> bool:
    """Whether htmx asked for part of a page (not a page restored from its history)."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def wants_part(request: HttpRequest, part: str) -> bool:
    """Whether htmx asked for the element ``#part`` only (not a boosted or restored page)."""
    htmx = getattr(request, "htmx", None)
    return is_fragment_request(request) and htmx is not None and htmx.target == part


def page_number(text: str | None) -> int:
    """The ``page`` asked for: 1 for anything that is not a number, at most 100,000."""
    try:
        number = int(text or "1")
    except ValueError:
        return 1
    return min(max(number, 1), 100_000)


def not_found() -> Http404:
    return Http404(_("There is no such page in your network."))


# --- words, dates and numbers as the reader reads them ---------------------------------


def label(words: Sequence[Word], code: str) -> str:
    """A vocabulary word in the page's language (German or English)."""
    german = (translation.get_language() or "").startswith("de")
    for word in words:
        if word.code == code:
            return word.de if german else word.en
    return code


def options(words: Sequence[Word]) -> list[tuple[str, str]]:
    """A vocabulary as the (code, label) options of a select."""
    return [(word.code, label(words, word.code)) for word in words]


def shown_date(value: str | dt.date | PartialDate | None) -> str:
    """A date or partial date (``2024``, ``2024-05``, ``--03-14``) in the user's locale;
    a text that is no ISO date is shown as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, PartialDate):
        partial = value
    else:
        try:
            partial = PartialDate.parse_iso(value)
        except ValueError:
            return value
    if partial.year is None:
        assert partial.month is not None and partial.day is not None
        return formats.date_format(dt.date(2000, partial.month, partial.day), "MONTH_DAY_FORMAT")
    if partial.month is None:
        return str(partial.year)
    if partial.day is None:
        return formats.date_format(dt.date(partial.year, partial.month, 1), "YEAR_MONTH_FORMAT")
    return formats.date_format(dt.date(partial.year, partial.month, partial.day), "DATE_FORMAT")


def shown_decimal(value: str | None) -> str:
    """A stored decimal ("1234.50") in the user's locale ("1,234.50", "1.234,50")."""
    if value is None:
        return ""
    return formats.number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)


# --- forms: what was sent, and a domain error beside its field -------------------------


def posted_values(request: HttpRequest, fields: Sequence[str]) -> dict[str, str]:
    """What a form sent, each field trimmed ("" for one not sent)."""
    return {name: request.POST.get(name, "").strip() for name in fields}


def posted_changes(request: HttpRequest, fields: Sequence[str]) -> dict[str, str | None]:
    """What an edit form sent: a field it did not send is None (left as it is)."""
    return {name: request.POST[name].strip() if name in request.POST else None for name in fields}


def shown_values(posted: Mapping[str, str | None], current: Mapping[str, str]) -> dict[str, str]:
    """The edit form again: what was sent, and the current value where nothing was."""
    return {name: current[name] if value is None else value for name, value in posted.items()}


def form_errors(
    problem: KnotenError, fields: Sequence[str], aliases: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The message of a domain error, keyed by the form field it is about (or "form").

    ``aliases`` names a form field for a field name of the domain's ("participants" →
    "participant").
    """
    if isinstance(problem, InvalidInput):
        field, message = problem.field, problem.reason or str(problem)
        if problem.value not in ("", None):
            shown = str(problem.value)
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            message = f"“{shown}” {message}"
    elif isinstance(problem, NotFound):
        field = problem.what
        if field in PERSON_FIELDS:
            message = _("No one in your network matches “%(query)s”.") % {"query": problem.query}
        else:
            message = _("Nothing in your network matches “%(query)s”.") % {"query": problem.query}
    elif isinstance(problem, Ambiguous):
        field = problem.what
        message = _("“%(query)s” matches several; be more precise or give one of: %(list)s") % {
            "query": problem.query,
            "list": "; ".join(problem.candidates),
        }
    else:  # pragma: no cover - every domain error is one of the three
        field, message = "", str(problem)
    field = (aliases or {}).get(field, field)
    return {field if field in fields else "form": message}


def attempt(
    action: Callable[[], T], fields: Sequence[str], aliases: Mapping[str, str] | None = None
) -> tuple[T | None, dict[str, str]]:
    """Run one domain call in a transaction; a domain error rolls it all back and comes
    back as :func:`form_errors`."""
    try:
        with transaction.atomic():
            return action(), {}
    except KnotenError as problem:
        return None, form_errors(problem, fields, aliases)


# --- answers ---------------------------------------------------------------------------


def page_response(
    request: HttpRequest, template: str, context: dict[str, Any], errors: Mapping[str, str]
) -> HttpResponse:
    """The page, with status 400 when a form on it has messages."""
    return render(request, template, context, status=400 if errors else 200)


def part_response(
    request: HttpRequest,
    template: str,
    part: str,
    context: dict[str, Any],
    errors: Mapping[str, str] | None = None,
) -> HttpResponse:
    """The page, or only its element ``#part`` when htmx asked for that."""
    if wants_part(request, part):
        template += f"#{part}"
    response = page_response(request, template, context, errors or {})
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def fragment_response(
    request: HttpRequest, template: str, part: str, context: dict[str, Any]
) -> HttpResponse:
    """The page, or only its element ``#part`` when htmx asked for part of a page."""
    if is_fragment_request(request):
        template += f"#{part}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list: its rows and the numbers of the pages before and after it."""

    rows: list[T]
    page: int
    previous_page: int | None
    next_page: int | None

    def context(self) -> dict[str, int | None]:
        return {"page": self.page, "previous_page": self.previous_page, "next_page": self.next_page}


def page_query(filters: Mapping[str, str]) -> str:
    """A list's filters as the start of its pages' query strings (``q=Acme&kind=club&``,
    "" for none): those given, in their order, each as the ``urlencode`` filter writes it.
    The pager (``web/parts/pager.html``) puts ``page=N`` after it."""
    return "".join(f"{name}={quote(value, safe='/')}&" for name, value in filters.items() if value)


def list_page(fetch: Callable[[int, int], Sequence[T]], page: int) -> ListPage[T]:
    """Page ``page`` of what ``fetch(limit, offset)`` finds: one row more than a page is
    fetched to know whether a next page exists, so no page counts the whole list."""
    found = fetch(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    more = len(found) > PAGE_SIZE
    return ListPage(
        list(found[:PAGE_SIZE]), page, page - 1 if page > 1 else None, page + 1 if more else None
    )


def list_page_or_error(
    fetch: Callable[[int, int], Sequence[T]], page: int
) -> tuple[ListPage[T], str]:
    """:func:`list_page` and no message; or, when the domain refuses the list's filter
    (a kind or status it does not know), an empty page and the domain's message."""
    try:
        return list_page(fetch, page), ""
    except KnotenError as problem:
        return ListPage([], page, None, None), str(problem)


# --- the pages of a kind of record: list, detail, add, edit, delete -------------------


@dataclass(frozen=True)
class RecordPages:
    """The pages of one kind of record of the directory (organisations, events, projects).

    ``noun`` names the URLs (``web:NOUNs``, ``web:NOUN`` with ``NOUN_id``) and the
    templates (``web/NOUNs.html``, ``web/NOUN.html``, ``web/NOUN_form.html``);
    ``choices`` gives the form's select options. A detail page with a form in a part of
    its own (``#roles``, ``#attendance``) is :meth:`page`: ``detail`` finds the record,
    ``part`` names the part, ``part_values`` is its form when empty and ``part_choices``
    gives that form's select options; that form posted goes through :meth:`part_change`.
    """

    noun: str
    fields: tuple[str, ...]
    choices: Callable[[], dict[str, Any]]
    detail: Callable[[Member, int], dict[str, Any]] | None = None
    part: str = ""
    part_values: Mapping[str, str] = field(default_factory=dict)
    part_choices: Callable[[], dict[str, Any]] = dict

    def url(self, record_id: int) -> str:
        return reverse(f"web:{self.noun}", kwargs={f"{self.noun}_id": record_id})

    def form_url(self, record: Mapping[str, Any] | None) -> str:
        """Where the add form (no record) or the record's edit form posts."""
        if record is None:
            return reverse(f"web:{self.noun}_add")
        return reverse(f"web:{self.noun}_edit", kwargs={f"{self.noun}_id": record["id"]})

    def list_response(self, request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
        """The list page, or only its results when htmx asked for them."""
        return part_response(request, f"web/{self.noun}s.html", "results", context)

    def form_response(
        self,
        request: HttpRequest,
        member: Member,
        values: Mapping[str, str],
        errors: Mapping[str, str],
        record: Mapping[str, Any] | None = None,
    ) -> HttpResponse:
        """The add form (no record) or the edit form, with the messages beside the fields
        (``web/NOUN_form.html``, which extends ``web/directory/form.html``)."""
        context = {
            "member": member,
            "values": values,
            "errors": errors,
            **self.choices(),
            self.noun: record,
            "record": record,
            "action": self.form_url(record),
            "back": self.url(record["id"]) if record is not None else "",
        }
        return page_response(request, f"web/{self.noun}_form.html", context, errors)

    def add(
        self,
        request: HttpRequest,
        member: Member,
        create: Callable[[dict[str, str]], Any],
        initial: Mapping[str, str] | None = None,
        aliases: Mapping[str, str] | None = None,
        check: Callable[[dict[str, str]], Mapping[str, str]] | None = None,
    ) -> HttpResponse:
        """The add form (GET); posted, ``create(values)`` and on to the new record.

        ``initial`` fills the empty form (a select's first choice); ``check(values)``
        gives the messages of what the form itself refuses before the domain is asked
        (a role without the person who has it).
        """
        if request.method != "POST":
            values = {**dict.fromkeys(self.fields, ""), **(initial or {})}
            return self.form_response(request, member, values, {})
        values = posted_values(request, self.fields)
        refused = check(values) if check is not None else {}
        if refused:
            return self.form_response(request, member, values, refused)
        record, errors = attempt(lambda: create(values), self.fields, aliases)
        if record is None:
            return self.form_response(request, member, values, errors)
        return redirect(self.url(record.pk))

    def edit(
        self,
        request: HttpRequest,
        member: Member,
        record: Mapping[str, Any],
        current: Mapping[str, str],
        change: Callable[[dict[str, str | None]], object],
    ) -> HttpResponse:
        """The edit form (GET); posted, ``change(posted)`` (None for a field not sent)."""
        if request.method != "POST":
            return self.form_response(request, member, current, {}, record)
        posted = posted_changes(request, self.fields)
        _done, errors = attempt(lambda: change(posted), self.fields)
        if errors:
            return self.form_response(
                request, member, shown_values(posted, current), errors, record
            )
        return redirect(self.url(record["id"]))

    def delete(
        self,
        request: HttpRequest,
        member: Member,
        record: Mapping[str, Any],
        remove: Callable[[], object],
        *,
        statement: str,
        consequence: str,
    ) -> HttpResponse:
        """Ask first (GET), then ``remove()`` (POST) and back to the list."""
        errors: dict[str, str] = {}
        if request.method == "POST":
            _done, errors = attempt(remove, ())
            if not errors:
                return redirect(f"web:{self.noun}s")
        context = {
            "member": member,
            "name": record["name"],
            "statement": statement,
            "consequence": consequence,
            "back": self.url(record["id"]),
            "error": errors.get("form", ""),
        }
        return page_response(request, "web/directory/delete.html", context, errors)

    def page(
        self,
        request: HttpRequest,
        member: Member,
        record_id: int,
        values: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """The record's page (``web/NOUN.html``), or only its part when htmx asked for
        that; the part's form as ``values`` left it, with ``errors`` beside its fields."""
        assert self.detail is not None, f"the {self.noun}'s pages have no detail"
        context = {
            "member": member,
            self.noun: self.detail(member, record_id),
            "values": values or dict(self.part_values),
            "errors": errors or {},
            **self.part_choices(),
        }
        return part_response(request, f"web/{self.noun}.html", self.part, context, errors)

    def part_change(
        self,
        request: HttpRequest,
        member: Member,
        record_id: int,
        change: Callable[[], object],
        values: Mapping[str, str],
        aliases: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """The form in the part of the detail page (the people of a project, who was at
        an event) posted: ``change()``; refused, :meth:`page` with the messages beside
        the form's fields (those of ``values``); done, that part again (htmx) or the page
        at that part."""
        _done, errors = attempt(change, tuple(values), aliases)
        if errors:
            return self.page(request, member, record_id, values, errors)
        if wants_part(request, self.part):
            return self.page(request, member, record_id)
        return redirect(self.url(record_id) + f"#{self.part}")


def detail_or_404(fetch: Callable[[], T]) -> T:
    """What ``fetch()`` finds; a record it does not find (in the network) is a 404."""
    try:
        return fetch()
    except NotFound:
        raise not_found() from None
