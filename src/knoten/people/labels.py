"""Circles, tags and skills: the labels a person carries.

Circles are seeded from the article (family, colleagues, clubs …) and named in English or
German; a name the network does not know becomes a label of the user's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from knoten.core import changes
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.folding import fold
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.reading import clean
from knoten.core.words import word_key
from knoten.people import vocabulary as v

# The contact point operations live in contacts; callers may take them from here too.
from knoten.people.contacts import add_contact as add_contact
from knoten.people.contacts import delete_contact_point as delete_contact_point
from knoten.people.contacts import edit_contact_point as edit_contact_point
from knoten.people.contacts import list_contact_points as list_contact_points
from knoten.people.lookup import (
    fits,
)
from knoten.people.models import (
    Circle,
    Person,
    Skill,
    Tag,
)

_SEEDED_CIRCLE_WORDS = {
    word_key(word): circle.code
    for circle in v.SEEDED_CIRCLES
    for word in (circle.code, circle.en, circle.de)
}


NAMES_LISTED = 500  # the most circle or tag names a filter or a form offers


def circle_names(actor: Member) -> list[str]:
    """The names of ``actor``'s circles, by name: what a filter or a form offers."""
    return _names_of(actor, Circle)


def tag_names(actor: Member) -> list[str]:
    """The names of ``actor``'s tags, by name."""
    return _names_of(actor, Tag)


def _names_of(actor: Member, model: type[Circle] | type[Tag]) -> list[str]:
    rows = model.objects.filter(network_id=actor.network_id).order_by("name", "pk")
    return list(rows.values_list("name", flat=True)[:NAMES_LISTED])


def wanted_names(texts: Iterable[str]) -> list[str]:
    """The distinct non-empty names of ``texts`` (folded comparison), in order."""
    seen: set[str] = set()
    names = []
    for text in texts:
        name = clean(text)
        if name and fold(name) not in seen:
            seen.add(fold(name))
            names.append(name)
    return names


def _match_circle(circles: Sequence[Circle], text: str) -> Circle | None:
    """The circle ``text`` names: a seeded one by its English or German name, else by name."""
    code = _SEEDED_CIRCLE_WORDS.get(word_key(text))
    if code:
        for circle in circles:
            if circle.code == code:
                return circle
    folded = fold(clean(text))
    for circle in circles:
        if circle.folded_name == folded:
            return circle
    return None


def find_circle(actor: Member, text: str) -> Circle:
    """An existing circle of ``actor``'s network, by English or German name."""
    storable("circle", text)
    if not clean(text):
        raise InvalidInput("circle", text, "is empty; give a circle's name")
    found = _match_circle(list(Circle.objects.filter(network_id=actor.network_id)), text)
    if found is None:
        raise NotFound("circle", text)
    return found


def circles_named(
    actor: Member, names: Iterable[str], field_name: str = "circles"
) -> dict[str, Circle]:
    """The circle each of ``names`` names, keyed by the name as given; empty names left out.

    The one reading of a circle's name for every path that puts persons into circles (a
    person added or edited, an import's groups): a seeded circle by its English or German
    name (case, umlauts, spaces and hyphens aside), else the circle of that (folded) name.
    A name no circle has becomes a new circle, a seeded one under its English name. A name
    too long for a circle (``field_name`` in the error) changes nothing.
    """
    existing = list(Circle.objects.filter(network_id=actor.network_id))
    found: dict[str, Circle] = {}
    made: list[Circle] = []
    for name in names:
        if name in found or not clean(name):
            continue
        circle = _match_circle(existing, name)
        if circle is None:
            code = _SEEDED_CIRCLE_WORDS.get(word_key(name), "")
            seeded = next((c for c in v.SEEDED_CIRCLES if c.code == code), None)
            circle = Circle(
                network_id=actor.network_id, code=code, name=seeded.en if seeded else clean(name)
            )
            fits(circle, {"name": field_name})
            existing.append(circle)
            made.append(circle)
        found[name] = circle
    for circle in made:
        circle.save()
    return found


def ensure_circles(actor: Member, names: Sequence[str]) -> list[Circle]:
    """The circles named, an unknown name becoming a new circle of the user's own."""
    result: list[Circle] = []
    for circle in circles_named(actor, names).values():
        if circle not in result:
            result.append(circle)
    return result


