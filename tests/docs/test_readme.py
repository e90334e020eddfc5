"""The README as tests: every command it shows exists, and its examples run as written.

Each command quoted anywhere in README.md names a real command with real options (a
synopsis such as ``knoten draft PERSON [--occasion thanks|birthday|…]`` included). The
fenced ``sh`` examples then run in order, as a new user would copy them, in a fresh data
folder on the embedded SQLite default: each must succeed, and what its comment or the
prose beside it promises is checked in its output. The commands quoted inline run after
them, in the same network. The few that cannot run here are listed below with the reason,
and the list is checked against the README too, so it cannot outlive what it excuses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command

from knoten.cli import main as cli_main
from tests.docs import readme_examples
from tests.docs.readme_examples import Example, is_synopsis, options_and_path

KNOTEN = Path(sys.executable).with_name("knoten")
TODAY = "2026-12-08"  # a Tuesday: "bis Freitag" is the 11th

# Shown in the README, not run here; each key is the start of the example's text.
NOT_RUN = {
    "make run": "starts the server in the foreground; `knoten serve` is tested in tests/web",
    "make test": "is what runs this test",
    "KNOTEN_ALLOWED_HOSTS=crm.example knoten serve": "starts a server",
    "knoten serve": "starts a server; tests/web covers it",
    "knoten cost add": "a mention of the command; the fenced example above runs it",
}

# What the README promises of an example, looked for in its output.
PROMISES = {
    "knoten init": ["Mein Netzwerk", "Eva Berger"],
    "knoten search mueller": ["Jürgen Müller"],
    "knoten person show Anna": ["Anna Schmidt", "Lunch"],
    "knoten promise list": ["Kontakt zu Herrn Weber schicken", "2026-12-11"],
    'KNOTEN_DATA_DIR=/tmp/knoten-demo knoten search "Steuerberater Köln"': ["Steuerberater"],
    "knoten import Kontakte.vcf --dry-run": ["3 new", "1 to review", "Anna Schmitt"],
    "knoten dedupe": ["Anna Schmitt"],
    "knoten balance": ["Anna Schmidt"],
    "knoten whoknows Photovoltaik": ["Sabine Koch"],
    'knoten path "Jürgen Müller"': ["Anna Schmidt"],
    "knoten today": ["Anna Schmidt"],
}

# Words added to a command that asks only at a terminal, which a test has not.
AT_A_TERMINAL = {"knoten note": ["--yes"], "knoten person forget": ["--yes"]}

# Input for the commands that ask.
ANSWERS = {
    "knoten password": "ein langes Passwort\nein langes Passwort\n",
    "knoten merge": "y\n",
    "knoten note": "y\n",
}


def _mounted() -> typer.Typer:
    if not cli_main._mounted:
        cli_main._mount()
        cli_main._mounted = True
    return cli_main.app


def _excused(example: Example) -> str | None:
    for start, reason in NOT_RUN.items():
        if example.text == start or example.text.startswith(start + " "):
            return reason
    return None


def _lookup(table: dict[str, Any], example: Example) -> Any:
    for start, value in table.items():
        if example.text == start or example.text.startswith(start + " "):
            return value
    return None


def _problems(example: Example, root: Any) -> list[str]:
    """What is wrong with one command as the README writes it (nothing, if all is real)."""
    options, plain = options_and_path(example.words)
    command = root
    for word in plain:
        subcommands = getattr(command, "commands", None)
        if not subcommands:
            break
        alternatives = word.split("|")
        missing = [name for name in alternatives if name not in subcommands]
        if missing:
            return [f"{example}: no command {' '.join(missing)!r}"]
        command = subcommands[alternatives[0]]
    if getattr(command, "commands", None) and not command.invoke_without_command:
        return [f"{example}: {command.name!r} needs a subcommand"]
    known = {name for param in command.params for name in (*param.opts, *param.secondary_opts)}
    return [f"{example}: no option {option}" for option in options if option not in known]


def _all_examples() -> list[Example]:
    return [e for e in readme_examples.fenced() + readme_examples.inline() if e.program == "knoten"]


def test_the_readme_is_read_as_examples() -> None:
    fenced = readme_examples.fenced()
    inline = readme_examples.inline()
    assert len(fenced) >= 30 and len(inline) >= 40
    assert any(e.words[:2] == ("person", "add") for e in fenced)
    assert any(is_synopsis(e) for e in inline) and not all(is_synopsis(e) for e in inline)


def test_every_command_the_readme_names_exists_with_its_options() -> None:
    root = get_command(_mounted())
    problems = [problem for example in _all_examples() for problem in _problems(example, root)]
    assert problems == []


def test_a_made_up_command_or_option_is_caught() -> None:
    root = get_command(_mounted())
    text = (
        "`knoten person adopt Anna` and `knoten due --overdue-only` and `knoten digest show|mail`"
    )
    problems = [p for e in readme_examples.inline(text) for p in _problems(e, root)]
    assert len(problems) == 3, problems


def test_every_excuse_and_promise_matches_an_example() -> None:
    texts = [e.text for e in readme_examples.fenced() + readme_examples.inline()]
    for table in (NOT_RUN, PROMISES, ANSWERS, AT_A_TERMINAL):
        for start in table:
            assert any(t == start or t.startswith(start + " ") for t in texts), start


def _write_files(folder: Path) -> None:
    """The files the README's import examples name, as a phone, LinkedIn and a list give them."""
    (folder / "Kontakte.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Bauer;Bernd;;;\r\nFN:Bernd Bauer\r\n"
        "ORG:BVMW\r\nEMAIL;TYPE=WORK:bernd.bauer@bvmw.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hofmann;Hans;;;\r\nFN:Hans Hofmann\r\n"
        "ORG:Hofmann Consulting\r\nTEL;TYPE=CELL:+49 171 2345678\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weber;Klaus;;Dr.;\r\nFN:Dr. Klaus Weber\r\n"
        "ORG:Weber & Partner Steuerberatung\r\nTITLE:Steuerberater\r\n"
        "EMAIL:k.weber@weber.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Schmitt;Anna;;;\r\nFN:Anna Schmitt\r\n"
        "ORG:Müller GmbH\r\nTITLE:CFO\r\nEMAIL:anna@mueller-gmbh.example\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    (folder / "Connections.csv").write_text(
        "Notes:\n"
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jürgen,Müller,https://www.linkedin.com/in/juergen-mueller,j.mueller@iao.example,"
        "Fraunhofer IAO,Institutsleiter,12 May 2019\n"
        "Sabine,Koch,https://www.linkedin.com/in/sabine-koch,,Solarpark Emden GmbH,"
        "Projektleiterin Photovoltaik,03 Feb 2023\n",
        encoding="utf-8",
    )
    (folder / "liste.csv").write_text(
        "Vorname,Nachname,E-Mail\nPetra,Lange,p.lange@example.de\n", encoding="utf-8"
    )
    (folder / "Posteingang.mbox").write_text(
        "From k.weber@weber.example Mon Nov 30 09:12:00 2026\n"
        "From: Dr. Klaus Weber <k.weber@weber.example>\n"
        "To: Eva Berger <eva@berger.example>\n"
        "Subject: Ihre Anfrage\n"
        "Date: Mon, 30 Nov 2026 09:12:00 +0100\n"
        "Message-ID: <1@weber.example>\n\n"
        "Guten Tag Frau Berger,\n\n",
        encoding="utf-8",
    )
    (folder / "termine.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:jourfixe-1@example\r\nDTSTAMP:20261201T080000Z\r\n"
        "DTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nSUMMARY:Jour fixe\r\n"
        "ATTENDEE;CN=Jürgen Müller:mailto:j.mueller@iao.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )


def _run(example: Example, folder: Path, env: dict[str, str], *, promise: bool = True) -> str:
    words = [w.replace("/tmp/knoten-demo", str(folder / "demo")) for w in example.words]
    words += [w for w in _lookup(AT_A_TERMINAL, example) or () if w not in words]
    own = {k: v.replace("/tmp/knoten-demo", str(folder / "demo")) for k, v in example.env.items()}
    result = subprocess.run(
        [str(KNOTEN), *words],
        cwd=folder,
        env={**env, **own},
        input=_lookup(ANSWERS, example) or "",
        capture_output=True,
        text=True,
        timeout=300,
    )
    said = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, f"{example}\nexit {result.returncode}\n{said}"
    for promised in (_lookup(PROMISES, example) if promise else None) or ():
        assert promised in said, f"{example}: {promised!r} not in\n{said}"
    return result.stdout


@pytest.mark.slow
@pytest.mark.skipif(
    bool(os.environ.get("KNOTEN_DATABASE_URL")),
    reason="the README's examples are run on the SQLite default, in the SQLite run",
)
def test_the_readme_examples_run_as_written(tmp_path: Path) -> None:
    _write_files(tmp_path)
    env = {
        **os.environ,
        "KNOTEN_DATA_DIR": str(tmp_path / "data"),
        "KNOTEN_DATABASE_URL": "",
        "KNOTEN_TODAY": TODAY,
        "COLUMNS": "200",
        "NO_COLOR": "1",
    }
    examples = [e for e in _all_examples() if not _excused(e)]
    blocks = readme_examples.fenced()
    fenced = [e for e in examples if e in blocks]
    concrete = [e for e in examples if e not in fenced and not is_synopsis(e)]
    last = [e for e in concrete if e.words[:2] == ("person", "forget")]
    seen: set[tuple[object, ...]] = set()
    for example in fenced + [e for e in concrete if e not in last]:
        key = (example.words, tuple(sorted(example.env.items())))
        if key in seen:
            continue  # the same command again, quoted in the prose
        seen.add(key)
        if example.words[:1] == ("import",) and example.words[1:] == ("export.json",):
            _run_export_into_an_empty_network(example, tmp_path, env)
            continue
        _run(example, tmp_path, env, promise=example in fenced)
    for example in last:
        _run(example, tmp_path, env)
    gone = _knoten(tmp_path, env, "search", "Schmidt", "--json")
    assert "Anna Schmidt" not in gone.stdout


def _knoten(folder: Path, env: dict[str, str], *words: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KNOTEN), *words], cwd=folder, env=env, capture_output=True, text=True, check=True
    )


def _run_export_into_an_empty_network(example: Example, folder: Path, env: dict[str, str]) -> None:
    """``knoten import export.json`` "imports into an empty network": the JSON export of
    the README's network goes into a fresh data folder and gives the same persons."""
    subprocess.run(
        [str(KNOTEN), "export", "--format", "json", "-o", "export.json"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    empty = {**env, "KNOTEN_DATA_DIR": str(folder / "empty")}
    _run(example, folder, empty)
    listed = _knoten(folder, empty, "person", "list", "--json")
    assert "Jürgen Müller" in listed.stdout and "Sabine Koch" in listed.stdout
