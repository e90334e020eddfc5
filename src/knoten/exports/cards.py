"""The directory as vCard 4.0 (RFC 6350) and as a Google-Contacts CSV.

The vCard is written here rather than with vobject: vobject 0.9.9 takes 0.33 ms a card
(33 s for the 100,000 persons of the demo network) and sorts the properties
alphabetically; this writer is a string join per line. vobject reads the result back in
the tests. What is written keeps to what Apple Contacts, Google and Outlook read:
``TEL`` as text (not a ``tel:`` URI), ``TYPE`` and ``PREF`` parameters, dates in the
basic form (``19800314``, ``--0314`` without a year), ``RELATED`` as text with the
related person's name.

Every CSV cell that a spreadsheet would take for a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a single quote in front, as
OWASP advises against CSV injection: ``=HYPERLINK(…)`` in a note stays text. A phone
number, a plain number or a date (``+49 171 2345678``, ``-5``, ``--03-14``) calls
nothing and is written as it is, so that the address book that reads the file keeps
it (:func:`csv_cell`).
"""

from __future__ import annotations

import base64
import csv
import io
import re
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from knoten.core.errors import NotFound
from knoten.core.limits import chunks
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.people import vocabulary as v
from knoten.people.models import (
    CONTACT_POINT_FIELDS,
    Affiliation,
    ContactPoint,
    ImportantDate,
    ImportedProperty,
    Person,
    PersonPhoto,
    Relationship,
)

CRLF = "\r\n"
LINE_OCTETS = 75
UID_NAMESPACE = uuid.UUID("7f0e4c61-3d2a-5b8e-9a41-6b6e6f74656e")
PRODID = "-//Knoten//Knoten export//EN"
CSV_RELATIONS = 10
CHUNK = 5000

# A relationship's word for the *other* person (what they are to this one), as the
# TYPE values of RFC 6350 §6.6.6; anything else is a "contact".
_RELATED_TYPES = {
    "parent": "parent",
    "child": "child",
    "spouse": "spouse",
    "sibling": "sibling",
    "relative": "kin",
    "colleague": "colleague",
    "former colleague": "colleague",
    "friend": "friend",
    "acquaintance": "acquaintance",
    "neighbour": "neighbor",
    "seminar acquaintance": "acquaintance",
}
_PHONE_TYPES = {"mobile": "cell", "cell": "cell", "fax": "fax", "pager": "pager"}
_PLACE_TYPES = {"work": "work", "home": "home"}


_POINT_COLUMNS = ("person_id", *CONTACT_POINT_FIELDS)


@dataclass(frozen=True)
class Point:
    """A contact point as the exports read it (no model instance: 10× faster)."""

    person_id: int
    kind: str
    label: str
    value: str
    preferred: bool
    street: str
    postal_code: str
    locality: str
    region: str
    country: str


def _names(network_id: int, ids: set[int]) -> dict[int, str]:
    found = {}
    for pk, title, given, particle, family, nickname in Person.objects.filter(
        network_id=network_id, pk__in=ids
    ).values_list("pk", "academic_title", "given_name", "name_particle", "family_name", "nickname"):
        full = " ".join(part for part in (title, given, particle, family) if part)
        found[pk] = full or nickname
    return found


@dataclass
class Card:
    """What the exports say about one person."""

    person: Person
    uid: str
    org: str = ""
    title: str = ""
    contacts: list[Point] = field(default_factory=list)
    birthday: PartialDate | None = None
    anniversary: PartialDate | None = None
    circles: list[str] = field(default_factory=list)
    # (what the other is to this person, their name, a family kind?)
    related: list[tuple[str, str, bool]] = field(default_factory=list)
    extras: list[tuple[str, str]] = field(default_factory=list)  # imported X- properties
    photo: tuple[str, bytes] | None = None  # (media type, data)


def person_uid(network_id: int, person_id: int) -> str:
    """A stable UID for a person: the same network and person give the same UUID."""
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'knoten:{network_id}:{person_id}')}"


def cards(actor: Member, *, circle: str | None = None) -> list[Card]:
    """Every person of the network (or of one circle), with what the exports need."""
    return list(iter_cards(actor, circle=circle))


def _people_ids(
    actor: Member, circle: str | None, person_ids: Sequence[int] | None = None
) -> list[int]:
    from knoten.people.labels import find_circle

    people = Person.objects.filter(network_id=actor.network_id)
    if circle:
        people = people.filter(circles=find_circle(actor, circle))
    if person_ids is not None:
        wanted = set(person_ids)
        people = people.filter(pk__in=sorted(wanted))
        found = list(people.order_by("sort_name", "pk").values_list("pk", flat=True))
        missing = sorted(wanted - set(found))
        if missing:
            raise NotFound("person", missing[0])
        return found
    return list(people.order_by("sort_name", "pk").values_list("pk", flat=True))


