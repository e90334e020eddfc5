"""Capturing whom I met at an event: recognised umlaut-aware, asked on two, new ones added."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core import clock
from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.journal.events import add_event
from knoten.journal.models import Attendance, Interaction
from knoten.people.models import Person
from knoten.people.persons import PersonFields, add_person
from knoten.upkeep.capture import capture_met, capture_suggestions, captured_at
from tests.conftest import World

START = dt.date.today() + dt.timedelta(days=30)


@pytest.fixture
def messe(world: World) -> int:
    clock.pin(START)
    add_person(world.alice, "Jürgen Müller", PersonFields(org="Bosch"))
    event = add_event(world.alice, "Hannover Messe", starts=START + dt.timedelta(days=3))
    clock.pin(START + dt.timedelta(days=5))
    return event.pk


def test_an_existing_person_is_recognised_without_umlauts(world: World, messe: int) -> None:
    done = capture_met(world.alice, messe, name="Muller", line="Wants a quote for sensors")
    jurgen = Person.objects.get(pk=done.person_id)
    assert (done.name, done.created) == ("Jürgen Müller", False)
    assert jurgen.met_at_event_id == messe
    talk = Interaction.objects.get(pk=done.interaction_id)
    assert (talk.kind, talk.summary, talk.event_id) == (
        "event_conversation",
        "Wants a quote for sensors",
        messe,
    )
    assert talk.occurred_on == START + dt.timedelta(days=3)  # the event's day
    assert Attendance.objects.get(event_id=messe, person=jurgen).status == "met"
    assert Person.objects.filter(network=world.alice.network).count() == 2  # me and Jürgen
    assert [c["name"] for c in capture_suggestions(world.alice, "Mull")] == ["Jürgen Müller"]


def test_two_mullers_are_asked_about_never_guessed(world: World, messe: int) -> None:
    anna = add_person(world.alice, "Anna Müller")
    before = Interaction.objects.count()
    with pytest.raises(Ambiguous) as asked:
        capture_met(world.alice, messe, name="Mueller", line="Hi")
    assert len(asked.value.candidates) == 2
    assert Interaction.objects.count() == before
    done = capture_met(world.alice, messe, name="Mueller", person=anna.pk, line="Hi")
    assert done.person_id == anna.pk


def test_a_new_person_gets_the_event_as_how_we_met_and_a_first_conversation(
    world: World, messe: int
) -> None:
    done = capture_met(world.alice, messe, name="Dr. Petra Pohl", organisation="Siemens")
    assert done.created
    petra = Person.objects.get(pk=done.person_id)
    assert (petra.academic_title, petra.family_name, petra.met_at_event_id) == (
        "Dr.",
        "Pohl",
        messe,
    )
    assert str(petra.met_on) == (START + dt.timedelta(days=3)).isoformat()
    job = petra.affiliations.get()
    assert job.organisation.name == "Siemens"
    assert done.summary == "Met at Hannover Messe"
    assert [c["name"] for c in captured_at(world.alice, messe)] == ["Dr. Petra Pohl"]


def test_bad_input_changes_nothing_and_another_network_finds_nothing(
    world: World, messe: int
) -> None:
    people = Person.objects.count()
    with pytest.raises(InvalidInput):
        capture_met(world.alice, messe, name="  ")
    with pytest.raises(InvalidInput):
        capture_met(world.alice, messe, name="me")
    with pytest.raises(NotFound):
        capture_met(world.bob, messe, name="Neu Person")
    with pytest.raises(NotFound):
        capture_met(world.bob, "Hannover", name="Jürgen Müller")
    assert Person.objects.count() == people
    assert capture_suggestions(world.bob, "Muller") == []
