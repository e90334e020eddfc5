"""Each signal at the edge of its threshold: just under it says nothing, at it speaks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from knoten.core.models import Member
from knoten.journal.models import Event
from knoten.people.models import Person
from knoten.reciprocity import services
from knoten.reciprocity.signals import signals
from tests.conftest import World
from tests.reciprocity.conftest import TODAY


@pytest.fixture
def alice(world: World, fixed_today: dt.date) -> Member:
    return world.alice


@pytest.fixture
def anna(alice: Member) -> Person:
    return Person.objects.create(network=alice.network, given_name="Anna", family_name="Schmidt")


@pytest.fixture
def bernd(alice: Member) -> Person:
    return Person.objects.create(network=alice.network, given_name="Bernd", family_name="Braun")


def _codes(alice: Member) -> set[str]:
    return {signal.code for signal in signals(alice)}


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _give(alice: Member, to: Person, times: int, **extra: object) -> None:
    for number in range(times):
        services.add_favour(
            alice, giver="me", receiver=to, kind="tip", on=_ago(10 + number), **extra
        )  # type: ignore[arg-type]


def _get(alice: Member, giver: Person, times: int, **extra: object) -> None:
    for number in range(times):
        services.add_favour(
            alice,
            giver=giver,
            receiver="me",
            kind="help",
            on=_ago(30 + number),
            thanked=True,
            **extra,  # type: ignore[arg-type]
        )


def test_only_giving_at_three_not_at_two(alice: Member, anna: Person) -> None:
    _give(alice, anna, 2)
    assert "only_giving" not in _codes(alice)
    _give(alice, anna, 1)
    found = [s for s in signals(alice) if s.code == "only_giving"]
    assert [(s.person, s.numbers["given"]) for s in found] == [(anna, 3)]


def test_only_giving_silent_once_something_came_back(alice: Member, anna: Person) -> None:
    _give(alice, anna, 5)
    _get(alice, anna, 1)
    assert "only_giving" not in _codes(alice)


def test_a_recommendation_counts_as_giving(alice: Member, anna: Person, bernd: Person) -> None:
    _give(alice, anna, 2)
    services.add_recommendation(
        alice, recommender="me", recipient=bernd, beneficiary=anna, on=_ago(5)
    )
    assert [s.person for s in signals(alice) if s.code == "only_giving"] == [anna]


def test_only_giving_looks_back_twelve_months(alice: Member, anna: Person) -> None:
    _give(alice, anna, 2)
    # A year and a day ago: outside the window.
    services.add_favour(alice, giver="me", receiver=anna, kind="tip", on=dt.date(2025, 11, 19))
    assert "only_giving" not in _codes(alice)
    # A year ago to the day: inside.
    services.add_favour(alice, giver="me", receiver=anna, kind="tip", on=dt.date(2025, 11, 20))
    assert "only_giving" in _codes(alice)


def test_only_taking_at_three_not_at_two(alice: Member, bernd: Person) -> None:
    _get(alice, bernd, 2)
    assert "only_taking" not in _codes(alice)
    _get(alice, bernd, 1)
    found = [s for s in signals(alice) if s.code == "only_taking"]
    assert [(s.person, s.numbers["received"]) for s in found] == [(bernd, 3)]
    assert "Bernd Braun has done you 3 favours" in found[0].message


def test_thresholds_are_settings(alice: Member, bernd: Person, settings: Any) -> None:
    settings.KNOTEN_SIGNALS = {**settings.KNOTEN_SIGNALS, "only_taking": 2}
    _get(alice, bernd, 2)
    assert "only_taking" in _codes(alice)


def test_unthanked_favour_at_fourteen_days_not_at_thirteen(alice: Member, bernd: Person) -> None:
    services.add_favour(alice, giver=bernd, receiver="me", kind="help", on=_ago(13))
    assert "unthanked_favour" not in _codes(alice)
    favour = services.add_favour(alice, giver=bernd, receiver="me", kind="tip", on=_ago(14))
    found = [s for s in signals(alice) if s.code == "unthanked_favour"]
    assert [(s.person, s.numbers["count"], s.numbers["days"]) for s in found] == [(bernd, 1, 14)]
    services.thank_favour(alice, favour.pk)
    assert "unthanked_favour" not in _codes(alice)


def test_unthanked_recommendation_at_fourteen_days(
    alice: Member, anna: Person, bernd: Person
) -> None:
    services.add_recommendation(
        alice, recommender=anna, recipient=bernd, beneficiary="me", on=_ago(13)
    )
    assert "unthanked_recommendation" not in _codes(alice)
    made = services.add_recommendation(
        alice, recommender=anna, recipient=bernd, beneficiary="me", on=_ago(14)
    )
    found = [s for s in signals(alice) if s.code == "unthanked_recommendation"]
    assert [(s.person, s.numbers["count"]) for s in found] == [(anna, 1)]
    assert "Anna Schmidt recommended you and was never thanked" in found[0].message
    services.thank_recommendation(alice, made.pk, by="beneficiary")
    assert "unthanked_recommendation" not in _codes(alice)


def test_the_recipient_owes_thanks_too(alice: Member, anna: Person, bernd: Person) -> None:
    made = services.add_recommendation(
        alice, recommender=anna, recipient="me", beneficiary=bernd, on=_ago(20)
    )
    assert "unthanked_recommendation" in _codes(alice)
    services.thank_recommendation(alice, made.pk, by="recipient")
    assert "unthanked_recommendation" not in _codes(alice)


def test_not_beneficiary_needs_something_recorded(alice: Member) -> None:
    assert signals(alice) == []


def test_not_beneficiary_at_zero_not_at_one(alice: Member, anna: Person, bernd: Person) -> None:
    services.add_recommendation(
        alice, recommender="me", recipient=anna, beneficiary=bernd, on=_ago(3)
    )
    # Last year's does not count for this year.
    services.add_recommendation(
        alice, recommender=anna, recipient=bernd, beneficiary="me", on=dt.date(2025, 12, 31)
    )
    found = [s for s in signals(alice) if s.code == "not_beneficiary"]
    assert [(s.numbers["beneficiary"], s.numbers["recommender"]) for s in found] == [(0, 1)]
    assert found[0].numbers["last"] == "2025-12-31"
    services.add_recommendation(
        alice, recommender=anna, recipient=bernd, beneficiary="me", on=dt.date(2026, 1, 1)
    )
    assert "not_beneficiary" not in _codes(alice)


def test_not_beneficiary_threshold_is_a_setting(
    alice: Member, anna: Person, bernd: Person, settings: Any
) -> None:
    settings.KNOTEN_SIGNALS = {**settings.KNOTEN_SIGNALS, "beneficiary_per_year": 2}
    services.add_recommendation(
        alice, recommender=anna, recipient=bernd, beneficiary="me", on=_ago(30)
    )
    assert "not_beneficiary" in _codes(alice)
    services.add_recommendation(
        alice, recommender=bernd, recipient=anna, beneficiary="me", on=_ago(31)
    )
    assert "not_beneficiary" not in _codes(alice)


def _event(alice: Member, hours: str) -> Event:
    return Event.objects.create(
        network=alice.network, name="Messe", starts_on=_ago(60), hours_spent=Decimal(hours)
    )


def test_time_eater_at_twenty_hours_not_under(alice: Member) -> None:
    event = _event(alice, "19.99")
    assert "time_eater" not in _codes(alice)
    event.hours_spent = Decimal(20)
    event.save()
    found = [s for s in signals(alice) if s.code == "time_eater"]
    assert [(s.channel, s.numbers["hours"]) for s in found] == [
        ({"kind": "event", "id": event.pk, "name": "Messe"}, "20.0")
    ]


def test_time_eater_silent_with_one_result(alice: Member) -> None:
    event = _event(alice, "40")
    Person.objects.create(
        network=alice.network, given_name="Neu", family_name="Kontakt", met_at_event=event
    )
    assert "time_eater" not in _codes(alice)


def test_signals_about_one_person_only(alice: Member, anna: Person, bernd: Person) -> None:
    _give(alice, anna, 3)
    _get(alice, bernd, 3)
    assert {s.code for s in signals(alice, person=anna)} == {"only_giving"}
    assert {s.code for s in signals(alice, person=bernd)} == {"only_taking"}


def test_another_network_sees_no_signal(world: World, alice: Member, anna: Person) -> None:
    _give(alice, anna, 3)
    assert signals(world.bob) == []
