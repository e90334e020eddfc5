"""Whom I know myself, and who could introduce me to the others.

(Helpers of :mod:`knoten.expertise.topics`, which every face calls.)

- **First degree**: a person with a relationship to *me* (either way), or one I had a
  conversation with (a conversation of the journal I may see, with them taking part).
- **Second degree**: a person a first-degree contact knows: a relationship between the
  two, or colleagues at the same organisation at the same time (their affiliations
  there overlap, jobs and functions; an affiliation without dates is taken to overlap;
  among the latest 30 jobs of each organisation, at two organisations per person, the
  current ones first). The contact is who
  could introduce me; the strongest tie first (what a tie is worth is the graph's one
  rule, :func:`knoten.graph.links.weight_of`; colleagues count as a tie of unknown
  trust).
- Anyone else is in my records but with no known way to them.

Archived persons never introduce anyone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from knoten.core.limits import chunks
from knoten.core.models import Member
from knoten.graph.links import weight_of
from knoten.journal.models import Participation
from knoten.journal.visibility import sees
from knoten.people import vocabulary as people_words
from knoten.people.models import Affiliation, Organisation, Person, Relationship, joined_name

BATCH = 900
INTRODUCERS = 3  # shown per person
ROUNDS = (6, 30)  # a person's ties checked in the first rounds; then all the rest
COLLEAGUE_TRUST = None  # colleagues are a tie whose trust nobody set
COLLEAGUES = 30  # the latest jobs at an organisation looked at for colleagues
ORGANISATIONS = 2  # organisations per person looked at for colleagues
AFFILIATIONS = Affiliation._meta.db_table
WORK_KINDS = ("job", "function")  # an education or a membership makes no colleagues

_RELATIONSHIP_LABELS = dict(people_words.RELATIONSHIP_CHOICES)


@dataclass(frozen=True)
class Introducer:
    """A first-degree contact who knows the person, and how."""

    person_id: int
    name: str
    how: str  # "friend, trust 4" or "colleagues at ACME 2019–2022"
    weight: float

    def as_dict(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "name": self.name, "how": self.how}


@dataclass(frozen=True)
class Tie:
    other: int
    how: str
    weight: float


def _direct_contacts(
    actor: Member, person_ids: Iterable[int], related: set[int] | None = None
) -> set[int]:
    """Those of ``person_ids`` that ``actor`` knows first-hand (see the module);
    ``related``: :func:`_related_to_me`, when the caller has read it already."""
    wanted = sorted(set(person_ids))
    me = actor.person_id
    if related is None:
        related = _related_to_me(actor)
    found = related.intersection(wanted)
    rest = [pk for pk in wanted if pk not in related]
    for chunk in chunks(rest, BATCH):
        # Keyed by the persons only (they are the network's): a filter on the network
        # would have SQLite walk the network's index instead; it is checked row by row.
        talked = (
            Participation.objects.filter(person_id__in=chunk)
            .filter(sees(actor, "interaction"))
            .values_list("person_id", "network_id")
            .distinct()
        )
        found.update(pk for pk, network in talked if network == actor.network_id)
    if me is not None:
        found.discard(me)
    return found


def _related_to_me(actor: Member) -> set[int]:
    """Everyone with a relationship to *me*, either way (two look-ups by index)."""
    found: set[int] = set()
    for mine, other in (("from_person_id", "to_person_id"), ("to_person_id", "from_person_id")):
        rows = Relationship.objects.filter(**{mine: actor.person_id})
        found.update(
            pk
            for pk, network in rows.values_list(other, "network_id")
            if network == actor.network_id
        )
    return found


Span = tuple[str | None, str | None]  # start and end as stored: "2019", "2019-05", …
Pair = tuple[int, int, int, int | None, int | None]  # person, colleague, org, years together


def _relationships(actor: Member, person_ids: Sequence[int]) -> dict[int, list[Tie]]:
    """The relationships of each of ``person_ids``, in ``actor``'s network."""
    found: dict[int, list[Tie]] = defaultdict(list)
    hows: dict[tuple[str, int | None], str] = {}
    for chunk in chunks(sorted(set(person_ids)), BATCH):
        rows = Relationship.objects.filter(Q(from_person_id__in=chunk) | Q(to_person_id__in=chunk))
        chosen = set(chunk)
        for a, b, kind, trust, network in rows.values_list(
            "from_person_id", "to_person_id", "kind", "trust", "network_id"
        ):
            if network != actor.network_id:
                continue
            how = hows.get((kind, trust))
            if how is None:
                label = str(_RELATIONSHIP_LABELS.get(kind, kind))
                how = f"{label}, " + _("trust %(trust)s") % {"trust": trust} if trust else label
                hows[(kind, trust)] = how
            if a in chosen:
                found[a].append(Tie(b, how, weight_of(trust)))
            if b in chosen:
                found[b].append(Tie(a, how, weight_of(trust)))
    return found


