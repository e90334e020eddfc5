"""A hop of an introduction path, told in words: what ties the two persons, how much
they trust each other, and (from *me*) when we last spoke and how strong the tie is.

"Anna → Bernd: colleagues at ACME 2019–2022; friend, trust 4" and, for my own first
hop, "strength 72 (strong), last spoke in March 2026". Read from the records when a path
is shown (a few hops), never stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knoten.graph import links
from knoten.people.models import Affiliation, Relationship
from knoten.people.vocabulary import KINDS_BY_CODE
from knoten.upkeep.models import Standing, standings_of
from knoten.upkeep.strength import level_of, level_words


@dataclass(frozen=True)
class Tie:
    """What joins two persons, as data (the words are :attr:`words`)."""

    kinds: tuple[str, ...]  # relationship kinds, as labels from the first person's side
    trust: int | None
    colleagues: tuple[tuple[str, str], ...]  # (organisation, "2019–2022")
    strength: int | None  # from me only: the standing's strength
    level: str
    last_on: str | None  # ISO day of our last contact (from me only)
    words: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "trust": self.trust,
            "colleagues": [{"organisation": o, "years": y} for o, y in self.colleagues],
            "strength": self.strength,
            "level": self.level,
            "last_contact": self.last_on,
            "words": self.words,
        }


def _kind_label(code: str, forward: bool) -> str:
    kind = KINDS_BY_CODE.get(code)
    if kind is None:
        return code
    german = (get_language() or "en").startswith("de")
    if german:
        return kind.forward_de if forward else kind.reverse_de
    return kind.forward if forward else kind.reverse


def _years(start: int | None, end: int | None) -> str:
    first = str(start // 12) if start is not None else "?"
    last = str(end // 12) if end is not None else _("today")
    return first if first == last else f"{first}–{last}"


def ties(
    network_id: int, pairs: Iterable[tuple[int, int]], me: int | None = None
) -> dict[tuple[int, int], Tie]:
    """The tie of each (from, to) pair, in words; ``me``: whose standings tell strength."""
    wanted = list(dict.fromkeys(pairs))
    persons = {p for pair in wanted for p in pair}
    rels: dict[tuple[int, int], list[tuple[str, bool, int | None]]] = defaultdict(list)
    pair_set = set(wanted) | {(b, a) for a, b in wanted}
    fields = ("from_person_id", "to_person_id", "kind", "trust")
    found_rows: set[tuple[int, int, str, int | None]] = set()
    for column in ("from_person_id__in", "to_person_id__in"):
        # By person alone (a person's ties are all of their network): SQLite would else
        # walk the network's index rather than the person's.
        rows = Relationship.objects.filter(**{column: list(persons)})
        found_rows.update(row for row in rows.values_list(*fields) if row[:2] in pair_set)
    for a, b, kind, trust in sorted(found_rows, key=lambda row: (row[0], row[1], row[2])):
        rels[(a, b)].append((kind, True, trust))
        rels[(b, a)].append((kind, False, trust))
    jobs: dict[int, dict[int, list[tuple[int, Any, Any]]]] = defaultdict(lambda: defaultdict(list))
    names: dict[int, str] = {}
    affiliations = Affiliation.objects.filter(
        person_id__in=persons, kind__in=links.COLLEAGUE_KINDS
    ).values_list("person_id", "organisation_id", "organisation__name", "start", "end")
    for person, organisation, name, start, end in affiliations:
        jobs[person][organisation].append((person, start, end))
        names[organisation] = name
    standings = {}
    if me is not None:
        firsts = [b for a, b in wanted if a == me]
        standings = {s.person_id: s for s in standings_of(network_id, firsts)}
    now = links.this_month()
    result = {}
    for a, b in wanted:
        found = rels.get((a, b), [])
        # The person a is <label> of b: from b's side, the kind's other word.
        kinds = tuple(dict.fromkeys(_kind_label(kind, not forward) for kind, forward, _t in found))
        trusts = [t for _k, _f, t in found if t is not None]
        trust = max(trusts) if trusts else None
        colleagues = []
        for organisation in sorted(set(jobs[a]) & set(jobs[b]), key=lambda o: names[o]):
            one = links.tenures(jobs[a][organisation], now)[0]
            other = links.tenures(jobs[b][organisation], now)[0]
            overlaps, until = links.overlap_end(one, other)
            if overlaps:
                since = max(one.start, other.start)
                colleagues.append((names[organisation], _years(since, until)))
        standing = standings.get(b) if a == me else None
        result[(a, b)] = _tie(kinds, trust, tuple(colleagues), standing)
    return result


def _tie(
    kinds: tuple[str, ...],
    trust: int | None,
    colleagues: tuple[tuple[str, str], ...],
    standing: Standing | None,
) -> Tie:
    parts = []
    for organisation, years in colleagues:
        parts.append(
            _("colleagues at %(organisation)s %(years)s")
            % {"organisation": organisation, "years": years}
        )
    if kinds:
        parts.append(", ".join(kinds))
    if trust is not None:
        parts.append(_("trust %(trust)d") % {"trust": trust})
    strength = level = last = None
    if standing is not None:
        strength = standing.strength
        level = level_words(level_of(standing.strength))
        parts.append(_("strength %(figure)d (%(level)s)") % {"figure": strength, "level": level})
        if standing.last_on is not None:
            last = standing.last_on.isoformat()
            parts.append(
                _("last spoke in %(month)s") % {"month": date_format(standing.last_on, "F Y")}
            )
        else:
            parts.append(_("never spoke yet"))
    if not parts:
        parts.append(_("linked"))
    return Tie(kinds, trust, colleagues, strength, level or "", last, "; ".join(parts))
