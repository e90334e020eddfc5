"""The journal's API: conversations, promises, events with attendance, projects with roles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from knoten.core.models import Member
from knoten.journal.models import Attendance, Event, Interaction, Project, ProjectRole, Promise
from tests.api.conftest import ApiClient
from tests.conftest import World

HUGE = 2**63  # one more than the database's largest integer
HUGER = 10**30


@pytest.fixture
def api(world: World, api_for: Callable[[Member], ApiClient]) -> ApiClient:
    return api_for(world.alice)


@pytest.fixture
def bob(world: World, api_for: Callable[[Member], ApiClient]) -> ApiClient:
    return api_for(world.bob)


@pytest.fixture
def dora(world: World) -> Member:
    """A second member of Alice's network (a team shares it)."""
    from django.contrib.auth import get_user_model

    from knoten.people.models import Person

    network = world.alice.network
    user = get_user_model().objects.create(username="dora")
    person = Person.objects.create(network=network, given_name="Dora", family_name="Diehl")
    return Member.objects.create(network=network, user=user, person=person, role=Member.Role.EDITOR)


def _put(api: ApiClient, path: str, body: Any) -> Any:
    return api.call("put", path, body)


def _person(api: ApiClient, name: str) -> int:
    answer = api.post("/api/persons", {"name": name})
    assert answer.status_code == 201, answer.json()
    return int(answer.json()["id"])


def _ok(answer: Any, status: int = 200) -> Any:
    assert answer.status_code == status, answer.content
    return answer.json() if status != 204 else None


def _refused(answer: Any, field: str, status: int = 400) -> None:
    assert answer.status_code == status, answer.content
    assert answer.json()["field"] == field, answer.json()


def _log(api: ApiClient, summary: str, who: list[int], on: str, **more: Any) -> dict[str, Any]:
    body = {"summary": summary, "participants": who, "date": on, **more}
    return dict(_ok(api.post("/api/interactions", body), 201))


def test_interactions_list_read_change_delete(api: ApiClient) -> None:
    anna, ben = _person(api, "Anna Schmidt"), _person(api, "Ben Braun")
    first = _log(api, "Kickoff", [anna], "2024-01-10", kind="call")
    second = _log(api, "Review", [ben], "2024-02-10", promises=["Offer by 2024-03-01"])
    third = _log(api, "Lunch", [anna, ben], "2024-03-10")

    page = _ok(api.get("/api/interactions", limit=2))
    assert [i["id"] for i in page["items"]] == [third["id"], second["id"]]
    assert (page["limit"], page["offset"], page["next_offset"]) == (2, 0, 2)
    last = _ok(api.get("/api/interactions", limit=2, offset=2))
    assert [i["id"] for i in last["items"]] == [first["id"]] and last["next_offset"] is None
    with_anna = _ok(api.get("/api/interactions", person=str(anna)))["items"]
    assert [i["id"] for i in with_anna] == [third["id"], first["id"]]
    window = _ok(api.get("/api/interactions", since="2024-02-01", until="2024-02-28"))
    assert [i["id"] for i in window["items"]] == [second["id"]]
    calls = _ok(api.get("/api/interactions", kind="Telefonat"))["items"]
    assert [i["id"] for i in calls] == [first["id"]]

    read = _ok(api.get(f"/api/interactions/{second['id']}"))
    assert read["summary"] == "Review" and [p["text"] for p in read["promises"]] == ["Offer"]
    assert read["participants"] == [{"id": ben, "name": "Ben Braun"}]

    changed = _ok(
        api.patch(
            f"/api/interactions/{second['id']}",
            {"summary": "Review of the offer", "participants": [anna], "minutes": 45},
        )
    )
    assert changed["summary"] == "Review of the offer" and changed["minutes"] == 45
    assert [p["id"] for p in changed["participants"]] == [anna]
    assert changed["kind"] == "meeting" and changed["date"] == "2024-02-10"
    cleared = _ok(api.patch(f"/api/interactions/{second['id']}", {"minutes": None}))
    assert cleared["minutes"] is None and cleared["summary"] == "Review of the offer"

    _ok(api.delete(f"/api/interactions/{second['id']}"), 204)
    assert Interaction.objects.count() == 2 and Promise.objects.count() == 0
    assert api.get(f"/api/interactions/{second['id']}").status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2024-03-01", "until": "2024-01-01"}, "until"),
        ({"since": "nie"}, "since"),
        ({"kind": "Brieftaube"}, "kind"),
        ({"person": "Niemand"}, "person"),
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"limit": "viele"}, "limit"),
    ],
)
def test_interaction_list_refuses_bad_filters(
    api: ApiClient, params: dict[str, str], field: str
) -> None:
    answer = api.get("/api/interactions", **params)
    assert answer.status_code in (400, 404), answer.content
    assert answer.json()["field"] == field


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"summary": "  "}, "summary"),
        ({"summary": "a\x00b"}, "summary"),
        ({"date": "2999-01-01"}, "date"),
        ({"minutes": -1}, "minutes"),
        ({"minutes": HUGER}, "minutes"),
        ({"participants": []}, "participants"),
        ({"participants": ["me"]}, "participant"),
        ({"place": "x" * 301}, "place"),
        ({"private": "vielleicht"}, "private"),
        ({"kind": 5}, "kind"),
    ],
)
def test_interaction_bad_change_is_400_and_changes_nothing(
    api: ApiClient, body: dict[str, Any], field: str
) -> None:
    anna = _person(api, "Anna Schmidt")
    talk = _log(api, "Lunch", [anna], "2024-03-01")
    _refused(api.patch(f"/api/interactions/{talk['id']}", {"place": "Kantine", **body}), field)
    fresh = Interaction.objects.get()
    assert (fresh.summary, fresh.place) == ("Lunch", "")


