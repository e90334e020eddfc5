"""``knoten favour`` and ``knoten recommendation``; the old ``favor`` and ``intro`` still work."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.people.models import Person
from knoten.reciprocity.models import Favour, Recommendation
from tests.conftest import CliResult, World

Cli = Callable[..., CliResult]


@pytest.fixture
def anna(world: World) -> Person:
    return Person.objects.create(
        network=world.alice.network, given_name="Anna", family_name="Schmidt"
    )


@pytest.fixture
def bernd(world: World) -> Person:
    return Person.objects.create(
        network=world.alice.network, given_name="Bernd", family_name="Braun"
    )


@pytest.mark.parametrize("noun", ["favour", "favor"])
def test_both_spellings_of_favour_work(cli: Cli, anna: Person, noun: str) -> None:
    added = cli(noun, "add", "--giver", "me", "--receiver", "Anna", "--kind", "tip", "--json")
    assert added.exit_code == 0, added.stderr
    favour = Favour.objects.get()
    listed = cli(noun, "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [row["id"] for row in listed.json()] == [favour.pk]


@pytest.mark.parametrize("noun", ["recommendation", "intro"])
def test_both_spellings_of_recommendation_work(
    cli: Cli, anna: Person, bernd: Person, noun: str
) -> None:
    added = cli(
        noun, "add", "--recommender", "Anna", "--recipient", "Bernd", "--beneficiary", "me",
        "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    recommendation = Recommendation.objects.get()
    listed = cli(noun, "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [row["id"] for row in listed.json()] == [recommendation.pk]


def test_help_names_the_new_spellings_only(cli: Cli) -> None:
    shown = cli("--help").stdout
    assert "favour" in shown and "recommendation" in shown
    assert "favor " not in shown and "intro " not in shown


def test_errors_name_the_new_command(cli: Cli, anna: Person) -> None:
    cli("favor", "add", "--giver", "me", "--receiver", "Anna", "--kind", "tip")
    favour = Favour.objects.get()
    refused = cli("favor", "edit", str(favour.pk))
    assert refused.exit_code != 0
    assert "favour edit" in refused.stderr
