"""The real ``knoten`` program, run as a user runs it, on a data folder of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_knoten(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``knoten ARGS`` as the member "owner", on embedded SQLite in ``data_dir``."""
    env = {
        **os.environ,
        "KNOTEN_DATA_DIR": str(data_dir),
        "KNOTEN_DATABASE_URL": "",
        "KNOTEN_USER": "owner",
    }
    return subprocess.run(
        [sys.executable, "-m", "knoten", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
