"""HTTP figures: the real server (``knoten serve``) on a cached demo network, under load.

For one data folder this starts ``knoten serve --no-browser`` on a free loopback port, has
``bench.worker http-setup`` sign the benchmark's member in (a session cookie and an API
token, straight through Django), and then puts a bounded load on four pages:

* the people list, ``/people/``;
* a person's page, ``/people/<id>/``, a different person of the network each request;
* search as you type, ``/people/?q=<prefix>`` with ``HX-Request: true``, the first 3, 4
  and 5 letters of real names;
* the API list, ``/api/persons?limit=50`` with ``Authorization: Bearer``.

Each with 1 and then 10 concurrent clients: threads in this process, each with its own
keep-alive ``http.client`` connection (gunicorn's sync workers close it after each answer;
the client then opens a new one, as a browser would). Each client sends a few untimed
requests first, then all start together and send their share; requests per second is
every timed request over the wall-clock time from the start to the last answer, p50 and p99
are the answer times (request sent to body read), and CPU/req is the CPU time (user and
system) the server's processes used per request, read from /proc: unlike answer times it
hardly depends on what else the machine runs. Every answer must be 200: any other status
or a broken connection is counted as a failure and reported.

The load is closed-loop (a client sends its next request when its answer is in), so with
10 clients the answer time is about 10 / (requests per second): it measures the server's
throughput and queueing, on the same 2 cores the clients run on.

    python -m bench --only http --sizes 10k
    python -m bench.http --compare --size 10000   # gunicorn set-ups side by side
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.timing import percentile

CLIENTS = (1, 10)
REQUESTS = 400  # timed requests per figure, shared among the clients
WARMUP_PER_CLIENT = 5
TARGET_SIZE = 100_000
TARGET_P99_MS = 100.0  # person page and search, at TARGET_SIZE and 10 clients
TARGET_NAMES = {"person_page", "search"}
START_TIMEOUT = 60.0


@dataclass
class Page:
    """One thing to ask the server for: the paths to cycle through and the headers."""

    name: str
    label: str
    paths: list[str]
    headers: dict[str, str] = field(default_factory=dict)


def pages(setup: dict[str, Any]) -> list[Page]:
    """The four pages of ``make bench``, signed in as ``http-setup`` wrote into ``setup``."""
    cookie = {"Cookie": setup["cookie"]}
    return [
        Page("people_list", "people list", ["/people/"], cookie),
        Page(
            "person_page",
            "person page",
            [f"/people/{pk}/" for pk in setup["persons"]],
            cookie,
        ),
        Page(
            "search",
            "search as you type",
            [f"/people/?q={quote(prefix)}" for prefix in setup["prefixes"]],
            {**cookie, "HX-Request": "true"},
        ),
        Page(
            "api_list",
            "API list (limit 50)",
            ["/api/persons?limit=50"],
            {"Authorization": f"Bearer {setup['token']}"},
        ),
    ]


# ----------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def gunicorn_setup(pid: int) -> str:
    """How the server ``pid`` (gunicorn, which ``knoten serve`` became) runs, from its
    command line: worker class, workers and threads. Empty where /proc is missing."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return ""
    if "gunicorn" not in argv:
        return ""

    def option(name: str, default: str) -> str:
        return argv[argv.index(name) + 1] if name in argv[:-1] else default

    workers, threads = option("--workers", "1"), option("--threads", "1")
    if threads == "1":
        return f"gunicorn, {workers} sync workers"
    return f"gunicorn, {workers} gthread workers × {threads} threads"


@dataclass
class Server:
    port: int
    setup: str
    pid: int = 0

    def cpu_seconds(self) -> float | None:
        """CPU time (user and system) the server and its workers have used so far.

        Unlike answer times, this hardly changes with what else the machine runs, so it
        tells set-ups apart on a busy machine. ``None`` where /proc is missing.
        """
        return process_tree_cpu(self.pid)


