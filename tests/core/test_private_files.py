"""The data folder is its owner's only (0700), and so is the SQLite database (0600),
with its -wal and -shm files: nobody else on the machine reads the network."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from knoten.core import config


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems have (022): without the fix, files come out 0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_is_created_for_its_owner_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "nested" / "data"
    monkeypatch.setenv("KNOTEN_DATA_DIR", str(target))
    assert config.resolve_data_dir() == target
    assert _mode(target) == 0o700


def _open_as_django_does(name: str) -> sqlite3.Connection:
    db = sqlite3.connect(name)
    init = config.sqlite_config(name)["OPTIONS"]["init_command"]
    db.executescript(init)
    db.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, notes TEXT)")
    db.execute("INSERT INTO person (notes) VALUES ('secret')")
    db.commit()
    return db


def test_the_database_and_its_wal_files_are_for_their_owner_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KNOTEN_DATA_DIR", str(tmp_path / "data"))
    data_dir = config.resolve_data_dir()
    settings = config.database_config("", data_dir)
    db = _open_as_django_does(settings["NAME"])
    try:
        database = data_dir / "knoten.sqlite3"
        assert _mode(database) == 0o600
        wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
        assert wal.exists() and shm.exists()  # WAL mode, the connection still open
        assert _mode(wal) == 0o600 and _mode(shm) == 0o600
        assert db.execute("SELECT notes FROM person").fetchone() == ("secret",)
    finally:
        db.close()


def test_a_sqlite_url_makes_its_file_for_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.sqlite3"
    settings = config.database_config(f"sqlite://{path}", tmp_path)
    _open_as_django_does(settings["NAME"]).close()
    assert _mode(path) == 0o600


def test_an_existing_database_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "knoten.sqlite3"
    _open_as_django_does(str(path)).close()
    os.chmod(path, 0o640)  # the owner's own choice (a backup job's group, say)
    config.database_config("", tmp_path)
    assert _mode(path) == 0o640
    db = sqlite3.connect(path)
    assert db.execute("SELECT notes FROM person").fetchone() == ("secret",)
    db.close()


def test_a_missing_folder_is_left_for_sqlite_to_name(tmp_path: Path) -> None:
    config.database_config(f"sqlite://{tmp_path}/missing/db.sqlite3", tmp_path)
    assert not (tmp_path / "missing").exists()
