"""An import as a job (:mod:`knoten.jobs`): the upload page and ``POST /api/import`` hand
a large file to the runner, which calls the same :func:`import_file` as the command
line; registered in :class:`~knoten.imports.apps.ImportsConfig.ready`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.imports.runs import import_file
from knoten.jobs.models import Job
from knoten.jobs.registry import Progress
from knoten.jobs.services import start_job

KIND = "import"
RESULT_TEMPLATE = "imports/job_result.html"


def start_import(
    actor: Member,
    data: bytes,
    source: str,
    *,
    format: str | None = None,
    mapping: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    circle: str | None = None,
    token: str | None = None,
) -> Job:
    """Queue the import of ``data`` (a file called ``source``); see :func:`import_file`.

    ``token`` is the upload page's name for the stored file, so that the result of a
    dry run can offer to import it."""
    params = {
        "source": source,
        "format": format,
        "mapping": mapping,
        "dry_run": dry_run,
        "skip_invalid": skip_invalid,
        "circle": circle,
        "token": token,
    }
    title = (_("Preview of importing %(name)s") if dry_run else _("Import of %(name)s")) % {
        "name": source
    }
    return start_job(actor, KIND, title, params, data)


def run_import(
    actor: Member, params: dict[str, Any], data: bytes | None, progress: Progress
) -> dict[str, Any]:
    """The runner's side: import the job's file, all or nothing; the report as a dict."""
    if data is None:
        raise InvalidInput("file", None, "is missing: the job has no file to import")
    report = import_file(
        actor,
        data,
        str(params.get("source") or "upload"),
        format=params.get("format"),
        mapping=params.get("mapping"),
        dry_run=bool(params.get("dry_run")),
        skip_invalid=bool(params.get("skip_invalid")),
        circle=params.get("circle"),
        progress=progress,
    )
    return report.as_dict()