def process_tree_cpu(pid: int) -> float | None:
    """Seconds of CPU used by ``pid`` and its children (gunicorn's master and workers)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    found = False
    try:
        entries = list(Path("/proc").iterdir())
    except OSError:
        return None
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields follow the last ")".
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(entry.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
            found = True
    return total if found else None


@contextlib.contextmanager
def running_server(
    env: dict[str, str],
    log: Path,
    *,
    workers: int | None = None,
    threads: int | None = None,
    conn_max_age: int | None = None,
) -> Iterator[Server]:
    """``knoten serve`` on a free port of 127.0.0.1 until the block ends.

    Without ``workers``, ``threads`` or ``conn_max_age`` the server runs as a user gets it.
    """
    port = free_port()
    command = [sys.executable, "-m", "knoten.cli.main", "serve", "--no-browser"]
    command += ["--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    if threads is not None:
        command += ["--threads", str(threads)]
    env = {**env, "KNOTEN_USER": "bench"}
    if conn_max_age is not None:
        env["KNOTEN_CONN_MAX_AGE"] = str(conn_max_age)
    with log.open("ab") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"knoten serve did not start (see {log})")
            time.sleep(0.2)
        age = env.get("KNOTEN_CONN_MAX_AGE")
        kept = f"KNOTEN_CONN_MAX_AGE={age}" if age else "persistent connections (default)"
        setup = gunicorn_setup(server.pid) or "knoten serve"
        yield Server(port, f"knoten serve: {setup}, {kept}", server.pid)
    finally:
        server.send_signal(signal.SIGTERM)  # gunicorn stops its workers gracefully
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# ----------------------------------------------------------------------------- the load


@dataclass
class _Client:
    seconds: list[float] = field(default_factory=list)
    failures: int = 0
    first_failure: str = ""


def _get(connection: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> str:
    """Ask for ``path``; an empty string when the answer is a 200, else what went wrong."""
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        answer.read()
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        return f"{type(error).__name__}: {error}"
    if answer.status != 200:
        where = answer.getheader("Location")
        return f"{answer.status} for {path}" + (f" (to {where})" if where else "")
    return ""


def _load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def load(server: Server, page: Page, clients: int, requests: int) -> dict[str, Any]:
    """``requests`` timed requests for ``page`` from ``clients`` concurrent clients."""
    port = server.port
    each = max(1, -(-requests // clients))
    start = threading.Barrier(clients + 1)
    results = [_Client() for _ in range(clients)]

    def client(number: int) -> None:
        result = results[number]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        paths = page.paths
        offset = number * (each + WARMUP_PER_CLIENT)
        for i in range(WARMUP_PER_CLIENT):
            _get(connection, paths[(offset + each + i) % len(paths)], page.headers)
        start.wait()
        for i in range(each):
            path = paths[(offset + i) % len(paths)]
            began = time.perf_counter()
            problem = _get(connection, path, page.headers)
            result.seconds.append(time.perf_counter() - began)
            if problem:
                result.failures += 1
                result.first_failure = result.first_failure or problem
        connection.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    load_before = _load_average()
    for thread in threads:
        thread.start()
    start.wait()
    cpu_before = server.cpu_seconds()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    cpu_after = server.cpu_seconds()
    seconds = [value for result in results for value in result.seconds]
    failures = sum(result.failures for result in results)
    figure: dict[str, Any] = {
        "name": page.name,
        "label": page.label,
        "clients": clients,
        "requests": len(seconds),
        "failures": failures,
        "requests_per_second": round(len(seconds) / wall, 1),
        "p50_ms": round(percentile(seconds, 0.50) * 1000, 2),
        "p99_ms": round(percentile(seconds, 0.99) * 1000, 2),
        "max_ms": round(max(seconds) * 1000, 2),
        "server_cpu_ms": (
            round((cpu_after - cpu_before) * 1000 / len(seconds), 2)
            if cpu_before is not None and cpu_after is not None
            else None
        ),
        # The machine's 1-minute load average before and after: others' work skews figures.
        "load_average": [load_before, _load_average()],
    }
    if failures:
        figure["first_failure"] = next(r.first_failure for r in results if r.first_failure)
    return figure


def _worker(action: str, env: dict[str, str], *extra: str) -> bool:
    command = [sys.executable, "-m", "bench.worker", action, "--size", "0", *extra]
    return subprocess.run(command, env=env, check=False).returncode == 0


@contextlib.contextmanager
def signed_in(folder: Path, env: dict[str, str], seed: int) -> Iterator[dict[str, Any]]:
    """The session and token of ``bench.worker http-setup``, ended again afterwards."""
    if not _worker("http-setup", env, "--seed", str(seed)):
        raise RuntimeError("signing the benchmark's member in failed (see above)")
    try:
        yield json.loads((folder / "http.json").read_text())
    finally:
        _worker("http-teardown", env)


def measure(
    folder: Path,
    env: dict[str, str],
    seed: int,
    *,
    requests: int = REQUESTS,
    clients: Sequence[int] = CLIENTS,
    names: Sequence[str] | None = None,
    **server: Any,
) -> dict[str, Any]:
    """Every page at every client count against one server on ``folder``'s network."""
    log = folder / "http-server.log"
    log.unlink(missing_ok=True)
    figures: list[dict[str, Any]] = []
    with signed_in(folder, env, seed) as setup, running_server(env, log, **server) as running:
        for page in pages(setup):
            if names is not None and page.name not in names:
                continue
            for count in clients:
                print(f"  HTTP {page.label}, {count} client(s) …", file=sys.stderr)
                figures.append(load(running, page, count, requests))
    return {"server": running.setup, "requests": requests, "figures": figures}


