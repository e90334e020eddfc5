"""The demo's organisations: companies by industry, universities, schools, associations,
clubs and online communities, with names in the style of their kind.
"""

from __future__ import annotations

from knoten.core.folding import fold
from knoten.demo.draws import Pick, ascii_slug, pick, zipf
from knoten.demo.organisation_words import (
    ALUMNI_PATTERNS,
    ASSOCIATION_PATTERNS,
    CLUB_PATTERNS,
    COMPANY_FANTASY,
    COMPANY_SUFFIXES,
    COMPANY_WORDS,
    ELITE_CLUB_PATTERNS,
    ONLINE_PATTERNS,
    ORGANISATION_NOTES,
    OTHER_PATTERNS,
    PARTIES,
    PARTY_PATTERNS,
    PUBLIC_BODY_PATTERNS,
    SCHOOL_PATTERNS,
    UNIVERSITIES,
)
from knoten.demo.plan import OrgDraft, Plan
from knoten.people.models import Organisation

_SUFFIXES = pick(COMPANY_SUFFIXES)


_LEGAL_FORMS = sorted((suffix for suffix, _ in COMPANY_SUFFIXES), key=len, reverse=True)


_UNIVERSITY_NAMES = {name for name, _ in UNIVERSITIES}


def strip_legal_form(name: str) -> str:
    for suffix in _LEGAL_FORMS:
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return name


def add(plan: Plan) -> None:
    rng, n = plan.rng, plan.size
    how_many = [
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
        Organisation.objects.filter(network_id=plan.network_id).values_list(
            "folded_name", flat=True
        )
    )
    plan.orgs = []
    plan.orgs_by_kind = {}
    plan.universities = []
    total = sum(count for _, count in how_many)
    plan.report("organisations", 0, total)
    for kind, count in how_many:
        indices = plan.orgs_by_kind.setdefault(kind, [])
        for number in range(count):
            name, city, industry = _org_name(plan, kind, number)
            base, attempt = name, 1
            while fold(name) in taken:
                attempt += 1
                name, city, industry = _org_name(plan, kind, number + attempt * 7919)
                if attempt > 12:
                    name = f"{base} {attempt}"
            taken.add(fold(name))
            domain = ascii_slug(strip_legal_form(name))[:40].strip("-") + ".example"
            indices.append(len(plan.orgs))
            if kind == "school" and name in _UNIVERSITY_NAMES:
                plan.universities.append(len(plan.orgs))
            plan.orgs.append(OrgDraft(name, kind, city, industry, domain))
    # Larger organisations get more people: a Zipf law within each kind.
    plan.org_pick = {
        kind: Pick(idx, zipf(len(idx), 0.9)) for kind, idx in plan.orgs_by_kind.items()
    }
    companies = plan.orgs_by_kind["company"]
    by_industry: dict[str, list[int]] = {}
    for index in companies:
        by_industry.setdefault(plan.orgs[index].industry, []).append(index)
    plan.company_by_industry = {
        industry: Pick(idx, zipf(len(idx), 0.9)) for industry, idx in by_industry.items()
    }
    schools = [i for i in plan.orgs_by_kind["school"] if i not in plan.universities]
    plan.schools = schools or plan.orgs_by_kind["school"]
    if not plan.universities:
        plan.universities = plan.orgs_by_kind["school"]

    rows = []
    for org in plan.orgs:
        rows.append(
            Organisation(
                network_id=plan.network_id,
                name=org.name,
                kind=org.kind,
                industry=org.industry,
                website=f"https://www.{org.domain}" if rng.random() < 0.8 else "",
                notes=rng.choice(ORGANISATION_NOTES) if rng.random() < 0.1 else "",
                folded_name=fold(org.name),
            )
        )
    plan.insert(Organisation, rows, "organisations")
    plan.org_pks = [row.pk for row in rows]
    plan.count("organisations", len(rows))


def _org_name(plan: Plan, kind: str, number: int) -> tuple[str, str, str]:
    rng = plan.rng
    city = plan.cities(rng).name
    faker = plan.fakers["de_DE"]
    if kind == "company":
        industry = plan.industries(rng)
        word = rng.choice(COMPANY_WORDS[industry])
        suffix = _SUFFIXES(rng)
        roll = rng.random()
        if roll < 0.3:
            name = f"{faker.last_name()} {word} {suffix}"
        elif roll < 0.5:
            name = f"{faker.last_name()} & {faker.last_name()} {suffix}"
        elif roll < 0.7:
            name = f"{rng.choice(COMPANY_FANTASY)} {word} {suffix}"
        elif roll < 0.85:
            name = f"{word} {city} {suffix}"
        else:
            name = f"{faker.last_name()} {suffix}"
        return name, city, industry
    if kind == "professional_association":
        pattern, industry = rng.choice(ASSOCIATION_PATTERNS)
        return pattern.format(city=city), city, industry
    if kind == "club":
        return rng.choice(CLUB_PATTERNS).format(city=city), city, ""
    if kind == "elite_club":
        return rng.choice(ELITE_CLUB_PATTERNS).format(city=city), city, ""
    if kind == "school":
        if number < len(UNIVERSITIES) and rng.random() < 0.7:
            university, where = UNIVERSITIES[(number * 7 + rng.randrange(3)) % len(UNIVERSITIES)]
            return university, where, "Bildung"
        return rng.choice(SCHOOL_PATTERNS).format(city=city), city, "Bildung"
    if kind == "alumni_network":
        if rng.random() < 0.6:
            university = rng.choice(UNIVERSITIES)[0]
            return rng.choice(ALUMNI_PATTERNS[:2]).format(university=university), city, ""
        company = strip_legal_form(f"{faker.last_name()} {rng.choice(COMPANY_FANTASY)}")
        return f"{company} Alumni", city, ""
    if kind == "party":
        party = rng.choice(PARTIES)
        return rng.choice(PARTY_PATTERNS).format(party=party, city=city), city, "Politik"
    if kind == "public_body":
        return (
            rng.choice(PUBLIC_BODY_PATTERNS).format(city=city),
            city,
            "Öffentliche Verwaltung",
        )
    if kind == "online_community":
        topic = rng.choice(plan.skill_names)
        return rng.choice(ONLINE_PATTERNS).format(city=city, topic=topic), city, ""
    return rng.choice(OTHER_PATTERNS).format(city=city), city, ""
