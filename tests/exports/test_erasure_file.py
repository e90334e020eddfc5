"""After ``knoten person forget``, no form of the person is in any file Knoten writes.

The real program on a real SQLite file: the database, its WAL, a backup made after and
the exports (JSON, vCard, CSV) are read as bytes, as ``grep`` would read them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from django.db import connection

from tests.real_program import run_knoten

# Every form the person may be found by: the names as written, without umlauts, folded
# for search, the address, the phone (as stored and as written), the profile.
TRACES = (
    "zyxwquärtz",
    "zyxwquartz",
    "zyxwquaertz",
    "vömblethorn",
    "vomblethorn",
    "voemblethorn",
    "zyx.vomble@qwexample.test",
    "qwexample",
    "9876543",
    "987 6543",
    "linkedin.com/in/zyxvomble",
    "zyxvomble",
    # as JSON writes them with ensure_ascii
    "zyxwqu\\u00e4rtz",
    "v\\u00f6mblethorn",
)


def _found(contents: bytes) -> list[str]:
    text = contents.decode("utf-8", errors="replace").lower()
    raw = contents.lower()
    return [t for t in TRACES if t in text or t.encode("utf-8") in raw]


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="a byte check of the database file is SQLite's; PostgreSQL keeps dead row "
    "versions in its own files until VACUUM FULL, outside what Knoten controls",
)
def test_forget_leaves_no_form_of_them_in_the_file_its_backups_or_exports(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir()
    person = "Zyxwquärtz Vömblethorn"
    steps: list[tuple[str, ...]] = [
        ("init", "--name", "Mein Netzwerk", "--me", "Eva Berger"),
        (
            "person",
            "add",
            person,
            "--email",
            "zyx.vomble@qwexample.test",
            "--phone",
            "mobile:+49 170 9876543",
            "--website",
            "https://www.linkedin.com/in/zyxvomble",
            "--tag",
            "Vömblethorn-Runde",
            "--tag",
            "Segler",
            "--note",
            "Segelt gern",
        ),
        (
            "person",
            "add",
            "Anna Schmidt",
            "--tag",
            "Segler",
            "--note",
            "Zyxwquärtz wants intro. Dr. Vömblethorn schreibt von zyx.vomble@qwexample.test, "
            "Tel. 0170 987 6543, https://www.linkedin.com/in/zyxvomble",
        ),
        ("person", "add", "Bernd Braun", "--note", "Kennt Herrn Voemblethorn vom Segeln"),
        ("relate", "Anna Schmidt", person, "--kind", "friend"),
        (
            "log",
            "Zyxwquartz wants intro to Bernd; Zyxwquärtz segelt",
            "--with",
            "Zyxwquärtz",
            "--with",
            "Anna",
        ),
        (
            "project",
            "add",
            "Brücke",
            "--description",
            "Mit Zyxwquärtz Vömblethorn bauen",
            "--with",
            "Anna",
        ),
        (
            "favour",
            "add",
            "--giver",
            "Anna",
            "--receiver",
            "me",
            "--kind",
            "tip",
            "--note",
            "Tipp: Frau Dr. Vömblethorn fragen",
        ),
    ]
    for step in steps:
        done = run_knoten(data, *step)
        assert done.returncode == 0, (step, done.stderr)

    plan = run_knoten(data, "person", "forget", person, "--dry-run", "--json")
    assert plan.returncode == 0, plan.stderr
    shown = json.loads(plan.stdout)
    # The other records that mention them are listed for review, before anything changes.
    mentioned = {(row["kind"], row["name"]) for row in shown["mentions"]}
    assert ("person", "Anna Schmidt") in mentioned
    assert ("person", "Bernd Braun") in mentioned
    assert "Vömblethorn-Runde" in shown["labels_removed"]["tags"]

    forgotten = run_knoten(data, "person", "forget", person, "--yes", "--json")
    assert forgotten.returncode == 0, forgotten.stderr
    assert json.loads(forgotten.stdout)["vacuumed"] is True

    for step in (
        ("backup",),
        ("export", "-o", str(out / "netz.json")),
        ("export", "-o", str(out / "netz.vcf")),
        ("export", "--format", "csv", "-o", str(out / "netz.csv")),
    ):
        done = run_knoten(data, *step)
        assert done.returncode == 0, (step, done.stderr)

    files = [data / "knoten.sqlite3", data / "knoten.sqlite3-wal"]
    files += sorted((data / "backups").iterdir())
    files += sorted(out.iterdir())
    found = {str(path.name): _found(path.read_bytes()) for path in files if path.exists()}
    assert {name: traces for name, traces in found.items() if traces} == {}
    assert len(found) >= 5

    # The full-text index holds no word of them, also in its shadow tables.
    with sqlite3.connect(data / "knoten.sqlite3") as db:
        db.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, search_fts, row)")
        words = {row[0] for row in db.execute("SELECT term FROM temp.words")}
        tags = {row[0] for row in db.execute("SELECT name FROM people_tag")}
    assert not {w for w in words if "zyxw" in w or "vomble" in w or "voemble" in w}
    assert "segler" in words  # the index is still there
    assert tags == {"Segler"}  # the label only they carried is gone; the shared one stays

    # The rest is still there.
    anna = run_knoten(data, "person", "show", "Anna", "--json")
    assert anna.returncode == 0
    assert "[removed] wants intro" in anna.stdout
