"""Starting a job and finding one: each member sees only the jobs they started.

A face that starts a long flow calls :func:`start_job` and answers at once with the
job; the runner (:mod:`knoten.jobs.tasks`, in ``knoten serve``'s worker or ``knoten
jobs work``) takes it from the queue. Small inputs stay on the request path
(:func:`runs_in_background` says where the line is), so every face keeps one code path:
the same flow function, called directly or by the runner.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from knoten.core import clock
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.limits import page
from knoten.core.models import Member
from knoten.jobs import registry
from knoten.jobs.models import Job
from knoten.jobs.progress import write_input

# The input (an uploaded file) from which a flow runs as a job rather than on the
# request: 256 KB is some 800 vCards with photos or 1,500 without, about a second of
# importing (KNOTEN_BACKGROUND_KB).
DEFAULT_BACKGROUND_BYTES = 256 * 1024


def background_bytes() -> int:
    return int(getattr(settings, "JOBS_BACKGROUND_BYTES", DEFAULT_BACKGROUND_BYTES))


def runs_in_background(size: int | None) -> bool:
    """Whether an input of ``size`` bytes is worth a job (else the request runs it)."""
    return size is not None and size >= background_bytes()


def start_job(
    actor: Member,
    kind: str,
    title: str,
    params: dict[str, Any],
    data: bytes | None = None,
) -> Job:
    """Queue a job of ``kind`` (a registered flow) with ``params`` and ``data`` (its file)."""
    from knoten.jobs.tasks import run

    if registry.flow(kind) is None:
        raise InvalidInput("kind", kind, f"is no kind of job; one of {', '.join(registry.kinds())}")
    with transaction.atomic():
        job = Job.objects.create(
            network_id=actor.network_id,
            member=actor,
            kind=kind,
            title=title[:300],
            params=params,
            has_input=data is not None,
            created_at=clock.now(),
        )
        if data is not None:
            write_input(job.pk, data)
        # The task's row commits with the job's: a worker never sees one without the other.
        result = run.enqueue(job.pk)
        job.task_id = str(result.id)
        job.save(update_fields=["task_id"])
    return job


def job_of(actor: Member, job_id: int) -> Job:
    """The member's job ``job_id``; NotFound for anyone else's."""
    try:
        return Job.objects.get(pk=job_id, network_id=actor.network_id, member=actor)
    except Job.DoesNotExist:
        raise NotFound("job", job_id) from None


def recent_jobs(actor: Member, limit: int | None = 50, offset: int = 0) -> list[Job]:
    """The member's jobs, newest first (``limit`` of them after ``offset``)."""
    rows = Job.objects.filter(network_id=actor.network_id, member=actor)
    return list(page(rows.order_by("-created_at", "-pk"), limit, offset))
