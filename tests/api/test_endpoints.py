"""Each endpoint's happy path and a bad input: 400 naming the field, nothing written."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core.models import Member
from knoten.journal.models import Interaction, Promise
from knoten.people.models import Affiliation, Organisation, Person, Relationship
from tests.api.conftest import ApiClient
from tests.conftest import World


@pytest.fixture
def api(world: World, api_for: Callable[[Member], ApiClient]) -> ApiClient:
    return api_for(world.alice)


def _person(api: ApiClient, name: str, **fields: object) -> int:
    answer = api.post("/api/persons", {"name": name, **fields})
    assert answer.status_code == 201, answer.json()
    return int(answer.json()["id"])


def test_persons_create_read_list_update(api: ApiClient) -> None:
    created = api.post(
        "/api/persons",
        {
            "name": "Dr. Jürgen Müller",
            "org": "ACME GmbH",
            "title": "CTO",
            "emails": ["j.mueller@acme.example"],
            "circles": ["work"],
            "tags": ["cloud"],
            "birthday": "--03-14",
        },
    )
    assert created.status_code == 201, created.json()
    person_id = created.json()["id"]
    detail = api.get(f"/api/persons/{person_id}").json()
    assert detail["name"] == created.json()["name"]

    page = api.get("/api/persons").json()
    assert [row["name"] for row in page["items"]] == ["Alice Adler", created.json()["name"]]
    assert (page["limit"], page["offset"], page["next_offset"]) == (50, 0, None)
    assert [r["id"] for r in api.get("/api/persons", tag="cloud").json()["items"]] == [person_id]
    assert [r["id"] for r in api.get("/api/persons", org="ACME GmbH").json()["items"]] == [
        person_id
    ]
    assert [r["id"] for r in api.get("/api/persons", circle="work").json()["items"]] == [person_id]
    first = api.get("/api/persons", limit=1).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    second = api.get("/api/persons", limit=1, offset=1).json()
    assert [r["id"] for r in second["items"]] == [person_id] and second["next_offset"] is None

    patched = api.patch(f"/api/persons/{person_id}", {"nickname": "Jogi", "importance": "inner"})
    assert patched.status_code == 200, patched.json()
    assert Person.objects.get(pk=person_id).nickname == "Jogi"
    assert Person.objects.get(pk=person_id).importance == 1


def test_person_bad_input_names_the_field_and_writes_nothing(api: ApiClient) -> None:
    before = Person.objects.count()
    answer = api.post("/api/persons", {"name": "Eva Berger", "importance": "huge"})
    assert answer.status_code == 400
    assert answer.json()["field"] == "importance"
    assert answer.json()["value"] == "huge"
    assert Person.objects.count() == before

    missing = api.post("/api/persons", {"emails": ["x@example.com"]})
    assert missing.status_code == 400
    assert missing.json()["field"] == "name"

    wrong_type = api.post("/api/persons", {"name": "Eva", "emails": "not-a-list"})
    assert wrong_type.status_code == 400 and wrong_type.json()["field"] == "emails"
    assert Person.objects.count() == before

    person_id = _person(api, "Eva Berger")
    bad = api.patch(f"/api/persons/{person_id}", {"form_of_address": "Eure Hoheit"})
    assert bad.status_code == 400 and bad.json()["field"] == "form_of_address"
    assert api.get("/api/persons", limit=-1).json()["field"] == "limit"
    assert api.get("/api/persons", limit=10_000).status_code == 400
    assert api.get("/api/persons", tag="nope").status_code == 404
    assert api.get("/api/persons/999999").status_code == 404


def test_ambiguous_name_lists_candidates(api: ApiClient) -> None:
    _person(api, "Anna Schmidt")
    _person(api, "Anna Schulz")
    org = api.post("/api/organisations", {"name": "Verein"}).json()["id"]
    answer = api.post(
        "/api/affiliations", {"person": "Anna", "organisation": org, "kind": "membership"}
    )
    assert answer.status_code == 400
    assert len(answer.json()["candidates"]) == 2
    assert not Affiliation.objects.exists()


def test_archive_and_delete(api: ApiClient, world: World) -> None:
    person_id = _person(api, "Eva Berger")
    archived = api.post(f"/api/persons/{person_id}/archive", {})
    assert archived.status_code == 200 and archived.json()["archived"] is True
    assert person_id not in [r["id"] for r in api.get("/api/persons").json()["items"]]
    listed = api.get("/api/persons", include_archived="true").json()["items"]
    assert person_id in [r["id"] for r in listed]
    back = api.post(f"/api/persons/{person_id}/archive", {"archived": False})
    assert back.json()["archived"] is False

    me = api.post(f"/api/persons/{world.alice.person_id}/archive", {})
    assert me.status_code == 400 and me.json()["field"] == "person"
    assert api.delete(f"/api/persons/{world.alice.person_id}").status_code == 400

    assert api.delete(f"/api/persons/{person_id}").status_code == 204
    assert not Person.objects.filter(pk=person_id).exists()
    assert api.delete(f"/api/persons/{person_id}").status_code == 404


def test_organisations(api: ApiClient) -> None:
    created = api.post(
        "/api/organisations", {"name": "Sportverein Nord", "kind": "Verein", "website": "svn.de"}
    )
    assert created.status_code == 201, created.json()
    org_id = created.json()["id"]
    assert api.get(f"/api/organisations/{org_id}").json()["name"] == "Sportverein Nord"
    assert [o["id"] for o in api.get("/api/organisations").json()["items"]] == [org_id]
    assert api.get("/api/organisations", kind="club").json()["items"][0]["kind"] == "club"

    again = api.post("/api/organisations", {"name": "sportverein nord"})
    assert again.status_code == 400 and again.json()["field"] == "name"
    bad_kind = api.post("/api/organisations", {"name": "X", "kind": "spaceship"})
    assert bad_kind.status_code == 400 and bad_kind.json()["field"] == "kind"
    assert Organisation.objects.count() == 1
    assert api.get("/api/organisations/999999").status_code == 404


def test_affiliations(api: ApiClient) -> None:
    person_id = _person(api, "Eva Berger")
    answer = api.post(
        "/api/affiliations",
        {"person": person_id, "organisation": "TU Berlin", "kind": "education", "start": "2010"},
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["organisation"]["name"] == "TU Berlin"
    assert answer.json()["start"] == "2010"

    bad = api.post(
        "/api/affiliations",
        {"person": person_id, "organisation": "X", "kind": "job", "start": "2020", "end": "2019"},
    )
    assert bad.status_code == 400 and bad.json()["field"] == "end"
    assert Affiliation.objects.count() == 1


def test_relationships(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt")
    ben = _person(api, "Ben Braun")
    made = api.post("/api/relationships", {"a": anna, "b": ben, "kind": "friend", "trust": 4})
    assert made.status_code == 201, made.json()
    assert made.json()["trust"] == 4

    bad = api.post("/api/relationships", {"a": anna, "b": ben, "kind": "friend", "trust": 9})
    assert bad.status_code == 400 and bad.json()["field"] == "trust"
    assert Relationship.objects.get().trust == 4

    removed = api.delete("/api/relationships", a=str(anna), b=str(ben))
    assert removed.status_code == 200 and removed.json() == {"removed": 1}
    assert api.delete("/api/relationships", a=str(anna), b=str(ben)).status_code == 404


def test_interactions_and_promises(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt")
    logged = api.post(
        "/api/interactions",
        {
            "summary": "Coffee about the cloud project",
            "participants": [anna],
            "kind": "call",
            "date": "2026-11-20",
            "promises": ["send the slides by 2026-12-01"],
        },
    )
    assert logged.status_code == 201, logged.json()
    promises = api.get("/api/promises").json()["items"]
    assert [p["text"] for p in promises] == ["send the slides"]
    done = api.post(f"/api/promises/{promises[0]['id']}/complete", {"on": "2026-11-25"})
    assert done.status_code == 200 and done.json()["done"] is True
    assert api.get("/api/promises").json()["items"] == []
    assert len(api.get("/api/promises", include_done="true").json()["items"]) == 1
    again = api.post(f"/api/promises/{promises[0]['id']}/complete", {})
    assert again.status_code == 400 and again.json()["field"] == "promise"
    assert api.post("/api/promises/999999/complete", {}).status_code == 404

    bad = api.post("/api/interactions", {"summary": "x", "participants": [anna], "minutes": -5})
    assert bad.status_code == 400 and bad.json()["field"] == "minutes"
    empty = api.post("/api/interactions", {"summary": "  ", "participants": [anna]})
    assert empty.status_code == 400 and empty.json()["field"] == "summary"
    assert Interaction.objects.count() == 1 and Promise.objects.count() == 1


def test_search(api: ApiClient) -> None:
    person_id = _person(api, "Jürgen Müller")
    hits = api.get("/api/search", q="mueller").json()
    assert [h["person_id"] for h in hits["items"]] == [person_id]
    assert hits["next_offset"] is None
    bad = api.get("/api/search", q="!!!")
    assert bad.status_code == 400 and bad.json()["field"] == "query"
    assert api.get("/api/search").status_code == 400
    assert api.get("/api/search", q="x", limit=0).json()["field"] == "limit"


def test_important_dates(api: ApiClient) -> None:
    person_id = _person(api, "Eva Berger")
    made = api.post(f"/api/persons/{person_id}/dates", {"kind": "birthday", "date": "--03-14"})
    assert made.status_code == 201, made.json()
    bad = api.post(f"/api/persons/{person_id}/dates", {"kind": "birthday", "date": "32.13."})
    assert bad.status_code == 400 and bad.json()["field"] == "date"
    assert api.get(f"/api/persons/{person_id}").json()["important_dates"]
