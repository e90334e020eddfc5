"""The command palette (issue 17): its answer for what is typed, timed at 100k persons.

``python -m bench.palette [--size 100k] [--runs 50]`` (and ``python -m bench --only
palette``) times, in a process of its own on the cached demo network, the palette's
answer as the browser asks it: ``GET /palette/?q=…`` through Django's whole stack
(middleware, the signed-in session, the view, JSON), and
:func:`knoten.search.suggest.quick_matches` alone, for what people type into it: three
letters of the commonest family name with an umlaut typed without it ("Mue" for
Müller), a whole family name, a given and a family name, one letter, "path to" a
name, and a command ("log"). Each figure is a median and a p95 over ``--runs`` calls
after a warm-up. Target at 100,000 persons: every answer p95 ≤ 100 ms.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.timing import figure_lines, run_alone

ROOT = Path(__file__).resolve().parent.parent
TARGET_SIZE = 100_000
PALETTE_P95_MS = 100.0


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from django.test import Client

    from bench.search import _typed_without_marks, queries
    from bench.timing import summarise, time_calls
    from bench.worker import BENCH_USER
    from knoten.core.models import Member
    from knoten.search.suggest import quick_matches

    member = Member.objects.select_related("network", "person", "user").get(
        user__username=BENCH_USER
    )
    found = dict(queries(member))
    umlaut = _typed_without_marks(found["umlaut variant"])
    typed = [
        ("prefix", f"three letters, umlaut typed out ({umlaut[:3]!r})", umlaut[:3]),
        ("family", f"a family name ({found['one word']!r})", found["one word"]),
        ("full", f"given and family name ({found['two words']!r})", found["two words"]),
        ("letter", "one letter ('m')", "m"),
        ("path", f"path to … ('path to {umlaut[:4]}')", f"path to {umlaut[:4]}"),
        ("command", "a command ('log')", "log"),
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(member.user)

    def timed(name: str, label: str, call: Callable[[int], Any]) -> dict[str, Any]:
        try:
            return {"name": name, "label": label, **summarise(time_calls(call, runs))}
        except Exception as error:  # a broken call is reported, not fatal
            traceback.print_exc(file=sys.stderr)
            return {"name": name, "label": label, "error": f"{type(error).__name__}: {error}"}

    def ask(query: str) -> Callable[[int], Any]:
        def call(_: int) -> Any:
            answer = client.get("/palette/", {"q": query})
            if answer.status_code != 200:
                raise RuntimeError(f"/palette/?q={query} answered {answer.status_code}")
            return answer.json()

        return call

    figures = [timed(f"http_{name}", f"GET /palette/: {label}", ask(q)) for name, label, q in typed]
    figures.append(
        timed(
            "quick_prefix",
            "quick_matches alone, three letters",
            lambda _: quick_matches(member, umlaut[:3]),
        )
    )
    sample = {label: ask(q)(0)["items"][:3] for _, label, q in typed}
    return {"runs": runs, "seed": seed, "figures": figures, "sample": sample}


def worker(out: Path, runs: int, seed: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
    import django

    django.setup()
    from knoten.cli.main import migrate_quietly

    migrate_quietly()
    result = _figures(runs, seed)
    out.write_text(json.dumps(result, indent=2, default=str) + "\n")


def measure(folder: Path, env: dict[str, str], runs: int = 50, seed: int = 1) -> dict[str, Any]:
    """Every figure of this module on the network in ``folder`` (``env`` names it)."""
    out = folder / "palette.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, "-m", "bench.palette", "--worker", "--out", str(out)]
    command += ["--runs", str(runs), "--seed", str(seed)]
    done = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if done.returncode != 0 or not out.exists():
        return {"error": f"the palette figures failed (exit {done.returncode})"}
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _target(name: str, p95: float) -> str:
    over = p95 - PALETTE_P95_MS
    return f"p95 ≤ {PALETTE_P95_MS:.0f} ms  " + ("ok" if over <= 0 else f"MISS by {over:.1f} ms")


def report_lines(result: dict[str, Any], *, at_target: bool) -> list[str]:
    part = result.get("palette")
    if part is None:
        return []
    if "error" in part:
        return [f"  Command palette: {part['error']}"]
    lines = ["  Command palette", f"  {'':50}{'median':>11}  {'p95':>11}  (calls: {part['runs']})"]
    return lines + figure_lines(part["figures"], _target, at_target=at_target)


def main(argv: list[str] | None = None) -> int:
    return run_alone(
        "palette",
        __doc__,
        argv,
        worker=worker,
        measure=measure,
        report_lines=report_lines,
        target_size=TARGET_SIZE,
    )


if __name__ == "__main__":
    sys.exit(main())