def test_interaction_create_refuses_nul_and_long_text(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt")
    bad = api.post("/api/interactions", {"summary": "Lunch\x00", "participants": [anna]})
    _refused(bad, "summary")
    bad = api.post("/api/interactions", {"summary": "x", "participants": [anna], "place": "\x00"})
    _refused(bad, "place")
    _refused(
        api.post("/api/interactions", {"summary": "x", "participants": ["\x00"]}), "participants.0"
    )
    assert Interaction.objects.count() == 0


def test_private_minutes_and_their_author(
    world: World, api: ApiClient, api_for: Callable[[Member], ApiClient], dora: Member
) -> None:
    anna = _person(api, "Anna Schmidt")
    secret = _log(api, "Secret", [anna], "2024-03-01", private=True, promises=["Offer"])
    shared = _log(api, "Shared", [anna], "2024-03-02")
    other = api_for(dora)
    assert [i["id"] for i in _ok(other.get("/api/interactions"))["items"]] == [shared["id"]]
    assert other.get(f"/api/interactions/{secret['id']}").status_code == 404
    assert other.patch(f"/api/interactions/{secret['id']}", {"summary": "x"}).status_code == 404
    assert _ok(other.get("/api/promises"))["items"] == []
    promise = secret["promises"][0]["id"]
    assert other.get(f"/api/promises/{promise}").status_code == 404
    # Dora sees the shared minutes but only their author changes or deletes them.
    _refused(other.patch(f"/api/interactions/{shared['id']}", {"summary": "x"}), "interaction")
    _refused(other.delete(f"/api/interactions/{shared['id']}"), "interaction")
    assert Interaction.objects.get(pk=shared["id"]).summary == "Shared"


def test_promises_create_read_change_complete_reopen_delete(api: ApiClient) -> None:
    anna = _person(api, "Anna Schmidt")
    made = _ok(api.post("/api/promises", {"person": anna, "text": "Offer by 2030-05-01"}), 201)
    assert (made["text"], made["due"], made["done"]) == ("Offer", "2030-05-01", False)
    assert made["debtor"]["name"] == "Alice Adler" and made["creditor"]["id"] == anna
    owed = _ok(
        api.post(
            "/api/promises",
            {"person": "Schmidt", "text": "Intro", "due": "2030-01-01", "owed_by_me": False},
        ),
        201,
    )
    assert owed["debtor"]["id"] == anna

    page = _ok(api.get("/api/promises"))
    assert [p["id"] for p in page["items"]] == [owed["id"], made["id"]]
    assert page["next_offset"] is None
    assert [p["id"] for p in _ok(api.get("/api/promises", owed_by_me="false"))["items"]] == [
        owed["id"]
    ]
    assert _ok(api.get("/api/promises", limit=1))["next_offset"] == 1

    assert _ok(api.get(f"/api/promises/{made['id']}"))["text"] == "Offer"
    changed = _ok(api.patch(f"/api/promises/{made['id']}", {"text": "Revised", "due": None}))
    assert (changed["text"], changed["due"]) == ("Revised", None)
    turned = _ok(api.patch(f"/api/promises/{made['id']}", {"owed_by_me": False}))
    assert turned["debtor"]["id"] == anna and turned["text"] == "Revised"

    _ok(api.post(f"/api/promises/{made['id']}/complete", {"on": "2024-01-01"}))
    _refused(api.post(f"/api/promises/{made['id']}/complete", {}), "promise")
    reopened = _ok(api.post(f"/api/promises/{made['id']}/reopen"))
    assert reopened["done"] is False and reopened["done_on"] is None
    _refused(api.post(f"/api/promises/{made['id']}/reopen"), "promise")

    _ok(api.delete(f"/api/promises/{made['id']}"), 204)
    assert api.get(f"/api/promises/{made['id']}").status_code == 404
    assert list(Promise.objects.values_list("pk", flat=True)) == [owed["id"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"person": "Schmidt", "text": " "}, "text"),
        ({"person": "Schmidt", "text": "Offer by Quatschtag"}, "text"),
        ({"person": "Schmidt", "text": "Offer", "due": "nie"}, "due"),
        ({"person": "Schmidt", "text": "Off\x00er"}, "text"),
        ({"person": "me", "text": "Offer"}, "person"),
        ({"person": "Schmidt", "text": "Offer", "interaction": HUGE}, "interaction"),
        ({"person": "Schmidt"}, "text"),
        ({"person": HUGER, "text": "Offer"}, "person"),
    ],
)
def test_promise_bad_create_writes_nothing(
    api: ApiClient, body: dict[str, Any], field: str
) -> None:
    _person(api, "Anna Schmidt")
    answer = api.post("/api/promises", body)
    assert answer.status_code in (400, 404), answer.content
    assert answer.json()["field"] == field
    assert Promise.objects.count() == 0


