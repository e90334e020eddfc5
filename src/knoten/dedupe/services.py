"""Duplicates on demand: the likely pairs of a network, the review queue, and merging.

:func:`likely_duplicates` compares a whole network through the matcher's blocking keys
(:mod:`knoten.dedupe.matching`); the import queues the matches it is not sure of with
:func:`queue_pair`; :func:`merge_persons` folds one person into another keeping every
fact, and :func:`dismiss_pair` records that two persons are not the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import ngettext

from knoten.core import changes, clock
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.dedupe.matching import DEFAULT_MIN_SCORE, MatchIndex, Pair, Progress
from knoten.dedupe.models import DuplicatePair, Merge
from knoten.people import vocabulary as v
from knoten.people.lookup import resolve_person
from knoten.people.models import ContactPoint, ImportantDate, Person, Relationship
from knoten.reciprocity.models import Favour, Recommendation

PersonRef = Person | int | str

# --- the review queue ------------------------------------------------------------------


def _network_of(actor_or_network_id: Member | int) -> int:
    if isinstance(actor_or_network_id, Member):
        return actor_or_network_id.network_id
    return int(actor_or_network_id)


def _check_score(score: float, field: str = "score") -> float:
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        raise InvalidInput(field, score, "must be a number from 0 to 1")
    return float(score)


def queue_pair(
    actor_or_network_id: Member | int,
    person_a_id: int,
    person_b_id: int,
    score: float,
    reasons: Sequence[str],
) -> DuplicatePair:
    """Put two persons of one network on the review queue (the import's uncertain
    matches). A pair already queued is updated if still open (the higher score wins);
    a dismissed pair stays dismissed."""
    network_id = _network_of(actor_or_network_id)
    if person_a_id == person_b_id:
        raise InvalidInput("person_b", person_b_id, "is the same person as person_a")
    first, second = sorted((int(person_a_id), int(person_b_id)))
    found = set(
        Person.objects.filter(network_id=network_id, pk__in=(first, second)).values_list(
            "pk", flat=True
        )
    )
    for field, pk in (("person_a", person_a_id), ("person_b", person_b_id)):
        if int(pk) not in found:
            raise NotFound(field, pk)
    value = _check_score(score)
    with changes.atomic():
        pair, created = DuplicatePair.objects.get_or_create(
            network_id=network_id,
            person_a_id=first,
            person_b_id=second,
            defaults={"score": value, "reasons": list(reasons)},
        )
        if not created and pair.status == DuplicatePair.Status.OPEN and value > pair.score:
            pair.score, pair.reasons = value, list(reasons)
            pair.save(update_fields=["score", "reasons"])
    return pair


def open_pairs(actor: Member) -> list[DuplicatePair]:
    """The review queue: open pairs, best first."""
    return list(
        DuplicatePair.objects.filter(
            network_id=actor.network_id,
            status=DuplicatePair.Status.OPEN,
            person_a__isnull=False,
            person_b__isnull=False,
        )
        .select_related("person_a", "person_b")
        .order_by("-score", "pk")
    )


def dismiss_pair(actor: Member, a: PersonRef, b: PersonRef) -> DuplicatePair:
    """Record that ``a`` and ``b`` are not the same person: never proposed again."""
    first = resolve_person(actor, a, "a")
    second = resolve_person(actor, b, "b")
    if first.pk == second.pk:
        raise InvalidInput("b", str(b), "is the same person as a")
    low, high = sorted((first.pk, second.pk))
    with changes.atomic():
        pair, _ = DuplicatePair.objects.get_or_create(
            network_id=actor.network_id,
            person_a_id=low,
            person_b_id=high,
            defaults={"score": 0.0, "reasons": []},
        )
        pair.status = DuplicatePair.Status.DISMISSED
        pair.decided_at = clock.now()
        pair.save(update_fields=["status", "decided_at"])
    return pair


# --- likely duplicates -------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A likely pair with both persons loaded, for every interface to show."""

    person_a: Person
    person_b: Person
    score: float
    reasons: tuple[str, ...]
    certain: bool
    queued: bool  # on the review queue (the import put it there)


