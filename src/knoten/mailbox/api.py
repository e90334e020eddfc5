"""The mailbox app's API operations (mounted at ``/api/`` by knoten.api.site).

Upload an mbox file or an ``.ics`` calendar (multipart, field ``file``) to log the
conversations it holds with known persons, and list the addresses worth adding as
persons. Each operation calls :mod:`knoten.mailbox.importing` or
:mod:`knoten.mailbox.suggestions` as the request's member.
"""

from __future__ import annotations

import os
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from knoten.api.auth import actor
from knoten.api.kit import Text
from knoten.api.paging import Limit, Offset, Page, page_from
from knoten.core.limits import refuse_large_upload, storable
from knoten.mailbox import importing, suggestions

router = Router()

# A calendar is read whole into memory; a mailbox is copied to a temporary file.


class ParticipantOut(Schema):
    id: int
    name: str


class CreatedOut(Schema):
    where: str
    date: str
    kind: str
    summary: str
    participants: list[ParticipantOut]
    interaction: int | None
    caught_up: bool


class SkippedOut(Schema):
    where: str
    reason: str


class ReportOut(Schema):
    source: str
    kind: str
    dry_run: bool
    read: int
    created: int
    already_seen: int
    without_known_person: int
    before_since: int
    recurring: int
    skipped: list[SkippedOut]
    addresses_counted: int
    notes: list[str]
    interactions: list[CreatedOut]


class SuggestionOut(Schema):
    address: str
    names: list[str]
    messages: int
    first: str
    last: str


class SuggestionFilter(Schema):
    min: int = suggestions.DEFAULT_MIN_MESSAGES
    limit: Limit = 50
    offset: Offset = 0


def _name(upload: UploadedFile, default: str) -> str:
    name = os.path.basename(upload.name or "") or default
    storable("file", name)
    return name


def _me(me: list[str] | None) -> list[str]:
    found = [address for entry in me or [] for address in entry.split(",") if address.strip()]
    for address in found:
        storable("me", address)
    return found


@router.post("/mail/import", response=ReportOut)
def import_mailbox(
    request: HttpRequest,
    file: File[UploadedFile],
    since: Form[Text | None] = None,
    bodies: Form[bool] = False,
    dry_run: Form[bool] = False,
    private: Form[bool] = False,
    me: Form[list[Text] | None] = None,
) -> dict[str, Any]:
    """Log a conversation for each message of an uploaded mbox file with someone known.

    Reads only who, when and the subject (``bodies``: also the first 500 characters of
    the text). Uploading the same messages again creates nothing twice.
    """
    member = actor(request)
    name = _name(file, "mailbox.mbox")
    addresses = _me(me)
    report = importing.import_mail_upload(
        member,
        file.chunks(),
        name,
        since=since,
        bodies=bodies,
        dry_run=dry_run,
        me=addresses,
        private=private,
    )
    return report.as_dict()


@router.post("/calendar/import", response=ReportOut)
def import_calendar(
    request: HttpRequest,
    file: File[UploadedFile],
    since: Form[Text | None] = None,
    dry_run: Form[bool] = False,
    private: Form[bool] = False,
    me: Form[list[Text] | None] = None,
) -> dict[str, Any]:
    """Log a meeting for each event of an uploaded ``.ics`` file with someone known.

    Of a recurring event only the first occurrence is taken in; events still to come
    wait for a later upload.
    """
    member = actor(request)
    name = _name(file, "calendar.ics")
    addresses = _me(me)
    refuse_large_upload(file.size, name)
    data = file.read()
    report = importing.import_calendar(
        member, data, name, since=since, dry_run=dry_run, me=addresses, private=private
    )
    return report.as_dict()


@router.get("/mail/suggestions", response=Page[SuggestionOut])
def mail_suggestions(request: HttpRequest, filters: Query[SuggestionFilter]) -> dict[str, Any]:
    """Addresses in ``min`` or more messages or meetings that belong to nobody yet (not
    yours, not a machine's like noreply@), most frequent first."""
    return page_from(
        filters,
        suggestions.suggested_persons,
        suggestions.suggestion_as_dict,
        actor(request),
        min_messages=filters.min,
    )
