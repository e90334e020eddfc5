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
from tests.web.pressing import press

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
    assert client.get(f"/due/{overdue}/more/").status_code == 404


def test_a_due_row_is_buttons_of_one_form_and_its_rarer_actions_load_on_demand(
    overdue: int, world: World
) -> None:
    """Issue 17's page budget: the list has one form (the CSRF token once); a row's snooze
    buttons name it, and "More" (snooze until a day, the cadence) is fetched when opened,
    or opened as a page of its own without JavaScript. Each sends what it did before."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.alice.user)
    page = client.get("/due/").content.decode()
    assert page.count("csrfmiddlewaretoken") == 3  # signing out, the language, the list
    assert f'<a href="/due/{overdue}/more/?next=/due/">' in page
    answer = press(client, page, "Snooze a week", near=f"/due/{overdue}/")
    assert answer.status_code == 302 and answer["Location"] == "/due/"
    assert Snooze.objects.get(person_id=overdue).until == clock.today() + dt.timedelta(days=7)
    Snooze.objects.all().delete()

    alone = client.get(f"/due/{overdue}/more/?next=/due/%3Fpage%3D1").content.decode()
    assert "<html" in alone and "Anna Adler" in alone and 'id="cadence-presets"' in alone
    part = client.get(f"/due/{overdue}/more/?next=/due/", HTTP_HX_REQUEST="true")
    shown = part.content.decode()
    assert "<html" not in shown and 'name="until" type="date"' in shown
    assert f'action="/due/{overdue}/cadence/"' in shown
    day = (clock.today() + dt.timedelta(days=20)).isoformat()
    with_day = alone.replace('name="until" type="date"', f'name="until" value="{day}" type="date"')
    answer = press(client, with_day, "Snooze", near=f"/due/{overdue}/snooze/")
    assert answer.status_code == 302 and answer["Location"] == "/due/?page=1"
    assert Snooze.objects.get(person_id=overdue).until.isoformat() == day
    answer = press(client, alone, "No cadence", near=f"/due/{overdue}/cadence/")
    assert answer.status_code == 302 and Cadence.objects.get(person_id=overdue).every_days is None
    away = client.get(f"/due/{overdue}/more/?next=https://x.org/").content.decode()
    assert 'name="next" value="/due/"' in away
