"""Recording favours, recommendations and channel costs: what is kept, what is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.people.models import Organisation, Person
from knoten.reciprocity import services
from knoten.reciprocity.models import ChannelCost, Favour, Recommendation
from tests.conftest import World


@pytest.fixture
def alice(world: World, fixed_today: dt.date) -> Member:
    return world.alice


@pytest.fixture
def anna(alice: Member) -> Person:
    return Person.objects.create(network=alice.network, given_name="Anna", family_name="Schmidt")


@pytest.fixture
def bernd(alice: Member) -> Person:
    return Person.objects.create(network=alice.network, given_name="Bernd", family_name="Braun")


def _rows() -> tuple[int, int, int]:
    return Favour.objects.count(), Recommendation.objects.count(), ChannelCost.objects.count()


def test_a_favour_with_everything(alice: Member, anna: Person) -> None:
    favour = services.add_favour(
        alice,
        giver="me",
        receiver="Anna",
        kind="Auftrag",
        on="2026-10-01",
        value="5.000,50 €",
        minutes="45",
        note="Hinweis auf die Ausschreibung",
        outcome="won",
        won_value="12000",
    )
    data = services.favour_as_dict(services.get_favour(alice, favour.pk))
    assert data["giver"] == {"id": alice.me.pk, "name": "Alice Adler"}
    assert data["receiver"]["id"] == anna.pk
    assert (data["kind"], data["date"], data["minutes"]) == ("lead", "2026-10-01", 45)
    assert data["value"] == {"amount": "5000.50", "currency": "EUR"}
    assert data["won_value"] == {"amount": "12000.00", "currency": "EUR"}
    assert (data["outcome"], data["thanked"]) == ("won", False)


def test_a_favour_between_two_others(alice: Member, anna: Person, bernd: Person) -> None:
    favour = services.add_favour(alice, giver=anna, receiver=bernd, kind="introduction")
    assert (favour.giver, favour.receiver, favour.given_on) == (anna, bernd, dt.date(2026, 11, 20))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "bribe"}, "kind: 'bribe' is not one of"),
        ({"receiver": "me"}, "receiver: 'me' is the giver too"),
        ({"on": "2027-01-01"}, "on: '2027-01-01' is 2027-01-01, in the future"),
        ({"value": "viel"}, "value: 'viel' is not an amount"),
        ({"minutes": "-5"}, "minutes: '-5' is not a whole number of minutes"),
        ({"outcome": "maybe"}, "outcome: 'maybe' is not one of"),
        ({"won_value": "100"}, "won_value: '100' is the value of an order won"),
        ({"giver": "Zacharias"}, "no giver matches 'Zacharias'"),
        ({"note": "a\x00b"}, "note: 'a\\x00b' contains a NUL character"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    alice: Member, anna: Person, changes: dict[str, str], message: str
) -> None:
    arguments = {"giver": "me", "receiver": "Anna", "kind": "tip", **changes}
    with pytest.raises((InvalidInput, NotFound)) as raised:
        services.add_favour(alice, **arguments)  # type: ignore[arg-type]
    assert message in raised.value.message
    assert _rows() == (0, 0, 0)


def test_edit_thank_and_outcome(alice: Member, anna: Person, bernd: Person) -> None:
    favour = services.add_favour(alice, giver=anna, receiver="me", kind="tip", on="2026-11-01")
    services.edit_favour(alice, favour.pk, kind="help", minutes=30, receiver=bernd)
    services.edit_favour(alice, favour.pk, receiver="me")
    services.thank_favour(alice, favour.pk, on="2026-11-02")
    services.set_favour_outcome(alice, favour.pk, "Auftrag gewonnen", value="900 EUR")
    favour.refresh_from_db()
    assert (favour.kind, favour.effort_minutes, favour.receiver_id) == ("help", 30, alice.me.pk)
    assert (favour.thanked_on, favour.outcome, favour.won_value) == (
        dt.date(2026, 11, 2),
        "won",
        Decimal("900.00"),
    )
    services.set_favour_outcome(alice, favour.pk, "nothing came of it")
    favour.refresh_from_db()
    assert (favour.outcome, favour.won_value) == ("nothing", None)
    # The outcome's own parameter is named in its refusal, the favour's value apart.
    with pytest.raises(InvalidInput, match=r"^value: '900' is the value of an order won"):
        services.set_favour_outcome(alice, favour.pk, "open", value="900")
    with pytest.raises(InvalidInput, match=r"^won_value: 'viel' is not an amount"):
        services.add_favour(
            alice, giver=anna, receiver="me", kind="tip", outcome="won", won_value="viel"
        )
    with pytest.raises(InvalidInput, match="before the favour was done"):
        services.thank_favour(alice, favour.pk, on="2026-10-01")


def test_a_refused_edit_changes_nothing(alice: Member, anna: Person) -> None:
    favour = services.add_favour(alice, giver=anna, receiver="me", kind="tip", on="2026-11-01")
    with pytest.raises(InvalidInput):
        services.edit_favour(alice, favour.pk, kind="help", receiver=anna)
    favour.refresh_from_db()
    assert (favour.kind, favour.receiver_id) == ("tip", alice.me.pk)


def test_a_triangle_needs_three_people(alice: Member, anna: Person, bernd: Person) -> None:
    with pytest.raises(InvalidInput, match="beneficiary: 'Anna Schmidt' is the recipient too"):
        services.add_recommendation(alice, recommender="me", recipient=anna, beneficiary=anna)
    with pytest.raises(InvalidInput, match="is the recommender too"):
        services.add_recommendation(alice, recommender=anna, recipient="me", beneficiary=anna)
    assert _rows() == (0, 0, 0)
    made = services.add_recommendation(
        alice, recommender=anna, recipient=bernd, beneficiary="ich", context="Steuerberater gesucht"
    )
    services.set_recommendation_outcome(alice, made.pk, "won", value="12000 EUR")
    services.thank_recommendation(alice, made.pk, by="Nutznießer")
    data = services.recommendation_as_dict(services.get_recommendation(alice, made.pk), alice.me.pk)
    assert data["my_role"] == "beneficiary"
    assert data["won_value"] == {"amount": "12000.00", "currency": "EUR"}
    assert (data["beneficiary_thanked"], data["recipient_thanked"]) == (True, False)
    with pytest.raises(InvalidInput, match="by: 'boss' is not beneficiary or recipient"):
        services.thank_recommendation(alice, made.pk, by="boss")


def test_lists_filter_by_person_role_and_date(alice: Member, anna: Person, bernd: Person) -> None:
    services.add_favour(alice, giver="me", receiver=anna, kind="tip", on="2026-01-01")
    services.add_favour(alice, giver=bernd, receiver="me", kind="help", on="2026-06-01")
    assert [f.kind for f in services.list_favours(alice, person=anna)] == ["tip"]
    assert [f.kind for f in services.list_favours(alice, since="2026-03-01")] == ["help"]
    assert [f.kind for f in services.list_favours(alice)] == ["help", "tip"]
    services.add_recommendation(alice, recommender="me", recipient=anna, beneficiary=bernd)
    services.add_recommendation(alice, recommender=anna, recipient=bernd, beneficiary="me")
    assert len(services.list_recommendations(alice, role="beneficiary")) == 1
    assert len(services.list_recommendations(alice, person=bernd)) == 2
    assert len(services.list_recommendations(alice, person=anna, role="recipient")) == 1


def test_channel_costs(alice: Member) -> None:
    Organisation.objects.create(network=alice.network, name="BVMW")
    cost = services.add_channel_cost(alice, organisation="bvmw", amount="240", hours="1:30")
    assert (cost.amount, cost.currency, cost.hours, cost.spent_on) == (
        Decimal(240),
        "EUR",
        Decimal("1.50"),
        dt.date(2026, 11, 20),
    )
    with pytest.raises(InvalidInput, match="name exactly one event, organisation or circle"):
        services.add_channel_cost(alice, amount="10")
    with pytest.raises(InvalidInput, match="give money, time or both"):
        services.add_channel_cost(alice, organisation="BVMW")
    assert ChannelCost.objects.count() == 1


def test_another_networks_rows_are_not_found(world: World, alice: Member, anna: Person) -> None:
    favour = services.add_favour(alice, giver="me", receiver=anna, kind="tip")
    made = services.add_recommendation(
        alice,
        recommender="me",
        recipient=anna,
        beneficiary=Person.objects.create(network=alice.network, given_name="Carl"),
    )
    bob = world.bob
    with pytest.raises(NotFound):
        services.get_favour(bob, favour.pk)
    with pytest.raises(NotFound):
        services.thank_favour(bob, favour.pk)
    with pytest.raises(NotFound):
        services.get_recommendation(bob, made.pk)
    with pytest.raises(NotFound):
        services.add_favour(bob, giver="me", receiver=anna.pk, kind="tip")
    assert services.list_favours(bob) == []
    assert services.list_recommendations(bob) == []
    favour.refresh_from_db()
    assert favour.thanked_on is None
