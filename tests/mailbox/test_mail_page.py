"""The mail page: upload an mbox or an .ics, preview first; persons worth adding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from knoten.journal.models import Interaction
from knoten.people.models import Person
from tests.conftest import World
from tests.isolation_helpers import snapshot
from tests.mailbox.conftest import CALENDAR, Contacts


@pytest.fixture
def browser(world: World) -> Client:
    client = Client()
    client.force_login(world.alice.user)
    return client


def _upload(browser: Client, name: str, data: bytes, **fields: str) -> Any:
    return browser.post("/mail/", {"file": SimpleUploadedFile(name, data), **fields})


def test_the_page_shows_the_form(browser: Client, contacts: Contacts) -> None:
    response = browser.get("/mail/")
    assert response.status_code == 200
    assert b'name="file"' in response.content
    assert b"None yet." in response.content


def test_an_mbox_previewed_then_saved(
    browser: Client, world: World, contacts: Contacts, mbox: Path
) -> None:
    before = snapshot(world.alice.network)
    preview = _upload(browser, "Inbox.mbox", mbox.read_bytes(), preview="on")
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "What would be created" in text
    assert "Ben Braun, Anna Schmidt: Grüße aus München" in text
    assert snapshot(world.alice.network) == before

    saved = _upload(browser, "Inbox.mbox", mbox.read_bytes()).content.decode()
    assert "Saved." in saved
    assert Interaction.objects.filter(network=world.alice.network).count() == 3
    # Carla wrote three times: she is worth adding, with a button that adds her.
    assert 'value="carla@startup.io"' in saved
    assert 'value="Carla Neu (Startup IO)"' in saved


def test_a_calendar_is_recognised(browser: Client, world: World, contacts: Contacts) -> None:
    response = _upload(browser, "Kalender.ics", CALENDAR)
    text = response.content.decode()
    assert "Strategie-Workshop ACME" in text
    assert Interaction.objects.filter(kind="meeting").count() == 2


def test_adding_a_suggested_person_links_the_mail_on_the_next_read(
    browser: Client, world: World, contacts: Contacts, mbox: Path
) -> None:
    _upload(browser, "Inbox.mbox", mbox.read_bytes())
    added = browser.post("/people/add/", {"name": "Carla Neu", "email": "carla@startup.io"})
    assert added.status_code == 302
    carla = Person.objects.get(network=world.alice.network, family_name="Neu")
    _upload(browser, "Inbox.mbox", mbox.read_bytes())
    assert carla.interactions.count() == 2
    assert b"None yet." in browser.get("/mail/").content


def test_a_file_that_is_no_mailbox(browser: Client, world: World, contacts: Contacts) -> None:
    response = _upload(browser, "notizen.txt", b"Einkaufsliste\nMilch\n")
    assert response.status_code == 400
    assert "file: &#x27;notizen.txt&#x27; is not an mbox file" in response.content.decode()
    assert not Interaction.objects.exists()


def test_no_file_and_a_bad_date(browser: Client, contacts: Contacts, mbox: Path) -> None:
    assert browser.post("/mail/", {}).status_code == 400
    response = _upload(browser, "Inbox.mbox", mbox.read_bytes(), since="irgendwann")
    assert response.status_code == 400
    assert "since:" in response.content.decode()


def test_bob_sees_nothing_of_alices(world: World, contacts: Contacts, mbox: Path) -> None:
    alice = Client()
    alice.force_login(world.alice.user)
    _upload(alice, "Inbox.mbox", mbox.read_bytes())
    bob = Client()
    bob.force_login(world.bob.user)
    page = bob.get("/mail/?min=1").content.decode()
    assert "carla@startup.io" not in page


def test_anonymous_callers_sign_in_first() -> None:
    response = Client().get("/mail/")
    assert response.status_code == 302
