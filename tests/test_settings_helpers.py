from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from knoten.core import config


def test_env_bool_reads_common_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("no", False)]:
        monkeypatch.setenv("KNOTEN_X", raw)
        assert config.env_bool("KNOTEN_X", not expected) is expected


def test_env_bool_uses_default_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KNOTEN_X", raising=False)
    assert config.env_bool("KNOTEN_X", True) is True


def test_env_bool_names_the_variable_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOTEN_X", "maybe")
    with pytest.raises(config.ConfigError, match="KNOTEN_X must be true or false, not 'maybe'"):
        config.env_bool("KNOTEN_X", False)


def test_env_int(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOTEN_N", "42")
    assert config.env_int("KNOTEN_N", 1) == 42
    monkeypatch.setenv("KNOTEN_N", "forty")
    with pytest.raises(config.ConfigError, match="KNOTEN_N must be a whole number"):
        config.env_int("KNOTEN_N", 1)


def test_env_list_splits_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOTEN_HOSTS", " a.example , b.example,, ")
    assert config.env_list("KNOTEN_HOSTS", []) == ["a.example", "b.example"]


def test_data_dir_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "nested" / "data"
    monkeypatch.setenv("KNOTEN_DATA_DIR", str(target))
    assert config.resolve_data_dir() == target
    assert target.is_dir()


def test_data_dir_defaults_to_the_platform_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KNOTEN_DATA_DIR", raising=False)
    monkeypatch.setattr(config.platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "p"))
    assert config.resolve_data_dir() == tmp_path / "p"


def test_secret_key_is_generated_once_and_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KNOTEN_SECRET_KEY", raising=False)
    first = config.load_or_create_secret_key(tmp_path)
    second = config.load_or_create_secret_key(tmp_path)
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_key_from_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KNOTEN_SECRET_KEY", "from-env")
    assert config.load_or_create_secret_key(tmp_path) == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_sqlite_is_the_default_and_tuned(tmp_path: Path) -> None:
    db = config.database_config("", tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "knoten.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    init = db["OPTIONS"]["init_command"]
    assert "journal_mode=WAL" in init
    assert "foreign_keys=ON" in init
    assert "busy_timeout" in init


def test_postgres_url_is_split_into_settings(tmp_path: Path) -> None:
    db = config.database_config(
        "postgres://knoten:s%40cret@db.example:6543/crm?sslmode=require", tmp_path
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("crm", "knoten", "s@cret")
    assert (db["HOST"], db["PORT"]) == ("db.example", "6543")
    assert db["OPTIONS"] == {"sslmode": "require", "options": "-c lock_timeout=5000"}
    assert db["CONN_MAX_AGE"] > 0


def test_postgres_sessions_wait_for_a_lock_only_briefly(tmp_path: Path) -> None:
    # A write stuck behind a long one fails soon (503, busy) instead of hanging.
    db = config.database_config("postgres://k@h/crm", tmp_path)
    assert db["OPTIONS"]["options"] == "-c lock_timeout=5000"
    given = config.database_config("postgres://k@h/crm?options=-c%20lock_timeout%3D900", tmp_path)
    assert given["OPTIONS"]["options"] == "-c lock_timeout=900"


def test_unknown_database_scheme_is_refused(tmp_path: Path) -> None:
    with pytest.raises(config.ConfigError, match="must start with postgres:// or sqlite://"):
        config.database_config("mysql://x/y", tmp_path)


def test_postgres_url_without_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(config.ConfigError, match="names no database"):
        config.database_config("postgres://host/", tmp_path)


def test_the_running_database_has_the_pragmas_set(db: None) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite pragmas only apply to SQLite")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == config.SQLITE_BUSY_TIMEOUT * 1000 == 5000


def test_sqlite_keeps_its_connections(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KNOTEN_CONN_MAX_AGE", raising=False)
    db = config.database_config("", tmp_path)
    assert db["CONN_MAX_AGE"] == config.DEFAULT_CONN_MAX_AGE > 0
    assert db["CONN_HEALTH_CHECKS"] is True
    sqlite_url = config.database_config(f"sqlite://{tmp_path / 'other.sqlite3'}", tmp_path)
    assert sqlite_url["CONN_MAX_AGE"] == config.DEFAULT_CONN_MAX_AGE


def test_conn_max_age_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KNOTEN_CONN_MAX_AGE", "0")
    assert config.database_config("", tmp_path)["CONN_MAX_AGE"] == 0
    assert config.database_config("postgres://h/crm", tmp_path)["CONN_MAX_AGE"] == 0
    monkeypatch.setenv("KNOTEN_CONN_MAX_AGE", "60")
    assert config.database_config("", tmp_path)["CONN_MAX_AGE"] == 60


def test_conn_max_age_refuses_what_it_cannot_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KNOTEN_CONN_MAX_AGE", "-1")
    with pytest.raises(config.ConfigError, match="KNOTEN_CONN_MAX_AGE must be 0 or more"):
        config.database_config("", tmp_path)
    monkeypatch.setenv("KNOTEN_CONN_MAX_AGE", "forever")
    with pytest.raises(config.ConfigError, match="KNOTEN_CONN_MAX_AGE must be a whole number"):
        config.database_config("", tmp_path)


def test_the_running_database_keeps_its_connection(db: None) -> None:
    from django.db import connection

    # The test suite's settings come from the same helper as the server's.
    assert connection.settings_dict["CONN_MAX_AGE"] == config.conn_max_age()
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_a_writer_waits_for_the_lock_and_then_writes(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    """Behind another writer's lock, an IMMEDIATE transaction waits (the busy timeout)
    instead of failing at once with "database is locked"."""
    import sqlite3
    import threading
    import time

    from django.db import connections, transaction

    path = tmp_path / "busy.sqlite3"
    alias = "busy_test"
    connections.settings[alias] = connections.configure_settings(
        {"default": config.sqlite_config(path)}
    )["default"]
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        with django_db_blocker.unblock():
            ours = connections[alias]
            with ours.cursor() as cursor:
                cursor.execute("CREATE TABLE t (x INTEGER)")
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO t VALUES (1)")
            threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
            started = time.monotonic()
            with transaction.atomic(using=alias), ours.cursor() as cursor:
                # Reading first: a deferred transaction could not wait to write after it.
                cursor.execute("SELECT count(*) FROM t")
                cursor.execute("INSERT INTO t VALUES (2)")
            waited = time.monotonic() - started
            assert 0.3 < waited < config.SQLITE_BUSY_TIMEOUT
            with ours.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM t")
                assert cursor.fetchone()[0] == 2
            ours.close()
    finally:
        other.close()
        del connections[alias]
        del connections.settings[alias]
