"""The prep sheet from the command line, the API and the web; 404 for another network."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from knoten.api.tokens import create_token
from tests.api.conftest import ApiClient
from tests.conftest import CliResult, World
from tests.upkeep.test_prep import fair

__all__ = ["fair"]


def test_cli_event_prep(cli: Callable[..., CliResult], fair: int) -> None:
    data = cli("event", "prep", "Messe", "--json").json()
    assert [a["name"] for a in data["attendees"]] == ["Anna Adler", "Bernd Berger", "Emil Ernst"]
    assert data["wanted"][0]["introducers"][0]["name"] == "Carla Cruz"
    shown = cli("event", "prep", str(fair))
    assert shown.exit_code == 0
    assert "Last conversation" in shown.stdout and "Talked about the tender" in shown.stdout
    assert "Whom to meet there" in shown.stdout and "Carla Cruz (mentor)" in shown.stdout
    assert cli("event", "prep", "Messe", user="bob").exit_code == 1
    # The journal's own event commands are still there.
    assert cli("event", "list", "--json").exit_code == 0


def test_api_event_prep(world: World, fair: int) -> None:
    alice = ApiClient(create_token(world.alice, "t")[1])
    answer = alice.get(f"/api/events/{fair}/prep")
    assert answer.status_code == 200
    anna = answer.json()["attendees"][0]
    assert anna["promises_mine"][0]["text"] == "Send the offer"
    assert anna["family"][0]["name"] == "Paul Adler"
    bob = ApiClient(create_token(world.bob, "t")[1])
    assert bob.get(f"/api/events/{fair}/prep").status_code == 404


def test_prep_page_prints_and_is_404_for_another_network(world: World, fair: int) -> None:
    client = Client()
    client.force_login(world.alice.user)
    page = client.get(f"/events/{fair}/prep/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hannover Messe" in text and "Send the offer" in text and "prep-sheet" in text
    assert "Rotary lunch" in text and "Carla Cruz (mentor)" in text
    assert f"/events/{fair}/prep/" in client.get(f"/events/{fair}/").content.decode()
    other = Client()
    other.force_login(world.bob.user)
    assert other.get(f"/events/{fair}/prep/").status_code == 404
