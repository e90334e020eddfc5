"""GET /api/today, GET /api/week and POST /api/occasions/handled."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core import clock
from knoten.people.persons import PersonFields, add_person
from tests.conftest import World

D = dt.date


@pytest.fixture
def birthday(world: World) -> str:
    clock.pin(D(2027, 2, 20))
    anna = add_person(world.alice, "Anna Adler", PersonFields(birthday="1980-03-03"))
    add_person(world.alice, "Bernd Berger", PersonFields(birthday="--03-07"))
    clock.pin(D(2027, 3, 3))
    return f"birthday:person={anna.pk}:2027"


def test_api_today_week_and_handled(api_for, birthday: str, world: World) -> None:
    api = api_for(world.alice)
    today = api.get("/api/today").json()
    assert [i["key"] for i in today["items"]] == [birthday]
    assert today["items"][0]["action"]["api"] == "POST /api/occasions/handled"
    assert len(api.get("/api/week").json()["items"]) == 2
    answer = api.post("/api/occasions/handled", {"key": birthday, "kind": "birthday"})
    assert answer.status_code == 200 and answer.json()["how"] == "done"
    assert api.get("/api/today").json()["items"] == []
    assert api.post("/api/occasions/handled", {"key": "x", "kind": "party"}).status_code == 400
    assert api_for(world.bob).get("/api/week").json()["items"] == []
