"""Periods in words, both languages."""

from __future__ import annotations

import pytest
from django.utils import translation

from knoten.core.errors import InvalidInput
from knoten.upkeep.periods import ago_words, period_words, read_period


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("monthly", 30),
        ("monatlich", 30),
        ("Quarterly", 91),
        ("vierteljährlich", 91),
        ("every 6 weeks", 42),
        ("alle 2 Monate", 60),
        ("alle zwei Wochen", 14),
        ("90 days", 90),
        ("3m", 90),
        ("yearly", 365),
        ("jährlich", 365),
        ("halbjährlich", 182),
        ("once a month", 30),
        ("weekly", 7),
        ("10", 10),
        (14, 14),
    ],
)
def test_read_period(text: str | int, days: int) -> None:
    assert read_period(text) == days


@pytest.mark.parametrize("text", ["", "sometimes", "every", "0 days", "every 11 years", "-3"])
def test_a_period_that_is_none_is_refused_with_the_reason(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_period(text)
    assert refused.value.field == "every"


def test_words_for_periods_in_both_languages() -> None:
    assert period_words(91) == "quarterly"
    assert period_words(42) == "every 6 weeks"
    assert period_words(60) == "every 2 months"
    assert ago_words(120) == "4 months ago"
    with translation.override("de"):
        assert period_words(91) == "vierteljährlich"
        assert period_words(42) == "alle 6 Wochen"
        assert ago_words(3) == "vor 3 Tagen"
