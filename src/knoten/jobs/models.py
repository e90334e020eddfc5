"""A long job (an import, an export …) that runs off the request path.

The queue itself is django-tasks' (its database backend, ``django_tasks_db``): it
claims each task once, across any number of workers. This row is what the member sees:
what was asked, how far it got, and its result or why it failed. Progress lives beside
it in the data folder (:mod:`knoten.jobs.progress`), because a job that writes in one
transaction holds SQLite's write lock and could not update its own row until the end.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from knoten.core.models import Member, NetworkScoped


class Job(NetworkScoped):
    class State(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    params = models.JSONField(default=dict)
    # The uploaded file the job reads (in the data folder's jobs/, removed when it ends).
    has_input = models.BooleanField(default=False)
    # Progress as it stood when the job ended (while it runs: the progress file).
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["network", "member", "-created_at"], name="job_recent")]

    def __str__(self) -> str:
        return f"job {self.pk} ({self.kind}, {self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    def as_dict(self) -> dict[str, Any]:
        from knoten.jobs.progress import read_progress

        done, total = self.done, self.total
        if not self.finished:
            done, total = read_progress(self.pk) or (done, total)
        return {
            "id": self.pk,
            "kind": self.kind,
            "title": self.title,
            "state": self.state,
            "done": done,
            "total": total,
            "result": self.result,
            "error": self.error,
            "created_at": self.created_at,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
        }