def iter_cards(
    actor: Member, *, circle: str | None = None, person_ids: Sequence[int] | None = None
) -> Iterator[Card]:
    """:func:`cards` 5,000 persons at a time, in the directory's order: a network of
    100,000 persons is never all in memory. ``person_ids``: only these (of the network)."""
    ids = _people_ids(actor, circle, person_ids)  # refused now, not at the first card
    return _cards_of(actor, ids)


def _cards_of(actor: Member, ids: list[int]) -> Iterator[Card]:
    for chunk in chunks(ids, CHUNK):
        yield from _chunk_cards(actor, list(chunk))


def _chunk_cards(actor: Member, chunk: list[int]) -> list[Card]:
    persons = Person.objects.in_bulk(chunk)
    by_id = {pk: Card(persons[pk], person_uid(actor.network_id, pk)) for pk in chunk}
    scope: dict[str, Any] = {"network_id": actor.network_id}
    names = {pk: p.full_name or p.nickname for pk, p in persons.items()}
    for values in (
        ContactPoint.objects.filter(person_id__in=chunk, **scope)
        .order_by("person_id", "kind", "-preferred", "pk")
        .values_list(*_POINT_COLUMNS)
    ):
        point = Point(*values)
        by_id[point.person_id].contacts.append(point)
    for person_id, org, title in (
        Affiliation.objects.filter(person_id__in=chunk, kind="job", end__isnull=True, **scope)
        .order_by("person_id", "-start", "pk")
        .values_list("person_id", "organisation__name", "title")
    ):
        card = by_id[person_id]
        if not card.org:
            card.org, card.title = org, title
    for person_id, kind, date in (
        ImportantDate.objects.filter(
            person_id__in=chunk, kind__in=["birthday", "anniversary"], **scope
        )
        .order_by("person_id", "pk")
        .values_list("person_id", "kind", "date")
    ):
        card = by_id[person_id]
        if kind == "birthday":
            card.birthday = date
        elif card.anniversary is None:
            card.anniversary = date
    through = Person.circles.through
    for person_id, name in (
        through.objects.filter(person_id__in=chunk)
        .order_by("person_id", "circle__name")
        .values_list("person_id", "circle__name")
    ):
        by_id[person_id].circles.append(name)
    edges = list(
        Relationship.objects.filter(
            Q(from_person_id__in=chunk) | Q(to_person_id__in=chunk), **scope
        )
        .order_by("pk")
        .values_list("pk", "from_person_id", "to_person_id", "kind")
    )
    unnamed = {pk for _, a, b, _ in edges for pk in (a, b) if pk not in names}
    if unnamed:
        names.update(_names(actor.network_id, unnamed))
    for _rel_id, from_id, to_id, code in edges:
        word = v.KINDS_BY_CODE.get(code)
        if word is None:
            continue
        # from_person is <forward> of to_person: in to_person's card, from_person is
        # the <forward>; in from_person's card, to_person is the <reverse>.
        if to_id in by_id:
            by_id[to_id].related.append((word.forward, names[from_id], word.family))
        if from_id in by_id:
            by_id[from_id].related.append((word.reverse, names[to_id], word.family))
    for prop in ImportedProperty.objects.filter(person_id__in=chunk, **scope).order_by("pk"):
        if re.fullmatch(r"X-[A-Za-z0-9-]+", prop.name):
            by_id[prop.person_id].extras.append((prop.name.upper(), prop.value))
    photos = PersonPhoto.objects.filter(person_id__in=chunk, **scope)
    for person_id, media_type, data in photos.values_list("person_id", "content_type", "data"):
        by_id[person_id].photo = (media_type, bytes(data))
    return [by_id[pk] for pk in chunk]


# --- vCard ----------------------------------------------------------------------------------


def escape(text: str) -> str:
    """A text value as RFC 6350 §3.4 writes it: backslash, comma, semicolon, newline."""
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets (RFC 6350 §3.2), never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def vcard_date(date: PartialDate) -> str:
    """RFC 6350 §4.3.1: ``19800314``, ``--0314`` (no year), ``1980-03``, ``1980``."""
    if date.year is None:
        return f"--{date.month:02d}{date.day:02d}"
    if date.month is None:
        return f"{date.year:04d}"
    if date.day is None:
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}{date.month:02d}{date.day:02d}"


def _params(types: Sequence[str], preferred: bool) -> str:
    text = ""
    if types:
        text += ";TYPE=" + ",".join(types)
    if preferred:
        text += ";PREF=1"
    return text


