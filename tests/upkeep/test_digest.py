"""The mail digest: sent once through a local SMTP server, with the items and links."""

from __future__ import annotations

import datetime as dt
import socket
import types
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from knoten.core import clock
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.upkeep import digest as digest_module
from knoten.upkeep.digest import digest, digest_key, send_digest
from knoten.upkeep.models import DigestSent
from tests.conftest import CliResult, World

DAY = dt.date(2026, 12, 7)


class Sink:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[Sink]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            DEFAULT_FROM_EMAIL="knoten@example.org",
            KNOTEN_BASE_URL="https://knoten.example.org",
        ):
            yield sink
    finally:
        controller.stop()


class Item:
    def __init__(self, **data: Any) -> None:
        self.data = data

    def as_dict(self) -> dict[str, Any]:
        return self.data


@pytest.fixture
def items(monkeypatch: pytest.MonkeyPatch) -> list[Item]:
    """Two items in the shape of the overview's (its ``as_dict()``), for Alice only."""
    birthday = {"label": "Write to her", "url": "/people/7/draft/?occasion=birthday"}
    due = {"label": "Log a contact", "url": "/log/?with=8"}
    rows = [
        Item(kind="birthday", title="Birthday: Anna Adler", reason="turns 46",
             day="2026-12-07", person_id=7, action=birthday),
        Item(kind="due", title="Bernd Berger", reason="quarterly; last contact 4 months ago",
             day="2026-12-01", person_id=8, action=due),
    ]  # fmt: skip
    shown: list[Item] = list(rows)
    monkeypatch.setattr(
        digest_module,
        "overview",
        lambda actor, *, days=1: types.SimpleNamespace(
            items=shown if actor.user.username == "alice" else []
        ),
    )
    return shown


def test_keys_name_the_day_or_the_iso_week() -> None:
    assert digest_key("daily", DAY) == "2026-12-07"
    assert digest_key("weekly", DAY) == "2026-W50"
    assert digest_key("weekly", dt.date(2027, 1, 1)) == "2026-W53"
    with pytest.raises(InvalidInput):
        digest_key("monthly", DAY)


def test_the_digest_is_mailed_once_with_items_and_links(
    world: World, smtp: Sink, items: list[Item]
) -> None:
    clock.pin(DAY)
    alice: Member = world.alice
    alice.user.email = "alice@example.org"
    alice.user.save()
    shown = digest(alice)
    assert shown.key == "2026-12-07" and len(shown.items) == 2
    assert "https://knoten.example.org/people/7/draft/?occasion=birthday" in shown.text
    assert smtp.messages == []  # showing sends nothing

    row = send_digest(alice)
    assert row is not None and row.recipient == "alice@example.org" and row.items == 2
    (mail,) = smtp.messages
    assert mail["To"] == "alice@example.org" and "2 things for today" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Birthday: Anna Adler" in text and "https://knoten.example.org/log/?with=8" in text
    assert 'href="https://knoten.example.org/log/?with=8"' in html

    again = send_digest(alice)
    assert again is not None and again.pk == row.pk and len(smtp.messages) == 1
    assert DigestSent.objects.count() == 1
    # The weekly digest is another one; and a new day is a new daily one.
    assert send_digest(alice, period="weekly", to="other@example.org") is not None
    clock.pin(DAY + dt.timedelta(days=1))
    assert send_digest(alice) is not None and len(smtp.messages) == 3
    # Nothing in the overview: no mail.
    bob = world.bob
    assert send_digest(bob, to="bob@example.org") is None and len(smtp.messages) == 3


def test_cli_show_and_send_twice(
    world: World, smtp: Sink, items: list[Item], cli: Callable[..., CliResult]
) -> None:
    clock.pin(DAY)
    shown = cli("digest", "show")
    assert shown.exit_code == 0 and "Bernd Berger" in shown.stdout
    assert cli("digest", "show", "--weekly", "--json").json()["key"] == "2026-W50"
    first = cli("digest", "send", "--to", "alice@example.org")
    assert first.exit_code == 0 and "Sent the daily digest" in first.stderr
    second = cli("digest", "send", "--to", "alice@example.org")
    assert second.exit_code == 0 and "already sent" in second.stderr
    assert len(smtp.messages) == 1
    assert "Nothing due" in cli("digest", "send", "--to", "b@example.org", user="bob").stderr
    refused = cli("digest", "send", "--weekly", "--to", "not an address")
    assert refused.exit_code != 0


def test_without_a_mail_server_nothing_is_sent(world: World, items: list[Item]) -> None:
    clock.pin(DAY)
    with override_settings(EMAIL_HOST=""), pytest.raises(InvalidInput, match="KNOTEN_SMTP_HOST"):
        send_digest(world.alice, to="alice@example.org")
    assert DigestSent.objects.count() == 0


def test_the_digest_reads_the_real_overview(world: World, smtp: Sink) -> None:
    from knoten.journal.conversations import log_interaction
    from knoten.people.persons import PersonFields, add_person

    clock.pin(DAY - dt.timedelta(days=60))
    anna = add_person(world.alice, "Anna Adler", PersonFields(importance="inner"))
    log_interaction(world.alice, "Lunch", participants=[anna], on=DAY - dt.timedelta(days=60))
    clock.pin(DAY)
    made = digest(world.alice, period="weekly")
    (item,) = [i for i in made.items if "Anna Adler" in i.title]
    assert item.url.startswith("https://knoten.example.org/")
    assert item.url in made.text and item.url in made.html
    assert send_digest(world.alice, period="weekly", to="a@example.org") is not None
    assert "Anna Adler" in smtp.messages[0].get_body(("plain",)).get_content()
