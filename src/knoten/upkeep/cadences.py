"""Cadences: how often to be in touch with whom, and which one applies to a person.

A person's own cadence comes first; then the circles they are in (the most frequent of
those that say one; a circle may also say "no cadence"); then the network's cadence for
their importance; then the shipped default for it (:data:`DEFAULTS`: the inner circle
monthly, important people quarterly, others yearly, peripheral contacts none). Overdue
comes after the latest period, by default half as long again as the cadence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.people.labels import find_circle
from knoten.people.lookup import resolve_person
from knoten.people.models import Circle, Person
from knoten.people.persons import parse_importance
from knoten.people.vocabulary import SEEDED_CIRCLES
from knoten.upkeep.models import Cadence
from knoten.upkeep.periods import period_words, read_period

Tier = Person.Tier
DEFAULTS: dict[int, int | None] = {
    Tier.INNER: 30,
    Tier.IMPORTANT: 91,
    Tier.REGULAR: 365,
    Tier.PERIPHERAL: None,
}


# The change notice of a cadence rule: the persons it may apply to.
CHANGED = "cadence"


def latest_for(every_days: int) -> int:
    """The latest period when none is set: half as long again as the cadence."""
    return every_days + every_days // 2


@dataclass(frozen=True)
class Applied:
    """The cadence that applies to a person and where it comes from."""

    every_days: int | None
    latest_days: int | None
    source: str  # "person", "circle:<name>", "importance", "default", "me"


class Importance(Protocol):
    """A person as a cadence needs them: who, and how important."""

    @property
    def pk(self) -> int: ...

    @property
    def importance(self) -> int: ...


def cadences_for(
    network_id: int, persons: Sequence[Importance], mine: set[int], *, everyone: bool = False
) -> dict[int, Applied]:
    """The cadence that applies to each of ``persons``; ``everyone``: they are the whole
    network (read without a list of ids)."""
    ids = [p.pk for p in persons]
    rules = Cadence.objects.filter(network_id=network_id)
    own = {
        c.person_id: c
        for c in (
            rules.filter(person__isnull=False) if everyone else rules.filter(person_id__in=ids)
        )
    }
    with_circle = rules.filter(circle__isnull=False).select_related("circle")
    by_circle = {c.circle_id: c for c in with_circle}
    circles: dict[int, list[Cadence]] = defaultdict(list)
    if by_circle:
        through = Person.circles.through.objects.filter(circle_id__in=list(by_circle))
        if not everyone:
            through = through.filter(person_id__in=ids)
        for person_id, circle_id in through.values_list("person_id", "circle_id"):
            circles[person_id].append(by_circle[circle_id])
    tiers: dict[int, Cadence] = {
        c.importance: c for c in rules.filter(importance__isnull=False) if c.importance is not None
    }
    return {p.pk: _applied(p, own, circles, tiers, mine) for p in persons}


def _applied(
    person: Importance,
    own: dict[int | None, Cadence],
    circles: dict[int, list[Cadence]],
    tiers: dict[int, Cadence],
    mine: set[int],
) -> Applied:
    if person.pk in mine:
        return Applied(None, None, "me")
    if (rule := own.get(person.pk)) is not None:
        return _of(rule, "person")
    if rules := circles.get(person.pk):
        timed = [r for r in rules if r.every_days is not None]
        chosen = min(timed, key=lambda r: r.every_days or 0) if timed else rules[0]
        assert chosen.circle is not None
        return _of(chosen, f"circle:{chosen.circle.name}")
    if (rule := tiers.get(person.importance)) is not None:
        return _of(rule, "importance")
    every = DEFAULTS.get(person.importance)
    return Applied(every, None if every is None else latest_for(every), "default")


def _of(rule: Cadence, source: str) -> Applied:
    if rule.every_days is None:
        return Applied(None, None, source)
    return Applied(rule.every_days, rule.latest_days or latest_for(rule.every_days), source)


def source_words(source: str, importance: int) -> str:
    """Where a cadence comes from, in the active language."""
    if source == "person":
        return _("set for them")
    if source.startswith("circle:"):
        name = source.removeprefix("circle:")
        seeded = next((w for w in SEEDED_CIRCLES if w.en == name), None)
        if seeded is not None and (get_language() or "en").startswith("de"):
            name = seeded.de
        return _("circle %(name)s") % {"name": name}
    if source in ("importance", "default"):
        return _("as %(importance)s") % {"importance": _(Tier(importance).label)}
    if source == "me":
        return _("that is you")
    return source


def cadence_words(every_days: int | None, latest_days: int | None) -> str:
    """A cadence in words: "quarterly, overdue after 4 months" or "no cadence"."""
    if every_days is None:
        return _("no cadence")
    words = period_words(every_days)
    if latest_days and latest_days != latest_for(every_days):
        words += ", " + _("overdue after %(period)s") % {
            "period": period_words(latest_days).removeprefix(_("every") + " ")
        }
    return words


# --- setting cadences ----------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Whom a cadence is for: one person, a circle or an importance."""

    person: Person | None = None
    circle: Circle | None = None
    importance: int | None = None

    def key(self) -> dict[str, Any]:
        if self.person is not None:
            return {"person": self.person}
        if self.circle is not None:
            return {"circle": self.circle}
        return {"importance": self.importance}

    def label(self) -> str:
        if self.person is not None:
            return self.person.full_name
        if self.circle is not None:
            return self.circle.name
        assert self.importance is not None
        return Tier(self.importance).label

    def persons(self, network_id: int) -> Iterable[int]:
        """The persons whose cadence this target's rule may change."""
        if self.person is not None:
            return [self.person.pk]
        people = Person.objects.filter(network_id=network_id)
        if self.circle is not None:
            people = people.filter(circles=self.circle)
        else:
            assert self.importance is not None
            people = people.filter(importance=self.importance)
        return people.values_list("pk", flat=True)


