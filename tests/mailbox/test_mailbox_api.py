"""The API: upload an mbox or an .ics (multipart), list the suggestions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from knoten.api.tokens import create_token
from knoten.journal.models import Interaction
from knoten.mailbox.models import SeenMessage
from tests.conftest import World
from tests.isolation_helpers import snapshot
from tests.mailbox.conftest import CALENDAR, Contacts


@pytest.fixture
def keys(world: World) -> dict[str, str]:
    """A bearer token each for Alice and Bob, made before any snapshot is taken."""
    return {
        "alice": create_token(world.alice, "test")[1],
        "bob": create_token(world.bob, "test")[1],
    }


def _post(key: str, path: str, name: str, data: bytes, **fields: Any) -> Any:
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return Client().post(
        path, {"file": upload, **fields}, headers={"Authorization": f"Bearer {key}"}
    )


def _get(key: str, path: str, **params: Any) -> Any:
    return Client().get(path, params, headers={"Authorization": f"Bearer {key}"})


def test_upload_an_mbox(world: World, keys: dict[str, str], contacts: Contacts, mbox: Path) -> None:
    response = _post(keys["alice"], "/api/mail/import", "Inbox.mbox", mbox.read_bytes())
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["source"], data["read"], data["created"]) == ("Inbox.mbox", 6, 3)
    assert data["interactions"][1]["summary"] == "Grüße aus München"
    assert Interaction.objects.filter(network=world.alice.network).count() == 3
    again = _post(keys["alice"], "/api/mail/import", "Inbox.mbox", mbox.read_bytes()).json()
    assert (again["created"], again["already_seen"]) == (0, 6)


def test_upload_options(world: World, keys: dict[str, str], contacts: Contacts, mbox: Path) -> None:
    before = snapshot(world.alice.network)
    response = _post(
        keys["alice"],
        "/api/mail/import",
        "Inbox.mbox",
        mbox.read_bytes(),
        since="2024-03-14",
        dry_run="true",
        bodies="true",
        me=["carla@startup.io"],
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["dry_run"] is True
    assert [i["summary"].split("\n")[0] for i in data["interactions"]] == [
        "Grüße aus München",
        "Re: Kennenlernen",
    ]
    assert "4.200 EUR" in data["interactions"][1]["summary"]
    assert snapshot(world.alice.network) == before


def test_an_upload_that_is_no_mbox_names_the_file(
    world: World, keys: dict[str, str], contacts: Contacts
) -> None:
    response = _post(keys["alice"], "/api/mail/import", "kontakte.csv", b"Vorname,Name\nAnna,S\n")
    assert response.status_code == 400
    assert response.json()["field"] == "file"
    assert response.json()["message"].startswith("file: 'kontakte.csv' is not an mbox file")
    assert not SeenMessage.objects.exists()


def test_a_bad_since_is_a_400(
    world: World, keys: dict[str, str], contacts: Contacts, mbox: Path
) -> None:
    response = _post(
        keys["alice"], "/api/mail/import", "Inbox.mbox", mbox.read_bytes(), since="irgendwann"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "since"


def test_upload_a_calendar(world: World, keys: dict[str, str], contacts: Contacts) -> None:
    response = _post(keys["alice"], "/api/calendar/import", "Kalender.ics", CALENDAR)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["kind"], data["created"], data["recurring"]) == ("meeting", 2, 1)
    bad = _post(keys["alice"], "/api/calendar/import", "x.ics", b"kein Kalender")
    assert bad.status_code == 400
    assert "'x.ics' is not an iCalendar file" in bad.json()["message"]


def test_suggestions_page(
    world: World, keys: dict[str, str], contacts: Contacts, mbox: Path
) -> None:
    _post(keys["alice"], "/api/mail/import", "Inbox.mbox", mbox.read_bytes())
    page = _get(keys["alice"], "/api/mail/suggestions").json()
    assert page["items"] == [
        {
            "address": "carla@startup.io",
            "names": ["Carla Neu", "Carla Neu (Startup IO)"],
            "messages": 3,
            "first": "2024-03-15",
            "last": "2024-03-22",
        }
    ]
    assert page["next_offset"] is None
    assert _get(keys["alice"], "/api/mail/suggestions", min=4).json()["items"] == []
    assert _get(keys["alice"], "/api/mail/suggestions", min=0).status_code == 400
    # Bob sees none of Alice's.
    assert _get(keys["bob"], "/api/mail/suggestions", min=1).json()["items"] == []


def test_bobs_upload_does_not_touch_alice(
    world: World, keys: dict[str, str], contacts: Contacts, mbox: Path
) -> None:
    before = snapshot(world.alice.network)
    response = _post(keys["bob"], "/api/mail/import", "Inbox.mbox", mbox.read_bytes())
    assert response.json()["created"] == 0
    assert snapshot(world.alice.network) == before


def test_without_a_token(mbox: Path, world: World) -> None:
    upload = SimpleUploadedFile("Inbox.mbox", mbox.read_bytes())
    assert Client().post("/api/mail/import", {"file": upload}).status_code == 401
