"""The demo's conversation minutes over the years, with the promises made in them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from knoten.demo.draws import pick
from knoten.demo.give_and_take import SPAN_DAYS
from knoten.demo.minutes_words import (
    MONTHS_DE,
    MONTHS_EN,
    PROMISES_ME_DE,
    PROMISES_ME_EN,
    PROMISES_THEM_DE,
    PROMISES_THEM_EN,
    SUMMARIES,
    WEEKDAYS_DE,
    WEEKDAYS_EN,
)
from knoten.demo.places import COUNTRIES_DE, COUNTRIES_EN, MEETING_PLACES, VIDEO_PLACES
from knoten.demo.plan import BATCH, Plan
from knoten.journal.models import Interaction, Participation, Promise

_INTERACTION_KINDS = pick(
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


def add(plan: Plan) -> None:
    rng = plan.rng
    pick = plan.person_picker()
    total = int(plan.size * 1.2) + 5
    today = plan.today
    span = 8 * 365
    net = plan.network_id
    author = plan.member.pk
    me = 0
    batch: list[
        tuple[
            tuple[Any, ...],
            list[int],
            list[tuple[int, int, str, dt.date | None, dt.date | None]],
        ]
    ] = []
    plan.report("interactions", 0, total)
    for number in range(total):
        kind = _INTERACTION_KINDS(rng)
        event = -1
        if kind == "event_conversation" and plan.past_mine:
            event = rng.choice(plan.past_mine)
            when = plan.events[event].starts
            attendees = plan.attendees.get(event) or []
            first = attendees[rng.randrange(len(attendees))] if attendees else pick()
        else:
            when = today - dt.timedelta(days=int(span * rng.random() ** 1.7))
            first = pick()
        people = [first]
        for _ in range(rng.choice((0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3))):
            extra = pick()
            if extra not in people:
                people.append(extra)
        spec = plan.specs[first]
        english = (
            spec.locale.startswith("en")
            or (spec.locale != "de_DE" and rng.random() < 0.5)
            or rng.random() < 0.1
        )
        fill = _fill(plan, first, event, english)
        video = kind == "meeting" and rng.random() < 0.2
        style = (
            "video" if video else kind if event >= 0 or kind != "event_conversation" else "meeting"
        )
        summary = rng.choice(SUMMARIES[style]["en" if english else "de"]).format(**fill)
        summary = summary[0].upper() + summary[1:]
        minutes: int | None = None
        place = ""
        if video:
            minutes = rng.choice((15, 30, 30, 45, 60))
            place = rng.choice(VIDEO_PLACES)
        elif kind == "meeting":
            minutes = rng.choice((30, 45, 60, 60, 90, 120, 150))
            place = rng.choice(MEETING_PLACES)
            if spec.city is not None:
                place = f"{place}, {spec.city.name}"
        elif kind == "call":
            minutes = rng.choice((5, 10, 15, 20, 30, 45, 60))
        elif kind == "event_conversation":
            minutes = rng.choice((5, 10, 15, 20, 30))
            place = plan.events[event].place if event >= 0 else ""
        elif kind in {"email", "message"} and rng.random() < 0.2:
            minutes = rng.choice((5, 10, 15))
        where = plan.event_pks[event] if event >= 0 else None
        private = rng.random() < 0.04
        interaction = (net, when, kind, summary, minutes, place, where, author, private)
        promises = []
        for _ in range(1 if rng.random() < 0.22 else 0):
            mine = rng.random() < 0.55
            debtor, creditor = (me, first) if mine else (first, me)
            templates = (
                (PROMISES_ME_EN if mine else PROMISES_THEM_EN)
                if english
                else (PROMISES_ME_DE if mine else PROMISES_THEM_DE)
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
            _flush(plan, batch)
            plan.report("interactions", number + 1, total)


def _flush(
    plan: Plan,
    batch: list[
        tuple[
            tuple[Any, ...],
            list[int],
            list[tuple[int, int, str, dt.date | None, dt.date | None]],
        ]
    ],
) -> None:
    net, pks = plan.network_id, plan.pks
    keys = plan.write_returning(Interaction, _INTERACTION_FIELDS, [item[0] for item in batch])
    # The conversations with direct contacts of the last years, for the favours noted
    # in them (``give_and_take``).
    recent = plan.today - dt.timedelta(days=SPAN_DAYS)
    for key, (interaction, people, _) in zip(keys, batch, strict=True):
        if interaction[1] >= recent:
            for person in people:
                if plan.specs[person].direct:
                    plan.talks[person].append((interaction[1], key))
    participations: list[tuple[Any, ...]] = [
        (net, key, pks[person])
        for key, (_, people, _) in zip(keys, batch, strict=True)
        for person in people
    ]
    plan.write(
        Participation, ("network", "interaction", "person"), participations, "participations"
    )
    promises: list[tuple[Any, ...]] = [
        (net, pks[debtor], pks[creditor], text, due, done, key)
        for key, (_, _, items) in zip(keys, batch, strict=True)
        for debtor, creditor, text, due, done in items
    ]
    fields = ("network", "debtor", "creditor", "text", "due_on", "done_on", "interaction")
    plan.write(Promise, fields, promises, "promises")
    plan.count("interactions", len(batch))
    batch.clear()


def _fill(plan: Plan, person: int, event: int, english: bool) -> dict[str, str]:
    rng = plan.rng
    spec = plan.specs[person]
    given, short, _ = plan.names[person]
    other = (
        plan.names[rng.randrange(1, len(plan.names))][1] if len(plan.names) > 1 else "Anna Schmidt"
    )
    if spec.company >= 0:
        org = plan.orgs[spec.company].name
    else:
        org = plan.orgs[rng.randrange(len(plan.orgs))].name
    topic = (
        plan.skill_names[rng.choice(spec.skills)] if spec.skills else rng.choice(plan.skill_names)
    )
    if event < 0:
        event = rng.choice(plan.past_mine) if plan.past_mine else -1
    city = spec.city.name if spec.city else spec.foreign[0] if spec.foreign else "Köln"
    return {
        "given": given or short,
        "name": short,
        "topic": topic,
        "city": city,
        "org": org,
        "title": spec.title or ("Beraterin" if spec.female else "Berater"),
        "event": plan.events[event].name if event >= 0 else "Messe",
        "other": other,
        "weekday": rng.choice(WEEKDAYS_EN if english else WEEKDAYS_DE),
        "month": rng.choice(MONTHS_EN if english else MONTHS_DE),
        "pronoun": "sie" if spec.female else "er",
        "Pronoun": "Sie" if spec.female else "Er",
        "pronoun_en": "she" if spec.female else "he",
        "country": rng.choice(COUNTRIES_EN if english else COUNTRIES_DE),
    }
