from __future__ import annotations

import pytest

from knoten.core.folding import fold, fold_words, sort_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Müller", "Mueller"),
        ("Müller", "Muller"),
        ("Jürgen", "Juergen"),
        ("Straße", "Strasse"),
        ("Björn", "Bjoern"),
        ("Ärztekammer", "Aerztekammer"),
        ("José", "Jose"),
        ("Çelik", "Celik"),
        ("Søren", "Soren"),
        ("Łukasz", "Lukasz"),
        ("GROSSE", "Große"),
    ],
)
def test_umlauts_transliterations_and_accents_fold_together(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_different_names_stay_different() -> None:
    assert fold("Müller") != fold("Miller")
    assert fold("Schmidt") != fold("Schmitt")


def test_fold_words_drops_punctuation() -> None:
    assert fold_words("Dr. Hans-Peter Müller, Köln") == ["dr", "hans", "peter", "muller", "koln"]


def test_sort_key_follows_din_5007_variant_one() -> None:
    names = ["Zander", "Ötztal", "Oberle", "Ofen", "Ahrens", "Äbi", "Strauß", "Strauss", "Straub"]
    ordered = sorted(names, key=sort_key)
    # Ö sorts as O, Ä as A, ß as ss; case and accents do not matter.
    assert ordered == [
        "Äbi",
        "Ahrens",
        "Oberle",
        "Ofen",
        "Ötztal",
        "Straub",
        "Strauß",
        "Strauss",
        "Zander",
    ]
