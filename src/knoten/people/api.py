"""The API's persons, organisations, affiliations and relationships.

Each operation is a thin call of :mod:`knoten.people.services` as the request's member.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.core.errors import InvalidInput
from knoten.people import services as s

router = Router()

MAX_PAGE = 500


# --- schemas ---------------------------------------------------------------------------


class PersonFieldsIn(Schema):
    """The optional facts about a person (see ``PersonFields``); null means "not given"."""

    org: str | None = None
    title: str | None = None
    function: str | None = None
    emails: list[str] | None = None
    phones: list[str] | None = None
    websites: list[str] | None = None
    messengers: list[str] | None = None
    address: str | None = None
    circles: list[str] | None = None
    tags: list[str] | None = None
    skills: list[str] | None = None
    birthday: str | None = None
    met_on: str | None = None
    met_at: str | int | None = None
    met_org: str | None = None
    met_via: str | int | None = None
    how_met: str | None = None
    form_of_address: str | None = None
    salutation: str | None = None
    note: str | None = None
    importance: str | int | None = None
    nickname: str | None = None
    academic_title: str | None = None

    def fields(self) -> s.PersonFields:
        data = self.model_dump(exclude={"name"})
        for key in ("met_at", "met_via"):
            if isinstance(data[key], int):
                data[key] = str(data[key])
        return s.PersonFields(**data)


class PersonIn(PersonFieldsIn):
    name: str


class PersonPatch(PersonFieldsIn):
    name: str | None = None


class ArchiveIn(Schema):
    archived: bool = True


class PersonRow(Schema):
    id: int
    name: str
    given_name: str
    family_name: str
    name_particle: str
    academic_title: str
    nickname: str
    job: dict[str, Any] | None
    circles: list[Any]
    email: str | None
    phone: str | None
    importance: int | None
    archived: bool
    me: bool


class PeopleFilter(Schema):
    circle: str | None = None
    org: str | None = None
    tag: str | None = None
    include_archived: bool = False
    limit: int = 50
    offset: int = 0


class OrganisationIn(Schema):
    name: str
    kind: str | None = None
    industry: str | None = None
    website: str | None = None
    note: str | None = None


class OrganisationRow(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    industry: str
    website: str
    current_people: int | None


class AffiliationIn(Schema):
    person: str | int
    organisation: str | int
    kind: str
    title: str | None = None
    start: str | None = None
    end: str | None = None
    note: str | None = None


class RelationshipIn(Schema):
    a: str | int
    b: str | int
    kind: str
    trust: str | int | None = None
    since: str | None = None
    note: str | None = None


class ImportantDateIn(Schema):
    kind: str
    date: str
    label: str | None = None
    note: str | None = None


class Removed(Schema):
    removed: int


def _page(limit: int) -> int:
    if limit > MAX_PAGE:
        raise InvalidInput("limit", limit, f"is more than {MAX_PAGE}; page with offset")
    return limit


# --- persons ---------------------------------------------------------------------------


@router.get("/persons", response=list[PersonRow])
def list_persons(request: HttpRequest, filters: Query[PeopleFilter]) -> list[dict[str, Any]]:
    """Persons by family name; filter by circle, organisation (current) or tag."""
    member = actor(request)
    people = s.list_people(
        member,
        circle=filters.circle,
        org=filters.org,
        tag=filters.tag,
        include_archived=filters.include_archived,
        limit=_page(filters.limit),
        offset=filters.offset,
    )
    return [s.person_row(person, member) for person in people]


@router.post("/persons", response={201: dict[str, Any]})
def create_person(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    """A new person; only the name is required."""
    member = actor(request)
    person = s.add_person(member, payload.name, payload.fields())
    return Status(201, s.person_detail(member, person))


@router.get("/persons/{person_id}", response=dict[str, Any])
def read_person(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """A person with contact points, affiliations, relationships, dates and promises."""
    return s.person_detail(actor(request), person_id)


@router.patch("/persons/{person_id}", response=dict[str, Any])
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> dict[str, Any]:
    """Change what is given; a list given replaces the person's list."""
    member = actor(request)
    person = s.edit_person(member, person_id, payload.fields(), name=payload.name)
    return s.person_detail(member, person)


@router.post("/persons/{person_id}/archive", response=PersonRow)
def archive_person(request: HttpRequest, person_id: int, payload: ArchiveIn) -> dict[str, Any]:
    """Hide a person from lists (``archived: false`` brings them back)."""
    member = actor(request)
    return s.person_row(s.archive_person(member, person_id, payload.archived), member)


@router.delete("/persons/{person_id}", response={204: None})
def delete_person(request: HttpRequest, person_id: int) -> Status[None]:
    """Erase a person; their conversations stay."""
    s.delete_person(actor(request), person_id)
    return Status(204, None)


@router.post("/persons/{person_id}/dates", response={201: dict[str, Any]})
def create_important_date(
    request: HttpRequest, person_id: int, payload: ImportantDateIn
) -> Status[dict[str, Any]]:
    """A birthday, anniversary or life event; a second birthday replaces the first."""
    important = s.add_important_date(
        actor(request),
        person_id,
        payload.kind,
        payload.date,
        label=payload.label,
        note=payload.note,
    )
    return Status(201, s.important_date_data(important))


# --- organisations ---------------------------------------------------------------------


@router.get("/organisations", response=list[OrganisationRow])
def list_organisations(
    request: HttpRequest, kind: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Organisations by name, each with how many people are there now."""
    rows = s.list_organisations(actor(request), kind=kind, limit=_page(limit))
    return [s.organisation_row(org) for org in rows]


@router.post("/organisations", response={201: dict[str, Any]})
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[dict[str, Any]]:
    """A new organisation; ``kind`` in English or German."""
    member = actor(request)
    org = s.add_organisation(
        member,
        payload.name,
        kind=payload.kind,
        industry=payload.industry,
        website=payload.website,
        note=payload.note,
    )
    return Status(201, s.organisation_detail(member, org))


@router.get("/organisations/{organisation_id}", response=dict[str, Any])
def read_organisation(request: HttpRequest, organisation_id: int) -> dict[str, Any]:
    """An organisation with its people (current and former), events and projects."""
    return s.organisation_detail(actor(request), organisation_id)


# --- affiliations and relationships ----------------------------------------------------


@router.post("/affiliations", response={201: dict[str, Any]})
def create_affiliation(request: HttpRequest, payload: AffiliationIn) -> Status[dict[str, Any]]:
    """A job, function, education or membership; a new organisation name is created."""
    affiliation = s.add_affiliation(
        actor(request),
        str(payload.person),
        str(payload.organisation),
        payload.kind,
        title=payload.title,
        start=payload.start,
        end=payload.end,
        note=payload.note,
    )
    return Status(201, s.affiliation_as_dict(affiliation, person=True))


@router.post("/relationships", response={201: dict[str, Any]})
def create_relationship(request: HttpRequest, payload: RelationshipIn) -> Status[dict[str, Any]]:
    """Record that ``a`` is ``kind`` of ``b``; the same relationship again is updated."""
    relationship = s.relate(
        actor(request),
        str(payload.a),
        str(payload.b),
        payload.kind,
        trust=payload.trust,
        since=payload.since,
        note=payload.note,
    )
    return Status(201, s.relationship_as_dict(relationship))


@router.delete("/relationships", response=Removed)
def delete_relationship(
    request: HttpRequest, a: str, b: str, kind: str | None = None
) -> dict[str, int]:
    """Remove the relationships between ``a`` and ``b`` (of ``kind``, if given)."""
    return {"removed": s.unrelate(actor(request), a, b, kind)}
