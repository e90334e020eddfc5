"""How far a running job got, and the file it reads: both in the data folder's ``jobs/``.

A job that writes in one transaction (an import) holds the database's write lock until
it ends, so it cannot tell its progress through the database; it writes a tiny file
instead (replaced atomically), which the job page and ``GET /api/jobs/{id}`` read. The
workers and the web server share the data folder (one machine; a team server's separate
``knoten jobs work`` runs beside it with the same ``KNOTEN_DATA_DIR``).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from django.conf import settings

# A job writes its progress file at most this often (seconds), and always at the end.
_EVERY = 0.25


def folder() -> Path:
    path = Path(settings.DATA_DIR) / "jobs"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def input_path(job_id: int) -> Path:
    return folder() / f"{job_id}.input"


def _progress_path(job_id: int) -> Path:
    return folder() / f"{job_id}.progress"


def write_input(job_id: int, data: bytes) -> None:
    path = input_path(job_id)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def read_progress(job_id: int) -> tuple[int, int] | None:
    """(done, total) of a running job from its progress file; None before the first."""
    try:
        done, total = json.loads(_progress_path(job_id).read_text())
        return int(done), int(total)
    except (OSError, ValueError, TypeError):
        return None


class Reporter:
    """The progress callback a job's runner is given: ``reporter(done, total)``."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.done = 0
        self.total = 0
        self._written = 0.0

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        now = time.monotonic()
        if now - self._written < _EVERY and done < total:
            return
        self._written = now
        path = _progress_path(self.job_id)
        spare = path.with_suffix(".progress-new")
        spare.write_text(json.dumps([done, total]))
        os.replace(spare, path)


def clean_up(job_id: int) -> None:
    """Remove the files of a job that ended."""
    input_path(job_id).unlink(missing_ok=True)
    _progress_path(job_id).unlink(missing_ok=True)
