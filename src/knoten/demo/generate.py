"""A realistic synthetic network for demos, tests and the benchmark.

:func:`generate_network` fills a member's network with persons (German and international
names, academic titles, name particles, nicknames), their contact points, organisations of
every kind, careers with partial dates, a who-knows-whom graph with a heavy-tailed degree
distribution, families, circles, tags and skills, important dates, events with
attendance, projects, years of conversation minutes and the promises made in them, and
the give and take of the last years: favours, recommendations and what channels cost
(:mod:`knoten.demo.give_and_take`).

The same ``seed`` (and the same ``today``) gives the same network: every random choice
comes from one :class:`random.Random` and from Faker instances seeded from it. Rows are
written with ``bulk_create`` in batches inside one transaction, so a failed run leaves
nothing behind; the derived fields that ``save()`` would compute (sort and folded names)
are set here, and the search index is rebuilt at the end.

How the graph grows: persons arrive one after another; each new person links to a few
earlier ones, mostly by preferential attachment (someone who already knows many people
is more likely to be known by the newcomer) and partly through a shared organisation
(colleagues, classmates, fellow club members), which gives both the heavy tail of a real
network and its clusters. *me* is linked to a direct circle of contacts whose size grows
with the square root of the network (about 100 of 200, 2,000 of 100,000).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, TypeVar, overload

from django.db import connections, models, router
from faker import Faker

from knoten.core import changes, clock
from knoten.core.bulk import insert_rows, statement
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold, strip_marks
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.demo import data as d
from knoten.demo.give_and_take import SPAN_DAYS, give_and_take
from knoten.journal.models import (
    Attendance,
    Event,
    Interaction,
    Participation,
    Project,
    ProjectRole,
    Promise,
)
from knoten.people.models import (
    CONTACT_POINT_FIELDS,
    Affiliation,
    Circle,
    ContactPoint,
    ImportantDate,
    Organisation,
    Person,
    Relationship,
    Skill,
    Tag,
)
from knoten.people.vocabulary import SEEDED_CIRCLES

# Bump when the generator's output changes, so that cached benchmark networks are rebuilt.
GENERATOR_VERSION = 3
# Where the unknown addresses a mailbox import has read live.
MAIL_HOSTS = ("gmx.example", "web.example", "firma.example")
MAX_SIZE = 1_000_000
BATCH = 2000

Progress = Callable[[str, int, int], None]
T = TypeVar("T")


def generate_network(
    member: Member,
    *,
    size: int,
    seed: int,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Add a synthetic network of ``size`` persons (besides *me*) to ``member``'s network.

    ``progress(stage, done, total)`` is called as each stage advances. Dates are laid out
    around ``today`` (default: the real today), so upcoming birthdays and overdue promises
    look current. Returns the number of rows of each kind that were added.
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise InvalidInput("size", size, "must be a whole number of at least 1")
    if size > MAX_SIZE:
        raise InvalidInput("size", size, f"is too large; the demo makes at most {MAX_SIZE:,}")
    generator = _Generator(member, size=size, seed=seed, progress=progress, today=today)
    with changes.atomic():
        counts = generator.run()
        # Written in bulk: whatever is derived from the network is made anew, once.
        changes.announce_network(member.network_id)
        generator.report("search index", 0, 1)
    generator.report("search index", 1, 1)
    return counts


# --------------------------------------------------------------------------- helpers


class _Pick:
    """A weighted random choice that costs one bisect."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, items: Sequence[Any], weights: Iterable[float]) -> None:
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1] if self.cumulative else 0.0

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]

    def __bool__(self) -> bool:
        return bool(self.items)


def _pick(pairs: Sequence[tuple[T, float]]) -> _Pick:
    return _Pick([item for item, _ in pairs], [weight for _, weight in pairs])


def _zipf(count: int, exponent: float = 1.0) -> list[float]:
    return [1.0 / (rank + 1) ** exponent for rank in range(count)]


_GERMAN_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe"})


def ascii_slug(text: str, sep: str = "-") -> str:
    """``Jürgen von Müller`` as ``juergen-von-mueller`` (for e-mail addresses and URLs)."""
    plain = strip_marks(text.translate(_GERMAN_ASCII).replace("Ü", "ue"))
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in plain).split()
    return sep.join(words)


def _digits(rng: random.Random, count: int) -> str:
    return str(rng.randrange(10**count)).zfill(count)


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return dt.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def _partial(
    rng: random.Random, day: dt.date, full: float = 0.15, month: float = 0.45
) -> PartialDate:
    """``day`` as a partial date: the year only, the month, or the full date."""
    roll = rng.random()
    if roll < full:
        return PartialDate(day.year, day.month, day.day)
    if roll < full + month:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year)


@overload
def _iso(value: PartialDate) -> str: ...
@overload
def _iso(value: PartialDate | None) -> str | None: ...
def _iso(value: PartialDate | None) -> str | None:
    """The stored text form of a partial date (what ``PartialDateField`` holds)."""
    return None if value is None else value.isoformat()


def _year_date(rng: random.Random, year: int, today: dt.date) -> dt.date:
    start = dt.date(year, 1, 1)
    return min(_date_between(rng, start, dt.date(year, 12, 31)), today)


# Relationship kinds for edges that no shared organisation explains.
_RANDOM_KINDS = _pick(
    [
        ("acquaintance", 24),
        ("business_partner", 15),
        ("client", 12),
        ("friend", 9),
        ("former_colleague", 7),
        ("seminar_acquaintance", 5),
        ("mentor", 4),
        ("trainer", 2),
        ("teacher", 1),
        ("neighbour", 4),
        ("colleague", 5),
        ("boss", 3),
        ("relative", 1),
        ("classmate", 2),
        ("fellow_student", 3),
        ("club_member", 3),
    ]
)
_TRUST = {
    "spouse": (4, 5),
    "parent": (4, 5),
    "sibling": (3, 5),
    "relative": (2, 5),
    "friend": (3, 5),
    "mentor": (3, 5),
    "colleague": (2, 5),
    "boss": (2, 5),
    "business_partner": (2, 5),
    "client": (2, 5),
    "former_colleague": (2, 4),
    "classmate": (2, 4),
    "fellow_student": (2, 4),
    "teacher": (2, 4),
    "trainer": (2, 4),
}
_AGE_ORDERED = {"boss", "mentor", "teacher", "trainer"}  # the older one is from_person

# How *me* knows a direct contact, and how often.
_DIRECT_ORIGINS = _pick(
    [
        ("colleague", 12),
        ("former_colleague", 11),
        ("client", 10),
        ("business_partner", 10),
        ("school", 4),
        ("university", 7),
        ("teacher", 2),
        ("trainer", 2),
        ("seminar", 7),
        ("club", 10),
        ("online", 6),
        ("event", 11),
        ("friend", 6),
        ("neighbour", 2),
    ]
)
_ORIGIN_CIRCLE = {
    "colleague": "colleagues",
    "former_colleague": "former_colleagues",
    "client": "clients",
    "business_partner": "business_partners",
    "school": "school_friends",
    "university": "fellow_students",
    "teacher": "teachers_trainers",
    "trainer": "teachers_trainers",
    "seminar": "seminar_acquaintances",
    "club": "associations_clubs",
    "online": "online",
    "friend": "friends",
    "family": "family",
}
_EVENT_KINDS = _pick(
    [
        ("trade_fair", 12),
        ("conference", 12),
        ("congress", 5),
        ("business_card_party", 10),
        ("meetup", 18),
        ("alumni_meeting", 6),
        ("association_meeting", 12),
        ("seminar", 10),
        ("online_event", 8),
        ("private", 7),
    ]
)
_EVENT_CROWD = {
    "trade_fair": 3.0,
    "conference": 2.0,
    "congress": 2.0,
    "business_card_party": 1.5,
    "meetup": 1.0,
    "alumni_meeting": 1.2,
    "association_meeting": 1.0,
    "seminar": 0.5,
    "online_event": 1.0,
    "private": 0.6,
}
_EVENT_COST = {
    "trade_fair": (0, 350),
    "conference": (150, 1400),
    "congress": (300, 1200),
    "business_card_party": (0, 40),
    "meetup": (0, 15),
    "alumni_meeting": (0, 80),
    "association_meeting": (0, 60),
    "seminar": (250, 1500),
    "online_event": (0, 99),
    "private": (0, 120),
}
_EVENT_HOURS = {
    "trade_fair": (6, 24),
    "conference": (6, 20),
    "congress": (8, 24),
    "business_card_party": (2, 4),
    "meetup": (2, 4),
    "alumni_meeting": (3, 8),
    "association_meeting": (2, 5),
    "seminar": (6, 16),
    "online_event": (1, 3),
    "private": (3, 8),
}
_INTERACTION_KINDS = _pick(
    [
        ("meeting", 28),
        ("call", 24),
        ("email", 18),
        ("message", 10),
        ("event_conversation", 8),
        ("letter", 3),
        ("social_media", 9),
    ]
)
_MEMBERSHIP_KINDS = _pick(
    [
        ("professional_association", 30),
        ("club", 30),
        ("alumni_network", 12),
        ("party", 6),
        ("online_community", 14),
        ("elite_club", 5),
        ("other", 3),
    ]
)
_LIFE_EVENTS = _pick(
    [("moved", 40), ("award", 15), ("bereavement", 20), ("anniversary", 15), ("custom", 20)]
)
_PROJECT_STATUS = _pick([("completed", 40), ("ongoing", 35), ("planned", 15), ("cancelled", 10)])
_MOBILE_DE = ("151", "152", "157", "159", "160", "162", "163", *(f"17{n}" for n in range(10)))
_MOBILE_ABROAD = {
    "GB": ("44", ("74", "75", "77", "78"), 8),
    "FR": ("33", ("60", "61", "62", "64", "65", "66", "67", "68", "73", "74", "75"), 7),
    "IT": ("39", ("320", "328", "333", "335", "338", "340", "347", "349"), 7),
    "TR": ("90", ("532", "533", "542", "543", "505", "530", "535"), 7),
    "PL": ("48", ("50", "51", "53", "60", "66", "69", "72", "78", "79", "88"), 7),
}


@dataclass
class _Aff:
    org: int
    kind: str
    title: str
    start: PartialDate | None
    end: PartialDate | None


@dataclass
class _Spec:
    """What the generator knows about a person beyond the Person row."""

    locale: str
    female: bool
    birth_year: int
    city: d.City | None
    foreign: tuple[str, str, str] | None
    industry: str
    role: str  # "me", "core", "family"
    direct: bool = False
    origin: str = ""
    affs: list[_Aff] = field(default_factory=list)
    skills: list[int] = field(default_factory=list)
    company: int = -1  # the current employer (organisation index), if any
    title: str = ""
    tier: int = 3
    met: dt.date | None = None

    @property
    def adult(self) -> bool:
        return self.role != "child"


@dataclass(slots=True)
class _Person:
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


_INTERACTION_FIELDS = (
    "network",
    "occurred_on",
    "kind",
    "summary",
    "duration_minutes",
    "place",
    "event",
    "author",
    "private",
)
_PERSON_FIELDS = (
    "network",
    "given_name",
    "family_name",
    "name_particle",
    "academic_title",
    "nickname",
    "form_of_address",
    "salutation",
    "notes",
    "importance",
    "archived",
    "met_on",
    "met_at_event",
    "met_at_organisation",
    "how_we_met",
    "sort_name",
    "folded_name",
)


