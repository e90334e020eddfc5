"""Long jobs: a large import answers at once with a job, which the runner takes from the
queue; the job reports its progress and result, or why it failed (nothing written); a
job of one member is not found by another, by page, endpoint or command."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.imports.models import ImportRun
from knoten.jobs import registry
from knoten.jobs.models import Job
from knoten.jobs.services import job_of, recent_jobs, start_job
from knoten.jobs.tasks import work
from knoten.people.models import Person
from tests.conftest import CliResult, World

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Öztürk;Ayşe;;;\r\nFN:Ayşe Öztürk\r\n"
    "EMAIL;TYPE=work:ayse@oeztuerk.example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Berg;Ben;;;\r\nFN:Ben Berg\r\nEND:VCARD\r\n"
)
BROKEN = CARD + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cem Cakir\r\nBDAY:1980-02-30\r\nEND:VCARD\r\n"


@pytest.fixture(autouse=True)
def small_jobs(settings: Any, tmp_path: Any) -> None:
    """Every file of 100 bytes or more is "large" and so becomes a job. Each test keeps
    its jobs' files in a folder of its own: the test workers' databases each start their
    job ids at 1, and would otherwise share (and remove) each other's ``1.input``."""
    settings.JOBS_BACKGROUND_BYTES = 100
    settings.DATA_DIR = tmp_path


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def vcf(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("Kontakte.vcf", text.encode(), "text/vcard")


# A test that runs the worker commits as it goes: django-tasks' worker closes the
# database connection (close_old_connections) before it claims a job, which on PostgreSQL
# would end the transaction a test is otherwise wrapped in, with all it wrote. Without
# that transaction the closed connection is simply opened again, and the tables are
# emptied after the test.
RUNS_THE_WORKER = pytest.mark.django_db(transaction=True)


def run_queued() -> None:
    """The runner, in the test's own process, until the queue is empty."""
    assert not connection.in_atomic_block, "mark a test that runs the worker @RUNS_THE_WORKER"
    work(batch=True, interval=0)


def people(member: Member) -> set[str]:
    return set(
        Person.objects.filter(network_id=member.network_id)
        .exclude(member__isnull=False)
        .values_list("family_name", flat=True)
    )


@RUNS_THE_WORKER
def test_a_large_api_import_answers_at_once_with_a_job_that_runs_and_reports(
    member: Member,
) -> None:
    client = signed_in(member)
    answer = client.post("/api/import", {"file": vcf(CARD), "circle": "Messe"})
    assert answer.status_code == 202, answer.content
    job = answer.json()
    assert (job["kind"], job["state"], job["result"]) == ("import", "queued", None)
    assert people(member) == set()  # nothing imported yet: the request did not wait
    run_queued()
    done = client.get(f"/api/jobs/{job['id']}")
    assert done.status_code == 200
    body = done.json()
    assert body["state"] == "done" and body["error"] == ""
    assert (body["done"], body["total"]) == (2, 2)
    assert (body["result"]["created"], body["result"]["dry_run"]) == (2, False)
    assert people(member) == {"Öztürk", "Berg"}
    assert Person.objects.filter(circles__name="Messe").count() == 2
    listed = client.get("/api/jobs").json()
    assert [item["id"] for item in listed["items"]] == [job["id"]]


def test_a_small_import_stays_on_the_request(member: Member, settings: Any) -> None:
    settings.JOBS_BACKGROUND_BYTES = 1024 * 1024
    answer = signed_in(member).post("/api/import", {"file": vcf(CARD)})
    assert answer.status_code == 200 and answer.json()["created"] == 2
    assert not Job.objects.exists()


@RUNS_THE_WORKER
def test_a_failing_job_writes_nothing_and_says_why(member: Member) -> None:
    client = signed_in(member)
    job_id = client.post("/api/import", {"file": vcf(BROKEN)}).json()["id"]
    run_queued()
    body = client.get(f"/api/jobs/{job_id}").json()
    assert body["state"] == "failed"
    assert "line 15" in body["error"] and "nothing was written" in body["error"]
    assert body["result"]["errors"][0]["line"] == 15
    assert people(member) == set()
    assert not ImportRun.objects.filter(network_id=member.network_id).exists()


@RUNS_THE_WORKER
def test_a_job_reports_its_progress_while_it_runs(member: Member) -> None:
    seen: list[dict[str, Any]] = []

    def count_to_four(
        actor: Member, params: dict[str, Any], data: bytes | None, progress: Any
    ) -> dict[str, Any]:
        for done in range(1, 5):
            progress(done, 4)
            seen.append(job_of(actor, params["me"]).as_dict())
        return {"counted": 4, "input": (data or b"").decode()}

    registry.register("count", count_to_four, "jobs/result.html")
    job = start_job(member, "count", "Count", {}, b"abc")
    job.params = {"me": job.pk}
    job.save(update_fields=["params"])
    run_queued()
    assert [(s["state"], s["done"], s["total"]) for s in seen][-1] == ("running", 4, 4)
    assert seen[0]["state"] == "running" and seen[0]["total"] == 4
    job.refresh_from_db()
    assert (job.state, job.result, job.done, job.total) == (
        "done",
        {"counted": 4, "input": "abc"},
        4,
        4,
    )


def test_an_unknown_kind_of_job_is_refused(member: Member) -> None:
    with pytest.raises(InvalidInput, match="is no kind of job"):
        start_job(member, "no such kind", "x", {})
    assert not Job.objects.exists()


@RUNS_THE_WORKER
def test_a_job_is_found_only_by_the_member_who_started_it(world: World) -> None:
    job_id = signed_in(world.alice).post("/api/import", {"file": vcf(CARD)}).json()["id"]
    run_queued()
    bob = signed_in(world.bob)
    assert bob.get(f"/api/jobs/{job_id}").status_code == 404
    assert bob.get("/api/jobs").json()["items"] == []
    assert bob.get(f"/jobs/{job_id}/").status_code == 404
    assert f"/jobs/{job_id}/" not in bob.get("/jobs/").content.decode()
    assert f"/jobs/{job_id}/" in signed_in(world.alice).get("/jobs/").content.decode()
    with pytest.raises(NotFound):
        job_of(world.bob, job_id)
    assert recent_jobs(world.bob) == []
    assert signed_in(world.alice).get(f"/jobs/{job_id}/").status_code == 200


@RUNS_THE_WORKER
def test_the_import_page_answers_at_once_with_a_job_and_its_progress_bar(member: Member) -> None:
    client = signed_in(member)
    answer = client.post("/import/", {"file": vcf(CARD)})
    assert answer.status_code == 303
    page = client.get(answer["Location"])
    html = page.content.decode()
    # Still waiting: the status part polls itself (htmx, no script of the page's own).
    assert "<progress" in html and 'hx-trigger="every 1s"' in html
    assert people(member) == set()
    run_queued()  # the preview (a dry run)
    polled = client.get(answer["Location"], headers={"HX-Request": "true"})
    html = polled.content.decode()
    assert "hx-trigger" not in html and "<html" not in html
    assert "Kontakte.vcf: 2 records." in html
    token = html.split('name="token" value="')[1].split('"')[0]
    assert people(member) == set()
    confirmed = client.post("/import/confirm/", {"token": token})
    assert confirmed.status_code == 303
    run_queued()
    html = client.get(confirmed["Location"]).content.decode()
    assert "The import is saved." in html
    assert people(member) == {"Öztürk", "Berg"}


@pytest.fixture
def jobs_cli(cli: Callable[..., CliResult], member: Member) -> Iterator[Callable[..., Any]]:
    def run(*args: str) -> Any:
        result = cli("jobs", *args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    yield run


@RUNS_THE_WORKER
def test_the_command_line_lists_and_shows_jobs(
    member: Member, cli: Callable[..., CliResult], jobs_cli: Callable[..., Any]
) -> None:
    signed_in(member).post("/api/import", {"file": vcf(CARD)})
    assert [job["state"] for job in jobs_cli("list")] == ["queued"]
    result = cli("jobs", "work", "--batch")
    assert result.exit_code == 0, result.stderr
    listed = jobs_cli("list")
    assert [job["state"] for job in listed] == ["done"]
    shown = jobs_cli("show", str(listed[0]["id"]))
    assert shown["result"]["created"] == 2
    missing = cli("jobs", "show", "999999")
    assert missing.exit_code == 1 and "no job matches 999999" in missing.stderr


def test_a_busy_database_is_one_clear_line_on_the_command_line(
    member: Member, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    from knoten.jobs import services

    def locked(*args: Any, **kwargs: Any) -> list[Job]:
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "recent_jobs", locked)
    result = cli("jobs", "list")
    assert result.exit_code == 75
    assert (
        result.stderr.startswith("Error: the database is busy") and "Traceback" not in result.stderr
    )
