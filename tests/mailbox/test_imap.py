"""Conversations from an IMAP folder, against a tiny IMAP server on 127.0.0.1
(tests/mailbox/fake_imap.py): headers only, read-only, and the password never sent in
the clear to another machine."""

from __future__ import annotations

import imaplib
from collections.abc import Iterator

import pytest

from knoten.core.errors import InvalidInput, NotFound
from knoten.journal.models import Interaction
from knoten.mailbox import imap, importing, reports
from knoten.mailbox.models import SeenMessage
from tests.conftest import World
from tests.isolation_helpers import snapshot
from tests.mailbox.conftest import MESSAGES, Contacts
from tests.mailbox.fake_imap import Mailstore, fake_imap

# As a server keeps them: without the mbox 'From ' line, with CRLF line ends.
STORED = [m.split(b"\n", 1)[1].replace(b"\n", b"\r\n") for m in MESSAGES]


@pytest.fixture
def store() -> Mailstore:
    return Mailstore(
        user="alice@adler.de",
        password="Geheim 123!",
        folders={"INBOX": STORED[:5], "Gesendete Objekte": [STORED[1], STORED[5]]},
    )


@pytest.fixture
def port(store: Mailstore) -> Iterator[int]:
    with fake_imap(store) as number:
        yield number


def _import(world: World, port: int, **options: object) -> reports.MailReport:
    settings: dict[str, object] = {
        "host": "127.0.0.1",
        "user": "alice@adler.de",
        "password": "Geheim 123!",
        "port": port,
        "ssl": False,
    }
    settings.update(options)
    return importing.import_imap(world.alice, **settings)  # type: ignore[arg-type]


def test_headers_of_the_inbox_become_conversations(
    world: World, contacts: Contacts, store: Mailstore, port: int
) -> None:
    report = _import(world, port)

    assert [(c.day.isoformat(), c.summary) for c in report.created] == [
        ("2024-03-12", "Angebot Q3"),
        ("2024-03-14", "Grüße aus München"),
        ("2024-03-20", "Re: Kennenlernen"),
    ]
    assert report.source == "imap://alice@adler.de@127.0.0.1/INBOX"
    verbs = [command.split(" ", 2)[1] for command in store.commands]
    assert verbs[-5:] == ["LOGIN", "EXAMINE", "SEARCH", "FETCH", "LOGOUT"]
    fetch = next(c for c in store.commands if " FETCH " in c)
    # Headers only, and PEEK: nothing is marked as read.
    assert fetch.endswith(
        "FETCH 1,2,3,4,5 (BODY.PEEK[HEADER.FIELDS (FROM TO CC DATE SUBJECT MESSAGE-ID)])"
    )
    assert not any("4.200" in c.summary for c in report.created)


def test_a_folder_with_spaces_and_the_same_message_again(
    world: World, contacts: Contacts, store: Mailstore, port: int
) -> None:
    _import(world, port)
    report = _import(world, port, folder="Gesendete Objekte")
    # Message 2 was in the inbox already; Alice's answer to Carla has nobody known.
    assert report.created == []
    assert report.already_seen == 1
    assert report.without_known_person == 1
    assert '"Gesendete Objekte"' in " ".join(store.commands)
    assert Interaction.objects.count() == 3


def test_since_is_asked_of_the_server(
    world: World, contacts: Contacts, store: Mailstore, port: int
) -> None:
    report = _import(world, port, since="2024-03-15")
    assert any(c.endswith("SEARCH SINCE 15-Mar-2024") for c in store.commands)
    assert [c.summary for c in report.created] == ["Re: Kennenlernen"]
    assert report.read == 3


def test_bodies_fetch_whole_messages_only_when_asked(
    world: World, contacts: Contacts, store: Mailstore, port: int
) -> None:
    report = _import(world, port, bodies=True)
    assert any("(BODY.PEEK[])" in c for c in store.commands)
    assert report.created[-1].summary.endswith("unser Preis liegt bei 4.200 EUR pro Tag.")


def test_a_wrong_password_is_refused_and_changes_nothing(
    world: World, contacts: Contacts, port: int
) -> None:
    before = snapshot(world.alice.network)
    with pytest.raises(InvalidInput) as error:
        _import(world, port, password="falsch")
    assert error.value.field == "user"
    assert "was refused by 127.0.0.1" in error.value.message
    assert snapshot(world.alice.network) == before


def test_a_missing_folder_is_not_found(world: World, contacts: Contacts, port: int) -> None:
    with pytest.raises(NotFound, match="no IMAP folder matches 'Archiv'"):
        _import(world, port, folder="Archiv")
    assert not SeenMessage.objects.exists()


def test_no_password_in_the_clear_to_another_machine(
    world: World, contacts: Contacts, store: Mailstore, port: int
) -> None:
    # The server is called mail.example.de but offers no STARTTLS (an injected IMAP4
    # class connects to the fake one).
    def connect(host: str, number: int, ssl: bool) -> imaplib.IMAP4:
        return imaplib.IMAP4("127.0.0.1", port)

    with pytest.raises(InvalidInput, match="leaves the password unencrypted"):
        _import(world, port, host="mail.example.de", connect=connect)
    assert not any(" LOGIN " in c for c in store.commands)


def test_a_host_that_cannot_be_reached(world: World, contacts: Contacts) -> None:
    with pytest.raises(InvalidInput, match="could not be reached"):
        _import(world, 1)


@pytest.mark.parametrize(
    ("field", "value"), [("host", ""), ("user", " "), ("folder", "INBOX\r\nLOGOUT")]
)
def test_bad_settings_are_refused(world: World, field: str, value: str) -> None:
    with pytest.raises(InvalidInput) as error:
        _import(world, 1, **{field: value})
    assert error.value.field == field


@pytest.mark.parametrize(
    ("name", "spelt"),
    [
        ("INBOX", "INBOX"),
        ("Entwürfe", "Entw&APw-rfe"),
        ("A&B", "A&-B"),
        # RFC 3501's own example.
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
    ],
)
def test_folder_names_in_modified_utf7(name: str, spelt: str) -> None:
    assert imap._modified_utf7(name) == spelt


def test_a_folder_with_an_umlaut(world: World, contacts: Contacts, store: Mailstore) -> None:
    store.folders["Entw&APw-rfe"] = [STORED[0]]
    with fake_imap(store) as number:
        report = _import(world, number, folder="Entwürfe")
    assert [c.summary for c in report.created] == ["Angebot Q3"]


def test_a_password_login_cannot_send_is_refused_without_showing_it(
    world: World, port: int
) -> None:
    with pytest.raises(InvalidInput) as error:
        _import(world, port, password="Grüße-2024")
    assert error.value.field == "password"
    assert "Grüße" not in error.value.message


def test_an_error_of_the_server_is_a_clear_message(
    world: World, contacts: Contacts, store: Mailstore, port: int
) -> None:
    store.refuse.add("SEARCH")
    with pytest.raises(
        InvalidInput, match=r"host: '127\.0\.0\.1' answered with an error: .*SEARCH"
    ):
        _import(world, port)
    assert not SeenMessage.objects.exists()
    assert store.commands[-1].endswith("LOGOUT")
