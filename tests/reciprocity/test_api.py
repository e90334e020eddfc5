"""The API's favours, recommendations, channel costs, balance, signals and return on time,
as Alice; bad input is a 400 naming the field that changes nothing; Bob reaches nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from knoten.api.tokens import create_token
from knoten.core.models import Member
from knoten.journal.models import Interaction
from knoten.people.models import Person
from knoten.reciprocity import services
from knoten.reciprocity.models import ChannelCost, Favour, Recommendation
from tests.api.conftest import ApiClient
from tests.conftest import World
from tests.isolation_helpers import changed, snapshot
from tests.reciprocity.conftest import Year

HUGE = 2**63  # one more than the database's largest integer


@pytest.fixture
def api_for() -> Callable[[Member], ApiClient]:
    def make(member: Member) -> ApiClient:
        return ApiClient(create_token(member, "test")[1])

    return make


@pytest.fixture
def api(world: World, api_for: Callable[[Member], ApiClient]) -> ApiClient:
    return api_for(world.alice)


@pytest.fixture
def bob(world: World, api_for: Callable[[Member], ApiClient]) -> ApiClient:
    return api_for(world.bob)


@pytest.fixture
def people(world: World, fixed_today: dt.date) -> dict[str, int]:
    network = world.alice.network
    return {
        name.split()[0].lower(): Person.objects.create(
            network=network, given_name=name.split()[0], family_name=name.split()[1]
        ).pk
        for name in ("Anna Schmidt", "Bernd Braun", "Clara Weiß")
    }


def _ok(answer: Any, status: int = 200) -> Any:
    assert answer.status_code == status, answer.content
    return answer.json() if status != 204 else None


def _refused(answer: Any, field: str, status: int = 400) -> None:
    assert answer.status_code == status, answer.content
    assert answer.json()["field"] == field, answer.json()


# --- favours ------------------------------------------------------------------------------


def test_favours_create_list_read_change_thank_outcome_delete(
    api: ApiClient, people: dict[str, int], world: World
) -> None:
    me = world.alice.me.pk
    made = _ok(
        api.post(
            "/api/favours",
            {
                "giver": "me",
                "receiver": people["anna"],
                "kind": "Auftrag",
                "date": "2026-03-03",
                "value": "5.000 €",
                "minutes": 30,
                "note": "Ausschreibung",
            },
        ),
        201,
    )
    favour = Favour.objects.get()
    assert made == services.favour_as_dict(favour)
    assert (made["giver"]["id"], made["receiver"]["id"], made["kind"]) == (
        me,
        people["anna"],
        "lead",
    )
    assert made["value"] == {"amount": "5000.00", "currency": "EUR"}
    second = _ok(
        api.post(
            "/api/favours",
            {"giver": "Bernd Braun", "receiver": "me", "kind": "tip", "date": "2026-04-01"},
        ),
        201,
    )
    third = _ok(
        api.post(
            "/api/favours",
            {"giver": people["clara"], "receiver": "me", "kind": "help", "thanked": True},
        ),
        201,
    )
    assert third["thanked_on"] == "2026-11-20"

    page = _ok(api.get("/api/favours", limit=2))
    assert [f["id"] for f in page["items"]] == [third["id"], second["id"]]
    assert (page["limit"], page["offset"], page["next_offset"]) == (2, 0, 2)
    rest = _ok(api.get("/api/favours", limit=2, offset=2))
    assert [f["id"] for f in rest["items"]] == [made["id"]] and rest["next_offset"] is None
    assert [f["id"] for f in _ok(api.get("/api/favours", person="Bernd"))["items"]] == [
        second["id"]
    ]
    unthanked = _ok(api.get("/api/favours", unthanked="true", since="2026-03-10"))["items"]
    assert [f["id"] for f in unthanked] == [second["id"]]
    assert [f["id"] for f in _ok(api.get("/api/favours", kind="Hilfe"))["items"]] == [third["id"]]

    assert _ok(api.get(f"/api/favours/{made['id']}")) == made
    patched = _ok(
        api.patch(f"/api/favours/{made['id']}", {"value": None, "minutes": 45, "kind": None})
    )
    assert (patched["value"], patched["minutes"], patched["kind"]) == (None, 45, "lead")
    assert patched["note"] == "Ausschreibung"  # what was not sent stays

    thanked = _ok(api.post(f"/api/favours/{made['id']}/thank", {"on": "2026-03-05"}))
    assert (thanked["thanked"], thanked["thanked_on"]) == (True, "2026-03-05")
    won = _ok(
        api.post(f"/api/favours/{made['id']}/outcome", {"outcome": "won", "value": "12000 EUR"})
    )
    assert (won["outcome"], won["won_value"]) == ("won", {"amount": "12000.00", "currency": "EUR"})
    unthank = _ok(api.patch(f"/api/favours/{made['id']}", {"thanked": False}))
    assert unthank["thanked_on"] is None

    _ok(api.delete(f"/api/favours/{made['id']}"), 204)
    assert api.get(f"/api/favours/{made['id']}").status_code == 404
    assert Favour.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"receiver": "me"}, "receiver", 400),
        ({"kind": "Bestechung"}, "kind", 400),
        ({"kind": 5}, "kind", 400),
        ({"giver": "Niemand"}, "giver", 404),
        ({"giver": HUGE}, "giver", 404),
        ({"date": "2999-01-01"}, "date", 400),
        ({"value": "viel"}, "value", 400),
        ({"value": "-5"}, "value", 400),
        ({"minutes": -1}, "minutes", 400),
        ({"minutes": HUGE}, "minutes", 400),
        ({"won_value": "500"}, "won_value", 400),
        ({"outcome": "vielleicht"}, "outcome", 400),
        ({"note": "a\x00b"}, "note", 400),
        ({"interaction": 999}, "interaction", 404),
        ({"interaction": HUGE}, "interaction", 404),
        ({"thanked": "vielleicht"}, "thanked", 400),
    ],
)
def test_favour_bad_input_is_refused_naming_the_field(
    api: ApiClient, people: dict[str, int], body: dict[str, Any], field: str, status: int
) -> None:
    valid = {"giver": "me", "receiver": people["anna"], "kind": "tip"}
    _refused(api.post("/api/favours", {**valid, **body}), field, status)
    assert Favour.objects.count() == 0
    favour = _ok(api.post("/api/favours", valid), 201)
    if field != "interaction":  # a favour's conversation is set when it is recorded
        _refused(api.patch(f"/api/favours/{favour['id']}", body), field, status)
    stored = Favour.objects.get()
    assert (stored.kind, stored.receiver_id, stored.value, stored.note) == (
        "tip",
        people["anna"],
        None,
        "",
    )


def test_favour_actions_refuse_bad_input(api: ApiClient, people: dict[str, int]) -> None:
    favour = _ok(
        api.post(
            "/api/favours",
            {"giver": "me", "receiver": people["anna"], "kind": "tip", "date": "2026-05-01"},
        ),
        201,
    )
    path = f"/api/favours/{favour['id']}"
    _refused(api.post(f"{path}/thank", {"on": "2026-04-01"}), "on")  # before the favour
    _refused(api.post(f"{path}/thank", {"on": "morgen"}), "on")
    _refused(api.post(f"{path}/outcome", {"outcome": "nothing", "value": "5"}), "value")
    _refused(api.post(f"{path}/outcome", {}), "outcome")
    _refused(api.post("/api/favours/4711/thank", {}), "favour", 404)
    _refused(api.get("/api/favours", since="nie"), "since")
    _refused(api.get("/api/favours", limit=0), "limit")
    stored = Favour.objects.get()
    assert (stored.thanked_on, stored.outcome) == (None, "open")


def test_favours_in_anothers_private_conversation_stay_private(
    world: World, api: ApiClient, api_for: Callable[[Member], ApiClient], people: dict[str, int]
) -> None:
    network = world.alice.network
    user = get_user_model().objects.create(username="dora")
    person = Person.objects.create(network=network, given_name="Dora", family_name="Diehl")
    dora = Member.objects.create(network=network, user=user, person=person, role=Member.Role.EDITOR)
    talk = _ok(
        api.post(
            "/api/interactions",
            {"summary": "Vertraulich", "participants": [people["anna"]], "private": True},
        ),
        201,
    )
    secret = _ok(
        api.post(
            "/api/favours",
            {"giver": people["anna"], "receiver": "me", "kind": "tip", "interaction": talk["id"]},
        ),
        201,
    )
    other = api_for(dora)
    assert _ok(other.get("/api/favours"))["items"] == []
    assert other.get(f"/api/favours/{secret['id']}").status_code == 404
    # …nor can she link a favour of her own to it.
    _refused(
        other.post(
            "/api/favours",
            {"giver": "me", "receiver": people["anna"], "kind": "tip", "interaction": talk["id"]},
        ),
        "interaction",
        404,
    )


# --- recommendations ----------------------------------------------------------------------


def test_recommendations_create_list_read_change_thank_outcome_delete(
    api: ApiClient, people: dict[str, int]
) -> None:
    made = _ok(
        api.post(
            "/api/recommendations",
            {
                "recommender": people["anna"],
                "recipient": "Bernd",
                "beneficiary": "me",
                "date": "2026-10-01",
                "context": "Cloud-Ausschreibung",
            },
        ),
        201,
    )
    assert made == services.recommendation_as_dict(
        Recommendation.objects.get(), Recommendation.objects.get().beneficiary_id
    )
    assert (made["my_role"], made["outcome"]) == ("beneficiary", "open")
    mine = _ok(
        api.post(
            "/api/recommendations",
            {"recommender": "me", "recipient": people["clara"], "beneficiary": people["anna"]},
        ),
        201,
    )
    assert mine["my_role"] == "recommender"

    page = _ok(api.get("/api/recommendations", limit=1))
    assert [r["id"] for r in page["items"]] == [mine["id"]] and page["next_offset"] == 1
    as_beneficiary = _ok(api.get("/api/recommendations", role="beneficiary"))["items"]
    assert [r["id"] for r in as_beneficiary] == [made["id"]]
    annas = _ok(api.get("/api/recommendations", person="Anna Schmidt", role="recommender"))
    assert [r["id"] for r in annas["items"]] == [made["id"]]
    assert _ok(api.get(f"/api/recommendations/{made['id']}")) == made

    patched = _ok(
        api.patch(
            f"/api/recommendations/{made['id']}",
            {"recipient": people["clara"], "context": None},
        )
    )
    assert (patched["recipient"]["id"], patched["context"]) == (people["clara"], "")
    thanked = _ok(
        api.post(
            f"/api/recommendations/{made['id']}/thank", {"by": "recipient", "on": "2026-10-02"}
        )
    )
    assert (thanked["recipient_thanked_on"], thanked["beneficiary_thanked"]) == (
        "2026-10-02",
        False,
    )
    thanked = _ok(api.post(f"/api/recommendations/{made['id']}/thank", {}))
    assert thanked["beneficiary_thanked_on"] == "2026-11-20"
    won = _ok(
        api.post(
            f"/api/recommendations/{made['id']}/outcome",
            {"outcome": "Auftrag gewonnen", "value": 15000},
        )
    )
    assert won["won_value"] == {"amount": "15000.00", "currency": "EUR"}

    _ok(api.delete(f"/api/recommendations/{made['id']}"), 204)
    assert api.get(f"/api/recommendations/{made['id']}").status_code == 404
    assert Recommendation.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"recipient": "Anna Schmidt"}, "recipient", 400),  # the recommender too
        ({"beneficiary": "Anna Schmidt"}, "beneficiary", 400),
        ({"recommender": "Niemand"}, "recommender", 404),
        ({"date": "2999-01-01"}, "date", 400),
        ({"outcome": "vielleicht"}, "outcome", 400),
        ({"won_value": "5"}, "won_value", 400),
        ({"context": "a\x00b"}, "context", 400),
    ],
)
def test_recommendation_bad_input_is_refused_naming_the_field(
    api: ApiClient, people: dict[str, int], body: dict[str, Any], field: str, status: int
) -> None:
    valid = {"recommender": people["anna"], "recipient": people["bernd"], "beneficiary": "me"}
    _refused(api.post("/api/recommendations", {**valid, **body}), field, status)
    assert Recommendation.objects.count() == 0
    made = _ok(api.post("/api/recommendations", valid), 201)
    _refused(api.patch(f"/api/recommendations/{made['id']}", body), field, status)
    stored = Recommendation.objects.get()
    assert (stored.recommender_id, stored.recipient_id, stored.context, stored.outcome) == (
        people["anna"],
        people["bernd"],
        "",
        "open",
    )


def test_recommendation_lists_and_actions_refuse_bad_input(
    api: ApiClient, people: dict[str, int]
) -> None:
    _refused(api.get("/api/recommendations", role="friend"), "role")
    _refused(api.get("/api/recommendations", person="Niemand"), "person", 404)
    made = _ok(
        api.post(
            "/api/recommendations",
            {"recommender": people["anna"], "recipient": people["bernd"], "beneficiary": "me"},
        ),
        201,
    )
    _refused(api.post(f"/api/recommendations/{made['id']}/thank", {"by": "Nachbar"}), "by")
    assert Recommendation.objects.get().beneficiary_thanked_on is None


# --- channel costs ------------------------------------------------------------------------


def test_channel_costs_create_list_delete(api: ApiClient, year: Year) -> None:
    bvmw = year.organisations["bvmw"].pk
    made = _ok(
        api.post(
            "/api/channel-costs",
            {"organisation": bvmw, "amount": "120 EUR", "hours": "2,5", "on": "2026-06-01"},
        ),
        201,
    )
    assert made["channel"] == {"kind": "organisation", "id": bvmw, "name": "BVMW"}
    assert (made["amount"], made["hours"], made["date"]) == (
        {"amount": "120.00", "currency": "EUR"},
        "2.50",
        "2026-06-01",
    )
    event = _ok(api.post("/api/channel-costs", {"event": "Cloud-Messe", "hours": 4}), 201)
    assert event["channel"]["kind"] == "event" and event["date"] == "2026-11-20"
    page = _ok(api.get("/api/channel-costs", limit=2))
    assert [c["id"] for c in page["items"]] == [event["id"], made["id"]]
    assert page["next_offset"] == 2
    assert len(_ok(api.get("/api/channel-costs", since="2026-05-01"))["items"]) == 2
    _ok(api.delete(f"/api/channel-costs/{made['id']}"), 204)
    _refused(api.delete(f"/api/channel-costs/{made['id']}"), "cost", 404)


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"amount": "5"}, "channel", 400),
        ({"organisation": "BVMW", "circle": "Kunden", "amount": "5"}, "channel", 400),
        ({"organisation": "BVMW"}, "amount", 400),
        ({"organisation": "ADAC", "amount": "5"}, "organisation", 404),
        ({"circle": "Schachclub", "amount": "5"}, "circle", 404),
        ({"event": 4711, "amount": "5"}, "event", 404),
        ({"organisation": "BVMW", "hours": "viele"}, "hours", 400),
        ({"organisation": "BVMW", "amount": "5", "note": "\x00"}, "note", 400),
    ],
)
def test_channel_cost_bad_input_is_refused_naming_the_field(
    api: ApiClient, year: Year, body: dict[str, Any], field: str, status: int
) -> None:
    before = ChannelCost.objects.count()
    _refused(api.post("/api/channel-costs", body), field, status)
    assert ChannelCost.objects.count() == before


# --- balance, signals, return on time -----------------------------------------------------


def test_balance_overall_per_contact_and_per_person(api: ApiClient, year: Year) -> None:
    total = _ok(api.get("/api/balance", since="2025-11-20"))
    assert total["person"] is None
    assert (total["given"]["total"], total["received"]["total"], total["difference"]) == (
        12,
        15,
        -3,
    )
    assert total["triangles"] == {"total": 4, "recommender": 1, "recipient": 1, "beneficiary": 2}
    assert total["beneficiary_share"] == 0.5
    assert total["received"]["won_values"] == {"EUR": "23000.00"}
    assert _ok(api.get("/api/balance"))["given"]["favours"] == 12  # all time

    first = _ok(api.get("/api/balance/contacts", since="2025-11-20", limit=5))
    assert len(first["items"]) == 5 and first["next_offset"] == 5
    rest = _ok(api.get("/api/balance/contacts", since="2025-11-20", limit=5, offset=5))
    assert len(rest["items"]) == 3 and rest["next_offset"] is None
    rows = {row["person"]["name"]: row for row in first["items"] + rest["items"]}
    assert len(rows) == 8
    assert (rows["Anna Schmidt"]["given"]["total"], rows["Hans Vogel"]["received"]["total"]) == (
        4,
        3,
    )

    frank = year.people["frank"].pk
    one = _ok(api.get(f"/api/persons/{frank}/balance", since="2025-11-20"))
    assert one["person"] == {"id": frank, "name": "Frank Roth"}
    assert (one["given"]["total"], one["received"]["total"]) == (1, 3)
    assert one == rows["Frank Roth"]
    mine = _ok(api.get(f"/api/persons/{year.me.me.pk}/balance", since="2025-11-20"))
    assert mine == total

    _refused(api.get("/api/balance", since="nie"), "since")
    _refused(api.get("/api/balance/contacts", limit=501), "limit")
    _refused(api.get("/api/persons/4711/balance"), "person", 404)


def test_signals_with_their_numbers(api: ApiClient, year: Year) -> None:
    page = _ok(api.get("/api/signals"))
    found = {(s["code"], (s["person"] or s["channel"])["name"]) for s in page["items"]}
    assert found == {
        ("only_giving", "Anna Schmidt"),
        ("only_taking", "Hans Vogel"),
        ("unthanked_recommendation", "Frank Roth"),
        ("unthanked_favour", "Hans Vogel"),
        ("unthanked_favour", "David Klein"),
        ("time_eater", "Cloud-Messe"),
    }
    eater = next(s for s in page["items"] if s["code"] == "time_eater")
    assert eater["channel"] == {
        "kind": "event",
        "id": year.events["e3"].pk,
        "name": "Cloud-Messe",
    }
    assert eater["numbers"]["hours"] == "25.0"
    two = _ok(api.get("/api/signals", limit=2, offset=1))
    assert two["items"] == page["items"][1:3] and two["next_offset"] == 3
    about_hans = _ok(api.get("/api/signals", person=str(year.people["hans"].pk)))
    assert {s["code"] for s in about_hans["items"]} == {"only_taking", "unthanked_favour"}
    _refused(api.get("/api/signals", person="Niemand"), "person", 404)


def test_return_on_time(api: ApiClient, year: Year) -> None:
    report = _ok(api.get("/api/roi", by="organisation"))
    assert (report["since"], report["until"]) == ("2025-11-20", "2026-11-20")
    assert [c["name"] for c in report["items"]] == ["Rotary Club", "BVMW"]
    bvmw = report["items"][1]
    assert (bvmw["hours"], bvmw["money"], bvmw["results"], bvmw["hours_per_result"]) == (
        "14.5",
        {"EUR": "240.00"},
        6,
        "2.4",
    )
    everything = _ok(api.get("/api/roi", limit=2))
    assert [c["name"] for c in everything["items"]] == ["Rotary Club", "Cloud-Messe"]
    assert everything["next_offset"] == 2
    half = _ok(api.get("/api/roi", since="2026-01-01", until="2026-06-30", by="event"))
    assert {c["name"] for c in half["items"]} == {"Jahrestagung", "Visitenkarten-Party"}
    _refused(api.get("/api/roi", by="country"), "by")
    _refused(api.get("/api/roi", since="2027-01-01"), "since")
    _refused(api.get("/api/roi", until="nie"), "until")


# --- noting favours while logging a conversation -----------------------------------------


def test_logging_a_conversation_notes_its_favours(
    api: ApiClient, people: dict[str, int], world: World
) -> None:
    me = world.alice.me.pk
    talk = _ok(
        api.post(
            "/api/interactions",
            {
                "summary": "Mittagessen",
                "participants": [people["anna"], people["bernd"]],
                "date": "2026-11-18",
                "gave": ["Tipp"],
                "got": ["know-how"],
            },
        ),
        201,
    )
    assert [(f["giver"]["id"], f["receiver"]["id"], f["kind"]) for f in talk["favours"]] == [
        (me, people["anna"], "tip"),
        (people["anna"], me, "know_how"),
    ]
    assert {(f.interaction_id, f.given_on) for f in Favour.objects.all()} == {
        (talk["id"], dt.date(2026, 11, 18))
    }
    plain = _ok(api.post("/api/interactions", {"summary": "Kaffee", "participants": ["Anna"]}), 201)
    assert plain["favours"] == []

    _refused(
        api.post(
            "/api/interactions",
            {"summary": "Essen", "participants": [people["anna"]], "got": ["Bestechung"]},
        ),
        "got",
    )
    assert (Interaction.objects.count(), Favour.objects.count()) == (2, 2)


# --- Bob -----------------------------------------------------------------------------------


def test_bob_reaches_nothing_of_alices(bob: ApiClient, year: Year, world: World) -> None:
    favour, recommendation = year.favours[0].pk, year.recommendations[0].pk
    cost = ChannelCost.objects.filter(network=world.alice.network).values_list("pk", flat=True)[0]
    frank, bvmw = year.people["frank"].pk, year.organisations["bvmw"].pk
    before = snapshot(world.alice.network)
    for method, path, body in [
        ("get", f"/api/favours/{favour}", None),
        ("patch", f"/api/favours/{favour}", {"note": "Bob"}),
        ("delete", f"/api/favours/{favour}", None),
        ("post", f"/api/favours/{favour}/thank", {}),
        ("post", f"/api/favours/{favour}/outcome", {"outcome": "won"}),
        ("get", f"/api/recommendations/{recommendation}", None),
        ("patch", f"/api/recommendations/{recommendation}", {"context": "Bob"}),
        ("delete", f"/api/recommendations/{recommendation}", None),
        ("post", f"/api/recommendations/{recommendation}/thank", {}),
        ("post", f"/api/recommendations/{recommendation}/outcome", {"outcome": "nothing"}),
        ("delete", f"/api/channel-costs/{cost}", None),
        ("get", f"/api/persons/{frank}/balance", None),
        ("post", "/api/favours", {"giver": "me", "receiver": frank, "kind": "tip"}),
        (
            "post",
            "/api/recommendations",
            {"recommender": "me", "recipient": frank, "beneficiary": year.me.me.pk},
        ),
        ("post", "/api/channel-costs", {"organisation": bvmw, "amount": "5"}),
    ]:
        answer = bob.call(method, path, body)
        assert answer.status_code == 404, (method, path, answer.content)
    for path in ("/api/favours", "/api/recommendations", "/api/channel-costs", "/api/signals"):
        assert _ok(bob.get(path))["items"] == [], path
    assert bob.get("/api/favours", person=str(frank)).status_code == 404
    assert _ok(bob.get("/api/balance/contacts"))["items"] == []
    assert _ok(bob.get("/api/balance"))["given"]["total"] == 0
    assert _ok(bob.get("/api/roi"))["items"] == []
    assert changed(before, snapshot(world.alice.network)) == ""
    assert not ChannelCost.objects.filter(network=world.bob.network).exists()