def _target(
    actor: Member,
    *,
    person: str | int | Person | None = None,
    circle: str | None = None,
    importance: str | int | None = None,
) -> Target:
    """Exactly one of a person, a circle (by name) or an importance (1–4 or its word)."""
    offered = {"person": person, "circle": circle, "importance": importance}
    given = [name for name, value in offered.items() if value not in (None, "")]
    if len(given) != 1:
        raise InvalidInput(
            "cadence",
            ", ".join(given) or "nothing",
            "is for one person, one circle or one importance; give exactly one",
        )
    if person not in (None, ""):
        assert person is not None
        found = resolve_person(actor, person)
        if found.pk == actor.me.pk:
            raise InvalidInput(
                "person", person, "is you; a cadence is for keeping in touch with others"
            )
        return Target(person=found)
    if circle not in (None, ""):
        assert circle is not None
        return Target(circle=find_circle(actor, circle))
    assert importance is not None
    return Target(importance=parse_importance(importance))


@dataclass(frozen=True)
class CadenceSet:
    target: str
    every_days: int | None
    latest_days: int | None
    words: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "every_days": self.every_days,
            "latest_days": self.latest_days,
            "words": self.words,
        }


def set_cadence(
    actor: Member,
    *,
    person: str | int | Person | None = None,
    circle: str | None = None,
    importance: str | int | None = None,
    every: str | int | None,
    latest: str | int | None = None,
) -> CadenceSet:
    """Be in touch with one person, everyone in a circle (by name) or everyone of an
    importance (1–4 or its word) every ``every`` (words or days); ``latest`` is when it
    becomes overdue (by default half as long again). ``every`` None: no cadence."""
    chosen = _target(actor, person=person, circle=circle, importance=importance)
    every_days = None if every is None or every == "" else read_period(every, "every")
    latest_days = None if latest is None or latest == "" else read_period(latest, "latest")
    if latest_days is not None:
        if every_days is None:
            raise InvalidInput("latest", latest, "needs a cadence to be overdue from")
        if latest_days < every_days:
            raise InvalidInput(
                "latest", latest, f"is shorter than the cadence ({period_words(every_days)})"
            )
    with changes.atomic():
        Cadence.objects.update_or_create(
            network_id=actor.network_id,
            **chosen.key(),
            defaults={"every_days": every_days, "latest_days": latest_days},
        )
        _reapply(actor.network_id, chosen)
    return CadenceSet(
        chosen.label(), every_days, latest_days, cadence_words(every_days, latest_days)
    )


def clear_cadence(
    actor: Member,
    *,
    person: str | int | Person | None = None,
    circle: str | None = None,
    importance: str | int | None = None,
) -> CadenceSet:
    """Drop the cadence set for one person, circle or importance: it inherits again.
    What applies now (for a circle or an importance: their default or none)."""
    chosen = _target(actor, person=person, circle=circle, importance=importance)
    with changes.atomic():
        Cadence.objects.filter(network_id=actor.network_id, **chosen.key()).delete()
        _reapply(actor.network_id, chosen)
    every = _inherited(actor, chosen)
    latest = None if every is None else latest_for(every)
    return CadenceSet(chosen.label(), every, latest, cadence_words(every, latest))


def _inherited(actor: Member, chosen: Target) -> int | None:
    if chosen.person is not None:
        person = chosen.person
        return cadences_for(actor.network_id, [person], set())[person.pk].every_days
    if chosen.importance is not None:
        return DEFAULTS.get(chosen.importance)
    return None


def _reapply(network_id: int, chosen: Target) -> None:
    # The standings listen (knoten.upkeep.standings): whose cadence may have changed.
    changes.announce(network_id, CHANGED, chosen.persons(network_id))


def list_cadences(actor: Member) -> list[dict[str, Any]]:
    """The cadences set in the network: for importances, circles, then persons; and the
    shipped defaults for the importances that have none of their own."""
    rows = list(
        Cadence.objects.filter(network_id=actor.network_id)
        .select_related("person", "circle")
        .order_by("importance", "circle__name", "person__sort_name")
    )
    result: list[dict[str, Any]] = []
    set_tiers = {r.importance for r in rows if r.importance is not None}
    for tier in Tier:
        if tier not in set_tiers:
            every = DEFAULTS[tier]
            result.append(_listed("importance", tier.label, None, every,
                                  None if every is None else latest_for(every), True))  # fmt: skip
    for r in rows:
        if r.importance is not None:
            kind, name, pk = "importance", Tier(r.importance).label, None
        elif r.circle is not None:
            kind, name, pk = "circle", r.circle.name, r.circle.pk
        else:
            assert r.person is not None
            kind, name, pk = "person", r.person.full_name, r.person.pk
        latest = r.latest_days or (None if r.every_days is None else latest_for(r.every_days))
        result.append(_listed(kind, name, pk, r.every_days, latest, False))
    order = {"importance": 0, "circle": 1, "person": 2}
    result.sort(key=lambda row: order[row["kind"]])
    return result


def _listed(
    kind: str, name: str, pk: int | None, every: int | None, latest: int | None, default: bool
) -> dict[str, Any]:
    return {
        "kind": kind,
        "name": name,
        "id": pk,
        "every_days": every,
        "latest_days": latest,
        "words": cadence_words(every, latest),
        "default": default,
    }
