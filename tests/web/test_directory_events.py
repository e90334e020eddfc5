"""The events pages: upcoming and past, adding, a detail page with who will be (or was)
there and whom I met, attendance forms, editing and deleting; never another network's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from knoten.core.clock import today
from knoten.core.models import Member
from knoten.journal.events import add_event
from knoten.journal.models import Attendance, Event
from knoten.people.models import Person
from knoten.people.persons import add_person
from knoten.web import kit
from tests.conftest import World

pytestmark = pytest.mark.django_db

# What htmx sends when an element targets the list or the attendance part.
PART_OF_LIST = {"HX-Request": "true", "HX-Target": "results"}
ATTENDANCE_PART = {"HX-Request": "true", "HX-Target": "attendance"}


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def day(offset: int) -> str:
    return (today() + dt.timedelta(days=offset)).isoformat()


@pytest.fixture
def anna(world: World) -> Person:
    return add_person(world.alice, "Anna Schmidt")


@pytest.fixture
def fair(world: World, anna: Person) -> Event:
    return add_event(
        world.alice,
        "Hannover Messe",
        kind="Messe",
        starts=day(30),
        ends=day(33),
        place="Hannover",
        organiser="Deutsche Messe AG",
        cost="1234.5",
        attendees=[anna],
    )


def url(name: str, event: Event) -> str:
    return reverse(f"web:{name}", kwargs={"event_id": event.pk})


def test_upcoming_and_past(world: World, fair: Event) -> None:
    add_event(world.alice, "Old Meetup", starts=day(-10))
    add_event(world.bob, "Bob's Party", starts=day(5))
    client = signed_in(world.alice)
    upcoming = client.get(reverse("web:events")).content.decode()
    assert "Hannover Messe" in upcoming and "Old Meetup" not in upcoming
    assert "Bob&#x27;s Party" not in upcoming and "Bob's Party" not in upcoming
    past = client.get(reverse("web:events"), {"when": "past"}).content.decode()
    assert "Old Meetup" in past and "Hannover Messe" not in past
    fragment = client.get(reverse("web:events"), {"when": "past"}, headers=PART_OF_LIST)
    assert "<html" not in fragment.content.decode()
    assert "Old Meetup" in fragment.content.decode()


def test_pages_of_the_list(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kit, "PAGE_SIZE", 2)
    for offset, name in ((1, "First"), (2, "Second"), (3, "Third")):
        add_event(world.alice, f"{name} meetup", starts=day(offset))
    client = signed_in(world.alice)
    first = client.get(reverse("web:events")).content.decode()
    assert "First meetup" in first and "Third meetup" not in first and 'rel="next"' in first
    last = client.get(reverse("web:events"), {"page": "2"}).content.decode()
    assert "Third meetup" in last and "First meetup" not in last and 'rel="prev"' in last


def test_detail(world: World, fair: Event, anna: Person) -> None:
    answer = signed_in(world.alice).get(url("event", fair))
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "Hannover Messe" in body and "trade fair" in body and "Hannover" in body
    assert "Deutsche Messe AG" in body
    assert "1,234.50 EUR" in body
    expected = body.split('id="s-expected"')[1].split('id="s-met"')[0]
    assert "Anna Schmidt" in expected
    assert 'data-autocomplete="person"' in body


def test_detail_in_german(world: World, fair: Event) -> None:
    body = (
        signed_in(world.alice)
        .get(url("event", fair), headers={"Accept-Language": "de"})
        .content.decode()
    )
    assert "1.234,50 EUR" in body
    assert "Messe" in body


def test_add(world: World, anna: Person) -> None:
    client = signed_in(world.alice)
    assert client.get(reverse("web:event_add")).status_code == 200
    answer = client.post(
        reverse("web:event_add"),
        {
            "name": "Stammtisch",
            "kind": "meetup",
            "starts": day(7),
            "place": "Kiel",
            "cost": "12,50 €",
            "hours": "3",
            "attendee": "Anna",
        },
    )
    event = Event.objects.get(network=world.alice.network, name="Stammtisch")
    assert answer.status_code == 302
    assert answer["Location"] == url("event", event)
    assert event.cost == Decimal("12.50")
    assert event.starts_on == today() + dt.timedelta(days=7)
    assert Attendance.objects.get(event=event).person == anna


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"name": ""}, "name", "is empty"),
        ({"name": "X", "starts": day(5), "ends": day(1)}, "ends", "before the start"),
        ({"name": "X", "cost": "lots"}, "cost", "is not an amount"),
        ({"name": "X", "attendee": "Nobody Here"}, "attendee", "No one in your network matches"),
    ],
)
def test_add_refuses_bad_input(
    world: World, anna: Person, posted: dict[str, str], field: str, message: str
) -> None:
    answer = signed_in(world.alice).post(reverse("web:event_add"), posted)
    assert answer.status_code == 400
    body = answer.content.decode()
    assert message in body.split(f'id="error_{field}">')[1].split("</p>")[0]
    assert not Event.objects.exists()


def test_ambiguous_person_is_named_next_to_the_field(world: World, fair: Event) -> None:
    add_person(world.alice, "Anna Meier")
    answer = signed_in(world.alice).post(
        url("event_attendance", fair), {"person": "Anna", "status": "met"}
    )
    assert answer.status_code == 400
    error = answer.content.decode().split('id="error_person">')[1].split("</p>")[0]
    assert "matches several" in error and "Anna Meier" in error
    assert Attendance.objects.get(event=fair).status == "expected"


def test_attendance_forms(world: World, fair: Event, anna: Person) -> None:
    client = signed_in(world.alice)
    bernd = add_person(world.alice, "Bernd Brot")
    answer = client.post(url("event_attendance", fair), {"person": "Bernd Brot", "status": "met"})
    assert answer.status_code == 302
    assert Attendance.objects.get(event=fair, person=bernd).status == "met"
    # Mark one of those expected as met, as htmx does: the attendance part comes back.
    answer = client.post(url("event_met", fair), {"person": str(anna.pk)}, headers=ATTENDANCE_PART)
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "<html" not in body
    assert "Anna Schmidt" in body.split('id="s-met"')[1]
    assert Attendance.objects.get(event=fair, person=anna).status == "met"
    answer = client.post(url("event_attendance_remove", fair), {"person": str(bernd.pk)})
    assert answer.status_code == 302
    assert not Attendance.objects.filter(event=fair, person=bernd).exists()


def test_attendance_refuses_a_bad_status(world: World, fair: Event, anna: Person) -> None:
    bernd = add_person(world.alice, "Bernd Brot")
    answer = signed_in(world.alice).post(
        url("event_attendance", fair), {"person": "Bernd Brot", "status": "maybe"}
    )
    assert answer.status_code == 400
    assert "is not an attendance status" in answer.content.decode().split('id="error_status">')[1]
    assert not Attendance.objects.filter(person=bernd).exists()


def test_edit(world: World, fair: Event) -> None:
    client = signed_in(world.alice)
    form = client.get(url("event_edit", fair)).content.decode()
    assert 'value="Hannover Messe"' in form and 'value="1234.50 EUR"' in form
    answer = client.post(
        url("event_edit", fair),
        {"name": "HMI", "kind": "conference", "starts": day(40), "ends": "", "cost": ""},
    )
    assert answer.status_code == 302
    fair.refresh_from_db()
    assert (fair.name, fair.kind, fair.ends_on, fair.cost) == ("HMI", "conference", None, None)
    # What the form did not send stays as it was; an emptied field is cleared.
    assert fair.organiser is not None and fair.organiser.name == "Deutsche Messe AG"
    assert fair.place == "Hannover"
    client.post(url("event_edit", fair), {"organiser": "", "place": ""})
    fair.refresh_from_db()
    assert (fair.organiser, fair.place, fair.name) == (None, "", "HMI")


def test_edit_refuses_bad_input_and_changes_nothing(world: World, fair: Event) -> None:
    answer = signed_in(world.alice).post(
        url("event_edit", fair), {"name": "Renamed", "kind": "meetup", "hours": "many"}
    )
    assert answer.status_code == 400
    assert 'id="error_hours"' in answer.content.decode()
    fair.refresh_from_db()
    assert (fair.name, fair.kind) == ("Hannover Messe", "trade_fair")


def test_delete_asks_first(world: World, fair: Event) -> None:
    client = signed_in(world.alice)
    assert client.get(url("event_delete", fair)).status_code == 200
    assert Event.objects.filter(pk=fair.pk).exists()
    answer = client.post(url("event_delete", fair))
    assert answer.status_code == 302
    assert not Event.objects.filter(pk=fair.pk).exists()


def test_another_networks_event_is_not_found(world: World, fair: Event, anna: Person) -> None:
    bob = signed_in(world.bob)
    for name in ("event", "event_edit", "event_delete"):
        assert bob.get(url(name, fair)).status_code == 404, name
    for name in ("event_edit", "event_delete", "event_met", "event_attendance"):
        answer = bob.post(url(name, fair), {"name": "X", "person": str(anna.pk), "status": "met"})
        assert answer.status_code == 404, name
    assert Event.objects.get(pk=fair.pk).name == "Hannover Messe"
    assert Attendance.objects.get(event=fair).status == "expected"


def test_a_person_of_another_network_is_not_found(world: World, fair: Event) -> None:
    bob_person = add_person(world.bob, "Bernd Geheim")
    answer = signed_in(world.alice).post(
        url("event_attendance", fair), {"person": str(bob_person.pk), "status": "met"}
    )
    assert answer.status_code == 400
    assert 'id="error_person"' in answer.content.decode()
    assert not Attendance.objects.filter(person=bob_person).exists()


def test_a_picked_suggestion_tells_namesakes_apart(world: World, fair: Event) -> None:
    add_person(world.alice, "Jan Weber")
    second = add_person(world.alice, "Jan Weber")
    client = signed_in(world.alice)
    typed = client.post(url("event_attendance", fair), {"person": "Jan Weber", "status": "met"})
    assert typed.status_code == 400
    answer = client.post(
        url("event_attendance", fair),
        {"person": "Jan Weber", "status": "met", "picked": f"{second.pk}:Jan Weber"},
    )
    assert answer.status_code == 302
    assert Attendance.objects.get(event=fair, status="met").person == second


def test_an_htmx_form_with_a_mistake_gets_the_part_with_the_message(
    world: World, fair: Event
) -> None:
    answer = signed_in(world.alice).post(
        url("event_attendance", fair),
        {"person": "Nobody Here", "status": "met"},
        headers=ATTENDANCE_PART,
    )
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "<html" not in body
    assert 'id="error_person"' in body and 'value="Nobody Here"' in body


def test_a_boosted_request_gets_the_whole_page(world: World, fair: Event) -> None:
    client = signed_in(world.alice)
    for address in (url("event", fair), reverse("web:events")):
        answer = client.get(address, headers={"HX-Request": "true", "HX-Boosted": "true"})
        assert "<html" in answer.content.decode(), address
        assert "HX-Target" in answer["Vary"]
