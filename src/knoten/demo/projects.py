"""The demo's projects, with the persons in their roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from knoten.core.folding import fold
from knoten.demo.draws import date_between, iso, partial, pick
from knoten.demo.event_words import FAIRS
from knoten.demo.organisations import strip_legal_form
from knoten.demo.places import COUNTRIES_DE
from knoten.demo.plan import Plan
from knoten.demo.project_words import PROJECT_DESCRIPTIONS, PROJECT_PATTERNS, PROJECT_ROLES
from knoten.journal.models import Project, ProjectRole

_PROJECT_STATUS = pick([("completed", 40), ("ongoing", 35), ("planned", 15), ("cancelled", 10)])


def add(plan: Plan) -> None:
    rng = plan.rng
    pick = plan.person_picker()
    count = max(6, plan.size // 100)
    employees: dict[int, list[int]] = {}
    for index, spec in enumerate(plan.specs):
        if spec.company >= 0:
            employees.setdefault(spec.company, []).append(index)
    companies = plan.org_pick["company"]
    taken = set(
        Project.objects.filter(network_id=plan.network_id).values_list("folded_name", flat=True)
    )
    projects: list[Project] = []
    members: list[list[tuple[int, str]]] = []
    for number in range(count):
        org = (
            companies(rng)
            if rng.random() < 0.8
            else plan.org_pick[rng.choice(("professional_association", "club"))](rng)
        )
        topic = rng.choice(plan.skill_names)
        name = rng.choice(PROJECT_PATTERNS).format(
            org=strip_legal_form(plan.orgs[org].name),
            country=rng.choice(COUNTRIES_DE).removeprefix("die "),
            topic=topic,
            fair=rng.choice(FAIRS)[0],
            city=plan.cities(rng).name,
        )
        if fold(name) in taken:
            name = f"{name} ({number + 1})"
        taken.add(fold(name))
        status = _PROJECT_STATUS(rng)
        start = date_between(
            rng, plan.today - dt.timedelta(days=6 * 365), plan.today + dt.timedelta(days=120)
        )
        if status == "planned":
            start = max(start, plan.today + dt.timedelta(days=rng.randint(10, 200)))
        elif start > plan.today:
            start = plan.today - dt.timedelta(days=rng.randint(30, 900))
        end = None
        if status in {"completed", "cancelled"}:
            end = min(start + dt.timedelta(days=rng.randint(30, 700)), plan.today)
        elif rng.random() < 0.4:
            end = start + dt.timedelta(days=rng.randint(90, 700))
        description = ""
        if rng.random() < 0.5:
            description = rng.choice(PROJECT_DESCRIPTIONS).format(
                org=plan.orgs[org].name, topic=topic, budget=rng.randint(5, 400)
            )
        projects.append(
            Project(
                network_id=plan.network_id,
                name=name,
                status=status,
                starts_on=iso(partial(rng, start, full=0.3, month=0.6)),
                ends_on=iso(partial(rng, end, full=0.3, month=0.6)) if end else None,
                organisation_id=plan.org_pks[org],
                description=description,
                folded_name=fold(name),
            )
        )
        team: dict[int, str] = {}
        if rng.random() < 0.55:
            team[0] = rng.choice(
                (
                    "Projektleitung",
                    "Beraterin" if plan.specs[0].female else "Berater",
                    "Sponsor",
                    "Teammitglied",
                )
            )
        staff = employees.get(org, [])
        for _ in range(rng.randint(3, 12)):
            person = staff[rng.randrange(len(staff))] if staff and rng.random() < 0.4 else pick()
            team.setdefault(person, rng.choice(PROJECT_ROLES))
        members.append(list(team.items()))
    plan.insert(Project, projects, "projects")
    plan.count("projects", len(projects))
    roles: list[tuple[Any, ...]] = [
        (plan.network_id, project.pk, plan.pks[person], role)
        for project, team in zip(projects, members, strict=True)
        for person, role in team
    ]
    fields = ("network", "project", "person", "role")
    plan.write(ProjectRole, fields, roles, "project_roles")
