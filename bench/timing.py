"""Timing helpers: warm up, then time each call with ``time.perf_counter``.

The machine the benchmark runs on is shared and noisy, so every figure is a median and a
95th percentile over many calls, never a mean or a single run.
"""

from __future__ import annotations

import gc
import json
import math
import os
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 5


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95 for p95) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summarise(seconds: Sequence[float]) -> dict[str, Any]:
    """Median and p95 in milliseconds, rounded for the table and the JSON file."""
    return {
        "runs": len(seconds),
        "median_ms": round(statistics.median(seconds) * 1000, 2),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 2),
        "min_ms": round(min(seconds) * 1000, 2),
        "max_ms": round(max(seconds) * 1000, 2),
    }


def force(result: Any) -> Any:
    """Evaluate a lazy result (a query set, a generator) the way printing it would."""
    if isinstance(result, dict | str | bytes) or result is None:
        return result
    if hasattr(result, "__iter__"):
        return list(result)
    return result


def time_calls(call: Callable[[int], Any], runs: int, *, warmup: int = WARMUP) -> list[float]:
    """Seconds taken by ``call(i)`` for i in 0…runs-1, after ``warmup`` untimed calls."""
    for number in range(warmup):
        force(call(number % max(runs, 1)))
    gc.collect()
    taken: list[float] = []
    for number in range(runs):
        started = time.perf_counter()
        force(call(number))
        taken.append(time.perf_counter() - started)
    return taken


def figure_lines(
    figures: Sequence[dict[str, Any]], target: Callable[[str, float], str], *, at_target: bool
) -> list[str]:
    """One line per timed figure: its label, median and p95, and how it stands against its
    target (the verdict only on a network of the target's size)."""
    lines = []
    for figure in figures:
        label = figure["label"]
        if "error" in figure:
            lines.append(f"  {label:<50}{figure['error']}")
            continue
        median, p95 = figure["median_ms"], figure["p95_ms"]
        note = target(figure["name"], p95)
        if note and not at_target:
            note = note.split("  ")[0]
        lines.append(f"  {label:<50}{median:8.1f} ms  {p95:8.1f} ms  {note}".rstrip())
    return lines


