"""A person's page: everything known about them, from every app below, in one read.

The person page, ``person show`` and the API's person detail read the same fixed-shape
queries for every person, each compiled to SQL once (core.prepared) rather than on every
page: on the 100k demo network that took the detail from 8.3 ms to about 3 ms. A fixed
number of queries, however large the network; long lists are capped, with their totals.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q

from knoten.core.data import iso, reference
from knoten.core.folding import fold
from knoten.core.models import Member
from knoten.core.prepared import Prepared
from knoten.journal.models import Attendance, Interaction, Participation, ProjectRole, Promise
from knoten.journal.visibility import sees
from knoten.people import contacts
from knoten.people import vocabulary as v
from knoten.people.affiliations import affiliation_as_dict, sorted_affiliations
from knoten.people.important_dates import important_date_data
from knoten.people.lookup import PersonRef, resolve_person
from knoten.people.models import (
    CONTACT_POINT_FIELDS,
    Affiliation,
    Circle,
    ContactPoint,
    ImportantDate,
    ImportedProperty,
    Person,
    PersonPhoto,
    Relationship,
    Skill,
    Tag,
)
from knoten.people.persons import NAME_FIELDS
from knoten.people.photos import photo_version
from knoten.people.relationships import relationship_as_dict
from knoten.upkeep.due import standing_of

RECENT_INTERACTIONS = 20


# How many rows of a long list inside a detail (events attended, people introduced) show.
DETAIL_LIST_CAP = 50


RELATIONSHIP_CAP = 50


_NAME = ("id", *NAME_FIELDS)


_FAMILY_CODES = [kind.code for kind in v.RELATIONSHIP_KINDS if kind.family]


_RELATIONSHIP_FIELDS = ("id", "kind", "trust", "since", "note", "from_person_id", "to_person_id")


_ENDS = {"from_person": _NAME, "to_person": _NAME}


def _edges(person: int) -> Any:
    return Relationship.objects.filter(Q(from_person_id=person) | Q(to_person_id=person))


_MET = Prepared(
    Person,
    lambda person: Person.objects.filter(pk=person),
    fields=("id",),
    related={
        "met_at_event": ("id", "name"),
        "met_at_organisation": ("id", "name"),
        "introduced_by": _NAME,
    },
)


_CIRCLES = Prepared(
    Circle, lambda person: Circle.objects.filter(people=person).order_by("pk"), fields=("name",)
)


_TAGS = Prepared(Tag, lambda person: Tag.objects.filter(people=person), fields=("name",))


_SKILLS = Prepared(Skill, lambda person: Skill.objects.filter(people=person), fields=("name",))


_CONTACT_POINTS = Prepared(
    ContactPoint,
    lambda person: ContactPoint.objects.filter(person_id=person).order_by(
        "kind", "-preferred", "pk"
    ),
    fields=("id", *CONTACT_POINT_FIELDS),
)


_AFFILIATIONS = Prepared(
    Affiliation,
    lambda person: Affiliation.objects.filter(person_id=person).order_by("pk"),
    fields=("id", "person_id", "organisation_id", "kind", "title", "start", "end", "note"),
    related={"organisation": ("id", "name")},
)


_FAMILY = Prepared(
    Relationship,
    lambda person: _edges(person).filter(kind__in=_FAMILY_CODES).order_by("kind", "pk"),
    fields=_RELATIONSHIP_FIELDS,
    related=_ENDS,
)


_CLOSEST = Prepared(
    Relationship,
    lambda person: (
        _edges(person)
        .exclude(kind__in=_FAMILY_CODES)
        .order_by(F("trust").desc(nulls_last=True), "-pk")[:RELATIONSHIP_CAP]
    ),
    fields=_RELATIONSHIP_FIELDS,
    related=_ENDS,
)


_DATES = Prepared(
    ImportantDate,
    lambda person: ImportantDate.objects.filter(person_id=person),
    fields=("id", "person_id", "kind", "date", "label", "note"),
)


# What imported files said that has no place of its own (written by knoten.imports).
_IMPORTED = Prepared(
    ImportedProperty,
    lambda person: ImportedProperty.objects.filter(person_id=person).order_by("pk")[
        :DETAIL_LIST_CAP
    ],
    fields=("id", "name", "value", "source"),
)


# Whether the person has a photo, and since when (its address changes with it).
_PHOTO = Prepared(
    PersonPhoto,
    lambda person: PersonPhoto.objects.filter(person_id=person),
    fields=("updated_at",),
)


_INTRODUCED = Prepared(
    Person,
    lambda person: Person.objects.filter(introduced_by_id=person).order_by("sort_name", "pk")[
        :DETAIL_LIST_CAP
    ],
    fields=_NAME,
)


def _visible_promises(person: int, author: int) -> Any:
    """The open promises a person owes or is owed, less those made in someone else's
    private conversation."""

    return Promise.objects.filter(
        Q(debtor_id=person) | Q(creditor_id=person),
        sees(author, "interaction"),
        done_on__isnull=True,
    )


_PROMISE_FIELDS = ("id", "debtor_id", "creditor_id", "text", "due_on", "created_at")


_PARTIES = {"debtor": _NAME, "creditor": _NAME, "interaction": ("id", "occurred_on")}


# Anyone but *me* is party to few promises: the debtor and creditor indexes find them.
_PROMISES = Prepared(
    Promise,
    lambda person, author: _visible_promises(person, author).order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )[: DETAIL_LIST_CAP + 1],
    fields=_PROMISE_FIELDS,
    related=_PARTIES,
)


# A member's own person is party to most promises: walking the network's open promises
# in due order (index network, done_on, due_on) stops at the cap.
_MY_DATED_PROMISES = Prepared(
    Promise,
    lambda person, author, network: (
        _visible_promises(person, author)
        .filter(network_id=network, due_on__isnull=False)
        .order_by("due_on", "pk")[: DETAIL_LIST_CAP + 1]
    ),
    fields=_PROMISE_FIELDS,
    related=_PARTIES,
)


_MY_UNDATED_PROMISES = Prepared(
    Promise,
    lambda person, author, network: (
        _visible_promises(person, author)
        .filter(network_id=network, due_on__isnull=True)
        .order_by("pk")[: DETAIL_LIST_CAP + 1]
    ),
    fields=_PROMISE_FIELDS,
    related=_PARTIES,
)


def _project_roles(person: int) -> Any:

    return ProjectRole.objects.filter(person_id=person)


def _attendances(person: int) -> Any:

    return Attendance.objects.filter(person_id=person).order_by(
        F("event__starts_on").desc(nulls_last=True), "pk"
    )[:DETAIL_LIST_CAP]


_ROLES = Prepared(
    ProjectRole,
    lambda person: _project_roles(person).order_by("project__name", "pk")[:DETAIL_LIST_CAP],
    fields=("id", "project_id", "role"),
    related={"project": ("id", "name", "status")},
)


_ATTENDANCES = Prepared(
    Attendance,
    _attendances,
    fields=("id", "event_id", "status"),
    related={"event": ("id", "name", "kind", "starts_on")},
)


def _interaction_keys(person: int, network: int, author: int) -> Any:
    """The person's conversations the author may see (journal.visibility)."""

    return Interaction.objects.filter(
        sees(author),
        network_id=network,
        pk__in=Participation.objects.filter(person_id=person).values("interaction_id"),
    )


