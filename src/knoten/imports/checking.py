"""One record checked before an import writes it: its name, its contacts normalised as
if typed in, what else it says, and the key it is recognised by when imported again."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.limits import max_text
from knoten.core.names import NameParts, is_title_word, parse_name
from knoten.imports.relations import gender_of
from knoten.people import contacts
from knoten.people.contacts import ParsedContact
from knoten.people.photos import checked_photo, decoded_photo
from knoten.people.records import ContactRecord, RecordError


@dataclass
class Checked:
    """A record with its values as they will be stored."""

    record: ContactRecord
    key: str
    name: NameParts
    points: list[ParsedContact]
    extras: list[tuple[str, str]]
    warnings: list[str]
    photo: tuple[str, bytes] | None = None  # (media type, data), checked


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


def _texts(record: ContactRecord) -> list[tuple[str, str]]:
    """Every text of ``record`` with the word for it in a message."""
    texts = [("note", record.note)]
    for name in (
        "full_name",
        "given_name",
        "family_name",
        "additional_names",
        "name_particle",
        "academic_title",
        "name_suffix",
        "nickname",
        "organisation",
        "department",
        "title",
        "origin",
        "uid",
    ):
        texts.append((name.replace("_", " "), getattr(record, name)))
    texts += [(contact.kind, contact.value) for contact in record.contacts]
    texts += [
        (f"{contact.kind} {part}", getattr(contact, part))
        for contact in record.contacts
        for part in ("label", "street", "postal_code", "locality", "region", "country")
    ]
    texts += [("group", group) for group in record.groups]
    texts += [("related", relation.name) for relation in record.related]
    texts += [(f"field {name!r}", value) for name, value in record.extra]
    return texts


def _refuse_long_texts(record: ContactRecord) -> None:
    """A record with a text longer than :func:`max_text` is refused, the person named."""
    limit = max_text()
    for what, text in _texts(record):
        if len(text) > limit:
            who = record.display_name
            who = who if len(who) <= 60 else who[:60] + "…"
            raise RecordError(
                record.source,
                record.line,
                f"{who or 'a record'}: the {what} is {len(text):,} characters long; at most "
                f"{limit:,} are imported (KNOTEN_IMPORT_MAX_TEXT)",
            )


def check_record(record: ContactRecord) -> Checked:
    """The record as it will be stored; RecordError if it cannot be."""

    def refuse(problem: str) -> RecordError:
        return RecordError(record.source, record.line, problem)

    _refuse_long_texts(record)

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
    if record.gender:
        gender = gender_of(record.gender)
        if gender is None:
            extras.append(("gender", record.gender))
        record.gender = gender or ""
    for relation in record.related:
        extras.append(
            (f"related ({relation.label})" if relation.label else "related", relation.name)
        )
    photo = _photo_of(record, warnings)
    key = _content_key(record, name, points)
    return Checked(record, key, name, points, extras, warnings, photo)


def _photo_of(record: ContactRecord, warnings: list[str]) -> tuple[str, bytes] | None:
    """The record's photo, checked (media type, data); one that cannot be kept (not an
    image, too big) or is only an address is left out with a warning in the report."""
    where = f"{record.source}, line {record.line}"
    if record.photo:
        try:
            data = decoded_photo(record.photo)
            return checked_photo(data), data
        except InvalidInput as error:
            warnings.append(f"{where}: the photo was not kept ({error.message})")
            return None
    if record.photo_url:
        warnings.append(
            f"{where}: the photo at {record.photo_url} was not fetched (nothing is loaded "
            "from other hosts); its address is kept with the imported properties"
        )
    return None
