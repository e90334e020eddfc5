"""The German catalogue is complete, compiled and current.

Every string the pages mark for translation has a German translation that is not
fuzzy; the compiled ``.mo`` file that ships (so a machine without GNU gettext runs the
app in German) says the same as the ``.po`` file; and extracting the strings afresh
finds none that the catalogue lacks.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "knoten"
CATALOGUE = SOURCE / "locale" / "de" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")


def _entries() -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_every_string_is_translated() -> None:
    untranslated = [entry.msgid for entry in _entries() if not entry.translated() or entry.fuzzy]
    assert untranslated == []


def test_placeholders_survive_translation() -> None:
    import re

    def names(text: str) -> set[str]:
        return set(re.findall(r"%\((\w+)\)[sd]", text))

    wrong = []
    for entry in _entries():
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if names(text) != names(entry.msgid) | names(entry.msgid_plural or ""):
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_the_compiled_catalogue_matches() -> None:
    with COMPILED.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in _entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 5) == entry.msgstr_plural[1]
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_no_string_is_missing_from_the_catalogue(tmp_path: Path) -> None:
    copy = tmp_path / "knoten"
    shutil.copytree(
        SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "migrations", "*.mo")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "de",
            "--no-wrap",
            "--settings",
            "knoten.settings",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(SOURCE.parent),
            "KNOTEN_DATA_DIR": str(tmp_path / "data"),
        },
    )
    fresh = polib.pofile(str(copy / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    wanted = {entry.msgid for entry in fresh if not entry.obsolete}
    have = {entry.msgid for entry in _entries()}
    assert sorted(wanted - have) == [], "run `make messages` and translate the new strings"
