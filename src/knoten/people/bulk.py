"""Changing many persons at once, from a list's selection: into a circle, a tag on them,
archived (or back). Each takes the acting member first and the persons' ids; an id not
of the member's network is refused before anything changes."""

from __future__ import annotations

from collections.abc import Sequence

from knoten.core import changes
from knoten.core.clock import now
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.core.reading import clean
from knoten.people.labels import ensure_circles, ensure_named
from knoten.people.lookup import resolve_person
from knoten.people.models import Circle, Person, Tag

MOST = 500  # persons one bulk action changes: a few pages of a list


def chosen_people(actor: Member, person_ids: Sequence[int | str]) -> list[Person]:
    """The persons of ``actor``'s network with these ids (or names), in the order given;
    refused when none is given or one is not found there."""
    if not person_ids:
        raise InvalidInput("people", "", "none chosen; tick the persons first")
    if len(person_ids) > MOST:
        raise InvalidInput("people", str(len(person_ids)), f"are more than {MOST} at once")
    ids: list[int] = []
    for raw in person_ids:
        text = str(raw).strip()
        # An id as a list's tick box sends it; a name (the CLI, the API) is looked up.
        pk = int(text) if text.isdecimal() and len(text) <= 18 else None
        if pk is None:
            pk = resolve_person(actor, text, "people").pk
        if pk not in ids:
            ids.append(pk)
    found = Person.objects.filter(network_id=actor.network_id).in_bulk(ids)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise NotFound("person", missing[0])
    return [found[pk] for pk in ids]


def _name(field: str, text: str | None) -> str:
    name = clean(text or "")
    if not name:
        raise InvalidInput(field, text or "", f"is empty; give a {field}'s name")
    return name


def add_to_circle(actor: Member, person_ids: Sequence[int | str], circle: str | None) -> int:
    """Put the chosen persons into ``circle`` (a new one when no circle has that name);
    how many were not in it yet."""
    name = _name("circle", circle)
    people = chosen_people(actor, person_ids)
    with changes.atomic():
        (found,) = ensure_circles(actor, [name])
        return _add_people(found, people)


def tag_people(actor: Member, person_ids: Sequence[int | str], tag: str | None) -> int:
    """Tag the chosen persons with ``tag`` (made when new); how many had it not yet."""
    name = _name("tag", tag)
    people = chosen_people(actor, person_ids)
    with changes.atomic():
        (found,) = ensure_named(actor, Tag, [name])
        return _add_people(found, people)


def _add_people(label: Circle | Tag, people: Sequence[Person]) -> int:
    """Add ``people`` to a circle's or tag's members; how many were not among them yet."""
    already = set(label.people.filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    new = [person.pk for person in people if person.pk not in already]
    if new:
        label.people.add(*new)
    return len(new)


def archive_people(
    actor: Member, person_ids: Sequence[int | str], archived: bool = True
) -> list[int]:
    """Archive the chosen persons (``archived=False``: bring them back); the ids of those
    that changed. A member's own person (*me*) stays, and is refused."""
    people = chosen_people(actor, person_ids)
    if archived:
        selves = set(
            Member.objects.filter(person_id__in=[p.pk for p in people]).values_list(
                "person_id", flat=True
            )
        )
        if selves:
            raise InvalidInput(
                "people", str(min(selves)), "is a member's own person (me); it stays"
            )
    changed = [person.pk for person in people if person.archived != archived]
    if not changed:
        return []
    with changes.atomic():
        Person.objects.filter(pk__in=changed).update(archived=archived, updated_at=now())
        changes.announce(actor.network_id, "person", changed)
    return changed
