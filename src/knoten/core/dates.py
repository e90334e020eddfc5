"""Reading dates that users type, in German or English."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from knoten.core.errors import InvalidInput
from knoten.core.partial_dates import find_partial_date


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


@lru_cache(maxsize=1)
def _date_parser() -> Any:
    # dateparser takes a second to import and build its language data; only the
    # commands that read free-form dates pay for it.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["de", "en"],
        settings={"PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False},
    )


def parse_day(text: str, field: str = "date", *, relative_to: dt.date | None = None) -> dt.date:
    """A full calendar day from ``text``.

    Exact forms first (``2024-03-14``, ``14.03.2024``, ``20240314``), then, through
    dateparser, words such as ``heute``, ``morgen``, ``Freitag``, ``next friday`` or
    ``in 2 Wochen``. A form without a year or day (``2019``) is refused: a day is needed.
    """
    value = (text or "").strip()
    if not value:
        raise InvalidInput(field, text, "is empty; give a date such as 2024-03-14 or 14.03.2024")
    partial = find_partial_date(value, field)
    if partial is not None:
        day = partial.to_date()
        if day is None:
            raise InvalidInput(field, text, "needs a day, a month and a year here")
        return day
    base = relative_to or today()
    parser = _date_parser()
    parser._settings.RELATIVE_BASE = dt.datetime.combine(base, dt.time(12))
    data = parser.get_date_data(value)
    if data is None or data.date_obj is None:
        raise InvalidInput(
            field, text, "is not a date; use 2024-03-14, 14.03.2024 or words like 'morgen'"
        )
    parsed: dt.date = data.date_obj.date()
    return parsed
