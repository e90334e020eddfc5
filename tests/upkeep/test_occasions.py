"""Occasions read from the records: the right kind on the right day, once, for the right member."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knoten.core import clock
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.journal.events import add_event
from knoten.journal.projects import add_project
from knoten.journal.promises import add_promise
from knoten.people.affiliations import add_affiliation
from knoten.people.important_dates import add_important_date
from knoten.people.models import Person
from knoten.people.persons import PersonFields, add_person, archive_person
from knoten.reciprocity.services import add_favour, add_recommendation
from knoten.upkeep.handled import handle_occasion
from knoten.upkeep.occasions import occasions

D = dt.date


def on(member: Member, day: dt.date, until: dt.date | None = None) -> list[tuple[str, str]]:
    clock.pin(day)
    return [(o.kind, o.key) for o in occasions(member, start=day, end=until or day)]


def kinds(member: Member, day: dt.date) -> list[str]:
    return [kind for kind, _key in on(member, day)]


def test_birthdays_with_and_without_year_and_the_leap_day(member: Member) -> None:
    clock.pin(D(2027, 1, 1))
    anna = add_person(member, "Anna Adler", PersonFields(birthday="1980-03-14"))
    add_person(member, "Bernd Berger", PersonFields(birthday="--03-14"))
    lea = add_person(member, "Lea Lenz", PersonFields(birthday="2000-02-29"))
    clock.pin(D(2027, 3, 14))
    found = [
        o for o in occasions(member, start=D(2027, 3, 14), end=D(2027, 3, 14)) if not o.overdue
    ]
    assert [(o.names, o.age) for o in found] == [(("Anna Adler",), 47), (("Bernd Berger",), None)]
    assert found[0].key == f"birthday:person={anna.pk}:2027"
    assert "turns 47" in found[0].reason
    # 29 February: on 28 February in 2027, on 29 February in 2028, never twice.
    clock.pin(D(2027, 2, 28))
    assert [o.key for o in occasions(member, start=D(2027, 2, 28), end=D(2027, 2, 28))] == [
        f"birthday:person={lea.pk}:2027"
    ]
    clock.pin(D(2028, 2, 28))
    assert kinds(member, D(2028, 2, 28)) == []  # a leap year: Lea's is on the 29th
    clock.pin(D(2028, 2, 29))
    (leap,) = occasions(member, start=D(2028, 2, 29), end=D(2028, 2, 29))
    assert leap.day == D(2028, 2, 29) and leap.age == 28


def test_an_occasion_not_handled_stays_offered_for_its_grace_and_a_handled_one_never_comes_back(
    member: Member,
) -> None:
    clock.pin(D(2027, 1, 1))
    anna = add_person(member, "Anna Adler", PersonFields(birthday="--03-14"))
    assert kinds(member, D(2027, 3, 13)) == []
    assert kinds(member, D(2027, 3, 20)) == ["birthday"]
    late = occasions(member, start=D(2027, 3, 20), end=D(2027, 3, 20))[0]
    assert late.overdue and late.day == D(2027, 3, 14)
    assert kinds(member, D(2027, 3, 28)) == ["birthday"]
    assert kinds(member, D(2027, 3, 29)) == []  # 14 days of grace
    handle_occasion(member, key=f"birthday:person={anna.pk}:2028", kind="birthday")
    assert kinds(member, D(2028, 3, 14)) == []
    assert kinds(member, D(2029, 3, 14)) == ["birthday"]  # next year's is a new one


def test_congratulations_condolence_thanks_promises_projects_events(member: Member) -> None:
    clock.pin(D(2027, 4, 1))
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner"))
    bernd = add_person(member, "Bernd Berger")
    carla = add_person(member, "Carla Conrad")
    add_affiliation(member, anna, "Müller GmbH", title="CFO", start="2027-04-03")
    add_important_date(member, bernd, "wedding", "2027-04-03")
    add_important_date(member, carla, "bereavement", "2027-04-02")
    add_favour(member, giver=bernd, receiver="me", on=D(2027, 4, 1), note="lent a van")
    add_recommendation(
        member, recommender=carla, recipient=anna, beneficiary="me", on=D(2027, 4, 1)
    )
    add_promise(member, anna, "send the offer", due=D(2027, 4, 2))
    add_promise(member, bernd, "the contract", due=D(2027, 3, 20), owed_by_me=False)
    add_project(member, "Relaunch", status="completed", ends="2027-04-03", participants=["Carla"])
    add_event(member, "Hannover Messe", starts=D(2027, 4, 9), attendees=[anna, bernd])
    clock.pin(D(2027, 4, 3))
    found = occasions(member, start=D(2027, 4, 3), end=D(2027, 4, 3))
    got = {(o.kind, o.names[0], o.source) for o in found}
    assert got == {
        ("congratulations", "Anna Adler", "affiliation"),
        ("congratulations", "Bernd Berger", "important_date"),
        ("condolence", "Carla Conrad", "important_date"),
        ("thanks", "Bernd Berger", "favour"),
        ("thanks", "Carla Conrad", "recommendation"),
        ("promise", "Anna Adler", "promise"),
        ("promise", "Bernd Berger", "promise"),
        ("acknowledgement", "Carla Conrad", "project"),
        ("event", "Anna Adler", "event"),
    }
    # Overdue first: the contract owed to me since March, then my promise of yesterday.
    assert [(o.kind, o.overdue) for o in found[:2]] == [("promise", True), ("promise", True)]
    assert found[0].names == ("Bernd Berger",) and found[0].action == "ask"
    assert found[1].action == "keep" and "send the offer" in found[1].reason
    event = next(o for o in found if o.kind == "event")
    assert event.action == "prep" and event.names == ("Anna Adler", "Bernd Berger")
    # Thanks are offered for thanks_days (14) days, then the give-and-take signal says it.
    assert "thanks" in kinds(member, D(2027, 4, 15))
    assert "thanks" not in kinds(member, D(2027, 4, 16))
    # An archived person never appears.
    archive_person(member, anna)
    assert all(
        "Anna Adler" not in o.names
        for o in occasions(member, start=D(2027, 4, 3), end=D(2027, 4, 3))
    )


def test_a_life_event_known_to_the_month_is_offered_once_through_its_month(
    member: Member,
) -> None:
    """A wedding known as "2027-05" is offered from 1 May, under one key, until the grace
    after 31 May (so one told in June is not lost), and said as "in May 2027"; graduation
    and illness are occasions too; a child known only by its year is not offered (no day of
    the year can be said for it); handled, the month's occasion never comes back."""
    clock.pin(D(2027, 4, 1))
    bernd, carla, dora, emil, fritz = (
        add_person(member, name)
        for name in ("Bernd Berger", "Carla Conrad", "Dora Diehl", "Emil Ernst", "Fritz Fink")
    )
    wedding = add_important_date(member, bernd, "wedding", "2027-05")
    add_important_date(member, carla, "child", "2027")
    add_important_date(member, dora, "Abschluss", "2027-05-20")  # graduation, in German
    add_important_date(member, emil, "illness", "2027-06")
    offered: dict[str, list[dt.date]] = {}
    keys: dict[str, set[str]] = {}
    said: dict[str, set[tuple[str, str]]] = {}
    day = D(2027, 4, 20)
    while day <= D(2027, 8, 10):
        clock.pin(day)
        if day == D(2027, 6, 20):  # told late of a wedding in May
            add_important_date(member, fritz, "wedding", "2027-05")
        for o in occasions(member, start=day, end=day):
            offered.setdefault(o.names[0], []).append(day)
            keys.setdefault(o.names[0], set()).add(o.key)
            said.setdefault(o.names[0], set()).add((o.kind, o.reason))
        day += dt.timedelta(days=1)
    spans = {name: (days[0], days[-1], len(days)) for name, days in offered.items()}
    assert spans == {
        "Bernd Berger": (D(2027, 5, 1), D(2027, 6, 30), 61),
        "Dora Diehl": (D(2027, 5, 20), D(2027, 6, 19), 31),
        "Emil Ernst": (D(2027, 6, 1), D(2027, 7, 30), 60),
        "Fritz Fink": (D(2027, 6, 20), D(2027, 6, 30), 11),
    }
    assert all(len(found) == 1 for found in keys.values())  # once: one key each
    assert said == {
        "Bernd Berger": {("congratulations", "a wedding in May 2027")},
        "Dora Diehl": {("congratulations", "a graduation on 2027-05-20")},
        "Emil Ernst": {("condolence", "an illness in June 2027")},
        "Fritz Fink": {("congratulations", "a wedding in May 2027")},
    }
    (key,) = keys["Bernd Berger"]
    assert key == f"congratulations:date={wedding.pk}"
    clock.pin(D(2027, 5, 10))
    handle_occasion(member, key=key, kind="congratulations")
    assert "Bernd Berger" not in {
        o.names[0] for o in occasions(member, start=D(2027, 5, 10), end=D(2027, 6, 30))
    }


