"""What the views of the directory's records (organisations, events, projects) do alike.

Each kind of record says once, in its :class:`knoten.web.kit.RecordPages`, how its record
is found (``detail``); these run one of its pages for a record id: the edit form, the
confirmation before deleting it, and a form posted in a part of its page. The domain
call stays in the view of each kind of record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

from knoten.core.models import Member
from knoten.web import kit

T = TypeVar("T")


def _record(pages: kit.RecordPages, member: Member, record_id: int) -> dict[str, Any]:
    assert pages.detail is not None, f"the {pages.noun}'s pages have no detail"
    return pages.detail(member, record_id)


def edit_page(
    pages: kit.RecordPages,
    request: HttpRequest,
    record_id: int,
    current: Callable[[Mapping[str, Any]], Mapping[str, str]],
    change: Callable[[Member, dict[str, str | None]], object],
) -> HttpResponse:
    """The record's edit form (GET), filled by ``current(record)``; posted,
    ``change(member, posted)`` (None for a field not sent)."""
    member = kit.current_member(request)
    record = _record(pages, member, record_id)
    return pages.edit(
        request, member, record, current(record), lambda posted: change(member, posted)
    )


def delete_page(
    pages: kit.RecordPages,
    request: HttpRequest,
    record_id: int,
    remove: Callable[[Member, int], object],
    *,
    statement: str,
    consequence: str,
) -> HttpResponse:
    """Ask first (GET), then ``remove(member, record_id)`` (POST). ``statement`` names
    the record as ``%(name)s``."""
    member = kit.current_member(request)
    record = _record(pages, member, record_id)
    return pages.delete(
        request,
        member,
        record,
        lambda: remove(member, record_id),
        statement=statement % {"name": record["name"]},
        consequence=consequence,
    )


def part_change(
    pages: kit.RecordPages,
    request: HttpRequest,
    record_id: int,
    resolve: Callable[[Member, int], T],
    values: Mapping[str, str],
    change: Callable[[Member, T], object],
    aliases: Mapping[str, str] | None = None,
) -> HttpResponse:
    """The form in the part of the record's page posted (``values``): the record found
    by ``resolve(member, record_id)`` (else 404), then ``change(member, record)``."""
    member = kit.current_member(request)
    found = kit.detail_or_404(lambda: resolve(member, record_id))
    return pages.part_change(
        request, member, record_id, lambda: change(member, found), values, aliases
    )
