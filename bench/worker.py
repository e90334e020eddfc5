"""The half of the benchmark that runs inside Django, one process per network size.

``python -m bench.worker build --size N --seed S`` fills a fresh data folder (named by
``KNOTEN_DATA_DIR``) with a demo network and writes ``meta.json`` beside the database;
``python -m bench.worker measure --size N --seed S --runs R`` times the domain functions
the command line calls and writes ``measure.json``; ``http-setup`` signs the benchmark's
member in for ``bench/http.py`` (a session and an API token, with the persons and name
prefixes to ask for) and writes ``http.json``, ``http-teardown`` ends both again.
Django reads its settings once at start, so each data folder needs a process of its own;
``python -m bench`` starts them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.timing import WARMUP, summarise, time_calls

if TYPE_CHECKING:
    from knoten.core.models import Member

BENCH_USER = "bench"
ME_NAME = "Dr. Eva Berger"

# What the benchmark reports for each measure, and the target it is held to (at 100k).
MEASURES = (
    ("person_list", "person list (first page)"),
    ("person_show", "person show"),
    ("person_show_me", "person show me"),
    ("log", "log (one conversation)"),
)


def bench_member() -> Member:
    """The benchmark network's member (*me*), with what every timed call reads of it."""
    from knoten.core.models import Member

    return Member.objects.select_related("network", "person", "user").get(user__username=BENCH_USER)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
    import django

    django.setup()


