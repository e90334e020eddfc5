"""Folding words for the index, and snippets."""

from __future__ import annotations

import random

import pytest

from knoten.core.folding import fold_words
from knoten.search.text import Matcher, as_prefix, folded, snippet, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jürgen Müller-Lüdenscheidt", ["jurgen", "muller", "ludenscheidt"]),
        ("Juergen Mueller", ["jurgen", "muller"]),
        ("Weiß STRASSE", ["weiss", "strasse"]),
        ("José García, Ærøskøbing", ["jose", "garcia", "aroskobing"]),
        ("Prof. Dr. h.c. Ødegård", ["prof", "dr", "h", "c", "odegard"]),
        ("snake_case und ½", ["snake", "case", "und", "1", "2"]),
        ("  ", []),
    ],
)
def test_words_fold_like_names_are_folded(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_words_agree_with_fold_words_on_any_text() -> None:
    rng = random.Random(5)
    alphabet = (
        "aeouAEOUäöüÄÖÜßẞéèçñøæœłıİ ‐-_.,;:!?'\"\u00a0\u2003\u0301\u0308ﬁ½ªµΣσς日本한国0123456789"
    )
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        expected = [part for word in fold_words(text) for part in word.split("_") if part]
        assert words(text) == expected, repr(text)
        assert folded(text) == " ".join(expected)


def test_the_last_word_and_initials_are_prefixes() -> None:
    assert as_prefix(["j", "muller", "an"]) == [True, False, True]
    matches = Matcher(["j", "muller", "an"])
    assert matches(["jurgen"]) and matches(["muller"]) and matches(["anna"])
    assert not matches(["mullers"]) and not matches(["hans"])
    assert matches.in_text("dr jurgen muller") and matches.in_text("anna")
    assert not matches.in_text("mullers hans") and not matches.in_text("")


def test_a_short_text_is_its_own_snippet() -> None:
    assert snippet("  Leiter   Einkauf ", Matcher(["einkauf"])) == "Leiter Einkauf"


def test_a_long_text_is_cut_at_spaces_around_the_first_match() -> None:
    text = " ".join(["Vorher"] * 30 + ["Übernahmegespräche"] + ["danach"] * 30)
    shown = snippet(text, Matcher(["ubernahme"]))
    assert "Übernahmegespräche" in shown
    assert shown.startswith("…Vorher") and shown.endswith("danach…")
    assert len(shown) <= 92
