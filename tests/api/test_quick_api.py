"""Quick capture through the API: a line's plan, then the line saved with its choices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal.models import Interaction, Promise
from knoten.people.models import Person
from knoten.people.persons import add_person
from tests.api.conftest import ApiClient
from tests.conftest import World

START = dt.date.today() + dt.timedelta(days=30)


def test_preview_then_save_with_a_choice(
    api_for: Callable[[Member], ApiClient], world: World
) -> None:
    clock.pin(START)
    add_person(world.alice, "Jürgen Müller")
    petra = add_person(world.alice, "Petra Müller")
    bobs = add_person(world.bob, "Anna Adler")
    api = api_for(world.alice)
    line = "Anruf Müller, will ihr morgen das Angebot schicken"
    plan = api.post("/api/notes/preview", {"text": line})
    assert plan.status_code == 200
    (question,) = plan.json()["questions"]
    assert question["key"] == "Müller" and {c["id"] for c in question["candidates"]} >= {petra.pk}
    refused = api.post("/api/notes", {"text": line})
    assert refused.status_code == 400 and "still open" in refused.json()["reason"]
    assert Interaction.objects.count() == 0
    saved = api.post("/api/notes", {"text": line, "choices": {"Müller": petra.pk}})
    assert saved.status_code == 201
    conversation = saved.json()["conversation"]
    assert conversation["kind"] == "call"
    assert [p["id"] for p in conversation["participants"]] == [petra.pk]
    due = (START + dt.timedelta(days=1)).isoformat()
    assert Promise.objects.get().due_on.isoformat() == due
    # Bob's Anna is unknown to Alice, and cannot be chosen.
    assert (
        api.post("/api/notes/preview", {"text": "Call with Anna Adler"}).json()["questions"][0][
            "reason"
        ]
        == "unknown"
    )
    other = api.post("/api/notes", {"text": "Lunch in Kiel", "choices": {"person": bobs.pk}})
    assert other.status_code == 404 and Interaction.objects.count() == 1
    assert api.post("/api/notes/preview", {"text": ""}).status_code == 400


def test_api_takes_new_for_a_name_nobody_has(
    api_for: Callable[[Member], ApiClient], world: World
) -> None:
    clock.pin(START)
    api = api_for(world.alice)
    line = "Call with Zora Zimmer, she'll send me the plan"
    plan = api.post("/api/notes/preview", {"text": line}).json()
    assert plan["questions"][0]["new_person"] == "Zora Zimmer"
    assert plan["remarks"] == ["“she'll send me the plan” has no due day; it is kept without one."]
    saved = api.post("/api/notes", {"text": line, "choices": {"Zora Zimmer": "new"}})
    assert saved.status_code == 201
    (person,) = saved.json()["conversation"]["participants"]
    assert Person.objects.get(pk=person["id"]).full_name == "Zora Zimmer"
    assert Promise.objects.get().debtor_id == person["id"]
    wrong = api.post("/api/notes", {"text": "Lunch in Kiel", "choices": {"person": "new"}})
    assert wrong.status_code == 400
