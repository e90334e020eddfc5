"""``knoten share``, the API and the page: the same proposals, and sharing recorded."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from knoten.core.models import Member
from knoten.people.persons import PersonFields, add_person
from knoten.reciprocity.models import Favour
from tests.conftest import CliResult, World


@pytest.fixture
def experts(world: World) -> World:
    add_person(
        world.alice, "Jürgen Müller", PersonFields(skills=["Photovoltaik"], emails=["jm@x.de"])
    )
    add_person(world.alice, "Petra Paulsen", PersonFields(tags=["Photovoltaik"]))
    add_person(world.alice, "Otto Ohne")
    add_person(world.bob, "Bodo Bauer", PersonFields(skills=["Photovoltaik"]))
    return world


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def test_cli_lists_and_records(cli: Callable[..., CliResult], experts: World) -> None:
    listed = cli("share", "Photovoltaik", "--json")
    assert listed.exit_code == 0
    assert [(r["name"], r["evidence"]) for r in listed.json()] == [
        ("Jürgen Müller", ["skill: Photovoltaik"]),
        ("Petra Paulsen", ["tag: Photovoltaik"]),
    ]
    assert "skill: Photovoltaik" in cli("share", "Photovoltaik").stdout
    # Without a terminal to ask, recording the proposed people needs --yes.
    asked = cli("share", "Photovoltaik", "--note", "Studie")
    assert asked.exit_code != 0 and "--yes" in asked.stderr
    assert not Favour.objects.exists()
    done = cli("share", "Photovoltaik", "--note", "Studie", "--link", "https://x.org/a", "--yes")
    assert done.exit_code == 0 and "Jürgen Müller, Petra Paulsen" in done.stderr
    assert Favour.objects.filter(kind="know_how").count() == 2
    to = cli("share", "PV", "--note", "Tipp", "--to", "Otto", "--json")
    assert [p["name"] for p in to.json()["people"]] == ["Otto Ohne"]
    bad = cli("share", "PV", "--note", "Tipp", "--to", "Otto", "--link", "ftp://x.org")
    assert bad.exit_code == 2 and "http(s)" in bad.stderr
    assert cli("share", "PV", "--note", "x", "--to", "Bodo").exit_code == 1  # Bob's
    assert Favour.objects.count() == 3


def test_api_interested_and_share(experts: World) -> None:
    client = signed_in(experts.alice)
    found = client.get("/api/share/interested", {"topic": "photovoltaik"}).json()
    assert [row["name"] for row in found] == ["Jürgen Müller", "Petra Paulsen"]
    assert found[0]["email"] == "jm@x.de"
    sent = client.post(
        "/api/share",
        {"people": [found[0]["person_id"], "Petra"], "note": "Studie", "link": "https://x.org"},
        content_type="application/json",
    )
    assert sent.status_code == 201, sent.content
    assert len(sent.json()["favours"]) == 2
    again = client.post(
        "/api/share",
        {"people": ["Petra"], "note": "Studie", "link": "https://x.org"},
        content_type="application/json",
    )
    assert again.status_code == 400 and "already shared" in again.content.decode()
    bob = signed_in(experts.bob).get("/api/share/interested", {"topic": "photovoltaik"}).json()
    assert [row["name"] for row in bob] == ["Bodo Bauer"]


def test_page_proposes_with_evidence_and_records_with_a_mailto(experts: World) -> None:
    client = signed_in(experts.alice)
    assert client.get("/share/").status_code == 200
    page = client.get("/share/", {"topic": "Photovoltaik"}).content.decode()
    assert "Jürgen Müller" in page and "skill: Photovoltaik" in page
    assert "Otto Ohne" not in page and "Bodo Bauer" not in page
    assert client.get("/api/share/interested", {"topic": "PV"}).json() == []
    found = client.get("/api/share/interested", {"topic": "Photovoltaik"}).json()
    done = client.post(
        "/share/",
        {
            "topic": "Photovoltaik",
            "people": [str(found[0]["person_id"]), "Otto"],
            "note": "Studie",
            "link": "https://x.org/pv",
        },
    )
    assert done.status_code == 200
    text = done.content.decode()
    assert "Recorded as shared" in text and "mailto:?bcc=jm@x.de" in text
    assert Favour.objects.filter(kind="know_how").count() == 2
    refused = client.post(
        "/share/", {"topic": "Photovoltaik", "people": ["Otto"], "note": "x", "link": "ftp://x"}
    )
    assert refused.status_code == 400 and "http(s)" in refused.content.decode()
    assert Favour.objects.count() == 2
