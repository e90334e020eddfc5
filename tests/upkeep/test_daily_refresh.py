"""The server's daily refresh of standings: only when asked, and in one process only."""

from __future__ import annotations

import pytest

from knoten import wsgi
from knoten.upkeep import standings


def test_started_once_when_asked(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    started: list[int] = []
    monkeypatch.setattr(standings, "start_daily_refresh", lambda: started.append(1))
    monkeypatch.setattr(wsgi, "_held", [])
    from django.conf import settings

    monkeypatch.setattr(settings, "DATA_DIR", tmp_path)
    monkeypatch.delenv("KNOTEN_DAILY_REFRESH", raising=False)
    assert wsgi.refresh_standings_daily() is False  # not asked: a plain WSGI import
    monkeypatch.setenv("KNOTEN_DAILY_REFRESH", "true")
    assert wsgi.refresh_standings_daily() is True
    # A second worker of the same machine finds the lock taken.
    assert wsgi.refresh_standings_daily() is False
    assert started == [1]
    for handle in wsgi._held:
        handle.close()
