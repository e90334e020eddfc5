"""The job page: ``/jobs/<id>/`` shows a job's progress (polled by htmx every second while
it runs, no script of its own) and, once it ended, its result or why it failed; and
``/jobs/``, the member's recent jobs."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from knoten.core.errors import NotFound
from knoten.core.limits import MAX_ID
from knoten.jobs import registry
from knoten.jobs.services import job_of, recent_jobs
from knoten.web.kit import current_member, is_fragment_request


@require_GET
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    member = current_member(request)
    if job_id > MAX_ID:
        raise Http404("no such job")
    try:
        job = job_of(member, job_id)
    except NotFound:
        raise Http404("no such job") from None
    flow = registry.flow(job.kind)
    context = {
        "member": member,
        "job": job,
        "status": job.as_dict(),
        "result": job.result,
        "result_template": flow.template if flow else "",
    }
    template = "jobs/status.html" if is_fragment_request(request) else "jobs/job.html"
    return render(request, template, context)


@require_GET
def jobs_page(request: HttpRequest) -> HttpResponse:
    member = current_member(request)
    return render(request, "jobs/jobs.html", {"member": member, "jobs": recent_jobs(member)})