def likely_duplicates(
    actor: Member,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    progress: Progress | None = None,
    limit: int | None = None,
    include_queue: bool = True,
) -> list[Candidate]:
    """The likely duplicate pairs of ``actor``'s network, best first, with the review
    queue's open pairs among them; dismissed pairs are left out."""
    value = _check_score(min_score, "min_score")
    if limit is not None and (isinstance(limit, bool) or limit < 0):
        raise InvalidInput("limit", limit, "is negative")
    index = MatchIndex.build(actor.network_id, progress=progress)
    pairs = index.pairs(value, progress=progress)
    decided = {
        (a, b): status
        for a, b, status in DuplicatePair.objects.filter(network_id=actor.network_id)
        .exclude(person_a__isnull=True)
        .exclude(person_b__isnull=True)
        .values_list("person_a_id", "person_b_id", "status")
    }
    queued: dict[tuple[int, int], Pair] = {}
    if include_queue:
        for a, b, score, reasons in (
            DuplicatePair.objects.filter(
                network_id=actor.network_id, status=DuplicatePair.Status.OPEN
            )
            .exclude(Q(person_a__isnull=True) | Q(person_b__isnull=True))
            .values_list("person_a_id", "person_b_id", "score", "reasons")
        ):
            queued[(a, b)] = Pair(a, b, score, tuple(reasons), False)
    chosen: dict[tuple[int, int], Pair] = {}
    for found in pairs:
        key = (found.person_a, found.person_b)
        if decided.get(key, DuplicatePair.Status.OPEN) != DuplicatePair.Status.OPEN:
            continue
        chosen[key] = found
    for key, waiting in queued.items():
        chosen.setdefault(key, waiting)
    ordered = sorted(chosen.values(), key=lambda p: (-p.score, p.person_a, p.person_b))
    if limit is not None:
        ordered = ordered[:limit]
    ids = {pk for pair in ordered for pk in (pair.person_a, pair.person_b)}
    people = Person.objects.in_bulk(ids) if ids else {}
    return [
        Candidate(
            people[pair.person_a],
            people[pair.person_b],
            pair.score,
            pair.reasons,
            pair.certain,
            (pair.person_a, pair.person_b) in queued,
        )
        for pair in ordered
    ]


# --- merging -----------------------------------------------------------------------------

# The fields of a person filled from the other where the kept one has none.
_FILLED = (
    "given_name",
    "family_name",
    "name_particle",
    "academic_title",
    "nickname",
    "form_of_address",
    "salutation",
    "how_we_met",
    "met_on",
    "met_at_event",
    "met_at_organisation",
)
# How a row that points at a person is called in what a merge reports.
_WORDS = {
    "people.ContactPoint": "contact points",
    "people.Affiliation": "affiliations",
    "people.Relationship": "relationships",
    "people.ImportantDate": "important dates",
    "people.Person_circles": "circles",
    "people.Person_tags": "tags",
    "people.Person_skills": "skills",
    "people.Person": "introduced persons",
    "journal.Participation": "interactions",
    "journal.Attendance": "events attended",
    "journal.Promise": "promises",
    "journal.ProjectRole": "projects",
    "dedupe.Merge": "earlier merges",
    "dedupe.DuplicatePair": "review queue pairs",
    "reciprocity.Favour": "favours",
    "reciprocity.Recommendation": "recommendations",
}
# A favour of one of the two to the other, a recommendation naming both: once they are
# one person, a favour to oneself and a triangle of two. Dropped, counted under these
# words, and written into keep's notes so that nothing is lost without a trace.
BETWEEN_THE_TWO = "favours between the two"
NAMED_TWICE = "recommendations naming both"
NOTED_WHEN_DROPPED = (BETWEEN_THE_TWO, NAMED_TWICE)
# Relations a merge leaves alone: the search index and the standings are rewritten
# after the merge, a member's person is never merged away.
_SKIPPED = {"search.SearchEntry", "upkeep.Standing", "core.Member"}


class _Tally:
    def __init__(self) -> None:
        self.moved: Counter[str] = Counter()
        self.dropped: Counter[str] = Counter()


def _word(model: type[models.Model]) -> str:
    label = model._meta.label
    return _WORDS.get(label, str(model._meta.verbose_name_plural))