def ensure_named(actor: Member, model: type[Tag] | type[Skill], names: Sequence[str]) -> list[Any]:
    """Tags or skills by name (folded comparison), created on demand."""
    folded = {fold(name): name for name in names}
    found = {
        row.folded_name: row
        for row in model.objects.filter(network_id=actor.network_id, folded_name__in=folded)
    }
    result = []
    for key, name in folded.items():
        row = found.get(key)
        if row is None:
            row = model(network_id=actor.network_id, name=name)
            fits(row, {"name": f"{model.__name__.lower()}s"})
            row.save()
        result.append(row)
    return result


def _new_name(new: str) -> str:
    storable("new", new)
    cleaned = clean(new)
    if not cleaned:
        raise InvalidInput("new", new, "is empty; give the new name")
    return cleaned


def _people_with(model: type[Circle] | type[Tag] | type[Skill], row_id: int) -> set[int]:
    through = {
        Circle: Person.circles.through,
        Tag: Person.tags.through,
        Skill: Person.skills.through,
    }[model]
    column = f"{model.__name__.lower()}_id"
    rows = through._default_manager.filter(**{column: row_id})
    return set(rows.values_list("person_id", flat=True))


def rename_circle(actor: Member, old: str, new: str) -> Circle:
    """Rename a circle; a name another circle has (in English or German) is refused."""
    circle = find_circle(actor, old)
    cleaned = _new_name(new)
    others = list(Circle.objects.filter(network_id=actor.network_id).exclude(pk=circle.pk))
    clash = _match_circle(others, cleaned)
    if clash is not None:
        raise InvalidInput("new", new, f"is the name of the circle {clash.name!r}")
    with changes.atomic():
        circle.name = cleaned
        # A seeded circle stays seeded only under one of its own names.
        circle.code = _SEEDED_CIRCLE_WORDS.get(word_key(cleaned), "")
        fits(circle, {"name": "new"})
        circle.save()
    return circle


def delete_circle(actor: Member, name: str) -> int:
    """Remove a circle from everyone in it; how many persons were in it."""
    circle = find_circle(actor, name)
    with changes.atomic():
        people = _people_with(Circle, circle.pk)
        circle.delete()
        # The cascade through the persons' circles sends no signal of its own.
        changes.announce(actor.network_id, "person", people)
    return len(people)


def _find_named(actor: Member, model: type[Tag] | type[Skill], field_name: str, name: str) -> Any:
    storable(field_name, name)
    cleaned = clean(name)
    if not cleaned:
        raise InvalidInput(field_name, name, f"is empty; give a {field_name}'s name")
    found = model.objects.filter(network_id=actor.network_id, folded_name=fold(cleaned)).first()
    if found is None:
        raise NotFound(field_name, name)
    return found


def _rename_named(
    actor: Member, model: type[Tag] | type[Skill], field_name: str, old: str, new: str
) -> Any:
    row = _find_named(actor, model, field_name, old)
    cleaned = _new_name(new)
    clash = (
        model.objects.filter(network_id=actor.network_id, folded_name=fold(cleaned))
        .exclude(pk=row.pk)
        .first()
    )
    if clash is not None:
        raise InvalidInput("new", new, f"is the name of the {field_name} {clash.name!r}")
    with changes.atomic():
        row.name = cleaned
        fits(row, {"name": "new"})
        row.save()
    return row


def _delete_named(actor: Member, model: type[Tag] | type[Skill], field_name: str, name: str) -> int:
    row = _find_named(actor, model, field_name, name)
    with changes.atomic():
        people = _people_with(model, row.pk)
        row.delete()
        changes.announce(actor.network_id, "person", people)
    return len(people)


def rename_tag(actor: Member, old: str, new: str) -> Tag:
    """Rename a tag; a name another tag has is refused."""
    tag: Tag = _rename_named(actor, Tag, "tag", old, new)
    return tag


def delete_tag(actor: Member, name: str) -> int:
    """Remove a tag from everyone who has it; how many persons had it."""
    return _delete_named(actor, Tag, "tag", name)


def rename_skill(actor: Member, old: str, new: str) -> Skill:
    """Rename a skill; a name another skill has is refused."""
    skill: Skill = _rename_named(actor, Skill, "skill", old, new)
    return skill


def delete_skill(actor: Member, name: str) -> int:
    """Remove a skill from everyone who has it; how many persons had it."""
    return _delete_named(actor, Skill, "skill", name)
