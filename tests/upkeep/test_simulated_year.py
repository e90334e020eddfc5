"""A year on a hand-made network, the clock moved day by day: the right occasions on the
right days, none twice once handled, none lost across a cadence change or a snooze."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.journal.events import add_event
from knoten.journal.projects import add_project
from knoten.journal.promises import add_promise, complete_promise
from knoten.people.affiliations import add_affiliation
from knoten.people.important_dates import add_important_date
from knoten.people.persons import PersonFields, add_person
from knoten.reciprocity.services import add_favour
from knoten.upkeep.cadences import set_cadence
from knoten.upkeep.due import snooze
from knoten.upkeep.handled import handle_occasion
from knoten.upkeep.overview import overview

D = dt.date
START, END = D(2027, 6, 1), D(2028, 5, 31)  # 29 February 2028 is in it


def test_a_year_day_by_day(member: Member) -> None:
    clock.pin(START)
    quiet = PersonFields(importance="peripheral")
    p = {
        "anna": add_person(member, "Anna Adler", PersonFields(birthday="1980-07-15")),
        "bernd": add_person(member, "Bernd Berger", PersonFields(birthday="--09-10")),
        "lea": add_person(member, "Lea Lenz", PersonFields(birthday="2000-02-29")),
        "dora": add_person(member, "Dora Dietz", quiet),
        "emil": add_person(member, "Emil Engel", quiet),
        "frieda": add_person(member, "Frieda Fink", quiet),
        "gerd": add_person(member, "Gerd Graf", quiet),
        "hans": add_person(member, "Hans Hahn", quiet),
        "ida": add_person(member, "Ida Iser", quiet),
        "jan": add_person(member, "Jan Jung", PersonFields(birthday="--12-24")),
    }
    for name in ("anna", "bernd", "lea", "dora", "emil", "frieda", "gerd", "jan"):
        set_cadence(member, person=p[name], every=None)  # only Hans and Ida by cadence
    set_cadence(member, person=p["hans"], every="monthly")
    set_cadence(member, person=p["ida"], every="quarterly")
    # Persons are added before the year starts; the last contact: its first day.
    log_interaction(member, "Kick-off", participants=[p["hans"], p["ida"]], on=START)
    mine = add_promise(member, p["anna"], "send the offer", due=D(2027, 6, 20))
    add_promise(member, p["bernd"], "the contract", due=D(2027, 12, 1), owed_by_me=False)
    add_affiliation(member, p["dora"], "Müller GmbH", title="CFO", start="2027-08-01")
    add_event(member, "Hannover Messe", starts=D(2028, 3, 10), attendees=[p["anna"], p["dora"]])

    events: dict[dt.date, Callable[[], object]] = {
        D(2027, 6, 25): lambda: complete_promise(member, mine.pk),
        D(2027, 8, 1): lambda: set_cadence(member, person=p["ida"], every="monthly"),
        D(2027, 10, 5): lambda: add_important_date(member, p["emil"], "wedding", "2027-10-02"),
        D(2027, 11, 3): lambda: add_favour(member, giver=p["frieda"], receiver="me", on="today"),
        D(2028, 1, 16): lambda: add_project(
            member, "Relaunch", status="completed", ends="2028-01-15", participants=["Gerd Graf"]
        ),
    }
    ignored = {f"birthday:person={p['bernd'].pk}:2027", f"promise:promise={mine.pk}"}
    seen: dict[str, list[dt.date]] = defaultdict(list)
    due_days: dict[str, list[dt.date]] = defaultdict(list)
    snoozed = False
    day = START
    while day <= END:
        clock.pin(day)
        if day in events:
            events[day]()
        for item in overview(member).items:
            if item.kind == "keep_in_touch":
                due_days[item.name].append(day)
                if item.name == "Hans Hahn" and not snoozed:
                    snooze(member, p["hans"], "1 month")
                    snoozed = True
                elif item.name == "Hans Hahn" and day >= D(2027, 9, 1):
                    log_interaction(member, "Call", participants=[p["hans"]], kind="call")
                continue
            seen[item.key].append(day)
            if item.key not in ignored:
                handle_occasion(member, key=item.key, kind=item.kind, how="done")
        day += dt.timedelta(days=1)

    first = {key: days[0] for key, days in seen.items()}
    # None twice: every handled occasion was offered on one day only.
    assert all(len(days) == 1 for key, days in seen.items() if key not in ignored)
    assert first[f"birthday:person={p['anna'].pk}:2027"] == D(2027, 7, 15)
    assert first[f"birthday:person={p['lea'].pk}:2028"] == D(2028, 2, 29)
    assert first[f"birthday:person={p['jan'].pk}:2027"] == D(2027, 12, 24)
    assert f"birthday:person={p['anna'].pk}:2028" not in seen
    # Not handled: Bernd's birthday stays offered for its 14 days of grace, then goes.
    bernd = seen[f"birthday:person={p['bernd'].pk}:2027"]
    assert (bernd[0], bernd[-1], len(bernd)) == (D(2027, 9, 10), D(2027, 9, 24), 15)
    # My promise: from its day until it was done (overdue all the while).
    assert seen[f"promise:promise={mine.pk}"] == [D(2027, 6, d) for d in range(20, 25)]
    by_kind = {
        (key.split(":")[0], key.split(":")[1].split("=")[0]): day for key, day in first.items()
    }
    assert by_kind[("congratulations", "affiliation")] == D(2027, 8, 1)
    assert by_kind[("congratulations", "date")] == D(2027, 10, 5)  # entered 3 days late
    assert by_kind[("thanks", "favour")] == D(2027, 11, 3)
    assert D(2027, 12, 1) in first.values()  # owed to me, on its day
    assert by_kind[("acknowledgement", "project")] == D(2028, 1, 16)
    assert by_kind[("event", "event")] == D(2028, 3, 3)  # a week ahead, to prepare
    # Hans: due, snoozed a month (gone), back after the snooze (not lost), then reset.
    hans = due_days["Hans Hahn"]
    assert hans[0] == D(2027, 7, 1)
    assert hans[1] == D(2027, 7, 31) and D(2027, 7, 15) not in hans  # a month: 30 days
    logged = next(d for d in hans if d >= D(2027, 9, 1))
    after = [d for d in hans if d > logged]
    assert after and after[0] == logged + dt.timedelta(days=30)  # monthly (30 days) from the call
    # Ida: quarterly (due 31 August) made monthly on 1 August: due that very day.
    assert due_days["Ida Iser"][0] == D(2027, 8, 1)
