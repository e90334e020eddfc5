"""Fixtures of the people tests: Alice acting, and a count of every row the app writes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core.models import Member
from knoten.people.models import (
    Affiliation,
    Circle,
    ContactPoint,
    ImportantDate,
    Organisation,
    Person,
    Relationship,
    Skill,
    Tag,
)
from tests.conftest import World

COUNTED = [
    Person,
    ContactPoint,
    Organisation,
    Affiliation,
    Relationship,
    ImportantDate,
    Circle,
    Tag,
    Skill,
    Person.circles.through,
    Person.tags.through,
    Person.skills.through,
]


def row_counts() -> dict[str, int]:
    """How many rows each table of the people app holds."""
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def rows() -> Callable[[], dict[str, int]]:
    return row_counts


@pytest.fixture
def alice(world: World) -> Member:
    return world.alice


@pytest.fixture
def bob(world: World) -> Member:
    return world.bob
