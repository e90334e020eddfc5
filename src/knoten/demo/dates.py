"""The demo's important dates: birthdays, weddings, anniversaries and other life events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from knoten.core.partial_dates import PartialDate
from knoten.demo.draws import date_between, iso, partial, pick, year_date
from knoten.demo.person_words import LIFE_EVENT_LABELS
from knoten.demo.plan import BATCH, Plan
from knoten.people.models import ImportantDate

_LIFE_EVENTS = pick(
    [("moved", 40), ("award", 15), ("bereavement", 20), ("anniversary", 15), ("custom", 20)]
)


def add(plan: Plan) -> None:
    rng = plan.rng
    rows: list[tuple[Any, ...]] = []
    net, today = plan.network_id, plan.today
    me_has_birthday = ImportantDate.objects.filter(person_id=plan.pks[0], kind="birthday").exists()
    children: dict[int, list[int]] = {}
    for a, b, kind in plan.family_edges:
        if kind == "parent":
            children.setdefault(a, []).append(b)
    birthdays: dict[int, dt.date] = {}
    for index, spec in enumerate(plan.specs):
        pk = plan.pks[index]
        if spec.role == "child" or (spec.origin == "family" and spec.direct):
            share = 0.95
        elif spec.direct:
            share = 0.75
        else:
            share = 0.5 if spec.role == "core" else 0.85
        birthday = date_between(
            rng, dt.date(spec.birth_year, 1, 1), dt.date(spec.birth_year, 12, 31)
        )
        birthdays[index] = birthday
        if (index == 0 and not me_has_birthday) or (index and rng.random() < share):
            if index == 0 or rng.random() < 0.7:
                when = PartialDate(birthday.year, birthday.month, birthday.day)
            else:
                when = PartialDate(None, birthday.month, birthday.day)
            rows.append((net, pk, "birthday", iso(when), "", ""))
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
            label = rng.choice(LIFE_EVENT_LABELS["new_job"]).format(org=plan.orgs[current.org].name)
            rows.append((net, pk, "new_job", iso(current.start), label, ""))
        wedding = plan.weddings.get(index)
        if wedding is not None and rng.random() < 0.5:
            rows.append(
                (
                    net,
                    pk,
                    "wedding",
                    iso(partial(rng, wedding, full=0.6, month=0.2)),
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
                        iso(PartialDate(None, wedding.month, wedding.day)),
                        "Hochzeitstag",
                        "",
                    )
                )
        for child in children.get(index, [])[:3]:
            born = birthdays.get(child) or year_date(rng, plan.specs[child].birth_year, today)
            if born.year >= 2000 and rng.random() < 0.5:
                label = rng.choice(LIFE_EVENT_LABELS["child"]).format(child=plan.names[child][0])
                rows.append(
                    (
                        net,
                        pk,
                        "child",
                        iso(PartialDate(born.year, born.month, born.day)),
                        label,
                        "",
                    )
                )
        roll = rng.random()
        if roll < 0.1 and spec.role != "child":
            kind = _LIFE_EVENTS(rng)
            happened = date_between(rng, today - dt.timedelta(days=5 * 365), today)
            org = plan.orgs[spec.company].name if spec.company >= 0 else "der Firma"
            city = spec.city.name if spec.city else "Berlin"
            label = rng.choice(LIFE_EVENT_LABELS[kind]).format(org=org, city=city)
            rows.append(
                (net, pk, kind, iso(partial(rng, happened, full=0.6, month=0.3)), label, "")
            )
        if len(rows) >= BATCH * 5 or index == len(plan.specs) - 1:
            fields = ("network", "person", "kind", "date", "label", "note")
            plan.write(ImportantDate, fields, rows, "important_dates")
            plan.report("important dates", index + 1, len(plan.specs))
