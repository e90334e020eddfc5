"""The people list: which persons a filter keeps, a page of them, and what a row shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.folding import fold
from knoten.core.limits import check_window, storable
from knoten.core.models import Member
from knoten.core.reading import clean

# The contact point operations live in contacts; callers may take them from here too.
from knoten.people.contacts import add_contact as add_contact
from knoten.people.contacts import delete_contact_point as delete_contact_point
from knoten.people.contacts import edit_contact_point as edit_contact_point
from knoten.people.contacts import list_contact_points as list_contact_points
from knoten.people.labels import find_circle
from knoten.people.lookup import (
    OrganisationRef,
    people_of,
    resolve_organisation,
)
from knoten.people.models import (
    Affiliation,
    ContactPoint,
    Person,
    PersonPhoto,
    Tag,
)
from knoten.people.photos import photo_version

# What a reference to another person needs ({"id", "name"}): loading only these keeps a
# detail with hundreds of related rows from converting every timestamp and note.


def filtered_people(
    actor: Member,
    *,
    circle: str | None = None,
    org: OrganisationRef | None = None,
    tag: str | None = None,
    include_archived: bool = False,
) -> QuerySet[Person]:
    """The persons of ``actor``'s network in a circle, at an organisation (a current
    affiliation there), with a tag; archived ones only with ``include_archived``."""
    people = people_of(actor)
    if not include_archived:
        # "archived IN (false)" rather than "NOT archived": an equality lets SQLite walk the
        # (network, archived, sort_name) index in order instead of sorting every row.
        people = people.filter(archived__in=[False])
    if circle is not None:
        found = find_circle(actor, circle)
        people = people.filter(
            pk__in=Person.circles.through.objects.filter(circle_id=found.pk).values("person_id")
        )
    if org is not None:
        organisation = resolve_organisation(actor, org, "org")
        people = people.filter(
            pk__in=Affiliation.objects.filter(
                organisation_id=organisation.pk, end__isnull=True
            ).values("person_id")
        )
    if tag is not None:
        storable("tag", tag)
        if not clean(tag):
            raise InvalidInput("tag", tag, "is empty; give a tag's name")
        found_tag = Tag.objects.filter(
            network_id=actor.network_id, folded_name=fold(clean(tag))
        ).first()
        if found_tag is None:
            raise NotFound("tag", tag)
        people = people.filter(
            pk__in=Person.tags.through.objects.filter(tag_id=found_tag.pk).values("person_id")
        )
    return people


def list_people(
    actor: Member,
    *,
    circle: str | None = None,
    org: OrganisationRef | None = None,
    tag: str | None = None,
    include_archived: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Person]:
    """The persons of ``actor``'s network (see :func:`filtered_people`) in German
    (DIN 5007) order of family name.

    What :func:`person_row` shows (current job, preferred email and phone, circles) is
    fetched along, in a fixed number of queries per page, whatever its size. (The list
    narrowed by a search is :func:`knoten.search.directory.find_people`.)
    """
    check_window(limit, offset)
    people = filtered_people(
        actor, circle=circle, org=org, tag=tag, include_archived=include_archived
    ).order_by("sort_name", "pk")
    if limit is not None:
        page = list(people[offset : offset + limit])
    else:
        page = list(people[offset:] if offset else people)
    attach_row_facts(page)
    return page


_ROW_FACTS = "row_facts"


_CHUNK = 500  # ids per IN (…) query, far below SQLite's limit on parameters


def attach_row_facts(people: Sequence[Person]) -> None:
    """Fetch what a list row shows besides the name (current job, preferred email and
    phone, circles, whether there is a photo) for all ``people`` in four queries per 500
    persons.

    Plain values, not prefetched model instances: a page of 50 rows then costs a few
    milliseconds instead of building hundreds of objects and related managers.
    """
    facts: dict[int, dict[str, Any]] = {
        person.pk: {"job": None, "email": None, "phone": None, "circles": [], "photo": None}
        for person in people
    }
    ids = list(facts)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        jobs = (
            Affiliation.objects.filter(person_id__in=chunk, kind="job", end__isnull=True)
            .order_by("pk")
            .values_list("person_id", "title", "organisation_id", "organisation__name")
        )
        for person_id, title, organisation_id, organisation_name in jobs:
            if facts[person_id]["job"] is None:
                facts[person_id]["job"] = {
                    "title": title,
                    "organisation": {"id": organisation_id, "name": organisation_name},
                }
        points = ContactPoint.objects.filter(
            person_id__in=chunk, preferred=True, kind__in=("email", "phone")
        ).values_list("person_id", "kind", "value")
        for person_id, kind, value in points:
            facts[person_id][kind] = value
        circles = (
            Person.circles.through.objects.filter(person_id__in=chunk)
            .order_by("circle_id")
            .values_list("person_id", "circle__name")
        )
        for person_id, name in circles:
            facts[person_id]["circles"].append(name)
        photos = PersonPhoto.objects.filter(person_id__in=chunk).values_list(
            "person_id", "updated_at"
        )
        for person_id, updated_at in photos:
            facts[person_id]["photo"] = photo_version(updated_at)
    for person in people:
        # Kept in the instance's own dict: a plain attribute the model does not declare.
        person.__dict__[_ROW_FACTS] = facts[person.pk]


def person_row(person: Person, actor: Member | None = None) -> dict[str, Any]:
    """What a list shows of a person, as JSON-able data (``list_people`` fetched it)."""
    if _ROW_FACTS not in person.__dict__:
        attach_row_facts([person])
    facts = person.__dict__[_ROW_FACTS]
    return {
        "id": person.pk,
        "name": person.full_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "name_particle": person.name_particle,
        "academic_title": person.academic_title,
        "nickname": person.nickname,
        "job": facts["job"],
        "circles": list(facts["circles"]),
        "email": facts["email"],
        "phone": facts["phone"],
        "importance": person.importance,
        "archived": person.archived,
        "me": actor is not None and person.pk == actor.person_id,
        "photo": facts["photo"],  # a number that changes with the photo, or None
    }