def _person_relations() -> list[tuple[type[models.Model], models.ForeignKey[Any, Any]]]:
    """Every (model, foreign key) that points at a person, in any app, auto-created
    many-to-many tables included."""
    found = []
    for relation in Person._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if isinstance(relation, models.ManyToManyRel):
            continue  # their through tables' foreign keys come as ManyToOneRel
        model = relation.related_model
        field = relation.field  # type: ignore[union-attr]
        assert isinstance(model, type) and isinstance(field, models.ForeignKey)
        found.append((model, field))
    return found


def _blank(value: object) -> bool:
    return value is None or value == ""


def _fill_blanks(target: models.Model, source: models.Model, skip: set[str]) -> list[str]:
    """Copy the source row's values into the target row's empty fields."""
    filled = []
    for field in target._meta.concrete_fields:
        if field.primary_key or field.name in skip or field.name == "network":
            continue
        if isinstance(field, models.BooleanField):
            continue
        if _blank(getattr(target, field.attname)) and not _blank(getattr(source, field.attname)):
            setattr(target, field.attname, getattr(source, field.attname))
            filled.append(field.name)
    return filled


def _unique_sets(model: type[models.Model], field_name: str) -> list[tuple[list[str], Q | None]]:
    """The unique constraints of ``model`` that include ``field_name``: (fields, condition)."""
    sets: list[tuple[list[str], Q | None]] = []
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field_name in constraint.fields:
            sets.append((list(constraint.fields), constraint.condition))
    for together in model._meta.unique_together:
        if field_name in together:
            sets.append((list(together), None))
    field = model._meta.get_field(field_name)
    if getattr(field, "unique", False):
        sets.append(([field_name], None))
    return sets


def _conflict(
    model: type[models.Model], row: models.Model, field: models.ForeignKey[Any, Any], keep: Person
) -> models.Model | None:
    """The row of ``keep`` that ``row``, re-pointed, would collide with."""
    manager = model._default_manager
    for fields, condition in _unique_sets(model, field.name):
        if condition is not None and not manager.filter(condition, pk=row.pk).exists():
            continue
        columns = [getattr(model._meta.get_field(name), "attname", name) for name in fields]
        wanted = {column: getattr(row, column) for column in columns}
        wanted[field.attname] = keep.pk
        rows = manager.filter(**wanted).exclude(pk=row.pk)
        if condition is not None:
            rows = rows.filter(condition)
        clash = rows.first()
        if clash is not None:
            return clash
    return None


def _repoint_generic(
    model: type[models.Model],
    field: models.ForeignKey[Any, Any],
    keep: Person,
    other: Person,
    tally: _Tally,
) -> None:
    """Point every row of ``model`` that names ``other`` in ``field`` at ``keep``; a row
    ``keep`` already has (a unique constraint says so) is folded into keep's and dropped.

    The rows that collide are found with one query per constraint and the rest moved
    with one UPDATE (merging into *me*, with thousands of conversations, stays quick);
    a conditional constraint is checked row by row.
    """
    word = _word(model)
    manager = model._default_manager
    rows = manager.filter(**{field.attname: other.pk})
    sets = _unique_sets(model, field.name)
    if any(condition is not None for _, condition in sets):
        for row in rows.order_by("pk"):
            clash = _conflict(model, row, field, keep)
            if clash is not None:
                _fold_into(model, clash, row, field, tally, word)
                continue
            setattr(row, field.attname, keep.pk)
            row.save(update_fields=[field.name])
            tally.moved[word] += 1
        return
    clashes: dict[int, int] = {}  # other's row → keep's row it repeats
    for fields, _ in sets:
        columns = [
            getattr(model._meta.get_field(name), "attname", name)
            for name in fields
            if name != field.name
        ]
        keeps = {
            tuple(values): pk
            for pk, *values in manager.filter(**{field.attname: keep.pk}).values_list(
                "pk", *columns
            )
        }
        for pk, *values in rows.values_list("pk", *columns):
            if tuple(values) in keeps:
                clashes.setdefault(pk, keeps[tuple(values)])
    for pk, kept_pk in clashes.items():
        _fold_into(model, manager.get(pk=kept_pk), manager.get(pk=pk), field, tally, word)
    moved = rows.exclude(pk__in=list(clashes)).update(**{field.attname: keep.pk})
    if moved:
        tally.moved[word] += moved


