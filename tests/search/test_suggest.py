"""An empty search offers close names: a typo is not an umlaut variant."""

from __future__ import annotations

from collections.abc import Callable

from knoten.core.models import Member
from knoten.people.models import Person
from knoten.search.suggest import suggest_names
from tests.conftest import CliResult, World


def add(member: Member, given: str, family: str, **extra: object) -> Person:
    return Person.objects.create(
        network=member.network, given_name=given, family_name=family, **extra
    )


def test_a_misspelt_name_is_offered_the_closest_names(member: Member) -> None:
    mueller = add(member, "Jürgen", "Müller")
    add(member, "Anna", "Schmidt")
    found = suggest_names(member, "Mueler")
    assert [s.person_id for s in found] == [mueller.pk]
    assert found[0].name == "Jürgen Müller"


def test_nothing_close_offers_nothing(member: Member) -> None:
    add(member, "Jürgen", "Müller")
    assert suggest_names(member, "Zacharias") == []
    assert suggest_names(member, "x") == []


def test_archived_and_other_networks_people_are_never_offered(world: World) -> None:
    add(world.alice, "Jürgen", "Müller", archived=True)
    add(world.bob, "Jürgen", "Müller")
    assert suggest_names(world.alice, "Mueler") == []
    assert suggest_names(world.charlie, "Mueler") == []


def test_the_command_says_did_you_mean(cli: Callable[..., CliResult], world: World) -> None:
    anna = add(world.alice, "Anna", "Schmidt")
    result = cli("search", "Schmitd")
    assert result.exit_code == 0
    assert f"Did you mean: Anna Schmidt (id {anna.pk})?" in result.stderr
    assert result.stdout == ""
    as_json = cli("search", "Schmitd", "--json")
    assert as_json.json() == []
