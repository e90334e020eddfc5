"""Capturing whom I met from the command line, the API and the web page."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from knoten.api.tokens import create_token
from knoten.journal.models import Attendance
from knoten.people.models import Person
from tests.api.conftest import ApiClient
from tests.conftest import CliResult, World
from tests.upkeep.test_capture import messe

__all__ = ["messe"]


def test_cli_capture_one_and_in_a_loop(
    cli: Callable[..., CliResult], world: World, messe: int
) -> None:
    from typer.testing import CliRunner

    from knoten.cli import main as cli_main

    one = cli("event", "capture", "Messe", "--name", "Petra Pohl", "--org", "Siemens")
    assert one.exit_code == 0 and "Added Petra Pohl" in one.stderr
    runner = CliRunner()
    typed = "Muller\nBosch\nSensors\nAnna Neu\n\n\n\n"
    looped = runner.invoke(cli_main.app, ["event", "capture", str(messe)], input=typed)
    assert looped.exit_code == 0, looped.output
    assert "Met Jürgen Müller" in looped.output and "Added Anna Neu" in looped.output
    met = Attendance.objects.filter(event_id=messe, status="met").count()
    assert met == 3
    assert cli("event", "capture", "Messe", "--name", "X", user="bob").exit_code == 1


def test_api_met(world: World, messe: int) -> None:
    alice = ApiClient(create_token(world.alice, "t")[1])
    made = alice.post(f"/api/events/{messe}/capture", {"name": "Muller", "line": "Sensors"})
    assert made.status_code == 201, made.json()
    assert made.json()["name"] == "Jürgen Müller"
    assert not made.json()["created"]
    url = f"/api/events/{messe}/capture"
    new = alice.post(url, {"name": "Petra Pohl", "organisation": "Siemens"})
    assert new.status_code == 201 and new.json()["created"]
    assert alice.post(f"/api/events/{messe}/capture", {"name": ""}).status_code == 400
    bob = ApiClient(create_token(world.bob, "t")[1])
    assert bob.post(f"/api/events/{messe}/capture", {"name": "Neu"}).status_code == 404


def test_capture_page_adds_suggests_and_asks(world: World, messe: int) -> None:
    client = Client()
    client.force_login(world.alice.user)
    page = client.get(f"/events/{messe}/capture/")
    assert page.status_code == 200 and "capture-name" in page.content.decode()
    suggested = client.get(f"/events/{messe}/capture/suggest/", {"name": "Mull"}).content.decode()
    assert "Jürgen Müller" in suggested and 'name="person"' in suggested
    added = client.post(
        f"/events/{messe}/capture/",
        {"name": "Petra Pohl", "organisation": "Siemens", "line": "Sensors"},
        headers={"HX-Request": "true"},
    )
    text = added.content.decode()
    assert added.status_code == 200 and "Added Petra Pohl" in text and "<html" not in text
    assert 'value=""' in text or 'value="Petra' not in text  # the form comes back empty
    client.post(f"/events/{messe}/capture/", {"name": "Anna Müller"})
    asked = client.post(f"/events/{messe}/capture/", {"name": "Muller", "line": "Hi"})
    assert asked.status_code == 400 and "matches several" in asked.content.decode()
    anna = Person.objects.get(given_name="Anna", family_name="Müller")
    picked = client.post(f"/events/{messe}/capture/", {"name": "Muller", "person": anna.pk})
    assert picked.status_code == 200
    other = Client()
    other.force_login(world.bob.user)
    assert other.get(f"/events/{messe}/capture/").status_code == 404
    assert other.get(f"/events/{messe}/capture/suggest/", {"name": "Mull"}).status_code == 404
    assert other.post(f"/events/{messe}/capture/", {"name": "X"}).status_code == 404
