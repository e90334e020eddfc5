"""The people API's per-object operations: contact points, organisations, affiliations,
relationships and important dates; their lists in the page envelope; bad ids and texts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from knoten.core.models import Member
from knoten.people.models import (
    Affiliation,
    ContactPoint,
    ImportantDate,
    Organisation,
    Person,
    Relationship,
)
from tests.api.conftest import ApiClient
from tests.conftest import World


@pytest.fixture
def api(world: World, api_for: Callable[[Member], ApiClient]) -> ApiClient:
    return api_for(world.alice)


@pytest.fixture
def bob_api(world: World, api_for: Callable[[Member], ApiClient]) -> ApiClient:
    return api_for(world.bob)


def _person(api: ApiClient, name: str, **fields: object) -> int:
    answer = api.post("/api/persons", {"name": name, **fields})
    assert answer.status_code == 201, answer.json()
    return int(answer.json()["id"])


def _envelope(answer: Any) -> dict[str, Any]:
    data: dict[str, Any] = answer.json()
    assert answer.status_code == 200, data
    assert set(data) == {"items", "limit", "offset", "next_offset"}
    return data


# --- contact points ------------------------------------------------------------------------


def test_contact_points_add_list_edit_delete(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt")
    made = api.post(
        f"/api/persons/{anna}/contact-points", {"kind": "Telefon", "value": "0170 1234567"}
    )
    assert made.status_code == 201, made.json()
    assert made.json()["value"] == "+491701234567" and made.json()["preferred"] is True
    second = api.post(
        f"/api/persons/{anna}/contact-points",
        {"kind": "phone", "value": "030 1234567", "label": "dienstlich"},
    ).json()
    assert second["label"] == "work" and second["preferred"] is False

    page = _envelope(api.get(f"/api/persons/{anna}/contact-points"))
    assert [p["value"] for p in page["items"]] == ["+491701234567", "+49301234567"]
    one = _envelope(api.get(f"/api/persons/{anna}/contact-points", limit=1))
    assert one["next_offset"] == 1

    edited = api.patch(f"/api/contact-points/{second['id']}", {"preferred": True, "label": ""})
    assert edited.status_code == 200, edited.json()
    assert edited.json()["preferred"] is True and edited.json()["label"] == ""
    assert ContactPoint.objects.get(pk=made.json()["id"]).preferred is False

    bad = api.patch(f"/api/contact-points/{second['id']}", {"value": "no number"})
    assert bad.status_code == 400 and bad.json()["field"] == "value"
    assert ContactPoint.objects.get(pk=second["id"]).value == "+49301234567"
    bad_kind = api.post(f"/api/persons/{anna}/contact-points", {"kind": "fax", "value": "1"})
    assert bad_kind.status_code == 400 and bad_kind.json()["field"] == "kind"
    bad_mail = api.post(f"/api/persons/{anna}/contact-points", {"kind": "email", "value": "x@"})
    assert bad_mail.status_code == 400 and bad_mail.json()["field"] == "value"
    assert ContactPoint.objects.count() == 2

    assert api.delete(f"/api/contact-points/{second['id']}").status_code == 204
    # The preferred one went: the other phone number takes its place.
    assert ContactPoint.objects.get().preferred is True
    assert api.delete(f"/api/contact-points/{second['id']}").status_code == 404


# --- organisations -------------------------------------------------------------------------


def test_organisations_list_filter_edit_delete(api: ApiClient) -> None:
    acme = api.post("/api/organisations", {"name": "ACME GmbH"}).json()["id"]
    club = api.post("/api/organisations", {"name": "Sportverein Nord", "kind": "Verein"}).json()
    anna = _person(api, "Anna Schmidt", org="ACME GmbH", title="CTO")

    page = _envelope(api.get("/api/organisations"))
    assert [o["name"] for o in page["items"]] == ["ACME GmbH", "Sportverein Nord"]
    assert [o["id"] for o in api.get("/api/organisations", q="sport").json()["items"]] == [
        club["id"]
    ]
    assert [o["id"] for o in api.get("/api/organisations", kind="company").json()["items"]] == [
        acme
    ]
    paged = _envelope(api.get("/api/organisations", limit=1, offset=1))
    assert [o["id"] for o in paged["items"]] == [club["id"]] and paged["next_offset"] is None

    patched = api.patch(
        f"/api/organisations/{acme}", {"name": "Acme AG", "industry": "Cloud", "website": ""}
    )
    assert patched.status_code == 200, patched.json()
    assert patched.json()["name"] == "Acme AG" and patched.json()["industry"] == "Cloud"
    hits = api.get("/api/search", q="acme ag").json()["items"]
    assert anna in [hit["person_id"] for hit in hits]

    clash = api.patch(f"/api/organisations/{acme}", {"name": "sportverein nord"})
    assert clash.status_code == 400 and clash.json()["field"] == "name"
    bad_kind = api.patch(f"/api/organisations/{acme}", {"kind": "Raumschiff", "notes": "x"})
    assert bad_kind.status_code == 400 and bad_kind.json()["field"] == "kind"
    assert Organisation.objects.get(pk=acme).name == "Acme AG"
    assert Organisation.objects.get(pk=acme).notes == ""

    assert api.delete(f"/api/organisations/{acme}").status_code == 204
    assert Person.objects.filter(pk=anna).exists() and not Affiliation.objects.exists()
    assert api.get(f"/api/organisations/{acme}").status_code == 404
    assert api.delete(f"/api/organisations/{acme}").status_code == 404


# --- affiliations --------------------------------------------------------------------------


def test_affiliations_list_read_edit_end_delete(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt")
    job = api.post(
        "/api/affiliations",
        {"person": anna, "organisation": "ACME", "kind": "job", "title": "CTO", "start": "2019"},
    ).json()
    api.post(
        "/api/affiliations", {"person": anna, "organisation": "TU Berlin", "kind": "education"}
    )

    page = _envelope(api.get(f"/api/persons/{anna}/affiliations"))
    assert [a["kind"] for a in page["items"]] == ["job", "education"]
    read = api.get(f"/api/affiliations/{job['id']}").json()
    assert read["person"]["id"] == anna and read["organisation"]["name"] == "ACME"

    edited = api.patch(f"/api/affiliations/{job['id']}", {"title": "CEO", "start": "03.2019"})
    assert edited.status_code == 200, edited.json()
    assert (edited.json()["title"], edited.json()["start"]) == ("CEO", "2019-03")
    moved = api.patch(f"/api/affiliations/{job['id']}", {"organisation": "Beta GmbH"})
    assert moved.json()["organisation"]["name"] == "Beta GmbH"

    bad = api.patch(f"/api/affiliations/{job['id']}", {"end": "2018", "title": "X"})
    assert bad.status_code == 400 and bad.json()["field"] == "end"
    assert Affiliation.objects.get(pk=job["id"]).title == "CEO"

    ended = api.post(f"/api/affiliations/{job['id']}/end", {"end": "2024-06"})
    assert ended.status_code == 200, ended.json()
    assert ended.json()["end"] == "2024-06" and ended.json()["current"] is False
    again = api.post(f"/api/affiliations/{job['id']}/end", {})
    assert again.status_code == 400 and again.json()["field"] == "affiliation"

    assert api.delete(f"/api/affiliations/{job['id']}").status_code == 204
    assert api.get(f"/api/affiliations/{job['id']}").status_code == 404
    assert Affiliation.objects.count() == 1


# --- relationships -------------------------------------------------------------------------


def test_relationships_list_read_edit_delete(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt")
    ben = _person(api, "Ben Braun")
    cara = _person(api, "Cara Cordes")
    boss = api.post("/api/relationships", {"a": anna, "b": ben, "kind": "boss"}).json()
    api.post("/api/relationships", {"a": anna, "b": cara, "kind": "Schwester"})

    page = _envelope(api.get(f"/api/persons/{ben}/relationships"))
    assert [(r["label"], r["person"]["id"]) for r in page["items"]] == [("report of", anna)]
    annas = _envelope(api.get(f"/api/persons/{anna}/relationships"))
    assert [r["person"]["id"] for r in annas["items"]] == [cara, ben]

    edited = api.patch(f"/api/relationships/{boss['id']}", {"kind": "report", "trust": 5})
    assert edited.status_code == 200, edited.json()
    data = edited.json()
    assert (data["from_person"]["id"], data["to_person"]["id"], data["trust"]) == (ben, anna, 5)
    assert api.get(f"/api/relationships/{boss['id']}").json()["kind"] == "boss"

    bad = api.patch(f"/api/relationships/{boss['id']}", {"trust": 7, "note": "x"})
    assert bad.status_code == 400 and bad.json()["field"] == "trust"
    assert Relationship.objects.get(pk=boss["id"]).note == ""
    cleared = api.patch(f"/api/relationships/{boss['id']}", {"trust": ""})
    assert cleared.json()["trust"] is None

    assert api.delete(f"/api/relationships/{boss['id']}").status_code == 204
    assert api.delete(f"/api/relationships/{boss['id']}").status_code == 404
    assert Relationship.objects.count() == 1


# --- important dates -------------------------------------------------------------------------


def test_important_dates_list_edit_delete(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt", birthday="14.03.1980")
    wedding = api.post(
        f"/api/persons/{anna}/dates", {"kind": "anniversary", "date": "2010-06-05"}
    ).json()
    page = _envelope(api.get(f"/api/persons/{anna}/dates"))
    assert [d["kind"] for d in page["items"]] == ["birthday", "anniversary"]

    edited = api.patch(f"/api/dates/{wedding['id']}", {"date": "--06-05", "label": "Hochzeit"})
    assert edited.status_code == 200, edited.json()
    assert (edited.json()["date"], edited.json()["label"]) == ("--06-05", "Hochzeit")
    second_birthday = api.patch(f"/api/dates/{wedding['id']}", {"kind": "birthday"})
    assert second_birthday.status_code == 400 and second_birthday.json()["field"] == "kind"
    empty = api.patch(f"/api/dates/{wedding['id']}", {"date": " ", "label": "x"})
    assert empty.status_code == 400 and empty.json()["field"] == "date"
    assert ImportantDate.objects.get(pk=wedding["id"]).label == "Hochzeit"

    assert api.delete(f"/api/dates/{wedding['id']}").status_code == 204
    assert api.delete(f"/api/dates/{wedding['id']}").status_code == 404


# --- persons: the list's q -------------------------------------------------------------------


def test_persons_q_searches_within_the_filters(api: ApiClient) -> None:
    mueller = _person(api, "Jürgen Müller", tags=["cloud"])
    other = _person(api, "Jana Müller")
    archived = _person(api, "Jens Müller")
    api.post(f"/api/persons/{archived}/archive", {})

    found = _envelope(api.get("/api/persons", q="mueller"))
    assert sorted(r["id"] for r in found["items"]) == sorted([mueller, other])
    assert [r["id"] for r in api.get("/api/persons", q="mueller", tag="cloud").json()["items"]] == [
        mueller
    ]
    everyone = api.get("/api/persons", q="mueller", include_archived="true").json()["items"]
    assert archived in [r["id"] for r in everyone]
    one = _envelope(api.get("/api/persons", q="mueller", limit=1))
    rest = _envelope(api.get("/api/persons", q="mueller", limit=1, offset=1))
    assert one["next_offset"] == 1 and rest["next_offset"] is None
    assert {one["items"][0]["id"], rest["items"][0]["id"]} == {mueller, other}
    assert api.get("/api/persons", q="!!!").json()["field"] == "query"


# --- another network, bad ids, bad texts ----------------------------------------------------


def test_another_networks_objects_are_not_found(api: ApiClient, bob_api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt", emails=["anna@example.de"], birthday="--03-14")
    ben = _person(api, "Ben Braun")
    org = api.post("/api/organisations", {"name": "ACME"}).json()["id"]
    job = api.post("/api/affiliations", {"person": anna, "organisation": org, "kind": "job"})
    rel = api.post("/api/relationships", {"a": anna, "b": ben, "kind": "friend"})
    point = ContactPoint.objects.get().pk
    date = ImportantDate.objects.get().pk
    job_id, rel_id = job.json()["id"], rel.json()["id"]

    for answer in (
        bob_api.get(f"/api/persons/{anna}/contact-points"),
        bob_api.post(f"/api/persons/{anna}/contact-points", {"kind": "email", "value": "b@b.de"}),
        bob_api.patch(f"/api/contact-points/{point}", {"label": "x"}),
        bob_api.delete(f"/api/contact-points/{point}"),
        bob_api.patch(f"/api/organisations/{org}", {"name": "Mine"}),
        bob_api.delete(f"/api/organisations/{org}"),
        bob_api.get(f"/api/persons/{anna}/affiliations"),
        bob_api.get(f"/api/affiliations/{job_id}"),
        bob_api.patch(f"/api/affiliations/{job_id}", {"title": "x"}),
        bob_api.post(f"/api/affiliations/{job_id}/end", {}),
        bob_api.delete(f"/api/affiliations/{job_id}"),
        bob_api.get(f"/api/persons/{anna}/relationships"),
        bob_api.get(f"/api/relationships/{rel_id}"),
        bob_api.patch(f"/api/relationships/{rel_id}", {"trust": 1}),
        bob_api.delete(f"/api/relationships/{rel_id}"),
        bob_api.get(f"/api/persons/{anna}/dates"),
        bob_api.patch(f"/api/dates/{date}", {"label": "x"}),
        bob_api.delete(f"/api/dates/{date}"),
    ):
        assert answer.status_code == 404, answer.json()
    assert bob_api.get("/api/organisations", q="acme").json()["items"] == []
    assert bob_api.get("/api/persons", q="anna").json()["items"] == []
    assert ContactPoint.objects.get().label == "" and Organisation.objects.get().name == "ACME"
    assert Affiliation.objects.get().is_current and Relationship.objects.get().trust is None
    assert ImportantDate.objects.get().label == ""


@pytest.mark.parametrize("bad_id", [2**63, 2**63 - 1, 2**64 + 5, 10**30, 0])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/persons/{}"),
        ("get", "/api/persons/{}/contact-points"),
        ("patch", "/api/contact-points/{}"),
        ("delete", "/api/organisations/{}"),
        ("get", "/api/affiliations/{}"),
        ("post", "/api/affiliations/{}/end"),
        ("patch", "/api/relationships/{}"),
        ("delete", "/api/dates/{}"),
    ],
)
def test_ids_out_of_range_are_not_found(
    api: ApiClient, method: str, path: str, bad_id: int
) -> None:
    answer = api.call(method, path.format(bad_id), {} if method in ("post", "patch") else None)
    assert answer.status_code == 404, answer.content


def test_texts_with_nul_are_refused(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt")
    before = Person.objects.count()
    for answer, field in (
        (api.post("/api/persons", {"name": "Eva\x00Berger"}), "name"),
        (api.post("/api/persons", {"name": "Eva", "tags": ["a\x00"]}), "tags.0"),
        (api.patch(f"/api/persons/{anna}", {"notes": "\x00"}), "notes"),
        (api.get("/api/persons", q="an\x00na"), "q"),
        (api.get("/api/persons", tag="\x00"), "tag"),
        (api.get("/api/organisations", q="\x00"), "q"),
        (api.get("/api/search", q="an\x00na"), "q"),
        (
            api.post(f"/api/persons/{anna}/contact-points", {"kind": "email", "value": "\x00"}),
            "value",
        ),
        (api.post("/api/organisations", {"name": "A\x00"}), "name"),
        (api.delete("/api/relationships", a="\x00", b="me"), "a"),
    ):
        assert answer.status_code == 400, answer.content
        assert answer.json()["field"] == field
    assert Person.objects.count() == before
    assert Person.objects.get(pk=anna).notes == ""


def test_texts_too_long_or_not_unicode_are_refused(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt")
    before = Person.objects.count()
    for answer, field in (
        (api.post("/api/persons", {"name": "Eva " + "b" * 1000}), "name"),
        (api.post("/api/persons", {"name": "Eva", "tags": ["t" * 101]}), "tags"),
        (api.patch(f"/api/persons/{anna}", {"salutation": "s" * 201}), "salutation"),
        (api.post("/api/organisations", {"name": "o" * 301}), "name"),
        (api.post("/api/persons", {"name": "Eva \ud800"}), "name"),
    ):
        assert answer.status_code == 400, answer.content
        assert answer.json()["field"] == field
    assert Person.objects.count() == before


def test_offsets_too_large_are_refused(api: ApiClient) -> None:
    for path in ("/api/persons", "/api/organisations"):
        answer = api.get(path, offset=2**70)
        assert answer.status_code == 400 and answer.json()["field"] == "offset"
    answer = api.get("/api/search", q="anna", offset=2**70)
    assert answer.status_code == 400 and answer.json()["field"] == "offset"
    assert _envelope(api.get("/api/persons", offset=10**6))["items"] == []


def test_search_pages_and_kinds(api: ApiClient) -> None:
    people = [_person(api, f"Anna Nummer{index}") for index in range(3)]
    org = api.post("/api/organisations", {"name": "Anna GmbH"}).json()["id"]
    both = _envelope(api.get("/api/search", q="anna"))
    assert {h["id"] for h in both["items"]} == {*people, org}
    only = api.client.get(
        "/api/search?q=anna&kind=organisation&kind=interaction", headers=api.headers
    ).json()
    assert [h["organisation_id"] for h in only["items"]] == [org]
    first = _envelope(api.get("/api/search", q="anna", kind="person", limit=2))
    rest = _envelope(api.get("/api/search", q="anna", kind="person", limit=2, offset=2))
    assert first["next_offset"] == 2 and rest["next_offset"] is None
    assert {h["id"] for h in first["items"] + rest["items"]} == set(people)
    bad = api.get("/api/search", q="anna", kind="spaceship")
    assert bad.status_code == 400 and bad.json()["field"] == "kind"