def _work_rows(network: int, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """(person, organisation, start, end) of these persons' jobs and functions, the dates
    as stored (ISO text, no parsing)."""
    marks = ", ".join(["%s"] * len(ids))
    kinds = ", ".join(["%s"] * len(WORK_KINDS))
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT person_id, organisation_id, "start", "end" FROM {AFFILIATIONS}'
            f" WHERE +network_id = %s AND person_id IN ({marks}) AND kind IN ({kinds})",
            [network, *ids, *WORK_KINDS],
        )
        return list(cursor.fetchall())


def _staff(cursor: Any, network: int, org: int) -> list[tuple[Any, ...]]:
    """The latest :data:`COLLEAGUES` jobs and functions at ``org``: (person, start, end)."""
    kinds = ", ".join(["%s"] * len(WORK_KINDS))
    cursor.execute(
        f'SELECT person_id, "start", "end" FROM {AFFILIATIONS}'
        f" WHERE +network_id = %s AND organisation_id = %s AND kind IN ({kinds})"
        # By organisation, then id: SQLite walks the organisation's index backwards and
        # stops at the 30th; ORDER BY id alone would walk the whole table by rowid, and
        # ORDER BY id + 0 sorts every holder of a large employer first.
        " ORDER BY organisation_id DESC, id DESC LIMIT %s",
        [network, org, *WORK_KINDS, COLLEAGUES],
    )
    return list(cursor.fetchall())


def _colleague_pairs(network: int, person_ids: Sequence[int]) -> list[Pair]:
    """Who worked at the same organisation at the same time as each of ``person_ids``
    (jobs and functions; among the latest :data:`COLLEAGUES` at each organisation, at
    most :data:`ORGANISATIONS` organisations per person, the current ones first)."""
    jobs: dict[int, list[tuple[int, Span]]] = defaultdict(list)
    per_person: dict[int, int] = defaultdict(int)
    rows = _work_rows(network, sorted(set(person_ids))[:BATCH])
    # Current jobs first, then the latest ended.
    rows.sort(key=lambda row: (row[3] is not None, -int(row[3][:4]) if row[3] else 0))
    for person, org, start, end in rows:
        if per_person[person] < ORGANISATIONS:
            per_person[person] += 1
            jobs[org].append((person, (start, end)))
    pairs: list[Pair] = []
    with connection.cursor() as cursor:
        for org, mine in jobs.items():
            staff = _staff(cursor, network, org)
            for person, (start, end) in mine:
                for other, other_start, other_end in staff:
                    if other == person or not _overlap(start, end, other_start, other_end):
                        continue
                    began = [int(text[:4]) for text in (start, other_start) if text]
                    ended = [int(text[:4]) for text in (end, other_end) if text]
                    pairs.append(
                        (
                            person,
                            other,
                            org,
                            max(began) if began else None,
                            min(ended) if ended else None,
                        )
                    )
    return pairs


def _years(start: int | None, end: int | None) -> str:
    if start and end:
        return str(start) if start == end else f"{start}–{end}"
    if start:
        return _("since %(year)s") % {"year": start}
    return ""


def _overlap(
    start: str | None, end: str | None, other_start: str | None, other_end: str | None
) -> bool:
    """Whether two spans overlap; an unknown start or end leaves that side open. Stored
    partial dates ("2019", "2019-05", "2019-05-14") compare as text by year and month."""
    low, high = "0000", "9999"
    return (start or low)[:7] <= (other_end or high)[:7] + "~" and (other_start or low)[:7] <= (
        end or high
    )[:7] + "~"


def _reach(
    actor: Member, person_ids: Sequence[int]
) -> tuple[set[int], dict[int, list[Introducer]]]:
    """Which of ``person_ids`` ``actor`` knows first-hand, and for the others who could
    introduce them (:func:`_introducers`)."""
    related = _related_to_me(actor)
    direct = _direct_contacts(actor, person_ids, related)
    return direct, _introducers(actor, person_ids, direct, related)