def _fold_into(
    model: type[models.Model],
    kept: models.Model,
    row: models.Model,
    field: models.ForeignKey[Any, Any],
    tally: _Tally,
    word: str,
) -> None:
    """Fill ``kept``'s empty fields from ``row`` (keep's copy of the same fact), then
    drop ``row``."""
    filled = _fill_blanks(kept, row, {field.name})
    if model._meta.label == "journal.Attendance" and getattr(row, "status", "") == "met":
        kept.status = "met"  # type: ignore[attr-defined]
        filled.append("status")
    if filled:
        kept.save(update_fields=filled)
    row.delete()
    tally.dropped[word] += 1


def _merge_contact_points(keep: Person, other: Person, tally: _Tally) -> None:
    kept = {(p.kind, p.value.casefold()): p for p in ContactPoint.objects.filter(person=keep)}
    preferred = {p.kind for p in kept.values() if p.preferred}
    for point in ContactPoint.objects.filter(person=other).order_by("pk"):
        same = kept.get((point.kind, point.value.casefold()))
        if same is not None:
            filled = _fill_blanks(same, point, {"person", "value", "kind"})
            if filled:
                same.save(update_fields=filled)
            point.delete()
            tally.dropped["contact points"] += 1
            continue
        point.person = keep
        if point.preferred and point.kind in preferred:
            point.preferred = False
        elif point.preferred:
            preferred.add(point.kind)
        point.save(update_fields=["person", "preferred"])
        kept[(point.kind, point.value.casefold())] = point
        tally.moved["contact points"] += 1


def _merge_dates(keep: Person, other: Person, tally: _Tally) -> None:
    kept = list(ImportantDate.objects.filter(person=keep))
    birthday = next((date for date in kept if date.kind == "birthday"), None)
    for date in ImportantDate.objects.filter(person=other).order_by("pk"):
        if date.kind == "birthday" and birthday is not None:
            if date.date != birthday.date:
                shown = date.date.isoformat() if date.date else ""
                line = f"Also given as birthday: {shown} (from {other.full_name})"
                birthday.note = f"{birthday.note}\n{line}".strip()
                birthday.save(update_fields=["note"])
            date.delete()
            tally.dropped["important dates"] += 1
            continue
        twin = next(
            (
                mine
                for mine in kept
                if (mine.kind, mine.date, mine.label.casefold())
                == (date.kind, date.date, date.label.casefold())
            ),
            None,
        )
        if twin is not None:
            if date.note and date.note not in twin.note:
                twin.note = f"{twin.note}\n{date.note}".strip()
                twin.save(update_fields=["note"])
            date.delete()
            tally.dropped["important dates"] += 1
            continue
        date.person = keep
        date.save(update_fields=["person"])
        kept.append(date)
        tally.moved["important dates"] += 1


def _merge_relationships(keep: Person, other: Person, tally: _Tally) -> None:
    rows = Relationship.objects.filter(Q(from_person=other) | Q(to_person=other)).order_by("pk")
    for row in rows:
        source = keep.pk if row.from_person_id == other.pk else row.from_person_id
        target = keep.pk if row.to_person_id == other.pk else row.to_person_id
        if source == target:
            row.delete()  # between the two themselves
            tally.dropped["relationships"] += 1
            continue
        pair = Q(from_person_id=source, to_person_id=target)
        kind = v.KINDS_BY_CODE.get(row.kind)
        if kind is not None and kind.symmetric:
            pair |= Q(from_person_id=target, to_person_id=source)
        twin = Relationship.objects.filter(pair, kind=row.kind).exclude(pk=row.pk).first()
        if twin is not None:
            filled = _fill_blanks(twin, row, {"from_person", "to_person", "kind"})
            if row.trust and twin.trust and row.trust > twin.trust:
                twin.trust = row.trust
                filled.append("trust")
            if filled:
                twin.save(update_fields=filled)
            row.delete()
            tally.dropped["relationships"] += 1
            continue
        row.from_person_id, row.to_person_id = source, target
        row.save(update_fields=["from_person", "to_person"])
        tally.moved["relationships"] += 1


