"""``knoten serve`` starts a real server (gunicorn) and prints a one-time sign-in link."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answers on port {port}")


@pytest.mark.slow
def test_serve_signs_in_with_the_printed_link(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "KNOTEN_DATA_DIR": str(tmp_path),
        "KNOTEN_DATABASE_URL": "",
        "KNOTEN_USER": "",
    }
    knoten = Path(sys.executable).with_name("knoten")
    server = subprocess.Popen(
        [str(knoten), "serve", "--port", str(port), "--workers", "1", "--no-browser"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert server.stdout is not None
    printed: list[str] = []
    try:
        deadline = time.monotonic() + 60  # gunicorn starts slowly on a loaded machine
        link = None
        while link is None and time.monotonic() < deadline:
            line = server.stdout.readline().decode()
            if not line:
                break
            printed.append(line)
            found = re.search(rf"http://127\.0\.0\.1:{port}/signin/\S+", line)
            link = found.group(0) if found else None
        assert link, "".join(printed)
        wait_for_port(port, deadline)

        # Signed out, the home page sends to the login page, which loads its stylesheet.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
            assert answer.url.startswith(f"http://127.0.0.1:{port}/login/")
            assert "Sign in" in answer.read().decode()
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/web/knoten.css", timeout=5
        ) as answer:
            assert answer.status == 200
            assert "text/css" in answer.headers["Content-Type"]

        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with browser.open(link, timeout=5) as answer:
            assert answer.status == 200
            assert answer.url == f"http://127.0.0.1:{port}/"
            body = answer.read().decode()
            assert "default-src 'self'" in answer.headers["Content-Security-Policy"]
        assert "Hello," in body
        assert "Getting started" in body  # a new network holds only *me*: the guide shows

        # The link works once.
        with pytest.raises(urllib.error.HTTPError) as again:
            urllib.request.urlopen(link, timeout=5)
        assert again.value.code == 403

        assert (tmp_path / "knoten.sqlite3").exists()
        assert (tmp_path / "secret_key").exists()
    finally:
        server.terminate()
        rest = server.communicate(timeout=10)[0].decode()
    output = "".join(printed) + rest
    assert f"http://127.0.0.1:{port}/" in output