def test_events_with_attendance(api: ApiClient) -> None:
    anna, ben = _person(api, "Anna Schmidt"), _person(api, "Ben Braun")
    made = _ok(
        api.post(
            "/api/events",
            {
                "name": "Hannover Messe",
                "kind": "Messe",
                "starts": "2030-04-22",
                "ends": "2030-04-26",
                "organiser": "Deutsche Messe AG",
                "cost": 450,
                "hours": "12,5",
                "attendees": [anna],
            },
        ),
        201,
    )
    assert (made["kind"], made["cost"], made["hours"]) == ("trade_fair", "450.00", "12.50")
    assert made["expected"] == [{"id": anna, "name": "Anna Schmidt"}] and made["met"] == []
    past = _ok(api.post("/api/events", {"name": "Alte Tagung", "starts": "2020-01-01"}), 201)

    assert [e["id"] for e in _ok(api.get("/api/events"))["items"]] == [past["id"], made["id"]]
    upcoming = _ok(api.get("/api/events", upcoming="true"))["items"]
    assert [e["id"] for e in upcoming] == [made["id"]]
    assert _ok(api.get("/api/events", limit=1))["next_offset"] == 1

    event = made["id"]
    changed = _ok(
        api.patch(f"/api/events/{event}", {"name": "Messe 2030", "cost": None, "place": "Halle"})
    )
    assert (changed["name"], changed["cost"], changed["place"]) == ("Messe 2030", None, "Halle")
    assert changed["organiser"]["name"] == "Deutsche Messe AG"

    met = _ok(api.post(f"/api/events/{event}/met", {"people": [ben]}))
    assert [p["id"] for p in met["met"]] == [ben]
    status = _ok(_put(api, f"/api/events/{event}/attendance/{anna}", {"status": "met"}))
    assert status == {
        "event": event,
        "person": {"id": anna, "name": "Anna Schmidt"},
        "status": "met",
    }
    _refused(
        _put(api, f"/api/events/{event}/attendance/{anna}", {"status": "vielleicht"}), "status"
    )
    assert _ok(api.get(f"/api/events/{event}"))["met"] == [
        {"id": ben, "name": "Ben Braun"},
        {"id": anna, "name": "Anna Schmidt"},
    ]
    _ok(api.delete(f"/api/events/{event}/attendance/{ben}"), 204)
    assert api.delete(f"/api/events/{event}/attendance/{ben}").status_code == 404
    assert list(Attendance.objects.values_list("person_id", "status")) == [(anna, "met")]

    _ok(api.delete(f"/api/events/{event}"), 204)
    assert api.get(f"/api/events/{event}").status_code == 404
    assert list(Event.objects.values_list("pk", flat=True)) == [past["id"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "N" * 301}, "name"),
        ({"name": "Mes\x00se"}, "name"),
        ({"ends": "2030-04-01"}, "ends"),
        ({"starts": None}, "starts"),
        ({"cost": "viel"}, "cost"),
        ({"cost": "NaN"}, "cost"),
        ({"hours": -1}, "hours"),
        ({"organiser": "\x00"}, "organiser"),
        ({"kind": "Party"}, "kind"),
    ],
)
def test_event_bad_change_is_400_and_changes_nothing(
    api: ApiClient, body: dict[str, Any], field: str
) -> None:
    made = _ok(
        api.post("/api/events", {"name": "Messe", "starts": "2030-04-22", "ends": "2030-04-23"}),
        201,
    )
    _refused(api.patch(f"/api/events/{made['id']}", {"place": "Halle", **body}), field)
    fresh = Event.objects.get()
    assert (fresh.name, fresh.place) == ("Messe", "")


