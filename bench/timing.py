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
