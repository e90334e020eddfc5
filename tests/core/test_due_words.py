"""Due dates (and past days) in words, German and English, read from today's clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from knoten.core import clock
from knoten.core.errors import InvalidInput
from knoten.core.reading import due_day, past_day, split_due

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def monday() -> Iterator[dt.date]:
    with clock.pinned(MONDAY):
        yield MONDAY


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("in 3 days", dt.date(2026, 12, 10)),
        ("in 3 Tagen", dt.date(2026, 12, 10)),
        ("nächste Woche", dt.date(2026, 12, 14)),
        ("next week", dt.date(2026, 12, 14)),
        ("Ende des Monats", dt.date(2026, 12, 31)),
        ("end of the month", dt.date(2026, 12, 31)),
        ("Monatsende", dt.date(2026, 12, 31)),
        ("end of next week", dt.date(2026, 12, 18)),
        ("Ende nächster Woche", dt.date(2026, 12, 18)),
        ("Ende der Woche", dt.date(2026, 12, 11)),
        ("Mitte nächster Woche", dt.date(2026, 12, 16)),
        ("Anfang nächster Woche", dt.date(2026, 12, 14)),
        ("Ende nächsten Monats", dt.date(2027, 1, 31)),
        ("end of next month", dt.date(2027, 1, 31)),
        ("beginning of next month", dt.date(2027, 1, 1)),
        ("Jahresende", dt.date(2026, 12, 31)),
        ("Ende März", dt.date(2027, 3, 31)),
        ("übermorgen", dt.date(2026, 12, 9)),
        ("day after tomorrow", dt.date(2026, 12, 9)),
        ("in zwei Wochen", dt.date(2026, 12, 21)),
        ("the end of the month", dt.date(2026, 12, 31)),
        ("zum Ende der nächsten Woche", dt.date(2026, 12, 18)),
        ("within 3 days", dt.date(2026, 12, 10)),
        ("innerhalb von 3 Tagen", dt.date(2026, 12, 10)),
        ("binnen einer Woche", dt.date(2026, 12, 14)),
        ("KW 51", dt.date(2026, 12, 18)),
        ("Ende KW 3", dt.date(2027, 1, 22)),
        ("calendar week 12", dt.date(2027, 3, 26)),
    ],
)
def test_due_dates_in_words_are_read(typed: str, day: dt.date) -> None:
    assert due_day(typed) == day


def test_an_edge_already_passed_is_the_next_one() -> None:
    saturday = dt.date(2026, 12, 12)
    assert due_day("Ende der Woche", relative_to=saturday) == dt.date(2026, 12, 18)
    assert due_day("Anfang der Woche", relative_to=saturday) == dt.date(2026, 12, 14)


def test_words_that_are_no_date_are_refused() -> None:
    with pytest.raises(InvalidInput, match="is not a date"):
        due_day("Ende der Welt")
    with pytest.raises(InvalidInput, match="is not a date"):
        due_day("KW 60")


@pytest.mark.parametrize(
    ("typed", "what", "day"),
    [
        ("Angebot in 3 days", "Angebot", dt.date(2026, 12, 10)),
        ("Angebot schicken in 3 Tagen", "Angebot schicken", dt.date(2026, 12, 10)),
        ("Bericht nächste Woche", "Bericht", dt.date(2026, 12, 14)),
        ("Bericht Ende des Monats", "Bericht", dt.date(2026, 12, 31)),
        ("Slides end of next week", "Slides", dt.date(2026, 12, 18)),
        ("Rückruf übermorgen", "Rückruf", dt.date(2026, 12, 9)),
        ("Angebot am Freitag", "Angebot", dt.date(2026, 12, 11)),
        ("Angebot spätestens Freitag", "Angebot", dt.date(2026, 12, 11)),
        ("Intro to her CFO next friday", "Intro to her CFO", dt.date(2026, 12, 11)),
        ("Offer within a week", "Offer", dt.date(2026, 12, 14)),
        ("Angebot KW 51", "Angebot", dt.date(2026, 12, 18)),
        ("Morgen, Angebot schicken", "Angebot schicken", dt.date(2026, 12, 8)),
        ("Nächste Woche Angebot schicken", "Angebot schicken", dt.date(2026, 12, 14)),
        ("Am Freitag Slides schicken", "Slides schicken", dt.date(2026, 12, 11)),
    ],
)
def test_a_due_date_at_the_end_is_split_off(typed: str, what: str, day: dt.date) -> None:
    assert split_due(typed) == (what, day)


@pytest.mark.parametrize(
    "typed",
    [
        "Bericht in Englisch",
        "Treffen in Berlin",
        "Bericht in 2019",
        "Bericht in 3 Sprachen",
        "Angebot für nächste Woche vorbereiten",
        "Guten Morgen sagen",
        "übermorgen",  # nothing would remain of what is due
        "In Berlin anrufen",
        "Next steps besprechen",
        "Anfang machen",
    ],
)
def test_text_without_a_due_date_at_its_end_is_left_whole(typed: str) -> None:
    assert split_due(typed) is None


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("am Freitag", dt.date(2026, 12, 4)),
        ("on Monday", dt.date(2026, 12, 7)),
        ("vergangene Woche", dt.date(2026, 11, 30)),
        ("letzte Woche", dt.date(2026, 11, 30)),
        ("vergangenen Monat", dt.date(2026, 11, 7)),
        ("vorgestern", dt.date(2026, 12, 5)),
        ("vor 3 Tagen", dt.date(2026, 12, 4)),
    ],
)
def test_past_days_in_words_are_read(typed: str, day: dt.date) -> None:
    assert past_day(typed) == day
