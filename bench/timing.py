"""Timing helpers: warm up, then time each call with ``time.perf_counter``.

The machine the benchmark runs on is shared and noisy, so every figure is a median and a
95th percentile over many calls, never a mean or a single run.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

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
    import json
    import os
    from pathlib import Path

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
