"""Strength in the API: on each row of the person list, sortable, and with its reasons."""

from __future__ import annotations

from collections.abc import Callable

from knoten.core.models import Member
from tests.api.conftest import ApiClient
from tests.conftest import World
from tests.upkeep.test_strength_faces import people


def test_api_list_has_strength_and_sorts(
    api_for: Callable[[Member], ApiClient], world: World
) -> None:
    anna, bernd = people(world.alice)
    api = api_for(world.alice)
    rows = api.get("/api/persons", sort="strength").json()["items"]
    mine = [r["id"] for r in rows if r["id"] in (anna, bernd)]
    assert mine == [anna, bernd]
    assert rows[0]["strength"]["level"] in ("good", "strong")
    assert api.get("/api/persons", sort="age").status_code == 400
    standing = api.get(f"/api/persons/{anna}/standing").json()
    assert "trust 5 of 5" in standing["reasons"] and standing["due"]["state"] == "upcoming"
    assert api_for(world.bob).get("/api/persons", sort="strength").json()["items"][0]["me"]
