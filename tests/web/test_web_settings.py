"""Settings the web app reads from the environment: session lifetime and HTTPS cookies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SHOW = (
    "from django.conf import settings;"
    "print(settings.SESSION_COOKIE_AGE, settings.SESSION_COOKIE_SECURE,"
    " settings.CSRF_COOKIE_SECURE)"
)


def settings_with(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"KNOTEN_HTTPS", "KNOTEN_SESSION_DAYS"}
    }
    environment.update(KNOTEN_DATA_DIR=str(tmp_path), KNOTEN_DATABASE_URL="", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + SHOW],
        env={**environment, "DJANGO_SETTINGS_MODULE": "knoten.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_defaults(tmp_path: Path) -> None:
    result = settings_with(tmp_path)
    assert result.stdout.split() == [str(14 * 86400), "False", "False"], result.stderr


@pytest.mark.slow
def test_https_and_session_days(tmp_path: Path) -> None:
    result = settings_with(tmp_path, KNOTEN_HTTPS="true", KNOTEN_SESSION_DAYS="2")
    assert result.stdout.split() == [str(2 * 86400), "True", "True"], result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("days", ["0", "-3", "two"])
def test_a_bad_session_length_is_refused(tmp_path: Path, days: str) -> None:
    result = settings_with(tmp_path, KNOTEN_SESSION_DAYS=days)
    assert result.returncode != 0
    assert "KNOTEN_SESSION_DAYS" in result.stderr
