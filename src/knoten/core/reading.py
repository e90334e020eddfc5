"""Reading what users type: texts, ids, flags, durations, dates and amounts.

Every face passes on what the user gave (``None`` for what they left empty); the domain
reads it with these functions, which raise :class:`InvalidInput` naming the field and
saying what would be understood. Dates and amounts are read the German and the English
way alike ("14.03.2024", "letzten Freitag", "1.234,50 €", "4,5 h").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from knoten.core.clock import today
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.folding import fold, fold_words
from knoten.core.limits import is_id, storable
from knoten.core.partial_dates import PartialDate, find_partial_date, parse_partial_date

# --- texts, ids and flags ------------------------------------------------------------------


def clean(text: str | None) -> str:
    """One line: the spaces inside collapsed, none around it."""
    return " ".join((text or "").split())


def line(value: str | None, field: str, max_length: int | None) -> str:
    """One line of text (spaces collapsed) that fits a column of ``max_length``."""
    storable(field, value)
    text = clean(value)
    if max_length is not None and len(text) > max_length:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise InvalidInput(field, shown, f"is too long: at most {max_length} characters")
    return text


def column_line(value: str | None, field: str, model: Any, column: str) -> str:
    """:func:`line` for the column ``column`` of ``model``, as long as it may be."""
    return line(value, field, model._meta.get_field(column).max_length)


def long_text(value: str | None, field: str) -> str:
    """Free text (a summary, a note): kept as written, less the spaces around it."""
    storable(field, value)
    return (value or "").strip()


def object_id(value: int | str, field: str) -> int:
    """An id given as a number or as its digits."""
    if not is_id(value):
        raise InvalidInput(field, value, f"is not a {field} id (a number)")
    return value if isinstance(value, int) else int(str(value).strip())


def lookup_id(value: int | str, field: str) -> int:
    """An id to look a row up by: a whole number (else refused); one no row can have
    (0, or beyond 64 bits) is not found, like an id that does not exist."""
    if isinstance(value, bool) or not (isinstance(value, int) or str(value).strip().isdecimal()):
        raise InvalidInput(field, value, f"is not a {field} id (a number)")
    if not is_id(value):
        raise NotFound(field, value)
    return value if isinstance(value, int) else int(str(value).strip())


def flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(field, value, "is not true or false")
    return value


def whole_minutes(value: object, field: str, *, at_most: int, what: str, too_long: str) -> int:
    """A duration in whole minutes ("45" from a form too), from 0 to ``at_most``.

    ``what`` names the duration in messages ("a duration", "an effort"); ``too_long``
    says what is wrong with one beyond ``at_most``.
    """
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field, value, "is not a whole number of minutes")
    if value < 0:
        raise InvalidInput(field, value, f"is negative; {what} is 0 minutes or more")
    if value > at_most:
        raise InvalidInput(field, value, too_long)
    return value


# --- days ----------------------------------------------------------------------------------


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


def any_day(value: str | dt.date, field: str) -> dt.date:
    """A day, given as a date or as text :func:`parse_day` reads."""
    if isinstance(value, dt.date):
        return value
    storable(field, value)
    return parse_day(value, field)


_WEEKDAYS = {
    fold(word)
    for word in (
        *("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
        *("Sonnabend", "Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
    )
}
_PAST_WORDS = {
    fold(word)
    for word in (
        *("letzten", "letzte", "letzter", "letztes", "vergangenen", "vergangene"),
        *("vergangener", "vergangenes", "last", "past"),
    )
}


def past_day(
    value: str | dt.date | None,
    field: str = "on",
    *,
    hint: str = "log a conversation after it happened",
) -> dt.date:
    """The day something happened: today by default, never in the future.

    A bare weekday means the last one ("Freitag" on a Wednesday is two days ago, on a
    Friday it is today), since what happened is written down after; "letzten Freitag"
    and "last friday" mean the same. ``hint`` ends the message for a day to come.
    """
    now = today()
    if value is None:
        return now
    if isinstance(value, dt.date):
        day = value
        text = value.isoformat()
    else:
        storable(field, value)
        text = value
        said = fold_words(text)
        if len(said) == 2 and said[0] in ("am", "on") and said[1] in _WEEKDAYS:
            said = said[1:]  # "am Freitag", "on Friday"
        if len(said) == 2 and said[0] in _PAST_WORDS and said[1] in _WEEKDAYS:
            said = said[1:]
        if len(said) == 1 and said[0] in _WEEKDAYS:
            # dateparser reads a weekday as the next one after today; go back a week.
            day = parse_day(said[0], field, relative_to=now - dt.timedelta(days=7))
        elif len(said) == 2 and said[0] in _PAST_WORDS and said[1] in _UNITS:
            # "vergangene Woche", "letzten Monat": as dateparser reads "last week".
            day = parse_day(f"last {_UNITS[said[1]]}", field)
        else:
            day = parse_day(text, field)
    if day > now:
        raise InvalidInput(field, text, f"is {day.isoformat()}, in the future; {hint}")
    return day


_NEXT_WORDS = {
    fold(word)
    for word in ("nächsten", "nächste", "kommenden", "kommende", "next", "coming", "this", "diesen")
}
# "end of next week", "Ende nächster Woche", "Anfang des nächsten Monats", "Monatsende" …
_EDGE_WORDS = {
    **{fold(word): "end" for word in ("end", "ende")},
    **{fold(word): "start" for word in ("anfang", "beginning", "start", "early", "begin")},
    **{fold(word): "middle" for word in ("mitte", "middle", "mid")},
}
_EDGE_FILLERS = {
    fold(word) for word in ("of", "the", "des", "der", "dem", "this", "dieser", "dieses", "diesen")
}
_EDGE_NEXT = {
    fold(word)
    for word in (
        *("next", "coming", "following", "nächste", "nächster", "nächsten", "nächstes"),
        *("kommende", "kommender", "kommenden", "kommendes", "folgenden", "folgender"),
    )
}
_UNITS = {
    **{fold(word): "week" for word in ("week", "woche", "wochen")},
    **{fold(word): "month" for word in ("month", "monat", "monats")},
    **{fold(word): "year" for word in ("year", "jahr", "jahres", "jahrs")},
}
_EDGE_COMPOUNDS = {
    fold("Monatsende"): ("end", "month"),
    fold("Jahresende"): ("end", "year"),
    fold("Wochenmitte"): ("middle", "week"),
    fold("Monatsanfang"): ("start", "month"),
    fold("Monatsbeginn"): ("start", "month"),
    fold("Jahresanfang"): ("start", "year"),
}
_MONTHS = {
    fold(name): number
    for number, names in enumerate(
        (
            ("januar", "january", "jan", "jänner"),
            ("februar", "february", "feb"),
            ("märz", "march", "mar", "maerz"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "oct", "okt"),
            ("november", "nov"),
            ("dezember", "december", "dec", "dez"),
        ),
        start=1,
    )
    for name in names
}


def _edge_of_period(said: list[str], base: dt.date) -> dt.date | None:
    """The day "end of (next) week/month/year" or "Ende März" names, or None.

    The end of a week is its Friday, its middle the Wednesday, its start the Monday; a
    month and a year end on their last day and start on their first. An edge already
    passed ("Anfang der Woche" on a Thursday) is the next one.
    """
    while said and said[0] in ("the", "der", "dem", "zum", "zur"):
        said = said[1:]  # "by the end of the month", "bis zum Ende der Woche"
    if not said:
        return None
    if len(said) == 1 and said[0] in _EDGE_COMPOUNDS:
        edge, unit = _EDGE_COMPOUNDS[said[0]]
        later = 0
    elif said[-1] in ("ende", "end") and len(said) == 2 and said[0] in _UNITS:
        edge, unit, later = "end", _UNITS[said[0]], 0  # "month end", "Monat Ende"
    else:
        edge_word, rest = said[0], said[1:]
        if edge_word not in _EDGE_WORDS:
            return None
        edge = _EDGE_WORDS[edge_word]
        while rest and rest[0] in _EDGE_FILLERS:
            rest = rest[1:]
        later = 0
        if rest and rest[0] in _EDGE_NEXT:
            later, rest = 1, rest[1:]
        if len(rest) == 1 and rest[0] in _MONTHS and not later:
            month = _MONTHS[rest[0]]
            for year in (base.year, base.year + 1):
                last = calendar.monthrange(year, month)[1]
                day = dt.date(year, month, {"start": 1, "middle": 15, "end": last}[edge])
                if day >= base:
                    break
            return day
        if len(rest) != 1 or rest[0] not in _UNITS:
            return None
        unit = _UNITS[rest[0]]
    return _edge_day(edge, unit, later, base)


def _edge_day(edge: str, unit: str, later: int, base: dt.date) -> dt.date:
    """The ``edge`` ("start", "middle", "end") of the ``unit`` ``later`` units after the
    one of ``base``; one that has passed already is the next unit's."""
    if unit == "week":
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=later)
        day = monday + dt.timedelta(days={"start": 0, "middle": 2, "end": 4}[edge])
    elif unit == "month":
        year, month = divmod(base.month - 1 + later, 12)
        year, month = base.year + year, month + 1
        last = calendar.monthrange(year, month)[1]
        day = dt.date(year, month, {"start": 1, "middle": 15, "end": last}[edge])
    else:
        year = base.year + later
        day = {"start": dt.date(year, 1, 1), "middle": dt.date(year, 6, 30)}.get(
            edge, dt.date(year, 12, 31)
        )
    if day < base:
        return _edge_day(edge, unit, later + 1, base)
    return day


