"""``knoten mail import|imap|suggestions`` and ``knoten calendar import``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from knoten.journal.models import Interaction
from knoten.mailbox.models import SeenMessage
from tests.conftest import CliResult, World
from tests.isolation_helpers import snapshot
from tests.mailbox.conftest import CALENDAR, MESSAGES, Contacts
from tests.mailbox.fake_imap import Mailstore, fake_imap

Cli = Callable[..., CliResult]


def test_mail_import_prints_the_conversations(cli: Cli, contacts: Contacts, mbox: Path) -> None:
    result = cli("mail", "import", str(mbox), "--no-progress")
    assert result.exit_code == 0, result.stderr
    assert "Grüße aus München" in result.stdout
    assert "Ben Braun, Anna Schmidt" in result.stdout
    assert "Created 3 conversations from 6 messages" in result.stderr
    assert "3 with nobody you know" in result.stderr


def test_mail_import_json_and_again(cli: Cli, contacts: Contacts, mbox: Path) -> None:
    first = cli("mail", "import", str(mbox), "--json")
    assert first.exit_code == 0, first.stderr
    data = first.json()
    assert (data["read"], data["created"], data["without_known_person"]) == (6, 3, 3)
    assert [i["summary"] for i in data["interactions"]] == [
        "Angebot Q3",
        "Grüße aus München",
        "Re: Kennenlernen",
    ]
    assert data["interactions"][0]["participants"] == [
        {"id": contacts.anna.pk, "name": "Anna Schmidt"}
    ]
    again = cli("mail", "import", str(mbox), "--json").json()
    assert (again["created"], again["already_seen"]) == (0, 6)


def test_mail_import_dry_run_changes_nothing(
    cli: Cli, world: World, contacts: Contacts, mbox: Path
) -> None:
    before = snapshot(world.alice.network)
    result = cli("mail", "import", str(mbox), "--dry-run", "--since", "14.03.2024")
    assert result.exit_code == 0, result.stderr
    assert "Would create 2 conversations" in result.stderr
    assert "Dry run: nothing was changed." in result.stderr
    assert snapshot(world.alice.network) == before


def test_mail_import_bodies_and_me(cli: Cli, contacts: Contacts, tmp_path: Path) -> None:
    path = tmp_path / "one.mbox"
    path.write_bytes(MESSAGES[4].replace(b"alice@adler.de", b"a.adler@posteo.de"))
    result = cli("mail", "import", str(path), "--bodies", "--me", "a.adler@posteo.de", "--json")
    assert result.exit_code == 0, result.stderr
    assert "4.200 EUR" in Interaction.objects.get().summary


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "nächstes Dingsbums"], "Error: since: 'nächstes Dingsbums' is not a date"),
        (["--me", "kein-mail"], "Error: email: 'kein-mail' is not a valid email address"),
    ],
)
def test_mail_import_bad_options(
    cli: Cli, contacts: Contacts, mbox: Path, args: list[str], message: str
) -> None:
    result = cli("mail", "import", str(mbox), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not SeenMessage.objects.exists()


def test_mail_import_of_no_mbox(cli: Cli, contacts: Contacts, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Einkaufsliste\nMilch\n")
    result = cli("mail", "import", str(path))
    assert result.exit_code == 2
    assert f"Error: path: '{path}' is not an mbox file" in result.stderr
    assert not SeenMessage.objects.exists()


def test_mail_suggestions(cli: Cli, contacts: Contacts, mbox: Path) -> None:
    cli("mail", "import", str(mbox), "--no-progress")
    table = cli("mail", "suggestions")
    assert table.exit_code == 0, table.stderr
    assert "carla@startup.io" in table.stdout
    assert "Carla Neu; Carla Neu (Startup IO)" in table.stdout
    assert "knoten person add NAME --email ADDRESS" in table.stderr
    data = cli("mail", "suggestions", "--min", "1", "--json").json()
    assert [(row["address"], row["messages"]) for row in data] == [("carla@startup.io", 3)]
    none = cli("mail", "suggestions", "--min", "4")
    assert none.exit_code == 0
    assert "No address without a person comes up in 4 or more messages." in none.stderr
    assert cli("mail", "suggestions", "--min", "0").exit_code == 2


def test_calendar_import(cli: Cli, contacts: Contacts, tmp_path: Path) -> None:
    path = tmp_path / "Kalender.ics"
    path.write_bytes(CALENDAR)
    result = cli("calendar", "import", str(path), "--no-progress")
    assert result.exit_code == 0, result.stderr
    assert "Strategie-Workshop ACME" in result.stdout
    assert "Created 2 conversations from 5 meetings" in result.stderr
    assert "1 recurring: only the first occurrence of each is taken in" in result.stderr
    assert "skipped event 5 (Jubiläum): is dated 2099-01-01, in the future" in result.stderr
    data = cli("calendar", "import", str(path), "--json").json()
    assert (data["created"], data["already_seen"]) == (0, 3)


def test_calendar_import_of_a_missing_or_bad_file(
    cli: Cli, contacts: Contacts, tmp_path: Path
) -> None:
    missing = cli("calendar", "import", str(tmp_path / "fehlt.ics"))
    assert missing.exit_code == 2
    assert "is no file; give an .ics file" in missing.stderr
    bad = tmp_path / "kaputt.ics"
    bad.write_text("Das ist kein Kalender")
    result = cli("calendar", "import", str(bad))
    assert result.exit_code == 2
    assert "is not an iCalendar file" in result.stderr


def test_mail_imap_with_the_password_from_the_environment(
    cli: Cli, contacts: Contacts, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Mailstore(
        user="alice",
        password="s3cret",
        folders={"INBOX": [m.split(b"\n", 1)[1] for m in MESSAGES]},
    )
    monkeypatch.setenv("MY_IMAP_PASSWORD", "s3cret")
    with fake_imap(store) as port:
        result = cli(
            "mail",
            "imap",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ssl",
            "--user",
            "alice",
            "--password-env",
            "MY_IMAP_PASSWORD",
            "--json",
        )
    assert result.exit_code == 0, result.stderr
    assert result.json()["created"] == 3
    assert "s3cret" not in result.stdout + result.stderr


def test_mail_imap_asks_for_the_password_hidden(
    cli: Cli, contacts: Contacts, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Mailstore(user="alice", password="s3cret", folders={"INBOX": []})
    monkeypatch.delenv("KNOTEN_IMAP_PASSWORD", raising=False)
    asked: list[tuple[str, bool]] = []

    def prompt(text: str, **options: object) -> str:
        asked.append((text, bool(options.get("hide_input"))))
        return "s3cret"

    monkeypatch.setattr("typer.prompt", prompt)
    with fake_imap(store) as port:
        result = cli(
            "mail",
            "imap",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ssl",
            "--user",
            "alice",
            "--json",
        )
    assert result.exit_code == 0, result.stderr
    assert asked == [("Password for alice at 127.0.0.1", True)]
    assert result.json()["read"] == 0
