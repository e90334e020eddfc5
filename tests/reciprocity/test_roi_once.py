"""The return on time counts each result once: a year entered by hand, its table counted
by hand.

The period is the 12 months up to 20 November 2026. Alice (*me*):

* E1 "Messe Nord" (1 March 2026, 10 h, 300 EUR): she met Paula there, and talked with her
  there for 30 minutes.
* E2 "Gründerabend" (1 June 2026, 4 h), organised by the "Wirtschaftsclub": she met
  Quentin there.
* The Wirtschaftsclub, of which she is a member (200 EUR and 6 h on 10 January): she met
  Rita at it (1 February 2026).
* Circles: Paula is in "Kundschaft", "Sport" and "Nachbarn" (in that order); Quentin and
  Tina (met 1 September 2026, nowhere else) in Kundschaft; Rita in Sport; Sven (met in
  2020) in Nachbarn, then Sport.

Results: Paula passed on an order won worth 12,000 EUR and a lead worth 5,000 EUR, won
(no value won noted: the lead's value is the order's); Quentin recommended Alice to Rita,
won, no value at all; Rita gave her a tip; Sven helped her. Alice helped Sven for an hour
and talked with him for 90 minutes (at no event).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from knoten.api.tokens import create_token
from knoten.core.partial_dates import PartialDate
from knoten.journal.conversations import log_interaction
from knoten.journal.models import Event
from knoten.people.models import Affiliation, Circle, Organisation, Person
from knoten.reciprocity import services
from knoten.reciprocity.roi import Report, roi
from tests.api.conftest import ApiClient
from tests.conftest import World
from tests.reciprocity.conftest import TODAY

Row = tuple[str, dict[str, str], int, int, int, int, dict[str, str], int, int]


@pytest.fixture
def people(world: World, fixed_today: dt.date) -> dict[str, Person]:
    alice = world.alice
    network = alice.network
    club = Organisation.objects.create(network=network, name="Wirtschaftsclub", kind="club")
    Affiliation.objects.create(
        network=network, person=alice.me, organisation=club, kind="membership"
    )
    fair = Event.objects.create(
        network=network,
        name="Messe Nord",
        kind="trade_fair",
        starts_on=dt.date(2026, 3, 1),
        hours_spent=Decimal(10),
        cost=Decimal(300),
    )
    evening = Event.objects.create(
        network=network,
        name="Gründerabend",
        kind="meetup",
        starts_on=dt.date(2026, 6, 1),
        hours_spent=Decimal(4),
        organiser=club,
    )
    services.add_channel_cost(
        alice, organisation="Wirtschaftsclub", on="2026-01-10", amount="200 EUR", hours="6"
    )
    clients, sport, neighbours = (
        Circle.objects.create(network=network, name=name)
        for name in ("Kundschaft", "Sport", "Nachbarn")
    )

    def person(given: str, circles: list[Circle], **how: object) -> Person:
        found = Person.objects.create(network=network, given_name=given, family_name="Test", **how)
        for circle in circles:  # one by one: the order they were put in
            found.circles.add(circle)
        return found

    paula = person(
        "Paula", [clients, sport, neighbours], met_at_event=fair, met_on=PartialDate(2026, 3, 1)
    )
    quentin = person("Quentin", [clients], met_at_event=evening, met_on=PartialDate(2026, 6, 1))
    rita = person("Rita", [sport], met_at_organisation=club, met_on=PartialDate(2026, 2, 1))
    sven = person("Sven", [neighbours, sport], met_on=PartialDate(2020))
    tina = person("Tina", [clients], met_on=PartialDate(2026, 9, 1))
    # Alice put herself in a circle, with a day "met": she is no new contact of her own.
    alice.me.circles.add(clients)
    Person.objects.filter(pk=alice.me.pk).update(met_on=PartialDate(2026, 5, 1))
    log_interaction(
        alice, "Am Stand", participants=[paula], on="2026-03-01", minutes=30, event=fair
    )
    log_interaction(alice, "Gartenzaun", participants=[sven], on="2026-08-01", minutes=90)
    services.add_favour(
        alice,
        giver=paula,
        receiver="me",
        kind="lead",
        on="2026-04-01",
        outcome="won",
        won_value="12000 EUR",
    )
    services.add_favour(
        alice,
        giver=paula,
        receiver="me",
        kind="lead",
        on="2026-05-01",
        value="5000 EUR",
        outcome="won",
    )
    services.add_recommendation(
        alice, recommender=quentin, recipient=rita, beneficiary="me", on="2026-07-01", outcome="won"
    )
    services.add_favour(alice, giver=rita, receiver="me", kind="tip", on="2026-07-15")
    services.add_favour(alice, giver=sven, receiver="me", kind="help", on="2026-08-02")
    services.add_favour(alice, giver="me", receiver=sven, kind="help", on="2026-08-03", minutes=60)
    return {p.given_name: p for p in (paula, quentin, rita, sven, tina)}


def _row(row: dict[str, object]) -> Row:
    return (  # type: ignore[return-value]
        row["hours"],
        row["money"],
        row["new_contacts"],
        row["favours_received"],
        row["recommendations_received"],
        row["orders_won"],
        row["won_values"],
        row["orders_won_unvalued"],
        row["results"],
    )


def _table(report: Report) -> dict[str, Row]:
    return {c.name: _row(c.as_dict()) for c in report.channels}


def _also_in(report: Report) -> dict[str, dict[str, int]]:
    return {
        c.name: {other["name"]: other["people"] for other in c.as_dict()["also_in"]}
        for c in report.channels
        if c.kind == "circle"
    }


NONE: dict[str, str] = {}
EUR = "EUR"


def test_each_result_counts_once_where_the_relationship_began(
    world: World, people: dict[str, Person]
) -> None:
    report = roi(world.alice)
    assert report.until == TODAY
    # The most time-consuming first; the circle Sport brought nothing of its own.
    assert [c.name for c in report.channels] == [
        "Messe Nord",
        "Wirtschaftsclub",
        "Gründerabend",
        "Nachbarn",
        "Kundschaft",
    ]
    assert _table(report) == {
        # 10 h and the 30 minutes at the stand; Paula: new, two orders won, 12,000 and
        # the lead's 5,000 (counted and summed alike); not again for her three circles.
        "Messe Nord": ("10.5", {EUR: "300.00"}, 1, 2, 0, 2, {EUR: "17000.00"}, 0, 3),
        # Its own cost and hours; Rita, met at it, and her tip. Its evening is its own row.
        "Wirtschaftsclub": ("6.0", {EUR: "200.00"}, 1, 1, 0, 0, NONE, 0, 2),
        # Quentin, met there, and his recommendation: won, but with no value to sum.
        "Gründerabend": ("4.0", NONE, 1, 0, 1, 1, NONE, 1, 2),
        # Sven, met nowhere else, first put in Nachbarn: the hour of help and the 90
        # minutes with him, his help.
        "Nachbarn": ("2.5", NONE, 0, 1, 0, 0, NONE, 0, 1),
        # Tina, new and in this circle only.
        "Kundschaft": ("0.0", NONE, 1, 0, 0, 0, NONE, 0, 1),
    }
    organisation = next(c for c in report.channels if c.name == "Wirtschaftsclub")
    assert organisation.as_dict()["events"] == [
        {"id": organisation.events[0][0], "name": "Gründerabend"}
    ]
    assert organisation.events_included is False
    # Sven is in Sport too: said, and counted in Nachbarn only.
    assert _also_in(report) == {"Nachbarn": {"Sport": 1}, "Kundschaft": {}}
    # The rows add up to the total: nothing is in two of them.
    total = report.total_dict()
    assert _row(total) == ("23.0", {EUR: "500.00"}, 4, 4, 1, 3, {EUR: "17000.00"}, 1, 9)
    assert total["shared_people"] == 0
    assert sum(c.orders_won for c in report.channels) == total["orders_won"]
    assert sum(c.results for c in report.channels) == total["results"]


def test_by_circle_says_who_is_in_several_and_counts_them_once(
    world: World, people: dict[str, Person]
) -> None:
    report = roi(world.alice, by="circle")
    assert [c.name for c in report.channels] == ["Sport", "Nachbarn", "Kundschaft"]
    assert _table(report) == {
        # Paula's 30 minutes, Sven's 90 and the hour of help; Paula and Rita new; Paula's
        # two orders, Rita's tip, Sven's help.
        "Sport": ("3.0", NONE, 2, 4, 0, 2, {EUR: "17000.00"}, 0, 6),
        "Nachbarn": ("3.0", NONE, 1, 3, 0, 2, {EUR: "17000.00"}, 0, 4),
        # Paula, Quentin, Tina new; Paula's two orders and Quentin's unvalued one.
        "Kundschaft": ("0.5", NONE, 3, 2, 1, 3, {EUR: "17000.00"}, 1, 6),
    }
    assert _also_in(report) == {
        "Sport": {"Kundschaft": 1, "Nachbarn": 2},
        "Nachbarn": {"Kundschaft": 1, "Sport": 2},
        "Kundschaft": {"Nachbarn": 1, "Sport": 1},
    }
    # Three rows show 7 orders won and 51,000 EUR; there were 3, worth 17,000.
    total = report.total_dict()
    assert _row(total) == ("3.0", NONE, 4, 4, 1, 3, {EUR: "17000.00"}, 1, 9)
    assert total["shared_people"] == 2  # Paula and Sven
    assert sum(c.orders_won for c in report.channels) == 7


def test_by_event_and_by_organisation(world: World, people: dict[str, Person]) -> None:
    events = roi(world.alice, by="event")
    assert _table(events) == {
        "Messe Nord": ("10.5", {EUR: "300.00"}, 1, 2, 0, 2, {EUR: "17000.00"}, 0, 3),
        "Gründerabend": ("4.0", NONE, 1, 0, 1, 1, NONE, 1, 2),
    }
    # By organisation, the club adds up its evening (and Quentin, met there).
    organisations = roi(world.alice, by="organisation")
    assert _table(organisations) == {
        "Wirtschaftsclub": ("10.0", {EUR: "200.00"}, 2, 1, 1, 1, NONE, 1, 4),
    }
    assert organisations.channels[0].events_included is True
    assert _row(organisations.total_dict()) == _table(organisations)["Wirtschaftsclub"]


def test_another_network_sees_none_of_it(world: World, people: dict[str, Person]) -> None:
    for by in (None, "event", "organisation", "circle"):
        report = roi(world.bob, by=by)
        assert report.channels == []
        assert report.total_dict()["results"] == 0


def test_the_command_shows_the_total_and_the_remarks(cli: Any, people: dict[str, Person]) -> None:
    data = cli("roi", "--by", "circle", "--json").json()
    assert data["by"] == "circle"
    assert (data["total"]["orders_won"], data["total"]["shared_people"]) == (3, 2)
    sport = next(row for row in data["channels"] if row["name"] == "Sport")
    assert [(o["name"], o["people"]) for o in sport["also_in"]] == [
        ("Kundschaft", 1),
        ("Nachbarn", 2),
    ]
    table = cli("roi", "--by", "circle").stdout
    assert "3 (17000.00 EUR; 1 without value)" in table  # Kundschaft and the total
    assert "Sport: its people are also in Kundschaft (1), Nachbarn (2)." in table
    assert "2 people show in more than one row; the total counts each once." in table
    everything = cli("roi").stdout
    assert "Wirtschaftsclub: its events are rows of their own: Gründerabend." in everything
    assert "1 (1 without value)" in everything  # Gründerabend
    assert "more than one row" not in everything
    clubs = cli("roi", "--by", "organisation").stdout
    assert "Wirtschaftsclub includes its events: Gründerabend." in clubs


def test_the_api_answers_the_total(world: World, people: dict[str, Person]) -> None:
    api = ApiClient(create_token(world.alice, "test")[1])
    answer = api.get("/api/roi", by="circle", limit=1)
    assert answer.status_code == 200, answer.content
    report = answer.json()
    assert [c["name"] for c in report["items"]] == ["Sport"]
    assert report["items"][0]["also_in"] == [
        {"id": Circle.objects.get(name="Kundschaft").pk, "name": "Kundschaft", "people": 1},
        {"id": Circle.objects.get(name="Nachbarn").pk, "name": "Nachbarn", "people": 2},
    ]
    # The total is the whole report's, not the page's.
    total = report["total"]
    assert (total["orders_won"], total["won_values"], total["orders_won_unvalued"]) == (
        3,
        {"EUR": "17000.00"},
        1,
    )
    assert (total["results"], total["shared_people"]) == (9, 2)
    club = api.get("/api/roi", by="organisation").json()["items"][0]
    assert club["events"][0]["name"] == "Gründerabend" and club["events_included"] is True


def test_the_page_shows_the_total_and_the_remarks(world: World, people: dict[str, Person]) -> None:
    from tests.reciprocity.test_pages import signed_in, text_of

    client = signed_in(world.alice)
    answer = client.get(reverse("reciprocity:roi"), {"by": "circle"})
    assert answer.status_code == 200
    body = answer.content.decode()
    rows = {
        re.search(r">([^<]+)</a>", row).group(1): text_of(row.encode())  # type: ignore[union-attr]
        for row in re.findall(r"<tr[^>]*>\s*<th scope=\"row\">.*?</tr>", body, re.S)
        if "</a>" in row
    }
    assert rows["Kundschaft"] == (
        "Kundschaft Circle Its people are also in Nachbarn (1 person), Sport (1 person). "
        "0.5 – 3 2 1 3 17,000.00 EUR 1 without value 0.1"
    )
    assert rows["Sport"].startswith(
        "Sport Circle Its people are also in Kundschaft (1 person), Nachbarn (2 people)."
    )
    footer = text_of(body[body.index("<tfoot>") : body.index("</tfoot>")].encode())
    assert footer == "Total 3.0 – 4 4 1 3 17,000.00 EUR 1 without value 0.3"
    assert "2 people show in more than one row; the total counts each once." in text_of(
        answer.content
    )
    everything = text_of(client.get(reverse("reciprocity:roi")).content)
    assert "Its events are rows of their own: Gründerabend." in everything
    assert "Total 23.0 500.00 EUR 4 4 1 3 17,000.00 EUR 1 without value 2.6" in everything
    assert "more than one row" not in everything
