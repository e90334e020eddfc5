"""Fixtures of the journal tests: a few people in Alice's network, a fixed today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal.models import (
    Attendance,
    Event,
    Interaction,
    Participation,
    Project,
    ProjectRole,
    Promise,
)
from knoten.people.models import Organisation, Person
from tests.conftest import World

# A Wednesday: "Freitag" said on it is 15 March, the Friday before it 8 March.
TODAY = dt.date(2024, 3, 13)


@dataclass
class People:
    anna: Person  # Anna Schmidt
    anna2: Person  # Anna Schneider: "Anna" alone is ambiguous
    juergen: Person  # Jürgen Müller: found as "Mueller" and "Muller"
    bernd: Person  # Bernd Braun, in Bob's network


@pytest.fixture
def people(world: World) -> People:
    alice = world.alice.network
    return People(
        anna=Person.objects.create(network=alice, given_name="Anna", family_name="Schmidt"),
        anna2=Person.objects.create(network=alice, given_name="Anna", family_name="Schneider"),
        juergen=Person.objects.create(network=alice, given_name="Jürgen", family_name="Müller"),
        bernd=Person.objects.create(
            network=world.bob.network, given_name="Bernd", family_name="Braun"
        ),
    )


@pytest.fixture
def fixed_today() -> Iterator[dt.date]:
    """Pin "today" to Wednesday 13 March 2024 for relative dates."""
    with clock.pinned(TODAY):
        yield TODAY


@pytest.fixture
def dora(world: World) -> Member:
    """A second member of Alice's network (a team shares it), with a person of her own."""
    network = world.alice.network
    user = get_user_model().objects.create(username="dora")
    person = Person.objects.create(network=network, given_name="Dora", family_name="Diehl")
    return Member.objects.create(network=network, user=user, person=person, role=Member.Role.EDITOR)


def counts() -> dict[str, int]:
    """Rows of every table the journal writes to (organisations are created on the way)."""
    models = [
        Interaction,
        Participation,
        Promise,
        Project,
        ProjectRole,
        Event,
        Attendance,
        Organisation,
    ]
    return {model.__name__: model._default_manager.count() for model in models}
