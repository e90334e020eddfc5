"""The demo network's give and take: favours, recommendations and channel costs that make
the balance, the signals and the return on time say something, at every size."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

import pytest
from django.db.models import Q

from knoten.core.models import Member
from knoten.demo.generate import generate_network
from knoten.journal.models import Participation
from knoten.people.models import Affiliation, Person
from knoten.people.networks import create_network
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.balance import overall_balance
from knoten.reciprocity.models import ChannelCost, Favour, Recommendation
from knoten.reciprocity.roi import roi
from knoten.reciprocity.signals import signals
from tests.conftest import World

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def demo(member: Member) -> Member:
    """Alice's network filled with 200 persons, laid out around a fixed today."""
    generate_network(member, size=200, seed=7, today=TODAY)
    return member


def give_and_take_fingerprint(member: Member) -> str:
    """Favours, recommendations and costs, by the persons' order rather than their keys."""
    people = Person.objects.filter(network_id=member.network_id).order_by("pk")
    position = {pk: number for number, pk in enumerate(people.values_list("pk", flat=True))}
    digest = hashlib.sha256()
    favours = Favour.objects.filter(network_id=member.network_id).order_by("pk")
    for giver, receiver, *rest in favours.values_list(
        "giver", "receiver", "kind", "given_on", "value", "outcome", "won_value", "thanked_on"
    ):
        digest.update(repr((position[giver], position[receiver], *rest)).encode())
    rows = Recommendation.objects.filter(network_id=member.network_id).order_by("pk")
    for *three, day, outcome, won in rows.values_list(
        "recommender", "recipient", "beneficiary", "made_on", "outcome", "won_value"
    ):
        digest.update(repr(([position[pk] for pk in three], day, outcome, won)).encode())
    costs = ChannelCost.objects.filter(network_id=member.network_id).order_by("pk")
    for row in costs.values_list("spent_on", "amount", "hours", "note"):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_give_and_take(db: None) -> None:
    first = create_network("One", username="one", me_name="Eva Berger")
    second = create_network("Two", username="two", me_name="Eva Berger")
    third = create_network("Three", username="three", me_name="Eva Berger")
    for member, seed in ((first, 3), (second, 3), (third, 4)):
        generate_network(member, size=150, seed=seed, today=TODAY)

    assert give_and_take_fingerprint(first) == give_and_take_fingerprint(second)
    assert give_and_take_fingerprint(first) != give_and_take_fingerprint(third)


def test_favours_run_both_ways_and_between_others(demo: Member) -> None:
    me = demo.me.pk
    favours = Favour.objects.filter(network_id=demo.network_id)
    given = favours.filter(giver_id=me)
    received = favours.filter(receiver_id=me)
    between_others = favours.exclude(giver_id=me).exclude(receiver_id=me)
    assert given.count() > 50 and received.count() > 50
    assert between_others.exists()
    # Every kind, values in more than one currency, effort, notes, every outcome.
    assert set(favours.values_list("kind", flat=True)) == {word.code for word in v.FAVOUR_KINDS}
    assert {word.code for word in v.OUTCOMES} <= set(favours.values_list("outcome", flat=True))
    assert favours.exclude(value=None).exists()
    assert favours.filter(outcome="won").exclude(won_value=None).exists()
    assert not favours.exclude(outcome="won").exclude(won_value=None).exists()
    assert (
        given.exclude(effort_minutes=None).count() > received.exclude(effort_minutes=None).count()
    )
    assert favours.exclude(note="").exists()
    # Most favours *me* received were thanked, not all.
    thanked = received.exclude(thanked_on=None).count()
    assert received.count() / 2 < thanked < received.count()
    # Some were noted in a conversation with that person, on its day.
    linked = given.exclude(interaction=None).values_list("receiver_id", "given_on", "interaction")
    assert linked
    for person, day, interaction in linked:
        assert Participation.objects.filter(interaction_id=interaction, person_id=person).exists()
        assert (
            Participation.objects.get(
                interaction_id=interaction, person_id=person
            ).interaction.occurred_on
            == day
        )


def test_recommendations_have_me_in_every_role(demo: Member) -> None:
    me = demo.me.pk
    rows = Recommendation.objects.filter(network_id=demo.network_id)
    for role in ("recommender", "recipient", "beneficiary"):
        assert rows.filter(**{f"{role}_id": me}).exists(), role
    assert (
        rows.exclude(recommender_id=me).exclude(recipient_id=me).exclude(beneficiary_id=me).exists()
    )
    assert rows.filter(outcome="won").exclude(won_value=None).exists()
    assert {"contact_made", "meeting_held", "won", "nothing"} <= set(
        rows.values_list("outcome", flat=True)
    )
    assert rows.exclude(beneficiary_thanked_on=None).exists()
    assert (
        rows.filter(beneficiary_id=me, beneficiary_thanked_on=None).exists()
        or rows.filter(recipient_id=me, recipient_thanked_on=None).exists()
    )


