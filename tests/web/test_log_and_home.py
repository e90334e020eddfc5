"""Logging a conversation from the browser, the name suggestions, the home page's
panels and the language switch."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from knoten.core.clock import today
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.journal.models import Interaction, Promise
from knoten.people.models import Person
from knoten.people.persons import add_person
from tests.conftest import World

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


@pytest.fixture
def mueller(world: World) -> Person:
    return add_person(world.alice, "Jürgen Müller")


def test_log_page_has_labelled_fields(world: World) -> None:
    body = signed_in(world.alice).get("/log/").content.decode()
    for label, field in [
        ("With", "log-with"),
        ("What was said", "log-summary"),
        ("When", "log-on"),
        ("Promise", "log-promise"),
        ("Due", "log-due"),
    ]:
        assert f'<label for="{field}">{label}</label>' in body
    assert 'data-autocomplete="people"' in body


def test_log_starts_with_the_person_named(world: World, mueller: Person) -> None:
    body = signed_in(world.alice).get(f"/log/?with={mueller.pk}").content.decode()
    assert 'value="Jürgen Müller"' in body


def test_logging_saves_the_conversation_and_promise(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    answer = client.post(
        "/log/",
        {
            "with": "Mueller",
            "summary": "Lunch about taxes",
            "on": "yesterday",
            "promise": "send the contract",
            "due": "in 3 days",
            "kind": "meeting",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"/people/{mueller.pk}/"
    interaction = Interaction.objects.get(network=world.alice.network)
    assert interaction.summary == "Lunch about taxes"
    assert interaction.occurred_on == today() - dt.timedelta(days=1)
    assert list(interaction.participants.all()) == [mueller]
    promise = Promise.objects.get(interaction=interaction)
    assert promise.text == "send the contract"
    assert promise.debtor == world.alice.me and promise.creditor == mueller
    assert promise.due_on == interaction.occurred_on + dt.timedelta(days=3)
    page = client.get(answer["Location"]).content.decode()
    assert "Conversation saved with Jürgen Müller." in page


def test_logging_by_htmx_returns_an_empty_form_with_the_news(world: World, mueller: Person) -> None:
    answer = signed_in(world.alice).post(
        "/log/", {"with": "Jürgen", "summary": "Call", "kind": "call"}, **HTMX
    )
    assert answer.status_code == 200
    body = answer.content.decode()
    assert body.lstrip().startswith("<form")
    assert "Conversation saved with Jürgen Müller." in body
    assert "Call</textarea>" not in body
    assert Interaction.objects.get(network=world.alice.network).kind == "call"


def test_several_names_and_their_expectation(world: World, mueller: Person) -> None:
    schmidt = add_person(world.alice, "Anna Schmidt")
    signed_in(world.alice).post(
        "/log/",
        {"with": "Müller, Anna Schmidt", "summary": "Dinner", "expect": "an introduction to Bosch"},
    )
    interaction = Interaction.objects.get(network=world.alice.network)
    assert set(interaction.participants.all()) == {mueller, schmidt}
    promise = Promise.objects.get(interaction=interaction)
    assert promise.debtor == mueller and promise.creditor == world.alice.me
    assert promise.due_on is None


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"with": "", "summary": "x"}, "log-with", "name at least one person"),
        ({"with": "Nobody Known", "summary": "x"}, "log-with", "Nobody Known"),
        ({"with": "Müller", "summary": ""}, "log-summary", "what was discussed"),
        ({"with": "Müller", "summary": "x", "on": "next year"}, "log-on", "next year"),
        (
            {"with": "Müller", "summary": "x", "minutes": "half an hour"},
            "log-minutes",
            "whole number",
        ),
        (
            {"with": "Müller", "summary": "x", "promise": "call back", "due": "Blursday"},
            "log-promise",
            "Blursday",
        ),
        ({"with": "Müller", "summary": "x", "due": "Friday"}, "log-promise", "no text"),
    ],
)
def test_bad_input_is_named_beside_its_field_and_saves_nothing(
    world: World, mueller: Person, data: dict[str, str], field: str, words: str
) -> None:
    answer = signed_in(world.alice).post("/log/", data, **HTMX)
    assert answer.status_code == 400
    body = answer.content.decode()
    error = body.split(f'id="{field}-error"', 1)
    assert len(error) == 2, f"no message beside {field}"
    assert words in error[1].split("</p>", 1)[0]
    assert not Interaction.objects.filter(network=world.alice.network).exists()
    assert not Promise.objects.filter(network=world.alice.network).exists()


def test_two_people_of_one_name_stay_apart_when_picked(world: World) -> None:
    first = add_person(world.alice, "Anna Schmidt")
    second = add_person(world.alice, "Anna Schmidt")
    client = signed_in(world.alice)
    ambiguous = client.post("/log/", {"with": "Anna Schmidt", "summary": "x"}, **HTMX)
    assert ambiguous.status_code == 400
    assert str(first.pk) in ambiguous.content.decode()
    client.post(
        "/log/", {"with": "Anna Schmidt", "summary": "x", "picked": [f"{second.pk}:Anna Schmidt"]}
    )
    assert list(Interaction.objects.get(network=world.alice.network).participants.all()) == [second]


def test_a_picked_id_of_another_network_is_not_found(world: World, mueller: Person) -> None:
    bobs = add_person(world.bob, "Jürgen Müller")
    answer = signed_in(world.alice).post(
        "/log/",
        {"with": "Jürgen Müller", "summary": "x", "picked": [f"{bobs.pk}:Jürgen Müller"]},
        **HTMX,
    )
    assert answer.status_code == 400
    assert not Interaction.objects.exists()


def test_suggestions_find_umlaut_variants_in_the_own_network_only(
    world: World, mueller: Person
) -> None:
    add_person(world.bob, "Jürgen Müllerson")
    answer = signed_in(world.alice).get("/people/suggest/", {"q": "Muel"})
    assert answer.status_code == 200
    assert answer.json()["people"] == [
        {"id": mueller.pk, "name": "Jürgen Müller", "archived": False}
    ]
    assert signed_in(world.alice).get("/people/suggest/", {"q": ""}).json()["people"] == []


def test_suggestions_need_sign_in(world: World) -> None:
    assert Client().get("/people/suggest/", {"q": "Mue"}).status_code == 302


def test_home_guides_a_beginner_and_then_shows_what_is_due(world: World, mueller: Person) -> None:
    fresh = signed_in(world.bob).get("/").content.decode()
    assert "Add the first person" in fresh
    log_interaction(
        world.alice,
        "Lunch",
        participants=[mueller],
        promises=["send the offer by tomorrow"],
        expectations=["call back"],
    )
    body = signed_in(world.alice).get("/").content.decode()
    assert "Add the first person" not in body
    assert "You promised Jürgen Müller: send the offer" in body
    assert "call back" not in body.split('id="today-title"')[1].split("Latest conversations")[0]
    assert "Lunch" in body
    assert 'id="log-form"' in body


def test_home_shows_overdue_promises(world: World, mueller: Person) -> None:
    log_interaction(
        world.alice,
        "Old lunch",
        participants=[mueller],
        on=today() - dt.timedelta(days=30),
        promises=["send the offer by tomorrow"],
    )
    body = signed_in(world.alice).get("/").content.decode()
    assert "overdue" in body.split('id="today-title"')[1]


def test_language_switch_remembers_the_choice(world: World) -> None:
    client = signed_in(world.alice)
    answer = client.post("/language/", {"language": "de", "next": "/people/"})
    assert answer.status_code == 302 and answer["Location"] == "/people/"
    assert client.cookies["django_language"].value == "de"
    body = client.get("/people/").content.decode()
    assert '<html lang="de">' in body


def test_language_switch_refuses_an_outside_address(world: World) -> None:
    answer = signed_in(world.alice).post(
        "/language/", {"language": "de", "next": "https://evil.example/"}
    )
    assert answer["Location"] == "/"


def test_language_from_the_browser(world: World) -> None:
    body = signed_in(world.alice).get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").content.decode()
    assert '<html lang="de">' in body


def test_home_counts_the_due_promises_it_does_not_show(world: World, mueller: Person) -> None:
    from knoten.journal.today import SHOWN

    log_interaction(
        world.alice,
        "Long lunch",
        participants=[mueller],
        promises=[f"task {n} by tomorrow" for n in range(SHOWN + 2)],
    )
    body = signed_in(world.alice).get("/").content.decode()
    panel = body.split('id="today-title"')[1].split("Latest conversations")[0]
    assert panel.count("You promised Jürgen Müller") == SHOWN
    assert "And 2 more due this week or overdue." in panel


@pytest.mark.parametrize("odd", ["²", "99999999999999999999999", "-1"])
def test_odd_ids_are_not_found_not_errors(world: World, mueller: Person, odd: str) -> None:
    client = signed_in(world.alice)
    assert client.get("/log/", {"with": odd}).status_code == 200
    answer = client.post(
        "/log/", {"with": "Müller", "summary": "x", "picked": [f"{odd}:Müller"]}, **HTMX
    )
    assert answer.status_code in (200, 400)
