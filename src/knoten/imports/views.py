"""The import pages: upload a file, see what it would do, then import it.

The upload is kept in the data folder (``uploads/``) between the preview and the
import, under a random name that only the member who uploaded it can use, and removed
once imported or after a day.

A large file (:func:`knoten.jobs.services.runs_in_background`) is previewed and then
imported as a job: each step answers at once with the job's page, which shows a
progress bar and then the same report.
"""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knoten.core.errors import InvalidInput, KnotenError
from knoten.core.limits import max_upload_bytes
from knoten.core.models import Member
from knoten.imports.files import FORMATS
from knoten.imports.jobs import start_import
from knoten.imports.reports import ImportRefused
from knoten.imports.runs import import_file
from knoten.jobs.models import Job
from knoten.jobs.services import runs_in_background
from knoten.web.kit import current_member

_KEEP_SECONDS = 24 * 60 * 60
_OPTIONS = ("format", "map", "circle", "skip_invalid")


def _uploads() -> Path:
    folder = Path(settings.DATA_DIR) / "uploads"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():  # a day-old upload nobody imported
        if now - old.stat().st_mtime > _KEEP_SECONDS:
            old.unlink(missing_ok=True)
    return folder


def _options(request: HttpRequest) -> dict[str, Any]:
    values: dict[str, Any] = {name: request.POST.get(name, "").strip() for name in _OPTIONS}
    values["skip_invalid"] = request.POST.get("skip_invalid") == "on"
    if values["format"] and values["format"] not in FORMATS[:-1]:
        values["format"] = ""
    return values


def _choices(options: dict[str, Any]) -> dict[str, Any]:
    """What the form chose, as :func:`import_file` and :func:`start_import` take it."""
    return {
        "format": options["format"] or None,
        "mapping": options["map"] or None,
        "skip_invalid": options["skip_invalid"],
        "circle": options["circle"] or None,
    }


def _run(member: Member, data: bytes, name: str, options: dict[str, Any], *, dry_run: bool) -> Any:
    return import_file(member, data, name, dry_run=dry_run, **_choices(options))


def _start(
    member: Member, data: bytes, name: str, options: dict[str, Any], *, dry_run: bool, token: str
) -> Job:
    token_kept = token if dry_run else None
    return start_import(member, data, name, dry_run=dry_run, token=token_kept, **_choices(options))


def _to_job(job: Job) -> HttpResponse:
    response = HttpResponseRedirect(reverse("jobs:job", kwargs={"job_id": job.pk}))
    response.status_code = 303
    return response


def _form(
    request: HttpRequest, member: Member, options: dict[str, Any], error: str = "", lines: Any = ()
) -> HttpResponse:
    return render(
        request,
        "imports/upload.html",
        {
            "member": member,
            "values": options,
            "formats": FORMATS[:-1],
            "error": error,
            "lines": list(lines),
            "max_mb": max(1, max_upload_bytes() // 2**20),
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """The upload form; posted, a preview of what the import would do."""
    member = current_member(request)
    if request.method == "GET":
        return _form(request, member, {name: "" for name in _OPTIONS})
    options = _options(request)
    upload = request.FILES.get("file")
    if upload is None:
        return _form(request, member, options, _("Choose a file to import."))
    if upload.size and upload.size > max_upload_bytes():
        return _form(
            request,
            member,
            options,
            _("The file is larger than %(mb)s MB.") % {"mb": max(1, max_upload_bytes() // 2**20)},
        )
    data = upload.read()
    name = Path(upload.name or "upload").name[:200]
    if runs_in_background(len(data)):
        token = secrets.token_urlsafe(24)
        folder = _uploads()
        (folder / f"{token}.data").write_bytes(data)
        job = _start(member, data, name, options, dry_run=True, token=token)
        meta = {"member": member.pk, "name": name, "options": options, "job": job.pk}
        (folder / f"{token}.json").write_text(json.dumps(meta))
        return _to_job(job)
    try:
        report = _run(member, data, name, options, dry_run=True)
    except ImportRefused as refused:
        return _form(request, member, options, refused.message, refused.errors)
    except KnotenError as problem:
        return _form(request, member, options, problem.message)
    token = secrets.token_urlsafe(24)
    folder = _uploads()
    (folder / f"{token}.data").write_bytes(data)
    meta = {"member": member.pk, "name": name, "options": options, "report": report.as_dict()}
    (folder / f"{token}.json").write_text(json.dumps(meta))
    # 303: the browser (and the upload script) fetch the preview with a GET.
    response = HttpResponseRedirect(reverse("imports:preview", kwargs={"token": token}))
    response.status_code = 303
    return response


def _stored(member: Member, token: str) -> dict[str, Any] | None:
    """The upload behind ``token`` if it is still here and the member's, else None."""
    if not token.replace("-", "").replace("_", "").isalnum() or len(token) > 64:
        return None
    meta_file = _uploads() / f"{token}.json"
    if not meta_file.exists():
        return None
    meta: dict[str, Any] = json.loads(meta_file.read_text())
    return meta if meta["member"] == member.pk else None


def _gone(request: HttpRequest, member: Member) -> HttpResponse:
    response = _form(
        request,
        member,
        {name: "" for name in _OPTIONS},
        _("That upload is no longer here (uploads are kept for a day). Upload the file again."),
    )
    response.status_code = 404
    return response


@require_GET
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """What importing the uploaded file would do, with the button to do it."""
    member = current_member(request)
    meta = _stored(member, token)
    if meta is None:
        return _gone(request, member)
    if "report" not in meta:  # a large file, previewed by a job
        return HttpResponseRedirect(reverse("jobs:job", kwargs={"job_id": meta["job"]}))
    return render(
        request,
        "imports/preview.html",
        {"member": member, "report": meta["report"], "token": token, "done": False},
    )


@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Import the file the preview showed."""
    member = current_member(request)
    token = request.POST.get("token", "")
    meta = _stored(member, token)
    if meta is None:
        return _gone(request, member)
    folder = _uploads()
    meta_file, data_file = folder / f"{token}.json", folder / f"{token}.data"
    data = data_file.read_bytes()
    if runs_in_background(len(data)):
        job = _start(member, data, meta["name"], meta["options"], dry_run=False, token=token)
        meta_file.unlink(missing_ok=True)
        data_file.unlink(missing_ok=True)
        return _to_job(job)
    try:
        report = _run(member, data, meta["name"], meta["options"], dry_run=False)
    except InvalidInput as problem:
        return _form(request, member, meta["options"], problem.message)
    meta_file.unlink(missing_ok=True)
    data_file.unlink(missing_ok=True)
    return render(
        request,
        "imports/preview.html",
        {"member": member, "report": report.as_dict(), "done": True},
    )
