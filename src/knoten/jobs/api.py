"""``GET /api/jobs`` (the member's jobs) and ``GET /api/jobs/{id}`` (one, with its
progress and result); a job of someone else is not found. ``POST /api/import`` of a
large file answers 202 with such a job."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from knoten.api.auth import actor
from knoten.api.paging import Page, PageParams, page_from
from knoten.jobs.models import Job
from knoten.jobs.services import job_of, recent_jobs

router = Router()


class JobStatus(Schema):
    id: int
    kind: str
    title: str
    state: str
    done: int
    total: int
    result: dict[str, Any] | None
    error: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


def job_out(job: Job) -> dict[str, Any]:
    return job.as_dict()


@router.get("/jobs", response=Page[JobStatus], summary="The jobs you started")
def jobs(request: HttpRequest, window: Query[PageParams]) -> dict[str, Any]:
    """Newest first; each with its state (queued, running, done, failed) and progress."""
    return page_from(window, recent_jobs, job_out, actor(request))


@router.get("/jobs/{job_id}", response=JobStatus, summary="A job: its progress and result")
def job(request: HttpRequest, job_id: int) -> dict[str, Any]:
    """``done`` of ``total`` while it runs; once ``done``, its ``result`` (an import's
    report, say); once ``failed``, the ``error`` (nothing was written)."""
    return job_out(job_of(actor(request), job_id))
