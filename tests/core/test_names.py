from __future__ import annotations

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.names import NameParts, parse_name


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        pytest.param("Anna Schmidt", NameParts("Anna", "Schmidt"), id="plain"),
        pytest.param(
            "Prof. Dr. Hans-Peter von Müller",
            NameParts("Hans-Peter", "Müller", "von", "Prof. Dr."),
            id="titles-and-particle",
        ),
        pytest.param(
            "Ursula von der Leyen", NameParts("Ursula", "Leyen", "von der"), id="two-particles"
        ),
        pytest.param("Schmidt, Anna", NameParts("Anna", "Schmidt"), id="family-first"),
        pytest.param(
            'Johann "Hans" Weber', NameParts("Johann", "Weber", nickname="Hans"), id="nickname"
        ),
        pytest.param("Anna Maria Schmidt", NameParts("Anna Maria", "Schmidt"), id="two-given"),
        pytest.param("Dr. Özdemir", NameParts("", "Özdemir", academic_title="Dr."), id="title"),
        pytest.param("Madonna", NameParts("", "Madonna"), id="one-word"),
    ],
)
def test_names_are_split_into_parts(typed: str, parts: NameParts) -> None:
    assert parse_name(typed) == parts


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(InvalidInput, match="name: '  ' is empty"):
        parse_name("  ")


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        pytest.param(
            "Johann (Hansi) Meyer", NameParts("Johann", "Meyer", nickname="Hansi"), id="paren"
        ),
        pytest.param(
            "Meyer, Johann (Hansi)", NameParts("Johann", "Meyer", nickname="Hansi"), id="last"
        ),
        pytest.param(
            "Jean (Jo-Jo) Dupont", NameParts("Jean", "Dupont", nickname="Jo-Jo"), id="hyphen"
        ),
        pytest.param("alert(1)", NameParts("", "alert(1)"), id="script"),
        pytest.param("Anna (42) Schmidt", NameParts("Anna (42)", "Schmidt"), id="digits"),
        pytest.param("Anna (:-)) Schmidt", NameParts("Anna (:-))", "Schmidt"), id="symbols"),
        pytest.param("Seán O'Brien", NameParts("Seán", "O'Brien"), id="apostrophe"),
        pytest.param(
            "Anna (1) Schmidt (Ann)", NameParts("Anna (1)", "Schmidt", nickname="Ann"), id="second"
        ),
    ],
)
def test_parentheses_or_quotes_hold_a_nickname_only_when_it_is_a_name(
    typed: str, parts: NameParts
) -> None:
    assert parse_name(typed) == parts