def test_event_create_refuses_bad_input(api: ApiClient) -> None:
    _refused(api.post("/api/events", {"name": "x", "cost": 10**20}), "cost")
    _refused(api.post("/api/events", {"name": "x", "place": "\x00"}), "place")
    _refused(api.post("/api/events", {"name": "x", "notes": "\x00"}), "notes")
    _refused(api.post("/api/events", {"name": "x", "attendees": ["Niemand"]}), "attendee", 404)
    assert Event.objects.count() == 0


def test_projects_with_roles(api: ApiClient) -> None:
    anna, ben = _person(api, "Anna Schmidt"), _person(api, "Ben Braun")
    made = _ok(
        api.post(
            "/api/projects",
            {
                "name": "Cloud Migration",
                "starts": "2024-03",
                "organisation": "ACME",
                "participants": [f"{anna}=lead"],
            },
        ),
        201,
    )
    assert made["participants"] == [{"id": anna, "name": "Anna Schmidt", "role": "lead"}]
    assert made["starts"] == "2024-03" and made["status"] == "ongoing"
    other = _ok(api.post("/api/projects", {"name": "Website", "status": "geplant"}), 201)

    page = _ok(api.get("/api/projects"))
    assert [p["id"] for p in page["items"]] == [made["id"], other["id"]]
    assert [p["id"] for p in _ok(api.get("/api/projects", status="planned"))["items"]] == [
        other["id"]
    ]
    project = made["id"]
    changed = _ok(
        api.patch(
            f"/api/projects/{project}",
            {"name": "Cloud 2", "status": "completed", "organisation": None, "ends": "2024"},
        )
    )
    assert (changed["name"], changed["status"], changed["organisation"], changed["ends"]) == (
        "Cloud 2",
        "completed",
        None,
        "2024",
    )
    role = _ok(_put(api, f"/api/projects/{project}/roles/{ben}", {"role": "developer"}))
    assert role == {
        "project": project,
        "person": {"id": ben, "name": "Ben Braun"},
        "role": "developer",
    }
    _ok(_put(api, f"/api/projects/{project}/roles/{ben}", {"role": "architect"}))
    roles = _ok(api.get(f"/api/projects/{project}"))["participants"]
    assert [(r["id"], r["role"]) for r in roles] == [(anna, "lead"), (ben, "architect")]
    _ok(api.delete(f"/api/projects/{project}/roles/{anna}"), 204)
    assert api.delete(f"/api/projects/{project}/roles/{anna}").status_code == 404
    _refused(_put(api, f"/api/projects/{project}/roles/{ben}", {"role": "r" * 201}), "role")
    assert ProjectRole.objects.get().role == "architect"

    _ok(api.delete(f"/api/projects/{project}"), 204)
    assert api.get(f"/api/projects/{project}").status_code == 404
    assert list(Project.objects.values_list("pk", flat=True)) == [other["id"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "P\x00"}, "name"),
        ({"status": "fertig-ish"}, "status"),
        ({"ends": "2023"}, "ends"),
        ({"organisation": "  "}, "organisation"),
        ({"description": "\x00"}, "description"),
    ],
)
def test_project_bad_change_is_400_and_changes_nothing(
    api: ApiClient, body: dict[str, Any], field: str
) -> None:
    made = _ok(api.post("/api/projects", {"name": "Cloud", "starts": "2024"}), 201)
    _refused(api.patch(f"/api/projects/{made['id']}", {"description": "new", **body}), field)
    fresh = Project.objects.get()
    assert (fresh.name, fresh.description) == ("Cloud", "")


