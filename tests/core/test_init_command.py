from __future__ import annotations

from collections.abc import Callable

from knoten.core.models import Member, Network
from knoten.people.models import Circle
from tests.conftest import CliResult

Cli = Callable[..., CliResult]


def test_init_creates_the_network_me_and_the_seeded_circles(cli: Cli) -> None:
    result = cli("init", "--name", "Mein Netzwerk", "--me", "Dr. Eva Berger", "--json", user="dora")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["network"]["name"] == "Mein Netzwerk"
    assert data["me"]["name"] == "Dr. Eva Berger"
    member = Member.objects.get(user__username="dora")
    assert member.me.academic_title == "Dr."
    circles = set(Circle.objects.filter(network=member.network).values_list("code", flat=True))
    assert {"family", "friends", "former_colleagues", "seminar_acquaintances", "online"} <= circles
    assert len(circles) == 13


def test_init_twice_changes_nothing(cli: Cli) -> None:
    assert cli("init", "--name", "Mein Netzwerk", "--me", "Eva Berger", user="ivo").exit_code == 0
    before = Network.objects.count()
    result = cli("init", "--name", "Mein Netzwerk", "--me", "Eva Berger", user="ivo")
    assert result.exit_code == 0
    assert "already exists; nothing changed" in result.stderr
    assert Network.objects.count() == before


def test_any_command_creates_the_network_on_first_use(cli: Cli) -> None:
    from knoten.people.networks import local_member

    assert not Member.objects.filter(user__username="erik").exists()
    member = local_member(username="erik")
    assert member.me.pk is not None
    assert local_member(username="erik") == member


def test_an_empty_network_name_is_refused(cli: Cli) -> None:
    before = Network.objects.count()
    result = cli("init", "--name", "  ", user="fritz")
    assert result.exit_code == 2
    assert "name: '  ' is empty" in result.stderr
    assert Network.objects.count() == before


def test_init_names_a_network_that_holds_only_me(cli: Cli) -> None:
    """`knoten serve` or any command made the network first: init still names it."""
    from knoten.people.networks import local_member

    first = local_member(username="gina")
    assert first.network.name == "My network"
    result = cli("init", "--name", "Mein Netzwerk", "--me", "Eva Berger", user="gina")
    assert result.exit_code == 0, result.stderr
    assert "Named network 'Mein Netzwerk' with you as 'Eva Berger'" in result.stderr
    member = Member.objects.select_related("network", "person").get(user__username="gina")
    assert (member.network.name, member.me.full_name) == ("Mein Netzwerk", "Eva Berger")
    assert Network.objects.filter(members__user__username="gina").count() == 1


def test_init_leaves_a_network_with_people_as_it_is(cli: Cli) -> None:
    assert cli("person", "add", "Anna Schmidt", user="hanna").exit_code == 0
    result = cli("init", "--name", "Anders", "--me", "Someone Else", user="hanna")
    assert result.exit_code == 0
    assert "already exists; nothing changed" in result.stderr
    member = Member.objects.select_related("network", "person").get(user__username="hanna")
    assert member.network.name == "My network"
    assert member.me.full_name != "Someone Else"
