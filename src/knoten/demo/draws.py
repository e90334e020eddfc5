"""Random draws the demo generator makes everywhere: weighted choices, digits, days and
partial dates, and ASCII slugs for addresses.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, overload

from knoten.core.folding import strip_marks
from knoten.core.partial_dates import PartialDate

T = TypeVar("T")


class Pick:
    """A weighted random choice that costs one bisect."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, items: Sequence[Any], weights: Iterable[float]) -> None:
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1] if self.cumulative else 0.0

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]

    def __bool__(self) -> bool:
        return bool(self.items)


def pick(pairs: Sequence[tuple[T, float]]) -> Pick:
    return Pick([item for item, _ in pairs], [weight for _, weight in pairs])


def zipf(count: int, exponent: float = 1.0) -> list[float]:
    return [1.0 / (rank + 1) ** exponent for rank in range(count)]


_GERMAN_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe"})


def ascii_slug(text: str, sep: str = "-") -> str:
    """``Jürgen von Müller`` as ``juergen-von-mueller`` (for e-mail addresses and URLs)."""
    plain = strip_marks(text.translate(_GERMAN_ASCII).replace("Ü", "ue"))
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in plain).split()
    return sep.join(words)


def digits(rng: random.Random, count: int) -> str:
    return str(rng.randrange(10**count)).zfill(count)


def date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return dt.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def partial(
    rng: random.Random, day: dt.date, full: float = 0.15, month: float = 0.45
) -> PartialDate:
    """``day`` as a partial date: the year only, the month, or the full date."""
    roll = rng.random()
    if roll < full:
        return PartialDate(day.year, day.month, day.day)
    if roll < full + month:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year)


@overload
def iso(value: PartialDate) -> str: ...


@overload
def iso(value: PartialDate | None) -> str | None: ...


def iso(value: PartialDate | None) -> str | None:
    """The stored text form of a partial date (what ``PartialDateField`` holds)."""
    return None if value is None else value.isoformat()


def year_date(rng: random.Random, year: int, today: dt.date) -> dt.date:
    start = dt.date(year, 1, 1)
    return min(date_between(rng, start, dt.date(year, 12, 31)), today)
