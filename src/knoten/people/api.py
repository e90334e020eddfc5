"""The API's persons, contact points, organisations, affiliations, relationships and
important dates.

Each operation is a thin call of :mod:`knoten.people.services` as the request's member.
Every list answers the page envelope of :mod:`knoten.api.paging`. An id of another
network is "not found" (404), exactly like an id that does not exist; so is an id too
large for any row. A text with a NUL character is refused (400): no database keeps one.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.api.kit import (
    LOOKUP,
    NOT_BLANK,
    PARTIAL_DATE,
    Input,
    Reference,
    Rule,
    Text,
    arguments,
    column,
    words,
)
from knoten.api.paging import Page, PageParams, page_from
from knoten.people import (
    affiliations,
    contacts,
    important_dates,
    organisations,
    person_list,
    persons,
    relationships,
)
from knoten.people import vocabulary as v
from knoten.people.lookup import resolve_person
from knoten.people.models import Organisation
from knoten.profiles import organisation as organisation_page
from knoten.profiles import person as person_page
from knoten.upkeep.standings import people_listed

router = Router()

# What :func:`knoten.people.persons.parse_language` reads ("" for the network's).
LANGUAGE = Rule(enum=["", "de", "en", "Deutsch", "German", "English"])
# What :func:`knoten.people.persons.parse_importance` reads besides the tiers 1 to 4.
IMPORTANCE = Rule(enum=["1", "2", "3", "4", *persons.IMPORTANCE_WORDS])
# A relationship's kind: its code, or its word (English, German) from A's side.
RELATIONSHIP_KIND = Rule(
    enum=list(
        dict.fromkeys(
            form for k in v.RELATIONSHIP_KINDS for form in (k.code, k.forward, k.forward_de)
        )
    )
)
# What :func:`knoten.people.persons.parse_gender` reads ("" for not known).
GENDER = Rule(enum=["", *persons.GENDER_WORDS])
# What :func:`knoten.people.persons.parse_form_of_address` reads ("" for not known).
FORM_OF_ADDRESS = Rule(enum=["", "du", "Sie", "informal", "formal"])


# --- schemas ---------------------------------------------------------------------------


class PersonFieldsIn(Input):
    """The optional facts about a person (see ``PersonFields``); null means "not given"."""

    org: Text | None = None
    title: Text | None = None
    function: Text | None = None
    emails: list[Text] | None = None
    phones: list[Text] | None = None
    websites: list[Text] | None = None
    messengers: list[Text] | None = None
    address: Text | None = None
    circles: list[Text] | None = None
    tags: list[Text] | None = None
    skills: list[Text] | None = None
    birthday: Annotated[Text, PARTIAL_DATE] | None = None
    met_on: Annotated[Text, PARTIAL_DATE] | None = None
    met_at: Text | int | None = None
    met_org: Text | None = None
    met_via: Annotated[Text, LOOKUP] | int | None = None
    how_met: Text | None = None
    form_of_address: Annotated[Text, FORM_OF_ADDRESS] | None = None
    salutation: Text | None = None
    notes: Text | None = None
    importance: Annotated[Text, IMPORTANCE] | Annotated[int, Rule(minimum=1, maximum=4)] | None = (
        None
    )
    nickname: Text | None = None
    academic_title: Text | None = None
    gender: Annotated[Text, GENDER] | None = None
    language: Annotated[Text, LANGUAGE] | None = None
    do_not_ask: bool | None = None

    def fields(self) -> persons.PersonFields:
        data = arguments(self)
        data.pop("name", None)
        for key in ("met_at", "met_via"):
            if isinstance(data[key], int):
                data[key] = str(data[key])
        return persons.PersonFields(**data)


class PersonIn(PersonFieldsIn):
    name: Annotated[Text, NOT_BLANK]


class PersonPatch(PersonFieldsIn):
    name: Text | None = None


class ArchiveIn(Input):
    archived: bool = True


class JobOut(Schema):
    title: str
    organisation: Reference


class RowStrength(Schema):
    """A person's stored strength in a list (figure 0–100, level) and last contact; the
    reasons are on ``/persons/{id}/standing``."""

    strength: int
    level: str
    level_words: str
    last_contact: str | None


class PersonRow(Schema):
    id: int
    name: str
    given_name: str
    family_name: str
    name_particle: str
    academic_title: str
    nickname: str
    job: JobOut | None
    circles: list[str]
    email: str | None
    phone: str | None
    importance: int | None
    archived: bool
    me: bool
    strength: RowStrength | None = None


# A list's limit and offset, under the name the schema has always given them.
class Window(PageParams):
    pass


class PeopleFilter(Window):
    circle: Text | None = None
    org: Text | None = None
    tag: Text | None = None
    include_archived: bool = False
    q: Text | None = None
    # By name (none), or by the standing: "strength" (strongest first), "last_contact".
    sort: Annotated[Text, Rule(enum=["", "strength", "last_contact"])] | None = None


class OrganisationFilter(Window):
    kind: Annotated[Text, words(v.ORGANISATION_KINDS, "")] | None = None
    q: Text | None = None


class OrganisationPatch(Input):
    name: Annotated[Text, column(Organisation, "name")] | None = None
    kind: Annotated[Text, words(v.ORGANISATION_KINDS)] | None = None
    industry: Text | None = None
    website: Text | None = None
    notes: Text | None = None


# A new organisation: what a change may give, and a name it must.
class OrganisationIn(OrganisationPatch):
    name: Annotated[Text, column(Organisation, "name")]


class OrganisationRow(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    industry: str
    website: str
    current_people: int | None


class ContactPointIn(Input):
    kind: Annotated[Text, words(v.CONTACT_KINDS)]
    value: Text
    label: Text | None = None
    preferred: bool = False


class ContactPointPatch(Input):
    value: Text | None = None
    label: Text | None = None
    preferred: bool | None = None


class ContactPointOut(Schema):
    id: int
    kind: str
    label: str
    value: str
    preferred: bool
    street: str | None = None
    postal_code: str | None = None
    locality: str | None = None
    region: str | None = None
    country: str | None = None
    display: str | None = None


class AffiliationIn(Input):
    person: Annotated[Text, LOOKUP] | int
    organisation: Text | int
    kind: Annotated[Text, words(v.AFFILIATION_KINDS)]
    title: Text | None = None
    start: Annotated[Text, PARTIAL_DATE] | None = None
    end: Annotated[Text, PARTIAL_DATE] | None = None
    note: Text | None = None


class AffiliationPatch(Input):
    organisation: Text | int | None = None
    kind: Annotated[Text, words(v.AFFILIATION_KINDS)] | None = None
    title: Text | None = None
    start: Annotated[Text, PARTIAL_DATE] | None = None
    end: Annotated[Text, PARTIAL_DATE] | None = None
    note: Text | None = None


class EndIn(Input):
    end: Annotated[Text, PARTIAL_DATE] | None = None


class AffiliationOut(Schema):
    id: int
    kind: str
    title: str
    start: str | None
    end: str | None
    current: bool
    note: str
    person: Reference | None = None
    organisation: Reference | None = None


class RelationshipIn(Input):
    a: Annotated[Text, LOOKUP] | int
    b: Annotated[Text, LOOKUP] | int
    kind: Annotated[Text, RELATIONSHIP_KIND]
    trust: Text | int | None = None
    since: Annotated[Text, PARTIAL_DATE] | None = None
    note: Text | None = None


class RelationshipPatch(Input):
    kind: Annotated[Text, RELATIONSHIP_KIND] | None = None
    trust: Text | int | None = None
    since: Annotated[Text, PARTIAL_DATE] | None = None
    note: Text | None = None


class PairFilter(Schema):
    a: Annotated[Text, LOOKUP]
    b: Annotated[Text, LOOKUP]
    kind: Text | None = None


class RelationshipOut(Schema):
    """Both ends (``from_person`` is ``kind`` of ``to_person``), or, in a person's list,
    the other ``person`` with the label from the listed person's side."""

    id: int
    kind: str
    from_person: Reference | None = None
    to_person: Reference | None = None
    label: str | None = None
    label_de: str | None = None
    person: Reference | None = None
    trust: int | None
    since: str | None
    note: str


