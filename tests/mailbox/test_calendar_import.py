"""Meetings from an iCalendar file: who was there, when, how long, where."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core.errors import InvalidInput
from knoten.journal.models import Interaction
from knoten.mailbox import importing
from knoten.mailbox.models import SeenAddress
from knoten.people import persons
from tests.conftest import World
from tests.isolation_helpers import snapshot
from tests.mailbox.conftest import CALENDAR, Contacts


def _meetings(world: World) -> list[tuple[str, str, str, int | None, str, list[str]]]:
    return [
        (
            i.occurred_on.isoformat(),
            i.kind,
            i.summary,
            i.duration_minutes,
            i.place,
            sorted(p.full_name for p in i.participants.all()),
        )
        for i in Interaction.objects.filter(network=world.alice.network).order_by("occurred_on")
    ]


def test_events_with_known_attendees_become_meetings(world: World, contacts: Contacts) -> None:
    report = importing.import_calendar(world.alice, CALENDAR, "Kalender.ics")

    assert _meetings(world) == [
        # The recurring jour fixe: its first occurrence only, 30 minutes (DURATION).
        ("2024-01-08", "meeting", "Jour fixe", 30, "", ["Jürgen Müller"]),
        # Ben declined: only Anna was there; 09:00 to 12:00 in Outlook's Windows zone.
        (
            "2024-03-05",
            "meeting",
            "Strategie-Workshop ACME",
            180,
            "ACME GmbH, Raum 4",
            ["Anna Schmidt"],
        ),
    ]
    assert report.read == 5
    assert report.recurring == 1
    # The fair with Carla only: no known person.
    assert report.without_known_person == 1
    assert [(x.where, x.reason.split(";")[0]) for x in report.skipped] == [
        ("event 3 (Jour fixe (verschoben))", "is one changed occurrence of a recurring event"),
        ("event 5 (Jubiläum)", "is dated 2099-01-01, in the future"),
    ]


def test_the_calendar_again_creates_nothing(world: World, contacts: Contacts) -> None:
    importing.import_calendar(world.alice, CALENDAR, "Kalender.ics")
    again = importing.import_calendar(world.alice, CALENDAR, "Kalender.ics")
    assert again.created == []
    assert again.already_seen == 3
    assert Interaction.objects.count() == 2


def test_attendees_count_towards_suggestions(world: World, contacts: Contacts) -> None:
    importing.import_calendar(world.alice, CALENDAR, "Kalender.ics")
    carla = SeenAddress.objects.get(address="carla@startup.io")
    assert (carla.messages, carla.names, carla.first_on) == (1, ["Carla Neu"], dt.date(2024, 4, 22))
    # Who declined was not there, and is not counted.
    assert not SeenAddress.objects.filter(address="ben@braun-consult.de").exists()


def test_an_event_added_later_with_a_known_person_is_caught_up(
    world: World, contacts: Contacts
) -> None:
    importing.import_calendar(world.alice, CALENDAR, "Kalender.ics")
    persons.add_person(world.alice, "Carla Neu", persons.PersonFields(emails=["carla@startup.io"]))
    report = importing.import_calendar(world.alice, CALENDAR, "Kalender.ics")
    assert [(c.summary, c.caught_up, c.day) for c in report.created] == [
        ("Hannover Messe", True, dt.date(2024, 4, 22))
    ]
    # An all-day event has no duration.
    assert Interaction.objects.get(summary="Hannover Messe").duration_minutes is None


def test_since_and_dry_run(world: World, contacts: Contacts) -> None:
    before = snapshot(world.alice.network)
    report = importing.import_calendar(
        world.alice, CALENDAR, "Kalender.ics", since="1.3.2024", dry_run=True
    )
    assert [c.summary for c in report.created] == ["Strategie-Workshop ACME"]
    assert report.before_since == 1
    assert snapshot(world.alice.network) == before


@pytest.mark.parametrize(
    "data",
    [
        b"Vorname;Nachname\r\nAnna;Schmidt\r\n",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\nEND:VCARD\r\n",
        b"",
    ],
)
def test_a_file_that_is_no_calendar_is_refused(
    world: World, contacts: Contacts, data: bytes
) -> None:
    before = snapshot(world.alice.network)
    with pytest.raises(InvalidInput) as error:
        importing.import_calendar(world.alice, data, "kontakte.ics")
    assert error.value.field == "file"
    assert "'kontakte.ics' is not an iCalendar file" in error.value.message
    assert snapshot(world.alice.network) == before


def test_an_event_without_a_readable_start_is_skipped(world: World, contacts: Contacts) -> None:
    broken = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x1\r\nSUMMARY:Kaputt\r\n"
        b"DTSTART:2024xx\r\nATTENDEE:mailto:anna@acme.de\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    report = importing.import_calendar(world.alice, broken, "kaputt.ics")
    assert report.created == []
    assert [(x.where, x.reason) for x in report.skipped] == [
        ("event 1 (Kaputt)", "has no DTSTART that can be read")
    ]


def test_a_cancelled_event_is_no_meeting(world: World, contacts: Contacts) -> None:
    cancelled = CALENDAR.replace(
        b"SUMMARY:Strategie-Workshop ACME\r\n",
        b"SUMMARY:Strategie-Workshop ACME\r\nSTATUS:CANCELLED\r\n",
    )
    report = importing.import_calendar(world.alice, cancelled, "Kalender.ics")
    assert "Strategie-Workshop ACME" not in [c.summary for c in report.created]
    assert ("event 1 (Strategie-Workshop ACME)", "was cancelled") in [
        (x.where, x.reason) for x in report.skipped
    ]
