"""Partial dates: a year, a year and month, a full date, or a day and month without year.

A birthday is often known without its year and a job start only as "2019". Stored as
the ISO 8601 / vCard text forms ``2019``, ``2019-05``, ``2019-05-14`` and ``--05-14``,
which sort correctly as text within the forms that carry a year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models

from knoten.core.errors import InvalidInput

_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")
_NO_YEAR = re.compile(r"^--(?P<month>\d{1,2})-?(?P<day>\d{1,2})$")
_GERMAN = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})?$")
_GERMAN_MONTH = re.compile(r"^(?P<month>\d{1,2})[./](?P<year>\d{4})$")
_BASIC = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
_STORED_FORMS = (_ISO, _NO_YEAR, _BASIC)
_TYPED_FORMS = (_GERMAN, _GERMAN_MONTH, *_STORED_FORMS)


def _read(value: str, forms: tuple[re.Pattern[str], ...]) -> PartialDate | None:
    """The date of the first form ``value`` has (ValueError if it cannot exist)."""
    for pattern in forms:
        match = pattern.match(value)
        if match:
            parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
            return PartialDate(parts.get("year"), parts.get("month"), parts.get("day"))
    return None


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date of which the year, or the month and day, may be unknown."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is None and (self.month is None or self.day is None):
            raise ValueError("a date without a year needs a month and a day")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} does not exist")
        if self.day is not None and self.month is not None:
            # 29 February is valid for a date without a year (a leap-day birthday).
            last = calendar.monthrange(self.year or 2000, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} does not exist in month {self.month}")

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """Read one of the stored forms (and the basic form ``19650812``)."""
        found = _read(text.strip(), _STORED_FORMS)
        if found is None:
            raise ValueError(f"{text!r} is not a date")
        return found

    @property
    def is_complete(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    def to_date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def earliest(self) -> dt.date | None:
        """The first day this date could mean (None without a year)."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def display(self) -> str:
        """German-style display: 14.03.2024, 14.03., 03/2024, 2024."""
        if self.year is None:
            return f"{self.day:02d}.{self.month:02d}."
        if self.month is None:
            return f"{self.year}"
        if self.day is None:
            return f"{self.month:02d}/{self.year}"
        return f"{self.day:02d}.{self.month:02d}.{self.year}"

    def __str__(self) -> str:
        return self.isoformat()


def find_partial_date(text: str, field: str = "date") -> PartialDate | None:
    """The partial date ``text`` is written as, or None when it has no date's shape.

    A text shaped like a date that does not exist (``31.02.2024``, ``2024-13``) raises
    :class:`InvalidInput`: callers that go on to read words ("Freitag") must not take
    an impossible date for a word.
    """
    try:
        return _read((text or "").strip(), _TYPED_FORMS)
    except ValueError as error:
        raise InvalidInput(field, text, f"is not a valid date: {error}") from None


def parse_partial_date(text: str, field: str = "date") -> PartialDate:
    """A partial date from what a user typed: ISO, German, or partial.

    Accepts ``2024-03-14``, ``14.03.2024``, ``14.3.``, ``--03-14``, ``2019``, ``2019-05``,
    ``05/2019`` and ``19650812``. Raises :class:`InvalidInput` naming ``field`` otherwise.
    """
    if not (text or "").strip():
        raise InvalidInput(field, text, "is empty; give a date such as 2024-03-14 or 14.03.2024")
    found = find_partial_date(text, field)
    if found is None:
        raise InvalidInput(
            field, text, "is not a date; use 2024-03-14, 14.03.2024, --03-14, 2019 or 2019-05"
        )
    return found


if TYPE_CHECKING:
    # Tells the type checker that the field takes a PartialDate (or its text) and gives
    # one back; Django's CharField is not subscriptable at run time.
    _TextField = models.CharField[PartialDate | str | dt.date | None, PartialDate | None]
else:
    _TextField = models.CharField


class PartialDateField(_TextField):
    """A model field that holds a :class:`PartialDate` as its ISO text form."""

    description = "A date whose year or month and day may be unknown"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 10:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return None
        return PartialDate.parse_iso(value)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):
            return PartialDate.from_date(value)
        if value == "":
            return None
        return parse_partial_date(str(value), self.name or "date")

    def get_prep_value(self, value: Any) -> Any:
        value = self.to_python(value)
        return None if value is None else value.isoformat()

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else value.isoformat()
