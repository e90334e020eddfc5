"""The persons an import writes to: the new ones, created in bulk, and the existing ones,
loaded with the facts a merge compares against."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from knoten.core.bulk import insert_returning
from knoten.core.errors import InvalidInput
from knoten.core.limits import chunks
from knoten.core.partial_dates import PartialDate
from knoten.imports.checking import Checked
from knoten.imports.models import ImportOrigin
from knoten.imports.reports import ImportRefused
from knoten.people.lookup import fits
from knoten.people.models import (
    Affiliation,
    ContactPoint,
    ImportantDate,
    ImportedProperty,
    Person,
    PersonPhoto,
)
from knoten.people.records import RecordError


@dataclass
class Job:
    """A current job of a person the import writes to (its id, its title)."""

    pk: int
    title: str


@dataclass
class Target:
    """A person the import writes to: an existing one, or one it creates."""

    person: Person
    new: bool
    name: str
    points: dict[tuple[str, str], None] = field(default_factory=dict)
    preferred_kinds: set[str] = field(default_factory=set)
    jobs: dict[str, Job | None] = field(default_factory=dict)  # folded org name
    date_kinds: dict[str, PartialDate | None] = field(default_factory=dict)
    dates: set[tuple[str, str, str]] = field(default_factory=set)  # kind, ISO date, label
    circles: set[int] = field(default_factory=set)
    extras: set[tuple[str, str]] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    has_photo: bool = False


def names_of(network_id: int, ids: set[int]) -> dict[int, str]:
    """The full names of these persons, by id."""
    names: dict[int, str] = {}
    for chunk in chunks(sorted(ids)):
        for person in Person.objects.filter(network_id=network_id, pk__in=chunk).only(
            "academic_title", "given_name", "name_particle", "family_name"
        ):
            names[person.pk] = person.full_name
    return names


# The columns of a new person the import fills (core.bulk fills the rest with their
# defaults, as bulk_create would), in order.
_PERSON_COLUMNS = (
    "network_id",
    "given_name",
    "family_name",
    "name_particle",
    "academic_title",
    "nickname",
    "gender",
    "notes",
    "met_on",
    "how_we_met",
    "sort_name",
    "folded_name",
)
_MET_ON = Person._meta.get_field("met_on")


def create_people(network_id: int, new_people: dict[int, Checked]) -> dict[int, Person]:
    """The new persons of these records (by place-holder id), inserted in bulk;
    :class:`ImportRefused` if one's name does not fit."""
    people: dict[int, Person] = {}
    for placeholder, item in new_people.items():
        record, name = item.record, item.name
        person = Person(
            network_id=network_id,
            given_name=name.given_name,
            family_name=name.family_name,
            name_particle=name.name_particle,
            academic_title=name.academic_title,
            nickname=name.nickname,
            gender=record.gender,
            notes=record.note,
            met_on=record.connected_on,
            how_we_met=f"Connected on {record.origin}" if record.origin else "",
        )
        try:
            fits(person)
        except InvalidInput as error:
            raise ImportRefused([RecordError(record.source, record.line, error.message)]) from None
        people[placeholder] = person
    rows = [
        (
            person.network_id,
            person.given_name,
            person.family_name,
            person.name_particle,
            person.academic_title,
            person.nickname,
            person.gender,
            person.notes,
            _MET_ON.get_db_prep_save(person.met_on, connection),
            person.how_we_met,
            person.sort_name,  # worked out by fits()
            person.folded_name,
        )
        for person in people.values()
    ]
    ids = insert_returning(Person, _PERSON_COLUMNS, rows)
    for person, pk in zip(people.values(), ids, strict=True):
        person.pk = pk
        person._state.adding = False
        person._state.db = connection.alias
    return people


def load_targets(network_id: int, ids: set[int]) -> dict[int, Target]:
    """The existing persons a record goes into, with the facts a merge compares against."""
    targets: dict[int, Target] = {}
    for chunk in chunks(sorted(ids)):
        for person in Person.objects.filter(network_id=network_id, pk__in=chunk):
            targets[person.pk] = Target(person, False, person.full_name)
        for person_id, kind, value, preferred in ContactPoint.objects.filter(
            person_id__in=chunk
        ).values_list("person_id", "kind", "value", "preferred"):
            target = targets[person_id]
            target.points[(kind, value)] = None
            if preferred:
                target.preferred_kinds.add(kind)
        for pk, person_id, title, folded_name in Affiliation.objects.filter(
            person_id__in=chunk, end__isnull=True
        ).values_list("pk", "person_id", "title", "organisation__folded_name"):
            targets[person_id].jobs[folded_name] = Job(pk, title)
        for person_id, kind, date, label in ImportantDate.objects.filter(
            person_id__in=chunk
        ).values_list("person_id", "kind", "date", "label"):
            targets[person_id].date_kinds.setdefault(kind, date)
            targets[person_id].dates.add((kind, date.isoformat() if date else "", label))
        through = Person.circles.through
        for person_id, circle_id in through.objects.filter(person_id__in=chunk).values_list(
            "person_id", "circle_id"
        ):
            targets[person_id].circles.add(circle_id)
        for person_id, name, value in ImportedProperty.objects.filter(
            person_id__in=chunk
        ).values_list("person_id", "name", "value"):
            targets[person_id].extras.add((name, value))
        for person_id, key in ImportOrigin.objects.filter(person_id__in=chunk).values_list(
            "person_id", "key"
        ):
            targets[person_id].keys.add(key)
        for person_id in PersonPhoto.objects.filter(person_id__in=chunk).values_list(
            "person_id", flat=True
        ):
            targets[person_id].has_photo = True
    return targets
