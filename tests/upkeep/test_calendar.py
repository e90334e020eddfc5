"""The calendar feed: parsed by icalendar and vobject; its secret address; isolation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import icalendar
import vobject
from django.test import Client

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal.events import add_event
from knoten.journal.promises import add_promise
from knoten.people.important_dates import add_important_date
from knoten.people.persons import PersonFields, add_person
from knoten.upkeep.calendar import calendar_of, current_feed, new_feed, revoke_feed
from tests.conftest import CliResult, World

START = dt.date.today() + dt.timedelta(days=30)


def _filled(member: Member) -> None:
    clock.pin(START)
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner"))
    leap = add_person(member, "Lea Leap")
    add_important_date(member, anna, "birthday", "1980-05-14")
    add_important_date(member, leap, "birthday", "--02-29")
    add_important_date(member, anna, "anniversary", "--09-01", label="wedding, 2010")
    add_promise(member, anna, "send the offer", due=START + dt.timedelta(days=5))
    add_event(member, "Hannover Messe", starts=START + dt.timedelta(days=90),
              ends=START + dt.timedelta(days=92), place="Hannover", attendees=[anna])  # fmt: skip
    clock.pin(START + dt.timedelta(days=60))  # Anna (inner: monthly) is due by now


def test_the_calendar_parses_with_icalendar_and_vobject(member: Member) -> None:
    _filled(member)
    body = calendar_of(member)
    parsed = icalendar.Calendar.from_ical(body)
    events = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    day = START + dt.timedelta(days=60)
    assert {uid.split("-")[0] for uid in events} == {
        "birthday", "anniversary", "promise", "due", "event"}  # fmt: skip
    birthday = next(e for u, e in events.items() if "Anna" in str(e["SUMMARY"]) and "birthday" in u)
    assert birthday.decoded("DTSTART") == dt.date(1980, 5, 14)
    assert birthday["RRULE"]["FREQ"] == ["YEARLY"]
    (anniversary,) = [e for u, e in events.items() if u.startswith("anniversary")]
    assert str(anniversary["SUMMARY"]) == "Anniversary: Anna Adler (wedding, 2010)"
    (promise,) = [e for u, e in events.items() if u.startswith("promise")]
    assert str(promise["SUMMARY"]) == "Promised to Anna Adler: send the offer"
    assert promise.decoded("DTSTART") == day  # past due: shown today, saying since when
    assert "overdue since" in str(promise["DESCRIPTION"])
    dues = {str(e["SUMMARY"]): e for u, e in events.items() if u.startswith("due")}
    due = dues["Get in touch: Anna Adler"]  # monthly, since she was added: due by now
    assert due.decoded("DTSTART") == day and "overdue since" in str(due["DESCRIPTION"])
    assert dues["Get in touch: Lea Leap"].decoded("DTSTART") > day  # yearly: still to come
    (event,) = [e for u, e in events.items() if u.startswith("event")]
    assert str(event["LOCATION"]) == "Hannover"
    assert event.decoded("DTEND") == START + dt.timedelta(days=93)  # the end is exclusive
    # Once past, an event is no longer in the calendar.
    assert b"Hannover Messe" not in calendar_of(member, start=START + dt.timedelta(days=93))

    # A second parser: vobject reads every event, all-day, and expands the yearly rule.
    (cal,) = list(vobject.readComponents(body.decode()))
    vevents = cal.contents["vevent"]
    assert len(vevents) == len(events)
    for vevent in vevents:
        assert type(vevent.dtstart.value) is dt.date
        assert vevent.dtend.value > vevent.dtstart.value
    leap = next(v for v in vevents if "Lea Leap" in v.summary.value)
    days = [d for d in leap.getrruleset() if 2001 <= d.year <= 2004]
    assert [(d.year, d.month, d.day) for d in days] == [
        (2001, 2, 28), (2002, 2, 28), (2003, 2, 28), (2004, 2, 29)]  # fmt: skip


def test_uids_are_stable_and_another_network_sees_nothing(world: World) -> None:
    _filled(world.alice)
    first, second = calendar_of(world.alice), calendar_of(world.alice)
    uids = [line for line in first.splitlines() if line.startswith(b"UID")]
    assert uids == [line for line in second.splitlines() if line.startswith(b"UID")]
    assert b"Anna" not in calendar_of(world.bob)
    assert b"BEGIN:VEVENT" not in calendar_of(world.bob)


def test_the_feed_address_opens_without_sign_in_and_dies_when_revoked(
    world: World, cli: Callable[..., CliResult]
) -> None:
    _filled(world.alice)
    shown = cli("calendar", "feed", "--json").json()
    path = shown["url"].removeprefix("http://127.0.0.1:8000")
    assert path.startswith("/calendar/") and path.endswith(".ics")
    assert cli("calendar", "feed").stdout.strip() == shown["url"]  # the same until --new
    anonymous = Client()
    answer = anonymous.get(path)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    assert "private" in answer["Cache-Control"] and not answer.cookies
    assert b"Anna Adler" in answer.content
    # Bob's feed shows Bob's network only.
    bobs = new_feed(world.bob)
    assert b"Anna" not in anonymous.get(f"/calendar/{bobs.token}.ics").content
    # A new address revokes the old one.
    newer = cli("calendar", "feed", "--new").stdout.strip()
    assert newer != shown["url"] and anonymous.get(path).status_code == 404
    assert revoke_feed(world.alice) and current_feed(world.alice) is None
    assert anonymous.get(newer.removeprefix("http://127.0.0.1:8000")).status_code == 404
    assert anonymous.get("/calendar/nothing.ics").status_code == 404


def test_export_api_and_page(world: World, cli: Callable[..., CliResult], tmp_path) -> None:  # type: ignore[no-untyped-def]
    _filled(world.alice)
    target = tmp_path / "k.ics"
    assert cli("calendar", "export", str(target)).exit_code == 0
    assert icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    client = Client()
    client.force_login(world.alice.user)
    assert client.get("/api/calendar/feed").status_code == 404
    made = client.post("/api/calendar/feed")
    assert made.status_code == 201 and made.json()["url"].endswith(".ics")
    assert client.get("/api/calendar/feed").json() == made.json()
    page = client.get("/calendar/").content.decode()
    assert made.json()["url"] in page
    assert client.post("/calendar/new/").status_code == 302
    assert made.json()["url"] not in client.get("/calendar/").content.decode()
    assert client.delete("/api/calendar/feed").status_code == 204
    assert client.get("/api/calendar/feed").status_code == 404
