from __future__ import annotations

import datetime as dt

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.reading import parse_day

THURSDAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2024-03-14", dt.date(2024, 3, 14)),
        ("14.03.2024", dt.date(2024, 3, 14)),
        ("morgen", dt.date(2026, 11, 27)),
        ("tomorrow", dt.date(2026, 11, 27)),
        ("Freitag", dt.date(2026, 11, 27)),
        ("in 2 Wochen", dt.date(2026, 12, 10)),
    ],
)
def test_days_are_read_in_german_and_english(typed: str, day: dt.date) -> None:
    assert parse_day(typed, relative_to=THURSDAY) == day


def test_a_year_alone_is_not_a_day() -> None:
    with pytest.raises(InvalidInput, match="needs a day, a month and a year"):
        parse_day("2019", "due")


def test_nonsense_is_refused_with_the_field_named() -> None:
    with pytest.raises(InvalidInput, match=r"^due: 'blorp' is not a date"):
        parse_day("blorp", "due", relative_to=THURSDAY)


def test_impossible_day_is_refused() -> None:
    with pytest.raises(InvalidInput, match="day 30 does not exist in month 2"):
        parse_day("30.02.2024", "on")
