"""Taking a file of contacts into the network: one transaction, duplicates merged.

Every format is read into :class:`~knoten.imports.records.ContactRecord`\\ s first (the
vCard and CSV readers beside this module); from there on all formats are alike:

1. each record's values are checked and normalised as if typed in (a phone number to
   E.164 and so on); a record that cannot be read stops the import, naming the file, the
   line and what is wrong — or, with ``skip_invalid``, is listed and left out;
2. a record already taken in by an earlier import (its UID, else its whole content) is
   recognised and only adds what is new, so importing a file twice creates nothing;
3. the others are matched against the network (``knoten.dedupe.matching``): a certain
   match (the same e-mail, phone or profile) is merged into that person, an uncertain one
   (a close name) becomes a new person *and* a pair in the review queue, the rest are new
   persons — records of the same file match each other too;
4. everything is written in bulk, in one transaction, and the search index is brought up
   to date once. ``dry_run`` does all of it and rolls it back, so the report of a dry run
   is exactly what the import would do.

The command line, the upload page and the API call :func:`import_file`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.db import connection

from knoten.core import changes
from knoten.core.bulk import (
    cycle_collection_paused,
    insert_returning,
    insert_rows,
    update_rows,
)
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.models import Member
from knoten.core.names import NameParts, is_title_word, parse_name
from knoten.core.partial_dates import PartialDate
from knoten.imports.models import ImportedProperty, ImportOrigin, ImportRun
from knoten.imports.records import ContactRecord, ReadResult, RecordError
from knoten.people import contacts
from knoten.people.contacts import ParsedContact
from knoten.people.lookup import fits
from knoten.people.models import (
    CONTACT_POINT_FIELDS,
    Affiliation,
    Circle,
    ContactPoint,
    ImportantDate,
    Organisation,
    Person,
)

# What ``--format`` takes; "csv" is a CSV with a column mapping.
FORMATS = ("vcard", "google", "outlook", "linkedin", "xing", "csv", "json")
# SQLite allows some 32,000 parameters in one statement; stay well below.
_CHUNK = 500

Progress = Callable[[int, int], None]  # (records done, records in all)


class ImportRefused(InvalidInput):
    """A file with records that cannot be read: nothing was written. Each error names
    the file, the line and what is wrong."""

    def __init__(self, errors: Sequence[RecordError]) -> None:
        self.errors = list(errors)
        shown = "; ".join(f"line {error.line}: {error.problem}" for error in self.errors[:3])
        more = f" (and {len(self.errors) - 3} more)" if len(self.errors) > 3 else ""
        super().__init__(
            "file",
            self.errors[0].source if self.errors else "",
            f"was not imported, nothing was written: {shown}{more}. Fix the file, or "
            "import the readable records with --skip-invalid",
        )


@dataclass
class Outcome:
    """What became of one record."""

    line: int
    name: str
    action: str  # created, merged, unchanged, review, skipped
    person_id: int | None = None
    matched: str = ""  # the existing person's name, for merged and review
    reasons: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # what a merge added
    problem: str = ""  # why it was skipped


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    source: str
    format: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "dry_run": self.dry_run,
            "read": len(self.outcomes),
            "created": self.count("created"),
            "merged": self.count("merged"),
            "unchanged": self.count("unchanged"),
            "to_review": self.count("review"),
            "skipped": self.count("skipped"),
            "warnings": self.warnings,
            "records": [asdict(outcome) for outcome in self.outcomes],
        }


# --- reading --------------------------------------------------------------------------


def detect_format(data: bytes) -> str:
    """ "vcard", "json" or a CSV format ("google", "linkedin" …), from the content."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:11].upper() == b"BEGIN:VCARD":
        return "vcard"
    if head[:1] == b"{":
        return "json"
    from knoten.imports.csv.formats import detect_csv_format
    from knoten.imports.csv.reading import decode

    text = decode(data[:65536])  # windows-1252 too, and a cut inside a character
    detected = detect_csv_format(text)
    return "csv" if detected == "mapped" else detected


