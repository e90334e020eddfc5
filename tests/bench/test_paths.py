"""The introduction paths bench's own helpers (``bench/paths.py``), without a network."""

from __future__ import annotations

from typing import Any

from bench.paths import PART, distances

#   1 — 2 — 3 — 4 — 5, and 1 — 6 — 4; 6 may not be asked (blocked)
LINKS = {1: [2, 6], 2: [1, 3], 3: [2, 4], 4: [3, 5, 6], 5: [4], 6: [1, 4]}


def neighbours(node: int) -> tuple[list[int], list[float]]:
    return LINKS.get(node, []), [1.0] * len(LINKS.get(node, []))


def test_distances_count_hops_and_never_pass_a_blocked_person() -> None:
    assert distances(neighbours, 1, set(), 4) == {1: 0, 2: 1, 6: 1, 3: 2, 4: 2, 5: 3}
    # through 6 no more: 4 is three hops away, 5 four; 6 itself is still reached
    assert distances(neighbours, 1, {6}, 4) == {1: 0, 2: 1, 6: 1, 3: 2, 4: 3, 5: 4}
    assert distances(neighbours, 1, {6}, 2) == {1: 0, 2: 1, 6: 1, 3: 2}


def _part(networkx_ms: float | None) -> dict[str, Any]:
    rows: dict[str, Any] = {
        "persons": 1000,
        "links": 17000,
        "blocked": 12,
        "graph_build_s": 0.2,
        "targets": {"2": 50, "3": 50, "4": 0},
        "networkx": None,
    }
    figures = [
        {"name": "paths_3", "label": "best 3 paths, 3 hops", "median_ms": 10.0, "p95_ms": 60.0}
    ]
    if networkx_ms is not None:
        rows.update(networkx="3.6", networkx_build_s=0.1, networkx_hops=3)
        rows.update(networkx_path_hops=[4, 9], same_best_path=1, compared=1)
        figures.append(
            {"name": "networkx", "label": "networkx", "median_ms": networkx_ms, "p95_ms": 1.0}
        )
    return {"rows": rows, "runs": 50, "slow_runs": 5, "figures": figures}


def test_the_report_holds_best_paths_to_its_targets() -> None:
    lines = PART.report_lines({"paths": _part(600.0)}, at_target=True)
    assert lines[0].startswith("  Introduction paths: graph of 1,000 persons and 17,000 links")
    assert lines[2].endswith("p95 ≤ 50 ms  MISS by 10.0 ms")
    assert lines[-1] == "  networkx ÷ best_paths (3 hops, median): 60×  target ≥ 50×  ok"
    slow = PART.report_lines({"paths": _part(400.0)}, at_target=True)
    assert slow[-1].endswith("40×  target ≥ 50×  MISS")
    smaller = PART.report_lines({"paths": _part(400.0)}, at_target=False)
    assert smaller[-1].endswith("40×  target ≥ 50×")


def test_the_report_says_when_networkx_is_missing() -> None:
    lines = PART.report_lines({"paths": _part(None)}, at_target=True)
    assert lines[-1].startswith("  networkx is not installed: no comparison")
