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
from knoten.people.lookup import resolve_organisation, resolve_person
from knoten.people.models import Organisation, Person


def person(actor: Member, person: str | int | Person, field: str = "person") -> Person:
    """:func:`resolve_person`, after refusing text no look-up can use."""
    if isinstance(person, str):
        storable(field, person)
        raw = person.strip()
        if raw.isdigit() and not raw.isdecimal():
            raise InvalidInput(field, person, "is not a name or an id")
    return resolve_person(actor, person, field)


def other_people(
    actor: Member, people: Iterable[str | int | Person], field: str = "person"
) -> list[Person]:
    """Each named person once, in the order given; *me* is implied, never named."""
    found: list[Person] = []
    for text in people:
        one = person(actor, text, field)
        if one.pk == actor.me.pk:
            raise InvalidInput(field, text, "is you; name the other people here")
        if all(one.pk != known.pk for known in found):
            found.append(one)
    return found


def organisation_to_set(
    actor: Member, organisation: str | int | Organisation, field: str = "organisation"
) -> str | Organisation | None:
    """The organisation to set: one found (by id), a name to find or make in the
    transaction, or None to clear it."""
    if isinstance(organisation, Organisation):
        if organisation.network_id != actor.network_id:
            raise NotFound(field, organisation.pk)
        return organisation
    storable(field, organisation)
    if organisation == "":
        return None
    text = str(organisation)
    if not text.strip():
        raise InvalidInput(field, organisation, "is empty; give the organisation's name")
    if text.strip().isdigit():
        # An id names an organisation there is already: found now, never made.
        return resolve_organisation(actor, text, field)
    line(text, field, 300)
    return text
