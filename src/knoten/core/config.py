"""Typed helpers that read ``KNOTEN_*`` environment variables.

They are deliberately tiny and strict: a value that cannot be read raises
:class:`ConfigError` naming the variable, instead of silently falling back.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import platformdirs


class ConfigError(ValueError):
    """A ``KNOTEN_*`` variable holds a value that cannot be used."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def env_positive_int(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ConfigError(f"{name} must be 1 or more, not {value}")
    return value


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices`` (case-insensitive); empty or unset: ``default``."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def resolve_data_dir() -> Path:
    """The folder that holds the database and the secret key, created if missing, for
    its owner only (0700): the database, the key and the uploads are nobody else's."""
    raw = os.environ.get("KNOTEN_DATA_DIR")
    path = Path(raw).expanduser() if raw else Path(platformdirs.user_data_dir("knoten", False))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (0600), if it is missing.

    SQLite creates a database file 0644 (less the umask); one created 0600 beforehand
    keeps its mode, and SQLite gives its ``-wal``, ``-shm`` and ``-journal`` files the
    mode of the database. A folder that does not exist is left for SQLite to complain
    about when it opens the file.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except (FileExistsError, FileNotFoundError, NotADirectoryError):
        return
    os.close(fd)


def load_or_create_secret_key(data_dir: Path) -> str:
    """``KNOTEN_SECRET_KEY`` if set, else the key kept in the data folder (made once)."""
    configured = os.environ.get("KNOTEN_SECRET_KEY")
    if configured:
        return configured
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Created with owner-only permissions: the key signs sessions and sign-in links.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


DEFAULT_CONN_MAX_AGE = 600


def conn_max_age() -> int:
    """Seconds a worker keeps its database connection open (``KNOTEN_CONN_MAX_AGE``).

    Persistent connections spare every request opening the database and running the
    set-up pragmas (SQLite) or a new server connection (PostgreSQL). ``0`` closes the
    connection at the end of each request, as Django does by default.
    """
    value = env_int("KNOTEN_CONN_MAX_AGE", DEFAULT_CONN_MAX_AGE)
    if value < 0:
        raise ConfigError(f"KNOTEN_CONN_MAX_AGE must be 0 or more seconds, not {value}")
    return value


# How long a write waits for SQLite's write lock before it gives up with "database is
# locked" (which the faces answer as 503 "busy, try again"). SQLite retries by itself
# during this time, so a writer queued behind another short write simply waits; five
# seconds covers any ordinary write (and a long job that commits in batches) while a
# request stuck behind a long one answers soon enough for its client to retry, instead
# of holding a worker for 20 seconds and then failing anyway.
SQLITE_BUSY_TIMEOUT = 5


def sqlite_config(path: Path | str) -> dict[str, Any]:
    """SQLite set up for a real application rather than for a quick demo.

    WAL lets readers go on while one writer writes; IMMEDIATE transactions take the
    write lock up front (``BEGIN IMMEDIATE``) so that two writers queue behind the busy
    timeout instead of failing with "database is locked" half-way through: a deferred
    transaction that read first and then wants to write cannot wait for the lock (the
    busy timeout does not apply to that upgrade, or the two would deadlock), so it fails
    at once. Each worker thread keeps its connection (and the pragmas set on it) across
    requests; see :func:`conn_max_age`.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "CONN_MAX_AGE": conn_max_age(),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            # Both set SQLite's busy timeout; the pragma (run on every new connection)
            # is the one that counts, ``timeout`` keeps Python's default from differing.
            "timeout": SQLITE_BUSY_TIMEOUT,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT * 1000};"
                "PRAGMA temp_store=MEMORY;"
                "PRAGMA cache_size=-32000;"
                "PRAGMA mmap_size=268435456;"
            ),
        },
        "TEST": {"NAME": None},
    }


def postgres_config(url: str) -> dict[str, Any]:
    """A ``postgres://user:password@host:port/name?option=value`` URL as Django settings."""
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigError(f"KNOTEN_DATABASE_URL names no database: {url!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": conn_max_age(),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": _postgres_options(dict(parse_qsl(parts.query))),
    }


# How long a PostgreSQL statement waits for a row or table lock before it fails (and
# the faces answer 503 "busy, try again"), in milliseconds: as long as SQLite's busy
# timeout. A URL's own ``?options=-c lock_timeout=…`` wins.
POSTGRES_LOCK_TIMEOUT_MS = SQLITE_BUSY_TIMEOUT * 1000


def _postgres_options(options: dict[str, str]) -> dict[str, str]:
    given = options.get("options", "")
    if "lock_timeout" not in given:
        options["options"] = f"{given} -c lock_timeout={POSTGRES_LOCK_TIMEOUT_MS}".strip()
    return options


def database_config(url: str, data_dir: Path) -> dict[str, Any]:
    """Settings for ``KNOTEN_DATABASE_URL``, or SQLite in the data folder when it is empty."""
    if not url:
        create_private_file(data_dir / "knoten.sqlite3")
        return sqlite_config(data_dir / "knoten.sqlite3")
    scheme = urlsplit(url).scheme
    if scheme in {"postgres", "postgresql", "pgsql"}:
        return postgres_config(url)
    if scheme == "sqlite":
        path = url.split("://", 1)[1]
        if not path:
            raise ConfigError(f"KNOTEN_DATABASE_URL names no SQLite file: {url!r}")
        if path != ":memory:" and not path.startswith("file:"):
            create_private_file(Path(path).expanduser())
        return sqlite_config(Path(path).expanduser())
    raise ConfigError(f"KNOTEN_DATABASE_URL must start with postgres:// or sqlite://, not {url!r}")
