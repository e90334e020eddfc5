"""Who knows about a topic (issue 14), timed over many topics.

``python -m bench.expertise [--size 100k] [--runs 50]`` (and ``python -m bench --only
whoknows``) times, in a process of its own on the cached demo network, the function that
``knoten whoknows``, the page and the API call (``who_knows``, the first 20 people) for
each of at least 50 topics: the demo's skills and industries, German and English forms,
inflected forms (plural, other endings) and words of the minutes; every topic is asked
twice or more (at least ``--runs`` calls in all). Beside it, the index step alone
(``candidates``) as the floor. Target, held at 100,000 persons: p95 ≤ 100 ms.
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
WHOKNOWS_P95_MS = 100.0

# Forms a user types that the demo's words do not have as such.
EXTRA_TOPICS = (
    "Ausschreibung",
    "öffentliche Ausschreibung",
    "oeffentliche Ausschreibungen",
    "photovoltaic",
    "Photovoltaikanlagen",
    "energy",
    "Energie",
    "tender",
    "quality management",
    "Steuer",
    "Mentor",
    "Fotograf",
    "photography",
    "Marketing",
    "Software",
    "Export",
    "Digitalisierungsprojekte",
    "artificial intelligence",
    "Nachhaltigkeit",
    "sustainability",
)


def topics() -> list[str]:
    """At least 50 topics: the demo's general skills, its industries and a skill of each,
    and :data:`EXTRA_TOPICS`."""
    from knoten.demo.organisation_words import GENERAL_SKILLS, INDUSTRIES

    found: list[str] = list(GENERAL_SKILLS)
    for industry, skills in INDUSTRIES.items():
        found.append(industry)
        found.extend(skills[:2])
    found.extend(EXTRA_TOPICS)
    return list(dict.fromkeys(found))


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from bench.timing import summarise, time_calls
    from bench.worker import BENCH_USER
    from knoten.core.models import Member
    from knoten.expertise.candidates import candidates
    from knoten.expertise.topics import who_knows

    member = Member.objects.select_related("network", "person", "user").get(
        user__username=BENCH_USER
    )
    asked = topics()
    calls = max(runs, 2 * len(asked))

    def timed(name: str, label: str, call: Callable[[int], Any]) -> dict[str, Any]:
        try:
            seconds = time_calls(call, calls, warmup=5)
            return {"name": name, "label": label, **summarise(seconds)}
        except Exception as error:  # a broken function is reported, not fatal
            traceback.print_exc(file=sys.stderr)
            return {"name": name, "label": label, "error": f"{type(error).__name__}: {error}"}

    figures = [
        timed(
            "whoknows",
            f"who knows, first 20 ({len(asked)} topics)",
            lambda i: who_knows(member, asked[i % len(asked)], limit=20),
        ),
        timed(
            "candidates",
            "  of which the index step (floor)",
            lambda i: candidates(member, asked[i % len(asked)]),
        ),
    ]
    answers = {topic: who_knows(member, topic, limit=20) for topic in asked}
    degrees: dict[str, int] = {}
    for experts in answers.values():
        for expert in experts:
            degrees[str(expert.degree)] = degrees.get(str(expert.degree), 0) + 1
    return {
        "rows": {
            "topics": len(asked),
            "answered": sum(1 for experts in answers.values() if experts),
            "people_listed": sum(len(experts) for experts in answers.values()),
            "by_degree": degrees,
            "example": {
                "topic": "Photovoltaik",
                "first": [
                    {"name": e.name, "score": e.score, "evidence": [p.text for p in e.evidence]}
                    for e in who_knows(member, "Photovoltaik", limit=3)
                ],
            },
        },
        "runs": calls,
        "seed": seed,
        "figures": figures,
    }


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
    out = folder / "expertise.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, "-m", "bench.expertise", "--worker", "--out", str(out)]
    command += ["--runs", str(runs), "--seed", str(seed)]
    done = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if done.returncode != 0 or not out.exists():
        return {"error": f"the who-knows figures failed (exit {done.returncode})"}
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _target(name: str, p95: float) -> str:
    if name != "whoknows":
        return ""
    over = p95 - WHOKNOWS_P95_MS
    return f"p95 ≤ {WHOKNOWS_P95_MS:.0f} ms  " + ("ok" if over <= 0 else f"MISS by {over:.1f} ms")


def report_lines(result: dict[str, Any], *, at_target: bool) -> list[str]:
    part = result.get("whoknows")
    if part is None:
        return []
    if "error" in part:
        return [f"  Who knows: {part['error']}"]
    rows = part["rows"]
    degrees = ", ".join(f"degree {k}: {v}" for k, v in sorted(rows["by_degree"].items()))
    lines = [
        f"  Who knows: {rows['topics']} topics, {rows['answered']} answered, "
        f"{rows['people_listed']:,} people listed ({degrees})",
        f"  {'':50}{'median':>11}  {'p95':>11}  (calls: {part['runs']})",
    ]
    return lines + figure_lines(part["figures"], _target, at_target=at_target)


def main(argv: list[str] | None = None) -> int:
    return run_alone(
        "whoknows",
        __doc__,
        argv,
        worker=worker,
        measure=measure,
        report_lines=report_lines,
        target_size=TARGET_SIZE,
    )


if __name__ == "__main__":
    sys.exit(main())
