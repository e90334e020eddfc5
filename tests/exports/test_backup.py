"""Backups while the app runs, and restoring them."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from knoten.core.errors import InvalidInput
from knoten.core.models import Member, Network
from knoten.exports import services
from knoten.exports.backups import (
    backup_json,
    check_sqlite_backup,
    restore_json,
    sqlite_backup,
    sqlite_restore,
)
from knoten.exports.network_json import exported_models
from knoten.journal.models import Interaction
from knoten.people.models import Person
from knoten.reciprocity.models import Favour
from tests.exports.conftest import Rich

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the file backup is SQLite's; PostgreSQL backs up JSON"
)


def _counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not name.startswith(("sqlite_", "search_fts"))
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        db.close()


@pytest.fixture
def live_file(rich: Rich, tmp_path: Path) -> Path:
    """The test database (with the rich network) as a file in WAL mode, as a user has it."""
    path = tmp_path / "knoten.sqlite3"
    connection.ensure_connection()
    sqlite_backup(connection.connection, path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.close()
    return path


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_backup_while_another_connection_writes_then_restore_gives_the_same_counts(
    live_file: Path, tmp_path: Path
) -> None:
    network_id = (
        sqlite3.connect(live_file).execute("SELECT min(id) FROM core_network").fetchone()[0]
    )
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        db = sqlite3.connect(live_file, timeout=20, isolation_level=None)
        n = 0
        while not stop.is_set():
            n += 1
            db.execute(
                "INSERT INTO people_tag (network_id, name, folded_name) VALUES (?, ?, ?)",
                (network_id, f"Schlagwort {n}", f"schlagwort {n}"),
            )
            written.append(n)
        db.close()

    before = _counts(live_file)["people_tag"]
    writer = threading.Thread(target=write)
    writer.start()
    try:
        deadline = time.monotonic() + 30
        while len(written) < 200 and writer.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        backup = tmp_path / "backup.sqlite3"
        sqlite_backup(live_file, backup)
        # The writer went on during and after the copy.
        while len(written) < 400 and writer.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        writer.join()

    found = check_sqlite_backup(backup)
    assert found["persons"] == 8  # Alice's six, Bob and Charlie
    copied = _counts(backup)
    after = _counts(live_file)
    assert before + 200 <= copied["people_tag"] < after["people_tag"]

    kept = sqlite_restore(backup, live_file)

    assert _counts(live_file) == copied
    assert kept is not None and _counts(kept) == after
    db = sqlite3.connect(live_file)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_backup_writes_a_dated_private_file_and_never_overwrites(
    rich: Rich, tmp_path: Path, settings: object
) -> None:
    path = services.backup(tmp_path)
    assert path.parent == tmp_path and path.name.startswith("knoten-")
    assert path.stat().st_mode & 0o077 == 0
    assert check_sqlite_backup(path)["persons"] == Person.objects.count()
    with pytest.raises(InvalidInput, match="exists already"):
        services.backup(path)


@sqlite_only
def test_backup_refuses_to_copy_amid_an_open_transaction(rich: Rich, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="open transaction"):
        services.backup(tmp_path / "amid.sqlite3")
    assert not (tmp_path / "amid.sqlite3").exists()


def test_restore_refuses_what_is_not_a_backup(rich: Rich, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Einkaufsliste: Milch, Brot\n")
    with pytest.raises(InvalidInput, match="not a Knoten backup"):
        services.restore(text)
    other = tmp_path / "other.sqlite3"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE songs (title TEXT)")
    db.commit()
    db.close()
    if connection.vendor == "sqlite":
        with pytest.raises(InvalidInput, match="not a Knoten database"):
            services.restore(other)
    else:
        with pytest.raises(InvalidInput, match="uses PostgreSQL"):
            services.restore(other)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(services.export_json(rich.alice)))
    with pytest.raises(InvalidInput, match="knoten import"):
        services.restore(export)
    with pytest.raises(InvalidInput, match="does not exist"):
        services.restore(tmp_path / "missing.sqlite3")
    assert Person.objects.filter(network=rich.alice.network).count() == 6


def _all_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in exported_models()}


def test_json_backup_restores_every_network_with_its_members(rich: Rich) -> None:
    """The PostgreSQL way (it runs on SQLite too): every network, private minutes and
    all, into an empty database."""
    before = _all_counts()
    data = json.loads(json.dumps(backup_json()))
    assert {n["network"]["name"] for n in data["networks"]} >= {"Alice's network"}
    Member.objects.all().delete()
    Network.objects.all().delete()
    assert Person.objects.count() == 0

    result = restore_json(data)

    assert len(result["restored"]) == 3
    assert _all_counts() == before
    alice = Member.objects.get(user__username="alice")
    dora = Member.objects.get(user__username="dora")
    assert dora.network_id == alice.network_id and dora.person is not None
    assert dora.person.given_name == "Dora"
    secret = Interaction.objects.get(summary__startswith="Doras")
    assert secret.private and secret.author_id == dora.pk
    assert alice.me.given_name == "Alice"
    # The favour in Dora's private note stays hers and in it; Alice's lead stays Alice's.
    gift = Favour.objects.get(note="Doras geheimer Gefallen")
    assert gift.interaction_id == secret.pk and gift.author_id == dora.pk
    assert gift.receiver_id == dora.person.pk
    lead = Favour.objects.get(kind="lead")
    assert lead.receiver_id == alice.me.pk and lead.author_id == alice.pk
    assert (lead.won_value, lead.won_currency) == (Decimal("12000.00"), "EUR")


def test_json_backup_refuses_a_database_that_is_not_empty(rich: Rich) -> None:
    data = backup_json()
    with pytest.raises(InvalidInput, match="not empty"):
        restore_json(data)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite backs up its database file")
def test_postgres_backup_is_one_json_file_of_every_network(rich: Rich, tmp_path: Path) -> None:
    path = services.backup(tmp_path / "knoten.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "knoten-backup" and len(data["networks"]) == 3
    summaries = [
        row["summary"]
        for network in data["networks"]
        for row in network["models"]["journal.interaction"]
    ]
    assert any(s.startswith("Doras") for s in summaries)  # a backup keeps everything
    with pytest.raises(InvalidInput, match="not empty"):
        services.restore(path)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_copy_a_restore_keeps_is_for_its_owner_only(live_file: Path, tmp_path: Path) -> None:
    import os
    import stat

    backup = tmp_path / "backup.sqlite3"
    sqlite_backup(live_file, backup)
    old = os.umask(0o022)
    try:
        kept = sqlite_restore(backup, live_file)
    finally:
        os.umask(old)
    assert kept is not None and stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert _counts(kept) == _counts(live_file)
