"""The keeping-in-touch endpoints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.people.persons import PersonFields, add_person
from tests.api.conftest import ApiClient
from tests.conftest import World

START = dt.date.today() + dt.timedelta(days=30)


@pytest.fixture
def anna(world: World) -> int:
    clock.pin(START)
    person = add_person(world.alice, "Anna Adler", PersonFields(importance="inner"))
    log_interaction(world.alice, "Lunch", participants=[person], on=START - dt.timedelta(days=5))
    clock.pin(START + dt.timedelta(days=30))
    return person.pk


def test_due_cadence_snooze_and_standing(
    api_for: Callable[[Member], ApiClient], world: World, anna: int
) -> None:
    api = api_for(world.alice)
    page = api.get("/api/due").json()
    assert [r["person_id"] for r in page["items"]] == [anna] and page["next_offset"] is None
    assert api.get("/api/due", limit=0).status_code == 400

    put = api.call("put", "/api/cadences", {"person": anna, "every": "quarterly"})
    assert put.status_code == 200 and put.json()["every_days"] == 91
    assert api.get("/api/due").json()["items"] == []
    bad = api.call("put", "/api/cadences", {"person": anna, "circle": "friends", "every": 30})
    assert bad.status_code == 400
    assert api.delete("/api/cadences", person=anna).status_code == 204
    assert len(api.get("/api/due").json()["items"]) == 1

    snoozed = api.call("put", f"/api/persons/{anna}/snooze", {"until": "1 month"})
    assert snoozed.status_code == 200
    assert api.get("/api/due").json()["items"] == []
    assert api.delete(f"/api/persons/{anna}/snooze").status_code == 204

    standing = api.get(f"/api/persons/{anna}/standing").json()
    assert standing["cadence"] == "monthly" and standing["due"]["state"] == "due"
    assert api.get("/api/cadences").status_code == 200
    assert api.get("/api/due/losing-touch").json() == []


def test_another_network_sees_and_changes_nothing(
    api_for: Callable[[Member], ApiClient], world: World, anna: int
) -> None:
    bob = api_for(world.bob)
    assert bob.get("/api/due").json()["items"] == []
    assert bob.get(f"/api/persons/{anna}/standing").status_code == 404
    assert bob.call("put", f"/api/persons/{anna}/snooze", {"until": "1 week"}).status_code == 404
    assert bob.call("put", "/api/cadences", {"person": anna, "every": 30}).status_code == 404