def test_another_network_is_404_like_a_missing_id(
    world: World, api: ApiClient, bob: ApiClient
) -> None:
    anna = _person(api, "Anna Schmidt")
    talk = _log(api, "Lunch", [anna], "2024-03-01", promises=["Offer"])
    promise = talk["promises"][0]["id"]
    event = _ok(api.post("/api/events", {"name": "Messe", "attendees": [anna]}), 201)["id"]
    project = _ok(api.post("/api/projects", {"name": "Cloud", "participants": [str(anna)]}), 201)[
        "id"
    ]
    bobs = _person(bob, "Bernd Braun")

    for ident in (talk["id"], HUGE, HUGER):
        assert bob.get(f"/api/interactions/{ident}").status_code == 404
        assert bob.patch(f"/api/interactions/{ident}", {"summary": "x"}).status_code == 404
        assert bob.delete(f"/api/interactions/{ident}").status_code == 404
    for ident in (promise, HUGE, HUGER):
        assert bob.get(f"/api/promises/{ident}").status_code == 404
        assert bob.patch(f"/api/promises/{ident}", {"text": "x"}).status_code == 404
        assert bob.post(f"/api/promises/{ident}/reopen").status_code == 404
        assert bob.post(f"/api/promises/{ident}/complete", {}).status_code == 404
        assert bob.delete(f"/api/promises/{ident}").status_code == 404
    for ident in (event, HUGE, HUGER):
        assert bob.get(f"/api/events/{ident}").status_code == 404
        assert bob.patch(f"/api/events/{ident}", {"name": "x"}).status_code == 404
        assert bob.delete(f"/api/events/{ident}").status_code == 404
        assert bob.post(f"/api/events/{ident}/met", {"people": [bobs]}).status_code == 404
        assert (
            _put(bob, f"/api/events/{ident}/attendance/{bobs}", {"status": "met"}).status_code
            == 404
        )
        assert bob.delete(f"/api/events/{ident}/attendance/{anna}").status_code == 404
    for ident in (project, HUGE, HUGER):
        assert bob.get(f"/api/projects/{ident}").status_code == 404
        assert bob.patch(f"/api/projects/{ident}", {"name": "x"}).status_code == 404
        assert bob.delete(f"/api/projects/{ident}").status_code == 404
        assert _put(bob, f"/api/projects/{ident}/roles/{bobs}", {"role": "x"}).status_code == 404
        assert bob.delete(f"/api/projects/{ident}/roles/{anna}").status_code == 404
    # Bob's own event and project with Alice's person (or an id out of range).
    own_event = _ok(bob.post("/api/events", {"name": "Bobs Messe"}), 201)["id"]
    own_project = _ok(bob.post("/api/projects", {"name": "Bobs Projekt"}), 201)["id"]
    for person in (anna, HUGE, HUGER):
        path = f"/api/events/{own_event}/attendance/{person}"
        assert _put(bob, path, {"status": "met"}).status_code == 404
        path = f"/api/projects/{own_project}/roles/{person}"
        assert _put(bob, path, {"role": "x"}).status_code == 404
    assert bob.post("/api/promises", {"person": anna, "text": "x"}).status_code == 404
    assert bob.get("/api/interactions", person=str(anna)).status_code == 404
    assert bob.get("/api/promises", person=str(anna)).status_code == 404
    for path in ("/api/interactions", "/api/promises", "/api/events", "/api/projects"):
        items = _ok(bob.get(path))["items"]
        assert all("Bob" in str(item) for item in items), items

    assert Interaction.objects.get().summary == "Lunch"
    assert Promise.objects.get().text == "Offer"
    assert Event.objects.get(pk=event).name == "Messe"
    assert Project.objects.get(pk=project).name == "Cloud"
    assert Attendance.objects.count() == 1 and ProjectRole.objects.count() == 1