_WITHIN = {fold(word) for word in ("within", "innerhalb", "binnen")}
_WEEK_WORDS = {fold(word) for word in ("kw", "cw", "week", "woche", "kalenderwoche")}


def _calendar_week(said: list[str], base: dt.date) -> dt.date | None:
    """The Friday of calendar week N ("KW 51", "Ende KW 3", "week 12"), the next such."""
    if said[:1] in (["ende"], ["end"]):
        said = said[1:]
    if said[:2] == ["calendar", "week"]:
        said = ["week", *said[2:]]
    if len(said) == 1 and re.fullmatch(r"(?:kw|cw)\d{1,2}", said[0]):
        said = [said[0][:2], said[0][2:]]
    if len(said) != 2 or said[0] not in _WEEK_WORDS or not said[1].isdecimal():
        return None
    number = int(said[-1])
    for year in (base.year, base.year + 1):
        try:
            day = dt.date.fromisocalendar(year, number, 5)
        except ValueError:  # no week 53 this year
            continue
        if day >= base:
            return day
    return None


def _month_alone(said: list[str], base: dt.date) -> dt.date | None:
    """A month named alone ("März", "in March", "im Mai 2027") as a due day: its last day,
    the next such month (this one, if we are in it), or that year's."""
    if said[:1] in (["in"], ["im"]):
        said = said[1:]
    if not said or said[0] not in _MONTHS or len(said) > 2:
        return None
    month = _MONTHS[said[0]]
    if len(said) == 2:
        if not re.fullmatch(r"\d{4}", said[1]):
            return None
        years = [int(said[1])]
    else:
        years = [base.year, base.year + 1]
    for year in years:
        day = dt.date(year, month, calendar.monthrange(year, month)[1])
        if day >= base:
            return day
    return None