def _alike(kept: models.Model, row: models.Model, names: Sequence[str]) -> bool:
    """Whether two records of the same fact say nothing different: each field the same,
    or empty on one side (an outcome still "open" counts as empty)."""
    for name in names:
        attname = getattr(kept._meta.get_field(name), "attname", name)
        mine, theirs = getattr(kept, attname), getattr(row, attname)
        if name == "outcome" and "open" in (mine, theirs):
            continue
        if not (_blank(mine) or _blank(theirs) or mine == theirs):
            return False
    return True


def _fold_record(kept: models.Model, row: models.Model, skip: set[str]) -> None:
    """Fill keep's copy of a favour or recommendation from the other's, then drop it."""
    filled = _fill_blanks(kept, row, skip | {"outcome", "author", "created_at"})
    if getattr(kept, "outcome", "") == "open" and getattr(row, "outcome", "") != "open":
        kept.outcome = row.outcome  # type: ignore[attr-defined]
        filled.append("outcome")
    for name in ("thanked_on", "beneficiary_thanked_on", "recipient_thanked_on"):
        mine, theirs = getattr(kept, name, None), getattr(row, name, None)
        if mine is not None and theirs is not None and theirs < mine:
            setattr(kept, name, theirs)  # the first thanks
            filled.append(name)
    if filled:
        kept.save(update_fields=sorted(set(filled)))
    row.delete()


def _line(*parts: object) -> str:
    return ", ".join(str(part) for part in parts if not _blank(part))


_FAVOUR_FACTS = (
    "value",
    "currency",
    "effort_minutes",
    "note",
    "outcome",
    "won_value",
    "won_currency",
    "interaction",
)


def _merge_favours(keep: Person, other: Person, tally: _Tally) -> list[str]:
    """Re-point ``other``'s favours at ``keep``. The same favour recorded for both (same
    giver, receiver, kind and day, nothing said differently) is kept once; a favour
    between the two is dropped and returned as a line for keep's notes."""
    names = {keep.pk: keep.full_name, other.pk: other.full_name}
    rows = Favour.objects.filter(Q(giver=other) | Q(receiver=other)).order_by("pk")
    theirs = set(rows.values_list("pk", flat=True))
    lines = []
    for row in rows:
        giver = keep.pk if row.giver_id == other.pk else row.giver_id
        receiver = keep.pk if row.receiver_id == other.pk else row.receiver_id
        if giver == receiver:
            value = f"{row.value} {row.currency}" if row.value is not None else ""
            lines.append(
                "Favour between the two, dropped in the merge: "
                + _line(
                    row.given_on.isoformat(),
                    row.kind,
                    f"from {names[row.giver_id]} to {names[row.receiver_id]}",
                    value,
                    row.outcome if row.outcome != "open" else "",
                    row.note,
                )
            )
            row.delete()
            tally.dropped[BETWEEN_THE_TWO] += 1
            continue
        twins = (
            Favour.objects.filter(
                network_id=row.network_id,
                giver_id=giver,
                receiver_id=receiver,
                kind=row.kind,
                given_on=row.given_on,
            )
            .exclude(pk__in=theirs)
            .order_by("pk")
        )
        twin = next((t for t in twins if _alike(t, row, _FAVOUR_FACTS)), None)
        if twin is not None:
            _fold_record(twin, row, {"giver", "receiver", "kind", "given_on"})
            tally.dropped["favours"] += 1
            continue
        row.giver_id, row.receiver_id = giver, receiver
        row.save(update_fields=["giver", "receiver"])
        tally.moved["favours"] += 1
    return lines


_TRIANGLE = ("recommender", "recipient", "beneficiary")
_RECOMMENDATION_FACTS = ("context", "outcome", "won_value", "won_currency", "interaction")


