"""The demo's circles, tags and skills: the vocabulary first, then who carries which."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from knoten.core.folding import fold
from knoten.demo.draws import Pick, zipf
from knoten.demo.organisation_words import GENERAL_SKILLS, INDUSTRIES
from knoten.demo.person_words import CUSTOM_CIRCLES, TAGS
from knoten.demo.plan import BATCH, Plan
from knoten.people.models import Circle, Person, Skill, Tag
from knoten.people.vocabulary import SEEDED_CIRCLES

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


def add_vocabulary(plan: Plan) -> None:
    """Circles (the seeded ones and a few of the user's own), tags and skills."""
    net = plan.network_id
    circles = {c.folded_name: c for c in Circle.objects.filter(network_id=net)}
    by_code = {c.code: c for c in circles.values() if c.code}
    new: list[Circle] = []
    for word in SEEDED_CIRCLES:
        if word.code not in by_code and fold(word.en) not in circles:
            circle = Circle(network_id=net, code=word.code, name=word.en, folded_name=fold(word.en))
            new.append(circle)
            by_code[word.code] = circle
        elif word.code not in by_code:
            by_code[word.code] = circles[fold(word.en)]
    custom: list[Circle] = []
    for name in CUSTOM_CIRCLES:
        existing = circles.get(fold(name))
        if existing is None:
            existing = Circle(network_id=net, name=name, folded_name=fold(name))
            new.append(existing)
        custom.append(existing)
    Circle.objects.bulk_create(new)
    plan.count("circles", len(new))
    plan.circle_pk = {code: circle.pk for code, circle in by_code.items()}
    plan.custom_circle_pks = [circle.pk for circle in custom]

    plan.tag_pks = _named(plan, Tag, TAGS, "tags")
    skill_names: list[str] = []
    plan.industry_skills = {}
    for industry, skills in INDUSTRIES.items():
        indices = []
        for name in skills:
            if name not in skill_names:
                skill_names.append(name)
            indices.append(skill_names.index(name))
        plan.industry_skills[industry] = indices
    general = []
    for name in GENERAL_SKILLS:
        if name not in skill_names:
            skill_names.append(name)
        general.append(skill_names.index(name))
    plan.general_skills = general
    plan.skill_names = skill_names
    plan.skill_pks = _named(plan, Skill, skill_names, "skills")
    plan.tag_pick = Pick(list(range(len(plan.tag_pks))), zipf(len(plan.tag_pks), 0.8))


def _named(plan: Plan, model: Any, names: Sequence[str], key: str) -> list[int]:
    existing = {row.folded_name: row.pk for row in model.objects.filter(network_id=plan.network_id)}
    new = []
    for name in names:
        if fold(name) not in existing:
            new.append(model(network_id=plan.network_id, name=name, folded_name=fold(name)))
    model.objects.bulk_create(new)
    plan.count(key, len(new))
    for row in new:
        existing[row.folded_name] = row.pk
    return [existing[fold(name)] for name in names]


def add_groupings(plan: Plan) -> None:
    rng = plan.rng
    through_c = Person.circles.through
    through_t = Person.tags.through
    through_s = Person.skills.through
    circle_rows: list[tuple[Any, ...]] = []
    tag_rows: list[tuple[Any, ...]] = []
    skill_rows: list[tuple[Any, ...]] = []
    circles = plan.circle_pk
    total = len(plan.specs)
    plan.report("circles, tags and skills", 0, total)
    for index, spec in enumerate(plan.specs):
        pk = plan.pks[index]
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
            chosen.add(rng.choice(plan.custom_circle_pks))
        if (
            spec.origin == "colleague"
            and spec.direct
            and any(
                a.kind == "job" and a.end is None and a.org == plan.my_company for a in spec.affs
            )
            and rng.random() < 0.1
        ):
            chosen.add(circles["bosses"])
        for circle in chosen:
            circle_rows.append((pk, circle))
        if index and spec.role != "child" and rng.random() < 0.35:
            tags = {plan.tag_pks[plan.tag_pick(rng)] for _ in range(rng.choice((1, 1, 2, 3)))}
            tag_rows.extend((pk, tag) for tag in tags)
        for skill in spec.skills:
            skill_rows.append((pk, plan.skill_pks[skill]))
        if len(circle_rows) + len(tag_rows) + len(skill_rows) > BATCH * 10 or index == total - 1:
            plan.write(through_c, ("person", "circle"), circle_rows, "circle_memberships")
            plan.write(through_t, ("person", "tag"), tag_rows, "tag_assignments")
            plan.write(through_s, ("person", "skill"), skill_rows, "skill_assignments")
            plan.report("circles, tags and skills", index + 1, total)
