"""Orders won in the balance: the count and the sum cover the same records, so a won
order without a value is said, not hidden in "2 (12000.00 EUR)" (issue 16)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from knoten.api.tokens import create_token
from knoten.people.models import Person
from knoten.reciprocity import services
from knoten.reciprocity.balance import overall_balance, person_balance
from tests.api.conftest import ApiClient
from tests.conftest import CliResult, World

Cli = Callable[..., CliResult]


@pytest.fixture
def anna(world: World, fixed_today: dt.date) -> Person:
    """Anna passed Alice two orders she won, one of 12,000 EUR, one of no known value;
    Alice passed Anna one, won at 500 EUR."""
    anna = Person.objects.create(network=world.alice.network, given_name="Anna", family_name="Aue")
    alice = world.alice
    services.add_favour(
        alice, giver=anna, receiver="me", kind="lead", outcome="won", won_value="12000 EUR"
    )
    services.add_favour(alice, giver=anna, receiver="me", kind="lead", outcome="won")
    services.add_favour(alice, giver=anna, receiver="me", kind="lead")  # still open
    services.add_favour(
        alice, giver="me", receiver=anna, kind="lead", outcome="won", won_value="500 EUR"
    )
    return anna


def test_the_balance_counts_the_won_orders_without_a_value(world: World, anna: Person) -> None:
    received = person_balance(world.alice, anna).received.as_dict()
    assert received["orders_won"] == 2
    assert received["won_values"] == {"EUR": "12000.00"}
    assert received["orders_won_unvalued"] == 1
    given = overall_balance(world.alice).total.given.as_dict()
    assert (given["orders_won"], given["won_values"], given["orders_won_unvalued"]) == (
        1,
        {"EUR": "500.00"},
        0,
    )


def test_the_cli_says_which_orders_the_sum_covers(cli: Cli, anna: Person) -> None:
    for args in (("balance",), ("balance", "Anna Aue")):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        line = next(row for row in result.stdout.splitlines() if "Orders won" in row)
        cells = [cell.strip() for cell in line.strip("│ ").split("│")]
        assert cells == ["Orders won", "1 (500.00 EUR)", "2 (12000.00 EUR; 1 without value)"]
    data = cli("balance", "Anna", "--json").json()
    assert data["received"]["orders_won_unvalued"] == 1


def test_the_api_gives_the_won_orders_without_a_value(world: World, anna: Person) -> None:
    api = ApiClient(create_token(world.alice, "test")[1])
    response = api.get(f"/api/persons/{anna.pk}/balance")
    assert response.status_code == 200, response.content
    received = response.json()["received"]
    assert (received["orders_won"], received["orders_won_unvalued"]) == (2, 1)
    total = api.get("/api/balance").json()
    assert (total["received"]["orders_won_unvalued"], total["given"]["orders_won_unvalued"]) == (
        1,
        0,
    )


def test_the_pages_say_how_many_won_orders_have_no_value(world: World, anna: Person) -> None:
    client = Client()
    client.force_login(world.alice.user)
    for url in (reverse("web:person", args=[anna.pk]), reverse("reciprocity:overview")):
        body = unescape(" ".join(client.get(url).content.decode().split()))
        assert "2 orders won: 12,000.00 EUR (1 without value)</p>" in body, url
        assert "1 order won: 500.00 EUR</p>" in body, url
