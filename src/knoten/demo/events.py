"""The demo's events (trade fairs, conferences, meetups, ...) and who attended them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from knoten.core.folding import fold
from knoten.demo.draws import date_between, pick
from knoten.demo.event_words import (
    CARD_PARTIES,
    CONFERENCES,
    CONGRESSES,
    EVENT_NOTES,
    FAIRS,
    MEETUPS,
    ONLINE_EVENTS,
    PRIVATE_EVENTS,
    SEMINARS,
)
from knoten.demo.minutes_words import MONTHS_DE
from knoten.demo.places import CITIES, MEETING_PLACES, VENUES
from knoten.demo.plan import BATCH, EventDraft, Plan
from knoten.journal.models import Attendance, Event

_EVENT_KINDS = pick(
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


def add(plan: Plan) -> None:
    rng = plan.rng
    count = max(12, plan.size // 70)
    first = plan.today - dt.timedelta(days=6 * 365)
    last = plan.today + dt.timedelta(days=180)
    taken = set(
        Event.objects.filter(network_id=plan.network_id).values_list("folded_name", flat=True)
    )
    plan.events = []
    rows = []
    for number in range(count):
        kind = _EVENT_KINDS(rng)
        starts = date_between(rng, first, last)
        name, place, organiser = _event_name(plan, kind, starts, number)
        if fold(name) in taken:
            name = f"{name} ({starts.day}.{starts.month}.)"
            if fold(name) in taken:
                name = f"{name} #{number}"
        taken.add(fold(name))
        me_attends = rng.random() < 0.55
        days = rng.randint(2, 5) if kind in {"trade_fair", "congress"} else rng.choice((1, 1, 1, 2))
        cost = hours = None
        if me_attends:
            low, high = _EVENT_COST[kind]
            cost = Decimal(rng.randint(low, high)) if rng.random() < 0.8 else None
            low, high = _EVENT_HOURS[kind]
            hours = Decimal(rng.randint(low * 2, high * 2)) / 2
        plan.events.append(EventDraft(name, kind, starts, place, organiser, me_attends))
        rows.append(
            Event(
                network_id=plan.network_id,
                name=name,
                kind=kind,
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=days - 1) if days > 1 else None,
                place=place,
                organiser_id=plan.org_pks[organiser] if organiser >= 0 else None,
                cost=cost,
                hours_spent=hours,
                notes=rng.choice(EVENT_NOTES) if rng.random() < 0.15 else "",
                folded_name=fold(name),
            )
        )
    plan.insert(Event, rows, "events")
    plan.event_pks = [row.pk for row in rows]
    plan.count("events", len(rows))
    past_mine = [i for i, ev in enumerate(plan.events) if ev.me_attends and ev.starts <= plan.today]
    plan.past_mine = past_mine or list(range(len(plan.events)))
    plan.past_seminars = [
        i for i in plan.past_mine if plan.events[i].kind == "seminar"
    ] or plan.past_mine
    plan.past_fairs = [
        i
        for i in plan.past_mine
        if plan.events[i].kind
        in {"trade_fair", "conference", "congress", "business_card_party", "meetup"}
    ] or plan.past_mine


def _event_name(plan: Plan, kind: str, starts: dt.date, number: int) -> tuple[str, str, int]:
    rng = plan.rng
    year = starts.year
    city = plan.cities(rng)
    month = MONTHS_DE[starts.month - 1]

    def org_of(kind: str) -> int:
        pick = plan.org_pick.get(kind)
        return pick(rng) if pick else -1

    if kind == "trade_fair":
        fair, where = rng.choice(FAIRS)
        venue = next((c.venue for c in CITIES if c.name == where and c.venue), "Messegelände")
        return f"{fair} {year}", f"{venue}, {where}", -1
    if kind in {"conference", "congress"}:
        name, where = rng.choice(CONFERENCES if kind == "conference" else CONGRESSES)
        organiser = org_of("professional_association") if rng.random() < 0.5 else -1
        return f"{name} {year}", f"{rng.choice(VENUES)}, {where}", organiser
    if kind == "business_card_party":
        organiser = org_of("professional_association")
        assoc = plan.orgs[organiser].name if organiser >= 0 else "Wirtschaftsjunioren"
        pattern = rng.choice(CARD_PARTIES)
        name = pattern.format(city=city.name, assoc=assoc)
        if "{city}" in pattern and rng.random() < 0.5:
            organiser = org_of("public_body")
        return f"{name}, {month} {year}", f"{rng.choice(VENUES)}, {city.name}", organiser
    if kind == "meetup":
        name = rng.choice(MEETUPS).format(city=city.name, n=number % 97 + 1 + (year - 2015) * 10)
        if "#" not in name:
            name = f"{name}, {month} {year}"
        return (
            name,
            f"{rng.choice(MEETING_PLACES[:8])}, {city.name}",
            org_of("online_community"),
        )
    if kind == "alumni_meeting":
        organiser = org_of("alumni_network")
        host = plan.orgs[organiser].name if organiser >= 0 else "Alumni"
        label = rng.choice(("Ehemaligentreffen", "Alumni-Sommerfest", "Homecoming"))
        return f"{label} {host} {year}", city.name, organiser
    if kind == "association_meeting":
        organiser = org_of("professional_association")
        host = plan.orgs[organiser].name if organiser >= 0 else "Verband"
        label = rng.choice(("Mitgliederversammlung", "Jahresempfang", "Regionaltreffen"))
        return f"{label} {host} {year}", f"{rng.choice(VENUES)}, {city.name}", organiser
    if kind == "seminar":
        title = rng.choice(SEMINARS).format(n=rng.randint(1, 4), year=year)
        organiser = org_of("public_body") if rng.random() < 0.4 else org_of("company")
        return f"Seminar: {title} ({city.name}, {month} {year})", city.name, organiser
    if kind == "online_event":
        title = rng.choice(ONLINE_EVENTS)
        return f"{title} ({starts.day}. {month} {year})", "online", -1
    faker = plan.fakers["de_DE"]
    name = rng.choice(PRIVATE_EVENTS).format(
        given=faker.first_name(), other=faker.first_name(), age=rng.choice((40, 50, 60, 30, 65))
    )
    return f"{name} {year}", city.name, -1


def add_attendance(plan: Plan) -> None:
    rng = plan.rng
    pick = plan.person_picker()
    members: dict[int, list[int]] = {}
    for index, spec in enumerate(plan.specs):
        for aff in spec.affs:
            if aff.kind in {"membership", "function"}:
                members.setdefault(aff.org, []).append(index)
    forced: dict[int, list[int]] = {}
    for person, where in plan.met_at.items():
        forced.setdefault(where, []).append(person)
    average = 0.9 * plan.size / max(1, len(plan.events))
    rows: list[tuple[Any, ...]] = []
    net = plan.network_id
    plan.attendees = {}
    total = len(plan.events)
    for number, event in enumerate(plan.events):
        past = event.starts <= plan.today
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
        plan.attendees[number] = [p for p, status in chosen.items() if p and status == "met"]
        for person, status in chosen.items():
            note = "Stand besucht" if status == "met" and rng.random() < 0.03 else ""
            rows.append((net, plan.event_pks[number], plan.pks[person], status, note))
        if len(rows) >= BATCH * 5 or number == total - 1:
            fields = ("network", "event", "person", "status", "note")
            plan.write(Attendance, fields, rows, "attendances")
            plan.report("attendance", number + 1, total)
