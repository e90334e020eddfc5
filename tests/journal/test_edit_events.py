"""Changing and deleting events; setting and removing attendance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from knoten.core.errors import InvalidInput, KnotenError, NotFound
from knoten.core.models import Member
from knoten.journal import conversations, events
from knoten.journal.models import Attendance, Event, Interaction
from knoten.people.models import Organisation
from tests.conftest import World
from tests.journal.conftest import People, counts


def _event(actor: Member) -> Event:
    return events.add_event(
        actor,
        "Hannover Messe",
        kind="Messe",
        starts="2024-04-22",
        ends="2024-04-26",
        place="Hannover",
        organiser="Deutsche Messe AG",
        cost="450 CHF",
        hours="12",
        note="Halle 7",
    )


def test_edit_changes_what_is_given(world: World, people: People) -> None:
    event = _event(world.alice)
    changed = events.edit_event(
        world.alice,
        event.pk,
        name="Hannover Messe 2024",
        kind="conference",
        starts="2024-04-21",
        organiser="Messe GmbH",
        cost="500",
        hours="1:30",
        note="Halle 8",
    )
    assert changed.name == "Hannover Messe 2024" and changed.kind == "conference"
    assert (changed.starts_on, changed.ends_on) == (dt.date(2024, 4, 21), dt.date(2024, 4, 26))
    assert changed.organiser is not None and changed.organiser.name == "Messe GmbH"
    # A cost without a currency keeps the event's currency.
    assert (changed.cost, changed.currency) == (Decimal("500.00"), "CHF")
    assert changed.hours_spent == Decimal("1.50") and changed.notes == "Halle 8"
    assert changed.place == "Hannover"
    assert events.resolve_event(world.alice, "messe 2024").pk == event.pk

    cleared = events.edit_event(
        world.alice, event.pk, starts="", ends="", place="", organiser="", cost="", hours=""
    )
    assert (cleared.starts_on, cleared.ends_on, cleared.place) == (None, None, "")
    assert (cleared.organiser, cleared.cost, cleared.hours_spent) == (None, None, None)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 301}, "name"),
        ({"name": "Mes\x00se"}, "name"),
        ({"kind": "Party"}, "kind"),
        ({"starts": "2024-05-01"}, "starts"),
        ({"ends": "2024-04-01"}, "ends"),
        ({"starts": ""}, "starts"),
        ({"ends": "Quatsch"}, "ends"),
        ({"cost": "viel"}, "cost"),
        ({"cost": "-5"}, "cost"),
        ({"hours": "lange"}, "hours"),
        ({"organiser": "  "}, "organiser"),
        ({"organiser": "A\x00G"}, "organiser"),
        ({"place": "p" * 301}, "place"),
    ],
)
def test_bad_edits_change_nothing(
    world: World, people: People, changes: dict[str, object], field: str
) -> None:
    event = _event(world.alice)
    before = counts()
    with pytest.raises(KnotenError) as error:
        events.edit_event(world.alice, event.pk, **{"note": "changed", **changes})  # type: ignore[arg-type]
    assert getattr(error.value, "field", getattr(error.value, "what", None)) == field
    assert counts() == before
    event.refresh_from_db()
    assert (event.name, event.notes, event.starts_on) == (
        "Hannover Messe",
        "Halle 7",
        dt.date(2024, 4, 22),
    )


def test_edit_with_a_new_organiser_that_fails_creates_no_organisation(
    world: World, people: People
) -> None:
    event = _event(world.alice)
    with pytest.raises(InvalidInput):
        events.edit_event(world.alice, event.pk, organiser="Neue GmbH", cost="viel")
    assert not Organisation.objects.filter(name="Neue GmbH").exists()


def test_delete_keeps_the_conversations(world: World, people: People) -> None:
    event = _event(world.alice)
    talk = conversations.log_interaction(
        world.alice, "Stand", participants=["Schmidt"], event=event
    )
    events.delete_event(world.alice, event.pk)
    assert Event.objects.count() == 0 and Attendance.objects.count() == 0
    assert Interaction.objects.get(pk=talk.pk).event_id is None
    with pytest.raises(NotFound):
        events.delete_event(world.alice, event.pk)


def test_attendance_is_set_changed_and_removed(world: World, people: People) -> None:
    event = _event(world.alice)
    made = events.set_attendance(world.alice, event.pk, "Schmidt", "erwartet")
    assert (made.person_id, made.status) == (people.anna.pk, "expected")
    met = events.set_attendance(world.alice, event.pk, str(people.anna.pk), "met")
    assert met.pk == made.pk and met.status == "met"
    # Set explicitly, "met" may go back to "expected" (unlike logging a conversation).
    assert events.set_attendance(world.alice, event, people.anna, "expected").status == ("expected")
    events.remove_attendance(world.alice, event.pk, "Schmidt")
    assert Attendance.objects.count() == 0
    with pytest.raises(NotFound) as error:
        events.remove_attendance(world.alice, event.pk, "Schmidt")
    assert error.value.what == "attendance"


@pytest.mark.parametrize(
    ("person", "status", "field"),
    [
        ("Schmidt", "vielleicht", "status"),
        ("Schmidt", "me\x00t", "status"),
        ("me", "met", "person"),
        ("Anna", "met", "person"),
        ("²", "met", "person"),
    ],
)
def test_bad_attendance_writes_nothing(
    world: World, people: People, person: str, status: str, field: str
) -> None:
    event = _event(world.alice)
    with pytest.raises(KnotenError) as error:
        events.set_attendance(world.alice, event.pk, person, status)
    assert getattr(error.value, "field", getattr(error.value, "what", None)) == field
    assert Attendance.objects.count() == 0


def test_another_network_reads_and_changes_nothing(world: World, people: People) -> None:
    event = _event(world.alice)
    events.set_attendance(world.alice, event.pk, "Schmidt", "met")
    bobs = events.add_event(world.bob, "Bobs Messe")
    for attempt in (
        lambda: events.edit_event(world.bob, event.pk, name="Bob's"),
        lambda: events.delete_event(world.bob, event.pk),
        lambda: events.delete_event(world.bob, event),
        lambda: events.set_attendance(world.bob, event.pk, "me", "met"),
        lambda: events.remove_attendance(world.bob, event.pk, str(people.anna.pk)),
        lambda: events.set_attendance(world.bob, bobs.pk, str(people.anna.pk), "met"),
        lambda: events.edit_event(
            world.alice,
            event.pk,
            organiser=Organisation.objects.create(network=world.bob.network, name="Bobs GmbH"),
        ),
    ):
        with pytest.raises(NotFound):
            attempt()
    event.refresh_from_db()
    assert event.name == "Hannover Messe"
    assert Attendance.objects.get().status == "met"


def test_list_pages(world: World, people: People) -> None:
    made = [events.add_event(world.alice, f"Meetup {n}", starts=f"2030-01-0{n}") for n in (1, 2, 3)]
    assert [e.pk for e in events.list_events(world.alice, limit=1, offset=2)] == [made[2].pk]
    assert [e.pk for e in events.list_events(world.alice, limit=None)] == [e.pk for e in made]
