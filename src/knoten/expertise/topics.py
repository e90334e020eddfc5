"""Who knows about a topic: the people of my network ranked by the evidence that they do.

:func:`who_knows` is what the command, the page and the API endpoint call. It works in
three steps:

1. The search index finds the candidates fast (:mod:`knoten.expertise.candidates`).
2. Their records are read and every piece of evidence weighed, by how direct and how
   recent it is (:mod:`knoten.expertise.evidence`). A person's score is the weight of
   their best piece, plus half the next, a quarter of the one after, and so on: more
   evidence counts, but one strong piece beats many weak mentions.
3. The strongest are sorted by degree (:mod:`knoten.expertise.degrees`): first the
   people I know myself, then the people they know (each with who could introduce me),
   then the rest of my records; by score within each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.expertise.degrees import Introducer, _names, _reach
from knoten.expertise.evidence import Evidence, gather
from knoten.expertise.stems import read_topic

MAX_LIMIT = 100
POOL = 60  # the strongest this many (or twice the limit) are sorted by degree
EVIDENCE_SHOWN = 5

FIRST = 1
SECOND = 2
UNLINKED = 3  # in my records, but no known way to them


@dataclass(frozen=True)
class Expert:
    """A person who knows about the topic, why, and how I could reach them."""

    person_id: int
    name: str
    score: float
    degree: int  # FIRST, SECOND or UNLINKED
    evidence: list[Evidence] = field(default_factory=list)
    introducers: list[Introducer] = field(default_factory=list)
    more_evidence: int = 0  # pieces not shown (all counted in the score)

    @property
    def degree_label(self) -> str:
        if self.degree == FIRST:
            return _("you know them")
        if self.degree == SECOND:
            return _("through %(name)s") % {"name": self.introducers[0].name}
        return _("no known way to them")

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "score": self.score,
            "degree": self.degree,
            "degree_label": self.degree_label,
            "evidence": [piece.as_dict() for piece in self.evidence],
            "more_evidence": self.more_evidence,
            "introducers": [person.as_dict() for person in self.introducers],
        }


def score_of(pieces: list[Evidence]) -> float:
    """The best piece's weight, plus half the next, a quarter of the one after, …"""
    ordered = sorted((piece.weight for piece in pieces), reverse=True)
    return round(sum(weight * 0.5**index for index, weight in enumerate(ordered)), 4)


def who_knows(actor: Member, topic: str, *, limit: int = 20) -> list[Expert]:
    """The people of ``actor``'s network who know about ``topic``, best first (see the
    module): each with the evidence quoted and dated, and for the second degree who
    could introduce ``actor``."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput("limit", limit, f"must be a whole number from 1 to {MAX_LIMIT}")
    found = read_topic(topic)
    evidence = gather(actor, found)
    scores = {person_id: score_of(pieces) for person_id, pieces in evidence.items()}
    pool = sorted(scores, key=lambda pk: (-scores[pk], pk))[: max(POOL, 2 * limit)]
    if not pool:
        return []
    direct, through = _reach(actor, pool)
    names = _names(actor, pool)

    def degree(person_id: int) -> int:
        if person_id in direct:
            return FIRST
        return SECOND if person_id in through else UNLINKED

    ranked = sorted(pool, key=lambda pk: (degree(pk), -scores[pk], names.get(pk, ""), pk))
    return [
        Expert(
            person_id=pk,
            name=names.get(pk, ""),
            score=scores[pk],
            degree=degree(pk),
            evidence=evidence[pk][:EVIDENCE_SHOWN],
            introducers=through.get(pk, []),
            more_evidence=max(0, len(evidence[pk]) - EVIDENCE_SHOWN),
        )
        for pk in ranked[:limit]
    ]
