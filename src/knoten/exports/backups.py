"""Backups while the app runs, and restoring them.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies the whole database
file. It copies in one step: SQLite restarts a step-wise backup whenever another
connection writes between steps, so under steady writes a step-wise copy never ends;
one step reads one consistent snapshot (WAL lets writers go on meanwhile). Restoring
copies the backup into the live database through the same API (so connections that are
open see the new content, and the WAL stays right), after keeping the current database
as ``<name>.before-restore``.

PostgreSQL: a backup is the JSON export of every network in one file; restoring loads
it into a database whose networks are empty (or missing).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from knoten.core import changes, clock
from knoten.core.errors import InvalidInput
from knoten.core.models import Member, Network
from knoten.exports import network_json as nj

BACKUP_FORMAT = "knoten-backup"
BACKUP_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
Progress = Callable[[str, int, int], None]


def backups_folder() -> Path:
    return Path(settings.DATA_DIR) / "backups"


def default_backup_path() -> Path:
    """A dated file in the data folder's ``backups/``."""
    suffix = "sqlite3" if connection.vendor == "sqlite" else "json"
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
    return backups_folder() / f"knoten-{stamp}.{suffix}"


def _database_name() -> str:
    return str(connection.settings_dict["NAME"])


def _in_memory(name: str) -> bool:
    return name == ":memory:" or "mode=memory" in name


def _open(path: Path | str, *, uri: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(str(path), uri=uri, timeout=20, isolation_level=None)


def _private_file(path: Path) -> None:
    """Create ``path`` empty, readable by its owner only; refuse one that exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InvalidInput("file", str(path), "exists already; name a new file") from None
    os.close(fd)


def sqlite_backup(source: Path | sqlite3.Connection, target: Path) -> None:
    """Copy an SQLite database (a file or an open connection) into ``target``, in one
    consistent step, while others may go on writing."""
    own = not isinstance(source, sqlite3.Connection)
    if isinstance(source, sqlite3.Connection) and source.in_transaction:
        # SQLite answers "locked" to a copy of a connection amid its own transaction,
        # and Python's backup would wait for it for ever.
        raise InvalidInput("database", "", "cannot be backed up inside an open transaction")
    src = _open(source) if not isinstance(source, sqlite3.Connection) else source
    try:
        dest = _open(target)
        try:
            src.backup(dest, pages=-1)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        if own:
            src.close()


def check_sqlite_backup(path: Path) -> dict[str, Any]:
    """What an SQLite file holds, if it is a Knoten database (InvalidInput if not)."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise InvalidInput("file", str(path), "is not a Knoten backup (not an SQLite database)")
    db = _open(f"file:{path}?mode=ro", uri=True)
    try:
        check = db.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise InvalidInput("file", str(path), f"is damaged: {check[0] if check else '?'}")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"django_migrations", "core_network", "people_person"} <= tables:
            raise InvalidInput(
                "file", str(path), "is an SQLite database, but not a Knoten database"
            )
        applied = {(a, n) for a, n in db.execute("SELECT app, name FROM django_migrations")}
        persons = db.execute("SELECT count(*) FROM people_person").fetchone()[0]
        networks = db.execute("SELECT count(*) FROM core_network").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise InvalidInput("file", str(path), f"is not a Knoten backup ({error})") from None
    finally:
        db.close()
    return {"migrations": applied, "persons": persons, "networks": networks}


def _unknown_migrations(applied: set[tuple[str, str]]) -> list[str]:
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(f"{app}.{name}" for app, name in applied if (app, name) not in known)


def sqlite_restore(backup: Path, database: Path | sqlite3.Connection) -> Path | None:
    """Copy ``backup`` into ``database`` (a file or an open connection), keeping the
    current content as ``<database>.before-restore`` when it is a file."""
    kept: Path | None = None
    if isinstance(database, Path):
        kept = database.with_name(database.name + ".before-restore")
        if kept.exists():
            kept.unlink()
        _private_file(kept)  # the whole database: for its owner only, as the backups
        sqlite_backup(database, kept)
    if isinstance(database, sqlite3.Connection) and database.in_transaction:
        raise InvalidInput("database", "", "cannot be restored inside an open transaction")
    src = _open(f"file:{backup}?mode=ro", uri=True)
    try:
        dest = _open(database) if isinstance(database, Path) else database
        try:
            src.backup(dest, pages=-1)
        finally:
            if isinstance(database, Path):
                dest.close()
    finally:
        src.close()
    return kept


# --- the public functions ---------------------------------------------------------------------


def backup(path: Path | str | None = None, *, progress: Progress | None = None) -> Path:
    """A consistent copy of the database while the app runs; returns where it went.

    Without ``path`` (or with a folder), a dated file in the data folder's ``backups/``.
    """
    target = Path(path).expanduser() if path else default_backup_path()
    if target.is_dir():
        target = target / default_backup_path().name
    _private_file(target)
    try:
        if connection.vendor == "sqlite":
            if progress is not None:
                progress("database", 0, 1)
            name = _database_name()
            if _in_memory(name):
                connection.ensure_connection()
                sqlite_backup(connection.connection, target)
            else:
                sqlite_backup(Path(name), target)
            if progress is not None:
                progress("database", 1, 1)
        else:
            with open(target, "w", encoding="utf-8") as handle:
                for piece in backup_json_text(progress=progress):
                    handle.write(piece)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _owner(network: Network) -> Member | None:
    # "owner" sorts after "editor": descending puts the owners first.
    return Member.objects.filter(network=network).order_by("-role", "pk").first()


