"""The strength of a relationship: one figure from 0 to 100, always with its reasons.

It adds four parts, each explained in words:

- recency (up to 40): 40 on the day of the last contact, halving every six months;
- frequency and depth (up to 25): contacts of the past year weighted by kind (a meeting
  3, a call 2, a mail 1; see ``standings.DEPTH``), full at 24, two meetings a month;
- trust (up to 20): the highest trust (1–5) of a relationship with a member, times four;
- give and take (up to 15): 15 when favours or recommendations went both ways, 7 when
  one way only.

The levels: strong from 70, good from 45, loose from 20, fading above 0, none at 0.

:func:`explain` is the one place a strength is told: the figure, the level and the
reasons in words, as of a day, from a standing's counts. The person page, the person
list, ``knoten strength`` and the API's standing all show what it returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from knoten.journal import vocabulary as journal_words
from knoten.upkeep.models import Standing
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


def kind_words(kind: str) -> str:
    """A contact's kind in words (a conversation's kind, a favour, an event)."""
    return {
        "favour": _("favour"),
        "recommendation": _("recommendation"),
        "event": _("met at an event"),
        "private": _("private conversation"),
    }.get(kind) or _shown_word(kind)


def _shown_word(code: str) -> str:
    german = (get_language() or "en").startswith("de")
    for word in journal_words.INTERACTION_KINDS:
        if word.code == code:
            return word.de if german else word.en
    return code


@dataclass(frozen=True)
class Explained:
    """A strength as told: the figure, its level and why, part by part."""

    strength: Strength
    level_words: str
    reasons: tuple[str, ...]

    @property
    def figure(self) -> int:
        return self.strength.figure

    @property
    def level(self) -> str:
        return self.strength.level

    def as_dict(self) -> dict[str, Any]:
        s = self.strength
        return {
            "figure": s.figure,
            "level": s.level,
            "level_words": self.level_words,
            "reasons": list(self.reasons),
            "parts": {
                "recency": s.recency,
                "frequency": s.frequency,
                "trust": s.trust,
                "balance": s.balance,
            },
        }


def explain(
    standing: Standing,
    day: dt.date,
    *,
    private_last: dt.date | None = None,
) -> Explained:
    """The strength of ``standing`` as of ``day``, with its reasons in the active language.

    ``private_last``: the day of the reader's own latest private conversation with the
    person, which counts for them alone (it is in no standing).
    """
    last_on, kind, where = standing.last_on, standing.last_kind, standing.last_where
    if private_last is not None and (last_on is None or private_last > last_on):
        last_on, kind, where = private_last, "private", ""
    strength = strength_of(
        last_on=last_on,
        as_of=day,
        depth_year=standing.depth_year,
        trust=standing.trust,
        given=standing.given,
        received=standing.received,
    )
    said: list[str] = []
    if last_on is None:
        said.append(_("no contact recorded"))
    else:
        how = ", ".join(part for part in (kind_words(kind) if kind else "", where) if part)
        ago = _("last contact %(ago)s") % {"ago": ago_words((day - last_on).days)}
        said.append(f"{ago} ({how})" if how else ago)
    year = standing.contacts_year
    said.append(
        ngettext("%(n)d contact in the past year", "%(n)d contacts in the past year", year)
        % {"n": year}
    )
    if standing.trust:
        said.append(_("trust %(trust)d of 5") % {"trust": standing.trust})
    if standing.given or standing.received:
        said.append(
            _("you gave %(given)d, received %(received)d")
            % {"given": standing.given, "received": standing.received}
        )
    return Explained(strength, level_words(strength.level), tuple(said))
