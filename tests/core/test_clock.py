"""The one clock: pinned by tests, by KNOTEN_TODAY for a command, else the real day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from knoten.core import clock
from knoten.core.errors import InvalidInput
from knoten.core.reading import past_day


def test_the_real_day_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KNOTEN_TODAY", raising=False)
    assert clock.today() == timezone.localdate()


def test_knoten_today_pins_the_day_for_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOTEN_TODAY", "2026-03-14")
    assert clock.today() == dt.date(2026, 3, 14)
    assert past_day("Freitag") == dt.date(2026, 3, 13)


def test_a_knoten_today_that_is_no_date_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOTEN_TODAY", "14.03.")
    with pytest.raises(InvalidInput, match=r"KNOTEN_TODAY: '14\.03\.' is not a date"):
        clock.today()


def test_pinned_wins_and_is_undone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOTEN_TODAY", "2026-03-14")
    with clock.pinned(dt.date(2024, 3, 13)):
        assert clock.today() == dt.date(2024, 3, 13)
    assert clock.today() == dt.date(2026, 3, 14)
