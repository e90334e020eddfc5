"""Where the demo's persons work, studied and belong (their affiliations over the years),
*me*'s own career, and how *me* came to know each direct contact.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from knoten.core.partial_dates import PartialDate
from knoten.demo.draws import date_between, iso, partial, pick, year_date
from knoten.demo.person_words import HOW_WE_MET
from knoten.demo.plan import BATCH, Aff, Plan, Spec
from knoten.demo.title_words import (
    EDUCATION_BY_INDUSTRY,
    EDUCATION_TITLES,
    FEMININE,
    FUNCTION_TITLES,
    GENERAL_TITLES,
    JOB_TITLES,
    MEMBERSHIP_TITLES,
    SCHOOL_TITLES,
)
from knoten.people.models import Affiliation

_MEMBERSHIP_KINDS = pick(
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


def _gendered(title: str, female: bool) -> str:
    return FEMININE.get(title, title) if female else title


def plan_me(plan: Plan) -> None:
    """*me*'s own career, which the direct contacts share: my company, school, clubs."""
    rng = plan.rng
    pick = plan.org_pick
    plan.my_company = plan.company_by_industry.get("Unternehmensberatung", pick["company"])(rng)
    plan.my_former = [pick["company"](rng) for _ in range(2)]
    if plan.my_company in plan.my_former:
        plan.my_former = [c for c in plan.orgs_by_kind["company"] if c != plan.my_company][:2]
    plan.my_university = rng.choice(plan.universities)
    plan.my_school = rng.choice(plan.schools)
    plan.my_clubs = [
        pick["professional_association"](rng),
        pick["club"](rng),
        pick["elite_club"](rng),
        pick["alumni_network"](rng),
    ]
    plan.my_online = pick["online_community"](rng)
    spec = plan.specs[0]
    spec.company = plan.my_company
    spec.title = "Geschäftsführerin" if spec.female else "Geschäftsführer"
    spec.affs = [
        Aff(plan.my_school, "education", "Abitur", PartialDate(1989), PartialDate(1998)),
        Aff(
            plan.my_university,
            "education",
            "M.Sc. Betriebswirtschaftslehre",
            PartialDate(1998, 10),
            PartialDate(2004, 3),
        ),
        Aff(
            plan.my_former[0],
            "job",
            "Junior Consultant",
            PartialDate(2004, 4),
            PartialDate(2008, 6),
        ),
        Aff(
            plan.my_former[1],
            "job",
            "Senior Consultant",
            PartialDate(2008, 7),
            PartialDate(2015),
        ),
        Aff(plan.my_company, "job", spec.title, PartialDate(2015, 1), None),
        Aff(plan.my_clubs[0], "membership", "Mitglied", PartialDate(2014), None),
        Aff(plan.my_clubs[0], "function", "Vorstandsmitglied", PartialDate(2019), None),
        Aff(plan.my_clubs[1], "membership", "Mitglied", PartialDate(2011), None),
        Aff(plan.my_clubs[2], "membership", "Mitglied", PartialDate(2020, 5), None),
        Aff(plan.my_clubs[3], "membership", "Mitglied", PartialDate(2004), None),
        Aff(plan.my_online, "membership", "Mitglied", PartialDate(2017), None),
    ]
    if plan.me.affiliations.exists():
        spec.affs = []
    if not plan.me.skills.exists():
        spec.skills = [
            plan.skill_names.index(name)
            for name in ("Strategieberatung", "Networking", "Mentoring", "Change Management")
        ]