class ImportantDatePatch(Input):
    kind: Annotated[Text, words(v.DATE_KINDS)] | None = None
    date: Annotated[Text, PARTIAL_DATE] | None = None
    label: Text | None = None
    note: Text | None = None


# A new important date: what a change may give, and a kind and a date it must.
class ImportantDateIn(ImportantDatePatch):
    kind: Annotated[Text, words(v.DATE_KINDS)]
    date: Annotated[Text, PARTIAL_DATE]


class ImportantDateOut(Schema):
    id: int
    person: Reference
    kind: str
    date: str | None
    display: str
    label: str
    note: str


class Removed(Schema):
    removed: int


# --- persons ---------------------------------------------------------------------------


@router.get("/persons", response=Page[PersonRow])
def list_persons(request: HttpRequest, filters: Query[PeopleFilter]) -> dict[str, Any]:
    """Persons by family name; filter by circle, organisation (current) or tag.

    With ``q``, the persons the search finds, best match first. ``sort=strength``
    (strongest first) or ``sort=last_contact`` (latest first) orders by the standing.
    Each row has its stored ``strength``.
    """
    member = actor(request)

    def rows(**window: Any) -> list[dict[str, Any]]:
        listed = people_listed(
            member,
            sort=filters.sort,
            query=filters.q,
            circle=filters.circle,
            org=filters.org,
            tag=filters.tag,
            include_archived=filters.include_archived,
            **window,
        )
        return [
            {**person_list.person_row(person, member), "strength": facts}
            for person, facts in listed
        ]

    return page_from(filters, rows, lambda row: row)