# The RECENT_INTERACTIONS newest are read by their ids, padded with -1 (no row) to a
# fixed number so that one compiled query serves every person.
_SHOWN = [f"shown{n}" for n in range(RECENT_INTERACTIONS)]


def _shown_interactions(**shown: int) -> Any:

    return Interaction.objects.filter(pk__in=list(shown.values()))


def _their_company(person: int, **shown: int) -> Any:

    return (
        Participation.objects.filter(interaction_id__in=list(shown.values()))
        .exclude(person_id=person)
        .order_by("pk")
    )


_INTERACTION_KEYS = Prepared(Interaction, _interaction_keys, fields=("occurred_on", "id"))


_INTERACTIONS = Prepared(
    Interaction,
    _shown_interactions,
    fields=(
        "id",
        "event_id",
        "occurred_on",
        "kind",
        "summary",
        "duration_minutes",
        "place",
        "private",
    ),
    related={"event": ("id", "name")},
    arguments=_SHOWN,
)


_COMPANY = Prepared(
    Participation,
    _their_company,
    fields=("id", "interaction_id", "person_id"),
    related={"person": _NAME},
    arguments=["person", *_SHOWN],
)


def _open_promises(actor: Member, person: Person, *, many: bool) -> tuple[list[Any], int]:
    """Up to DETAIL_LIST_CAP open promises the person owes or is owed (soonest due first,
    undated last), and how many there are in all.

    A promise made in someone else's private conversation stays private too.
    """
    ids = {"person": person.pk, "author": actor.pk}
    if many:
        ids["network"] = actor.network_id
        rows = _MY_DATED_PROMISES.fetch(**ids)
        if len(rows) <= DETAIL_LIST_CAP:
            rows += _MY_UNDATED_PROMISES.fetch(**ids)[: DETAIL_LIST_CAP + 1 - len(rows)]
    else:
        # (The person is of the actor's network, so their promises are too.)
        rows = _PROMISES.fetch(**ids)
    total = (
        len(rows)
        if len(rows) <= DETAIL_LIST_CAP
        else _visible_promises(person.pk, actor.pk).count()
    )
    return rows[:DETAIL_LIST_CAP], total


