"""Dates as the CSV exports write them: ISO, German, Outlook's US form, LinkedIn's."""

from __future__ import annotations

import re

from knoten.core.partial_dates import PartialDate

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "jän", "jänner"),
            ("feb", "february", "februar"),
            ("mar", "march", "mär", "märz", "maerz", "mrz"),
            ("apr", "april"),
            ("may", "mai"),
            ("jun", "june", "juni"),
            ("jul", "july", "juli"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october", "okt", "oktober"),
            ("nov", "november"),
            ("dec", "december", "dez", "dezember"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$|^--(\d{1,2})-?(\d{1,2})$")
_BASIC_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_WORDED = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_WORDED_US = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
# Outlook writes these for "no date".
_NO_DATES = {
    "0/0/00",
    "1/0/00",
    "0.0.00",
    "00.00.00",
    "00.00.0000",
    "0/0/0000",
    "1/1/4501",
    "01.01.4501",
    "1.1.4501",
}

# The dates read so far, by their text: a file repeats few, and a row looks here first.
DATE_CACHE: dict[str, PartialDate | None] = {}


class _NotADate(ValueError):
    pass


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years: Outlook's short date; 30 and later are the 1900s.
        year += 1900 if year >= 30 else 2000
    return year


def read_date(text: str) -> PartialDate | None:
    """A date as the exports write it; None for Outlook's "no date" (``0/0/00``).

    ISO (``1980-03-14``, ``--03-14``, ``19800314``), German (``14.03.1980``,
    ``14.03.``), Outlook's US form (``3/14/1980``; a first number above 12 reads as the
    day), LinkedIn's ``14 Mar 2023`` and ``Mar 14, 2023``, and ``14. März 2023``.
    Anything else raises ValueError.
    """
    cached = DATE_CACHE.get(text, DATE_CACHE)
    if cached is not DATE_CACHE:
        return cached  # type: ignore[return-value]
    found = _read_date(text)
    if len(DATE_CACHE) < 50_000:
        DATE_CACHE[text] = found
    return found


_MIDNIGHT = re.compile(r"[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$")


def _read_date(text: str) -> PartialDate | None:
    if ":" in text:
        text = _MIDNIGHT.sub("", text)  # "14.03.1980 00:00:00" from a spreadsheet
    if text in _NO_DATES:
        return None
    try:
        # LinkedIn's "14 Mar 2023", the most frequent by far: read without a regex.
        day_word, _, rest = text.partition(" ")
        month_word, _, year_word = rest.partition(" ")
        if (
            day_word.isdigit()
            and len(year_word) == 4
            and year_word.isdigit()
            and month_word.casefold() in _MONTHS
        ):
            return PartialDate(int(year_word), _MONTHS[month_word.casefold()], int(day_word))
        if match := _ISO_DATE.match(text):
            year, month, day, bare_month, bare_day = match.groups()
            if year is not None:
                return PartialDate(
                    int(year), int(month) if month else None, int(day) if day else None
                )
            return PartialDate(None, int(bare_month), int(bare_day))
        if match := _BASIC_DATE.match(text):
            return PartialDate(int(match[1]), int(match[2]), int(match[3]))
        if match := _DOTTED.match(text):
            if int(match[1]) == 0 and int(match[2]) == 0:
                return None
            year_text = match[3]
            return PartialDate(
                _year(year_text) if year_text else None, int(match[2]), int(match[1])
            )
        if match := _SLASHED.match(text):
            first, second, year_text = int(match[1]), int(match[2]), match[3]
            if first == 0 or second == 0:
                return None
            month, day = (second, first) if first > 12 else (first, second)
            return PartialDate(_year(year_text), month, day)
        if match := _WORDED.match(text):
            month = _MONTHS.get(match[2].casefold())
            if month is not None:
                return PartialDate(int(match[3]), month, int(match[1]))
        if match := _WORDED_US.match(text):
            month = _MONTHS.get(match[1].casefold())
            if month is not None:
                return PartialDate(int(match[3]), month, int(match[2]))
    except ValueError as error:
        raise _NotADate(f"is not a date: {error}") from None
    raise _NotADate("is not a date")