@router.post("/persons", response={201: dict[str, Any]})
def create_person(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    """A new person; only the name is required."""
    member = actor(request)
    person = persons.add_person(member, payload.name, payload.fields())
    return Status(201, person_page.person_detail(member, person))


@router.get("/persons/{person_id}", response=dict[str, Any])
def read_person(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """A person with contact points, affiliations, relationships, dates and promises."""
    return person_page.person_detail(actor(request), person_id)


@router.patch("/persons/{person_id}", response=dict[str, Any])
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> dict[str, Any]:
    """Change what is given; a list given replaces the person's list."""
    member = actor(request)
    person = persons.edit_person(member, person_id, payload.fields(), name=payload.name)
    return person_page.person_detail(member, person)


@router.post("/persons/{person_id}/archive", response=PersonRow)
def archive_person(request: HttpRequest, person_id: int, payload: ArchiveIn) -> dict[str, Any]:
    """Hide a person from lists (``archived: false`` brings them back)."""
    member = actor(request)
    return person_list.person_row(
        persons.archive_person(member, person_id, payload.archived), member
    )


@router.delete("/persons/{person_id}", response={204: None})
def delete_person(request: HttpRequest, person_id: int) -> Status[None]:
    """Erase a person; their conversations stay."""
    persons.delete_person(actor(request), person_id)
    return Status(204, None)


# --- contact points ----------------------------------------------------------------------


@router.get("/persons/{person_id}/contact-points", response=Page[ContactPointOut])
def list_contact_points(
    request: HttpRequest, person_id: int, window: Query[Window]
) -> dict[str, Any]:
    """A person's contact points by kind, the preferred one of each kind first."""
    return page_from(
        window, contacts.list_contact_points, contacts.contact_point_data, actor(request), person_id
    )


@router.post("/persons/{person_id}/contact-points", response={201: ContactPointOut})
def create_contact_point(
    request: HttpRequest, person_id: int, payload: ContactPointIn
) -> Status[dict[str, Any]]:
    """An email, phone, website, messenger or address; the same value again is updated."""
    point = contacts.add_contact(actor(request), person_id, **arguments(payload))
    return Status(201, contacts.contact_point_data(point))


@router.patch("/contact-points/{point_id}", response=ContactPointOut)
def update_contact_point(
    request: HttpRequest, point_id: int, payload: ContactPointPatch
) -> dict[str, Any]:
    """Change the value, label (``""`` clears it) or preferred flag."""
    point = contacts.edit_contact_point(actor(request), point_id, **arguments(payload))
    return contacts.contact_point_data(point)


@router.delete("/contact-points/{point_id}", response={204: None})
def delete_contact_point(request: HttpRequest, point_id: int) -> Status[None]:
    """Remove a contact point; the next of its kind becomes the preferred one."""
    contacts.delete_contact_point(actor(request), point_id)
    return Status(204, None)


# --- important dates ---------------------------------------------------------------------


@router.get("/persons/{person_id}/dates", response=Page[ImportantDateOut])
def list_important_dates(
    request: HttpRequest, person_id: int, window: Query[Window]
) -> dict[str, Any]:
    """A person's important dates: the birthday first, then by date."""
    return page_from(
        window,
        important_dates.list_important_dates,
        important_dates.important_date_data,
        actor(request),
        person_id,
    )


@router.post("/persons/{person_id}/dates", response={201: ImportantDateOut})
def create_important_date(
    request: HttpRequest, person_id: int, payload: ImportantDateIn
) -> Status[dict[str, Any]]:
    """A birthday, anniversary or life event; a second birthday replaces the first."""
    important = important_dates.add_important_date(actor(request), person_id, **arguments(payload))
    return Status(201, important_dates.important_date_data(important))


@router.patch("/dates/{date_id}", response=ImportantDateOut)
def update_important_date(
    request: HttpRequest, date_id: int, payload: ImportantDatePatch
) -> dict[str, Any]:
    """Change the kind, date, label or note (``""`` clears label or note)."""
    important = important_dates.edit_important_date(actor(request), date_id, **arguments(payload))
    return important_dates.important_date_data(important)


@router.delete("/dates/{date_id}", response={204: None})
def delete_important_date(request: HttpRequest, date_id: int) -> Status[None]:
    """Erase an important date."""
    important_dates.delete_important_date(actor(request), date_id)
    return Status(204, None)


# --- organisations ---------------------------------------------------------------------


@router.get("/organisations", response=Page[OrganisationRow])
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilter]) -> dict[str, Any]:
    """Organisations by name, each with how many people are there now; ``q`` keeps those
    whose name contains it."""
    return page_from(
        filters,
        organisations.list_organisations,
        organisations.organisation_row,
        actor(request),
        kind=filters.kind,
        query=filters.q,
    )


