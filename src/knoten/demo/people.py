"""The demo's persons: *me*, the core of the network and their families, drawn one after
another (each with a career and, for direct contacts, how *me* met them) and then
written with their derived names.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable

from knoten.core.bulk import update_values
from knoten.demo import careers
from knoten.demo.draws import iso, pick, year_date
from knoten.demo.names import (
    DUTCH_FAMILY_NAMES,
    GERMAN_FAMILY_NAMES_EXTRA,
    NICKNAMES,
    NOBLE_PARTICLES,
)
from knoten.demo.person_words import PERSON_NOTES_DE, PERSON_NOTES_EN
from knoten.demo.places import CITIES, FOREIGN_CITIES
from knoten.demo.plan import BATCH, PersonDraft, Plan, Spec
from knoten.people.models import Person

# How *me* knows a direct contact, and how often.
_DIRECT_ORIGINS = pick(
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


def _salutation(person: PersonDraft, spec: Spec, address: str, rng: random.Random) -> str:
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


def add(plan: Plan) -> None:
    rng, size = plan.rng, plan.size
    me = plan.member.me
    plan.me = me
    plan.specs = []
    plan.people = [
        PersonDraft(
            given_name=me.given_name,
            family_name=me.family_name,
            name_particle=me.name_particle,
            academic_title=me.academic_title,
            nickname=me.nickname,
        )
    ]
    plan.family_edges = []
    plan.introducer = {}
    plan.met_at = {}  # person → event where *me* met them
    plan.direct = []
    plan.introducers = []  # direct contacts who are not family
    plan.weddings = {}  # the spouse who anchors a family → wedding

    my_city = rng.choice(CITIES[:7])
    female = _looks_female(plan, me.given_name)
    me_spec = Spec("de_DE", female, 1979, my_city, None, "Unternehmensberatung", "me")
    me_spec.direct = True
    plan.specs.append(me_spec)
    careers.plan_me(plan)

    direct_target = min(0.6 * size, 20 + 6 * math.sqrt(size))
    direct_share = direct_target / size
    plan.report("planning persons", 0, size)
    # *me*'s own family comes first, when the network is large enough to hold it.
    if size >= 20:
        _family_of(plan, 0, budget=5)
    while len(plan.people) <= size:
        index = _new_person(plan, "core")
        spec = plan.specs[index]
        if rng.random() < direct_share:
            spec.direct = True
            spec.origin = _DIRECT_ORIGINS(rng)
            plan.direct.append(index)
            plan.introducers.append(index)
            # Classmates and teachers are of an age with what they share with *me*.
            if spec.origin == "school":
                spec.birth_year = 1979 + rng.randint(-1, 1)
            elif spec.origin == "university":
                spec.birth_year = 1979 + rng.randint(-2, 3)
            elif spec.origin == "teacher":
                spec.birth_year = min(spec.birth_year, 1960)
        careers.career(plan, index)
        careers.origin(plan, index)
        if rng.random() < 0.14:
            _family_of(plan, index, budget=size + 1 - len(plan.people))
        if len(plan.people) % 1000 < 4:
            plan.report("planning persons", min(len(plan.people) - 1, size), size)
    plan.report("planning persons", size, size)
    _finish_persons(plan)


def _looks_female(plan: Plan, given_name: str) -> bool:
    """Whether a given name is a woman's, by Faker's lists (for *me*'s job title)."""
    first = (given_name.split() or [""])[0]
    female = male = False
    for faker in plan.fakers.values():
        provider = faker.provider("faker.providers.person")
        female |= first in getattr(provider, "first_names_female", ())
        male |= first in getattr(provider, "first_names_male", ())
    return female if female != male else plan.rng.random() < 0.5


def _new_person(
    plan: Plan,
    role: str,
    *,
    locale: str | None = None,
    female: bool | None = None,
    family_name: tuple[str, str] | None = None,
    birth_year: int | None = None,
) -> int:
    rng = plan.rng
    locale = locale or plan.locales(rng)
    faker = plan.fakers[locale]
    female = rng.random() < 0.48 if female is None else female
    given = _clean(faker.first_name_female if female else faker.first_name_male)
    particle = ""
    if family_name is not None:
        particle, family = family_name
    elif locale == "de_DE" and rng.random() < 0.14:
        family = rng.choice(GERMAN_FAMILY_NAMES_EXTRA)
    else:
        family = _clean(faker.last_name)
    if family_name is None and locale == "de_DE":
        roll = rng.random()
        if roll < 0.02:
            particle = rng.choice(NOBLE_PARTICLES)
        elif roll < 0.03:
            particle, family = rng.choice(DUTCH_FAMILY_NAMES)
    if birth_year is None:
        birth_year = int(rng.triangular(1948, 2003, 1976))
    title = ""
    age = plan.today.year - birth_year
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
    shorts = NICKNAMES.get(given)
    if shorts and rng.random() < 0.35:
        nickname = rng.choice(shorts)
    elif rng.random() < 0.01:
        nickname = given[:3] + ("i" if given[:3][-1] not in "aeiou" else "")
    foreign = FOREIGN_CITIES.get(locale)
    if foreign is not None:
        stays = {"tr_TR": 0.25, "pl_PL": 0.3, "it_IT": 0.35}.get(locale, 0.6)
        foreign = foreign if rng.random() < stays else None
    city = None if foreign else plan.cities(rng)
    industry = plan.industries(rng)
    person = PersonDraft(
        given_name=given,
        family_name=family,
        name_particle=particle,
        academic_title=title,
        nickname=nickname,
    )
    spec = Spec(locale, female, birth_year, city, foreign, industry, role)
    plan.people.append(person)
    plan.specs.append(spec)
    return len(plan.people) - 1


def _family_of(plan: Plan, anchor: int, budget: int) -> None:
    """A spouse, children, a parent or a sibling of ``anchor``, as persons of their own."""
    rng = plan.rng
    if budget <= 0:
        return
    spec = plan.specs[anchor]
    person = plan.people[anchor]
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
            index = _new_person(
                plan,
                "family",
                locale=spec.locale if rng.random() < 0.85 else None,
                female=not spec.female if rng.random() < 0.93 else spec.female,
                family_name=name if rng.random() < 0.6 else None,
                birth_year=spec.birth_year + rng.randint(-5, 5),
            )
            spouse = index
            plan.family_edges.append((anchor, index, "spouse"))
            older = min(spec.birth_year, plan.specs[index].birth_year)
            year = min(older + rng.randint(24, 34), plan.today.year - 1)
            plan.weddings[anchor] = year_date(rng, year, plan.today)
        elif relation == "child":
            year = min(spec.birth_year + rng.randint(24, 40), plan.today.year - 1)
            role = "child" if plan.today.year - year < 18 else "family"
            index = _new_person(plan, role, locale=spec.locale, family_name=name, birth_year=year)
            children.append(index)
            plan.family_edges.append((anchor, index, "parent"))
            if spouse >= 0:
                plan.family_edges.append((spouse, index, "parent"))
        elif relation == "parent":
            index = _new_person(
                plan,
                "family",
                locale=spec.locale,
                family_name=name,
                birth_year=spec.birth_year - rng.randint(22, 38),
            )
            plan.family_edges.append((index, anchor, "parent"))
        else:
            index = _new_person(
                plan,
                "family",
                locale=spec.locale,
                family_name=name if rng.random() < 0.8 else None,
                birth_year=spec.birth_year + rng.randint(-8, 8),
            )
            plan.family_edges.append((anchor, index, "sibling"))
        added.append((index, relation))
        grown = plan.today.year - plan.specs[index].birth_year >= 20
        if plan.specs[index].role == "family" and grown and rng.random() < 0.6:
            careers.career(plan, index)
    for first, second in itertools.combinations(children, 2):
        plan.family_edges.append((first, second, "sibling"))
    anchor_name = person.short_name or person.family_name
    for index, relation in added:
        member = plan.specs[index]
        member.origin = "family"
        if anchor == 0:
            member.direct = True
            member.tier = 1
            plan.direct.append(index)
            plan.people[index].how_we_met = "Familie"
        else:
            member.tier = 4
            label = _FAMILY_LABEL[relation][member.female]
            plan.people[index].how_we_met = f"{label} von {anchor_name}"


def _finish_persons(plan: Plan) -> None:
    """Form of address, salutation, tier, notes; then the rows themselves."""
    rng = plan.rng
    for index in range(1, len(plan.people)):
        person, spec = plan.people[index], plan.specs[index]
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
            notes = PERSON_NOTES_EN if spec.locale.startswith("en") else PERSON_NOTES_DE
            person.notes = rng.choice(notes)
        person.archived = rng.random() < 0.015 and not direct
        person.refresh_derived_names()
    people = plan.people
    total = len(people) - 1
    net = plan.network_id
    plan.report("persons", 0, total)
    plan.pks = [plan.me.pk]
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
                iso(p.met_on),
                p.met_at_event_id,
                p.met_at_organisation_id,
                p.how_we_met,
                p.sort_name,
                p.folded_name,
            )
            for p in people[start : start + BATCH]
        ]
        plan.pks.extend(plan.write_returning(Person, _PERSON_FIELDS, rows))
        plan.report("persons", min(start + BATCH - 1, total), total)
    # Who introduced whom refers to persons that had no key before the insert.
    update_values(
        Person,
        ["introduced_by"],
        [(plan.pks[by], plan.pks[person]) for person, by in plan.introducer.items()],
    )
    plan.count("persons", total)
    # The full objects are no longer needed; keep what later stages read.
    plan.names = [(p.given_name, p.short_name, p.family_name) for p in people]
    plan.people = []
