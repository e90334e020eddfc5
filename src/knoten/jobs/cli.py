"""``knoten jobs work`` (the runner), ``knoten jobs list`` and ``knoten jobs show ID``.

``knoten serve`` starts the runner by itself, as a child process that ends with the
server; a team server may run it as its own service instead (``knoten serve
--no-jobs`` and ``knoten jobs work``), as many as wanted: each job runs once.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, note, out, print_listing, print_page

jobs_app = typer.Typer(
    name="jobs",
    help="Long jobs (large imports from the web page or the API): run them, list them.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Mount this app's commands on the ``knoten`` command line."""
    app.add_typer(jobs_app)


@jobs_app.command("work")
def work(
    batch: Annotated[
        bool, typer.Option("--batch", help="Run the jobs waiting now, then stop.")
    ] = False,
    interval: Annotated[
        float, typer.Option(min=0.1, metavar="S", help="Look for new jobs every S seconds.")
    ] = 1.0,
    parent: Annotated[int | None, typer.Option(hidden=True)] = None,
) -> None:
    """Run queued jobs until stopped (Ctrl+C); knoten serve runs this by itself.

    Example: knoten jobs work
    """
    from knoten.jobs.tasks import work as run_worker

    if not batch:
        note("Running jobs (Ctrl+C stops after the job at hand).")
    until = None if parent is None else (lambda: os.getppid() != parent)
    run_worker(interval=interval, batch=batch, until=until)


def _table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("id", "job", "state", "progress", "started")
    for row in rows:
        progress = f"{row['done']}/{row['total']}" if row["total"] else "-"
        started = row["started_at"].strftime("%Y-%m-%d %H:%M") if row["started_at"] else "-"
        table.add_row(str(row["id"]), row["title"], row["state"], progress, started)
    return table


@jobs_app.command("list")
def list_jobs(
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="At most N jobs.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """The jobs you started, newest first.

    Example: knoten jobs list --json
    """
    from knoten.jobs.services import recent_jobs

    member = acting_member()
    with domain_errors():
        rows = [job.as_dict() for job in recent_jobs(member, limit)]
    print_listing(rows, json_output=as_json, empty="No jobs.", table=_table, noun="job")


@jobs_app.command("show")
def show(
    job_id: Annotated[int, typer.Argument(metavar="ID", help="The job's id.")],
    as_json: JsonOption = False,
) -> None:
    """One job: its state, progress and result (or why it failed).

    Example: knoten jobs show 3
    """
    from knoten.jobs.services import job_of

    member = acting_member()
    with domain_errors():
        data = job_of(member, job_id).as_dict()

    def page() -> None:
        out.print(f"{data['id']}: {data['title']}", markup=False)
        out.print(f"state: {data['state']}", markup=False)
        if data["total"]:
            out.print(f"progress: {data['done']} of {data['total']}", markup=False)
        if data["error"]:
            out.print(f"error: {data['error']}", markup=False)
        result = data["result"] or {}
        counts = {k: v for k, v in result.items() if isinstance(v, int | str) and k != "source"}
        for key, value in counts.items():
            out.print(f"{key}: {value}", markup=False)

    print_page(data, json_output=as_json, page=page)