@dataclass
class _Org:
    name: str
    kind: str
    city: str
    industry: str
    domain: str


@dataclass
class _Ev:
    name: str
    kind: str
    starts: dt.date
    place: str
    organiser: int
    me_attends: bool


# ------------------------------------------------------------------------- generator


class _Generator:
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
        for number, (locale, _) in enumerate(d.LOCALES):
            faker = Faker(locale)
            faker.seed_instance(seed * 100 + number)
            self.fakers[locale] = faker
        self.locales = _pick(d.LOCALES)
        self.cities = _Pick(d.CITIES, [city.weight for city in d.CITIES])
        self.industries = _pick(list(d.INDUSTRY_WEIGHTS.items()))
        self.counts: dict[str, int] = {}
        # Conversations with each direct contact: (day, key), filled as they are written.
        self.talks: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    # The order matters: persons refer to organisations and events, and the graph, the
    # attendance and the minutes refer to persons.
    def run(self) -> dict[str, int]:
        self._vocabulary()
        self._organisations()
        self._events()
        self._persons()
        self._affiliations()
        self._contact_points()
        self._relationships()
        self._groupings()
        self._important_dates()
        self._attendance()
        self._projects()
        self._interactions()
        give_and_take(self)
        self._import_traces()
        return dict(self.counts)

    # -------------------------------------------------------------- bulk writing

    def _insert(self, model: type[models.Model], rows: Sequence[Any], stage: str) -> None:
        total = len(rows)
        self.report(stage, 0, total)
        for start in range(0, total, BATCH):
            model.objects.bulk_create(rows[start : start + BATCH])  # type: ignore[attr-defined]
            self.report(stage, min(start + BATCH, total), total)

    def _count(self, key: str, amount: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + amount

    def _write(
        self, model: Any, fields: Sequence[str], rows: list[tuple[Any, ...]], key: str
    ) -> None:
        """Insert ``rows`` (values in the order of ``fields``, in their stored form) as
        plain tuples (``core.bulk``), count them under ``key`` and empty ``rows``."""
        self._count(key, insert_rows(model, fields, rows))
        rows.clear()

    def _write_returning(
        self, model: Any, fields: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> list[int]:
        """Like :meth:`_write`, for rows that others refer to: their new keys, in order.

        Many rows per statement with ``RETURNING``, as Django's ``bulk_create`` does on
        SQLite 3.35+ and PostgreSQL, without building a model instance for each row.
        """
        connection, table, columns, defaults = statement(model, fields)
        width = len(fields) + len(defaults)
        limit = connection.features.max_query_params or 65535
        per_statement = max(1, min(1000, (limit - 1) // width))
        row_marks = "(" + ", ".join(["%s"] * width) + ")"
        key = connection.ops.quote_name(model._meta.pk.column)
        keys: list[int] = []
        with connection.cursor() as cursor:
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                sql = (
                    f"INSERT INTO {table} ({columns}) VALUES "
                    f"{', '.join([row_marks] * len(chunk))} RETURNING {key}"
                )
                cursor.execute(sql, [value for row in chunk for value in (*row, *defaults)])
                keys.extend(found for (found,) in cursor.fetchall())
        if len(keys) != len(rows):
            raise RuntimeError(f"{model.__name__}: {len(rows)} rows written, {len(keys)} keys")
        return keys

    # -------------------------------------------------------------- vocabulary

    def _vocabulary(self) -> None:
        """Circles (the seeded ones and a few of the user's own), tags and skills."""
        net = self.network_id
        circles = {c.folded_name: c for c in Circle.objects.filter(network_id=net)}
        by_code = {c.code: c for c in circles.values() if c.code}
        new: list[Circle] = []
        for word in SEEDED_CIRCLES:
            if word.code not in by_code and fold(word.en) not in circles:
                circle = Circle(
                    network_id=net, code=word.code, name=word.en, folded_name=fold(word.en)
                )
                new.append(circle)
                by_code[word.code] = circle
            elif word.code not in by_code:
                by_code[word.code] = circles[fold(word.en)]
        custom: list[Circle] = []
        for name in d.CUSTOM_CIRCLES:
            existing = circles.get(fold(name))
            if existing is None:
                existing = Circle(network_id=net, name=name, folded_name=fold(name))
                new.append(existing)
            custom.append(existing)
        Circle.objects.bulk_create(new)
        self._count("circles", len(new))
        self.circle_pk = {code: circle.pk for code, circle in by_code.items()}
        self.custom_circle_pks = [circle.pk for circle in custom]

        self.tag_pks = self._named(Tag, d.TAGS, "tags")
        skill_names: list[str] = []
        self.industry_skills: dict[str, list[int]] = {}
        for industry, skills in d.INDUSTRIES.items():
            indices = []
            for name in skills:
                if name not in skill_names:
                    skill_names.append(name)
                indices.append(skill_names.index(name))
            self.industry_skills[industry] = indices
        general = []
        for name in d.GENERAL_SKILLS:
            if name not in skill_names:
                skill_names.append(name)
            general.append(skill_names.index(name))
        self.general_skills = general
        self.skill_names = skill_names
        self.skill_pks = self._named(Skill, skill_names, "skills")
        self.tag_pick = _Pick(list(range(len(self.tag_pks))), _zipf(len(self.tag_pks), 0.8))

    def _named(self, model: Any, names: Sequence[str], key: str) -> list[int]:
        existing = {
            row.folded_name: row.pk for row in model.objects.filter(network_id=self.network_id)
        }
        new = []
        for name in names:
            if fold(name) not in existing:
                new.append(model(network_id=self.network_id, name=name, folded_name=fold(name)))
        model.objects.bulk_create(new)
        self._count(key, len(new))
        for row in new:
            existing[row.folded_name] = row.pk
        return [existing[fold(name)] for name in names]

    # -------------------------------------------------------------- organisations

    def _organisations(self) -> None:
        rng, n = self.rng, self.size
        plan = [
            ("company", max(12, n // 15)),
            ("professional_association", max(4, n // 400)),
            ("club", max(4, n // 300)),
            ("school", max(5, n // 700)),
            ("alumni_network", max(2, n // 1500)),
            ("party", max(2, n // 4000)),
            ("public_body", max(2, n // 2500)),
            ("online_community", max(3, n // 2000)),
            ("elite_club", max(2, n // 3000)),
            ("other", max(1, n // 5000)),
        ]
        taken = set(
            Organisation.objects.filter(network_id=self.network_id).values_list(
                "folded_name", flat=True
            )
        )
        self.orgs: list[_Org] = []
        self.orgs_by_kind: dict[str, list[int]] = {}
        self.universities: list[int] = []
        total = sum(count for _, count in plan)
        self.report("organisations", 0, total)
        for kind, count in plan:
            indices = self.orgs_by_kind.setdefault(kind, [])
            for number in range(count):
                name, city, industry = self._org_name(kind, number)
                base, attempt = name, 1
                while fold(name) in taken:
                    attempt += 1
                    name, city, industry = self._org_name(kind, number + attempt * 7919)
                    if attempt > 12:
                        name = f"{base} {attempt}"
                taken.add(fold(name))
                domain = ascii_slug(_strip_legal_form(name))[:40].strip("-") + ".example"
                indices.append(len(self.orgs))
                if kind == "school" and name in _UNIVERSITY_NAMES:
                    self.universities.append(len(self.orgs))
                self.orgs.append(_Org(name, kind, city, industry, domain))
        # Larger organisations get more people: a Zipf law within each kind.
        self.org_pick = {
            kind: _Pick(idx, _zipf(len(idx), 0.9)) for kind, idx in self.orgs_by_kind.items()
        }
        companies = self.orgs_by_kind["company"]
        by_industry: dict[str, list[int]] = {}
        for index in companies:
            by_industry.setdefault(self.orgs[index].industry, []).append(index)
        self.company_by_industry = {
            industry: _Pick(idx, _zipf(len(idx), 0.9)) for industry, idx in by_industry.items()
        }
        schools = [i for i in self.orgs_by_kind["school"] if i not in self.universities]
        self.schools = schools or self.orgs_by_kind["school"]
        if not self.universities:
            self.universities = self.orgs_by_kind["school"]

        rows = []
        for org in self.orgs:
            rows.append(
                Organisation(
                    network_id=self.network_id,
                    name=org.name,
                    kind=org.kind,
                    industry=org.industry,
                    website=f"https://www.{org.domain}" if rng.random() < 0.8 else "",
                    notes=rng.choice(d.ORGANISATION_NOTES) if rng.random() < 0.1 else "",
                    folded_name=fold(org.name),
                )
            )
        self._insert(Organisation, rows, "organisations")
        self.org_pks = [row.pk for row in rows]
        self._count("organisations", len(rows))

    def _org_name(self, kind: str, number: int) -> tuple[str, str, str]:
        rng = self.rng
        city = self.cities(rng).name
        faker = self.fakers["de_DE"]
        if kind == "company":
            industry = self.industries(rng)
            word = rng.choice(d.COMPANY_WORDS[industry])
            suffix = _SUFFIXES(rng)
            roll = rng.random()
            if roll < 0.3:
                name = f"{faker.last_name()} {word} {suffix}"
            elif roll < 0.5:
                name = f"{faker.last_name()} & {faker.last_name()} {suffix}"
            elif roll < 0.7:
                name = f"{rng.choice(d.COMPANY_FANTASY)} {word} {suffix}"
            elif roll < 0.85:
                name = f"{word} {city} {suffix}"
            else:
                name = f"{faker.last_name()} {suffix}"
            return name, city, industry
        if kind == "professional_association":
            pattern, industry = rng.choice(d.ASSOCIATION_PATTERNS)
            return pattern.format(city=city), city, industry
        if kind == "club":
            return rng.choice(d.CLUB_PATTERNS).format(city=city), city, ""
        if kind == "elite_club":
            return rng.choice(d.ELITE_CLUB_PATTERNS).format(city=city), city, ""
        if kind == "school":
            if number < len(d.UNIVERSITIES) and rng.random() < 0.7:
                university, where = d.UNIVERSITIES[
                    (number * 7 + rng.randrange(3)) % len(d.UNIVERSITIES)
                ]
                return university, where, "Bildung"
            return rng.choice(d.SCHOOL_PATTERNS).format(city=city), city, "Bildung"
        if kind == "alumni_network":
            if rng.random() < 0.6:
                university = rng.choice(d.UNIVERSITIES)[0]
                return rng.choice(d.ALUMNI_PATTERNS[:2]).format(university=university), city, ""
            company = _strip_legal_form(f"{faker.last_name()} {rng.choice(d.COMPANY_FANTASY)}")
            return f"{company} Alumni", city, ""
        if kind == "party":
            party = rng.choice(d.PARTIES)
            return rng.choice(d.PARTY_PATTERNS).format(party=party, city=city), city, "Politik"
        if kind == "public_body":
            return (
                rng.choice(d.PUBLIC_BODY_PATTERNS).format(city=city),
                city,
                "Öffentliche Verwaltung",
            )
        if kind == "online_community":
            topic = rng.choice(self.skill_names)
            return rng.choice(d.ONLINE_PATTERNS).format(city=city, topic=topic), city, ""
        return rng.choice(d.OTHER_PATTERNS).format(city=city), city, ""

    # -------------------------------------------------------------- events

    def _events(self) -> None:
        rng = self.rng
        count = max(12, self.size // 70)
        first = self.today - dt.timedelta(days=6 * 365)
        last = self.today + dt.timedelta(days=180)
        taken = set(
            Event.objects.filter(network_id=self.network_id).values_list("folded_name", flat=True)
        )
        self.events: list[_Ev] = []
        rows = []
        for number in range(count):
            kind = _EVENT_KINDS(rng)
            starts = _date_between(rng, first, last)
            name, place, organiser = self._event_name(kind, starts, number)
            if fold(name) in taken:
                name = f"{name} ({starts.day}.{starts.month}.)"
                if fold(name) in taken:
                    name = f"{name} #{number}"
            taken.add(fold(name))
            me_attends = rng.random() < 0.55
            days = (
                rng.randint(2, 5)
                if kind in {"trade_fair", "congress"}
                else rng.choice((1, 1, 1, 2))
            )
            cost = hours = None
            if me_attends:
                low, high = _EVENT_COST[kind]
                cost = Decimal(rng.randint(low, high)) if rng.random() < 0.8 else None
                low, high = _EVENT_HOURS[kind]
                hours = Decimal(rng.randint(low * 2, high * 2)) / 2
            self.events.append(_Ev(name, kind, starts, place, organiser, me_attends))
            rows.append(
                Event(
                    network_id=self.network_id,
                    name=name,
                    kind=kind,
                    starts_on=starts,
                    ends_on=starts + dt.timedelta(days=days - 1) if days > 1 else None,
                    place=place,
                    organiser_id=self.org_pks[organiser] if organiser >= 0 else None,
                    cost=cost,
                    hours_spent=hours,
                    notes=rng.choice(d.EVENT_NOTES) if rng.random() < 0.15 else "",
                    folded_name=fold(name),
                )
            )
        self._insert(Event, rows, "events")
        self.event_pks = [row.pk for row in rows]
        self._count("events", len(rows))
        past_mine = [
            i for i, ev in enumerate(self.events) if ev.me_attends and ev.starts <= self.today
        ]
        self.past_mine = past_mine or list(range(len(self.events)))
        self.past_seminars = [
            i for i in self.past_mine if self.events[i].kind == "seminar"
        ] or self.past_mine
        self.past_fairs = [
            i
            for i in self.past_mine
            if self.events[i].kind
            in {"trade_fair", "conference", "congress", "business_card_party", "meetup"}
        ] or self.past_mine

    def _event_name(self, kind: str, starts: dt.date, number: int) -> tuple[str, str, int]:
        rng = self.rng
        year = starts.year
        city = self.cities(rng)
        month = d.MONTHS_DE[starts.month - 1]

        def org_of(kind: str) -> int:
            pick = self.org_pick.get(kind)
            return pick(rng) if pick else -1

        if kind == "trade_fair":
            fair, where = rng.choice(d.FAIRS)
            venue = next((c.venue for c in d.CITIES if c.name == where and c.venue), "Messegelände")
            return f"{fair} {year}", f"{venue}, {where}", -1
        if kind in {"conference", "congress"}:
            name, where = rng.choice(d.CONFERENCES if kind == "conference" else d.CONGRESSES)
            organiser = org_of("professional_association") if rng.random() < 0.5 else -1
            return f"{name} {year}", f"{rng.choice(d.VENUES)}, {where}", organiser
        if kind == "business_card_party":
            organiser = org_of("professional_association")
            assoc = self.orgs[organiser].name if organiser >= 0 else "Wirtschaftsjunioren"
            pattern = rng.choice(d.CARD_PARTIES)
            name = pattern.format(city=city.name, assoc=assoc)
            if "{city}" in pattern and rng.random() < 0.5:
                organiser = org_of("public_body")
            return f"{name}, {month} {year}", f"{rng.choice(d.VENUES)}, {city.name}", organiser
        if kind == "meetup":
            name = rng.choice(d.MEETUPS).format(
                city=city.name, n=number % 97 + 1 + (year - 2015) * 10
            )
            if "#" not in name:
                name = f"{name}, {month} {year}"
            return (
                name,
                f"{rng.choice(d.MEETING_PLACES[:8])}, {city.name}",
                org_of("online_community"),
            )
        if kind == "alumni_meeting":
            organiser = org_of("alumni_network")
            host = self.orgs[organiser].name if organiser >= 0 else "Alumni"
            label = rng.choice(("Ehemaligentreffen", "Alumni-Sommerfest", "Homecoming"))
            return f"{label} {host} {year}", city.name, organiser
        if kind == "association_meeting":
            organiser = org_of("professional_association")
            host = self.orgs[organiser].name if organiser >= 0 else "Verband"
            label = rng.choice(("Mitgliederversammlung", "Jahresempfang", "Regionaltreffen"))
            return f"{label} {host} {year}", f"{rng.choice(d.VENUES)}, {city.name}", organiser
        if kind == "seminar":
            title = rng.choice(d.SEMINARS).format(n=rng.randint(1, 4), year=year)
            organiser = org_of("public_body") if rng.random() < 0.4 else org_of("company")
            return f"Seminar: {title} ({city.name}, {month} {year})", city.name, organiser
        if kind == "online_event":
            title = rng.choice(d.ONLINE_EVENTS)
            return f"{title} ({starts.day}. {month} {year})", "online", -1
        faker = self.fakers["de_DE"]
        name = rng.choice(d.PRIVATE_EVENTS).format(
            given=faker.first_name(), other=faker.first_name(), age=rng.choice((40, 50, 60, 30, 65))
        )
        return f"{name} {year}", city.name, -1

    # -------------------------------------------------------------- persons

    def _persons(self) -> None:
        rng, size = self.rng, self.size
        me = self.member.me
        self.me = me
        self.specs: list[_Spec] = []
        self.people = [
            _Person(
                given_name=me.given_name,
                family_name=me.family_name,
                name_particle=me.name_particle,
                academic_title=me.academic_title,
                nickname=me.nickname,
            )
        ]
        self.family_edges: list[tuple[int, int, str]] = []
        self.introducer: dict[int, int] = {}
        self.met_at: dict[int, int] = {}  # person → event where *me* met them
        self.direct: list[int] = []
        self.introducers: list[int] = []  # direct contacts who are not family
        self.weddings: dict[int, dt.date] = {}  # the spouse who anchors a family → wedding

        my_city = rng.choice(d.CITIES[:7])
        female = self._looks_female(me.given_name)
        me_spec = _Spec("de_DE", female, 1979, my_city, None, "Unternehmensberatung", "me")
        me_spec.direct = True
        self.specs.append(me_spec)
        self._plan_me()

        direct_target = min(0.6 * size, 20 + 6 * math.sqrt(size))
        direct_share = direct_target / size
        self.report("planning persons", 0, size)
        # *me*'s own family comes first, when the network is large enough to hold it.
        if size >= 20:
            self._family_of(0, budget=5)
        while len(self.people) <= size:
            index = self._new_person("core")
            spec = self.specs[index]
            if rng.random() < direct_share:
                spec.direct = True
                spec.origin = _DIRECT_ORIGINS(rng)
                self.direct.append(index)
                self.introducers.append(index)
                # Classmates and teachers are of an age with what they share with *me*.
                if spec.origin == "school":
                    spec.birth_year = 1979 + rng.randint(-1, 1)
                elif spec.origin == "university":
                    spec.birth_year = 1979 + rng.randint(-2, 3)
                elif spec.origin == "teacher":
                    spec.birth_year = min(spec.birth_year, 1960)
            self._career(index)
            self._origin(index)
            if rng.random() < 0.14:
                self._family_of(index, budget=size + 1 - len(self.people))
            if len(self.people) % 1000 < 4:
                self.report("planning persons", min(len(self.people) - 1, size), size)
        self.report("planning persons", size, size)
        self._finish_persons()

    def _looks_female(self, given_name: str) -> bool:
        """Whether a given name is a woman's, by Faker's lists (for *me*'s job title)."""
        first = (given_name.split() or [""])[0]
        female = male = False
        for faker in self.fakers.values():
            provider = faker.provider("faker.providers.person")
            female |= first in getattr(provider, "first_names_female", ())
            male |= first in getattr(provider, "first_names_male", ())
        return female if female != male else self.rng.random() < 0.5

    def _new_person(
        self,
        role: str,
        *,
        locale: str | None = None,
        female: bool | None = None,
        family_name: tuple[str, str] | None = None,
        birth_year: int | None = None,
    ) -> int:
        rng = self.rng
        locale = locale or self.locales(rng)
        faker = self.fakers[locale]
        female = rng.random() < 0.48 if female is None else female
        given = _clean(faker.first_name_female if female else faker.first_name_male)
        particle = ""
        if family_name is not None:
            particle, family = family_name
        elif locale == "de_DE" and rng.random() < 0.14:
            family = rng.choice(d.GERMAN_FAMILY_NAMES_EXTRA)
        else:
            family = _clean(faker.last_name)
        if family_name is None and locale == "de_DE":
            roll = rng.random()
            if roll < 0.02:
                particle = rng.choice(d.NOBLE_PARTICLES)
            elif roll < 0.03:
                particle, family = rng.choice(d.DUTCH_FAMILY_NAMES)
        if birth_year is None:
            birth_year = int(rng.triangular(1948, 2003, 1976))
        title = ""
        age = self.today.year - birth_year
        if role != "child" and age >= 28:
            roll = rng.random()
            if roll < 0.065:
                title = "Dr."
            elif roll < 0.08:
                title = "Prof. Dr."
            elif roll < 0.085:
                title = "Dr. med."
            elif roll < 0.09 and locale == "de_DE":
                title = "Dipl.-Ing."
        nickname = ""
        shorts = d.NICKNAMES.get(given)
        if shorts and rng.random() < 0.35:
            nickname = rng.choice(shorts)
        elif rng.random() < 0.01:
            nickname = given[:3] + ("i" if given[:3][-1] not in "aeiou" else "")
        foreign = d.FOREIGN_CITIES.get(locale)
        if foreign is not None:
            stays = {"tr_TR": 0.25, "pl_PL": 0.3, "it_IT": 0.35}.get(locale, 0.6)
            foreign = foreign if rng.random() < stays else None
        city = None if foreign else self.cities(rng)
        industry = self.industries(rng)
        person = _Person(
            given_name=given,
            family_name=family,
            name_particle=particle,
            academic_title=title,
            nickname=nickname,
        )
        spec = _Spec(locale, female, birth_year, city, foreign, industry, role)
        self.people.append(person)
        self.specs.append(spec)
        return len(self.people) - 1

    def _family_of(self, anchor: int, budget: int) -> None:
        """A spouse, children, a parent or a sibling of ``anchor``, as persons of their own."""
        rng = self.rng
        if budget <= 0:
            return
        spec = self.specs[anchor]
        person = self.people[anchor]
        name = (person.name_particle, person.family_name)
        added: list[tuple[int, str]] = []
        wanted: list[str] = []
        if rng.random() < 0.7 or anchor == 0:
            wanted.append("spouse")
        wanted += ["child"] * (2 if anchor == 0 else rng.choice((0, 1, 1, 2, 2, 3)))
        if anchor == 0 or (spec.birth_year > 1965 and rng.random() < 0.3):
            wanted.append("parent")
        if anchor == 0 or rng.random() < 0.3:
            wanted.append("sibling")
        spouse = -1
        children: list[int] = []
        for relation in wanted[:budget]:
            if relation == "spouse":
                index = self._new_person(
                    "family",
                    locale=spec.locale if rng.random() < 0.85 else None,
                    female=not spec.female if rng.random() < 0.93 else spec.female,
                    family_name=name if rng.random() < 0.6 else None,
                    birth_year=spec.birth_year + rng.randint(-5, 5),
                )
                spouse = index
                self.family_edges.append((anchor, index, "spouse"))
                older = min(spec.birth_year, self.specs[index].birth_year)
                year = min(older + rng.randint(24, 34), self.today.year - 1)
                self.weddings[anchor] = _year_date(rng, year, self.today)
            elif relation == "child":
                year = min(spec.birth_year + rng.randint(24, 40), self.today.year - 1)
                role = "child" if self.today.year - year < 18 else "family"
                index = self._new_person(
                    role, locale=spec.locale, family_name=name, birth_year=year
                )
                children.append(index)
                self.family_edges.append((anchor, index, "parent"))
                if spouse >= 0:
                    self.family_edges.append((spouse, index, "parent"))
            elif relation == "parent":
                index = self._new_person(
                    "family",
                    locale=spec.locale,
                    family_name=name,
                    birth_year=spec.birth_year - rng.randint(22, 38),
                )
                self.family_edges.append((index, anchor, "parent"))
            else:
                index = self._new_person(
                    "family",
                    locale=spec.locale,
                    family_name=name if rng.random() < 0.8 else None,
                    birth_year=spec.birth_year + rng.randint(-8, 8),
                )
                self.family_edges.append((anchor, index, "sibling"))
            added.append((index, relation))
            grown = self.today.year - self.specs[index].birth_year >= 20
            if self.specs[index].role == "family" and grown and rng.random() < 0.6:
                self._career(index)
        for first, second in itertools.combinations(children, 2):
            self.family_edges.append((first, second, "sibling"))
        anchor_name = person.short_name or person.family_name
        for index, relation in added:
            member = self.specs[index]
            member.origin = "family"
            if anchor == 0:
                member.direct = True
                member.tier = 1
                self.direct.append(index)
                self.people[index].how_we_met = "Familie"
            else:
                member.tier = 4
                label = _FAMILY_LABEL[relation][member.female]
                self.people[index].how_we_met = f"{label} von {anchor_name}"

    def _plan_me(self) -> None:
        """*me*'s own career, which the direct contacts share: my company, school, clubs."""
        rng = self.rng
        pick = self.org_pick
        self.my_company = self.company_by_industry.get("Unternehmensberatung", pick["company"])(rng)
        self.my_former = [pick["company"](rng) for _ in range(2)]
        if self.my_company in self.my_former:
            self.my_former = [c for c in self.orgs_by_kind["company"] if c != self.my_company][:2]
        self.my_university = rng.choice(self.universities)
        self.my_school = rng.choice(self.schools)
        self.my_clubs = [
            pick["professional_association"](rng),
            pick["club"](rng),
            pick["elite_club"](rng),
            pick["alumni_network"](rng),
        ]
        self.my_online = pick["online_community"](rng)
        spec = self.specs[0]
        spec.company = self.my_company
        spec.title = "Geschäftsführerin" if spec.female else "Geschäftsführer"
        spec.affs = [
            _Aff(self.my_school, "education", "Abitur", PartialDate(1989), PartialDate(1998)),
            _Aff(
                self.my_university,
                "education",
                "M.Sc. Betriebswirtschaftslehre",
                PartialDate(1998, 10),
                PartialDate(2004, 3),
            ),
            _Aff(
                self.my_former[0],
                "job",
                "Junior Consultant",
                PartialDate(2004, 4),
                PartialDate(2008, 6),
            ),
            _Aff(
                self.my_former[1],
                "job",
                "Senior Consultant",
                PartialDate(2008, 7),
                PartialDate(2015),
            ),
            _Aff(self.my_company, "job", spec.title, PartialDate(2015, 1), None),
            _Aff(self.my_clubs[0], "membership", "Mitglied", PartialDate(2014), None),
            _Aff(self.my_clubs[0], "function", "Vorstandsmitglied", PartialDate(2019), None),
            _Aff(self.my_clubs[1], "membership", "Mitglied", PartialDate(2011), None),
            _Aff(self.my_clubs[2], "membership", "Mitglied", PartialDate(2020, 5), None),
            _Aff(self.my_clubs[3], "membership", "Mitglied", PartialDate(2004), None),
            _Aff(self.my_online, "membership", "Mitglied", PartialDate(2017), None),
        ]
        if self.me.affiliations.exists():
            spec.affs = []
        if not self.me.skills.exists():
            spec.skills = [
                self.skill_names.index(name)
                for name in ("Strategieberatung", "Networking", "Mentoring", "Change Management")
            ]

    def _career(self, index: int) -> None:
        rng = self.rng
        spec = self.specs[index]
        today = self.today.year
        born = spec.birth_year
        age = today - born
        if age < 16:
            return
        affs = spec.affs
        if rng.random() < 0.35:
            affs.append(
                _Aff(
                    rng.choice(self.schools),
                    "education",
                    rng.choice(d.SCHOOL_TITLES),
                    PartialDate(born + 10),
                    PartialDate(born + 19),
                )
            )
        career_start = born + rng.randint(18, 21)
        if rng.random() < 0.7 and age >= 20:
            enrolled = born + 19 + rng.randint(0, 2)
            end = enrolled + rng.randint(3, 6)
            university = (
                self.org_pick["school"](rng)
                if rng.random() < 0.3
                else rng.choice(self.universities)
            )
            current = end > today
            affs.append(
                _Aff(
                    university,
                    "education",
                    rng.choice(
                        d.EDUCATION_BY_INDUSTRY[spec.industry]
                        if rng.random() < 0.7
                        else d.EDUCATION_TITLES
                    ),
                    PartialDate(enrolled, 10) if rng.random() < 0.5 else PartialDate(enrolled),
                    None if current else PartialDate(end),
                )
            )
            doctor = self.people[index].academic_title.startswith(("Dr", "Prof"))
            if doctor and not current:
                affs.append(
                    _Aff(
                        university,
                        "education",
                        "Promotion",
                        PartialDate(end),
                        PartialDate(min(end + rng.randint(3, 5), today)),
                    )
                )
                end += 4
            career_start = end
        # Jobs one after another, each a few years long, until today (or retirement).
        retired = age > 66 and rng.random() < 0.7
        began = dt.date(career_start, rng.randint(1, 12), 1)
        previous = -1
        while began <= self.today:
            company = self._company_for(spec)
            if company == previous and rng.random() < 0.6:
                company = self._company_for(spec)  # a promotion, or a move
            previous = company
            title = (
                rng.choice(d.JOB_TITLES[spec.industry])
                if rng.random() < 0.65
                else rng.choice(d.GENERAL_TITLES)
            )
            title = _gendered(title, spec.female)
            ended = began + dt.timedelta(days=rng.randint(3 * 365, 15 * 365))
            start = _partial(rng, began, full=0.1, month=0.5)
            if ended >= self.today and not retired and rng.random() < 0.92:
                affs.append(_Aff(company, "job", title, start, None))
                spec.company = company
                spec.title = title
                break
            ended = min(ended, self.today)
            affs.append(_Aff(company, "job", title, start, _partial(rng, ended, 0.1, 0.5)))
            began = ended + dt.timedelta(days=rng.randint(1, 120))
        if rng.random() < 0.07:
            kind = rng.choice(
                ("professional_association", "club", "party", "elite_club", "alumni_network")
            )
            affs.append(
                _Aff(
                    self.org_pick[kind](rng),
                    "function",
                    _gendered(rng.choice(d.FUNCTION_TITLES), spec.female),
                    PartialDate(rng.randint(min(max(born + 25, today - 15), today), today)),
                    None if rng.random() < 0.8 else PartialDate(today - rng.randint(0, 2)),
                )
            )
        for _ in range(rng.choice((0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3))):
            org = self.org_pick[_MEMBERSHIP_KINDS(rng)](rng)
            since = rng.randint(min(born + 18, today), today)
            left = PartialDate(rng.randint(since, today)) if rng.random() < 0.15 else None
            affs.append(
                _Aff(org, "membership", rng.choice(d.MEMBERSHIP_TITLES), PartialDate(since), left)
            )
        # Skills: mostly from the person's industry.
        for _ in range(rng.choice((0, 0, 0, 1, 1, 1, 2, 2, 3, 4))):
            pool = (
                self.industry_skills[spec.industry] if rng.random() < 0.7 else self.general_skills
            )
            skill = rng.choice(pool)
            if skill not in spec.skills:
                spec.skills.append(skill)

    def _company_for(self, spec: _Spec) -> int:
        rng = self.rng
        pick = self.company_by_industry.get(spec.industry)
        if pick is not None and rng.random() < 0.7:
            return int(pick(rng))
        return int(self.org_pick["company"](rng))

    def _origin(self, index: int) -> None:
        """How *me* knows this person: the circle, the first meeting, the relationship."""
        rng = self.rng
        spec = self.specs[index]
        person = self.people[index]
        today = self.today
        origin = spec.origin
        org = -1
        event = -1
        met: dt.date | None = None
        if not spec.direct:
            roll = rng.random()
            if roll < 0.3 and self.direct:
                origin = "introduced"
            elif roll < 0.38:
                origin = "event"
            else:
                origin = ""
            spec.origin = origin
        if origin == "colleague":
            start = PartialDate(rng.randint(2008, today.year))
            spec.affs = [a for a in spec.affs if not (a.kind == "job" and a.end is None)]
            titles = d.JOB_TITLES["Unternehmensberatung"] + d.GENERAL_TITLES[:8]
            spec.title = _gendered(rng.choice(titles), spec.female)
            spec.affs.append(_Aff(self.my_company, "job", spec.title, start, None))
            spec.company = self.my_company
            org = self.my_company
            met = _year_date(rng, max(2015, start.year or 2015), today)
        elif origin == "former_colleague":
            org = rng.choice(self.my_former)
            start_year = 2003 + rng.randint(0, 8)
            spec.affs.append(
                _Aff(
                    org,
                    "job",
                    _gendered(rng.choice(d.JOB_TITLES["Unternehmensberatung"]), spec.female),
                    PartialDate(start_year),
                    PartialDate(start_year + rng.randint(2, 7)),
                )
            )
            met = _year_date(rng, max(start_year, 2004), today)
        elif origin in {"client", "business_partner"}:
            org = spec.company if spec.company >= 0 else -1
            met = _date_between(rng, dt.date(2012, 1, 1), today)
        elif origin == "school":
            org = self.my_school
            spec.affs.append(_Aff(org, "education", "Abitur", PartialDate(1989), PartialDate(1998)))
            met = dt.date(1989, 9, 1)
        elif origin == "university":
            org = self.my_university
            start_year = 1998 + rng.randint(-1, 2)
            spec.affs.append(
                _Aff(
                    org,
                    "education",
                    rng.choice(d.EDUCATION_TITLES),
                    PartialDate(start_year),
                    PartialDate(start_year + rng.randint(4, 6)),
                )
            )
            met = _year_date(rng, max(start_year, 1998), today)
        elif origin == "teacher":
            spec.affs = [a for a in spec.affs if not (a.kind == "job" and a.end is None)]
            spec.company = -1
            org = self.my_university
            person.academic_title = person.academic_title or "Prof. Dr."
            spec.affs.append(
                _Aff(
                    org,
                    "job",
                    "Professorin" if spec.female else "Professor",
                    PartialDate(1990),
                    None if rng.random() < 0.5 else PartialDate(2020),
                )
            )
            met = _year_date(rng, 2000, today)
        elif origin in {"trainer", "seminar"}:
            event = rng.choice(self.past_seminars)
        elif origin == "club":
            org = rng.choice(self.my_clubs)
            since = rng.randint(2005, today.year)
            spec.affs.append(
                _Aff(org, "membership", rng.choice(d.MEMBERSHIP_TITLES), PartialDate(since), None)
            )
            met = _year_date(rng, max(since, 2011), today)
        elif origin == "online":
            org = self.my_online
            since = rng.randint(2012, today.year)
            spec.affs.append(_Aff(org, "membership", "Mitglied", PartialDate(since), None))
            met = _year_date(rng, max(since, 2017), today)
        elif origin == "event":
            event = rng.choice(self.past_fairs)
        elif origin in {"friend", "neighbour"}:
            if origin == "neighbour" and self.specs[0].city is not None:
                spec.city, spec.foreign = self.specs[0].city, None
            met = _date_between(rng, dt.date(1995, 1, 1), today)
        elif origin == "introduced":
            met = _date_between(rng, dt.date(2010, 1, 1), today)
            if self.introducers:
                self.introducer[index] = rng.choice(self.introducers)
            else:
                spec.origin = origin = ""
                met = None
        if event >= 0 and self.events[event].starts > today:
            event = -1  # a tiny network may have no past event of *me*'s
        if event >= 0:
            met = self.events[event].starts
            self.met_at[index] = event
            person.met_at_event_id = self.event_pks[event]
        if org >= 0 and origin in {
            "colleague",
            "former_colleague",
            "school",
            "university",
            "club",
            "online",
            "teacher",
        }:
            person.met_at_organisation_id = self.org_pks[org]
        spec.met = met
        if met is not None and rng.random() < 0.8:
            person.met_on = _partial(rng, met, full=0.3 if event >= 0 else 0.1, month=0.4)
        if origin and rng.random() < 0.75:
            intro = self.introducer.get(index)
            person.how_we_met = rng.choice(d.HOW_WE_MET[origin]).format(
                org=self.orgs[org].name
                if org >= 0
                else (self.orgs[spec.company].name if spec.company >= 0 else "der Firma"),
                event=self.events[event].name if event >= 0 else "einer Messe",
                city=(
                    spec.city.name
                    if spec.city
                    else self.specs[0].city.name
                    if self.specs[0].city
                    else "Köln"
                ),
                intro=self.people[intro].short_name if intro is not None else "einen Freund",
            )

    def _finish_persons(self) -> None:
        """Form of address, salutation, tier, notes; then the rows themselves."""
        rng = self.rng
        for index in range(1, len(self.people)):
            person, spec = self.people[index], self.specs[index]
            direct, origin = spec.direct, spec.origin
            if origin == "family" and direct:
                tier = 1
            elif direct:
                tier = 1 if rng.random() < 0.05 else 2 if rng.random() < 0.2 else 3
            else:
                tier = 3 if rng.random() < 0.4 else 4
            spec.tier = tier
            person.importance = tier
            close = origin in {"family", "friend", "school", "university", "club", "neighbour"}
            if origin == "family" and not direct:
                address = ""
            elif close or (origin == "colleague" and rng.random() < 0.6):
                address = "du" if rng.random() < 0.95 else ""
            else:
                roll = rng.random()
                address = "sie" if roll < 0.65 else "du" if roll < 0.85 else ""
            person.form_of_address = address
            if address and rng.random() < 0.6:
                person.salutation = _salutation(person, spec, address, rng)
            if rng.random() < 0.12 and spec.role != "child":
                notes = d.PERSON_NOTES_EN if spec.locale.startswith("en") else d.PERSON_NOTES_DE
                person.notes = rng.choice(notes)
            person.archived = rng.random() < 0.015 and not direct
            person.refresh_derived_names()
        people = self.people
        total = len(people) - 1
        net = self.network_id
        self.report("persons", 0, total)
        self.pks = [self.me.pk]
        for start in range(1, len(people), BATCH):
            rows = [
                (
                    net,
                    p.given_name,
                    p.family_name,
                    p.name_particle,
                    p.academic_title,
                    p.nickname,
                    p.form_of_address,
                    p.salutation,
                    p.notes,
                    p.importance,
                    p.archived,
                    _iso(p.met_on),
                    p.met_at_event_id,
                    p.met_at_organisation_id,
                    p.how_we_met,
                    p.sort_name,
                    p.folded_name,
                )
                for p in people[start : start + BATCH]
            ]
            self.pks.extend(self._write_returning(Person, _PERSON_FIELDS, rows))
            self.report("persons", min(start + BATCH - 1, total), total)
        # Who introduced whom refers to persons that had no key before the insert.
        connection = connections[router.db_for_write(Person)]
        quote = connection.ops.quote_name
        column = quote(Person._meta.get_field("introduced_by").column)
        key = quote(Person._meta.pk.column)
        sql = f"UPDATE {quote(Person._meta.db_table)} SET {column} = %s WHERE {key} = %s"
        pairs = [(self.pks[by], self.pks[person]) for person, by in self.introducer.items()]
        if pairs:
            with connection.cursor() as cursor:
                cursor.executemany(sql, pairs)
        self._count("persons", total)
        # The full objects are no longer needed; keep what later stages read.
        self.names = [(p.given_name, p.short_name, p.family_name) for p in people]
        self.people = []

    # -------------------------------------------------------------- affiliations

    def _affiliations(self) -> None:
        rows: list[tuple[Any, ...]] = []
        net, orgs = self.network_id, self.org_pks
        total = len(self.specs)
        fields = ("network", "person", "organisation", "kind", "title", "start", "end", "note")
        self.report("affiliations", 0, total)
        for index, spec in enumerate(self.specs):
            pk = self.pks[index]
            for aff in spec.affs:
                start, end = _iso(aff.start), _iso(aff.end)
                rows.append((net, pk, orgs[aff.org], aff.kind, aff.title, start, end, ""))
            if len(rows) >= 10 * BATCH or index == total - 1:
                self._write(Affiliation, fields, rows, "affiliations")
                self.report("affiliations", index + 1, total)

    # -------------------------------------------------------------- contact points

    def _contact_points(self) -> None:
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        net = self.network_id
        for index, spec in enumerate(self.specs):
            # *me*'s own addresses are the user's to enter; children have none.
            if spec.role == "child" or index == 0:
                continue
            pk = self.pks[index]
            given, _, family = self.names[index]
            first, last = ascii_slug(given, "."), ascii_slug(family, "")
            points: list[tuple[str, str, str, tuple[str, str, str, str] | None]] = []
            if spec.company >= 0 and rng.random() < 0.85:
                domain = self.orgs[spec.company].domain
                local = rng.choice((f"{first}.{last}", f"{first[:1]}.{last}", f"{first[:1]}{last}"))
                points.append(("email", f"{local}@{domain}", "work", None))
            if rng.random() < (0.5 if spec.company >= 0 else 0.85):
                suffix = str(spec.birth_year % 100) if rng.random() < 0.4 else ""
                points.append(
                    ("email", f"{first}.{last}{suffix}@{rng.choice(d.FREEMAIL)}", "home", None)
                )
            if rng.random() < 0.8:
                points.append(("phone", self._mobile(spec), "mobile", None))
            if spec.company >= 0 and rng.random() < 0.35:
                points.append(("phone", self._landline(spec), "work", None))
            if rng.random() < 0.45:
                value, lines = self._address(spec)
                points.append(("address", value, "home", lines))
            if rng.random() < 0.4:
                slug = f"{ascii_slug(given)}-{last}-{rng.randrange(16**6):06x}"
                points.append(("linkedin", f"https://www.linkedin.com/in/{slug}", "", None))
            if spec.locale == "de_DE" and rng.random() < 0.3:
                slug = f"{ascii_slug(given, '_').title()}_{last.title()}"
                points.append(("xing", f"https://www.xing.com/profile/{slug}", "", None))
            if rng.random() < 0.06:
                points.append(
                    ("website", f"https://www.{ascii_slug(given)}-{last}.example", "", None)
                )
            if rng.random() < 0.1:
                handle = f"@{first}{last[:1]}{rng.randint(1, 99)}"
                points.append(("messenger", handle, rng.choice(d.MESSENGERS), None))
            seen: set[str] = set()
            for kind, value, label, parts in points:
                street, postcode, locality, country = parts or ("", "", "", "")
                preferred = kind not in seen
                seen.add(kind)
                rows.append(
                    (
                        net,
                        pk,
                        kind,
                        label,
                        value,
                        preferred,
                        street,
                        postcode,
                        locality,
                        "",
                        country,
                    )
                )
            if len(rows) >= BATCH * 10 or index == len(self.specs) - 1:
                self._write(ContactPoint, _CONTACT_FIELDS, rows, "contact_points")
                self.report("contact points", index + 1, len(self.specs))
        self._write(ContactPoint, _CONTACT_FIELDS, rows, "contact_points")

    def _mobile(self, spec: _Spec) -> str:
        rng = self.rng
        if spec.foreign is not None:
            country = spec.foreign[2]
            if country == "US":
                area = rng.choice(("212", "646", "415", "617", "312"))
                return f"+1{area}{rng.randint(2, 9)}{_digits(rng, 2)}{_digits(rng, 4)}"
            code, prefixes, length = _MOBILE_ABROAD[country]
            return f"+{code}{rng.choice(prefixes)}{_digits(rng, length)}"
        return f"+49{rng.choice(_MOBILE_DE)}{_digits(rng, 8)}"

    def _landline(self, spec: _Spec) -> str:
        rng = self.rng
        city = spec.city or self.cities(rng)
        area = city.area_code
        return f"+49{area}{rng.randint(2, 9)}{_digits(rng, 9 - len(area))}"

    def _address(self, spec: _Spec) -> tuple[str, tuple[str, str, str, str]]:
        rng = self.rng
        if spec.foreign is not None:
            faker = self.fakers[spec.locale]
            city, country, _ = spec.foreign
            street = f"{faker.street_name()} {rng.randint(1, 120)}"
            postcode = faker.postcode()
        else:
            faker = self.fakers["de_DE"]
            place = spec.city or self.cities(rng)
            city, country = place.name, place.country
            number = f"{rng.randint(1, 140)}{rng.choice(('', '', '', '', 'a', 'b'))}"
            street = f"{faker.street_name()} {number}"
            postcode = str(rng.randint(*place.postcodes)).zfill(5)
        return f"{street}, {postcode} {city}, {country}", (street, postcode, city, country)

    # -------------------------------------------------------------- the graph

    def _relationships(self) -> None:
        rng = self.rng
        specs = self.specs
        count = len(specs)
        org_members: dict[int, list[tuple[int, _Aff]]] = {}
        endpoints: list[int] = []
        seen: set[int] = set()
        rows: list[tuple[Any, ...]] = []
        net, pks = self.network_id, self.pks
        since_floor = dt.date(1990, 1, 1)

        def link(
            a: int,
            b: int,
            kind: str,
            *,
            since: dt.date | None = None,
            close: bool = False,
            dated: bool = True,
        ) -> bool:
            if a == b:
                return False
            key = a * count + b if a < b else b * count + a
            if key in seen:
                return False
            seen.add(key)
            if a != 0 and b != 0:
                older_second = specs[a].birth_year > specs[b].birth_year
                if (kind in _AGE_ORDERED and older_second) or (
                    kind == "client" and rng.random() < 0.5
                ):
                    a, b = b, a
            low, high = _TRUST.get(kind, (1, 3))
            if close:
                low, high = min(low + 1, 5), min(high + 1, 5)
            trust = rng.randint(low, high) if rng.random() < 0.75 else None
            if since is None and dated and rng.random() < 0.8:
                youngest = max(specs[a].birth_year, specs[b].birth_year)
                start = max(since_floor, dt.date(min(youngest + 18, self.today.year), 1, 1))
                since = _date_between(rng, start, self.today)
            when = _iso(_partial(rng, since, full=0.2, month=0.3)) if since else None
            note = rng.choice(d.RELATIONSHIP_NOTES) if rng.random() < 0.03 else ""
            rows.append((net, pks[a], pks[b], kind, trust, when, note))
            if a != 0 and b != 0:
                endpoints.append(a)
                endpoints.append(b)
            if len(rows) >= BATCH * 5:
                self._flush_relationships(rows, index, count)
            return True

        index = 0
        for a, b, kind in self.family_edges:
            if kind == "spouse":
                since = self.weddings.get(a) if rng.random() < 0.5 else None
                link(a, b, kind, since=since, close=True, dated=False)
            else:
                link(a, b, kind, since=None, close=True, dated=False)
        me_kind = {
            "colleague": "colleague",
            "former_colleague": "former_colleague",
            "client": "client",
            "business_partner": "business_partner",
            "school": "classmate",
            "university": "fellow_student",
            "teacher": "teacher",
            "trainer": "trainer",
            "seminar": "seminar_acquaintance",
            "club": "club_member",
            "online": "acquaintance",
            "event": "acquaintance",
            "friend": "friend",
            "neighbour": "neighbour",
        }
        for index in range(1, count):
            spec = specs[index]
            if spec.direct and spec.origin != "family":
                kind = me_kind[spec.origin]
                met = spec.met
                if kind == "colleague":
                    roll = rng.random()
                    kind = "boss" if roll < 0.35 else "colleague"
                    if roll < 0.1:
                        link(index, 0, "boss", since=met, close=True)  # one of my bosses
                        kind = ""
                    elif kind == "boss":
                        link(0, index, "boss", since=met, close=True)  # one of my reports
                        kind = ""
                if kind in {"teacher", "trainer", "client"}:
                    link(index, 0, kind, since=met, close=True)
                elif spec.origin == "event" and rng.random() < 0.3:
                    link(0, index, "business_partner", since=met)
                elif kind:
                    link(0, index, kind, since=met, close=True)
            if spec.role == "child":
                continue
            edges = 0
            if spec.role == "core":
                edges = 1 + min(int(rng.expovariate(0.6)), 12)
            elif rng.random() < 0.3:
                edges = 1
            for _ in range(edges):
                roll = rng.random()
                target, kind = -1, ""
                if roll < 0.2 and spec.affs:
                    current = [a for a in spec.affs if a.end is None]
                    aff = rng.choice(current if current and rng.random() < 0.7 else spec.affs)
                    members = org_members.get(aff.org)
                    if members:
                        target, other = members[rng.randrange(len(members))]
                        kind = self._context_kind(spec, aff, specs[target], other)
                if target < 0:
                    if roll < 0.23 or not endpoints:
                        target = rng.randrange(1, index) if index > 1 else -1
                    else:
                        target = endpoints[rng.randrange(len(endpoints))]
                    kind = _RANDOM_KINDS(rng)
                if target > 0:
                    link(index, target, kind)
            for aff in spec.affs:
                org_members.setdefault(aff.org, []).append((index, aff))
            # Some people are simply more sought after (a journalist, an association chair):
            # an attractiveness of its own, on top of the degree, with a heavy tail.
            reach = min(int(rng.paretovariate(1.05)), 300)
            if spec.title in _MULTIPLIER_TITLES or any(a.kind == "function" for a in spec.affs):
                reach *= 3
            endpoints.extend([index] * reach)
        index = count
        self._flush_relationships(rows, count, count)

    def _flush_relationships(self, rows: list[tuple[Any, ...]], done: int, total: int) -> None:
        fields = ("network", "from_person", "to_person", "kind", "trust", "since", "note")
        self._write(Relationship, fields, rows, "relationships")
        self.report("relationships", done, total)

    def _context_kind(self, spec: _Spec, aff: _Aff, other_spec: _Spec, other: _Aff) -> str:
        rng = self.rng
        org_kind = self.orgs[aff.org].kind
        if aff.kind == "job" and other.kind == "job":
            if aff.end is None and other.end is None:
                return "boss" if rng.random() < 0.2 else "colleague"
            return "former_colleague"
        if aff.kind == "education" and other.kind == "education":
            gap = abs(spec.birth_year - other_spec.birth_year)
            if gap <= 2:
                return (
                    "fellow_student"
                    if org_kind == "school" and aff.org in self.universities
                    else "classmate"
                )
            return "teacher" if gap > 15 else "acquaintance"
        if aff.kind == "education" or other.kind == "education":
            return (
                "teacher" if abs(spec.birth_year - other_spec.birth_year) > 15 else "acquaintance"
            )
        if org_kind in {"club", "elite_club", "party", "other"}:
            return "club_member"
        if org_kind == "alumni_network":
            return "fellow_student" if rng.random() < 0.5 else "acquaintance"
        if org_kind == "professional_association":
            return "business_partner" if rng.random() < 0.4 else "acquaintance"
        if org_kind == "company":
            return "client" if rng.random() < 0.3 else "business_partner"
        return "acquaintance"

    # -------------------------------------------------------------- circles, tags, skills

    def _groupings(self) -> None:
        rng = self.rng
        through_c = Person.circles.through
        through_t = Person.tags.through
        through_s = Person.skills.through
        circle_rows: list[tuple[Any, ...]] = []
        tag_rows: list[tuple[Any, ...]] = []
        skill_rows: list[tuple[Any, ...]] = []
        circles = self.circle_pk
        total = len(self.specs)
        self.report("circles, tags and skills", 0, total)
        for index, spec in enumerate(self.specs):
            pk = self.pks[index]
            chosen: set[int] = set()
            code = _ORIGIN_CIRCLE.get(spec.origin)
            if spec.direct and code and (spec.origin != "family" or index != 0):
                chosen.add(circles[code])
                if (
                    spec.origin in {"colleague", "former_colleague", "business_partner"}
                    and rng.random() < 0.1
                ):
                    chosen.add(circles["friends"])
            elif not spec.direct and index and spec.role != "child" and rng.random() < 0.25:
                if any(a.kind in {"membership", "function"} for a in spec.affs):
                    chosen.add(circles["associations_clubs"])
                else:
                    chosen.add(
                        circles[
                            rng.choice(
                                ("clients", "business_partners", "online", "seminar_acquaintances")
                            )
                        ]
                    )
            if index and rng.random() < 0.04:
                chosen.add(rng.choice(self.custom_circle_pks))
            if (
                spec.origin == "colleague"
                and spec.direct
                and any(
                    a.kind == "job" and a.end is None and a.org == self.my_company
                    for a in spec.affs
                )
                and rng.random() < 0.1
            ):
                chosen.add(circles["bosses"])
            for circle in chosen:
                circle_rows.append((pk, circle))
            if index and spec.role != "child" and rng.random() < 0.35:
                tags = {self.tag_pks[self.tag_pick(rng)] for _ in range(rng.choice((1, 1, 2, 3)))}
                tag_rows.extend((pk, tag) for tag in tags)
            for skill in spec.skills:
                skill_rows.append((pk, self.skill_pks[skill]))
            if (
                len(circle_rows) + len(tag_rows) + len(skill_rows) > BATCH * 10
                or index == total - 1
            ):
                self._write(through_c, ("person", "circle"), circle_rows, "circle_memberships")
                self._write(through_t, ("person", "tag"), tag_rows, "tag_assignments")
                self._write(through_s, ("person", "skill"), skill_rows, "skill_assignments")
                self.report("circles, tags and skills", index + 1, total)

    # -------------------------------------------------------------- important dates

    def _important_dates(self) -> None:
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        net, today = self.network_id, self.today
        me_has_birthday = ImportantDate.objects.filter(
            person_id=self.pks[0], kind="birthday"
        ).exists()
        children: dict[int, list[int]] = {}
        for a, b, kind in self.family_edges:
            if kind == "parent":
                children.setdefault(a, []).append(b)
        birthdays: dict[int, dt.date] = {}
        for index, spec in enumerate(self.specs):
            pk = self.pks[index]
            if spec.role == "child" or (spec.origin == "family" and spec.direct):
                share = 0.95
            elif spec.direct:
                share = 0.75
            else:
                share = 0.5 if spec.role == "core" else 0.85
            birthday = _date_between(
                rng, dt.date(spec.birth_year, 1, 1), dt.date(spec.birth_year, 12, 31)
            )
            birthdays[index] = birthday
            if (index == 0 and not me_has_birthday) or (index and rng.random() < share):
                if index == 0 or rng.random() < 0.7:
                    when = PartialDate(birthday.year, birthday.month, birthday.day)
                else:
                    when = PartialDate(None, birthday.month, birthday.day)
                rows.append((net, pk, "birthday", _iso(when), "", ""))
            if index == 0:
                continue
            # Life events.
            current = next((a for a in spec.affs if a.kind == "job" and a.end is None), None)
            if (
                current is not None
                and current.start is not None
                and (current.start.year or 0) >= today.year - 3
                and rng.random() < 0.6
            ):
                label = rng.choice(d.LIFE_EVENT_LABELS["new_job"]).format(
                    org=self.orgs[current.org].name
                )
                rows.append((net, pk, "new_job", _iso(current.start), label, ""))
            wedding = self.weddings.get(index)
            if wedding is not None and rng.random() < 0.5:
                rows.append(
                    (
                        net,
                        pk,
                        "wedding",
                        _iso(_partial(rng, wedding, full=0.6, month=0.2)),
                        "Hochzeit",
                        "",
                    )
                )
                if rng.random() < 0.3:
                    rows.append(
                        (
                            net,
                            pk,
                            "anniversary",
                            _iso(PartialDate(None, wedding.month, wedding.day)),
                            "Hochzeitstag",
                            "",
                        )
                    )
            for child in children.get(index, [])[:3]:
                born = birthdays.get(child) or _year_date(rng, self.specs[child].birth_year, today)
                if born.year >= 2000 and rng.random() < 0.5:
                    label = rng.choice(d.LIFE_EVENT_LABELS["child"]).format(
                        child=self.names[child][0]
                    )
                    rows.append(
                        (
                            net,
                            pk,
                            "child",
                            _iso(PartialDate(born.year, born.month, born.day)),
                            label,
                            "",
                        )
                    )
            roll = rng.random()
            if roll < 0.1 and spec.role != "child":
                kind = _LIFE_EVENTS(rng)
                happened = _date_between(rng, today - dt.timedelta(days=5 * 365), today)
                org = self.orgs[spec.company].name if spec.company >= 0 else "der Firma"
                city = spec.city.name if spec.city else "Berlin"
                label = rng.choice(d.LIFE_EVENT_LABELS[kind]).format(org=org, city=city)
                rows.append(
                    (net, pk, kind, _iso(_partial(rng, happened, full=0.6, month=0.3)), label, "")
                )
            if len(rows) >= BATCH * 5 or index == len(self.specs) - 1:
                fields = ("network", "person", "kind", "date", "label", "note")
                self._write(ImportantDate, fields, rows, "important_dates")
                self.report("important dates", index + 1, len(self.specs))

    # -------------------------------------------------------------- attendance

    def _person_picker(self) -> Callable[[], int]:
        """A person, drawn 55 % from *me*'s direct contacts by tier and 45 % from everyone."""
        rng = self.rng
        weights = {1: 8.0, 2: 4.0, 3: 1.0, 4: 0.3}
        direct = [i for i in self.direct if self.specs[i].role != "child"]
        direct_pick = (
            _Pick(direct, [weights[self.specs[i].tier] for i in direct]) if direct else None
        )
        adults = [i for i in range(1, len(self.specs)) if self.specs[i].role != "child"] or list(
            range(1, len(self.specs))
        )

        def pick() -> int:
            if direct_pick is not None and rng.random() < 0.55:
                return int(direct_pick(rng))
            return adults[rng.randrange(len(adults))]

        return pick

    def _attendance(self) -> None:
        rng = self.rng
        pick = self._person_picker()
        members: dict[int, list[int]] = {}
        for index, spec in enumerate(self.specs):
            for aff in spec.affs:
                if aff.kind in {"membership", "function"}:
                    members.setdefault(aff.org, []).append(index)
        forced: dict[int, list[int]] = {}
        for person, where in self.met_at.items():
            forced.setdefault(where, []).append(person)
        average = 0.9 * self.size / max(1, len(self.events))
        rows: list[tuple[Any, ...]] = []
        net = self.network_id
        self.attendees: dict[int, list[int]] = {}
        total = len(self.events)
        for number, event in enumerate(self.events):
            past = event.starts <= self.today
            crowd = max(1, int(average * _EVENT_CROWD[event.kind] * rng.uniform(0.3, 1.7)))
            chosen: dict[int, str] = {}
            if event.me_attends:
                chosen[0] = "met" if past else "expected"
            for person in forced.get(number, []):
                chosen[person] = "met"
            pool = members.get(event.organiser, [])
            for _ in range(crowd):
                person = pool[rng.randrange(len(pool))] if pool and rng.random() < 0.6 else pick()
                if person in chosen:
                    continue
                met = past and event.me_attends and rng.random() < 0.65
                chosen[person] = "met" if met else "expected"
            self.attendees[number] = [p for p, status in chosen.items() if p and status == "met"]
            for person, status in chosen.items():
                note = "Stand besucht" if status == "met" and rng.random() < 0.03 else ""
                rows.append((net, self.event_pks[number], self.pks[person], status, note))
            if len(rows) >= BATCH * 5 or number == total - 1:
                fields = ("network", "event", "person", "status", "note")
                self._write(Attendance, fields, rows, "attendances")
                self.report("attendance", number + 1, total)

    # -------------------------------------------------------------- projects

    def _projects(self) -> None:
        rng = self.rng
        pick = self._person_picker()
        count = max(6, self.size // 100)
        employees: dict[int, list[int]] = {}
        for index, spec in enumerate(self.specs):
            if spec.company >= 0:
                employees.setdefault(spec.company, []).append(index)
        companies = self.org_pick["company"]
        taken = set(
            Project.objects.filter(network_id=self.network_id).values_list("folded_name", flat=True)
        )
        projects: list[Project] = []
        members: list[list[tuple[int, str]]] = []
        for number in range(count):
            org = (
                companies(rng)
                if rng.random() < 0.8
                else self.org_pick[rng.choice(("professional_association", "club"))](rng)
            )
            topic = rng.choice(self.skill_names)
            name = rng.choice(d.PROJECT_PATTERNS).format(
                org=_strip_legal_form(self.orgs[org].name),
                country=rng.choice(d.COUNTRIES_DE).removeprefix("die "),
                topic=topic,
                fair=rng.choice(d.FAIRS)[0],
                city=self.cities(rng).name,
            )
            if fold(name) in taken:
                name = f"{name} ({number + 1})"
            taken.add(fold(name))
            status = _PROJECT_STATUS(rng)
            start = _date_between(
                rng, self.today - dt.timedelta(days=6 * 365), self.today + dt.timedelta(days=120)
            )
            if status == "planned":
                start = max(start, self.today + dt.timedelta(days=rng.randint(10, 200)))
            elif start > self.today:
                start = self.today - dt.timedelta(days=rng.randint(30, 900))
            end = None
            if status in {"completed", "cancelled"}:
                end = min(start + dt.timedelta(days=rng.randint(30, 700)), self.today)
            elif rng.random() < 0.4:
                end = start + dt.timedelta(days=rng.randint(90, 700))
            description = ""
            if rng.random() < 0.5:
                description = rng.choice(d.PROJECT_DESCRIPTIONS).format(
                    org=self.orgs[org].name, topic=topic, budget=rng.randint(5, 400)
                )
            projects.append(
                Project(
                    network_id=self.network_id,
                    name=name,
                    status=status,
                    starts_on=_iso(_partial(rng, start, full=0.3, month=0.6)),
                    ends_on=_iso(_partial(rng, end, full=0.3, month=0.6)) if end else None,
                    organisation_id=self.org_pks[org],
                    description=description,
                    folded_name=fold(name),
                )
            )
            team: dict[int, str] = {}
            if rng.random() < 0.55:
                team[0] = rng.choice(
                    (
                        "Projektleitung",
                        "Beraterin" if self.specs[0].female else "Berater",
                        "Sponsor",
                        "Teammitglied",
                    )
                )
            staff = employees.get(org, [])
            for _ in range(rng.randint(3, 12)):
                person = (
                    staff[rng.randrange(len(staff))] if staff and rng.random() < 0.4 else pick()
                )
                team.setdefault(person, rng.choice(d.PROJECT_ROLES))
            members.append(list(team.items()))
        self._insert(Project, projects, "projects")
        self._count("projects", len(projects))
        roles: list[tuple[Any, ...]] = [
            (self.network_id, project.pk, self.pks[person], role)
            for project, team in zip(projects, members, strict=True)
            for person, role in team
        ]
        fields = ("network", "project", "person", "role")
        self._write(ProjectRole, fields, roles, "project_roles")

    # -------------------------------------------------------------- minutes and promises

    def _interactions(self) -> None:
        rng = self.rng
        pick = self._person_picker()
        total = int(self.size * 1.2) + 5
        today = self.today
        span = 8 * 365
        net = self.network_id
        author = self.member.pk
        me = 0
        batch: list[
            tuple[
                tuple[Any, ...],
                list[int],
                list[tuple[int, int, str, dt.date | None, dt.date | None]],
            ]
        ] = []
        self.report("interactions", 0, total)
        for number in range(total):
            kind = _INTERACTION_KINDS(rng)
            event = -1
            if kind == "event_conversation" and self.past_mine:
                event = rng.choice(self.past_mine)
                when = self.events[event].starts
                attendees = self.attendees.get(event) or []
                first = attendees[rng.randrange(len(attendees))] if attendees else pick()
            else:
                when = today - dt.timedelta(days=int(span * rng.random() ** 1.7))
                first = pick()
            people = [first]
            for _ in range(rng.choice((0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3))):
                extra = pick()
                if extra not in people:
                    people.append(extra)
            spec = self.specs[first]
            english = (
                spec.locale.startswith("en")
                or (spec.locale != "de_DE" and rng.random() < 0.5)
                or rng.random() < 0.1
            )
            fill = self._fill(first, event, english)
            video = kind == "meeting" and rng.random() < 0.2
            style = (
                "video"
                if video
                else kind
                if event >= 0 or kind != "event_conversation"
                else "meeting"
            )
            summary = rng.choice(d.SUMMARIES[style]["en" if english else "de"]).format(**fill)
            summary = summary[0].upper() + summary[1:]
            minutes: int | None = None
            place = ""
            if video:
                minutes = rng.choice((15, 30, 30, 45, 60))
                place = rng.choice(d.VIDEO_PLACES)
            elif kind == "meeting":
                minutes = rng.choice((30, 45, 60, 60, 90, 120, 150))
                place = rng.choice(d.MEETING_PLACES)
                if spec.city is not None:
                    place = f"{place}, {spec.city.name}"
            elif kind == "call":
                minutes = rng.choice((5, 10, 15, 20, 30, 45, 60))
            elif kind == "event_conversation":
                minutes = rng.choice((5, 10, 15, 20, 30))
                place = self.events[event].place if event >= 0 else ""
            elif kind in {"email", "message"} and rng.random() < 0.2:
                minutes = rng.choice((5, 10, 15))
            where = self.event_pks[event] if event >= 0 else None
            private = rng.random() < 0.04
            interaction = (net, when, kind, summary, minutes, place, where, author, private)
            promises = []
            for _ in range(1 if rng.random() < 0.22 else 0):
                mine = rng.random() < 0.55
                debtor, creditor = (me, first) if mine else (first, me)
                templates = (
                    (d.PROMISES_ME_EN if mine else d.PROMISES_THEM_EN)
                    if english
                    else (d.PROMISES_ME_DE if mine else d.PROMISES_THEM_DE)
                )
                text = rng.choice(templates).format(**fill)
                due = when + dt.timedelta(days=rng.randint(2, 30)) if rng.random() < 0.75 else None
                done = None
                reference = due or when
                overdue_for = (today - reference).days
                # Most promises get kept, the older the likelier; a few stay overdue.
                if overdue_for > 365:
                    chance = 0.94
                elif overdue_for > 14:
                    chance = 0.8
                else:
                    chance = 0.4 if overdue_for >= 0 else 0.15
                if rng.random() < chance:
                    done = min(today, max(when, reference + dt.timedelta(days=rng.randint(-5, 10))))
                promises.append((debtor, creditor, text, due, done))
            batch.append((interaction, people, promises))
            if len(batch) >= BATCH or number == total - 1:
                self._flush_interactions(batch)
                self.report("interactions", number + 1, total)

    def _flush_interactions(
        self,
        batch: list[
            tuple[
                tuple[Any, ...],
                list[int],
                list[tuple[int, int, str, dt.date | None, dt.date | None]],
            ]
        ],
    ) -> None:
        net, pks = self.network_id, self.pks
        keys = self._write_returning(Interaction, _INTERACTION_FIELDS, [item[0] for item in batch])
        # The conversations with direct contacts of the last years, for the favours noted
        # in them (``give_and_take``).
        recent = self.today - dt.timedelta(days=SPAN_DAYS)
        for key, (interaction, people, _) in zip(keys, batch, strict=True):
            if interaction[1] >= recent:
                for person in people:
                    if self.specs[person].direct:
                        self.talks[person].append((interaction[1], key))
        participations: list[tuple[Any, ...]] = [
            (net, key, pks[person])
            for key, (_, people, _) in zip(keys, batch, strict=True)
            for person in people
        ]
        self._write(
            Participation, ("network", "interaction", "person"), participations, "participations"
        )
        promises: list[tuple[Any, ...]] = [
            (net, pks[debtor], pks[creditor], text, due, done, key)
            for key, (_, _, items) in zip(keys, batch, strict=True)
            for debtor, creditor, text, due, done in items
        ]
        fields = ("network", "debtor", "creditor", "text", "due_on", "done_on", "interaction")
        self._write(Promise, fields, promises, "promises")
        self._count("interactions", len(batch))
        batch.clear()

    # -------------------------------------------------------------- import traces

    def _import_traces(self) -> None:
        """What a network that came in through imports and a mailbox keeps besides its
        persons: the runs and the records they took in, what files said that has no place
        of its own, pairs of namesakes to review, earlier merges, and the messages and
        unknown addresses a mailbox import has read."""
        from knoten.dedupe.models import DuplicatePair, Merge
        from knoten.imports.models import ImportedProperty, ImportOrigin, ImportRun
        from knoten.journal.models import Interaction
        from knoten.mailbox.models import SeenAddress, SeenMessage

        rng = random.Random(f"knoten-demo-imports-{self.seed}")
        connection = connections[router.db_for_write(Person)]
        # The persons of this run (keys are given in order; *me* came before them).
        mine = [pk for pk in self.pks if pk != self.me.pk]
        people = list(
            Person.objects.filter(network_id=self.network_id, pk__gte=min(mine, default=0))
            .exclude(pk=self.me.pk)
            .order_by("pk")
            .values_list("pk", "given_name", "family_name")
        )
        net, total = self.network_id, len(people)
        self.report("import traces", 0, total)
        imported = [pk for pk, _, _ in people if rng.random() < 0.4]
        runs = [
            (net, self.member.pk, "Kontakte.vcf", "vcard", len(imported) // 2, 0, 0, 0, 0),
            (
                net,
                self.member.pk,
                "Connections.csv",
                "linkedin",
                len(imported) - len(imported) // 2,
                0,
                0,
                0,
                0,
            ),
        ]
        self._write(
            ImportRun,
            [
                "network_id",
                "member_id",
                "source",
                "format",
                "created",
                "merged",
                "unchanged",
                "skipped",
                "to_review",
            ],
            runs,
            "import runs",
        )
        origins = [
            (net, pk, hashlib.sha256(f"demo-{self.seed}-{pk}".encode()).hexdigest())
            for pk in imported
        ]
        self._write(ImportOrigin, ["network_id", "person_id", "key"], origins, "import origins")
        kept: list[tuple[Any, ...]] = []
        for pk, given, family in people:
            if rng.random() < 0.06:
                slug = ascii_slug(f"{given}{family}", "")[:30] or "kontakt"
                name, value, source = rng.choice(
                    [
                        (
                            "X-SOCIALPROFILE (twitter)",
                            f"https://twitter.com/{slug}",
                            "Kontakte.vcf",
                        ),
                        ("X-ABLabel", "Büro Süd", "Kontakte.vcf"),
                        ("name suffix", rng.choice(["MBA", "LL.M.", "M.Sc."]), "Connections.csv"),
                        (
                            "department",
                            rng.choice(["Vertrieb", "Einkauf", "Personal"]),
                            "Kontakte.vcf",
                        ),
                    ]
                )
                kept.append((net, pk, source, name, value))
        self._write(
            ImportedProperty,
            ["network_id", "person_id", "source", "name", "value"],
            kept,
            "imported properties",
        )
        # Namesakes with the same first letter: the pairs an import was not sure of.
        by_family: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for pk, given, family in people:
            by_family[family].append((pk, given))
        reasons = DuplicatePair._meta.get_field("reasons")
        pairs: list[tuple[Any, ...]] = []
        for family, group in by_family.items():
            if len(pairs) >= max(1, total // 500):
                break
            for (a, given_a), (b, given_b) in itertools.combinations(group, 2):
                if given_a[:1] == given_b[:1] and family:
                    why = [
                        f"same family name {family}",
                        f"given names alike: {given_a} ≈ {given_b}",
                    ]
                    pairs.append(
                        (
                            net,
                            min(a, b),
                            max(a, b),
                            0.82,
                            reasons.get_db_prep_save(why, connection),
                            "open",
                        )
                    )
                    break
        self._write(
            DuplicatePair,
            ["network_id", "person_a_id", "person_b_id", "score", "reasons", "status"],
            pairs,
            "duplicate pairs",
        )
        moved = Merge._meta.get_field("moved")
        last = people[-1][0] if people else 0
        merges = []
        for number in range(max(1, total // 1000)):
            pk, given, family = rng.choice(people)
            merges.append(
                (
                    net,
                    pk,
                    last + number + 1,
                    f"{given[:1]}. {family}",
                    moved.get_db_prep_save(
                        {"contact points": rng.randint(1, 2), "conversations": rng.randint(0, 3)},
                        connection,
                    ),
                    self.member.pk,
                )
            )
        self._write(
            Merge,
            ["network_id", "kept_id", "merged_id", "merged_name", "moved", "by_id"],
            merges,
            "merges",
        )
        emails = (
            Interaction.objects.filter(network_id=net, kind="email")
            .exclude(pk__in=SeenMessage.objects.filter(network_id=net).values("interaction_id"))
            .values_list("pk", flat=True)
        )
        seen = [
            (
                net,
                "mail",
                hashlib.sha256(f"demo-mail-{self.seed}-{pk}".encode()).hexdigest(),
                pk,
                True,
            )
            for pk in emails.iterator()
        ]
        self._write(
            SeenMessage,
            ["network_id", "source", "key", "interaction_id", "made_interaction"],
            seen,
            "messages read",
        )
        faker = self.fakers[d.LOCALES[0][0]]
        names = SeenAddress._meta.get_field("names")
        addresses = []
        for number in range(max(3, total // 200)):
            name = faker.name()
            first = self.today - dt.timedelta(days=rng.randint(60, 900))
            addresses.append(
                (
                    net,
                    f"{ascii_slug(name, '.')}.{number}@{rng.choice(MAIL_HOSTS)}",
                    names.get_db_prep_save([name], connection),
                    rng.randint(3, 40),
                    first,
                    first + dt.timedelta(days=rng.randint(1, 50)),
                    number % 10 == 9,
                )
            )
        self._write(
            SeenAddress,
            ["network_id", "address", "names", "messages", "first_on", "last_on", "automated"],
            addresses,
            "addresses read",
        )
        self.report("import traces", total, total)

    def _fill(self, person: int, event: int, english: bool) -> dict[str, str]:
        rng = self.rng
        spec = self.specs[person]
        given, short, _ = self.names[person]
        other = (
            self.names[rng.randrange(1, len(self.names))][1]
            if len(self.names) > 1
            else "Anna Schmidt"
        )
        if spec.company >= 0:
            org = self.orgs[spec.company].name
        else:
            org = self.orgs[rng.randrange(len(self.orgs))].name
        topic = (
            self.skill_names[rng.choice(spec.skills)]
            if spec.skills
            else rng.choice(self.skill_names)
        )
        if event < 0:
            event = rng.choice(self.past_mine) if self.past_mine else -1
        city = spec.city.name if spec.city else spec.foreign[0] if spec.foreign else "Köln"
        return {
            "given": given or short,
            "name": short,
            "topic": topic,
            "city": city,
            "org": org,
            "title": spec.title or ("Beraterin" if spec.female else "Berater"),
            "event": self.events[event].name if event >= 0 else "Messe",
            "other": other,
            "weekday": rng.choice(d.WEEKDAYS_EN if english else d.WEEKDAYS_DE),
            "month": rng.choice(d.MONTHS_EN if english else d.MONTHS_DE),
            "pronoun": "sie" if spec.female else "er",
            "Pronoun": "Sie" if spec.female else "Er",
            "pronoun_en": "she" if spec.female else "he",
            "country": rng.choice(d.COUNTRIES_EN if english else d.COUNTRIES_DE),
        }


_SUFFIXES = _pick(d.COMPANY_SUFFIXES)
_MULTIPLIER_TITLES = {
    title
    for male in ("Journalist", "Redakteur", "Chefredakteur", "Pressesprecher", "Podcaster")
    for title in (male, d.FEMININE.get(male, male))
}
_CONTACT_FIELDS = ("network", "person", *CONTACT_POINT_FIELDS)
_LEGAL_FORMS = sorted((suffix for suffix, _ in d.COMPANY_SUFFIXES), key=len, reverse=True)
_UNIVERSITY_NAMES = {name for name, _ in d.UNIVERSITIES}
_FAMILY_LABEL = {
    "spouse": {True: "Ehefrau", False: "Ehemann"},
    "child": {True: "Tochter", False: "Sohn"},
    "parent": {True: "Mutter", False: "Vater"},
    "sibling": {True: "Schwester", False: "Bruder"},
}


def _clean(draw: Callable[[], str]) -> str:
    """A name from Faker without its oddities ("Koch II", "Hans D.", "Dussen van")."""
    for _ in range(20):
        name = draw()
        if " " not in name and "." not in name:
            return name
    return name.split(" ")[0].rstrip(".")


def _gendered(title: str, female: bool) -> str:
    return d.FEMININE.get(title, title) if female else title


def _strip_legal_form(name: str) -> str:
    for suffix in _LEGAL_FORMS:
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return name


def _salutation(person: _Person, spec: _Spec, address: str, rng: random.Random) -> str:
    english = spec.locale.startswith("en")
    if address == "du":
        if english:
            return f"Dear {person.nickname or person.given_name},"
        if rng.random() < 0.25:
            return f"Hallo {person.nickname or person.given_name},"
        return f"{'Liebe' if spec.female else 'Lieber'} {person.nickname or person.given_name},"
    family = " ".join(part for part in (person.name_particle, person.family_name) if part)
    if english:
        return f"Dear {'Ms' if spec.female else 'Mr'} {family},"
    title = f"{person.academic_title} " if person.academic_title else ""
    dear, form = ("Sehr geehrte", "Frau") if spec.female else ("Sehr geehrter", "Herr")
    return f"{dear} {form} {title}{family},"
