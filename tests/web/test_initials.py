"""The letters of an avatar without a photo: one rule for every list and page."""

from __future__ import annotations

import pytest

from knoten.web.templatetags.face import initials


@pytest.mark.parametrize(
    ("row", "letters"),
    [
        ({"given_name": "Jürgen", "family_name": "Müller"}, "JM"),
        ({"name": "Prof. Dr. Jürgen Müller"}, "JM"),  # a search hit has only its name
        ({"name": "Dr. Anna von der Heide"}, "AH"),
        ({"full_name": "Cher"}, "C"),
        ({"nickname": "Jo"}, "JO"),
        ({"name": ""}, "?"),
    ],
)
def test_initials_leave_out_titles_and_particles(row: dict[str, str], letters: str) -> None:
    assert initials(row) == letters
