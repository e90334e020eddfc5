"""The demo network while it is generated: :class:`Plan` (settings, the one random source,
what each stage lays out for the next, and writing through :mod:`knoten.core.bulk`) and
the drafts of organisations, events and persons before they are written.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db import models
from faker import Faker

from knoten.core import clock
from knoten.core.bulk import insert_returning, insert_rows
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.demo.draws import Pick, pick
from knoten.demo.organisation_words import INDUSTRY_WEIGHTS
from knoten.demo.places import CITIES, LOCALES, City
from knoten.people.models import Person

BATCH = 2000


Progress = Callable[[str, int, int], None]


@dataclass
class Aff:
    org: int
    kind: str
    title: str
    start: PartialDate | None
    end: PartialDate | None


@dataclass
class Spec:
    """What the generator knows about a person beyond the Person row."""

    locale: str
    female: bool
    birth_year: int
    city: City | None
    foreign: tuple[str, str, str] | None
    industry: str
    role: str  # "me", "core", "family"
    direct: bool = False
    origin: str = ""
    affs: list[Aff] = field(default_factory=list)
    skills: list[int] = field(default_factory=list)
    company: int = -1  # the current employer (organisation index), if any
    title: str = ""
    tier: int = 3
    met: dt.date | None = None

    @property
    def adult(self) -> bool:
        return self.role != "child"


@dataclass(slots=True)
class PersonDraft:
    """A person before it is written: the columns of ``Person`` that the generator sets.

    The names it shows and the derived sort and search forms come from the model's own
    code, so that they are exactly what ``Person.save()`` would store.
    """

    given_name: str
    family_name: str
    name_particle: str = ""
    academic_title: str = ""
    nickname: str = ""
    form_of_address: str = ""
    salutation: str = ""
    notes: str = ""
    importance: int = 3
    archived: bool = False
    met_on: PartialDate | None = None
    met_at_event_id: int | None = None
    met_at_organisation_id: int | None = None
    how_we_met: str = ""
    sort_name: str = ""
    folded_name: str = ""

    full_name: ClassVar[Any] = Person.full_name
    short_name: ClassVar[Any] = Person.short_name
    refresh_derived_names: ClassVar[Any] = Person.refresh_derived_names


@dataclass
class OrgDraft:
    name: str
    kind: str
    city: str
    industry: str
    domain: str


@dataclass
class EventDraft:
    name: str
    kind: str
    starts: dt.date
    place: str
    organiser: int
    me_attends: bool


class Plan:
    """The network being generated: its settings, the one random source, and what each
    stage has laid out for the stages after it (the organisations, events and persons by
    their index, then their keys). Each part of the generator (:mod:`knoten.demo.people`,
    :mod:`knoten.demo.events`, ...) is a function of a ``Plan``; the attributes below are
    filled in the order of :func:`knoten.demo.generate.generate_network`."""

    # knoten.demo.labels
    circle_pk: dict[str, int]
    custom_circle_pks: list[int]
    tag_pks: list[int]
    tag_pick: Pick
    industry_skills: dict[str, list[int]]
    general_skills: list[int]
    skill_names: list[str]
    skill_pks: list[int]
    # knoten.demo.organisations
    orgs: list[OrgDraft]
    orgs_by_kind: dict[str, list[int]]
    universities: list[int]
    schools: list[int]
    org_pick: dict[str, Pick]
    company_by_industry: dict[str, Pick]
    org_pks: list[int]
    # knoten.demo.events
    events: list[EventDraft]
    event_pks: list[int]
    past_mine: list[int]
    past_seminars: list[int]
    past_fairs: list[int]
    attendees: dict[int, list[int]]
    # knoten.demo.people and knoten.demo.careers
    me: Person
    specs: list[Spec]
    people: list[PersonDraft]
    family_edges: list[tuple[int, int, str]]
    introducer: dict[int, int]
    met_at: dict[int, int]  # person → event where *me* met them
    direct: list[int]
    introducers: list[int]  # direct contacts who are not family
    weddings: dict[int, dt.date]  # the spouse who anchors a family → wedding
    my_company: int
    my_former: list[int]
    my_university: int
    my_school: int
    my_clubs: list[int]
    my_online: int
    pks: list[int]
    names: list[tuple[str, str, str]]

    def __init__(
        self,
        member: Member,
        *,
        size: int,
        seed: int,
        progress: Progress | None,
        today: dt.date | None,
    ) -> None:
        self.member = member
        self.network_id = member.network_id
        self.size = size
        self.seed = seed
        self.rng = random.Random(f"knoten-demo-{seed}")
        self.today = today or clock.today()
        self.progress = progress
        self.fakers: dict[str, Faker] = {}
        for number, (locale, _) in enumerate(LOCALES):
            faker = Faker(locale)
            faker.seed_instance(seed * 100 + number)
            self.fakers[locale] = faker
        self.locales = pick(LOCALES)
        self.cities = Pick(CITIES, [city.weight for city in CITIES])
        self.industries = pick(list(INDUSTRY_WEIGHTS.items()))
        self.counts: dict[str, int] = {}
        # Conversations with each direct contact: (day, key), filled as they are written.
        self.talks: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def insert(self, model: type[models.Model], rows: Sequence[Any], stage: str) -> None:
        total = len(rows)
        self.report(stage, 0, total)
        for start in range(0, total, BATCH):
            model.objects.bulk_create(rows[start : start + BATCH])  # type: ignore[attr-defined]
            self.report(stage, min(start + BATCH, total), total)

    def count(self, key: str, amount: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + amount

    def write(
        self, model: Any, fields: Sequence[str], rows: list[tuple[Any, ...]], key: str
    ) -> None:
        """Insert ``rows`` (values in the order of ``fields``, in their stored form) as
        plain tuples (``core.bulk``), count them under ``key`` and empty ``rows``."""
        self.count(key, insert_rows(model, fields, rows))
        rows.clear()

    def write_returning(
        self, model: Any, fields: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> list[int]:
        """Like :meth:`write`, for rows that others refer to: their new keys, in order
        (``core.bulk.insert_returning``)."""
        keys = insert_returning(model, fields, rows)
        if len(keys) != len(rows):
            raise RuntimeError(f"{model.__name__}: {len(rows)} rows written, {len(keys)} keys")
        return keys

    def person_picker(self) -> Callable[[], int]:
        """A person, drawn 55 % from *me*'s direct contacts by tier and 45 % from everyone."""
        rng = self.rng
        weights = {1: 8.0, 2: 4.0, 3: 1.0, 4: 0.3}
        direct = [i for i in self.direct if self.specs[i].role != "child"]
        direct_pick = (
            Pick(direct, [weights[self.specs[i].tier] for i in direct]) if direct else None
        )
        adults = [i for i in range(1, len(self.specs)) if self.specs[i].role != "child"] or list(
            range(1, len(self.specs))
        )

        def pick() -> int:
            if direct_pick is not None and rng.random() < 0.55:
                return int(direct_pick(rng))
            return adults[rng.randrange(len(adults))]

        return pick