def build(size: int, seed: int, folder: Path) -> None:
    """A new network of ``size`` persons in the (empty) data folder, and its meta file."""
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from knoten.demo.cli import progress_bar
    from knoten.demo.generate import GENERATOR_VERSION, generate_network
    from knoten.people.networks import create_network

    call_command("migrate", interactive=False, verbosity=0)
    member = create_network("Benchmark network", username=BENCH_USER, me_name=ME_NAME)
    first_seen: dict[str, float] = {}
    stage_seconds: dict[str, float] = {}
    started = time.perf_counter()
    with progress_bar() as bar:

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            stage_seconds[stage] = round(now - first_seen.setdefault(stage, now), 1)
            bar(stage, done, total)

        counts = generate_network(member, size=size, seed=seed, progress=progress)
    seconds = time.perf_counter() - started
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    meta = {
        "key": os.environ.get("KNOTEN_BENCH_KEY", ""),
        "generator_version": GENERATOR_VERSION,
        "size": size,
        "seed": seed,
        "generate_seconds": round(seconds, 1),
        "stage_seconds": stage_seconds,
        "built_at": time.strftime("%Y-%m-%d %H:%M"),
        "counts": counts,
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")


def _unavailable(error: BaseException) -> dict[str, Any]:
    if isinstance(error, ImportError | AttributeError):
        return {"error": "not available yet"}
    return {"error": f"{type(error).__name__}: {error}".splitlines()[0][:200]}


def _timed(name: str, label: str, run: Callable[[], list[float]]) -> dict[str, Any]:
    try:
        figures: dict[str, Any] = summarise(run())
    except Exception as error:  # a function that is missing or broken is reported, not fatal
        if not isinstance(error, ImportError | AttributeError):
            traceback.print_exc(file=sys.stderr)
        figures = _unavailable(error)
    return {"name": name, "label": label, **figures}


def measure(size: int, seed: int, runs: int, folder: Path) -> None:
    """Time list, show, log (and search, when ``bench.search`` exists); write the figures."""
    setup_django()
    from knoten.cli.main import migrate_quietly
    from knoten.journal.models import Interaction
    from knoten.people.models import Person

    migrate_quietly()
    member = bench_member()
    pks = list(
        Person.objects.filter(network_id=member.network_id, archived=False)
        .exclude(pk=member.me.pk)
        .values_list("pk", flat=True)
    )
    rng = random.Random(f"knoten-bench-{seed}")
    # Different persons for every call (the warm-up ones too), the same ones every run.
    shown = rng.sample(pks, min(len(pks), runs + WARMUP))
    talked_to = rng.sample(pks, min(len(pks), runs + WARMUP))

    def person_list() -> list[float]:
        from knoten.people.person_list import list_people

        return time_calls(lambda _: list_people(member, limit=50), runs)

    def person_show() -> list[float]:
        from knoten.profiles.person import person_detail

        return time_calls(lambda i: person_detail(member, shown[i % len(shown)]), runs)

    def person_show_me() -> list[float]:
        from knoten.profiles.person import person_detail

        return time_calls(lambda _: person_detail(member, "me"), runs)

    def log() -> list[float]:
        from knoten.journal.conversations import log_interaction

        people = Person.objects.in_bulk(talked_to)
        created: list[int] = []

        def call(i: int) -> Any:
            person = people[talked_to[i % len(talked_to)]]
            interaction = log_interaction(
                member,
                f"Kaffee mit {person.given_name or person.family_name}: Benchmark-Notiz {i}",
                participants=[person],
            )
            created.append(interaction.pk)
            return interaction

        try:
            return time_calls(call, runs)
        finally:
            # The cached network stays as it was built.
            Interaction.objects.filter(pk__in=created).delete()

    runners = {
        "person_list": person_list,
        "person_show": person_show,
        "person_show_me": person_show_me,
        "log": log,
    }
    figures = [_timed(name, label, runners[name]) for name, label in MEASURES]

    search: list[dict[str, Any]] | None = None
    search_error = ""
    try:
        search_bench: Any = importlib.import_module("bench.search")
    except ModuleNotFoundError as error:
        if error.name != "bench.search":
            raise
        search_error = "not available yet"
    else:
        try:
            search = list(search_bench.measure(member, runs=runs))
        except Exception as error:
            traceback.print_exc(file=sys.stderr)
            search_error = _unavailable(error)["error"]

    result = {
        "size": size,
        "seed": seed,
        "persons": Person.objects.filter(network_id=member.network_id).count(),
        "runs": runs,
        "warmup": WARMUP,
        "figures": figures,
        "search": search,
        "search_error": search_error,
    }
    (folder / "measure.json").write_text(json.dumps(result, indent=2, default=str) + "\n")


HTTP_TOKEN_NAME = "http benchmark"


def http_setup(seed: int, folder: Path, samples: int) -> None:
    """A session and an API token for the benchmark's member, and what to ask the server for.

    The persons are a seeded spread of the network (not only *me*); the search prefixes are
    the first 3, 4 and 5 letters of real given and family names, as someone types them.
    """
    setup_django()
    from django.conf import settings
    from django.test import Client

    from knoten.api.models import ApiToken
    from knoten.api.tokens import create_token
    from knoten.cli.main import migrate_quietly
    from knoten.people.models import Person

    migrate_quietly()
    member = bench_member()
    ApiToken.objects.filter(member_id=member.pk, name=HTTP_TOKEN_NAME).delete()
    client = Client()
    client.force_login(member.user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    token, key = create_token(member, HTTP_TOKEN_NAME)

    people = Person.objects.filter(network_id=member.network_id, archived=False)
    pks = list(people.exclude(pk=member.me.pk).values_list("pk", flat=True))
    rng = random.Random(f"knoten-bench-http-{seed}")
    shown = rng.sample(pks, min(len(pks), samples))
    names = people.filter(pk__in=rng.sample(pks, min(len(pks), samples // 3 + 1)))
    prefixes: list[str] = []
    for given, family in names.order_by("pk").values_list("given_name", "family_name"):
        words = [word for word in (given, family) if word.isalpha() and len(word) >= 5]
        if words:
            word = rng.choice(words)
            prefixes.extend(word[:length] for length in (3, 4, 5))
    rng.shuffle(prefixes)
    setup = {
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session}",
        "session": session,
        "token_id": token.pk,
        "token": key,
        "me": member.me.pk,
        "persons": shown,
        "prefixes": prefixes,
    }
    (folder / "http.json").write_text(json.dumps(setup, indent=2) + "\n")


def http_teardown(folder: Path) -> None:
    """End the session and delete the token ``http-setup`` made (the cache stays as built)."""
    setup_django()
    from django.contrib.sessions.models import Session

    from knoten.api.models import ApiToken

    setup_file = folder / "http.json"
    if not setup_file.exists():
        return
    setup = json.loads(setup_file.read_text())
    Session.objects.filter(session_key=setup["session"]).delete()
    ApiToken.objects.filter(pk=setup["token_id"], name=HTTP_TOKEN_NAME).delete()
    setup_file.unlink()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("action", choices=("build", "measure", "http-setup", "http-teardown"))
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--samples", type=int, default=300, help="persons for http-setup")
    args = parser.parse_args(argv)
    folder = Path(os.environ["KNOTEN_DATA_DIR"])
    if args.action == "build":
        build(args.size, args.seed, folder)
    elif args.action == "http-setup":
        http_setup(args.seed, folder, args.samples)
    elif args.action == "http-teardown":
        http_teardown(folder)
    else:
        measure(args.size, args.seed, args.runs, folder)


if __name__ == "__main__":
    main()
