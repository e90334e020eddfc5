"""A year of networking entered by hand (issue 5's "done means"), and a fixed today.

Counted by hand (the window is the 12 months up to Friday 20 November 2026):

* Alice gave 12 favours, one of them (to Hans) in 2024, outside the window; she received
  12, all inside it.
* Four recommendations with Alice in every role: R1 she recommends Eva to Bernd (won
  3,000 EUR); R2 Frank recommends Clara to her (thanked); R3 Greta recommends her to
  David (won 15,000 EUR, thanked); R4 Frank recommends her to Hans (not thanked).
* Three events: E1 "Jahrestagung" (8 h, 450 EUR; Clara and David met there, a 60-minute
  conversation logged there), E2 "Visitenkarten-Party" (3 h, organised by the BVMW; Eva
  met there), E3 "Cloud-Messe" (25 h, 1,200 EUR; nobody met: a time-eater).
* Two associations Alice is a member of: the BVMW (240 EUR and 10 h of committee work;
  Frank met there) and the Rotary Club (600 EUR and 30 h; Greta met there in 2024).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from knoten.core import clock
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.journal.conversations import log_interaction
from knoten.journal.models import Event
from knoten.people.models import Affiliation, Organisation, Person
from knoten.reciprocity import services
from knoten.reciprocity.models import Favour, Recommendation
from tests.conftest import World

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def fixed_today() -> Iterator[dt.date]:
    with clock.pinned(TODAY):
        yield TODAY


@dataclass
class Year:
    me: Member
    people: dict[str, Person]
    events: dict[str, Event]
    organisations: dict[str, Organisation]
    favours: list[Favour]
    recommendations: list[Recommendation]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def year(world: World, fixed_today: dt.date) -> Year:
    alice = world.alice
    network = alice.network
    bvmw = Organisation.objects.create(
        network=network, name="BVMW", kind="professional_association"
    )
    rotary = Organisation.objects.create(network=network, name="Rotary Club", kind="club")
    for organisation in (bvmw, rotary):
        Affiliation.objects.create(
            network=network, person=alice.me, organisation=organisation, kind="membership"
        )
    e1 = Event.objects.create(
        network=network,
        name="Jahrestagung",
        kind="conference",
        starts_on=_day("2026-03-10"),
        hours_spent=Decimal(8),
        cost=Decimal(450),
    )
    e2 = Event.objects.create(
        network=network,
        name="Visitenkarten-Party",
        kind="business_card_party",
        starts_on=_day("2026-05-05"),
        hours_spent=Decimal(3),
        cost=Decimal(0),
        organiser=bvmw,
    )
    e3 = Event.objects.create(
        network=network,
        name="Cloud-Messe",
        kind="trade_fair",
        starts_on=_day("2026-09-01"),
        hours_spent=Decimal(25),
        cost=Decimal(1200),
    )

    def person(given: str, family: str, **how: object) -> Person:
        return Person.objects.create(network=network, given_name=given, family_name=family, **how)

    people = {
        "anna": person("Anna", "Schmidt", met_on=PartialDate(2019)),
        "bernd": person("Bernd", "Braun", met_on=PartialDate(2020)),
        "clara": person("Clara", "Weiß", met_at_event=e1, met_on=PartialDate(2026, 3, 10)),
        "david": person("David", "Klein", met_at_event=e1, met_on=PartialDate(2026, 3, 10)),
        "eva": person("Eva", "Lang", met_at_event=e2, met_on=PartialDate(2026, 5, 5)),
        "frank": person("Frank", "Roth", met_at_organisation=bvmw, met_on=PartialDate(2026, 2, 1)),
        "greta": person("Greta", "Hahn", met_at_organisation=rotary, met_on=PartialDate(2024, 5)),
        "hans": person("Hans", "Vogel", met_on=PartialDate(2018)),
    }
    services.add_channel_cost(
        alice,
        organisation="BVMW",
        on="2026-01-15",
        amount="240 EUR",
        hours="10",
        note="Beitrag, Ausschuss",
    )
    services.add_channel_cost(
        alice, organisation="Rotary Club", on="2026-02-01", amount="600", hours="30"
    )
    log_interaction(
        alice,
        "Gespräch über Cloud",
        participants=[people["clara"]],
        on=_day("2026-03-10"),
        minutes=60,
        event=e1,
    )

    given = [
        ("anna", "know-how", "2026-01-10", {"minutes": 60}),
        ("anna", "tip", "2026-02-12", {}),
        ("anna", "introduction", "2026-04-01", {"minutes": 30}),
        ("anna", "help", "2026-06-15", {"minutes": 120}),
        (
            "bernd",
            "lead",
            "2026-03-03",
            {"value": "5000 EUR", "outcome": "won", "won_value": "12000"},
        ),
        ("bernd", "feedback", "2026-07-07", {}),
        ("clara", "recommendation", "2026-03-20", {}),
        ("david", "gift", "2026-05-01", {"value": "50 €"}),
        ("eva", "job lead", "2026-06-01", {}),
        ("frank", "advice", "2026-08-08", {"minutes": 90}),
        ("greta", "help", "2026-09-09", {"minutes": 45}),
        ("hans", "tip", "2024-12-01", {}),
    ]
    received = [
        (
            "bernd",
            "lead",
            "2026-02-02",
            {"outcome": "won", "won_value": "8000 EUR", "thanked": True},
        ),
        ("bernd", "tip", "2026-04-04", {"thanked": True}),
        ("clara", "know_how", "2026-04-10", {"thanked": True}),
        ("david", "Vorstellung", "2026-06-06", {"thanked": True}),
        ("eva", "help", "2026-07-01", {"thanked": True}),
        ("frank", "reference", "2026-08-20", {"thanked": True}),
        ("greta", "gift", "2026-10-01", {"value": "30 EUR", "thanked": True}),
        ("hans", "know-how", "2026-03-15", {"thanked": True}),
        ("hans", "tip", "2026-05-20", {"thanked": True}),
        ("hans", "help", "2026-09-30", {}),  # 51 days ago, not thanked
        ("clara", "job lead", "2026-11-10", {}),  # 10 days ago: under the 14
        ("david", "feedback", "2026-11-06", {}),  # exactly 14 days ago
    ]
    favours = [
        services.add_favour(alice, giver="me", receiver=people[name], kind=kind, on=day, **extra)  # type: ignore[arg-type]
        for name, kind, day, extra in given
    ] + [
        services.add_favour(alice, giver=people[name], receiver="me", kind=kind, on=day, **extra)  # type: ignore[arg-type]
        for name, kind, day, extra in received
    ]
    r1 = services.add_recommendation(
        alice,
        recommender="me",
        recipient=people["bernd"],
        beneficiary=people["eva"],
        on="2026-04-20",
        outcome="won",
        won_value="3000 EUR",
    )
    r2 = services.add_recommendation(
        alice,
        recommender=people["frank"],
        recipient="me",
        beneficiary=people["clara"],
        on="2026-05-15",
    )
    services.thank_recommendation(alice, r2.pk, by="recipient", on="2026-05-16")
    r3 = services.add_recommendation(
        alice,
        recommender=people["greta"],
        recipient=people["david"],
        beneficiary="me",
        on="2026-06-20",
        outcome="won",
        won_value="15000 EUR",
    )
    services.thank_recommendation(alice, r3.pk, on="2026-06-25")
    r4 = services.add_recommendation(
        alice,
        recommender=people["frank"],
        recipient=people["hans"],
        beneficiary="me",
        on="2026-10-20",
    )
    return Year(
        alice,
        people,
        {"e1": e1, "e2": e2, "e3": e3},
        {"bvmw": bvmw, "rotary": rotary},
        favours,
        [r1, r2, r3, r4],
    )
