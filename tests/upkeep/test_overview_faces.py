"""today, week and "occasion done" from the command line, the API and the web."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from knoten.core import clock
from knoten.people.persons import PersonFields, add_person
from knoten.upkeep.models import HandledOccasion
from tests.conftest import CliResult, World
from tests.web.pressing import press

D = dt.date


@pytest.fixture
def birthday(world: World) -> str:
    """Anna's birthday is today (3 March 2027); Bernd's in four days."""
    clock.pin(D(2027, 2, 20))
    anna = add_person(world.alice, "Anna Adler", PersonFields(birthday="1980-03-03"))
    add_person(world.alice, "Bernd Berger", PersonFields(birthday="--03-07"))
    clock.pin(D(2027, 3, 3))
    return f"birthday:person={anna.pk}:2027"


def test_cli_today_week_and_occasion_done(
    cli: Callable[..., CliResult], birthday: str, world: World
) -> None:
    today = cli("today", "--json").json()
    assert [i["key"] for i in today["items"]] == [birthday]
    assert today["items"][0]["reason"] == "turns 47 on 2027-03-03"
    assert "Birthday of Anna Adler" in cli("today").stdout
    week = cli("week", "--json").json()
    assert [i["name"] for i in week["items"]] == ["Anna Adler", "Bernd Berger"]
    done = cli("occasion", "done", birthday, "--dismiss", "--json")
    assert done.exit_code == 0 and done.json()["how"] == "dismissed"
    assert cli("today", "--json").json()["items"] == []
    assert "Nothing to do today." in cli("today").stderr
    bad = cli("occasion", "done", "party:x=1")
    assert bad.exit_code != 0 and "kind" in bad.stderr
    # Bob, in another network, sees none of it.
    assert cli("week", "--json", user="bob").json()["items"] == []


def test_today_page_and_home_panel_act_in_one_click(birthday: str, world: World) -> None:
    client = Client()
    client.force_login(world.alice.user)
    page = client.get("/today/").content.decode()
    assert "Birthday of Anna Adler" in page and "Bernd Berger" not in page
    assert "Bernd Berger" in client.get("/today/?days=7").content.decode()
    assert "Birthday of Anna Adler" in client.get("/").content.decode()
    answer = client.post(
        "/occasions/handled/", {"key": birthday, "kind": "birthday", "how": "done", "next": "/"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert HandledOccasion.objects.get(key=birthday).how == "done"
    assert "Birthday of Anna Adler" not in client.get("/").content.decode()
    bad = client.post("/occasions/handled/", {"key": "x", "kind": "party"})
    assert bad.status_code == 400


def test_a_card_is_a_few_buttons_of_one_form_that_a_browser_sends(
    birthday: str, world: World
) -> None:
    """The cards share one form (the CSRF token once, issue 17's page budget): a card's
    "Not now" names that form and its own address, and sends what the card's form did."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.alice.user)
    page = client.get("/today/").content.decode()
    # Signing out, the language and the cards: one token each, none per card.
    assert page.count("csrfmiddlewaretoken") == 3
    assert '<form id="cards"' in page and page.count('form="cards"') >= 2
    answer = press(client, page, "Not now", near=birthday.replace(":", "%3A").replace("=", "%3D"))
    assert answer.status_code == 302 and answer["Location"] == "/today/"
    assert HandledOccasion.objects.get(key=birthday).how == "dismissed"
    assert "Birthday of Anna Adler" not in client.get("/today/").content.decode()
