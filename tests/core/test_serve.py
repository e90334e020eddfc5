"""``knoten serve`` starts a real server (gunicorn) that answers on the port it names."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_with_the_home_page(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "KNOTEN_DATA_DIR": str(tmp_path), "KNOTEN_DATABASE_URL": ""}
    knoten = Path(sys.executable).with_name("knoten")
    server = subprocess.Popen(
        [str(knoten), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = ""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    assert answer.status == 200
                    body = answer.read().decode()
                    break
            except OSError:
                time.sleep(0.2)
        assert "Knoten is running" in body
        assert (tmp_path / "knoten.sqlite3").exists()
        assert (tmp_path / "secret_key").exists()
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0].decode()
    assert f"http://127.0.0.1:{port}/" in output