@router.post("/organisations", response={201: dict[str, Any]})
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[dict[str, Any]]:
    """A new organisation; ``kind`` in English or German."""
    member = actor(request)
    org = organisations.add_organisation(member, **arguments(payload))
    return Status(201, organisation_page.organisation_detail(member, org))


@router.get("/organisations/{organisation_id}", response=dict[str, Any])
def read_organisation(request: HttpRequest, organisation_id: int) -> dict[str, Any]:
    """An organisation with its people (current and former), events and projects."""
    return organisation_page.organisation_detail(actor(request), organisation_id)


@router.patch("/organisations/{organisation_id}", response=dict[str, Any])
def update_organisation(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatch
) -> dict[str, Any]:
    """Change what is given (``""`` clears industry, website or note)."""
    member = actor(request)
    org = organisations.edit_organisation(member, organisation_id, **arguments(payload))
    return organisation_page.organisation_detail(member, org)


@router.delete("/organisations/{organisation_id}", response={204: None})
def delete_organisation(request: HttpRequest, organisation_id: int) -> Status[None]:
    """Erase an organisation and its affiliations; the people stay."""
    organisations.delete_organisation(actor(request), organisation_id)
    return Status(204, None)


# --- affiliations ------------------------------------------------------------------------


@router.get("/persons/{person_id}/affiliations", response=Page[AffiliationOut])
def list_affiliations(
    request: HttpRequest, person_id: int, window: Query[Window]
) -> dict[str, Any]:
    """A person's affiliations: current first, then the latest ended."""
    return page_from(
        window,
        affiliations.list_affiliations,
        affiliations.affiliation_as_dict,
        actor(request),
        person_id,
    )


