"""The checks every service makes before the database sees a value."""

from __future__ import annotations

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.limits import MAX_ID, MAX_OFFSET, check_window, is_id, storable


@pytest.mark.parametrize("value", ["a\x00b", ["ok", "a\x00b"], ("\ud800",)])
def test_storable_refuses_what_no_database_keeps(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        storable("note", value)
    assert caught.value.field == "note"


@pytest.mark.parametrize("value", ["Müller", ["a", "b"], None, 7, ""])
def test_storable_lets_the_rest_pass(value: object) -> None:
    storable("note", value)


@pytest.mark.parametrize(
    ("limit", "offset", "words"),
    [
        (-1, 0, "limit: -1 is negative"),
        (10, -1, "offset: -1 is negative"),
        (10, MAX_OFFSET + 1, "is beyond the end of any list"),
        (True, 0, "limit"),
    ],
)
def test_check_window_refuses_bad_pages(limit: int, offset: int, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        check_window(limit, offset)


def test_check_window_takes_a_real_page() -> None:
    check_window(None, 0)
    check_window(50, MAX_OFFSET)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, True),
        (MAX_ID, True),
        (MAX_ID + 1, False),
        (0, False),
        (True, False),
        ("12", True),
        ("²", False),
        ("9" * 20, False),
        ("-3", False),
    ],
)
def test_is_id(value: object, expected: bool) -> None:
    assert is_id(value) is expected