def _merge_recommendations(keep: Person, other: Person, tally: _Tally) -> list[str]:
    """Re-point ``other``'s recommendations at ``keep``, the same one recorded for both
    kept once; a recommendation naming both would name one person twice: it is dropped
    and returned as a line for keep's notes."""
    rows = (
        Recommendation.objects.filter(
            Q(recommender=other) | Q(recipient=other) | Q(beneficiary=other)
        )
        .select_related(*_TRIANGLE)
        .order_by("pk")
    )
    theirs = set(rows.values_list("pk", flat=True))
    lines = []
    for row in rows:
        people = {
            role: keep.pk if getattr(row, f"{role}_id") == other.pk else getattr(row, f"{role}_id")
            for role in _TRIANGLE
        }
        if len(set(people.values())) < 3:
            lines.append(
                "Recommendation naming both, dropped in the merge: "
                + _line(
                    row.made_on.isoformat(),
                    f"{row.recommender.full_name} recommended {row.beneficiary.full_name}"
                    f" to {row.recipient.full_name}",
                    row.outcome if row.outcome != "open" else "",
                    row.context,
                )
            )
            row.delete()
            tally.dropped[NAMED_TWICE] += 1
            continue
        twins = (
            Recommendation.objects.filter(
                network_id=row.network_id,
                made_on=row.made_on,
                **{f"{role}_id": pk for role, pk in people.items()},
            )
            .exclude(pk__in=theirs)
            .order_by("pk")
        )
        twin = next((t for t in twins if _alike(t, row, _RECOMMENDATION_FACTS)), None)
        if twin is not None:
            _fold_record(twin, row, {*_TRIANGLE, "made_on"})
            tally.dropped["recommendations"] += 1
            continue
        for role, pk in people.items():
            setattr(row, f"{role}_id", pk)
        row.save(update_fields=list(_TRIANGLE))
        tally.moved["recommendations"] += 1
    return lines


def _merge_pairs(keep: Person, other: Person, merge: Merge, tally: _Tally) -> None:
    """Re-point the review queue: the pair of the two is merged; other pairs of
    ``other`` become pairs of ``keep`` (a dismissal outlives the merge)."""
    low, high = sorted((keep.pk, other.pk))
    DuplicatePair.objects.filter(person_a_id=low, person_b_id=high).update(
        status=DuplicatePair.Status.MERGED, merge=merge, decided_at=clock.now()
    )
    for pair in DuplicatePair.objects.filter(
        Q(person_a=other) | Q(person_b=other), network_id=keep.network_id
    ).exclude(person_a_id=low, person_b_id=high):
        third = pair.person_b_id if pair.person_a_id == other.pk else pair.person_a_id
        if third is None:
            continue
        first, second = sorted((keep.pk, third))
        existing = DuplicatePair.objects.filter(person_a_id=first, person_b_id=second).first()
        if existing is not None:
            if pair.status == DuplicatePair.Status.DISMISSED:
                existing.status = DuplicatePair.Status.DISMISSED
                existing.save(update_fields=["status"])
            pair.delete()
            tally.dropped["review queue pairs"] += 1
            continue
        pair.person_a_id, pair.person_b_id = first, second
        pair.save(update_fields=["person_a", "person_b"])
        tally.moved["review queue pairs"] += 1


def _merge_columns(keep: Person, other: Person) -> list[str]:
    changed = []
    for name in _FILLED:
        field = Person._meta.get_field(name)
        attname = field.attname  # type: ignore[union-attr]
        if _blank(getattr(keep, attname)) and not _blank(getattr(other, attname)):
            setattr(keep, attname, getattr(other, attname))
            changed.append(name)
    if (
        keep.introduced_by_id is None
        and other.introduced_by_id is not None
        and other.introduced_by_id != keep.pk
    ):
        keep.introduced_by_id = other.introduced_by_id
        changed.append("introduced_by")
    if other.notes.strip() and other.notes.strip() not in keep.notes:
        keep.notes = f"{keep.notes.rstrip()}\n\n{other.notes.strip()}".strip()
        changed.append("notes")
    if other.importance < keep.importance:
        keep.importance = other.importance
        changed.append("importance")
    if keep.archived and not other.archived:
        keep.archived = False
        changed.append("archived")
    return changed


class _DryRun(Exception):
    """Rolls a merge back once it has shown what it does."""


