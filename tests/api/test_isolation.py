"""Bob's token never reads or changes anything of Alice's, and his lists show none of it."""

from __future__ import annotations

from collections.abc import Callable

from knoten.core.models import Member
from knoten.journal.models import Promise
from knoten.people.models import Person, Relationship
from tests.api.conftest import ApiClient
from tests.conftest import World


def test_bob_sees_and_changes_nothing_of_alices(
    world: World, api_for: Callable[[Member], ApiClient]
) -> None:
    alice, bob = api_for(world.alice), api_for(world.bob)
    anna = alice.post("/api/persons", {"name": "Anna Schmidt", "tags": ["vip"]}).json()["id"]
    ben = alice.post("/api/persons", {"name": "Ben Braun"}).json()["id"]
    org = alice.post("/api/organisations", {"name": "ACME"}).json()["id"]
    alice.post("/api/relationships", {"a": anna, "b": ben, "kind": "friend"})
    alice.post(
        "/api/interactions",
        {"summary": "Lunch", "participants": [anna], "promises": ["call back by 2030-01-01"]},
    )
    promise = Promise.objects.get().pk

    assert bob.get(f"/api/persons/{anna}").status_code == 404
    assert bob.patch(f"/api/persons/{anna}", {"nickname": "x"}).status_code == 404
    assert bob.post(f"/api/persons/{anna}/archive", {}).status_code == 404
    assert bob.delete(f"/api/persons/{anna}").status_code == 404
    assert bob.get(f"/api/organisations/{org}").status_code == 404
    dates = bob.post(f"/api/persons/{anna}/dates", {"kind": "birthday", "date": "--03-14"})
    assert dates.status_code == 404
    assert (
        bob.post(
            "/api/affiliations", {"person": anna, "organisation": "X", "kind": "job"}
        ).status_code
        == 404
    )
    assert (
        bob.post("/api/relationships", {"a": anna, "b": "me", "kind": "friend"}).status_code == 404
    )
    assert bob.delete("/api/relationships", a=str(anna), b=str(ben)).status_code == 404
    assert (
        bob.post("/api/interactions", {"summary": "x", "participants": [anna]}).status_code == 404
    )
    assert bob.post(f"/api/promises/{promise}/complete", {}).status_code == 404
    assert bob.get("/api/persons", tag="vip").status_code == 404
    assert bob.get("/api/persons", org=str(org)).status_code == 404

    assert [r["name"] for r in bob.get("/api/persons").json()["items"]] == ["Bob Becker"]
    assert bob.get("/api/organisations").json()["items"] == []
    assert bob.get("/api/promises").json()["items"] == []
    assert bob.get("/api/search", q="Anna").json()["items"] == []

    fresh = Person.objects.get(pk=anna)
    assert fresh.nickname == "" and not fresh.archived
    assert Relationship.objects.count() == 1
    assert Promise.objects.get().done_on is None