def career(plan: Plan, index: int) -> None:
    rng = plan.rng
    spec = plan.specs[index]
    today = plan.today.year
    born = spec.birth_year
    age = today - born
    if age < 16:
        return
    affs = spec.affs
    if rng.random() < 0.35:
        affs.append(
            Aff(
                rng.choice(plan.schools),
                "education",
                rng.choice(SCHOOL_TITLES),
                PartialDate(born + 10),
                PartialDate(born + 19),
            )
        )
    career_start = born + rng.randint(18, 21)
    if rng.random() < 0.7 and age >= 20:
        enrolled = born + 19 + rng.randint(0, 2)
        end = enrolled + rng.randint(3, 6)
        university = (
            plan.org_pick["school"](rng) if rng.random() < 0.3 else rng.choice(plan.universities)
        )
        current = end > today
        affs.append(
            Aff(
                university,
                "education",
                rng.choice(
                    EDUCATION_BY_INDUSTRY[spec.industry] if rng.random() < 0.7 else EDUCATION_TITLES
                ),
                PartialDate(enrolled, 10) if rng.random() < 0.5 else PartialDate(enrolled),
                None if current else PartialDate(end),
            )
        )
        doctor = plan.people[index].academic_title.startswith(("Dr", "Prof"))
        if doctor and not current:
            affs.append(
                Aff(
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
    while began <= plan.today:
        company = _company_for(plan, spec)
        if company == previous and rng.random() < 0.6:
            company = _company_for(plan, spec)  # a promotion, or a move
        previous = company
        title = (
            rng.choice(JOB_TITLES[spec.industry])
            if rng.random() < 0.65
            else rng.choice(GENERAL_TITLES)
        )
        title = _gendered(title, spec.female)
        ended = began + dt.timedelta(days=rng.randint(3 * 365, 15 * 365))
        start = partial(rng, began, full=0.1, month=0.5)
        if ended >= plan.today and not retired and rng.random() < 0.92:
            affs.append(Aff(company, "job", title, start, None))
            spec.company = company
            spec.title = title
            break
        ended = min(ended, plan.today)
        affs.append(Aff(company, "job", title, start, partial(rng, ended, 0.1, 0.5)))
        began = ended + dt.timedelta(days=rng.randint(1, 120))
    if rng.random() < 0.07:
        kind = rng.choice(
            ("professional_association", "club", "party", "elite_club", "alumni_network")
        )
        affs.append(
            Aff(
                plan.org_pick[kind](rng),
                "function",
                _gendered(rng.choice(FUNCTION_TITLES), spec.female),
                PartialDate(rng.randint(min(max(born + 25, today - 15), today), today)),
                None if rng.random() < 0.8 else PartialDate(today - rng.randint(0, 2)),
            )
        )
    for _ in range(rng.choice((0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3))):
        org = plan.org_pick[_MEMBERSHIP_KINDS(rng)](rng)
        since = rng.randint(min(born + 18, today), today)
        left = PartialDate(rng.randint(since, today)) if rng.random() < 0.15 else None
        affs.append(Aff(org, "membership", rng.choice(MEMBERSHIP_TITLES), PartialDate(since), left))
    # Skills: mostly from the person's industry.
    for _ in range(rng.choice((0, 0, 0, 1, 1, 1, 2, 2, 3, 4))):
        pool = plan.industry_skills[spec.industry] if rng.random() < 0.7 else plan.general_skills
        skill = rng.choice(pool)
        if skill not in spec.skills:
            spec.skills.append(skill)


def _company_for(plan: Plan, spec: Spec) -> int:
    rng = plan.rng
    pick = plan.company_by_industry.get(spec.industry)
    if pick is not None and rng.random() < 0.7:
        return int(pick(rng))
    return int(plan.org_pick["company"](rng))


def origin(plan: Plan, index: int) -> None:
    """How *me* knows this person: the circle, the first meeting, the relationship."""
    rng = plan.rng
    spec = plan.specs[index]
    person = plan.people[index]
    today = plan.today
    origin = spec.origin
    org = -1
    event = -1
    met: dt.date | None = None
    if not spec.direct:
        roll = rng.random()
        if roll < 0.3 and plan.direct:
            origin = "introduced"
        elif roll < 0.38:
            origin = "event"
        else:
            origin = ""
        spec.origin = origin
    if origin == "colleague":
        start = PartialDate(rng.randint(2008, today.year))
        spec.affs = [a for a in spec.affs if not (a.kind == "job" and a.end is None)]
        titles = JOB_TITLES["Unternehmensberatung"] + GENERAL_TITLES[:8]
        spec.title = _gendered(rng.choice(titles), spec.female)
        spec.affs.append(Aff(plan.my_company, "job", spec.title, start, None))
        spec.company = plan.my_company
        org = plan.my_company
        met = year_date(rng, max(2015, start.year or 2015), today)
    elif origin == "former_colleague":
        org = rng.choice(plan.my_former)
        start_year = 2003 + rng.randint(0, 8)
        spec.affs.append(
            Aff(
                org,
                "job",
                _gendered(rng.choice(JOB_TITLES["Unternehmensberatung"]), spec.female),
                PartialDate(start_year),
                PartialDate(start_year + rng.randint(2, 7)),
            )
        )
        met = year_date(rng, max(start_year, 2004), today)
    elif origin in {"client", "business_partner"}:
        org = spec.company if spec.company >= 0 else -1
        met = date_between(rng, dt.date(2012, 1, 1), today)
    elif origin == "school":
        org = plan.my_school
        spec.affs.append(Aff(org, "education", "Abitur", PartialDate(1989), PartialDate(1998)))
        met = dt.date(1989, 9, 1)
    elif origin == "university":
        org = plan.my_university
        start_year = 1998 + rng.randint(-1, 2)
        spec.affs.append(
            Aff(
                org,
                "education",
                rng.choice(EDUCATION_TITLES),
                PartialDate(start_year),
                PartialDate(start_year + rng.randint(4, 6)),
            )
        )
        met = year_date(rng, max(start_year, 1998), today)
    elif origin == "teacher":
        spec.affs = [a for a in spec.affs if not (a.kind == "job" and a.end is None)]
        spec.company = -1
        org = plan.my_university
        person.academic_title = person.academic_title or "Prof. Dr."
        spec.affs.append(
            Aff(
                org,
                "job",
                "Professorin" if spec.female else "Professor",
                PartialDate(1990),
                None if rng.random() < 0.5 else PartialDate(2020),
            )
        )
        met = year_date(rng, 2000, today)
    elif origin in {"trainer", "seminar"}:
        event = rng.choice(plan.past_seminars)
    elif origin == "club":
        org = rng.choice(plan.my_clubs)
        since = rng.randint(2005, today.year)
        spec.affs.append(
            Aff(org, "membership", rng.choice(MEMBERSHIP_TITLES), PartialDate(since), None)
        )
        met = year_date(rng, max(since, 2011), today)
    elif origin == "online":
        org = plan.my_online
        since = rng.randint(2012, today.year)
        spec.affs.append(Aff(org, "membership", "Mitglied", PartialDate(since), None))
        met = year_date(rng, max(since, 2017), today)
    elif origin == "event":
        event = rng.choice(plan.past_fairs)
    elif origin in {"friend", "neighbour"}:
        if origin == "neighbour" and plan.specs[0].city is not None:
            spec.city, spec.foreign = plan.specs[0].city, None
        met = date_between(rng, dt.date(1995, 1, 1), today)
    elif origin == "introduced":
        met = date_between(rng, dt.date(2010, 1, 1), today)
        if plan.introducers:
            plan.introducer[index] = rng.choice(plan.introducers)
        else:
            spec.origin = origin = ""
            met = None
    if event >= 0 and plan.events[event].starts > today:
        event = -1  # a tiny network may have no past event of *me*'s
    if event >= 0:
        met = plan.events[event].starts
        plan.met_at[index] = event
        person.met_at_event_id = plan.event_pks[event]
    if org >= 0 and origin in {
        "colleague",
        "former_colleague",
        "school",
        "university",
        "club",
        "online",
        "teacher",
    }:
        person.met_at_organisation_id = plan.org_pks[org]
    spec.met = met
    if met is not None and rng.random() < 0.8:
        person.met_on = partial(rng, met, full=0.3 if event >= 0 else 0.1, month=0.4)
    if origin and rng.random() < 0.75:
        intro = plan.introducer.get(index)
        person.how_we_met = rng.choice(HOW_WE_MET[origin]).format(
            org=plan.orgs[org].name
            if org >= 0
            else (plan.orgs[spec.company].name if spec.company >= 0 else "der Firma"),
            event=plan.events[event].name if event >= 0 else "einer Messe",
            city=(
                spec.city.name
                if spec.city
                else plan.specs[0].city.name
                if plan.specs[0].city
                else "Köln"
            ),
            intro=plan.people[intro].short_name if intro is not None else "einen Freund",
        )


def add_affiliations(plan: Plan) -> None:
    rows: list[tuple[Any, ...]] = []
    net, orgs = plan.network_id, plan.org_pks
    total = len(plan.specs)
    fields = ("network", "person", "organisation", "kind", "title", "start", "end", "note")
    plan.report("affiliations", 0, total)
    for index, spec in enumerate(plan.specs):
        pk = plan.pks[index]
        for aff in spec.affs:
            start, end = iso(aff.start), iso(aff.end)
            rows.append((net, pk, orgs[aff.org], aff.kind, aff.title, start, end, ""))
        if len(rows) >= 10 * BATCH or index == total - 1:
            plan.write(Affiliation, fields, rows, "affiliations")
            plan.report("affiliations", index + 1, total)
