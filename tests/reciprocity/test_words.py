"""Favour kinds and outcomes take English, German and synonyms from one vocabulary."""

from __future__ import annotations

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.words import clashes
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.services import parse_kind, parse_outcome


@pytest.mark.parametrize("vocabulary", [v.FAVOUR_KINDS, v.OUTCOMES])
def test_no_word_names_two_things(vocabulary: tuple[v.Word, ...]) -> None:
    assert clashes(vocabulary) == []


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("offen", "open"),
        ("pending", "open"),
        ("gewonnen", "won"),
        ("order won", "won"),
        ("Kontakt", "contact_made"),
        ("getroffen", "meeting_held"),
        ("nichts", "nothing"),
        ("verloren", "nothing"),
        ("meeting_held", "meeting_held"),
    ],
)
def test_outcomes(typed: str, code: str) -> None:
    assert parse_outcome(typed) == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Auftrag", "lead"),
        ("Know-how", "know_how"),
        ("Ratschlag", "know_how"),
        ("Gefallen", "help"),
        ("Unterstützung", "help"),
        ("Rückmeldung", "feedback"),
        ("intro", "introduction"),
    ],
)
def test_favour_kinds(typed: str, code: str) -> None:
    assert parse_kind(typed) == code


def test_an_unknown_outcome_is_refused() -> None:
    with pytest.raises(InvalidInput, match="is not one of: open"):
        parse_outcome("vielleicht")