def due_day(text: str, field: str = "due", *, relative_to: dt.date | None = None) -> dt.date:
    """A day to come: a full date, a day and month (the next such day), or words.

    Words are read relative to ``relative_to`` (the day a promise was made), so "bis
    Freitag" said on a Wednesday is that week's Friday; "end of month" ("Monatsende") is
    its last day, "end of the week" ("Ende der Woche") its Friday, "end of next week"
    ("Ende nächster Woche") the Friday after, "Anfang nächsten Monats" its first day,
    "nächsten Dienstag" the coming Tuesday, "März" ("in March") the end of March; "in 3
    days" ("in 3 Tagen"), "übermorgen",
    "next week" are read by dateparser.
    """
    base = relative_to or today()
    said = fold_words(text or "")
    edge = _edge_of_period(said, base)
    if edge is not None:
        return edge
    week = _calendar_week(said, base)
    if week is not None:
        return week
    month = _month_alone(said, base)
    if month is not None:
        return month
    if len(said) > 2 and said[0] in _WITHIN:
        # "within 3 days", "innerhalb von 3 Tagen", "binnen einer Woche": in that time.
        rest = said[2:] if said[1] == "von" else said[1:]
        return parse_day(" ".join(["in", *rest]), field, relative_to=base)
    if len(said) == 2 and said[0] in _NEXT_WORDS and said[1] in _WEEKDAYS:
        # "nächsten Dienstag", "next Tuesday": the coming one, as a bare weekday.
        # The weekday as typed: folding makes "tuesday" "tusday", which dateparser misreads.
        return parse_day(text.split()[-1], field, relative_to=base)
    partial = find_partial_date(text, field)
    if partial is not None and partial.year is None:
        assert partial.month is not None and partial.day is not None
        for year in range(base.year, base.year + 9):
            try:
                candidate = dt.date(year, partial.month, partial.day)
            except ValueError:  # 29 February in a common year
                continue
            if candidate >= base:
                return candidate
    return parse_day(text, field, relative_to=base)