# ----------------------------------------------------------------------------- report


def _verdict(figure: dict[str, Any], at_target: bool) -> str:
    if not (at_target and figure["name"] in TARGET_NAMES and figure["clients"] == 10):
        return ""
    p99 = figure["p99_ms"]
    ok = p99 <= TARGET_P99_MS
    return f"p99 ≤ {TARGET_P99_MS:.0f} ms  " + (
        "ok" if ok else f"MISS by {p99 - TARGET_P99_MS:.1f} ms"
    )


def table(figures: Sequence[dict[str, Any]], *, at_target: bool) -> list[str]:
    """The figures as the benchmark prints them: one row per page and client count."""
    width = max(24, *(len(figure["label"]) + 2 for figure in figures))
    lines = [
        f"  {'':{width}}{'clients':>7}  {'req/s':>7}  {'p50':>9}  {'p99':>9}  "
        f"{'CPU/req':>9}  {'failed':>6}  target, verdict"
    ]
    for figure in figures:
        note = _verdict(figure, at_target)
        if figure["failures"]:
            note = f"{note}  {figure.get('first_failure', '')}".strip()
        lines.append(
            f"  {figure['label']:<{width}}{figure['clients']:>7}  "
            f"{figure['requests_per_second']:>7.1f}  {figure['p50_ms']:>6.1f} ms  "
            f"{figure['p99_ms']:>6.1f} ms  {_cpu(figure)}  {figure['failures']:>6}  {note}".rstrip()
        )
    return lines


def _cpu(figure: dict[str, Any]) -> str:
    cpu = figure.get("server_cpu_ms")
    return f"{cpu:>6.1f} ms" if isinstance(cpu, int | float) else f"{'–':>9}"


def report_lines(result: dict[str, Any]) -> list[str]:
    """The HTTP part of one network size's report."""
    http_result = result.get("http")
    if http_result is None:
        return []
    if "error" in http_result:
        return [f"  HTTP: {http_result['error']}"]
    figures = http_result["figures"]
    lines = [
        f"  HTTP, {http_result['requests']} timed requests per row over loopback, "
        f"closed-loop clients; {http_result['server'] or 'knoten serve'}"
    ]
    lines += table(figures, at_target=result["size"] >= TARGET_SIZE)
    return lines


# ----------------------------------------------------------------------------- compare

# The set-ups ``--compare`` puts side by side: (label, workers, threads).
SETUPS = (
    ("gunicorn sync, 2 workers", 2, 1),
    ("gunicorn sync, 4 workers", 4, 1),
    ("gunicorn gthread, 2 workers × 4 threads", 2, 4),
)