def merge_persons(
    actor: Member, keep: PersonRef, other: PersonRef, *, dry_run: bool = False
) -> dict[str, Any]:
    """Merge ``other`` into ``keep``, keeping every fact, and record the merge.

    Every row that points at ``other``, in any app, is re-pointed at ``keep``; a fact
    ``keep`` already has is not doubled (the same contact point, circle, participation
    …, filling what keep's copy lacks); a relationship between the two is dropped; one
    birthday stays (keep's; the other's as a note when it differs); a favour between the
    two, or a recommendation that would name one person twice, is dropped, counted and
    written into keep's notes. ``other``'s notes
    are appended, and its empty fields of ``keep`` filled. With ``dry_run`` nothing is
    changed; the answer says what would be.
    """
    kept = resolve_person(actor, keep, "keep")
    gone = resolve_person(actor, other, "other")
    if kept.pk == gone.pk:
        raise InvalidInput("other", str(other), "is the same person as keep; nothing to merge")
    if Member.objects.filter(person_id=gone.pk).exists():
        raise InvalidInput(
            "other",
            str(other),
            "is a member's own person (me); merge the other person into me instead",
        )
    result: dict[str, Any] = {}
    try:
        with changes.atomic():
            # Fresh copies: the caller's objects are not changed (nor, on a dry run,
            # left without their id).
            result = _merge(actor, Person.objects.get(pk=kept.pk), Person.objects.get(pk=gone.pk))
            if dry_run:
                raise _DryRun
    except _DryRun:
        result["dry_run"] = True
        result["merge_id"] = None
    return result


def _merge(actor: Member, keep: Person, other: Person) -> dict[str, Any]:
    # Lock both rows (PostgreSQL) so that a concurrent merge waits.
    list(Person.objects.select_for_update().filter(pk__in=(keep.pk, other.pk)))
    tally = _Tally()
    merge = Merge.objects.create(
        network_id=actor.network_id,
        kept=keep,
        merged_id=other.pk,
        merged_name=other.full_name or other.nickname or f"#{other.pk}",
        by=actor,
    )
    _merge_contact_points(keep, other, tally)
    _merge_dates(keep, other, tally)
    _merge_relationships(keep, other, tally)
    _merge_pairs(keep, other, merge, tally)
    dropped_lines = _merge_favours(keep, other, tally)
    dropped_lines += _merge_recommendations(keep, other, tally)
    special = {
        ("reciprocity.Favour", "giver"),
        ("reciprocity.Favour", "receiver"),
        ("reciprocity.Recommendation", "recommender"),
        ("reciprocity.Recommendation", "recipient"),
        ("reciprocity.Recommendation", "beneficiary"),
        ("people.ContactPoint", "person"),
        ("people.ImportantDate", "person"),
        ("people.Relationship", "from_person"),
        ("people.Relationship", "to_person"),
        ("dedupe.DuplicatePair", "person_a"),
        ("dedupe.DuplicatePair", "person_b"),
    }
    for model, field in _person_relations():
        label = model._meta.label
        if label in _SKIPPED or (label, field.name) in special:
            continue
        if label == "people.Person" and field.name == "introduced_by":
            # Whom ``other`` introduced, ``keep`` introduced; ``keep`` itself, nobody.
            Person.objects.filter(pk=keep.pk, introduced_by_id=other.pk).update(introduced_by=None)
            keep.introduced_by_id = (
                None if keep.introduced_by_id == other.pk else keep.introduced_by_id
            )
        if label == "dedupe.Merge" and field.name == "kept":
            earlier = Merge.objects.filter(kept=other).exclude(pk=merge.pk)
            count = earlier.update(kept=keep)
            if count:
                tally.moved[_word(model)] += count
            continue
        _repoint_generic(model, field, keep, other, tally)
    changed = _merge_columns(keep, other)
    if dropped_lines:
        keep.notes = "\n".join([keep.notes.rstrip(), *dropped_lines]).strip()
        if "notes" not in changed:
            changed.append("notes")
    keep.refresh_derived_names()
    keep.save()
    merged_id, merged_name = other.pk, merge.merged_name
    other.delete()
    merge.moved = dict(tally.moved)
    merge.dropped = dict(tally.dropped)
    merge.save(update_fields=["moved", "dropped"])
    return {
        "merge_id": merge.pk,
        "kept": {"id": keep.pk, "name": keep.full_name},
        "merged": {"id": merged_id, "name": merged_name},
        "moved": dict(sorted(tally.moved.items())),
        "dropped": dict(sorted(tally.dropped.items())),
        "filled": changed,
        "dry_run": False,
    }


