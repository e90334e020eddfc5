"""``make bench``: build demo networks of 1k, 10k and 100k persons and time Knoten on them.

Each network lives in its own SQLite data folder, ``.bench-data/<size>-seed<seed>/``, and is
reused as long as its key matches: the generator (its version and its code), the seed, the
size, the migrations and the code that builds the search index. ``--rebuild`` builds anew.
For each size a fresh process times, over ``--runs`` calls after a warm-up, the domain
functions the command line calls: the first page of the person list, person show (a
different person each call, and *me*), logging a conversation (removed again afterwards)
and, once ``bench/search.py`` exists, the searches beside their bare full-text floor;
then, each in a process of its own, the parts in ``PARTS``: the give and take of issue 5
(``bench/reciprocity.py``), keeping in touch (``bench/upkeep.py``), who knows, the network
drawn, the command palette, multipliers and the comfort zone, and introduction paths
beside networkx where it is installed (``bench/paths.py``).
On the networks of 10k persons and more it then starts the real server (``knoten serve``)
and times the people list, a person's page, search as you type and the API list over
HTTP at 1 and 10 concurrent clients (``bench/http.py``). On the network of 100k persons
it also imports 10,000 generated vCards and a LinkedIn CSV, exports to vCard and JSON and
lists duplicates (``bench/imports.py``).

Prints a table on stdout and writes every figure to ``.bench-data/results.json``.

    python -m bench                       # 1k, 10k and 100k, 50 calls each
    python -m bench --sizes 1000,10000 --runs 100
    python -m bench --rebuild --sizes 1000
    python -m bench --only http --sizes 10k,100k
    python -m bench --only imports --sizes 100k
    python -m bench --only reciprocity --sizes 100k
    python -m bench --only upkeep --sizes 1000,10000
    python -m bench --only whoknows --sizes 100k
    python -m bench --only graph-drawing --sizes 100k --runs 20
    python -m bench --only palette --sizes 100k
    python -m bench --only graph-analysis --sizes 100k --runs 20
    python -m bench --only paths --sizes 100k
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.reciprocity import BALANCE_P95_MS, SIGNALS_MS
from bench.timing import Part

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".bench-data"
SIZES = (1_000, 10_000, 100_000)
TARGET_SIZE = 100_000
HTTP_MIN_SIZE = 10_000  # the HTTP figures run on these sizes unless asked for alone
LIST_SHOW_P95_MS = 30.0
ONE_WORD_MS = 20.0
FLOOR_RATIO = 1.5
# The parts that time in a process of their own (each module's ``PART``), in the order
# they run and report: their ``--only`` name, module, and what they time in words.
PARTS = (
    ("reciprocity", "bench.reciprocity", "give and take"),
    ("upkeep", "bench.upkeep", "keeping in touch"),
    ("whoknows", "bench.expertise", "who knows"),
    ("graph-drawing", "bench.graph_drawing", "the network drawn"),
    ("palette", "bench.palette", "the command palette"),
    ("graph-analysis", "bench.graph_analysis", "multipliers and the comfort zone"),
    ("paths", "bench.paths", "introduction paths"),
)
PART_NAMES = tuple(name for name, _, _ in PARTS)

# The files whose change makes a cached network stale.
# The first names GENERATOR_VERSION.
_GENERATOR_FILES = (
    "src/knoten/demo/generate.py",
    "src/knoten/demo/places.py",
    "src/knoten/demo/names.py",
    "src/knoten/demo/organisation_words.py",
    "src/knoten/demo/title_words.py",
    "src/knoten/demo/event_words.py",
    "src/knoten/demo/person_words.py",
    "src/knoten/demo/minutes_words.py",
    "src/knoten/demo/project_words.py",
    "src/knoten/demo/give_and_take_words.py",
    "src/knoten/demo/draws.py",
    "src/knoten/demo/plan.py",
    "src/knoten/demo/labels.py",
    "src/knoten/demo/organisations.py",
    "src/knoten/demo/events.py",
    "src/knoten/demo/people.py",
    "src/knoten/demo/careers.py",
    "src/knoten/demo/contacts.py",
    "src/knoten/demo/relationships.py",
    "src/knoten/demo/dates.py",
    "src/knoten/demo/projects.py",
    "src/knoten/demo/conversations.py",
    "src/knoten/demo/give_and_take.py",
    "src/knoten/demo/import_traces.py",
)
_INDEX_FILES = (
    "src/knoten/search/index.py",
    "src/knoten/search/text.py",
    "src/knoten/search/fulltext.py",
    "src/knoten/search/models.py",
)


def generator_version() -> int:
    text = (ROOT / _GENERATOR_FILES[0]).read_text()
    match = re.search(r"^GENERATOR_VERSION = (\d+)", text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def cache_key(size: int, seed: int) -> str:
    """What a cached network must have been built with to be reused."""
    digest = hashlib.sha256(f"v{generator_version()} size={size} seed={seed}".encode())
    migrations = sorted((ROOT / "src" / "knoten").glob("*/migrations/*.py"))
    for path in [*(ROOT / name for name in _GENERATOR_FILES + _INDEX_FILES), *migrations]:
        if path.exists():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def child_env(folder: Path, key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("KNOTEN_USER", None)
    env.update(
        {
            "KNOTEN_DATA_DIR": str(folder),
            "KNOTEN_DATABASE_URL": "",  # the targets are for SQLite
            "KNOTEN_BENCH_KEY": key,
            "DJANGO_SETTINGS_MODULE": "knoten.settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        }
    )
    return env


def run_worker(action: str, folder: Path, key: str, *extra: str) -> bool:
    command = [sys.executable, "-m", "bench.worker", action, *extra]
    done = subprocess.run(command, cwd=ROOT, env=child_env(folder, key), check=False)
    return done.returncode == 0


def prepare(size: int, seed: int, rebuild: bool) -> tuple[Path, dict[str, Any] | None, bool]:
    """The data folder of this size, built if needed; its meta data; whether it was cached."""
    folder = DATA / f"{size}-seed{seed}"
    key = cache_key(size, seed)
    meta_file = folder / "meta.json"
    if not rebuild and meta_file.exists() and (folder / "knoten.sqlite3").exists():
        meta = json.loads(meta_file.read_text())
        if meta.get("key") == key:
            return folder, meta, True
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    print(f"Building the network of {size:,} persons (seed {seed}) …", file=sys.stderr)
    if not run_worker("build", folder, key, "--size", str(size), "--seed", str(seed)):
        return folder, None, False
    return folder, json.loads(meta_file.read_text()), False


def measure(
    size: int, seed: int, runs: int, rebuild: bool, only: str = "", http_requests: int = 400
) -> dict[str, Any]:
    folder, meta, cached = prepare(size, seed, rebuild)
    result: dict[str, Any] = {"size": size, "seed": seed, "data_dir": str(folder)}
    if meta is None:
        result["error"] = "building the network failed (see above)"
        return result
    result.update(
        generate_seconds=meta["generate_seconds"],
        built_at=meta["built_at"],
        cached=cached,
        stage_seconds=meta.get("stage_seconds", {}),
        counts=meta["counts"],
    )
    if only not in ("http", "imports", *PART_NAMES):
        print(f"Measuring the network of {size:,} persons …", file=sys.stderr)
        out = folder / "measure.json"
        out.unlink(missing_ok=True)
        args = ("--size", str(size), "--seed", str(seed), "--runs", str(runs))
        if not run_worker("measure", folder, meta["key"], *args) or not out.exists():
            result["error"] = "measuring failed (see above)"
            return result
        result.update(json.loads(out.read_text()))
    for name, module, what in PARTS:
        if only not in ("", "domain", name):
            continue
        print(f"Measuring {what} on the network of {size:,} persons …", file=sys.stderr)
        env = child_env(folder, meta["key"])
        result[name] = part_of(module).measure(folder, env, runs, seed)
        if only == name:
            return result
    if only == "imports" or (only == "" and size >= TARGET_SIZE):
        from bench import imports

        print(f"Importing into and exporting the network of {size:,} persons …", file=sys.stderr)
        result["imports"] = imports.measure(folder, seed=seed)
        if only == "imports":
            return result
    if only == "http" or (only == "" and size >= HTTP_MIN_SIZE):
        from bench import http

        print(f"Measuring the network of {size:,} persons over HTTP …", file=sys.stderr)
        env = child_env(folder, meta["key"])
        try:
            result["http"] = http.measure(folder, env, seed, requests=http_requests)
        except RuntimeError as error:
            result["http"] = {"error": str(error)}
    return result


def part_of(module: str) -> Part:
    """The part of the bench that ``module`` times (imported when it runs or reports)."""
    part: Part = importlib.import_module(module).PART
    return part


# ----------------------------------------------------------------------------- report


def _ms(value: Any) -> str:
    return f"{value:8.1f} ms" if isinstance(value, int | float) else f"{'–':>11}"


def _first(row: dict[str, Any], *names: str) -> Any:
    for name in names:
        if row.get(name) is not None:
            return row[name]
    return None


def search_row(row: dict[str, Any]) -> dict[str, Any]:
    """One figure of ``bench.search.measure`` in the table's terms, whatever it names them."""
    label = str(_first(row, "label", "name", "kind", "query") or "search")
    query = row.get("query")
    if query and str(query) not in label:
        label = f"{label} ({query})"
    median = _first(row, "median_ms", "median")
    p95 = _first(row, "p95_ms", "p95")
    floor_median = _first(row, "floor_median_ms", "floor_median")
    floor_p95 = _first(row, "floor_p95_ms", "floor_p95", "floor_ms", "floor")
    ratio = _first(row, "ratio", "p95_ratio")
    if ratio is None and isinstance(p95, int | float) and isinstance(floor_p95, int | float):
        ratio = p95 / floor_p95 if floor_p95 else None
    return {
        "label": label,
        "median": median,
        "p95": p95,
        "floor_median": floor_median,
        "floor_p95": floor_p95,
        "ratio": ratio,
        "error": row.get("error"),
    }