def test_nothing_happens_in_the_future_or_is_thanked_before_it_happened(demo: Member) -> None:
    favours = Favour.objects.filter(network_id=demo.network_id)
    assert not favours.filter(given_on__gt=TODAY).exists()
    assert not favours.filter(thanked_on__gt=TODAY).exists()
    for given, thanked in favours.exclude(thanked_on=None).values_list("given_on", "thanked_on"):
        assert given <= thanked
    rows = Recommendation.objects.filter(network_id=demo.network_id)
    assert not rows.filter(made_on__gt=TODAY).exists()
    for made, *thanks in rows.values_list(
        "made_on", "beneficiary_thanked_on", "recipient_thanked_on"
    ):
        assert all(made <= day <= TODAY for day in thanks if day is not None)
    costs = ChannelCost.objects.filter(network_id=demo.network_id)
    assert not costs.filter(spent_on__gt=TODAY).exists()
    # Five years of it, more of it recent.
    days = list(favours.values_list("given_on", flat=True))
    assert (TODAY - min(days)).days > 3 * 365
    last_year = sum(1 for day in days if (TODAY - day).days <= 365)
    assert last_year > len(days) / 5


def test_my_memberships_cost_fees_and_hours(demo: Member) -> None:
    costs = ChannelCost.objects.filter(network_id=demo.network_id)
    memberships = set(
        Affiliation.objects.filter(
            network_id=demo.network_id, person=demo.me, kind="membership"
        ).values_list("organisation_id", flat=True)
    )
    paid = set(
        costs.exclude(organisation=None)
        .exclude(amount=None)
        .values_list("organisation_id", flat=True)
    )
    assert memberships and paid <= memberships
    assert len(paid) >= 3
    assert costs.exclude(organisation=None).exclude(hours=None).exists()
    assert costs.exclude(event=None).exists()
    assert costs.exclude(circle=None).exists()
    assert set(costs.exclude(amount=None).values_list("currency", flat=True)) == {"EUR"}


def test_balance_signals_and_return_on_time_have_something_to_say(demo: Member) -> None:
    overview = overall_balance(demo, until=TODAY)
    total = overview.total
    assert total.given.total > 0 and total.received.total > 0
    assert total.given.minutes > 0 and total.received.won > 0
    assert all(total.roles[role] > 0 for role in ("recommender", "recipient", "beneficiary"))
    assert total.beneficiary_share is not None and 0 < total.beneficiary_share < 1
    assert len(overview.contacts) > 30
    busiest = overview.contacts[0]
    assert busiest.given.total + busiest.received.total >= 8

    codes = Counter(signal.code for signal in signals(demo, on=TODAY))
    assert {"only_giving", "only_taking", "unthanked_favour", "time_eater"} <= set(codes)

    report = roi(demo, until=TODAY)
    kinds = Counter(channel.kind for channel in report.channels)
    assert kinds["organisation"] >= 3 and kinds["circle"] >= 3
    members = [c for c in report.channels if c.kind == "organisation" and c.member]
    assert any(c.money and c.hours for c in members)
    assert any(c.results for c in report.channels)
    assert any(c.orders_won for c in report.channels)


@pytest.mark.parametrize("size", [1, 2, 3, 12])
def test_a_tiny_network_gets_what_it_can_hold(member: Member, size: int) -> None:
    counts = generate_network(member, size=size, seed=1, today=TODAY)
    favours = Favour.objects.filter(network_id=member.network_id)
    assert counts["favours"] == favours.count() > 0
    assert (
        counts.get("recommendations", 0)
        == Recommendation.objects.filter(network_id=member.network_id).count()
    )
    overall_balance(member, until=TODAY)
    signals(member, on=TODAY)
    roi(member, until=TODAY)


def test_give_and_take_stays_in_its_network(world: World) -> None:
    generate_network(world.alice, size=150, seed=1, today=TODAY)
    net = world.alice.network_id
    favours = Favour.objects.filter(network_id=net)
    rows = Recommendation.objects.filter(network_id=net)
    costs = ChannelCost.objects.filter(network_id=net)
    checks = [
        favours.exclude(giver__network_id=net),
        favours.exclude(receiver__network_id=net),
        favours.filter(interaction__isnull=False).exclude(interaction__network_id=net),
        favours.exclude(author=world.alice),
        rows.exclude(recommender__network_id=net),
        rows.exclude(recipient__network_id=net),
        rows.exclude(beneficiary__network_id=net),
        rows.filter(interaction__isnull=False).exclude(interaction__network_id=net),
        costs.filter(event__isnull=False).exclude(event__network_id=net),
        costs.filter(organisation__isnull=False).exclude(organisation__network_id=net),
        costs.filter(circle__isnull=False).exclude(circle__network_id=net),
    ]
    for query in checks:
        assert not query.exists(), query.query
    for other in (world.bob, world.charlie):
        assert not Favour.objects.filter(
            Q(network_id=other.network_id) | Q(giver__network_id=other.network_id)
        ).exists()
        assert overall_balance(other, until=TODAY).total.given.total == 0
        assert signals(other, on=TODAY) == []
        assert roi(other, until=TODAY).channels == []
