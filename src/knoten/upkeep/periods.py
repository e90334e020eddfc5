"""Periods in words: "quarterly", "monatlich", "every 6 weeks", "alle 2 Monate", "90 days".

A cadence is kept in days; this module reads what a user types into days and says a
number of days back in words. Months and years are counted as their average length, so
"quarterly" is 91 days and "yearly" 365.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.limits import storable

DAY, WEEK, MONTH, YEAR = 1, 7, 30, 365
MAX_DAYS = 10 * YEAR

# Single words for a whole period, English and German (folded: umlauts do not matter).
_NAMED = {
    "daily": DAY,
    "taglich": DAY,
    "weekly": WEEK,
    "wochentlich": WEEK,
    "fortnightly": 2 * WEEK,
    "biweekly": 2 * WEEK,
    "zweiwochentlich": 2 * WEEK,
    "monthly": MONTH,
    "monatlich": MONTH,
    "bimonthly": 2 * MONTH,
    "zweimonatlich": 2 * MONTH,
    "quarterly": 91,
    "vierteljahrlich": 91,
    "quartalsweise": 91,
    "quartalsmassig": 91,
    "halfyearly": 182,
    "halbjahrlich": 182,
    "semiannually": 182,
    "yearly": YEAR,
    "annually": YEAR,
    "jahrlich": YEAR,
}

# Units after a number: "6 weeks", "alle 2 Monate", "3m".
_UNITS = {
    **dict.fromkeys(("d", "day", "days", "tag", "tage", "tagen"), DAY),
    **dict.fromkeys(("w", "wk", "week", "weeks", "woche", "wochen"), WEEK),
    **dict.fromkeys(("m", "mo", "month", "months", "monat", "monate", "monaten"), MONTH),
    **dict.fromkeys(("q", "quarter", "quarters", "quartal", "quartale", "quartalen"), 91),
    **dict.fromkeys(("y", "yr", "year", "years", "jahr", "jahre", "jahren"), YEAR),
}
_FILLER = {"every", "alle", "all", "jede", "jeden", "jedes", "jeder", "once", "a", "per", "ein"}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "six": 6,
    "eins": 1, "einen": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "sechs": 6,
}  # fmt: skip
_HINT = "write it like monthly, quarterly, every 6 weeks, alle 2 Monate or 90 days"


def read_period(text: str | int, field: str = "every") -> int:
    """The number of days ``text`` names; a plain number is days."""
    if isinstance(text, int):
        return _bounded(int(text), str(text), field)
    storable(field, text)
    if re.search(r"-\s*\d", text or ""):
        raise InvalidInput(field, text, "must be at least one day")
    words = re.findall(r"[a-z]+|\d+", fold(text or "").replace("-", ""))
    if not words:
        raise InvalidInput(field, text, f"is empty; {_HINT}")
    joined = "".join(w for w in words if w not in _FILLER)
    if joined in _NAMED:
        return _NAMED[joined]
    count, unit = 1, None
    for word in words:
        if word.isdigit():
            count = int(word)
        elif word in _NUMBER_WORDS:
            count = _NUMBER_WORDS[word]
        elif word in _UNITS and unit is None:
            unit = _UNITS[word]
        elif word not in _FILLER:
            raise InvalidInput(field, text, f"is not a period; {_HINT}")
    if unit is None:
        if not any(w.isdigit() for w in words):
            raise InvalidInput(field, text, f"is not a period; {_HINT}")
        unit = DAY
    return _bounded(count * unit, text, field)


def _bounded(days: int, text: str, field: str) -> int:
    if days < 1:
        raise InvalidInput(field, text, "must be at least one day")
    if days > MAX_DAYS:
        raise InvalidInput(field, text, "is longer than ten years; choose a shorter period")
    return days


def period_words(days: int) -> str:
    """A number of days as people say it, in the active language: "quarterly", "every 6 weeks"."""
    named = {
        DAY: _("daily"),
        WEEK: _("weekly"),
        2 * WEEK: _("every two weeks"),
        MONTH: _("monthly"),
        91: _("quarterly"),
        182: _("every six months"),
        YEAR: _("yearly"),
    }
    if days in named:
        return named[days]
    if days % YEAR == 0:
        years = days // YEAR
        return ngettext("every %(n)d year", "every %(n)d years", years) % {"n": years}
    if days % MONTH == 0:
        months = days // MONTH
        return ngettext("every %(n)d month", "every %(n)d months", months) % {"n": months}
    if days % WEEK == 0:
        weeks = days // WEEK
        return ngettext("every %(n)d week", "every %(n)d weeks", weeks) % {"n": weeks}
    return ngettext("every %(n)d day", "every %(n)d days", days) % {"n": days}


def ago_words(days: int) -> str:
    """How long ago, roughly, in the active language: "3 days ago", "4 months ago"."""
    if days <= 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    if days < 14:
        return ngettext("%(n)d day ago", "%(n)d days ago", days) % {"n": days}
    if days < 60:
        weeks = days // WEEK
        return ngettext("%(n)d week ago", "%(n)d weeks ago", weeks) % {"n": weeks}
    if days < 2 * YEAR:
        months = round(days / 30.44)
        return ngettext("%(n)d month ago", "%(n)d months ago", months) % {"n": months}
    years = days // YEAR
    return ngettext("%(n)d year ago", "%(n)d years ago", years) % {"n": years}