def compare(
    folder: Path,
    env: dict[str, str],
    seed: int,
    requests: int,
    clients: Sequence[int],
    rounds: int = 1,
) -> list[dict[str, Any]]:
    """The person page and the people list under each set-up, without and with persistent
    database connections, in one run; every second round in the opposite order, so that
    the machine's other work weighs on every set-up alike."""
    rows: list[dict[str, Any]] = []
    log = folder / "http-server.log"
    log.unlink(missing_ok=True)
    with signed_in(folder, env, seed) as setup:
        chosen = [page for page in pages(setup) if page.name in {"person_page", "people_list"}]
        order = [(setup, age) for setup in SETUPS for age in (0, 600)]
        for number in range(rounds):
            for (label, workers, threads), age in order if number % 2 == 0 else order[::-1]:
                name = f"{label}, CONN_MAX_AGE={age}"
                print(f"  {name} (round {number + 1}) …", file=sys.stderr)
                with running_server(
                    env, log, workers=workers, threads=threads, conn_max_age=age
                ) as running:
                    for page in chosen:
                        for count in clients:
                            figure = load(running, page, count, requests)
                            rows.append({"setup": name, "round": number + 1, **figure})
    return sorted(rows, key=lambda row: (row["setup"], row["name"], row["clients"]))


def compare_table(rows: Sequence[dict[str, Any]]) -> str:
    width = max(len(row["setup"]) for row in rows) + 2
    lines = [
        f"{'':{width}}{'page':<14}{'round':>5}{'clients':>8}  {'req/s':>7}  {'p50':>9}  "
        f"{'p99':>9}  {'CPU/req':>9}  failed  load"
    ]
    for row in rows:
        lines.append(
            f"{row['setup']:<{width}}{row['label']:<14}{row.get('round', 1):>5}"
            f"{row['clients']:>8}  "
            f"{row['requests_per_second']:>7.1f}  {row['p50_ms']:>6.1f} ms  "
            f"{row['p99_ms']:>6.1f} ms  {_cpu(row)}  {row['failures']:>6}  "
            f"{row['load_average'][0]}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from bench.__main__ import DATA, child_env, prepare

    parser = argparse.ArgumentParser(prog="python -m bench.http", description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument(
        "--compare", action="store_true", help="gunicorn set-ups side by side, not the pages"
    )
    parser.add_argument("--rounds", type=int, default=2, help="rounds of --compare")
    parser.add_argument(
        "--pages",
        default="",
        help="only these pages, comma-separated: people_list,person_page,search,api_list",
    )
    args = parser.parse_args(argv)
    if args.requests < 10 or args.rounds < 1:
        parser.error("--requests must be at least 10 and --rounds at least 1")
    DATA.mkdir(exist_ok=True)
    folder, meta, _cached = prepare(args.size, args.seed, rebuild=False)
    if meta is None:
        return 1
    env = child_env(folder, meta["key"])
    if args.compare:
        rows = compare(folder, env, args.seed, args.requests, CLIENTS, args.rounds)
        print(
            f"{args.size:,} persons · {os.cpu_count()} CPUs · {args.requests} timed requests "
            f"per row · {time.strftime('%Y-%m-%d %H:%M %Z')}"
        )
        print(compare_table(rows))
        (DATA / "http-compare.json").write_text(json.dumps(rows, indent=2) + "\n")
        return 1 if any(row["failures"] for row in rows) else 0
    names = [name.strip() for name in args.pages.split(",") if name.strip()] or None
    unknown = set(names or ()) - {"people_list", "person_page", "search", "api_list"}
    if unknown:
        parser.error(f"--pages: no page called {', '.join(sorted(unknown))}")
    http = measure(folder, env, args.seed, requests=args.requests, names=names)
    result = {"size": args.size, "http": http}
    print("\n".join(report_lines(result)))
    return 1 if any(f["failures"] for f in result["http"]["figures"]) else 0


if __name__ == "__main__":
    sys.exit(main())
