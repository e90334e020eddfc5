"""The runner's side: the django-tasks task that runs one job, and the worker loop.

:func:`run` is what the queue holds (``run.enqueue(job_id)``); a worker, ``knoten
jobs work`` or the child that ``knoten serve`` starts, claims it and calls it. The job's
flow is all or nothing, as when called directly: a failure leaves nothing written and
the job says why.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, close_old_connections
from django_tasks import task

from knoten.core import clock
from knoten.core.busy import BUSY_MESSAGE, is_busy
from knoten.core.errors import KnotenError
from knoten.jobs import registry
from knoten.jobs.models import Job
from knoten.jobs.progress import Reporter, clean_up, input_path

logger = logging.getLogger(__name__)

# Writing the job's own row (started, finished) meets another writer's lock at worst:
# it is tried this often, a second apart, before the runner gives up on it.
_TRIES = 30


def _saved(job: Job, fields: list[str]) -> None:
    for attempt in range(_TRIES):
        try:
            job.save(update_fields=fields)
            return
        except DatabaseError as error:
            if not is_busy(error) or attempt == _TRIES - 1:
                raise
            time.sleep(1)


def _failure(error: BaseException) -> str:
    if isinstance(error, KnotenError):
        return error.message
    if is_busy(error):
        return BUSY_MESSAGE
    return f"the job stopped with an unexpected error and wrote nothing: {error}"


@task()
def run(job_id: int) -> None:
    """Run job ``job_id`` and record its result or why it failed."""
    job = Job.objects.select_related("member").filter(pk=job_id).first()
    if job is None or job.state != Job.State.QUEUED:
        return
    flow = registry.flow(job.kind)
    job.state, job.started_at = Job.State.RUNNING, clock.now()
    _saved(job, ["state", "started_at"])
    reporter = Reporter(job.pk)
    try:
        if flow is None:
            raise KnotenError(f"no flow runs jobs of kind {job.kind!r}")
        data = input_path(job.pk).read_bytes() if job.has_input else None
        result: dict[str, Any] = flow.run(job.member, job.params, data, reporter)
    except Exception as error:  # every failure is the job's answer, not the worker's end
        if not isinstance(error, KnotenError):
            logger.exception("job %s (%s) failed", job.pk, job.kind)
        job.state, job.error, job.result = Job.State.FAILED, _failure(error), None
        errors = getattr(error, "errors", None)
        if errors:
            job.result = {"errors": [{"line": e.line, "problem": e.problem} for e in errors]}
    else:
        job.state, job.result = Job.State.DONE, result
    job.done, job.total = reporter.done, reporter.total
    job.finished_at = clock.now()
    _saved(job, ["state", "error", "result", "done", "total", "finished_at"])
    clean_up(job.pk)


def work(
    *, interval: float = 1.0, batch: bool = False, until: Callable[[], bool] | None = None
) -> None:
    """Run queued jobs until stopped (Ctrl+C, SIGTERM); with ``batch``, until none are left.

    ``until`` is asked every ``interval`` seconds; once it says True the worker ends
    after the job it runs (``knoten serve`` passes "the server has gone").
    """
    from django.utils.crypto import get_random_string
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"knoten-{os.getpid()}-{get_random_string(8)}",
        excluded_queue_names=[],
    )
    if until is not None:

        def watch() -> None:
            while worker.running:
                if until():
                    worker.running = False
                    return
                time.sleep(interval)

        threading.Thread(target=watch, daemon=True, name="jobs-watch").start()
    if not batch and threading.current_thread() is threading.main_thread():
        worker.configure_signals()
    close_old_connections()
    worker.run()
