"""The prep sheet of an event: the right people, the right facts, only what I may see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knoten.core import clock
from knoten.core.errors import NotFound
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.journal.events import add_event, mark_met
from knoten.journal.projects import add_project
from knoten.journal.promises import add_promise
from knoten.people.models import Person
from knoten.people.persons import PersonFields, add_person
from knoten.people.relationships import relate
from knoten.upkeep.prep import prep_sheet
from tests.conftest import World

START = dt.date.today() + dt.timedelta(days=30)


@pytest.fixture
def fair(world: World) -> int:
    """Hannover Messe ahead, with Anna (known), Bernd (new; Carla knows him), Emil (met)."""
    alice = world.alice
    clock.pin(START)
    anna = add_person(
        alice, "Anna Adler", PersonFields(org="Acme", title="CTO", how_met="Rotary lunch")
    )
    bernd = add_person(alice, "Bernd Berger", PersonFields(importance="important"))
    carla = add_person(alice, "Carla Cruz")
    emil = add_person(alice, "Emil Ernst")
    paul = add_person(alice, "Paul Adler")
    add_person(alice, "Zoe Zander")  # not at the fair
    log_interaction(alice, "Talked about the tender", participants=[anna], on=START)
    log_interaction(alice, "Coffee", participants=[carla], on=START - dt.timedelta(days=3))
    add_promise(alice, anna, "Send the offer", due=START + dt.timedelta(days=5))
    add_promise(alice, anna, "Introduce me to Paul", owed_by_me=False)
    relate(alice, anna, paul, "spouse")
    relate(alice, carla, bernd, "mentor", trust=4)
    add_project(alice, "Tender 2027", participants=["Anna Adler=lead"])
    event = add_event(
        alice,
        "Hannover Messe",
        kind="Messe",
        starts=START + dt.timedelta(days=10),
        attendees=[anna, bernd],
    )
    mark_met(alice, event, [emil])
    return event.pk


def test_the_sheet_lists_who_comes_with_what_i_know(world: World, fair: int) -> None:
    sheet = prep_sheet(world.alice, "Messe")
    by_name = {a.name: a for a in sheet.attendees}
    assert list(by_name) == ["Anna Adler", "Bernd Berger", "Emil Ernst"]  # not me, not Zoe
    anna = by_name["Anna Adler"]
    assert (anna.position, anna.organisation and anna.organisation["name"]) == ("CTO", "Acme")
    assert anna.how_we_met["text"] == "Rotary lunch"
    assert anna.last_conversation is not None
    assert anna.last_conversation["summary"] == "Talked about the tender"
    assert anna.last_contact == START and anna.strength > 0
    assert [p["text"] for p in anna.promises_mine] == ["Send the offer"]
    assert [p["text"] for p in anna.promises_theirs] == ["Introduce me to Paul"]
    assert [(f["name"], f["kind"]) for f in anna.family] == [("Paul Adler", "spouse")]
    assert [(p["name"], p["role"]) for p in anna.projects] == [("Tender 2027", "lead")]
    bernd = by_name["Bernd Berger"]
    assert bernd.last_conversation is None and not bernd.known
    assert [(s["name"], s["kind"]) for s in bernd.shared] == [("Carla Cruz", "mentor")]
    # Whom to meet: expected, no contact yet; Emil was met already, Anna is known.
    assert [(w.name, [i["name"] for i in w.introducers]) for w in sheet.wanted] == [
        ("Bernd Berger", ["Carla Cruz"])
    ]
    data = sheet.as_dict()
    assert data["count"] == 3 and data["event"]["name"] == "Hannover Messe"
    assert data["attendees"][0]["last_contact"] == START.isoformat()


def test_never_another_networks_event_nor_others_private_conversations(
    world: World, fair: int
) -> None:
    with pytest.raises(NotFound):
        prep_sheet(world.bob, fair)
    alice = world.alice
    user = get_user_model().objects.create(username="dora")
    me = Person.objects.create(network=alice.network, given_name="Dora", family_name="Diehl")
    dora = Member.objects.create(network=alice.network, user=user, person=me, role="editor")
    anna = Person.objects.get(network=alice.network, given_name="Anna")
    clock.pin(START + dt.timedelta(days=2))
    log_interaction(alice, "Secret pay talk", participants=[anna], private=True)
    mine = prep_sheet(alice, fair).attendees[0].last_conversation
    theirs = prep_sheet(dora, fair).attendees[0].last_conversation
    assert mine is not None and mine["summary"] == "Secret pay talk"
    assert theirs is not None and theirs["summary"] == "Talked about the tender"


def test_the_queries_do_not_grow_with_the_attendees(world: World, fair: int) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            prep_sheet(world.alice, fair)
        return len(seen.captured_queries)

    before = queries()
    alice = world.alice
    for n in range(8):
        person = add_person(alice, f"Gast Nummer{n}", PersonFields(org="Acme", title="Dev"))
        log_interaction(alice, f"Hello {n}", participants=[person], on=START)
        relate(alice, person, "Carla Cruz", "mentor")
        add_promise(alice, person, f"Call {n}")
        mark_met(alice, fair, [person])
    assert queries() == before


def test_whom_to_meet_is_ranked_by_importance_then_the_best_introduction(world: World) -> None:
    """A hand-made fair: those expected whom I do not know (no contact, no relationship
    with me) are proposed, the important one first, then by how strong my tie to the best
    introducer is (not by name), then those nobody I know could introduce; the ones I
    know, met already or only related to me are not proposed."""
    alice = world.alice
    clock.pin(START)
    me = alice.me
    dora = add_person(alice, "Dora Diehl")  # a close contact
    for days in (3, 10, 20, 40, 60):
        log_interaction(alice, "Lunch", participants=[dora], on=START - dt.timedelta(days=days))
    fritz = add_person(alice, "Fritz Fink")  # one call long ago
    log_interaction(alice, "Call", participants=[fritz], on=START - dt.timedelta(days=700))
    known = add_person(alice, "Anna Adler")
    log_interaction(alice, "Coffee", participants=[known], on=START - dt.timedelta(days=5))
    boss = add_person(alice, "Bernd Berger", PersonFields(importance="important"))
    zora = add_person(alice, "Zora Zeller")  # Dora could introduce me
    carla = add_person(alice, "Carla Conrad")  # only Fritz could
    gabi = add_person(alice, "Gabi Graf")  # a colleague of mine, nothing logged yet
    hans = add_person(alice, "Hans Hahn")  # nobody I know knows him
    relate(alice, dora, zora, "friend", trust=4)
    relate(alice, fritz, carla, "friend", trust=5)
    relate(alice, me, gabi, "colleague")
    event = add_event(
        alice,
        "Hannover Messe",
        starts=START + dt.timedelta(days=10),
        attendees=[known, boss, zora, carla, gabi, hans],
    )
    sheet = prep_sheet(alice, event.pk)
    assert [(w.name, [i["name"] for i in w.introducers]) for w in sheet.wanted] == [
        ("Bernd Berger", []),
        ("Zora Zeller", ["Dora Diehl"]),
        ("Carla Conrad", ["Fritz Fink"]),
        ("Hans Hahn", []),
    ]
    strengths = {a.name: a.strength for a in sheet.attendees}
    assert "Gabi Graf" in strengths and "Gabi Graf" not in [w.name for w in sheet.wanted]
    assert {a.name for a in sheet.known} == {"Anna Adler", "Gabi Graf"}