def verdict(ok: bool, miss: str) -> str:
    return "ok" if ok else f"MISS {miss}"


Row = tuple[str, Any, Any, str]  # label, median ms, p95 ms, note (target, verdict, error)


def _figure_rows(result: dict[str, Any], at_target: bool) -> list[Row]:
    rows: list[Row] = []
    for row in result.get("figures", []):
        if "error" in row:
            rows.append((row["label"], None, None, row["error"]))
            continue
        note = ""
        if row["name"] in {"person_list", "person_show", "person_show_me"}:
            p95 = row["p95_ms"]
            note = f"p95 ≤ {LIST_SHOW_P95_MS:.0f} ms"
            if at_target:
                note += (
                    f"  {verdict(p95 <= LIST_SHOW_P95_MS, f'by {p95 - LIST_SHOW_P95_MS:.1f} ms')}"
                )
        rows.append((row["label"], row["median_ms"], row["p95_ms"], note))
    return rows


def _search_rows(result: dict[str, Any], at_target: bool) -> list[Row]:
    if result.get("search") is None:
        return [("search", None, None, result.get("search_error") or "not available yet")]
    rows: list[Row] = []
    for raw in result["search"]:
        row = search_row(raw)
        label = f"search: {row['label']}"
        if row["error"]:
            rows.append((label, None, None, str(row["error"])))
            continue
        floor = f"{_ms(row['floor_median']).strip()} / {_ms(row['floor_p95']).strip()}"
        ratio = row["ratio"]
        note = f"floor {floor}, ratio {ratio:.2f}×" if isinstance(ratio, int | float) else floor
        if at_target:
            checks = []
            if isinstance(ratio, int | float):
                ok = ratio <= FLOOR_RATIO
                checks.append(f"ratio {'ok' if ok else f'MISS (> {FLOOR_RATIO}×)'}")
            one_word = "one" in row["label"].lower() and "word" in row["label"].lower()
            if one_word and isinstance(row["p95"], int | float):
                over = row["p95"] - ONE_WORD_MS
                miss = f"MISS by {over:.1f} ms"
                checks.append(f"≤ {ONE_WORD_MS:.0f} ms {'ok' if over <= 0 else miss}")
            if checks:
                note += "  " + ", ".join(checks)
        rows.append((label, row["median"], row["p95"], note))
    return rows