def _recent_interactions(
    actor: Member, person: Person
) -> tuple[list[Any], int, dict[int, list[dict[str, Any]]]]:
    """The person's RECENT_INTERACTIONS newest conversations the actor may see, the
    total, and the other participants of each shown one."""
    # Dates and ids first, sorted here: with ORDER BY … LIMIT in SQL, SQLite walks the
    # network's whole (network, occurred_on) index instead of the person's few rows.
    keys = sorted(
        _INTERACTION_KEYS.rows(person=person.pk, network=actor.network_id, author=actor.pk),
        reverse=True,
    )
    newest = [pk for _, pk in keys[:RECENT_INTERACTIONS]]
    if not newest:
        return [], 0, {}
    shown = dict(zip(_SHOWN, newest + [-1] * (RECENT_INTERACTIONS - len(newest)), strict=True))
    rows = sorted(_INTERACTIONS.fetch(**shown), key=lambda i: (i.occurred_on, i.pk), reverse=True)
    others: dict[int, list[dict[str, Any]]] = {pk: [] for pk in newest}
    for participation in _COMPANY.fetch(person=person.pk, **shown):
        others[participation.interaction_id].append(reference(participation.person) or {})
    return rows, len(keys), others


def person_detail(actor: Member, person: PersonRef) -> dict[str, Any]:
    """Everything known about a person, as JSON-able data.

    Contact points, affiliations (current first), relationships with their label from
    this person's side ("boss of"), family, circles, tags, skills, important dates, how
    we met, open promises, projects, events, people they introduced, and the most recent
    conversations the actor may see (newest first, with the total), and the standing in
    keeping in touch (strength and why, last contact, cadence, when due). A fixed number
    of queries, however large the network.
    """
    p = resolve_person(actor, person)
    pk = p.pk
    if p.met_at_event_id or p.met_at_organisation_id or p.introduced_by_id:
        met = _MET.fetch(person=pk)[0]
        p.met_at_event, p.met_at_organisation = met.met_at_event, met.met_at_organisation
        p.introduced_by = met.introduced_by
    circles = [name for (name,) in _CIRCLES.rows(person=pk)]
    tags = sorted((name for (name,) in _TAGS.rows(person=pk)), key=fold)
    skills = sorted((name for (name,) in _SKILLS.rows(person=pk)), key=fold)
    points = _CONTACT_POINTS.fetch(person=pk)
    affiliations = sorted_affiliations(_AFFILIATIONS.fetch(person=pk))
    # A well-connected person (*me* above all) has thousands of relationships: the
    # detail shows the family whole and the RELATIONSHIP_CAP most trusted others, with
    # the total, so that it stays fast; a list of the rest belongs to its own page.
    family = [relationship_as_dict(r, seen_from=pk) for r in _FAMILY.fetch(person=pk)]
    closest = _CLOSEST.fetch(person=pk)
    relationships_total = (
        len(closest)
        if len(closest) < RELATIONSHIP_CAP
        else _edges(pk).exclude(kind__in=_FAMILY_CODES).count()
    )
    closest.sort(key=lambda r: (r.kind, r.pk))
    relationships = [relationship_as_dict(r, seen_from=pk) for r in closest]
    dates = _DATES.fetch(person=pk)
    for date in dates:
        date.person = p
    dates.sort(key=lambda d: (d.kind != "birthday", iso(d.date) or ""))
    birthday = next((d for d in dates if d.kind == "birthday"), None)

    promises, promises_total = _open_promises(actor, p, many=pk == actor.person_id)
    roles = _ROLES.fetch(person=pk)
    projects_total = len(roles) if len(roles) < DETAIL_LIST_CAP else _project_roles(pk).count()
    attendances = _ATTENDANCES.fetch(person=pk)
    recent, total, others = _recent_interactions(actor, p)
    introduced = _INTRODUCED.fetch(person=pk)
    imported = _IMPORTED.rows(person=pk)
    photo = _PHOTO.rows(person=pk)
    # Strength (with its reasons), last contact, cadence and when due: keeping in touch.
    standing = standing_of(actor, p)

    return {
        "id": p.pk,
        "name": p.full_name,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "name_particle": p.name_particle,
        "academic_title": p.academic_title,
        "nickname": p.nickname,
        "form_of_address": p.form_of_address,
        "salutation": p.salutation,
        "gender": p.gender,
        "language": p.language,
        "importance": p.importance,
        "importance_label": Person.Tier(p.importance).label,
        "archived": p.archived,
        "do_not_ask": p.do_not_ask,
        "me": p.pk == actor.person_id,
        "notes": p.notes,
        "birthday": iso(birthday.date) if birthday else None,
        "contact_points": [contacts.contact_point_data(point) for point in points],
        "affiliations": [affiliation_as_dict(a) for a in affiliations],
        "relationships": relationships,
        "relationships_total": relationships_total,
        "family": family,
        "circles": circles,
        "tags": tags,
        "skills": skills,
        "important_dates": [important_date_data(d) for d in dates],
        "how_we_met": {
            "date": iso(p.met_on),
            "event": reference(p.met_at_event),
            "organisation": reference(p.met_at_organisation),
            "introduced_by": reference(p.introduced_by),
            "text": p.how_we_met,
        },
        "introduced": [reference(x) for x in introduced],
        "open_promises": [
            {
                "id": promise.pk,
                "text": promise.text,
                "due_on": iso(promise.due_on),
                # When it was promised: the conversation's day, else when it was noted.
                "made_on": (
                    promise.interaction.occurred_on
                    if promise.interaction
                    else promise.created_at.date()
                ).isoformat(),
                "debtor": reference(promise.debtor),
                "creditor": reference(promise.creditor),
                "owed_by_this_person": promise.debtor_id == p.pk,
            }
            for promise in promises
        ],
        "open_promises_total": promises_total,
        "projects": [
            {
                "id": role.project.pk,
                "name": role.project.name,
                "status": role.project.status,
                "role": role.role,
            }
            for role in roles
        ],
        "projects_total": projects_total,
        "events": [
            {
                "id": a.event.pk,
                "name": a.event.name,
                "kind": a.event.kind,
                "starts_on": iso(a.event.starts_on),
                "status": a.status,
            }
            for a in attendances
        ],
        "interactions": {
            "total": total,
            "shown": len(recent),
            "items": [
                {
                    "id": i.pk,
                    "occurred_on": i.occurred_on.isoformat(),
                    "kind": i.kind,
                    "summary": i.summary,
                    "duration_minutes": i.duration_minutes,
                    "place": i.place,
                    "event": reference(i.event),
                    "private": i.private,
                    "with": others[i.pk],
                }
                for i in recent
            ],
        },
        "imported": [
            {"id": row_id, "name": name, "value": value, "source": source}
            for row_id, name, value, source in imported
        ],
        "standing": standing,
        # A number that changes with the photo (web: /people/<id>/photo/?v=…), or None.
        "photo": photo_version(photo[0][0]) if photo else None,
        "created_at": p.created_at.isoformat(),
        "updated_at": p.updated_at.isoformat(),
    }