def _introducers(
    actor: Member, person_ids: Sequence[int], direct: set[int], related: set[int]
) -> dict[int, list[Introducer]]:
    """For each of ``person_ids`` not in ``direct``: the first-degree contacts who know
    them, strongest tie first (at most :data:`INTRODUCERS`); persons with none are left out.

    A person's ties are tried strongest first, a few at a time (:data:`ROUNDS`): whether
    someone is a first-degree contact is read for the ties that can still be among the
    best three, not for every colleague and acquaintance of every person."""
    others = [pk for pk in person_ids if pk not in direct]
    if not others:
        return {}
    known = _relationships(actor, others)
    at: dict[tuple[int, int], tuple[int, int | None, int | None]] = {}
    colleague = weight_of(COLLEAGUE_TRUST)
    for person, other, org, began, ended in _colleague_pairs(actor.network_id, others):
        if (person, other) not in at:
            at[(person, other)] = (org, began, ended)
            known[person].append(Tie(other, "", colleague))
    me = actor.person_id
    queue: dict[int, list[Tie]] = {}
    for person_id in others:
        best: dict[int, Tie] = {}
        for tie in known.get(person_id, ()):
            if tie.other != me and tie.weight > best.get(tie.other, Tie(0, "", -1.0)).weight:
                best[tie.other] = tie
        if best:
            queue[person_id] = sorted(best.values(), key=lambda tie: (-tie.weight, tie.other))
    first: dict[int, bool] = {}
    chosen: dict[int, list[Tie]] = {}
    tried: dict[int, int] = dict.fromkeys(queue, 0)
    for size in (*ROUNDS, None):
        asked: set[int] = set()
        for person_id, ties in queue.items():
            upto = len(ties) if size is None else tried[person_id] + size
            fresh = ties[tried[person_id] : upto]
            asked.update(tie.other for tie in fresh if tie.other not in first)
            tried[person_id] = min(upto, len(ties))
        if asked:
            found = _active(
                actor, _direct_contacts(actor, asked - direct, related) | (asked & direct)
            )
            first.update((pk, pk in found) for pk in asked)
        for person_id in list(queue):
            ties = queue[person_id]
            good = [tie for tie in ties[: tried[person_id]] if first[tie.other]]
            if len(good) >= INTRODUCERS or tried[person_id] == len(ties):
                if good:
                    chosen[person_id] = good[:INTRODUCERS]
                del queue[person_id]
        if not queue:
            break
    names = _names(actor, {tie.other for ties in chosen.values() for tie in ties})
    org_names = _organisation_names(
        actor,
        {at[(pk, tie.other)][0] for pk, ties in chosen.items() for tie in ties if not tie.how},
    )
    result: dict[int, list[Introducer]] = {}
    for person_id in others:
        if person_id not in chosen:
            continue
        result[person_id] = []
        for tie in chosen[person_id]:
            how = tie.how
            if not how:  # colleagues: worded for the few shown only
                org, began, ended = at[(person_id, tie.other)]
                how = _("colleagues at %(org)s") % {"org": org_names.get(org, "")}
                how = f"{how} {_years(began, ended)}".strip()
            result[person_id].append(Introducer(tie.other, names[tie.other], how, tie.weight))
    return result


def _organisation_names(actor: Member, ids: Iterable[int]) -> dict[int, str]:
    rows = Organisation.objects.filter(network_id=actor.network_id, pk__in=sorted(ids))
    return dict(rows.values_list("pk", "name"))


def _active(actor: Member, ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` that are not archived."""
    found: set[int] = set()
    for chunk in chunks(sorted(set(ids)), BATCH):
        rows = Person.objects.filter(pk__in=chunk, archived=False)
        found.update(
            pk
            for pk, network in rows.values_list("pk", "network_id")
            if network == actor.network_id
        )
    return found


def _names(actor: Member, ids: Iterable[int]) -> dict[int, str]:
    """The full names of these persons (their nickname when they have no name)."""
    names: dict[int, str] = {}
    for chunk in chunks(sorted(set(ids)), BATCH):
        rows = Person.objects.filter(pk__in=chunk).values_list(
            "pk",
            "network_id",
            "academic_title",
            "given_name",
            "name_particle",
            "family_name",
            "nickname",
        )
        for pk, network, title, given, particle, family, nickname in rows:
            if network == actor.network_id:
                names[pk] = joined_name(title, given, particle, family) or nickname
    return names