# The words a due date in words may begin with, when nothing ("by", "bis") announces it.
_DUE_STARTS = (
    {
        fold(word)
        for word in (
            *("in", "within", "innerhalb", "binnen", "this", "diese", "diesen", "dieser"),
            *("übermorgen", "morgen", "tomorrow", "heute", "today", "day", "KW"),
            *("Monatsende", "Jahresende", "Wochenmitte", "Monatsanfang", "Jahresanfang"),
        )
    }
    | set(_EDGE_WORDS)
    | _EDGE_NEXT
    | _NEXT_WORDS
    | _WEEKDAYS
)
# Words before such a date that are not part of it ("am Freitag", "spätestens morgen").
_DUE_LEADS = {fold(word) for word in ("am", "on", "spätestens", "latest", "zum")}
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}(?:[./-]\d{0,4})?$")


def split_due(
    text: str, field: str = "due", *, relative_to: dt.date | None = None
) -> tuple[str, dt.date] | None:
    """``text`` less the due date in words it ends (or begins) with, and that day; None
    if it has none.

    "Angebot in 3 days", "Angebot nächste Woche", "Bericht Ende des Monats": the longest
    end of ``text`` that begins with a word a due date begins with ("in", "nächste",
    "Ende", "übermorgen", a weekday, 14.03.) and that :func:`due_day` reads as a day
    to come; else such a beginning ("Morgen Angebot schicken"). Something must remain,
    the text of what is due.
    """
    base = relative_to or today()
    parts = clean(text).split(" ")

    def read(words: list[str]) -> dt.date | None:
        if words and fold(words[0]) in _DUE_LEADS:
            words = words[1:]  # "am Freitag", "spätestens morgen"
        said = " ".join(words).rstrip(",:;")
        first = said.split(" ", 1)[0]
        if not said or (fold(first) not in _DUE_STARTS and not _DATE_LIKE.match(first)):
            return None
        try:
            day = due_day(said, field, relative_to=base)
        except InvalidInput:
            return None
        return day if day >= base else None

    for start in range(1, len(parts)):
        day = read(parts[start:])
        if day is not None:
            return " ".join(parts[:start]).rstrip(",:;"), day
    for end in range(min(len(parts) - 1, 5), 0, -1):
        day = read(parts[:end])
        if day is not None:
            return " ".join(parts[end:]), day
    return None


# --- partial dates -------------------------------------------------------------------------


def partial_date(value: str | dt.date | PartialDate | None, field: str) -> PartialDate | None:
    """A partial date ("2019", "05.2019", "--03-14"); None and an empty text give None."""
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if not str(value).strip():
        return None
    return parse_partial_date(str(value), field)


def first_day(value: dt.date | PartialDate | None) -> dt.date | None:
    """The first day a date could mean: 2024 starts on 1 January."""
    return value.earliest() if isinstance(value, PartialDate) else value


def last_day(value: dt.date | PartialDate | None) -> dt.date | None:
    """The last day a date could mean: 2024 ends on 31 December, 2024-02 on the 29th."""
    if not isinstance(value, PartialDate):
        return value
    if value.year is None:
        return None
    month = value.month or 12
    day = value.day or calendar.monthrange(value.year, month)[1]
    return dt.date(value.year, month, day)


def check_order(
    start: dt.date | PartialDate | None,
    end: dt.date | PartialDate | None,
    end_text: object,
    field: str = "end",
) -> None:
    """Refuse an end that lies wholly before the start ("2024" may end a "2024-05" start)."""
    first, last = first_day(start), last_day(end)
    if start is not None and first is not None and last is not None and last < first:
        raise InvalidInput(field, end_text, f"is before the start {start.isoformat()}")


def this_month() -> PartialDate:
    now = today()
    return PartialDate(now.year, now.month)


# --- amounts and hours ---------------------------------------------------------------------