def _label_types(label: str, table: dict[str, str]) -> list[str]:
    found = table.get(label.strip().casefold())
    return [found] if found else []


def vcard_of(card: Card) -> str:
    """One person's vCard 4.0, CRLF line ends, folded."""
    p = card.person
    family = " ".join(part for part in (p.name_particle, p.family_name) if part)
    full = p.full_name or p.nickname or "?"
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"PRODID:{PRODID}",
        f"UID:{card.uid}",
        f"FN:{escape(full)}",
        "N:" + ";".join(escape(x) for x in (family, p.given_name, "", p.academic_title, "")),
    ]
    if p.nickname:
        lines.append(f"NICKNAME:{escape(p.nickname)}")
    if card.org:
        lines.append(f"ORG:{escape(card.org)}")
    if card.title:
        lines.append(f"TITLE:{escape(card.title)}")
    for point in card.contacts:
        kind, label = point.kind, point.label
        if kind == "email":
            types = _label_types(label, _PLACE_TYPES)
            lines.append(f"EMAIL{_params(types, point.preferred)}:{escape(point.value)}")
        elif kind == "phone":
            types = _label_types(label, _PLACE_TYPES) + _label_types(label, _PHONE_TYPES)
            lines.append(f"TEL{_params(types, point.preferred)}:{escape(point.value)}")
        elif kind == "address":
            types = _label_types(label, _PLACE_TYPES)
            parts = [
                "",
                "",
                point.street or ("" if point.locality else point.value),
                point.locality,
                point.region,
                point.postal_code,
                point.country,
            ]
            lines.append(
                f"ADR{_params(types, point.preferred)}:" + ";".join(escape(x) for x in parts)
            )
        elif kind in {"website", "linkedin", "xing"}:
            types = _label_types(label, _PLACE_TYPES)
            lines.append(f"URL{_params(types, point.preferred)}:{escape(point.value)}")
        elif kind == "messenger":
            service = re.sub(r"[^A-Za-z0-9-]", "", label) or "messenger"
            handle = point.value if ":" in point.value else f"{service.lower()}:{point.value}"
            lines.append(f"IMPP;X-SERVICE-TYPE={service}:{escape(handle)}")
    if card.birthday is not None:
        lines.append(f"BDAY:{vcard_date(card.birthday)}")
    if card.anniversary is not None:
        lines.append(f"ANNIVERSARY:{vcard_date(card.anniversary)}")
    if card.circles:
        lines.append("CATEGORIES:" + ",".join(escape(name) for name in card.circles))
    if p.notes:
        lines.append(f"NOTE:{escape(p.notes)}")
    for role, name, _family in card.related:
        kind = _RELATED_TYPES.get(role, "contact")
        lines.append(f"RELATED;TYPE={kind};VALUE=text:{escape(name)}")
    for name, value in card.extras:
        lines.append(f"{name}:{escape(value)}")
    if card.photo is not None:
        media_type, data = card.photo
        lines.append(f"PHOTO:data:{media_type};base64,{base64.b64encode(data).decode('ascii')}")
    lines.append("END:VCARD")
    return "".join(fold_line(line) + CRLF for line in lines)


def export_vcard(
    actor: Member, *, circle: str | None = None, person_ids: Sequence[int] | None = None
) -> str:
    """Every person of the network (or of ``circle``, or those of ``person_ids``: a
    list's selection) as vCard 4.0 (RFC 6350)."""
    cards = iter_cards(actor, circle=circle, person_ids=person_ids)
    return "".join(vcard_of(card) for card in cards)


# --- CSV (Google Contacts) ------------------------------------------------------------------

GOOGLE_NAME_HEADERS = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
]
_ADDRESS_PARTS = [
    "Formatted",
    "Street",
    "City",
    "PO Box",
    "Region",
    "Postal Code",
    "Country",
    "Extended Address",
]
_GOOGLE_LABELS = {"work": "Work", "home": "Home", "mobile": "Mobile", "other": "Other"}


def _google_label(label: str, preferred: bool) -> str:
    shown = _GOOGLE_LABELS.get(label.strip().casefold(), label.strip())
    return f"* {shown}" if preferred and shown else ("* Other" if preferred else shown)


def _google_date(date: PartialDate | None) -> str:
    if date is None:
        return ""
    if date.year is None:
        return f"--{date.month:02d}-{date.day:02d}"
    return date.isoformat()


# What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number, a phone number or Google's date without a year (``--03-14``): digits,
# spaces and . , / ( ) - + only; nothing a formula could call or point at.
_PLAIN_NUMBER = re.compile(r"[+-]{0,2}[0-9][0-9 .,/()+-]*")