def read_file(
    data: bytes, source: str, *, format: str | None = None, mapping: str | None = None
) -> tuple[str, ReadResult]:
    """The records of a file and the format they were read as."""
    if format is not None and format not in FORMATS:
        raise InvalidInput("format", format, f"is not a format; use one of {', '.join(FORMATS)}")
    if not data.strip():
        raise InvalidInput("file", source, "is empty")
    chosen = format or detect_format(data)
    if chosen == "vcard":
        from knoten.imports.vcard.reading import read_vcards

        return chosen, read_vcards(data, source)
    if chosen == "json":
        raise InvalidInput(
            "format", "json", "is a whole network: it is imported by import_json, not here"
        )
    from knoten.imports.csv.mapping import parse_mapping
    from knoten.imports.csv.rows import read_csv

    columns = parse_mapping(mapping) if mapping else None
    if chosen == "csv" and not columns:
        raise InvalidInput(
            "map",
            source,
            "is a CSV file of no known program; say which column is what with --map "
            '"Vorname=given_name,Nachname=family_name,E-Mail=email"',
        )
    return chosen, read_csv(
        data, source, format=None if chosen == "csv" else chosen, mapping=columns
    )


# --- one record, checked ------------------------------------------------------------------


@dataclass
class _Checked:
    """A record with its values as they will be stored."""

    record: ContactRecord
    key: str
    name: NameParts
    points: list[ParsedContact]
    extras: list[tuple[str, str]]
    warnings: list[str]


def _name_of(record: ContactRecord) -> NameParts:
    given = " ".join(part for part in (record.given_name, record.additional_names) if part)
    if given or record.family_name:
        title = record.academic_title
        # "Dr. Anna" given as the given name: the title is a title.
        words = given.split()
        while words and is_title_word(fold(words[0])):
            title = " ".join(part for part in (title, words.pop(0)) if part)
        return NameParts(
            given_name=" ".join(words),
            family_name=record.family_name,
            name_particle=record.name_particle,
            academic_title=title,
            nickname=record.nickname,
        )
    if record.full_name:
        parts = parse_name(record.full_name)
        if record.nickname and not parts.nickname:
            parts = replace(parts, nickname=record.nickname)
        return parts
    if record.nickname:
        return NameParts(given_name=record.nickname, nickname=record.nickname)
    return parse_name(record.display_name) if record.display_name else NameParts()


def _content_key(record: ContactRecord, name: NameParts, points: Sequence[ParsedContact]) -> str:
    """The record's identity: its UID where the file gives one, else all it says."""
    if record.uid:
        identity: Any = ["uid", record.uid]
    else:
        identity = [
            "content",
            [name.given_name, name.family_name, name.name_particle, name.academic_title],
            sorted((p.kind, p.value, p.label) for p in points),
            record.organisation,
            record.title,
            sorted((d.kind, d.date.isoformat()) for d in record.dates),
            sorted(record.groups),
            record.note,
        ]
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()


def _check(record: ContactRecord) -> _Checked:
    """The record as it will be stored; RecordError if it cannot be."""

    def refuse(problem: str) -> RecordError:
        return RecordError(record.source, record.line, problem)

    try:
        name = _name_of(record)
    except InvalidInput as error:
        raise refuse(error.message) from None
    if not (name.given_name or name.family_name or name.nickname):
        raise refuse("has no name and no contact to name it by")
    warnings: list[str] = []
    extras = list(record.extra)
    points: list[ParsedContact] = []
    seen: set[tuple[str, str]] = set()
    for contact in record.contacts:
        try:
            if contact.kind == "address" and (
                contact.street or contact.locality or contact.postal_code
            ):
                town = " ".join(p for p in (contact.postal_code, contact.locality) if p)
                parts = (contact.street, town, contact.region, contact.country)
                parsed = ParsedContact(
                    "address",
                    ", ".join(part for part in parts if part),
                    contacts.normalise_label(contact.label) if contact.label else "",
                    street=contact.street,
                    postal_code=contact.postal_code,
                    locality=contact.locality,
                    region=contact.region,
                    country=contact.country,
                )
            else:
                parsed = contacts.parse_contact(contact.kind, contact.value, contact.label or None)
        except (InvalidInput, ValueError) as error:
            # A value that is no phone number or address is kept as the file wrote it.
            shown = getattr(error, "message", str(error))
            warnings.append(
                f"{record.source}, line {record.line}: {contact.kind} {contact.value!r} "
                f"kept as written ({shown})"
            )
            extras.append((f"{contact.kind} (unreadable)", contact.value))
            continue
        if (parsed.kind, parsed.value) in seen:
            continue
        seen.add((parsed.kind, parsed.value))
        points.append(replace(parsed, extra={"preferred": str(contact.preferred)}))
    if record.name_suffix:
        extras.append(("name suffix", record.name_suffix))
    if record.department:
        extras.append(("department", record.department))
    for relation in record.related:
        extras.append(
            (f"related ({relation.label})" if relation.label else "related", relation.name)
        )
    return _Checked(record, _content_key(record, name, points), name, points, extras, warnings)


