"""The command palette's answers: persons, organisations and commands for what was typed."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from knoten.core.models import Member
from knoten.people.affiliations import add_affiliation
from knoten.people.organisations import add_organisation
from knoten.people.persons import add_person, archive_person
from knoten.search.suggest import quick_matches
from knoten.web.templatetags.face import hue
from tests.conftest import World

pytestmark = pytest.mark.django_db


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def items(member: Member, query: str) -> list[dict[str, str]]:
    answer = signed_in(member).get("/palette/", {"q": query})
    assert answer.status_code == 200, answer.content
    return list(answer.json()["items"])


def test_muel_finds_mueller_with_his_position_first(world: World) -> None:
    mueller = add_person(world.alice, "Jürgen Müller")
    add_affiliation(world.alice, mueller, "Acme GmbH", title="CTO")
    add_person(world.alice, "Anna Schmidt")
    add_person(world.bob, "Jürgen Müllerson")  # another network: never shown
    found = items(world.alice, "muel")
    assert found[0] == {
        "kind": "person",
        "label": "Jürgen Müller",
        "hint": "CTO, Acme GmbH",
        "url": f"/people/{mueller.pk}/",
        "avatar": {"photo": "", "initials": "JM", "hue": hue(mueller.pk)},
    }
    assert [item["label"] for item in found if item["kind"] == "person"] == ["Jürgen Müller"]


def test_organisations_and_archived_persons_are_found_and_marked(world: World) -> None:
    acme = add_organisation(world.alice, "Acme GmbH")
    old = add_person(world.alice, "Acmeus Alt")
    archive_person(world.alice, old)
    found = items(world.alice, "acme")
    assert {
        "kind": "organisation",
        "label": "Acme GmbH",
        "hint": "Organisation",
        "url": f"/organisations/{acme.pk}/",
    } in found
    assert {
        "kind": "person",
        "label": "Acmeus Alt",
        "hint": "archived",
        "url": f"/people/{old.pk}/",
        "avatar": {"photo": "", "initials": "AA", "hue": hue(old.pk)},
    } in found
    assert [m.kind for m in quick_matches(world.alice, "acme")] == ["organisation", "person"]


def test_commands_are_found_by_their_words_in_english_and_german(world: World) -> None:
    assert items(world.alice, "log")[0] == {
        "kind": "command",
        "label": "Log a conversation",
        "hint": "Command",
        "url": "/log/",
    }
    assert [i["url"] for i in items(world.alice, "add person")] == ["/people/add/"]
    assert "/import/" in [i["url"] for i in items(world.alice, "import")]
    everything = items(world.alice, "")
    assert len(everything) > 10 and all(i["kind"] == "command" for i in everything)
    client = signed_in(world.alice)
    client.cookies["django_language"] = "de"
    german = client.get("/palette/", {"q": "log"}, HTTP_ACCEPT_LANGUAGE="de").json()["items"]
    assert german[0]["url"] == "/log/"  # the English keyword still finds it


def test_who_knows_and_path_to_take_the_rest_of_the_line(world: World) -> None:
    mueller = add_person(world.alice, "Jürgen Müller")
    assert items(world.alice, "who knows Data Science") == [
        {
            "kind": "command",
            "label": "Who knows about “Data Science”?",
            "hint": "Command",
            "url": "/whoknows/?topic=Data+Science",
        }
    ]
    assert items(world.alice, "Who knows")[0]["url"] == "/whoknows/"
    path = items(world.alice, "path to muel")
    assert path[0]["label"] == "Path to Jürgen Müller"
    assert path[0]["url"] == f"/path/?target={mueller.pk}"
    assert path[-1]["url"] == "/path/?target=muel"


def test_bad_input_answers_400_with_a_message(world: World) -> None:
    answer = signed_in(world.alice).get("/palette/", {"q": "x" * 300})
    assert answer.status_code == 400
    assert "too long" in answer.json()["error"]
    many = " ".join(f"w{i}" for i in range(20))
    answer = signed_in(world.alice).get("/palette/", {"q": many})
    assert answer.status_code == 400 and "words" in answer.json()["error"]


def test_the_palette_needs_sign_in_and_is_on_every_page(world: World) -> None:
    assert Client().get("/palette/", {"q": "mue"}).status_code == 302
    body = signed_in(world.alice).get("/people/").content.decode()
    assert 'id="palette"' in body and 'role="combobox"' in body
    assert "/static/web/palette.js" in body and 'id="shortcuts"' in body
    assert 'id="palette"' not in Client().get("/login/").content.decode()


def test_persons_come_with_their_photo_or_initials_the_photos_in_one_query(
    world: World,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from knoten.demo.pictures import tiny_png
    from knoten.people.models import PersonPhoto

    frida = add_person(world.alice, "Frida Fotogen")
    PersonPhoto.objects.create(
        network_id=world.alice.network_id,
        person=frida,
        content_type="image/png",
        data=tiny_png((0, 1, 2)),
    )
    for number in range(4):
        add_person(world.alice, f"Fritz Fotolos{number}")
    client = signed_in(world.alice)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/palette/", {"q": "fot"}).json()["items"]
    people = {item["label"]: item["avatar"] for item in answer if item["kind"] == "person"}
    assert len(people) == 5
    assert re.fullmatch(rf"/people/{frida.pk}/photo/\?v=\d+", people["Frida Fotogen"]["photo"])
    assert people["Fritz Fotolos0"]["photo"] == "" and people["Fritz Fotolos0"]["initials"] == "FF"
    assert sum('"people_personphoto"' in q["sql"] for q in queries.captured_queries) == 1
    path = client.get("/palette/", {"q": "path to frida"}).json()["items"]
    assert path[0]["label"] == "Path to Frida Fotogen"
    assert path[0]["avatar"]["photo"] == people["Frida Fotogen"]["photo"]
