"""The demo's keeping in touch: cadences for some circles and persons, a few snoozes.

The standings themselves are derived: the whole network's notice at the end of the demo
computes them (:mod:`knoten.upkeep.standings`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from knoten.demo.plan import Plan
from knoten.people.models import Circle, Person
from knoten.upkeep.models import Cadence, Snooze

# Circles with a cadence of their own (by seeded code), in days.
CIRCLE_CADENCES = {"family": 30, "friends": 60, "colleagues": 91, "clients": 91}
PERSONAL_SHARE = 0.02  # of the persons: a cadence set for them alone
NONE_SHARE = 0.01  # "no cadence"
SNOOZED_SHARE = 0.005


def add(plan: Plan) -> None:
    rng = plan.rng
    # A second demo run into the network keeps what the first one set.
    circles = Circle.objects.filter(
        network_id=plan.network_id, code__in=list(CIRCLE_CADENCES), cadence__isnull=True
    )
    rows: list[tuple[Any, ...]] = [
        (plan.network_id, None, circle.pk, None, CIRCLE_CADENCES[circle.code], None)
        for circle in circles
    ]
    people = list(
        Person.objects.filter(network_id=plan.network_id)
        .exclude(pk=plan.member.me.pk)
        .filter(cadence__isnull=True)
        .exclude(pk__in=Snooze.objects.filter(member=plan.member).values("person_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    snoozes: list[tuple[Any, ...]] = []
    for pk in people:
        draw = rng.random()
        if draw < PERSONAL_SHARE:
            every = rng.choice((14, 30, 42, 60, 91))
            rows.append((plan.network_id, pk, None, None, every, None))
        elif draw < PERSONAL_SHARE + NONE_SHARE:
            rows.append((plan.network_id, pk, None, None, None, None))
        elif draw < PERSONAL_SHARE + NONE_SHARE + SNOOZED_SHARE:
            until = plan.today + dt.timedelta(days=rng.randint(3, 40))
            snoozes.append((plan.network_id, plan.member.pk, pk, until))
    fields = ("network", "person", "circle", "importance", "every_days", "latest_days")
    plan.write(Cadence, fields, rows, "cadences")
    plan.write(Snooze, ("network", "member", "person", "until"), snoozes, "snoozes")