def run_alone(
    name: str,
    doc: str | None,
    argv: list[str] | None,
    *,
    worker: Callable[[Any, int, int], None],
    measure: Callable[..., dict[str, Any]],
    report_lines: Callable[..., list[str]],
    target_size: int,
) -> int:
    """``python -m bench.NAME``: one part of the bench on its own, on the cached network
    (``--worker`` is the process the part's ``measure`` starts)."""
    import argparse

    parser = argparse.ArgumentParser(prog=f"python -m bench.{name}", description=doc)
    parser.add_argument("--size", default="100k", help="the network size (default: 100k)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.worker:
        worker(Path(args.out), args.runs, args.seed)
        return 0
    from bench.__main__ import DATA, child_env, parse_size, prepare

    size = parse_size(args.size)
    DATA.mkdir(exist_ok=True)
    folder, meta, _cached = prepare(size, args.seed, rebuild=False)
    if meta is None:
        return 1
    part = measure(folder, child_env(folder, meta["key"]), args.runs, args.seed)
    print(f"{size:,} persons · {os.cpu_count()} CPUs · {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print("\n".join(report_lines({name: part}, at_target=size >= target_size)))
    (DATA / f"{name}.json").write_text(json.dumps(part, indent=2) + "\n")
    return 1 if "error" in part else 0


# ----------------------------------------------------------------------------- one part


def timed(
    name: str, label: str, call: Callable[[int], Any], runs: int, *, warmup: int = WARMUP
) -> dict[str, Any]:
    """One figure: ``call`` timed ``runs`` times after ``warmup`` untimed calls, summarised;
    a call that raises is reported in the figure (its traceback on stderr), not fatal."""
    try:
        return {"name": name, "label": label, **summarise(time_calls(call, runs, warmup=warmup))}
    except Exception as error:  # a broken function is reported, not fatal
        traceback.print_exc(file=sys.stderr)
        return {"name": name, "label": label, "error": f"{type(error).__name__}: {error}"}


def against(limit_ms: float, p95: float, *, digits: int = 1) -> str:
    """How ``p95`` stands against a target: ``p95 ≤ 100 ms  ok``, ``≤ 2 s  MISS by 3.1 ms``
    (a target of a second or more is one for the slowest calls, shown in seconds)."""
    shown = f"≤ {limit_ms / 1000:.0f} s" if limit_ms >= 1000 else f"p95 ≤ {limit_ms:.0f} ms"
    over = p95 - limit_ms
    return f"{shown}  " + ("ok" if over <= 0 else f"MISS by {over:.{digits}f} ms")


def targets(
    limits: Mapping[str, float], *, digits: Mapping[str, int] | None = None
) -> Callable[[str, float], str]:
    """The ``target`` of :func:`figure_lines` for the figures named in ``limits`` (ms)."""

    def note(name: str, p95: float) -> str:
        if name not in limits:
            return ""
        return against(limits[name], p95, digits=(digits or {}).get(name, 1))

    return note


@dataclass(frozen=True)
class Part:
    """One part of the bench that runs in a process of its own on the cached network:
    ``figures(runs, seed)`` (inside Django) gives ``{"runs", "figures", "rows"?, …}``;
    the part's module is started with ``--worker``, writes them to ``<key>.json`` in the
    network's folder, and the report shows them under ``title``."""

    key: str  # the result's key, the --only choice and the JSON file's name
    module: str  # "bench.expertise"
    title: str  # "Who knows"
    failure: str  # "the who-knows figures", in "… failed (exit 1)"
    figures: Callable[[int, int], dict[str, Any]]
    target: Callable[[str, float], str]
    summary: Callable[[dict[str, Any]], str] | None = None  # the part's first line
    notes: Callable[[dict[str, Any], bool], list[str]] | None = None  # lines after the figures
    doc: str | None = None
    target_size: int = 100_000

    def worker(self, out: Path, runs: int, seed: int) -> None:
        """In the part's own process: set Django up and write the figures to ``out``."""
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
        import django

        django.setup()
        from knoten.cli.main import migrate_quietly

        migrate_quietly()
        result = self.figures(runs, seed)
        out.write_text(json.dumps(result, indent=2, default=str) + "\n")

    def measure(
        self, folder: Path, env: dict[str, str], runs: int = 50, seed: int = 1
    ) -> dict[str, Any]:
        """Every figure of this part on the network in ``folder`` (``env`` names it)."""
        out = folder / f"{self.key}.json"
        out.unlink(missing_ok=True)
        command = [sys.executable, "-m", self.module, "--worker", "--out", str(out)]
        command += ["--runs", str(runs), "--seed", str(seed)]
        done = subprocess.run(command, cwd=ROOT, env=env, check=False)
        if done.returncode != 0 or not out.exists():
            return {"error": f"{self.failure} failed (exit {done.returncode})"}
        result: dict[str, Any] = json.loads(out.read_text())
        return result

    def report_lines(self, result: dict[str, Any], *, at_target: bool) -> list[str]:
        """The part's lines in the report: its summary, the column heads, one per figure."""
        part = result.get(self.key)
        if part is None:
            return []
        if "error" in part:
            return [f"  {self.title}: {part['error']}"]
        head = f"  {self.title}: {self.summary(part)}" if self.summary else f"  {self.title}"
        calls = f"calls: {part['runs']}"
        if "slow_runs" in part:
            calls += f", the slow ones {part['slow_runs']}"
        return [
            head,
            f"  {'':50}{'median':>11}  {'p95':>11}  ({calls})",
            *figure_lines(part["figures"], self.target, at_target=at_target),
            *(self.notes(part, at_target) if self.notes else []),
        ]

    def main(self, argv: list[str] | None = None) -> int:
        """``python -m bench.NAME``: this part alone (see :func:`run_alone`)."""
        return run_alone(
            self.key,
            self.doc,
            argv,
            worker=self.worker,
            measure=self.measure,
            report_lines=self.report_lines,
            target_size=self.target_size,
        )
