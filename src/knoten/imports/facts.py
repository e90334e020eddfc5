"""What a record adds to the person it goes into: contacts, a job, dates, circles and
what else the file said, as rows written in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from knoten.core.bulk import insert_rows, update_rows
from knoten.core.folding import fold, fold_words
from knoten.core.limits import CHUNK, chunks
from knoten.core.models import Member
from knoten.imports.checking import Checked
from knoten.imports.models import ImportOrigin
from knoten.imports.reports import ImportRefused
from knoten.imports.targets import Target
from knoten.people.labels import circles_named
from knoten.people.lookup import fits
from knoten.people.models import (
    CONTACT_POINT_FIELDS,
    Affiliation,
    Circle,
    ContactPoint,
    ImportantDate,
    ImportedProperty,
    Organisation,
    Person,
    PersonPhoto,
)
from knoten.people.records import ContactRecord, RecordError


@dataclass
class Organisations:
    by_name: dict[str, Organisation] = field(default_factory=dict)
    created: list[Organisation] = field(default_factory=list)


def find_organisations(network_id: int, checked: Sequence[Checked]) -> Organisations:
    """Every organisation the records name, found by folded name or created (in bulk)."""
    wanted: dict[str, str] = {}
    for item in checked:
        name = " ".join(item.record.organisation.split())
        if name:
            wanted.setdefault(fold(name), name)
    found = Organisations()
    folded = list(wanted)
    for chunk in chunks(folded):
        for organisation in Organisation.objects.filter(
            network_id=network_id, folded_name__in=chunk
        ).order_by("pk"):
            found.by_name.setdefault(organisation.folded_name, organisation)
    missing = []
    for key, name in wanted.items():
        if key not in found.by_name:
            organisation = Organisation(network_id=network_id, name=name)
            fits(organisation, {"name": "organisation"})
            missing.append(organisation)
    for organisation in Organisation.objects.bulk_create(missing, batch_size=CHUNK):
        found.by_name[organisation.folded_name] = organisation
        found.created.append(organisation)
    return found


def find_circles(
    actor: Member, checked: Sequence[Checked], circle: str | None
) -> dict[str, Circle]:
    """Every circle the records' groups (and ``circle``) name, created where missing.

    A group is read as ``person add --circle`` reads it (people.labels.circles_named):
    "Geschäftspartner" or "Freunde" is the seeded circle, not a new one of that name.
    """
    names = [circle or "", *(group for item in checked for group in item.record.groups)]
    return circles_named(actor, names, "circle")


# The columns each kind of new row fills, in order; the rows are plain tuples in their
# stored form, inserted with one executemany per table (core.bulk). Making a model
# object per row and saving them with bulk_create took half of an import's time
# (10,000 vCards: 94,000 objects).
_COLUMNS: dict[str, tuple[str, ...]] = {
    "points": ("network_id", "person_id", *CONTACT_POINT_FIELDS),
    "jobs": ("network_id", "person_id", "organisation_id", "kind", "title", "note"),
    "dates": ("network_id", "person_id", "kind", "date", "label", "note"),
    "memberships": ("person_id", "circle_id"),
    "extras": ("network_id", "person_id", "source", "name", "value"),
    "origins": ("network_id", "person_id", "key"),
}
_DATE_FIELD = ImportantDate._meta.get_field("date")
# A contact point's texts (all but its kind and preferred flag), in column order.
_POINT_TEXTS = [c for c in CONTACT_POINT_FIELDS if c not in ("kind", "preferred")]
_MODELS: dict[str, Any] = {
    "points": ContactPoint,
    "jobs": Affiliation,
    "dates": ImportantDate,
    "memberships": Person.circles.through,
    "extras": ImportedProperty,
    "origins": ImportOrigin,
}


@dataclass
class Rows:
    points: list[tuple[Any, ...]] = field(default_factory=list)
    jobs: list[tuple[Any, ...]] = field(default_factory=list)
    titled: list[Affiliation] = field(default_factory=list)
    dates: list[tuple[Any, ...]] = field(default_factory=list)
    memberships: list[tuple[Any, ...]] = field(default_factory=list)
    extras: list[tuple[Any, ...]] = field(default_factory=list)
    origins: list[tuple[Any, ...]] = field(default_factory=list)
    people: dict[int, Person] = field(default_factory=dict)  # existing persons changed
    photos: list[PersonPhoto] = field(default_factory=list)
    pairs: list[tuple[int, int, float, list[str]]] = field(default_factory=list)

    def save(self) -> None:
        for kind, columns in _COLUMNS.items():
            insert_rows(_MODELS[kind], columns, getattr(self, kind))
        update_rows(Affiliation, ["title"], self.titled)
        update_rows(Person, ["notes", "gender", "met_on", "how_we_met"], list(self.people.values()))
        PersonPhoto.objects.bulk_create(self.photos, batch_size=100)


def _checked_text(value: str, model: Any, column: str, record: ContactRecord) -> str:
    """``value`` if it fits the column (length, no NUL), else the import is refused."""
    limit = _LIMITS.get((model, column))
    if limit is None:
        limit = getattr(model._meta.get_field(column), "max_length", None) or 0
        _LIMITS[(model, column)] = limit
    if "\x00" in value:
        raise ImportRefused(
            [RecordError(record.source, record.line, f"{column}: has a NUL character")]
        )
    if limit and len(value) > limit:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ImportRefused(
            [
                RecordError(
                    record.source,
                    record.line,
                    f"{column}: {shown!r} is too long: at most {limit} characters",
                )
            ]
        )
    return value


_LIMITS: dict[tuple[Any, str], int] = {}


def _within_an_address(value: str, points: Iterable[tuple[str, str]]) -> bool:
    """Whether every word of the address ``value`` is in one address the person has:
    then it is that address, said with less ("Düsseldorf", "40212 Düsseldorf")."""
    words = set(fold_words(value))
    return bool(words) and any(
        kind == "address" and words <= set(fold_words(known)) for kind, known in points
    )


def add_facts(
    network_id: int,
    item: Checked,
    target: Target,
    organisations: Organisations,
    circles: dict[str, Circle],
    rows: Rows,
    every_record_circle: str,
) -> list[str]:
    """Add what the record says and the person lacks; what was added, in words."""
    record, person = item.record, target.person
    added: list[str] = []
    # The file's preferred value of a kind first: it becomes the preferred one if the
    # person has none of that kind yet (else the first of the kind does, as when typed).
    ordered = sorted(item.points, key=lambda parsed: parsed.extra.get("preferred") != "True")
    for parsed in ordered:
        if (parsed.kind, parsed.value) in target.points:
            continue
        if parsed.kind == "address" and _within_an_address(parsed.value, target.points):
            continue  # "Düsseldorf" from XING is the person's full address there
        preferred = parsed.kind not in target.preferred_kinds
        if preferred:
            target.preferred_kinds.add(parsed.kind)
        text = [
            _checked_text(getattr(parsed, column), ContactPoint, column, record)
            for column in _POINT_TEXTS
        ]
        target.points[(parsed.kind, parsed.value)] = None
        rows.points.append(
            (network_id, person.pk, parsed.kind, text[0], text[1], preferred, *text[2:])
        )
        added.append(f"{parsed.kind} {parsed.value}")
    organisation_name = " ".join(record.organisation.split())
    if organisation_name:
        organisation = organisations.by_name[fold(organisation_name)]
        job = target.jobs.get(organisation.folded_name)
        if organisation.folded_name not in target.jobs:
            title = _checked_text(record.title, Affiliation, "title", record)
            target.jobs[organisation.folded_name] = None
            rows.jobs.append((network_id, person.pk, organisation.pk, "job", title, ""))
            added.append(f"job at {organisation.name}")
        elif job is not None and record.title and not job.title:
            job.title = _checked_text(record.title, Affiliation, "title", record)
            rows.titled.append(Affiliation(pk=job.pk, title=job.title))
            added.append(f"title {record.title}")
    for date in record.dates:
        seen = (date.kind, date.date.isoformat(), date.label)
        if seen in target.dates:
            continue
        if date.kind in target.date_kinds and date.kind in ("birthday", "anniversary"):
            if target.date_kinds[date.kind] != date.date and not target.new:
                item.warnings.append(
                    f"{record.source}, line {record.line}: {target.name} already has a "
                    f"{date.kind} ({target.date_kinds[date.kind]}); the file's "
                    f"{date.date.isoformat()} was not taken"
                )
            continue
        target.date_kinds[date.kind] = date.date
        target.dates.add(seen)
        label = _checked_text(date.label, ImportantDate, "label", record)
        stored = _DATE_FIELD.get_db_prep_save(date.date, connection)
        rows.dates.append((network_id, person.pk, date.kind, stored, label, ""))
        added.append(f"{date.kind} {date.date.isoformat()}")
    named = [circles[group] for group in record.groups if group in circles]
    if every_record_circle:
        named.append(circles[every_record_circle])
    for circle in sorted({c.pk: c for c in named}.values(), key=lambda c: c.folded_name):
        if circle.pk in target.circles:
            continue
        target.circles.add(circle.pk)
        rows.memberships.append((person.pk, circle.pk))
        added.append(f"circle {circle.name}")
    for name, value in item.extras:
        if (name, value) in target.extras or not value.strip():
            continue
        target.extras.add((name, value))
        rows.extras.append(
            (
                network_id,
                person.pk,
                record.source[:200],
                name[:200],
                _checked_text(value, ImportedProperty, "value", record),
            )
        )
        added.append(f"{name}")
    if item.photo is not None and not target.has_photo:
        # A person's own photo stays; one without gets the file's.
        target.has_photo = True
        media_type, data = item.photo
        rows.photos.append(
            PersonPhoto(
                network_id=network_id, person_id=person.pk, content_type=media_type, data=data
            )
        )
        added.append("photo")
    if not target.new:
        changed = False
        if record.note and record.note not in person.notes:
            person.notes = f"{person.notes}\n\n{record.note}".strip()
            changed = True
            added.append("note")
        if record.gender and not person.gender:
            person.gender = record.gender
            changed = True
            added.append("gender")
        if record.connected_on and person.met_on is None:
            person.met_on = record.connected_on
            changed = True
        if record.origin and not person.how_we_met:
            person.how_we_met = f"Connected on {record.origin}"
            changed = True
        if changed:
            rows.people[person.pk] = person
    return added
