"""A cadence for many persons at once, from a list's selection."""

from __future__ import annotations

from collections.abc import Sequence

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.people.bulk import chosen_people
from knoten.upkeep.cadences import set_cadence


def set_cadences(actor: Member, person_ids: Sequence[int | str], every: str | None) -> int:
    """Be in touch with each chosen person every ``every`` (words like "3 months" or
    days); how many persons. All or nothing: a bad period changes no one."""
    if every is None or not every.strip():
        raise InvalidInput("every", every or "", "is empty; say how often, e.g. 3 months")
    people = chosen_people(actor, person_ids)
    with changes.atomic():
        for person in people:
            set_cadence(actor, person=person, every=every)
    return len(people)