def _size_table(result: dict[str, Any], *, at_target: bool) -> list[str]:
    rows = _figure_rows(result, at_target) + _search_rows(result, at_target)
    width = max(30, *(len(label) + 2 for label, *_ in rows))
    lines = [f"  {'':{width}}{'median':>11}  {'p95':>11}  target, floor (bare query), verdict"]
    for label, median, p95, note in rows:
        if median is None and p95 is None:
            lines.append(f"  {label:<{width}}{note}")
        else:
            lines.append(f"  {label:<{width}}{_ms(median)}  {_ms(p95)}  {note}".rstrip())
    return lines


def report(results: list[dict[str, Any]], runs: int) -> str:
    lines = [
        f"Knoten benchmark · SQLite {sqlite3.sqlite_version} · Python {platform.python_version()}"
        f" · {os.cpu_count()} CPUs · median and p95 of {runs} calls after a warm-up",
        f"Targets (held at {TARGET_SIZE:,} persons): person list and show p95 ≤ "
        f"{LIST_SHOW_P95_MS:.0f} ms; one-word search ≤ {ONE_WORD_MS:.0f} ms; "
        f"every search p95 ≤ {FLOOR_RATIO}× its floor (the bare full-text query); one "
        f"person's balance p95 ≤ {BALANCE_P95_MS:.0f} ms; the network's signals ≤ "
        f"{SIGNALS_MS / 1000:.0f} s.",
    ]
    for result in results:
        size = result["size"]
        lines.append("")
        if "generate_seconds" in result:
            how = f"cached, built {result['built_at']}" if result.get("cached") else "just built"
            index = result.get("stage_seconds", {}).get("search index")
            if index is not None:
                how = f"of which the search index {index:.1f} s; {how}"
            lines.append(
                f"{size:,} persons (seed {result['seed']}): generated in "
                f"{result['generate_seconds']:.1f} s ({how})"
            )
        else:
            lines.append(f"{size:,} persons (seed {result['seed']})")
        if "error" in result:
            lines.append(f"  {result['error']}")
            continue
        if "figures" in result:
            lines.extend(_size_table(result, at_target=size >= TARGET_SIZE))
        for name, module, _what in PARTS:
            if name in result:
                lines.extend(part_of(module).report_lines(result, at_target=size >= TARGET_SIZE))
        lines.extend(http_report_lines(result))
        if "imports" in result:
            from bench import imports

            lines.extend(imports.report_lines(result["imports"]))
    return "\n".join(lines)


