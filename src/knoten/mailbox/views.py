"""The mail page: upload an mbox file or an .ics calendar, and the persons worth adding.

One form takes either file (a calendar is recognised by its BEGIN:VCALENDAR); "only
show" (on by default) runs the import as a dry run, so the page shows what would be
created before anything is saved. Below, the addresses that recur in the mail but
belong to nobody, each with a button that adds the person.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from knoten.core.errors import KnotenError
from knoten.core.limits import max_upload_bytes
from knoten.core.models import Member
from knoten.mailbox import importing, suggestions
from knoten.mailbox.reports import MailReport
from knoten.web.kit import current_member

# What the page shows of a report and of the suggestions.
SHOWN_ROWS = 200
SHOWN_SUGGESTIONS = 50


def _is_calendar(name: str, head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    return name.lower().endswith((".ics", ".ical", ".ifb")) or start.startswith(b"BEGIN:VCALENDAR")


def _suggestion_rows(member: Member, least: int) -> list[dict[str, Any]]:
    rows = []
    for row in suggestions.suggested_persons(member, min_messages=least, limit=SHOWN_SUGGESTIONS):
        data = suggestions.suggestion_as_dict(row)
        # A name to start from: the one seen last, else the address before the @.
        data["name"] = data["names"][-1] if data["names"] else row.address.split("@")[0]
        rows.append(data)
    return rows


def _least(text: str | None) -> int:
    value = (text or "").strip()
    if value.isdecimal() and 1 <= int(value) <= 1000:
        return int(value)
    return suggestions.DEFAULT_MIN_MESSAGES


def _import(member: Member, request: HttpRequest, values: dict[str, Any]) -> MailReport:
    upload = request.FILES.get("file")
    if upload is None:
        raise KnotenError(_("Choose an mbox file or an .ics calendar to read."))
    name = Path(upload.name or "upload").name[:200]
    options: dict[str, Any] = {
        "since": values["since"] or None,
        "dry_run": values["preview"],
        "me": [a.strip() for a in values["me"].replace(";", ",").split(",") if a.strip()],
        "private": values["private"],
    }
    chunks = upload.chunks()
    first = next(chunks, b"")
    if _is_calendar(name, first):
        if (upload.size or 0) > max_upload_bytes():
            raise KnotenError(
                _("The calendar is larger than %(mb)s MB.")
                % {"mb": max(1, max_upload_bytes() // 2**20)}
            )
        data = first + b"".join(chunks)
        return importing.import_calendar(member, data, name, **options)

    def everything() -> Any:
        yield first
        yield from chunks

    return importing.import_mail_upload(
        member, everything(), name, bodies=values["bodies"], **options
    )


@require_http_methods(["GET", "POST"])
def mail(request: HttpRequest) -> HttpResponse:
    """Upload mail or a calendar (a preview first, by default); persons worth adding."""
    member = current_member(request)
    least = _least(request.GET.get("min"))
    values: dict[str, Any] = {
        "since": "",
        "me": "",
        "preview": True,
        "bodies": False,
        "private": False,
    }
    report = None
    error = ""
    if request.method == "POST":
        values = {
            "since": request.POST.get("since", "").strip(),
            "me": request.POST.get("me", "").strip(),
            "preview": request.POST.get("preview") == "on",
            "bodies": request.POST.get("bodies") == "on",
            "private": request.POST.get("private") == "on",
        }
        try:
            report = _import(member, request, values).as_dict()
        except KnotenError as problem:
            error = problem.message
    if report is not None:
        report["interactions"] = report["interactions"][:SHOWN_ROWS]
    return render(
        request,
        "mailbox/mail.html",
        {
            "member": member,
            "values": values,
            "report": report,
            "error": error,
            "suggestions": _suggestion_rows(member, least),
            "least": least,
            "shown_rows": SHOWN_ROWS,
        },
        status=400 if error else 200,
    )
