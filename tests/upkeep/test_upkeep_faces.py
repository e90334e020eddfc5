"""The due list, cadences, snoozes and strengths from the command line and the web."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.people.persons import PersonFields, add_person
from knoten.upkeep.models import Cadence, Snooze
from tests.conftest import CliResult, World

START = dt.date.today() + dt.timedelta(days=30)


@pytest.fixture
def overdue(world: World) -> int:
    """Anna, inner circle, last met 46 days before today: overdue (after 45)."""
    clock.pin(START)
    anna = add_person(world.alice, "Anna Adler", PersonFields(importance="inner"))
    log_interaction(
        world.alice, "Lunch", participants=[anna], on=START - dt.timedelta(days=10), place="Kiel"
    )
    clock.pin(START + dt.timedelta(days=36))
    return anna.pk


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def test_cli_due_set_cadence_snooze_and_strength(
    cli: Callable[..., CliResult], overdue: int, world: World
) -> None:
    listed = cli("due", "--json")
    assert listed.exit_code == 0
    (row,) = listed.json()["items"]
    assert (row["name"], row["state"]) == ("Anna Adler", "overdue")
    assert row["reason"] == "monthly (as inner circle); last contact 6 weeks ago: meeting — Kiel"
    shown = cli("due")
    assert "Anna Adler" in shown.stdout and "overdue" in shown.stdout

    assert cli("cadence", "set", "Anna Adler", "quarterly", "--json").json()["every_days"] == 91
    assert cli("due", "--json").json()["items"] == []
    assert cli("cadence", "set", "--circle", "Freunde", "alle 6 Wochen").exit_code == 0
    refused = cli("cadence", "set", "Anna Adler", "sometimes")
    assert refused.exit_code != 0 and "is not a period" in refused.stderr
    assert cli("cadence", "set", "quarterly").exit_code != 0  # a person is missing
    kinds = [r["kind"] for r in cli("cadence", "list", "--json").json()]
    assert kinds.count("importance") == 4 and "circle" in kinds and "person" in kinds
    assert cli("cadence", "clear", "Anna Adler").exit_code == 0
    assert cli("due", "--json").json()["count"] == 1

    assert (
        cli("snooze", "Anna Adler", "2 weeks", "--json").json()["until"]
        == (START + dt.timedelta(days=50)).isoformat()
    )
    assert cli("due", "--json").json()["count"] == 0
    assert cli("snooze", "Anna Adler", "--off").exit_code == 0
    assert Snooze.objects.count() == 0

    strength = cli("strength", "Anna Adler", "--json").json()
    assert strength["strength"] > 0 and strength["reasons"]
    assert cli("strength", "--refresh").exit_code == 0
    # Bob's network knows no Anna.
    assert cli("strength", "Anna Adler", user="bob").exit_code != 0
    assert cli("due", "--json", user="bob").json()["count"] == 0


def test_due_page_lists_and_acts(overdue: int, world: World) -> None:
    client = signed_in(world.alice)
    page = client.get("/due/").content.decode()
    assert "Anna Adler" in page and "overdue" in page and f"/log/?with={overdue}" in page
    home = client.get("/").content.decode()
    assert "Get in touch with Anna Adler" in home and "Anna Adler" in home

    answer = client.post(f"/due/{overdue}/snooze/", {"until": "1 week", "next": "/due/"})
    assert answer.status_code == 302 and answer["Location"] == "/due/"
    assert "Anna Adler" not in client.get("/due/").content.decode()
    Snooze.objects.all().delete()

    bad = client.post(f"/due/{overdue}/cadence/", {"every": "sometimes"})
    assert bad.status_code == 400 and "is not a period" in bad.content.decode()
    assert not Cadence.objects.filter(person_id=overdue).exists()
    client.post(f"/due/{overdue}/cadence/", {"every": "none"})
    assert Cadence.objects.get(person_id=overdue).every_days is None
    client.post(f"/due/{overdue}/cadence/", {"every": "inherit"})
    assert not Cadence.objects.filter(person_id=overdue).exists()
    # An outside address to come back to is not followed.
    away = client.post(f"/due/{overdue}/snooze/", {"until": "1 week", "next": "https://x.org/"})
    assert away["Location"] == "/due/"


def test_another_network_cannot_act_on_the_person(overdue: int, world: World) -> None:
    client = signed_in(world.bob)
    assert "Anna Adler" not in client.get("/due/").content.decode()
    assert client.post(f"/due/{overdue}/snooze/", {"until": "1 week"}).status_code == 404
    assert client.post(f"/due/{overdue}/cadence/", {"every": "monthly"}).status_code == 404
    assert not Snooze.objects.exists() and not Cadence.objects.exists()
