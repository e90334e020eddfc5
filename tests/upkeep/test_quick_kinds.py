"""A quick note reads a conversation's kind with the journal's words for it."""

from __future__ import annotations

import pytest

from knoten.core import clock
from knoten.core.models import Member
from knoten.people.persons import add_person
from knoten.upkeep.quick import read_note


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Skype mit Anna Adler", "call"),  # the journal's synonym, unknown to quick before
        ("Besprechung mit Anna Adler", "meeting"),
        ("Kurznachricht an Anna Adler", "message"),
        ("E-Mail an Anna Adler", "email"),
        ("Angerufen: Anna Adler", "call"),  # a verb quick keeps for itself
        ("Lunch with Anna Adler", "meeting"),
    ],
)
def test_the_kind_comes_from_the_journal_vocabulary(member: Member, text: str, kind: str) -> None:
    with clock.pinned(clock.today()):
        add_person(member, "Anna Adler")
        assert read_note(member, text).kind == kind
