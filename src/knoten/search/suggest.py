"""Close names for a search that found nothing ("Did you mean …?").

Full-text search forgives umlauts and unfinished words but not a typo: "Mueler" is no
form of "Müller". When a search finds nothing, the names of the network are compared
with rapidfuzz, on the same folded form the index uses, and the closest few are offered.
It reads every name of the network once, so it runs only after an empty search.

The command palette asks :func:`quick_matches` as the user types: the few persons and
organisations whose names start with the typed words (the full-text index, so "muel"
finds Müller), each with a line that tells two of the same name apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knoten.core.folding import fold_words
from knoten.core.models import Member
from knoten.people.models import Affiliation, Person
from knoten.search.query import search

QUICK_LIMIT = 8

SCORE_CUTOFF = 75.0


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    name: str
    score: float


def suggest_names(actor: Member, query: str, *, limit: int = 5) -> list[Suggestion]:
    """The active persons whose names are closest to ``query``, best first.

    Each typed word is compared with the distinct words of all names (rapidfuzz's
    normalised edit-distance ratio); a person scores the mean of their best match for
    every typed word, so "Schmitd" finds Schmidt and "Jurgen Mueler" finds Jürgen Müller.
    """
    typed = [word for word in fold_words(query) if len(word) >= 3]
    if not typed:
        return []
    names = dict(
        Person.objects.filter(network_id=actor.network_id, archived=False).values_list(
            "pk", "folded_name"
        )
    )
    people_by_word: dict[str, list[int]] = {}
    for pk, folded in names.items():
        for word in folded.split():
            people_by_word.setdefault(word, []).append(pk)
    best: dict[int, list[float]] = {}
    for position, word in enumerate(typed):
        close = process.extract(
            word,
            list(people_by_word),
            scorer=fuzz.ratio,
            score_cutoff=SCORE_CUTOFF,
            limit=50,
        )
        for name_word, score, _ in close:
            for pk in people_by_word[name_word]:
                scores = best.setdefault(pk, [0.0] * len(typed))
                scores[position] = max(scores[position], score)
    ranked = sorted(
        ((sum(scores) / len(typed), pk) for pk, scores in best.items() if all(scores)),
        key=lambda item: (-item[0], item[1]),
    )[:limit]
    people = Person.objects.in_bulk([pk for _, pk in ranked])
    return [
        Suggestion(person_id=pk, name=people[pk].full_name, score=round(score, 1))
        for score, pk in ranked
        if pk in people
    ]


@dataclass(frozen=True)
class QuickMatch:
    """A person or organisation found as the user types, with who or what they are."""

    kind: str  # "person" or "organisation"
    id: int
    name: str
    hint: str  # a person's current position and organisation ("" when none is known)
    archived: bool


def quick_matches(actor: Member, query: str, *, limit: int = QUICK_LIMIT) -> list[QuickMatch]:
    """The best ``limit`` persons and organisations of ``actor``'s network for ``query``.

    Umlauts and unfinished words do not matter ("muel" finds Müller); active ones come
    before archived persons. Two reads, however large the network: the search, and the
    current positions of the persons found.
    """
    hits = search(actor, query, limit=limit, kinds=["person", "organisation"])
    people = [hit.id for hit in hits if hit.kind == "person"]
    positions: dict[int, str] = {}
    current = (
        Affiliation.objects.filter(
            network_id=actor.network_id, person_id__in=people, end__isnull=True
        )
        .order_by("person_id", "pk")
        .values_list("person_id", "title", "organisation__name")
    )
    for person_id, title, organisation in current:
        if person_id not in positions:
            positions[person_id] = ", ".join(part for part in (title, organisation) if part)
    return [
        QuickMatch(
            kind=hit.kind,
            id=hit.id,
            name=hit.title,
            hint=positions.get(hit.id, "") if hit.kind == "person" else "",
            archived=hit.archived,
        )
        for hit in hits
    ]
