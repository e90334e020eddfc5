"""``POST /api/import``: a vCard or CSV file into the network, as ``knoten import`` does."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from knoten.api.auth import actor
from knoten.core.limits import refuse_large_upload
from knoten.imports.files import FORMATS
from knoten.imports.jobs import start_import
from knoten.imports.runs import import_file
from knoten.jobs.api import JobStatus, job_out
from knoten.jobs.services import runs_in_background

router = Router()

# The largest file the API and the upload page take (a vCard of 10,000 contacts with
# photos is some 30 MB; without photos a few MB).


class RecordOut(Schema):
    line: int
    name: str
    action: str
    person_id: int | None
    matched: str
    reasons: list[str]
    added: list[str]
    problem: str


class ImportOut(Schema):
    source: str
    format: str
    dry_run: bool
    read: int
    created: int
    merged: int
    unchanged: int
    to_review: int
    skipped: int
    warnings: list[str]
    records: list[RecordOut]


@router.post(
    "/import", response={200: ImportOut, 202: JobStatus}, summary="Import a vCard or CSV file"
)
def import_contacts(
    request: HttpRequest,
    file: UploadedFile = File(..., description="A .vcf or .csv file."),
    format: str | None = Form(
        None, description=f"One of {', '.join(FORMATS[:-1])}; found from the content if not given."
    ),
    map: str | None = Form(
        None, description='For a CSV of no known program: "Vorname=given_name,E-Mail=email".'
    ),
    dry_run: bool = Form(False, description="Only report what would happen."),
    skip_invalid: bool = Form(
        False, description="Import the readable records and list the others."
    ),
    circle: str | None = Form(None, description="Put everyone imported in this circle."),
) -> Status:
    """Every record becomes a person or is merged into one already here (the same e-mail,
    phone or profile); a close name goes to the review queue. One transaction: a record
    that cannot be read refuses the whole file (400, naming the line) unless
    ``skip_invalid``. Importing the same file again creates nothing.

    A file of 256 KB or more (``KNOTEN_BACKGROUND_KB``) is imported in the background:
    the answer is 202 with the job at once; ``GET /api/jobs/{id}`` tells its progress
    and, once done, the same report (or, failed, why: nothing was written)."""
    from knoten.core.errors import InvalidInput

    name = file.name or "upload"
    refuse_large_upload(file.size, name)
    if format == "json":
        raise InvalidInput("format", format, "is for knoten import on the command line")
    options: dict[str, Any] = {
        "format": format or None,
        "mapping": map or None,
        "dry_run": dry_run,
        "skip_invalid": skip_invalid,
        "circle": circle,
    }
    if runs_in_background(file.size):
        return Status(202, job_out(start_import(actor(request), file.read(), name, **options)))
    report = import_file(actor(request), file.read(), name, **options)
    return Status(200, report.as_dict())