def test_another_members_private_promise_is_not_seen_and_another_network_sees_nothing(
    member: Member, world
) -> None:
    clock.pin(D(2027, 4, 1))
    anna = add_person(member, "Anna Adler", PersonFields(birthday="--04-01"))
    talk = log_interaction(member, "Private chat", participants=[anna], private=True)
    add_promise(member, anna, "call back", due=D(2027, 4, 1), interaction=talk)
    assert sorted(kinds(member, D(2027, 4, 1))) == ["birthday", "promise"]
    assert occasions(world.bob, start=D(2027, 4, 1), end=D(2027, 4, 1)) == []


def test_bad_windows_are_refused(member: Member) -> None:
    with pytest.raises(InvalidInput, match="before"):
        occasions(member, start=D(2027, 4, 2), end=D(2027, 4, 1))
    with pytest.raises(InvalidInput, match="days"):
        occasions(member, start=D(2027, 1, 1), end=D(2029, 1, 1))


def test_one_query_per_source_however_many_persons(member: Member) -> None:
    clock.pin(D(2027, 1, 1))
    for n in range(30):
        add_person(member, f"Person {n:02d} Test", PersonFields(birthday="--05-01"))
    clock.pin(D(2027, 5, 1))
    for person in Person.objects.filter(network=member.network, family_name="Test"):
        add_favour(member, giver=person, receiver="me", on=D(2027, 4, 28))
    with CaptureQueriesContext(connection) as queries:
        found = occasions(member, start=D(2027, 5, 1), end=D(2027, 5, 7))
    assert len(found) == 60
    assert len(queries) <= 12
