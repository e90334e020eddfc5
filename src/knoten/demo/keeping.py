"""The demo's keeping in touch: cadences for some circles and persons, a few snoozes, a
goal of new contacts a month, and the traces of a year of use (occasions dealt with,
digests sent, a calendar feed).

The standings themselves are derived: the whole network's notice at the end of the demo
computes them (:mod:`knoten.upkeep.standings`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from knoten.demo.pictures import tiny_png
from knoten.demo.plan import Plan
from knoten.graph.models import ComfortGoal
from knoten.people.models import Circle, ImportantDate, Person, PersonPhoto
from knoten.upkeep.models import (
    Cadence,
    CalendarFeed,
    DigestSent,
    DraftTemplate,
    HandledOccasion,
    Snooze,
)

# Circles with a cadence of their own (by seeded code), in days.
CIRCLE_CADENCES = {"family": 30, "friends": 60, "colleagues": 91, "clients": 91}
PERSONAL_SHARE = 0.02  # of the persons: a cadence set for them alone
NONE_SHARE = 0.01  # "no cadence"
SNOOZED_SHARE = 0.005
COMFORT_GOAL = 4  # new contacts a month, the comfort page measures the member against it


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
    if not ComfortGoal.objects.filter(member=plan.member).exists():
        ComfortGoal.objects.create(
            network_id=plan.network_id, member=plan.member, per_month=COMFORT_GOAL
        )
        plan.count("comfort goals", 1)


# Of the birthdays, this share was already congratulated on in the year before.
CONGRATULATED_SHARE = 0.3
DIGEST_DAYS = 3  # daily digests sent on the days before today
PHOTOS = 5  # persons with a photo (as a phone's vCards bring them)
_PHOTO_COLOURS = ((52, 101, 164), (78, 154, 6), (204, 0, 0), (117, 80, 123), (193, 125, 17))


def add_traces(plan: Plan) -> None:
    """What a year of use leaves behind: occasions dealt with, the network's own wording
    for thanks, the last days' digests, a calendar subscription and a few photos."""
    rng = plan.rng
    member = plan.member
    morning = dt.datetime.combine(plan.today, dt.time(7, 0), tzinfo=dt.UTC)
    last_year = plan.today.year - 1
    birthdays = (
        ImportantDate.objects.filter(network_id=plan.network_id, kind="birthday")
        .order_by("pk")
        .values_list("pk", "person_id")
    )
    handled = [
        HandledOccasion(
            network_id=plan.network_id,
            member=member,
            person_id=person_id,
            key=f"birthday:date={pk}:{last_year}",
            kind="birthday",
            on=plan.today.replace(year=last_year, day=1),
            how=rng.choice(("sent", "sent", "done", "dismissed")),
            handled_at=morning - dt.timedelta(days=365),
        )
        for pk, person_id in birthdays
        if rng.random() < CONGRATULATED_SHARE
    ]
    HandledOccasion.objects.bulk_create(handled, ignore_conflicts=True)
    plan.count("handled_occasions", len(handled))
    DraftTemplate.objects.bulk_create(
        [
            DraftTemplate(
                network_id=plan.network_id,
                occasion="thanks",
                language="de",
                address="du",
                subject="Danke!",
                body="{salutation}\n\nganz herzlichen Dank für {favour}! Das hat mir sehr "
                "geholfen. Lass uns bald wieder sprechen.\n\nViele Grüße\n{sender}",
            )
        ],
        ignore_conflicts=True,
    )
    sent = [
        DigestSent(
            network_id=plan.network_id,
            member=member,
            period="daily",
            key=(plan.today - dt.timedelta(days=days)).isoformat(),
            recipient=member.user.email or f"{member.user.username}@localhost",
            items=rng.randint(2, 9),
            sent_at=morning - dt.timedelta(days=days),
        )
        for days in range(1, DIGEST_DAYS + 1)
    ]
    DigestSent.objects.bulk_create(sent, ignore_conflicts=True)
    if not CalendarFeed.objects.filter(member=member, revoked_at__isnull=True).exists():
        CalendarFeed.objects.create(
            network_id=plan.network_id,
            member=member,
            token=secrets.token_urlsafe(32),
            created_at=morning - dt.timedelta(days=30),
        )
    _add_photos(plan)


def _add_photos(plan: Plan) -> None:
    """A few persons' photos: tiny PNGs, one colour each."""
    without = list(
        Person.objects.filter(network_id=plan.network_id, photo__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = plan.rng.sample(without, min(PHOTOS, len(without)))
    photos = [
        PersonPhoto(
            network_id=plan.network_id,
            person_id=pk,
            content_type="image/png",
            data=tiny_png(_PHOTO_COLOURS[number % len(_PHOTO_COLOURS)]),
        )
        for number, pk in enumerate(sorted(chosen))
    ]
    PersonPhoto.objects.bulk_create(photos)
    plan.count("photos", len(photos))
