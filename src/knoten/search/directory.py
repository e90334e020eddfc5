"""The directory narrowed by a search: the persons a query finds, in its order,
within the filters of the people list."""

from __future__ import annotations

from knoten.core.limits import check_window
from knoten.core.models import Member

# The contact point operations live in contacts; callers may take them from here too.
from knoten.people.contacts import add_contact as add_contact
from knoten.people.contacts import delete_contact_point as delete_contact_point
from knoten.people.contacts import edit_contact_point as edit_contact_point
from knoten.people.contacts import list_contact_points as list_contact_points
from knoten.people.lookup import OrganisationRef
from knoten.people.models import Person
from knoten.people.person_list import attach_row_facts, filtered_people, list_people
from knoten.search.query import MAX_LIMIT, search


def find_people(
    actor: Member,
    *,
    query: str | None = None,
    circle: str | None = None,
    org: OrganisationRef | None = None,
    tag: str | None = None,
    include_archived: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Person]:
    """The persons the people list shows: without ``query`` all of them by name
    (:func:`knoten.people.person_list.list_people`); with it, those the search finds, best
    match first, among the persons the filters keep, each with its row's facts.

    The search is read page by page until the window ``offset``/``limit`` is full, each
    page narrowed to the filtered persons in one query.
    """
    if query is None:
        return list_people(
            actor,
            circle=circle,
            org=org,
            tag=tag,
            include_archived=include_archived,
            limit=limit,
            offset=offset,
        )
    check_window(limit, offset)
    people = filtered_people(
        actor, circle=circle, org=org, tag=tag, include_archived=include_archived
    )
    wanted = None if limit is None else offset + limit
    found: list[int] = []
    start = 0
    while wanted is None or len(found) < wanted:
        hits = search(actor, query, limit=MAX_LIMIT, offset=start, kinds=["person"])
        ids = [hit.person_id for hit in hits if hit.person_id is not None]
        kept = set(people.filter(pk__in=ids).values_list("pk", flat=True))
        found.extend(pk for pk in ids if pk in kept)
        if len(hits) < MAX_LIMIT:
            break
        start += MAX_LIMIT
    window = found[offset : None if wanted is None else wanted]
    rows = {person.pk: person for person in Person.objects.filter(pk__in=window)}
    page = [rows[pk] for pk in window if pk in rows]
    attach_row_facts(page)
    return page