@router.post("/affiliations", response={201: AffiliationOut})
def create_affiliation(request: HttpRequest, payload: AffiliationIn) -> Status[dict[str, Any]]:
    """A job, function, education or membership; a new organisation name is created."""
    people = {"person", "organisation"}
    affiliation = affiliations.add_affiliation(actor(request), **arguments(payload, people))
    return Status(201, affiliations.affiliation_as_dict(affiliation, person=True))


@router.get("/affiliations/{affiliation_id}", response=AffiliationOut)
def read_affiliation(request: HttpRequest, affiliation_id: int) -> dict[str, Any]:
    """An affiliation with its person and organisation."""
    return affiliations.affiliation_as_dict(
        affiliations.get_affiliation(actor(request), affiliation_id), person=True
    )


@router.patch("/affiliations/{affiliation_id}", response=AffiliationOut)
def update_affiliation(
    request: HttpRequest, affiliation_id: int, payload: AffiliationPatch
) -> dict[str, Any]:
    """Change what is given (``""`` clears title, start, end or note)."""
    sent = arguments(payload, {"organisation"})
    affiliation = affiliations.edit_affiliation(actor(request), affiliation_id, **sent)
    return affiliations.affiliation_as_dict(affiliation, person=True)


@router.post("/affiliations/{affiliation_id}/end", response=AffiliationOut)
def end_affiliation(request: HttpRequest, affiliation_id: int, payload: EndIn) -> dict[str, Any]:
    """End a current affiliation (this month when no end is given)."""
    affiliation = affiliations.end_affiliation(actor(request), affiliation_id, payload.end)
    return affiliations.affiliation_as_dict(affiliation, person=True)


@router.delete("/affiliations/{affiliation_id}", response={204: None})
def delete_affiliation(request: HttpRequest, affiliation_id: int) -> Status[None]:
    """Erase an affiliation; the person and the organisation stay."""
    affiliations.delete_affiliation(actor(request), affiliation_id)
    return Status(204, None)


# --- relationships -----------------------------------------------------------------------


@router.get("/persons/{person_id}/relationships", response=Page[RelationshipOut])
def list_relationships(
    request: HttpRequest, person_id: int, window: Query[Window]
) -> dict[str, Any]:
    """All of a person's relationships, each with the label from this person's side."""
    member = actor(request)
    person = resolve_person(member, person_id)
    return page_from(
        window,
        relationships.list_relationships,
        lambda relationship: relationships.relationship_as_dict(relationship, seen_from=person.pk),
        member,
        person,
    )


@router.post("/relationships", response={201: RelationshipOut})
def create_relationship(request: HttpRequest, payload: RelationshipIn) -> Status[dict[str, Any]]:
    """Record that ``a`` is ``kind`` of ``b``; the same relationship again is updated."""
    relationship = relationships.relate(actor(request), **arguments(payload, {"a", "b"}))
    return Status(201, relationships.relationship_as_dict(relationship))


@router.delete("/relationships", response=Removed)
def delete_relationships_between(request: HttpRequest, pair: Query[PairFilter]) -> dict[str, int]:
    """Remove the relationships between ``a`` and ``b`` (of ``kind``, if given)."""
    return {"removed": relationships.unrelate(actor(request), pair.a, pair.b, pair.kind)}


@router.get("/relationships/{relationship_id}", response=RelationshipOut)
def read_relationship(request: HttpRequest, relationship_id: int) -> dict[str, Any]:
    """A relationship with both persons: ``from_person`` is ``kind`` of ``to_person``."""
    return relationships.relationship_as_dict(
        relationships.get_relationship(actor(request), relationship_id)
    )


@router.patch("/relationships/{relationship_id}", response=RelationshipOut)
def update_relationship(
    request: HttpRequest, relationship_id: int, payload: RelationshipPatch
) -> dict[str, Any]:
    """Change the kind, trust, since or note (``""`` clears trust, since or note)."""
    relationship = relationships.edit_relationship(
        actor(request), relationship_id, **arguments(payload)
    )
    return relationships.relationship_as_dict(relationship)


@router.delete("/relationships/{relationship_id}", response={204: None})
def delete_relationship(request: HttpRequest, relationship_id: int) -> Status[None]:
    """Erase one relationship."""
    relationships.delete_relationship(actor(request), relationship_id)
    return Status(204, None)