def test_ids_that_are_not_numbers_are_400(api: ApiClient) -> None:
    for path in ("/api/interactions/abc", "/api/promises/1.5", "/api/events/x", "/api/projects/-"):
        answer = api.get(path)
        assert answer.status_code in (400, 404), (path, answer.status_code)


BAD_TEXTS = ["\x00", "a\x00b", "\ud800", "²", "9" * 30, "-1", " "]


@pytest.mark.parametrize("bad", BAD_TEXTS)
def test_no_text_gives_a_server_error(api: ApiClient, bad: str) -> None:
    """Every string field and filter of the journal's API answers 4xx or 2xx, never 5xx."""
    anna = _person(api, "Anna Schmidt")
    talk = _log(api, "Lunch", [anna], "2024-03-01", promises=["Offer"])
    promise = talk["promises"][0]["id"]
    event = _ok(api.post("/api/events", {"name": "Messe"}), 201)["id"]
    project = _ok(api.post("/api/projects", {"name": "Cloud"}), 201)["id"]
    calls: list[tuple[str, str, dict[str, Any]]] = []
    for field in ("person", "since", "until", "kind"):
        calls.append(("get", "/api/interactions", {field: bad}))
    calls.append(("get", "/api/promises", {"person": bad}))
    calls.append(("get", "/api/projects", {"status": bad}))
    calls.append(("get", "/api/events", {"upcoming": bad}))
    for field in ("summary", "on", "kind", "place", "event"):
        calls.append(
            ("post", "/api/interactions", {"summary": "x", "participants": [anna], field: bad})
        )
    calls.append(("post", "/api/interactions", {"summary": "x", "participants": [bad]}))
    calls.append(
        ("post", "/api/interactions", {"summary": "x", "participants": [anna], "promises": [bad]})
    )
    calls.append(
        (
            "post",
            "/api/interactions",
            {"summary": "x", "participants": [anna], "promises": [f"x by {bad}"]},
        )
    )
    for field in ("summary", "on", "kind", "place"):
        calls.append(("patch", f"/api/interactions/{talk['id']}", {field: bad}))
    calls.append(("patch", f"/api/interactions/{talk['id']}", {"participants": [bad]}))
    for body in (
        {"person": bad, "text": "x"},
        {"person": anna, "text": bad},
        {"person": anna, "text": "x", "due": bad},
    ):
        calls.append(("post", "/api/promises", body))
    for field in ("text", "due"):
        calls.append(("patch", f"/api/promises/{promise}", {field: bad}))
    calls.append(("post", f"/api/promises/{promise}/complete", {"on": bad}))
    for field in ("name", "kind", "starts", "ends", "place", "organiser", "cost", "hours", "notes"):
        calls.append(("post", "/api/events", {"name": "x", field: bad}))
        calls.append(("patch", f"/api/events/{event}", {field: bad}))
    calls.append(("post", "/api/events", {"name": "x", "attendees": [bad]}))
    calls.append(("post", f"/api/events/{event}/met", {"people": [bad]}))
    calls.append(("put", f"/api/events/{event}/attendance/{anna}", {"status": bad}))
    for field in ("name", "status", "starts", "ends", "organisation", "description"):
        calls.append(("post", "/api/projects", {"name": "x", field: bad}))
        calls.append(("patch", f"/api/projects/{project}", {field: bad}))
    calls.append(("post", "/api/projects", {"name": "x", "participants": [bad, f"{anna}={bad}"]}))
    calls.append(("put", f"/api/projects/{project}/roles/{anna}", {"role": bad}))

    for method, path, data in calls:
        if method == "get" and bad == "\ud800":
            continue  # no URL carries half a surrogate pair; the client cannot send it
        answer = api.get(path, **data) if method == "get" else api.call(method, path, data)
        assert answer.status_code < 500, (method, path, data, answer.content)
        if answer.status_code >= 400:
            assert answer.json()["message"], (method, path, data)


def test_pages_far_out_are_refused_or_empty(api: ApiClient) -> None:
    for path in ("/api/interactions", "/api/promises", "/api/events", "/api/projects"):
        _refused(api.get(path, offset=str(HUGER)), "offset")
        _refused(api.get(path, offset=str(HUGE)), "offset")
        far = _ok(api.get(path, offset="1000000"))
        assert far["items"] == [] and far["next_offset"] is None