# --- the import ---------------------------------------------------------------------------


@dataclass
class _Job:
    """A current job of a person the import writes to (its id, its title)."""

    pk: int
    title: str


@dataclass
class _Target:
    """A person the import writes to: an existing one, or one it creates."""

    person: Person
    new: bool
    name: str
    points: dict[tuple[str, str], None] = field(default_factory=dict)
    preferred_kinds: set[str] = field(default_factory=set)
    jobs: dict[str, _Job | None] = field(default_factory=dict)  # folded org name
    date_kinds: dict[str, PartialDate | None] = field(default_factory=dict)
    dates: set[tuple[str, str, str]] = field(default_factory=set)  # kind, ISO date, label
    circles: set[int] = field(default_factory=set)
    extras: set[tuple[str, str]] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)


class _DryRun(Exception):
    """Raised to roll a dry run back."""


@cycle_collection_paused()
def import_file(
    actor: Member,
    data: bytes,
    source: str,
    *,
    format: str | None = None,
    mapping: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    circle: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Read ``data`` (a file called ``source``) and take its contacts in."""
    chosen, result = read_file(data, source, format=format, mapping=mapping)
    return import_records(
        actor,
        result,
        source=source,
        format=chosen,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        circle=circle,
        progress=progress,
    )


@cycle_collection_paused()
def import_records(
    actor: Member,
    result: ReadResult,
    *,
    source: str,
    format: str,
    dry_run: bool = False,
    skip_invalid: bool = False,
    circle: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Take records in (see the module's description); a report of what became of each."""
    report = ImportReport(source, format, dry_run)
    checked: list[_Checked] = []
    errors = list(result.errors)
    for record in result.records:
        try:
            checked.append(_check(record))
        except RecordError as error:
            errors.append(error)
    if circle is not None and not " ".join(circle.split()):
        raise InvalidInput("circle", circle, "is empty; give the circle's name")
    if errors and not skip_invalid:
        raise ImportRefused(sorted(errors, key=lambda e: e.line))
    for problem in errors:
        report.outcomes.append(Outcome(problem.line, "", "skipped", problem=problem.problem))
    for item in checked:
        report.warnings.extend(item.warnings)
    try:
        with changes.atomic():
            _write(actor, checked, report, circle, progress)
            ImportRun.objects.create(
                network_id=actor.network_id,
                member=actor,
                source=source[:500],
                format=format,
                created=report.count("created"),
                merged=report.count("merged"),
                unchanged=report.count("unchanged"),
                skipped=report.count("skipped"),
                to_review=report.count("review"),
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        for outcome in report.outcomes:
            if outcome.action in ("created", "review"):
                outcome.person_id = None
    report.outcomes.sort(key=lambda outcome: outcome.line)
    return report


def _write(
    actor: Member,
    checked: Sequence[_Checked],
    report: ImportReport,
    circle: str | None,
    progress: Progress | None,
) -> None:
    from knoten.dedupe.matching import MatchIndex
    from knoten.dedupe.services import queue_pair

    network_id = actor.network_id
    keys = sorted({item.key for item in checked})
    known: dict[str, int] = {}
    for start in range(0, len(keys), _CHUNK):
        known.update(
            ImportOrigin.objects.filter(
                network_id=network_id, key__in=keys[start : start + _CHUNK]
            ).values_list("key", "person_id")
        )
    # Only the contact values of the records still to be matched are read.
    index = MatchIndex.build(
        network_id, records=[item.record for item in checked if item.key not in known]
    )
    # First pass: who each record is. New persons get a place-holder id (negative) so
    # that later records of the same file can match them.
    plans: list[tuple[_Checked, int, str, Any]] = []  # (record, target id, action, match)
    new_people: dict[int, _Checked] = {}
    for number, item in enumerate(checked):
        if progress:
            progress(number, len(checked))
        if item.key in known:
            plans.append((item, known[item.key], "known", None))
            continue
        match = index.match(item.record)
        if match is not None and match.certain:
            plans.append((item, match.person_id, "merge", match))
            known[item.key] = match.person_id
            continue
        placeholder = -(len(new_people) + 1)
        new_people[placeholder] = item
        index.add(placeholder, item.record)
        plans.append((item, placeholder, "review" if match is not None else "create", match))
        # The same record twice in one file is one person.
        known[item.key] = placeholder
    if progress:
        progress(len(checked), len(checked))

    # Second pass: the persons, created in bulk; the existing ones with what they have.
    created = _create_people(actor, new_people)
    targets: dict[int, _Target] = {}
    for placeholder, person in created.items():
        targets[placeholder] = _Target(person, True, person.full_name)
    existing_ids = {target for _, target, _, _ in plans if target > 0}
    targets.update(_load_targets(network_id, existing_ids))

    # The names of the persons a record is only likely to be, for the report.
    others = _names_of(
        network_id,
        {
            match.person_id
            for _, _, action, match in plans
            if action == "review" and match.person_id > 0 and match.person_id not in targets
        },
    )
    organisations = _organisations(actor, checked)
    circles = _circles(actor, checked, circle)
    rows = _Rows()
    for item, target_id, action, match in plans:
        target = targets[target_id]
        added = _add_facts(
            actor,
            item,
            target,
            organisations,
            circles,
            rows,
            fold(" ".join((circle or "").split())),
        )
        if item.key not in target.keys:
            target.keys.add(item.key)
            rows.origins.append((network_id, target.person.pk, item.key))
        record = item.record
        name = record.display_name or target.name
        if action == "known":
            outcome = Outcome(
                record.line,
                name,
                "merged" if added else "unchanged",
                target.person.pk,
                target.name,
                ["the same record earlier in this file" if target_id < 0 else "imported before"],
                added,
            )
        elif action == "merge":
            outcome = Outcome(
                record.line,
                name,
                "merged",
                target.person.pk,
                target.name,
                list(match.reasons),
                added,
            )
        elif action == "review":
            other = match.person_id
            matched_name = targets[other].name if other in targets else ""
            if other < 0:
                other = targets[other].person.pk
            else:
                matched_name = matched_name or others.get(other, "")
            rows.pairs.append((target.person.pk, other, match.score, list(match.reasons)))
            outcome = Outcome(
                record.line,
                name,
                "review",
                target.person.pk,
                matched_name,
                list(match.reasons),
            )
        else:
            outcome = Outcome(record.line, name, "created", target.person.pk)
        report.outcomes.append(outcome)
    rows.save()
    for a, b, score, reasons in rows.pairs:
        if a != b:
            queue_pair(network_id, a, b, score, reasons)
    # Written in bulk, without the signals that would announce each row.
    changes.announce(network_id, "person", (target.person.pk for target in targets.values()))
    changes.announce(network_id, "organisation", (o.pk for o in organisations.created))


def _names_of(network_id: int, ids: set[int]) -> dict[int, str]:
    """The full names of these persons, by id."""
    names: dict[int, str] = {}
    for chunk in _chunks(ids):
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
    "notes",
    "met_on",
    "how_we_met",
    "sort_name",
    "folded_name",
)
_MET_ON = Person._meta.get_field("met_on")


def _create_people(actor: Member, new_people: dict[int, _Checked]) -> dict[int, Person]:
    people: dict[int, Person] = {}
    for placeholder, item in new_people.items():
        record, name = item.record, item.name
        person = Person(
            network_id=actor.network_id,
            given_name=name.given_name,
            family_name=name.family_name,
            name_particle=name.name_particle,
            academic_title=name.academic_title,
            nickname=name.nickname,
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


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _load_targets(network_id: int, ids: set[int]) -> dict[int, _Target]:
    """The existing persons a record goes into, with the facts a merge compares against."""
    targets: dict[int, _Target] = {}
    for chunk in _chunks(ids):
        for person in Person.objects.filter(network_id=network_id, pk__in=chunk):
            targets[person.pk] = _Target(person, False, person.full_name)
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
            targets[person_id].jobs[folded_name] = _Job(pk, title)
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
    return targets


@dataclass
class _Organisations:
    by_name: dict[str, Organisation] = field(default_factory=dict)
    created: list[Organisation] = field(default_factory=list)


def _organisations(actor: Member, checked: Sequence[_Checked]) -> _Organisations:
    """Every organisation the records name, found by folded name or created (in bulk)."""
    wanted: dict[str, str] = {}
    for item in checked:
        name = " ".join(item.record.organisation.split())
        if name:
            wanted.setdefault(fold(name), name)
    found = _Organisations()
    folded = list(wanted)
    for start in range(0, len(folded), _CHUNK):
        for organisation in Organisation.objects.filter(
            network_id=actor.network_id, folded_name__in=folded[start : start + _CHUNK]
        ).order_by("pk"):
            found.by_name.setdefault(organisation.folded_name, organisation)
    missing = []
    for key, name in wanted.items():
        if key not in found.by_name:
            organisation = Organisation(network_id=actor.network_id, name=name)
            fits(organisation, {"name": "organisation"})
            missing.append(organisation)
    for organisation in Organisation.objects.bulk_create(missing, batch_size=_CHUNK):
        found.by_name[organisation.folded_name] = organisation
        found.created.append(organisation)
    return found


def _circles(actor: Member, checked: Sequence[_Checked], circle: str | None) -> dict[str, Circle]:
    """Every circle the records' groups (and ``circle``) name, created where missing."""
    wanted: dict[str, str] = {}
    for name in [circle or "", *(group for item in checked for group in item.record.groups)]:
        name = " ".join(name.split())
        if name:
            wanted.setdefault(fold(name), name)
    existing = {
        c.folded_name: c
        for c in Circle.objects.filter(network_id=actor.network_id, folded_name__in=list(wanted))
    }
    for key, name in wanted.items():
        if key not in existing:
            made = Circle(network_id=actor.network_id, name=name)
            fits(made, {"name": "circle"})
            made.save()
            existing[key] = made
    return existing


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
class _Rows:
    points: list[tuple[Any, ...]] = field(default_factory=list)
    jobs: list[tuple[Any, ...]] = field(default_factory=list)
    titled: list[Affiliation] = field(default_factory=list)
    dates: list[tuple[Any, ...]] = field(default_factory=list)
    memberships: list[tuple[Any, ...]] = field(default_factory=list)
    extras: list[tuple[Any, ...]] = field(default_factory=list)
    origins: list[tuple[Any, ...]] = field(default_factory=list)
    people: dict[int, Person] = field(default_factory=dict)  # existing persons changed
    pairs: list[tuple[int, int, float, list[str]]] = field(default_factory=list)

    def save(self) -> None:
        for kind, columns in _COLUMNS.items():
            insert_rows(_MODELS[kind], columns, getattr(self, kind))
        update_rows(Affiliation, ["title"], self.titled)
        update_rows(Person, ["notes", "met_on", "how_we_met"], list(self.people.values()))


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


def _add_facts(
    actor: Member,
    item: _Checked,
    target: _Target,
    organisations: _Organisations,
    circles: dict[str, Circle],
    rows: _Rows,
    every_record_circle: str,
) -> list[str]:
    """Add what the record says and the person lacks; what was added, in words."""
    record, person, network_id = item.record, target.person, actor.network_id
    added: list[str] = []
    # The file's preferred value of a kind first: it becomes the preferred one if the
    # person has none of that kind yet (else the first of the kind does, as when typed).
    ordered = sorted(item.points, key=lambda parsed: parsed.extra.get("preferred") != "True")
    for parsed in ordered:
        if (parsed.kind, parsed.value) in target.points:
            continue
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
    keys = {fold(" ".join(group.split())) for group in record.groups if group.strip()}
    if every_record_circle:
        keys.add(every_record_circle)
    for key in sorted(keys):
        circle = circles[key]
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
    if not target.new:
        changed = False
        if record.note and record.note not in person.notes:
            person.notes = f"{person.notes}\n\n{record.note}".strip()
            changed = True
            added.append("note")
        if record.connected_on and person.met_on is None:
            person.met_on = record.connected_on
            changed = True
        if record.origin and not person.how_we_met:
            person.how_we_met = f"Connected on {record.origin}"
            changed = True
        if changed:
            rows.people[person.pk] = person
    return added