MAX_AMOUNT = Decimal("9999999999.99")
MAX_HOURS = Decimal("99999.99")

_MONEY = re.compile(
    r"^(?P<pre>[€$£]|[A-Za-z]{3,4}\.?)?\s*(?P<num>[+-]?\d[\d.,'\u202f\u00a0 ]*?)"
    r"(?:[.,]-{1,2})?\s*(?P<post>[€$£]|[A-Za-z]{3,4}\.?)?$"
)
_CURRENCIES = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "$": "USD",
    "usd": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "fr.": "CHF",
}


def _plain_number(text: str, *, decimals: int) -> Decimal | None:
    """A number written the German or the English way: 1.234,50 / 1,234.50 / 1234.5."""
    number = re.sub(r"[\s'\u202f\u00a0]", "", text)
    sign = ""
    if number[:1] in ("+", "-"):
        sign, number = number[0].replace("+", ""), number[1:]
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        whole, _, fraction = number.replace(thousands, "").partition(decimal_mark)
    elif "," in number or "." in number:
        mark = "," if "," in number else "."
        groups = number.split(mark)
        # One mark followed by exactly three digits groups thousands ("1.234" is 1234):
        # amounts and hours have at most two decimals.
        if len(groups) == 2 and len(groups[1]) != 3:
            whole, fraction = groups
        elif all(len(group) == 3 for group in groups[1:]) and 1 <= len(groups[0]) <= 3:
            whole, fraction = "".join(groups), ""
        else:
            return None
    else:
        whole, fraction = number, ""
    if not whole.isdecimal() or (fraction and not fraction.isdecimal()) or len(fraction) > decimals:
        return None
    return Decimal(f"{sign}{whole}.{fraction or '0'}")


def parse_amount(value: str | int | Decimal, field: str = "cost") -> tuple[Decimal, str | None]:
    """An amount and its currency (None if not given): "450", "450 EUR", "1.234,50 €"."""
    if isinstance(value, bool):
        raise InvalidInput(field, value, "is not an amount")
    if isinstance(value, int | Decimal):
        amount: Decimal | None = Decimal(value)
        currency = None
        text: object = value
    else:
        text = value
        match = _MONEY.match((value or "").strip())
        amount, currency = None, None
        if match and not (match.group("pre") and match.group("post")):
            amount = _plain_number(match.group("num"), decimals=2)
            symbol = (match.group("pre") or match.group("post") or "").lower()
            if symbol:
                currency = _CURRENCIES.get(symbol) or _CURRENCIES.get(symbol.rstrip("."))
                if currency is None and re.fullmatch(r"[a-z]{3}", symbol):
                    currency = symbol.upper()
                if currency is None:
                    amount = None
    if amount is None or not amount.is_finite():
        raise InvalidInput(field, text, "is not an amount; write e.g. 450, 450 EUR or 1.234,50 €")
    if amount < 0:
        raise InvalidInput(field, text, "is negative; a cost is 0 or more")
    if amount > MAX_AMOUNT:
        raise InvalidInput(field, text, "is too large for a cost")
    return amount.quantize(Decimal("0.01")), currency


def parse_hours(value: str | int | float | Decimal, field: str = "hours") -> Decimal:
    """Hours spent: "4", "4,5", "4.5 h", "3 Stunden" or "1:30"."""
    if isinstance(value, bool):
        raise InvalidInput(field, value, "is not a number of hours")
    hours: Decimal | None
    if isinstance(value, int | float | Decimal):
        try:
            hours = Decimal(str(value))
        except InvalidOperation:
            hours = None
    else:
        text = (value or "").strip()
        clock = re.fullmatch(r"(\d{1,5}):([0-5]\d)", text)
        if clock:
            hours = Decimal(clock.group(1)) + Decimal(clock.group(2)) / 60
        else:
            number = re.sub(r"\s*(h|hrs?|hours?|std\.?|stunden?)$", "", text, flags=re.IGNORECASE)
            hours = _plain_number(number, decimals=2) if number else None
    if hours is None or not hours.is_finite():
        raise InvalidInput(field, value, "is not a number of hours; write e.g. 4, 4,5 or 1:30")
    if hours < 0:
        raise InvalidInput(field, value, "is negative; hours spent are 0 or more")
    if hours > MAX_HOURS:
        raise InvalidInput(field, value, "is too many hours")
    return hours.quantize(Decimal("0.01"))