def csv_cell(value: str) -> str:
    """``value`` as a CSV cell no spreadsheet runs: a single quote before a formula."""
    if value.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_headers(counts: dict[str, int]) -> list[str]:
    """The header row, with as many numbered columns as the fullest row needs."""
    headers = list(GOOGLE_NAME_HEADERS)
    for kind, noun in (("email", "E-mail"), ("phone", "Phone")):
        for n in range(1, max(1, counts.get(kind, 0)) + 1):
            headers += [f"{noun} {n} - Label", f"{noun} {n} - Value"]
    for n in range(1, max(1, counts.get("address", 0)) + 1):
        headers += [f"Address {n} - Label"] + [f"Address {n} - {part}" for part in _ADDRESS_PARTS]
    for kind, noun in (("website", "Website"), ("related", "Relation"), ("event", "Event")):
        for n in range(1, max(1, counts.get(kind, 0)) + 1):
            headers += [f"{noun} {n} - Label", f"{noun} {n} - Value"]
    return headers


def _csv_row(card: Card) -> dict[str, str]:
    p = card.person
    row = {
        "First Name": p.given_name,
        "Last Name": " ".join(part for part in (p.name_particle, p.family_name) if part),
        "Name Prefix": p.academic_title,
        "Nickname": p.nickname,
        "Organization Name": card.org,
        "Organization Title": card.title,
        "Birthday": _google_date(card.birthday),
        "Notes": p.notes,
        "Labels": " ::: ".join(["* myContacts", *card.circles]),
    }
    numbered: dict[str, int] = defaultdict(int)
    for point in card.contacts:
        kind = point.kind
        if kind in {"linkedin", "xing"}:
            kind = "website"
        if kind == "messenger":
            continue
        numbered[kind] += 1
        n = numbered[kind]
        noun = {"email": "E-mail", "phone": "Phone", "website": "Website", "address": "Address"}[
            kind
        ]
        label = point.label or ({"linkedin": "LinkedIn", "xing": "XING"}.get(point.kind, ""))
        row[f"{noun} {n} - Label"] = _google_label(label, point.preferred)
        if kind == "address":
            parts = [point.street, f"{point.postal_code} {point.locality}".strip(), point.country]
            row[f"Address {n} - Formatted"] = "\n".join(x for x in parts if x) or point.value
            row[f"Address {n} - Street"] = point.street
            row[f"Address {n} - City"] = point.locality
            row[f"Address {n} - Region"] = point.region
            row[f"Address {n} - Postal Code"] = point.postal_code
            row[f"Address {n} - Country"] = point.country
        else:
            row[f"{noun} {n} - Value"] = point.value
    # Family first, and a handful: a hub's hundreds of relations would be hundreds of
    # columns that no address book shows.
    related = sorted(card.related, key=lambda item: not item[2])[:CSV_RELATIONS]
    for n, (role, name, _family) in enumerate(related, start=1):
        row[f"Relation {n} - Label"] = role
        row[f"Relation {n} - Value"] = name
    if card.anniversary is not None:
        row["Event 1 - Label"] = "Anniversary"
        row["Event 1 - Value"] = _google_date(card.anniversary)
    return row


def _column_counts(actor: Member) -> dict[str, int]:
    """How many numbered columns of each kind the fullest person needs (asked of the
    database, so that the rows can be written as they are read)."""
    nouns = {"email": "email", "phone": "phone", "address": "address"}
    nouns.update({"website": "website", "linkedin": "website", "xing": "website"})
    counts: dict[str, int] = defaultdict(int)
    per_person: dict[tuple[int, str], int] = defaultdict(int)
    for person_id, kind in ContactPoint.objects.filter(network_id=actor.network_id).values_list(
        "person_id", "kind"
    ):
        noun = nouns.get(kind)
        if noun is not None:
            per_person[(person_id, noun)] += 1
    for (_person, noun), count in per_person.items():
        counts[noun] = max(counts[noun], count)
    related: dict[int, int] = defaultdict(int)
    for a, b in Relationship.objects.filter(network_id=actor.network_id).values_list(
        "from_person_id", "to_person_id"
    ):
        related[a] += 1
        related[b] += 1
    counts["related"] = min(CSV_RELATIONS, max(related.values(), default=0))
    counts["event"] = 1
    return counts


def export_csv(actor: Member, *, circle: str | None = None) -> str:
    """One row per person, with the headers of a Google Contacts export."""
    ids = _people_ids(actor, circle)  # an unknown circle is refused before anything
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=csv_headers(_column_counts(actor)), lineterminator="\r\n"
    )
    writer.writeheader()
    for chunk in chunks(ids, CHUNK):
        for card in _chunk_cards(actor, list(chunk)):
            writer.writerow({key: csv_cell(value) for key, value in _csv_row(card).items()})
    return buffer.getvalue()
