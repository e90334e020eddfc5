"""people.0006: a circle an import made under a seeded circle's German name is merged
into the seeded circle, per network, with its persons and what points at it."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from knoten.core.words import word_key
from knoten.people import vocabulary as v
from knoten.people.models import Circle, Person
from knoten.reciprocity.models import ChannelCost
from knoten.upkeep.models import Cadence
from tests.conftest import World

migration = importlib.import_module("knoten.people.migrations.0006_merge_seeded_circle_twins")


def _migrate() -> None:
    """The migration's function on the models as the migrations describe them."""
    state = MigrationExecutor(connection).loader.project_state()
    migration.merge_twins(state.apps, None)


def _person(network_id: int, name: str, *circles: Circle) -> Person:
    person = Person.objects.create(network_id=network_id, given_name=name)
    person.circles.add(*circles)
    return person


def _seeded(network_id: int, code: str) -> Circle:
    return Circle.objects.get(network_id=network_id, code=code)


def _circles_of(person: Person) -> set[str]:
    return set(Person.objects.get(pk=person.pk).circles.values_list("name", flat=True))


def test_twins_are_merged_into_the_seeded_circles(world: World) -> None:
    net = world.alice.network_id
    partners, friends = _seeded(net, "business_partners"), _seeded(net, "friends")
    twin = Circle.objects.create(network_id=net, name="Geschäftspartner")
    other_twin = Circle.objects.create(network_id=net, name="FREUNDE")
    golf = Circle.objects.create(network_id=net, name="Golfclub")
    only_twin = _person(net, "Gerd", twin)
    both = _person(net, "Vera", twin, partners, golf)
    only_seeded = _person(net, "Sara", partners)
    friend = _person(net, "Fritz", other_twin)
    # The twin's cadence moves to the seeded circle that has none; where the seeded
    # circle has its own, that one stays and the twin's goes.
    Cadence.objects.create(network_id=net, circle=twin, every_days=30, latest_days=45)
    Cadence.objects.create(network_id=net, circle=friends, every_days=60, latest_days=90)
    Cadence.objects.create(network_id=net, circle=other_twin, every_days=7, latest_days=10)
    ChannelCost.objects.create(
        network_id=net, spent_on=dt.date(2026, 3, 1), circle=twin, amount=Decimal("12.50")
    )

    _migrate()

    assert not Circle.objects.filter(pk__in=[twin.pk, other_twin.pk]).exists()
    assert Circle.objects.filter(pk=golf.pk).exists()
    assert _circles_of(only_twin) == {"business partners"}
    assert _circles_of(both) == {"business partners", "Golfclub"}
    assert _circles_of(only_seeded) == {"business partners"}
    assert _circles_of(friend) == {"friends"}
    assert Cadence.objects.get(circle=partners).every_days == 30
    assert Cadence.objects.get(circle=friends).every_days == 60
    assert Cadence.objects.filter(network_id=net, circle__isnull=False).count() == 2
    assert ChannelCost.objects.get(network_id=net).circle_id == partners.pk


def test_each_network_merges_into_its_own_seeded_circle(world: World) -> None:
    alice, bob = world.alice.network_id, world.bob.network_id
    alices_twin = Circle.objects.create(network_id=alice, name="Kunden")
    bobs_twin = Circle.objects.create(network_id=bob, name="kunden")
    anna = _person(alice, "Anna", alices_twin)
    bert = _person(bob, "Bert", bobs_twin)

    _migrate()

    assert list(Person.objects.get(pk=anna.pk).circles.all()) == [_seeded(alice, "clients")]
    assert list(Person.objects.get(pk=bert.pk).circles.all()) == [_seeded(bob, "clients")]
    assert not Circle.objects.filter(pk__in=[alices_twin.pk, bobs_twin.pk]).exists()
    assert Circle.objects.filter(network_id=alice).count() == len(v.SEEDED_CIRCLES)


def test_a_twin_whose_seeded_circle_is_gone_stays(world: World) -> None:
    net = world.alice.network_id
    _seeded(net, "family").delete()
    twin = Circle.objects.create(network_id=net, name="Familie")
    person = _person(net, "Frieda", twin)
    online = Circle.objects.create(network_id=net, name="Online Kontakte")

    _migrate()

    assert _circles_of(person) == {"Familie"}
    assert not Circle.objects.filter(pk=online.pk).exists()


def test_a_network_without_twins_is_left_as_it_is(world: World) -> None:
    before = sorted(Circle.objects.values_list("pk", "network_id", "code", "name"))
    _migrate()
    assert sorted(Circle.objects.values_list("pk", "network_id", "code", "name")) == before


@pytest.mark.parametrize(
    "text", ["Geschäftspartner", "GESCHAEFTSPARTNER", "Online-Kontakte", "Straße", "Ærø  Øl"]
)
def test_the_copied_folding_is_the_apps(text: str) -> None:
    assert migration.word_key(text) == word_key(text)


def test_the_copied_circles_are_seeded_ones() -> None:
    seeded = {(word.code, word.en, word.de) for word in v.SEEDED_CIRCLES}
    assert set(migration.SEEDED_CIRCLES) <= seeded