def recent_merges(actor: Member, limit: int = 10) -> list[Merge]:
    """The latest merges of ``actor``'s network, newest first."""
    return list(
        Merge.objects.filter(network_id=actor.network_id)
        .select_related("kept")
        .order_by("-at", "-pk")[:limit]
    )


def counted(what: str, count: int) -> str:
    """ "2 contact points", "1 contact point", in the page's language."""
    words = {
        "contact points": ngettext("%(n)d contact point", "%(n)d contact points", count),
        "affiliations": ngettext("%(n)d affiliation", "%(n)d affiliations", count),
        "relationships": ngettext("%(n)d relationship", "%(n)d relationships", count),
        "important dates": ngettext("%(n)d important date", "%(n)d important dates", count),
        "circles": ngettext("%(n)d circle", "%(n)d circles", count),
        "tags": ngettext("%(n)d tag", "%(n)d tags", count),
        "skills": ngettext("%(n)d skill", "%(n)d skills", count),
        "introduced persons": ngettext(
            "%(n)d person introduced", "%(n)d persons introduced", count
        ),
        "interactions": ngettext("%(n)d conversation", "%(n)d conversations", count),
        "events attended": ngettext("%(n)d event", "%(n)d events", count),
        "promises": ngettext("%(n)d promise", "%(n)d promises", count),
        "projects": ngettext("%(n)d project", "%(n)d projects", count),
        "imported properties": ngettext(
            "%(n)d imported property", "%(n)d imported properties", count
        ),
        "import origins": ngettext("%(n)d imported record", "%(n)d imported records", count),
        "earlier merges": ngettext("%(n)d earlier merge", "%(n)d earlier merges", count),
        "review queue pairs": ngettext("%(n)d pair to review", "%(n)d pairs to review", count),
        "favours": ngettext("%(n)d favour", "%(n)d favours", count),
        "recommendations": ngettext("%(n)d recommendation", "%(n)d recommendations", count),
        BETWEEN_THE_TWO: ngettext(
            "%(n)d favour between the two (kept in the notes)",
            "%(n)d favours between the two (kept in the notes)",
            count,
        ),
        NAMED_TWICE: ngettext(
            "%(n)d recommendation naming both (kept in the notes)",
            "%(n)d recommendations naming both (kept in the notes)",
            count,
        ),
    }
    return words.get(what, f"%(n)d {what}") % {"n": count}


def merge_as_dict(merge: Merge) -> dict[str, Any]:
    return {
        "id": merge.pk,
        "kept": merge.kept_id,
        "merged": {"id": merge.merged_id, "name": merge.merged_name},
        "moved": merge.moved,
        "dropped": merge.dropped,
        "at": merge.at,
    }


# What tells two persons apart first: the identifying contacts, the address last.
_CONTACT_ORDER = {"email": 0, "phone": 1, "linkedin": 2, "xing": 3, "website": 4, "messenger": 5}


def person_summary(person: Person) -> dict[str, Any]:
    """What a list of pairs shows of one side: name, contacts, organisations."""
    points = person.contact_points.order_by("-preferred", "pk").values_list("kind", "value")
    ranked = sorted(points[:30], key=lambda point: _CONTACT_ORDER.get(point[0], 9))
    contacts = [{"kind": kind, "value": value} for kind, value in ranked[:6]]
    organisations = list(
        person.affiliations.filter(end__isnull=True)
        .order_by("pk")
        .values_list("organisation__name", flat=True)[:3]
    )
    return {
        "id": person.pk,
        "name": person.full_name or person.nickname,
        "contacts": contacts,
        "organisations": organisations,
        "archived": person.archived,
        # A member's own person (me) can be merged into, never away.
        "me": Member.objects.filter(person_id=person.pk).exists(),
    }


def candidate_as_dict(candidate: Candidate, *, details: bool = True) -> dict[str, Any]:
    a, b = candidate.person_a, candidate.person_b
    return {
        "a": person_summary(a) if details else {"id": a.pk, "name": a.full_name},
        "b": person_summary(b) if details else {"id": b.pk, "name": b.full_name},
        "score": candidate.score,
        "reasons": list(candidate.reasons),
        "certain": candidate.certain,
        "queued": candidate.queued,
    }
