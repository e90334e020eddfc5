"""The command, the API endpoint and the page call who_knows and show its answer."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from knoten.api.tokens import create_token
from tests.api.conftest import ApiClient
from tests.conftest import CliResult, World
from tests.expertise.conftest import Solar


def test_the_command_lists_people_with_evidence_and_introducers(
    cli: Callable[..., CliResult], solar: Solar
) -> None:
    result = cli("whoknows", "Photovoltaik")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.index("Pia Sonne") < result.stdout.index("Otto Zweit")
    assert "skill 'Photovoltaik'" in result.stdout
    assert "via Tom Tender (friend, trust 5)" in result.stdout
    assert "Grit Geheim" not in result.stdout


def test_the_command_in_json(cli: Callable[..., CliResult], solar: Solar) -> None:
    result = cli("whoknows", "photovoltaic", "--json", "--limit", "2")
    rows = result.json()
    assert [row["name"] for row in rows] == ["Pia Sonne", "Tom Tender"]
    assert rows[1]["evidence"][0]["date"] == "2026-03-12"
    assert rows[0]["degree"] == 1


def test_the_command_refuses_an_empty_topic(cli: Callable[..., CliResult], solar: Solar) -> None:
    result = cli("whoknows", "!!")
    assert result.exit_code != 0
    assert "topic" in result.stderr


def test_the_command_says_when_nobody_knows(cli: Callable[..., CliResult], solar: Solar) -> None:
    result = cli("whoknows", "Quantenchemie")
    assert result.exit_code == 0
    assert "Nobody is known to know about 'Quantenchemie'" in result.stderr


def test_the_endpoint(world: World, solar: Solar) -> None:
    api = ApiClient(create_token(world.alice, "test")[1])
    response = api.get("/api/whoknows", topic="Photovoltaik", limit=6)
    assert response.status_code == 200
    rows = response.json()
    otto = next(row for row in rows if row["name"] == "Otto Zweit")
    assert otto["degree"] == 2
    assert otto["introducers"] == [
        {"person_id": solar.tom.pk, "name": "Tom Tender", "how": "friend, trust 5"}
    ]
    bad = api.get("/api/whoknows", topic="  ")
    assert bad.status_code == 400 and "topic" in bad.json()["message"]


def test_the_page(world: World, solar: Solar) -> None:
    client = Client()
    client.force_login(world.alice.user)
    page = client.get("/whoknows/", {"topic": "Ausschreibungen"}).content.decode()
    assert "Vera Vergabe" in page and "skill &#x27;Öffentliche Ausschreibungen&#x27;" in page
    empty = client.get("/whoknows/").content.decode()
    assert 'name="topic"' in empty and "Vera Vergabe" not in empty
    refused = client.get("/whoknows/", {"topic": "!!"})
    assert refused.status_code == 400


def test_the_search_offers_who_knows(world: World, solar: Solar) -> None:
    client = Client()
    client.force_login(world.alice.user)
    page = client.get("/people/", {"q": "Photovoltaik"}).content.decode()
    assert "/whoknows/?topic=Photovoltaik" in page
