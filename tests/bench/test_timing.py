"""The bench's shared measure-and-report skeleton (``bench/timing.py``), without a network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import timing
from bench.timing import Part, against, figure_lines, percentile, summarise, targets, timed


def test_percentile_is_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([7.0], 0.95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 0.95)


def test_summarise_gives_milliseconds() -> None:
    figure = summarise([0.001, 0.002, 0.003, 0.004])
    assert figure == {"runs": 4, "median_ms": 2.5, "p95_ms": 4.0, "min_ms": 1.0, "max_ms": 4.0}


def test_timed_warms_up_then_times_each_call() -> None:
    seen: list[int] = []
    figure = timed("f", "a figure", seen.append, 4, warmup=2)
    assert seen == [0, 1, 0, 1, 2, 3]  # two untimed calls first, then 0…runs-1
    assert (figure["name"], figure["label"], figure["runs"]) == ("f", "a figure", 4)
    assert figure["median_ms"] <= figure["p95_ms"] <= figure["max_ms"]


def test_timed_reports_a_broken_call_instead_of_failing() -> None:
    def broken(_: int) -> None:
        raise LookupError("no such person")

    figure = timed("f", "a figure", broken, 3)
    assert figure == {"name": "f", "label": "a figure", "error": "LookupError: no such person"}


def test_against_a_target_in_milliseconds_and_in_seconds() -> None:
    assert against(100.0, 99.9) == "p95 ≤ 100 ms  ok"
    assert against(100.0, 100.0) == "p95 ≤ 100 ms  ok"
    assert against(100.0, 103.14) == "p95 ≤ 100 ms  MISS by 3.1 ms"
    assert against(2000.0, 2310.4, digits=0) == "≤ 2 s  MISS by 310 ms"
    assert against(30_000.0, 12_000.0) == "≤ 30 s  ok"


def test_targets_note_only_the_figures_they_name() -> None:
    note = targets({"a": 50.0, "b": 2000.0}, digits={"b": 0})
    assert note("a", 60.0) == "p95 ≤ 50 ms  MISS by 10.0 ms"
    assert note("b", 2500.5) == "≤ 2 s  MISS by 500 ms"
    assert note("c", 1e9) == ""


def test_figure_lines_keep_the_verdict_for_the_target_size() -> None:
    figures = [
        {"name": "a", "label": "slow one", "median_ms": 40.0, "p95_ms": 60.0},
        {"name": "c", "label": "broken one", "error": "KeyError: 1"},
    ]
    note = targets({"a": 50.0})
    at_size = figure_lines(figures, note, at_target=True)
    smaller = figure_lines(figures, note, at_target=False)
    assert at_size[0].endswith("40.0 ms      60.0 ms  p95 ≤ 50 ms  MISS by 10.0 ms")
    assert smaller[0].endswith("60.0 ms  p95 ≤ 50 ms")  # no verdict below the target's size
    assert at_size[1] == f"  {'broken one':<50}KeyError: 1"


def _figures(runs: int, seed: int) -> dict[str, Any]:
    return {
        "rows": {"things": runs * 10},
        "runs": runs,
        "seed": seed,
        "figures": [{"name": "a", "label": "one thing", "median_ms": 1.0, "p95_ms": 2.0}],
    }


PART = Part(
    key="things",
    module="bench.things",
    title="Things",
    failure="the things figures",
    figures=_figures,
    target=targets({"a": 1.5}),
    summary=lambda part: f"{part['rows']['things']:,} things",
)


def test_a_part_reports_its_summary_heads_and_figures() -> None:
    lines = PART.report_lines({"things": _figures(200, 1)}, at_target=True)
    assert lines[0] == "  Things: 2,000 things"
    assert lines[1] == f"  {'':50}{'median':>11}  {'p95':>11}  (calls: 200)"
    assert lines[2].endswith("p95 ≤ 2 ms  MISS by 0.5 ms")
    assert len(lines) == 3


def test_a_part_reports_slow_runs_errors_and_nothing_when_absent() -> None:
    part = {**_figures(5, 1), "slow_runs": 2}
    assert PART.report_lines({"things": part}, at_target=False)[1].endswith(
        "(calls: 5, the slow ones 2)"
    )
    assert PART.report_lines({"things": {"error": "boom"}}, at_target=True) == ["  Things: boom"]
    assert PART.report_lines({}, at_target=True) == []


def test_a_part_measures_in_a_process_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[str]] = []

    class Done:
        returncode = 0

    def run(command: list[str], **_: Any) -> Done:
        started.append(command)
        out = Path(command[command.index("--out") + 1])
        out.write_text(json.dumps(_figures(int(command[command.index("--runs") + 1]), 3)))
        return Done()

    monkeypatch.setattr(timing.subprocess, "run", run)
    result = PART.measure(tmp_path, {}, runs=7, seed=3)
    assert result["runs"] == 7 and result["seed"] == 3
    assert started[0][1:] == [
        "-m",
        "bench.things",
        "--worker",
        "--out",
        str(tmp_path / "things.json"),
        "--runs",
        "7",
        "--seed",
        "3",
    ]

    def fail(command: list[str], **_: Any) -> Done:
        Done.returncode = 2
        return Done()

    (tmp_path / "things.json").unlink()
    monkeypatch.setattr(timing.subprocess, "run", fail)
    assert PART.measure(tmp_path, {}, runs=7) == {"error": "the things figures failed (exit 2)"}
