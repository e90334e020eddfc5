"""The strength of a relationship: one figure from 0 to 100, always with its reasons.

It adds four parts, each explained in words:

- recency (up to 40): 40 on the day of the last contact, halving every six months;
- frequency and depth (up to 25): contacts of the past year weighted by kind (a meeting
  3, a call 2, a mail 1; see ``standings.DEPTH``), full at 24, two meetings a month;
- trust (up to 20): the highest trust (1–5) of a relationship with a member, times four;
- give and take (up to 15): 15 when favours or recommendations went both ways, 7 when
  one way only.

The levels: strong from 70, good from 45, loose from 20, fading above 0, none at 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knoten.upkeep.periods import ago_words

HALF_LIFE_DAYS = 182
FULL_DEPTH = 24
LEVELS = ((70, "strong"), (45, "good"), (20, "loose"), (1, "fading"), (0, "none"))


@dataclass(frozen=True)
class Strength:
    figure: int
    level: str
    recency: int
    frequency: int
    trust: int
    balance: int


def strength_of(
    *,
    last_on: dt.date | None,
    as_of: dt.date,
    depth_year: int,
    trust: int | None,
    given: int,
    received: int,
) -> Strength:
    """The strength from a standing's counts, as of ``as_of``."""
    recency = 0.0
    if last_on is not None:
        days = max(0, (as_of - last_on).days)
        recency = 40 * 0.5 ** (days / HALF_LIFE_DAYS)
    frequency = 25 * min(1.0, depth_year / FULL_DEPTH)
    trusted = 4 * (trust or 0)
    balance = 15 if given and received else 7 if given or received else 0
    parts = (round(recency), round(frequency), trusted, balance)
    figure = max(0, min(100, sum(parts)))
    return Strength(figure, level_of(figure), *parts)


def level_of(figure: int) -> str:
    return next(name for floor, name in LEVELS if figure >= floor)


def level_words(level: str) -> str:
    """A level in the active language."""
    return {
        "strong": _("strong"),
        "good": _("good"),
        "loose": _("loose"),
        "fading": _("fading"),
        "none": _("no contact yet"),
    }[level]


def reasons(
    strength: Strength,
    *,
    last_on: dt.date | None,
    last_kind_words: str,
    last_where: str,
    as_of: dt.date,
    contacts_year: int,
    trust: int | None,
    given: int,
    received: int,
) -> list[str]:
    """Why the strength is what it is, part by part, in the active language."""
    said: list[str] = []
    if last_on is None:
        said.append(_("no contact recorded"))
    else:
        where = f" ({last_kind_words}{', ' + last_where if last_where else ''})"
        said.append(_("last contact %(ago)s") % {"ago": ago_words((as_of - last_on).days)} + where)
    said.append(
        ngettext("%(n)d contact in the past year", "%(n)d contacts in the past year", contacts_year)
        % {"n": contacts_year}
    )
    if trust:
        said.append(_("trust %(trust)d of 5") % {"trust": trust})
    if given and received:
        said.append(_("give and take both ways"))
    elif given:
        said.append(_("you gave, they have not yet given back"))
    elif received:
        said.append(_("they gave, you have not yet given back"))
    return said
