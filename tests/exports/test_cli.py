"""The commands: knoten export, backup, restore, person export and person forget."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import vobject
from django.db import connection

from knoten.people.models import Person
from tests.conftest import CliResult
from tests.exports.conftest import Rich
from tests.real_program import run_knoten

Cli = Callable[..., CliResult]


def test_export_vcard_to_stdout_and_json_to_a_file(rich: Rich, cli: Cli, tmp_path: Path) -> None:
    result = cli("export", "--format", "vcard", "--circle", "Kunden")
    assert result.exit_code == 0, result.stderr
    names = {card.fn.value for card in vobject.readComponents(result.stdout)}
    assert names == {"Prof. Dr. Jürgen Müller", "Xaver Quendolin"}
    assert "Exported 2 persons" in result.stderr

    target = tmp_path / "netz.json"
    result = cli("export", "-o", str(target))  # the format from the file name
    assert result.exit_code == 0, result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "knoten-export"
    assert len(data["models"]["people.person"]) == 6
    assert target.stat().st_mode & 0o077 == 0


def test_export_csv_and_a_bad_format_or_circle(rich: Rich, cli: Cli) -> None:
    result = cli("export", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.startswith("First Name,Middle Name,Last Name,")
    bad = cli("export", "--format", "pdf")
    assert bad.exit_code == 2 and "format: 'pdf' is not one of" in bad.stderr
    missing = cli("export", "--circle", "Golfclub")
    assert missing.exit_code != 0 and "Golfclub" in missing.stderr


def test_person_export_prints_everything_about_them(rich: Rich, cli: Cli) -> None:
    result = cli("person", "export", "Xaver")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["person"]["family_name"] == "Quendolin"
    assert "people.contactpoint.person" in data["facts"]


def test_person_forget_shows_the_plan_and_needs_yes_without_a_terminal(
    rich: Rich, cli: Cli
) -> None:
    dry = cli("person", "forget", "Xaver", "--dry-run", "--json")
    assert dry.exit_code == 0
    assert json.loads(dry.stdout)["deleted"]["contact points"] == 2
    refused = cli("person", "forget", "Xaver")
    assert refused.exit_code == 2
    assert "Forgetting Xaver Quendolin" in refused.stderr and "--yes" in refused.stderr
    assert Person.objects.filter(pk=rich.xaver.pk).exists()

    done = cli("person", "forget", "Xaver", "--yes", "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["person"]["name"] == "Xaver Quendolin"
    assert not Person.objects.filter(pk=rich.xaver.pk).exists()
    me = cli("person", "forget", "me", "--yes")
    assert me.exit_code == 2 and "cannot be forgotten" in me.stderr


def test_bob_cannot_forget_or_export_alices_people(rich: Rich, cli: Cli) -> None:
    result = cli("person", "forget", str(rich.xaver.pk), "--yes", user="bob")
    assert result.exit_code == 1
    result = cli("person", "export", str(rich.xaver.pk), user="bob")
    assert result.exit_code == 1 and result.stdout == ""
    exported = cli("export", "--format", "json", user="bob")
    assert "Quendolin" not in exported.stdout and "Müller" not in exported.stdout
    assert Person.objects.filter(pk=rich.xaver.pk).exists()


def test_restore_refuses_a_file_that_is_not_a_backup(rich: Rich, cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("nichts\n")
    result = cli("restore", str(notes), "--yes")
    assert result.exit_code == 2 and "not a Knoten backup" in result.stderr
    result = cli("restore", str(notes))
    assert result.exit_code == 2 and "--yes" in result.stderr


# --- the real program on a real SQLite file ----------------------------------------------------


def _file_bytes(data_dir: Path) -> bytes:
    """The database file and its WAL, as a disk would show them."""
    found = b""
    for name in ("knoten.sqlite3", "knoten.sqlite3-wal"):
        path = data_dir / name
        if path.exists():
            found += path.read_bytes()
    return found


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="a byte check of the database file is SQLite's; PostgreSQL keeps dead row "
    "versions in its own files until VACUUM FULL, outside what Knoten controls",
)
def test_after_forget_the_name_is_nowhere_in_the_sqlite_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    steps = [
        ("init", "--name", "Mein Netzwerk", "--me", "Eva Berger"),
        (
            "person",
            "add",
            "Xaver Quendolin",
            "--email",
            "xaver@quendolin.example",
            "--note",
            "Segelt gern; Quendolin-Stiftung im Aufbau",
            "--skill",
            "Segeln",
        ),
        (
            "person",
            "add",
            "Anna Schmidt",
            "--note",
            "Kennt Xaver Quendolin aus dem Studium",
            "--how-met",
            "Über Xaver Quendolin",
        ),
        ("relate", "Anna Schmidt", "Xaver Quendolin", "--kind", "friend"),
        ("log", "Telefonat mit Xaver Quendolin über Segeln", "--with", "Xaver"),
        ("log", "Lunch: Anna und Xaver Quendolin planen", "--with", "Anna", "--with", "Xaver"),
        ("backup",),
    ]
    for step in steps:
        done = run_knoten(data, *step)
        assert done.returncode == 0, (step, done.stderr)
    assert b"quendolin" in _file_bytes(data).lower()
    before = run_knoten(data, "person", "forget", "Xaver Quendolin", "--yes", "--json")
    assert before.returncode == 0, before.stderr
    result = json.loads(before.stdout)
    assert result["vacuumed"] is True
    # The backup made before keeps him, and the plan said so.
    assert len(result["backups_keeping_them"]) == 1

    contents = _file_bytes(data).lower()
    assert b"quendolin" not in contents
    assert b"xaver" not in contents
    # The rest is still there.
    shown = run_knoten(data, "person", "show", "Anna", "--json")
    assert shown.returncode == 0
    assert "[removed]" in shown.stdout and "Quendolin" not in shown.stdout


@pytest.mark.skipif(connection.vendor != "sqlite", reason="restores an SQLite file")
def test_backup_and_restore_with_the_real_program(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for step in (
        ("init", "--name", "Mein Netzwerk", "--me", "Eva Berger"),
        ("person", "add", "Anna Schmidt", "--email", "anna@schmidt.example"),
        ("backup", str(tmp_path / "sicherung.sqlite3")),
        ("person", "add", "Bernd Braun"),
    ):
        done = run_knoten(data, *step)
        assert done.returncode == 0, (step, done.stderr)
    listed = json.loads(run_knoten(data, "person", "list", "--json").stdout)
    assert len(listed["items"] if isinstance(listed, dict) else listed) == 3

    restored = run_knoten(data, "restore", str(tmp_path / "sicherung.sqlite3"), "--yes", "--json")
    assert restored.returncode == 0, restored.stderr
    result = json.loads(restored.stdout)
    assert result["persons"] == 2
    assert Path(result["previous"]).exists()
    listed = json.loads(run_knoten(data, "person", "list", "--json").stdout)
    names = {p["name"] for p in (listed["items"] if isinstance(listed, dict) else listed)}
    assert names == {"Eva Berger", "Anna Schmidt"}
    refused = run_knoten(data, "restore", str(data / "secret_key"), "--yes")
    assert refused.returncode == 2 and "not a Knoten backup" in refused.stderr
