"""Persons worth adding: addresses that recur but belong to nobody."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from knoten.core.errors import InvalidInput
from knoten.mailbox import importing, suggestions
from knoten.mailbox.models import SeenAddress
from knoten.people import persons
from tests.conftest import CliResult, World
from tests.mailbox.conftest import MESSAGES, Contacts, write_mbox


def _addresses(rows: list[SeenAddress]) -> list[tuple[str, int]]:
    return [(row.address, row.messages) for row in rows]


def test_an_address_in_three_messages_is_suggested_with_its_names(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    importing.import_mail(world.alice, mbox)
    rows = suggestions.suggested_persons(world.alice)
    assert [suggestions.suggestion_as_dict(row) for row in rows] == [
        {
            "address": "carla@startup.io",
            "names": ["Carla Neu", "Carla Neu (Startup IO)"],
            "messages": 3,
            "first": "2024-03-15",
            "last": "2024-03-22",
        }
    ]


def test_known_own_and_machine_addresses_are_never_suggested(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    importing.import_mail(world.alice, mbox)
    # With the bar at one message, still no Anna, Ben, Jürgen (known), no Alice (herself),
    # no noreply@xing.com (a machine) — only Carla.
    assert _addresses(suggestions.suggested_persons(world.alice, min_messages=1)) == [
        ("carla@startup.io", 3)
    ]
    assert SeenAddress.objects.get(address="noreply@xing.com").automated
    assert not SeenAddress.objects.filter(address="alice@adler.de").exists()


def test_an_added_person_leaves_the_suggestions(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    importing.import_mail(world.alice, mbox)
    persons.add_person(world.alice, "Carla Neu", persons.PersonFields(emails=["Carla@Startup.io"]))
    assert suggestions.suggested_persons(world.alice, min_messages=1) == []


def test_fewer_messages_than_the_bar_are_not_suggested(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    importing.import_mail(world.alice, write_mbox(tmp_path / "two.mbox", MESSAGES[2:4]))
    assert suggestions.suggested_persons(world.alice) == []
    assert _addresses(suggestions.suggested_persons(world.alice, min_messages=1)) == [
        ("carla@startup.io", 1)
    ]


@pytest.mark.parametrize(
    "address",
    [
        "noreply@xing.com",
        "no-reply@accounts.google.com",
        "do-not-reply@bahn.de",
        "DoNotReply@microsoft.com",
        "mailer-daemon@googlemail.com",
        "notifications@github.com",
        "linkedin-notifications@linkedin.com",
        "bounces+123@sendgrid.net",
        "reply+ABC@reply.github.com",
        "newsletter@heise.de",
    ],
)
def test_machine_addresses(address: str) -> None:
    assert suggestions.is_automated(address)


@pytest.mark.parametrize(
    "address", ["anna@acme.de", "noreen@acme.de", "info.replyer@x.de", "alerta@x.de"]
)
def test_people_addresses(address: str) -> None:
    assert not suggestions.is_automated(address)


@pytest.mark.parametrize("value", [0, -1, True, "3"])
def test_a_bad_bar_is_refused(world: World, value: object) -> None:
    with pytest.raises(InvalidInput) as error:
        suggestions.suggested_persons(world.alice, min_messages=value)  # type: ignore[arg-type]
    assert error.value.field == "min"


def test_forget_addresses_erases_what_was_counted(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    importing.import_mail(world.alice, mbox)
    importing.import_mail(world.bob, mbox)
    assert suggestions.forget_addresses(world.alice, ["Carla@startup.io"]) == 1
    assert not SeenAddress.objects.filter(
        network=world.alice.network, address="carla@startup.io"
    ).exists()
    # Bob's count of the same address is his; Alice's erasure does not touch it.
    assert SeenAddress.objects.get(network=world.bob.network, address="carla@startup.io")


def test_an_address_in_nearly_every_message_is_noted_as_probably_yours(
    world: World, tmp_path: Path
) -> None:
    # Bob has no address on his own person; every message is to bob@becker.de, each
    # from someone else.
    messages = [
        MESSAGES[2]
        .replace(b"alice@adler.de", b"bob@becker.de")
        .replace(b"carla@startup.io", f"kunde{n}@firma{n}.de".encode())
        .replace(b"carla1", f"carla-{n}".encode())
        for n in range(12)
    ]
    report = importing.import_mail(world.bob, write_mbox(tmp_path / "bob.mbox", messages))
    assert report.notes == [
        "bob@becker.de is in 12 of 12 messages: if it is one of your own addresses, add it "
        "to your own person or give it as --me, so that it is not suggested as a person"
    ]
    # Read again, nothing new is counted and nothing noted.
    assert importing.import_mail(world.bob, write_mbox(tmp_path / "bob.mbox", messages)).notes == []


def _to_alice_from_others(to: bytes, name: bytes = b"Alice Adler") -> list[bytes]:
    """Three messages from different unknown senders to ``to`` shown as ``name``."""
    return [
        MESSAGES[2]
        .replace(b"To: alice@adler.de", b"To: " + name + b" <" + to + b">")
        .replace(b"carla@startup.io", f"kunde{n}@firma{n}.de".encode())
        .replace(b"carla1", f"own-{n}".encode())
        for n in range(3)
    ]


def test_the_users_own_address_in_other_spellings_is_not_suggested(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    # alice@adler.de is on Alice's own person; with a +tag it is the same mailbox.
    messages = _to_alice_from_others(b"Alice+crm@Adler.de", name=b"A. A.")
    importing.import_mail(world.alice, write_mbox(tmp_path / "tag.mbox", messages))
    assert SeenAddress.objects.filter(address="alice+crm@adler.de").exists()
    suggested = _addresses(suggestions.suggested_persons(world.alice, min_messages=1))
    assert "alice+crm@adler.de" not in [address for address, _ in suggested]
    assert ("kunde0@firma0.de", 1) in suggested


def test_an_address_shown_with_the_users_own_name_is_not_suggested(
    world: World, tmp_path: Path
) -> None:
    # Alice has no address on her person; her private one comes with her name.
    messages = _to_alice_from_others(b"alice.adler@gmail.com", name=b'"Adler, Alice"')
    importing.import_mail(world.alice, write_mbox(tmp_path / "own.mbox", messages))
    suggested = [row.address for row in suggestions.suggested_persons(world.alice)]
    assert SeenAddress.objects.get(address="alice.adler@gmail.com").messages == 3
    assert "alice.adler@gmail.com" not in suggested


def test_the_login_address_is_not_suggested(world: World, tmp_path: Path) -> None:
    world.alice.user.email = "Alice.Adler@googlemail.com"
    world.alice.user.save()
    messages = _to_alice_from_others(b"alice.adler@gmail.com", name=b"Chefin")
    importing.import_mail(world.alice, write_mbox(tmp_path / "login.mbox", messages))
    assert SeenAddress.objects.filter(address="alice.adler@gmail.com").exists()
    suggested = [row.address for row in suggestions.suggested_persons(world.alice)]
    assert "alice.adler@gmail.com" not in suggested


def test_an_address_given_as_me_forgets_what_was_counted_of_it(
    world: World, tmp_path: Path
) -> None:
    first = _to_alice_from_others(b"ich@adler-privat.de", name=b"Chefin")
    importing.import_mail(world.alice, write_mbox(tmp_path / "one.mbox", first))
    assert "ich@adler-privat.de" in [
        row.address for row in suggestions.suggested_persons(world.alice)
    ]
    second = write_mbox(tmp_path / "two.mbox", MESSAGES[:1])
    importing.import_mail(world.alice, second, me=["ich@adler-privat.de"])
    assert not SeenAddress.objects.filter(address="ich@adler-privat.de").exists()
    assert suggestions.suggested_persons(world.alice) == []


@pytest.mark.parametrize(
    ("address", "mailbox"),
    [
        ("Alice+crm@Adler.de", "alice@adler.de"),
        ("alice@googlemail.com", "alice@gmail.com"),
        ("anna@acme.de", "anna@acme.de"),
    ],
)
def test_the_mailbox_of_an_address(address: str, mailbox: str) -> None:
    assert suggestions.mailbox_of(address) == mailbox


def test_mail_suggestions_leaves_out_the_users_own_address(
    world: World, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    messages = _to_alice_from_others(b"alice.adler@gmail.com", name=b"Alice Adler")
    mbox = write_mbox(tmp_path / "cli.mbox", messages)
    assert cli("mail", "import", str(mbox), "--no-progress").exit_code == 0
    data = cli("mail", "suggestions", "--min", "1", "--json").json()
    assert sorted(row["address"] for row in data) == [
        "kunde0@firma0.de",
        "kunde1@firma1.de",
        "kunde2@firma2.de",
    ]
