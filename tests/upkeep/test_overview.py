"""The overview: occasions, due contacts, promises and events ahead in one ranked list."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core import clock
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.journal.events import add_event
from knoten.journal.promises import add_promise
from knoten.people.persons import PersonFields, add_person
from knoten.upkeep.handled import handle_occasion
from knoten.upkeep.overview import overview

D = dt.date


@pytest.fixture
def network(member: Member) -> Member:
    clock.pin(D(2027, 1, 1))
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner", birthday="--03-03"))
    bernd = add_person(member, "Bernd Berger", PersonFields(birthday="1990-03-05"))
    add_person(member, "Carla Conrad", PersonFields(importance="peripheral"))
    add_promise(member, bernd, "the contract", due=D(2027, 2, 20), owed_by_me=False)
    add_event(member, "Hannover Messe", starts=D(2027, 3, 8), attendees=[anna])
    return member


def test_today_and_the_week_ranked_overdue_first(network: Member) -> None:
    clock.pin(D(2027, 3, 3))
    today = overview(network)
    kinds = [(i.kind, i.name, i.urgency) for i in today.items]
    # The occasions first, overdue first (the contract was due on 20 February), then by
    # day; the people due for a contact after them (Anna was due on 1 February).
    assert kinds == [
        ("promise", "Bernd Berger", "overdue"),
        ("birthday", "Anna Adler", "today"),
        ("event", "Anna Adler", "soon"),  # prepare a week ahead
        ("keep_in_touch", "Anna Adler", "overdue"),
    ]
    assert ("birthday", "Bernd Berger", "soon") not in kinds
    assert today.due_total == 1
    week = overview(network, days=7)
    assert ("birthday", "Bernd Berger", "soon") in [(i.kind, i.name, i.urgency) for i in week.items]
    data = week.as_dict()
    assert data["start"] == "2027-03-03" and data["end"] == "2027-03-09"
    first, last = data["items"][0], data["items"][-1]
    assert first["action"]["api"] == "POST /api/occasions/handled" and first["key"]
    assert last["action"]["api"].startswith("PUT /api/persons/") and last["action"]["do"] == "log"
    # Handled: gone from both.
    birthday = next(i for i in today.items if i.kind == "birthday")
    handle_occasion(network, key=birthday.key, kind="birthday")
    assert birthday.key not in [i.key for i in overview(network, days=7).items]


def test_days_out_of_range_are_refused(member: Member) -> None:
    with pytest.raises(InvalidInput, match="days"):
        overview(member, days=0)
    with pytest.raises(InvalidInput, match="days"):
        overview(member, days=90)
