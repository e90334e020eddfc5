"""A large import while others work: 25,000 cards through ``POST /api/import`` (a job) while
20 clients read and write through the API and the web; the errors and the p50/p99 of
everyone else's requests.

    python -m bench.load                 # 25,000 cards, 20 clients
    python -m bench.load --cards 5000 --clients 10

Runs in a fresh data folder (``.bench-data/load/``) with the real server (``knoten
serve``, its job runner included). Target (issue 15): 0 errors, p99 <= 1 s.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / ".bench-data" / "load"
PORT = 8791
BASE = f"http://127.0.0.1:{PORT}"


def _knoten(*args: str, env: dict[str, str]) -> str:
    command = [sys.executable, "-m", "knoten.cli.main", *args]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return done.stdout + done.stderr


def _cards(count: int) -> bytes:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lastname{i};Load{i};;;\r\nFN:Load{i} Lastname{i}\r\n"
        f"EMAIL:load{i}@example.org\r\nTEL:+49 40 {3000000 + i}\r\nORG:Firm {i % 50}\r\n"
        f"NOTE:A note about person {i}\r\nEND:VCARD\r\n"
        for i in range(count)
    ).encode()


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: text/vcard\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), boundary


def _request(
    url: str,
    *,
    key: str = "",
    cookie: str = "",
    body: bytes | None = None,
    kind: str = "application/json",
    timeout: float = 30,
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    if cookie:
        request.add_header("Cookie", cookie)
    if body is not None:
        request.add_header("Content-Type", kind)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError as error:  # a timeout, a reset connection: an error of the server's
        return 599, str(error).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=25_000)
    parser.add_argument("--clients", type=int, default=20)
    options = parser.parse_args()
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    env = {**os.environ, "KNOTEN_DATA_DIR": str(FOLDER), "KNOTEN_DATABASE_URL": ""}
    env["PYTHONPATH"] = str(ROOT / "src")
    _knoten("init", "--name", "Load", "--me", "Eva Load", env=env)
    key_text = re.findall(r"kn_\S+", _knoten("token", "create", env=env))[0]
    server = subprocess.Popen(
        [sys.executable, "-m", "knoten.cli.main", "serve", "--port", str(PORT), "--no-browser"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        link = ""
        assert server.stdout is not None
        for line in server.stdout:
            if "/signin/" in line:
                link = line.strip()
                break
        time.sleep(3)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(link, timeout=30).read()
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        data, boundary = _multipart("load.vcf", _cards(options.cards))
        started = time.monotonic()
        status, answer = _request(
            f"{BASE}/api/import",
            key=key_text,
            body=data,
            kind=f"multipart/form-data; boundary={boundary}",
        )
        answered = time.monotonic() - started
        job = json.loads(answer)
        print(f"import answered {status} in {answered * 1000:.0f} ms: job {job.get('id')}")
        times: list[float] = []
        errors: list[str] = []
        stop = threading.Event()

        def client(number: int) -> None:
            calls = 0
            while not stop.is_set():
                calls += 1
                t = time.monotonic()
                if number % 4 == 0:
                    code, _ = _request(f"{BASE}/people/", cookie=cookie)
                elif number % 4 == 1:
                    body = json.dumps({"name": f"Client{number} Call{calls}"}).encode()
                    code, _ = _request(f"{BASE}/api/persons", key=key_text, body=body)
                else:
                    code, _ = _request(f"{BASE}/api/persons?limit=20", key=key_text)
                times.append(time.monotonic() - t)
                if code >= 400:
                    errors.append(str(code))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(options.clients)]
        for thread in threads:
            thread.start()
        state, report = "queued", job
        while state in ("queued", "running"):
            time.sleep(1)
            code, body = _request(f"{BASE}/api/jobs/{job['id']}", key=key_text)
            if code == 200:
                report = json.loads(body)
                state = report["state"]
        took = time.monotonic() - started
        stop.set()
        for thread in threads:
            thread.join()
        times.sort()
        p50 = times[len(times) // 2] * 1000
        p99 = times[int(len(times) * 0.99)] * 1000
        print(f"job {state} after {took:.1f} s: {report['error'] or report['result']['created']}")
        print(
            f"others: {len(times)} requests, {len(errors)} errors {sorted(set(errors))}, "
            f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {times[-1] * 1000:.0f} ms"
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=35)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