def http_report_lines(result: dict[str, Any]) -> list[str]:
    from bench import http

    return http.report_lines(result)


def http_failed(result: dict[str, Any]) -> bool:
    """Whether the HTTP part broke or any answer was not a 200."""
    part = result.get("http")
    if part is None:
        return False
    return "error" in part or any(figure["failures"] for figure in part["figures"])


def parse_size(text: str) -> int:
    """``10000``, ``10_000`` or ``10k`` (``1m`` a million)."""
    clean = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(clean[-1:], 1)
    return int(clean[:-1] if factor > 1 else clean) * factor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in SIZES),
        help="comma-separated network sizes, 10000 or 10k (default: 1000,10000,100000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="the demo network's seed")
    parser.add_argument("--runs", type=int, default=50, help="timed calls per figure")
    parser.add_argument("--rebuild", action="store_true", help="build the networks anew")
    parser.add_argument(
        "--only",
        choices=("domain", "http", "imports", *PART_NAMES),
        default="",
        help="only the domain functions (with every part below), the HTTP figures, the "
        "import, export and dedupe figures (at 100k), or one part: "
        + ", ".join(f"{name} ({what})" for name, _, what in PARTS)
        + " (default: all)",
    )
    parser.add_argument(
        "--http-requests",
        type=int,
        default=400,
        help="timed HTTP requests per page and client count (default: 400)",
    )
    args = parser.parse_args(argv)
    try:
        sizes = [parse_size(part) for part in args.sizes.split(",") if part.strip()]
    except ValueError:
        parser.error(f"--sizes must be whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or any(size < 1 for size in sizes):
        parser.error("--sizes needs at least one size of 1 or more")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.http_requests < 10:
        parser.error("--http-requests must be at least 10")

    DATA.mkdir(exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    results = [
        measure(size, args.seed, args.runs, args.rebuild, args.only, args.http_requests)
        for size in sizes
    ]
    text = report(results, args.runs)
    print(text)
    document = {
        "started_at": started,
        "runs": args.runs,
        "machine": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "targets": {
            "at_size": TARGET_SIZE,
            "list_and_show_p95_ms": LIST_SHOW_P95_MS,
            "one_word_search_ms": ONE_WORD_MS,
            "search_floor_ratio": FLOOR_RATIO,
            "balance_p95_ms": BALANCE_P95_MS,
            "signals_ms": SIGNALS_MS,
        },
        "results": results,
    }
    (DATA / "results.json").write_text(json.dumps(document, indent=2, default=str) + "\n")
    print(f"\nFigures written to {(DATA / 'results.json').relative_to(ROOT)}", file=sys.stderr)
    failed = any(
        "error" in result or "error" in result.get("reciprocity", {}) or http_failed(result)
        for result in results
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
