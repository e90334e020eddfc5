"""What the analysis reads about each person besides the links, in a few bulk queries.

Only persons who are not archived; organisations through current affiliations (no end
date); a person's city from their preferred postal address (else their first).

When we met: the day recorded (``met_on``), else the day of the event where we met, else
the day the person was added, unless more than :data:`BULK_DAY` persons without a day
of meeting were added that day: that was an import (an address book, a demo), not a day
of meetings, and those persons' meeting stays unknown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from knoten.core.folding import fold
from knoten.people.models import Affiliation, Circle, ContactPoint, Organisation, Person, Tag

BULK_DAY = 50
MULTIPLIER_TAGS = frozenset({"multiplier", "multiplikator", "multiplikatorin", "multiplikatoren"})


@dataclass(frozen=True)
class Tie:
    """A person's current affiliation: organisation, kind (job, function …) and title."""

    organisation: int
    kind: str
    title: str


@dataclass
class Facts:
    """A network's persons (not archived) and what the analysis needs of them."""

    persons: set[int] = field(default_factory=set)
    names: dict[int, str] = field(default_factory=dict)  # filled for the few shown only
    ties: dict[int, list[Tie]] = field(default_factory=lambda: defaultdict(list))
    organisations: dict[int, tuple[str, str, str]] = field(
        default_factory=dict
    )  # name, kind, industry
    circles: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    circle_names: dict[int, str] = field(default_factory=dict)
    tagged: set[int] = field(default_factory=set)  # tagged "multiplier"
    cities: dict[int, str] = field(default_factory=dict)
    how_met: dict[int, str] = field(default_factory=dict)  # event, organisation, introduction …
    met_year: dict[int, int] = field(default_factory=dict)
    met_month: dict[int, tuple[int, int]] = field(default_factory=dict)


def how_met_of(
    event: int | None, organisation: int | None, introducer: int | None, text: str
) -> str:
    """How we met, as one of a few kinds: an event, an organisation, an introduction, told
    in words only, or unknown."""
    if introducer is not None:
        return "introduction"
    if event is not None:
        return "event"
    if organisation is not None:
        return "organisation"
    return "told" if text.strip() else "unknown"


def read_facts(network_id: int) -> Facts:
    facts = Facts()
    rows = Person.objects.filter(network_id=network_id, archived=False).values_list(
        "pk",
        "met_on",
        "met_at_event_id",
        "met_at_event__starts_on",
        "met_at_organisation_id",
        "introduced_by_id",
        "how_we_met",
        "created_at",
    )
    undated: dict[dt.date, list[int]] = defaultdict(list)  # added on a day, no day we met
    for pk, met_on, event, event_day, organisation, introducer, text, created in rows.iterator(
        20_000
    ):
        facts.persons.add(pk)
        facts.how_met[pk] = how_met_of(event, organisation, introducer, text)
        if met_on is not None and met_on.year:
            _met(facts, pk, met_on.year, met_on.month or 0)
        elif event_day is not None:
            _met(facts, pk, event_day.year, event_day.month)
        else:
            undated[created.date()].append(pk)
    for day, added in undated.items():
        if len(added) <= BULK_DAY:
            for pk in added:
                _met(facts, pk, day.year, day.month)
    for pk, name, kind, industry in Organisation.objects.filter(network_id=network_id).values_list(
        "pk", "name", "kind", "industry"
    ):
        facts.organisations[pk] = (name, kind, industry)
    ties = Affiliation.objects.filter(network_id=network_id, end__isnull=True).values_list(
        "person_id", "organisation_id", "kind", "title"
    )
    for person, organisation, kind, title in ties.iterator(20_000):
        if person in facts.persons:
            facts.ties[person].append(Tie(organisation, kind, title))
    facts.circle_names = dict(
        Circle.objects.filter(network_id=network_id).values_list("pk", "name")
    )
    through = Person.circles.through.objects.filter(circle__network_id=network_id)
    for person, circle in through.values_list("person_id", "circle_id").iterator(20_000):
        if person in facts.persons:
            facts.circles[person].append(circle)
    tags = [
        pk
        for pk, name in Tag.objects.filter(network_id=network_id).values_list("pk", "name")
        if fold(name) in MULTIPLIER_TAGS
    ]
    if tags:
        tagged = Person.tags.through.objects.filter(tag_id__in=tags)
        facts.tagged = set(tagged.values_list("person_id", flat=True)) & facts.persons
    addresses = (
        ContactPoint.objects.filter(network_id=network_id, kind="address")
        .exclude(locality="")
        .order_by("person_id", "-preferred", "pk")
        .values_list("person_id", "locality")
    )
    for person, locality in addresses.iterator(20_000):
        if person in facts.persons and person not in facts.cities:
            facts.cities[person] = locality.strip()
    return facts


def read_names(persons: set[int] | list[int]) -> dict[int, str]:
    """The full names of a few persons."""
    found: dict[int, str] = {}
    wanted = sorted(set(persons))
    for start in range(0, len(wanted), 500):
        for person in Person.objects.filter(pk__in=wanted[start : start + 500]).only(
            "academic_title", "given_name", "name_particle", "family_name", "nickname"
        ):
            found[person.pk] = person.full_name or person.nickname
    return found


def _met(facts: Facts, pk: int, year: int, month: int) -> None:
    facts.met_year[pk] = year
    if month:
        facts.met_month[pk] = (year, month)
