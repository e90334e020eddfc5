"""Whom and what the journal's records name: persons, and organisations to set.

A conversation, a promise, an event's attendance or a project's role names persons as
a user typed them (an id, ``me``, a part of the name); an event's organiser and a
project's organisation name an organisation, created when it is new.
"""

from __future__ import annotations

from collections.abc import Iterable

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.reading import line
from knoten.people.lookup import resolve_person
from knoten.people.models import Organisation, Person


def person(actor: Member, text: str | int | Person, field: str) -> Person:
    """:func:`resolve_person`, after refusing text no look-up can use."""
    if isinstance(text, str):
        storable(field, text)
        raw = text.strip()
        if raw.isdigit() and not raw.isdecimal():
            raise InvalidInput(field, text, "is not a name or an id")
    return resolve_person(actor, text, field)


def other_people(actor: Member, texts: Iterable[str | int | Person], field: str) -> list[Person]:
    """Each named person once, in the order given; *me* is implied, never named."""
    people: list[Person] = []
    for text in texts:
        found = person(actor, text, field)
        if found.pk == actor.me.pk:
            raise InvalidInput(field, text, "is you; name the other people here")
        if all(found.pk != known.pk for known in people):
            people.append(found)
    return people


def organisation_to_set(
    actor: Member, value: str | int | Organisation, field: str
) -> str | Organisation | None:
    """What names an organisation to set (resolved in the transaction), or None to clear."""
    if isinstance(value, Organisation):
        if value.network_id != actor.network_id:
            raise NotFound(field, value.pk)
        return value
    storable(field, value)
    if value == "":
        return None
    text = str(value)
    if not text.strip():
        raise InvalidInput(field, value, "is empty; give the organisation's name")
    line(text, field, 300)
    return text