def backup_json_text(*, progress: Progress | None = None) -> Iterator[str]:
    """:func:`backup_json` as JSON text, a piece at a time (one network's rows at a time
    are never all in memory)."""
    head = json.dumps(
        {"format": BACKUP_FORMAT, "version": BACKUP_VERSION, "made_at": clock.now().isoformat()}
    )
    yield head[:-1] + ', "networks": ['
    for number, network in enumerate(Network.objects.order_by("pk")):
        owner = _owner(network)
        pieces = nj.stream_network(
            network, viewer=None, progress=progress, me=owner.person_id if owner else None
        )
        yield ("" if number == 0 else ",\n")
        yield from pieces
    yield "]}"


def backup_json(*, progress: Progress | None = None) -> dict[str, Any]:
    """Every network's JSON export (private minutes included), in one document."""
    networks = []
    for network in Network.objects.order_by("pk"):
        owner = _owner(network)
        export = nj.export_network(network, viewer=None, progress=progress)
        export["me"] = owner.person_id if owner is not None else None
        networks.append(export)
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "made_at": clock.now().isoformat(),
        "networks": networks,
    }


def _read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput("file", str(path), f"is not a Knoten backup ({error})") from None


def restore(path: Path | str, *, progress: Progress | None = None) -> dict[str, Any]:
    """Put a backup back: an SQLite file over the SQLite database, a JSON backup into
    empty networks. Refuses, naming why, a file that is not a Knoten backup."""
    source = Path(path).expanduser()
    if not source.is_file():
        raise InvalidInput("file", str(source), "does not exist")
    with open(source, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return _restore_sqlite(source)
    data = _read_json(source)
    if isinstance(data, dict) and data.get("format") == nj.FORMAT:
        raise InvalidInput(
            "file",
            str(source),
            "is a network export, not a backup; import it with knoten import FILE --format json",
        )
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise InvalidInput("file", str(source), "is not a Knoten backup")
    if data.get("version") != BACKUP_VERSION:
        raise InvalidInput(
            "file: version", data.get("version"), "is a backup version this Knoten does not read"
        )
    return restore_json(data, progress=progress)


def _restore_sqlite(source: Path) -> dict[str, Any]:
    if connection.vendor != "sqlite":
        raise InvalidInput(
            "file",
            str(source),
            "is an SQLite backup, but this Knoten uses PostgreSQL; restore a JSON backup",
        )
    found = check_sqlite_backup(source)
    newer = _unknown_migrations(found["migrations"])
    if newer:
        raise InvalidInput(
            "file",
            str(source),
            f"was made by a newer Knoten (unknown migrations: {', '.join(newer[:3])})",
        )
    name = _database_name()
    kept: Path | None
    if _in_memory(name):
        connection.ensure_connection()
        kept = sqlite_restore(source, connection.connection)
    else:
        if connection.in_atomic_block:
            raise InvalidInput("file", str(source), "cannot be restored inside a transaction")
        connection.close()
        kept = sqlite_restore(source, Path(name))
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return {
        "restored": str(source),
        "kind": "sqlite",
        "networks": found["networks"],
        "persons": found["persons"],
        "previous": str(kept) if kept else None,
    }


def restore_json(data: dict[str, Any], *, progress: Progress | None = None) -> dict[str, Any]:
    """Load a JSON backup: each network into its owner's empty network (made if the owner
    has none). All or nothing."""
    from django.contrib.auth import get_user_model

    from knoten.people.networks import create_network

    networks = data.get("networks")
    if not isinstance(networks, list):
        raise InvalidInput("file: networks", type(networks).__name__, "is not a list")
    restored = []
    user_model = get_user_model()
    with changes.atomic():
        for index, export in enumerate(networks):
            where = f"networks[{index}]"
            nj.check_header(export, what=where)
            members = export.get("members", [])
            owner_entry = next(
                (m for m in members if m.get("person") == export.get("me")),
                members[0] if members else None,
            )
            if owner_entry is None:
                raise InvalidInput(where, "", "has no member to restore it for")
            username = str(owner_entry.get("username"))
            member = (
                Member.objects.filter(user__username=username)
                .select_related("network", "person")
                .order_by("pk")
                .first()
            )
            if member is None:
                member = create_network(
                    str(export.get("network", {}).get("name") or "My network"), username=username
                )
            found = nj.network_contents(member.network_id, member.person_id)
            if found:
                listed = ", ".join(f"{n} {what}" for what, n in found.items())
                raise InvalidInput(
                    where,
                    username,
                    f"has a network that is not empty ({listed}); restore into an empty database",
                )
            # Members besides the owner: their users and seats first (so that what they
            # wrote keeps its author), each given their person once it exists.
            seats: list[tuple[Member, Any]] = []
            for entry in members:
                if entry is owner_entry:
                    continue
                user, _ = user_model.objects.get_or_create(username=str(entry.get("username")))
                seat = Member.objects.create(
                    network=member.network,
                    user=user,
                    person=None,
                    role=str(entry.get("role") or Member.Role.EDITOR),
                )
                seats.append((seat, entry))
            mapping = nj.member_mapping(export, member)
            counts, ids = nj.load_network(
                member.network,
                export,
                me=member.me,
                member_map=mapping,
                default_member=member,
                progress=progress,
            )
            people = ids.get("people.person", {})
            for seat, entry in seats:
                seat.person_id = people.get(entry.get("person"))
                seat.save(update_fields=["person"])
            changes.announce_network(member.network_id)
            restored.append({"network": member.network.name, "owner": username, **counts})
    return {"restored": restored, "kind": "json"}
