"""Events: kinds, dates, cost and hours as people write them; expected and met."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from knoten.core import reading
from knoten.core.errors import Ambiguous, InvalidInput, KnotenError, NotFound
from knoten.journal import conversations, events
from knoten.journal.models import Attendance, Event
from knoten.profiles import event as event_profile
from tests.conftest import World
from tests.journal.conftest import People, counts


def test_an_event_is_stored_with_everything_given(world: World, people: People) -> None:
    event = events.add_event(
        world.alice,
        "Hannover Messe",
        kind="Messe",
        starts="22.04.2024",
        ends="2024-04-26",
        place="Hannover",
        organiser="Deutsche Messe AG",
        cost="1.234,50 €",
        hours="12,5",
        note="Halle 7",
        attendees=["Schmidt", "Mueller"],
    )
    event.refresh_from_db()
    assert event.kind == "trade_fair"
    assert (event.starts_on, event.ends_on) == (dt.date(2024, 4, 22), dt.date(2024, 4, 26))
    assert event.place == "Hannover"
    assert event.organiser is not None and event.organiser.name == "Deutsche Messe AG"
    assert (event.cost, event.currency) == (Decimal("1234.50"), "EUR")
    assert event.hours_spent == Decimal("12.50")
    assert event.notes == "Halle 7"
    expected = {a.person_id: a.status for a in event.attendances.all()}
    assert expected == {people.anna.pk: "expected", people.juergen.pk: "expected"}


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        pytest.param("450", "450.00", None, id="plain"),
        pytest.param("450 EUR", "450.00", "EUR", id="with EUR"),
        pytest.param("1.234,50 €", "1234.50", "EUR", id="German with €"),
        pytest.param("€1,234.50", "1234.50", "EUR", id="English with €"),
        pytest.param("1234.5", "1234.50", None, id="decimal point"),
        pytest.param("99,90", "99.90", None, id="decimal comma"),
        pytest.param("1.234", "1234.00", None, id="thousands point"),
        pytest.param("1 234 567", "1234567.00", None, id="thousands spaces"),
        pytest.param("450,- €", "450.00", "EUR", id="German dash"),
        pytest.param("120 CHF", "120.00", "CHF", id="francs"),
        pytest.param("$80", "80.00", "USD", id="dollars"),
        pytest.param("0", "0.00", None, id="free"),
    ],
)
def test_a_cost_is_read_as_people_write_it(text: str, amount: str, currency: str | None) -> None:
    assert reading.parse_amount(text) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("zwölf", "is not an amount", id="words"),
        pytest.param("12,34,5", "is not an amount", id="bad grouping"),
        pytest.param("1.23.4", "is not an amount", id="mixed groups"),
        pytest.param("1,2345", "is not an amount", id="four decimals"),
        pytest.param("€ 12 €", "is not an amount", id="two currencies"),
        pytest.param("12 Äpfel", "is not an amount", id="not a currency"),
        pytest.param("-5", "is negative; a cost is 0 or more", id="negative"),
        pytest.param("99999999999", "is too large for a cost", id="too large"),
    ],
)
def test_a_bad_cost_is_refused(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        reading.parse_amount(text)
    assert caught.value.message.startswith(f"cost: {text!r} {reason}")


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        pytest.param("4", "4.00", id="whole"),
        pytest.param("4,5", "4.50", id="comma"),
        pytest.param("4.5 h", "4.50", id="with h"),
        pytest.param("3 Stunden", "3.00", id="Stunden"),
        pytest.param("1:30", "1.50", id="clock"),
        pytest.param(6, "6.00", id="a number"),
    ],
)
def test_hours_are_read_as_people_write_them(text: str | int, hours: str) -> None:
    assert reading.parse_hours(text) == Decimal(hours)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("viel", "is not a number of hours", id="words"),
        pytest.param("-1", "is negative", id="negative"),
        pytest.param("1:75", "is not a number of hours", id="bad clock"),
    ],
)
def test_bad_hours_are_refused(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        reading.parse_hours(text)
    assert caught.value.message.startswith(f"hours: {text!r} {reason}")


def test_marking_met_updates_the_expected_and_adds_the_new(world: World, people: People) -> None:
    event = events.add_event(world.alice, "Stammtisch", attendees=["Schmidt"])
    met = events.mark_met(world.alice, "stammtisch", ["Anna Schmidt", "Jürgen", "Schmidt"])
    assert [(a.person, a.status) for a in met] == [
        (people.anna, "met"),
        (people.juergen, "met"),
    ]
    assert Attendance.objects.filter(event=event).count() == 2
    # Marking again changes nothing.
    events.mark_met(world.alice, str(event.pk), ["Jürgen"])
    assert Attendance.objects.filter(event=event, status="met").count() == 2


def test_the_detail_shows_expected_met_and_conversations(world: World, people: People) -> None:
    event = events.add_event(
        world.alice, "Stammtisch", starts="2024-03-01", cost="25", attendees=["Schneider"]
    )
    talk = conversations.log_interaction(
        world.alice, "Über Zölle", participants=["Schmidt"], on="2024-03-01", event=event
    )
    detail = event_profile.event_detail(world.alice, "Stammtisch")
    assert detail["id"] == event.pk
    assert detail["starts"] == "2024-03-01"
    assert detail["cost"] == "25.00"
    assert detail["currency"] == "EUR"
    assert detail["expected"] == [{"id": people.anna2.pk, "name": "Anna Schneider"}]
    assert detail["met"] == [{"id": people.anna.pk, "name": "Anna Schmidt"}]
    assert [i["id"] for i in detail["interactions"]] == [talk.pk]
    assert detail["interactions"][0] == conversations.interaction_as_dict(talk)


def test_events_are_listed_by_date_upcoming_or_past(
    world: World, people: People, fixed_today: dt.date
) -> None:
    events.add_event(world.alice, "Gestern", starts="2024-03-12")
    events.add_event(world.alice, "Läuft noch", starts="2024-03-11", ends="2024-03-14")
    events.add_event(world.alice, "Bald", starts="2024-04-01")
    events.add_event(world.alice, "Irgendwann")
    events.add_event(world.alice, "Lange her", starts="2023-01-01")
    names = [e.name for e in events.list_events(world.alice)]
    assert names == ["Lange her", "Läuft noch", "Gestern", "Bald", "Irgendwann"]
    upcoming = [e.name for e in events.list_events(world.alice, upcoming=True)]
    assert upcoming == ["Läuft noch", "Bald", "Irgendwann"]
    past = [e.name for e in events.list_events(world.alice, upcoming=False)]
    assert past == ["Gestern", "Lange her"]


def test_an_event_is_found_by_id_or_part_of_its_name(world: World, people: People) -> None:
    spring = events.add_event(world.alice, "Stammtisch", starts="2024-03-01")
    autumn = events.add_event(world.alice, "Stammtisch", starts="2024-10-01")
    assert events.resolve_event(world.alice, str(autumn.pk)) == autumn
    with pytest.raises(Ambiguous) as caught:
        events.resolve_event(world.alice, "stamm")
    assert caught.value.candidates == [
        f"{spring.pk}: Stammtisch (2024-03-01)",
        f"{autumn.pk}: Stammtisch (2024-10-01)",
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        pytest.param({"name": ""}, InvalidInput, "name: '' is empty", id="empty name"),
        pytest.param(
            {"kind": "Party"},
            InvalidInput,
            "kind: 'Party' is not one of: trade fair, conference",
            id="unknown kind",
        ),
        pytest.param(
            {"starts": "31.02.2024"},
            InvalidInput,
            "starts: '31.02.2024' is not a valid date",
            id="bad start",
        ),
        pytest.param(
            {"starts": "2024-03-02", "ends": "2024-03-01"},
            InvalidInput,
            "ends: '2024-03-01' is before the start 2024-03-02",
            id="end before start",
        ),
        pytest.param(
            {"ends": "2024-03-01"},
            InvalidInput,
            "ends: '2024-03-01' is given without a start",
            id="end without start",
        ),
        pytest.param({"cost": "teuer"}, InvalidInput, "cost: 'teuer' is not an amount", id="cost"),
        pytest.param({"hours": "-2"}, InvalidInput, "hours: '-2' is negative", id="hours"),
        pytest.param(
            {"attendees": ["Nobody"]}, NotFound, "no attendee matches 'Nobody'", id="attendee"
        ),
        pytest.param(
            {"attendees": ["Anna"]},
            Ambiguous,
            "attendee 'Anna' is ambiguous",
            id="ambiguous attendee",
        ),
        pytest.param(
            {"attendees": ["ich"]}, InvalidInput, "attendee: 'ich' is you", id="me attending"
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    world: World, people: People, kwargs: dict[str, object], error: type[KnotenError], message: str
) -> None:
    arguments: dict[str, object] = {"name": "Messe", "organiser": "Neue Messe AG"} | kwargs
    name = arguments.pop("name")
    before = counts()
    with pytest.raises(error) as caught:
        events.add_event(world.alice, name, **arguments)  # type: ignore[arg-type]
    assert message in caught.value.message
    assert counts() == before


@pytest.mark.parametrize(
    ("event", "names", "error", "message"),
    [
        pytest.param("Kongress", ["Schmidt"], NotFound, "no event matches 'Kongress'", id="event"),
        pytest.param("Messe", [], InvalidInput, "people: '' is empty", id="nobody"),
        pytest.param(
            "Messe", ["Schmidt", "Nobody"], NotFound, "no person matches 'Nobody'", id="unknown"
        ),
    ],
)
def test_marking_met_with_bad_input_writes_nothing(
    world: World,
    people: People,
    event: str,
    names: list[str],
    error: type[KnotenError],
    message: str,
) -> None:
    events.add_event(world.alice, "Messe")
    before = counts()
    with pytest.raises(error) as caught:
        events.mark_met(world.alice, event, names)
    assert message in caught.value.message
    assert counts() == before
    assert not Event.objects.filter(attendances__isnull=False).exists()
