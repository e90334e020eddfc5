"""A person as a file describes them: one :class:`ContactRecord` per person.

The importers' readers (``knoten.imports.vcard``, ``knoten.imports.csv``) turn a file
into records and say where each record starts; the import run
(``knoten.imports.runs``) decides whether a record is someone new or an existing person
and writes it, every format alike; the duplicate finder (``knoten.dedupe.matching``)
compares records with the persons of the network. The records live here, beside the
persons, so that both can read them without one flow importing the other.

Values stay as the file gave them, trimmed; the import normalises them (phone numbers
to E.164, e-mail addresses to lower case …) through the same parsers as typing them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knoten.core.partial_dates import PartialDate


@dataclass
class RecordContact:
    """One e-mail address, phone number, web address, profile or postal address.

    ``kind`` is a contact kind of ``knoten.people.vocabulary.CONTACT_KINDS``: email,
    phone, website, linkedin, xing, messenger or address. ``label`` is the file's own
    word, cleaned ("work", "mobile", "Privat"); an address also has its parts.
    """

    kind: str
    value: str
    label: str = ""
    preferred: bool = False
    street: str = ""
    postal_code: str = ""
    locality: str = ""
    region: str = ""
    country: str = ""


@dataclass
class RecordDate:
    """A birthday, an anniversary or another date (kind of ``DATE_KINDS``)."""

    kind: str
    date: PartialDate
    label: str = ""


@dataclass
class RecordRelation:
    """Another person the record names, with the file's word for the relation
    (vCard ``RELATED;TYPE=spouse``, Apple's ``X-ABRELATEDNAMES`` with ``_$!<Spouse>!$_``)."""

    name: str
    label: str = ""


@dataclass
class ContactRecord:
    """One person as a file describes them. Empty strings and lists mean "not given"."""

    source: str  # the file's name, for messages
    line: int  # the line the record starts on (1 = the first line of the file)
    # The name: parts when the file has them, else ``full_name`` as written.
    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    additional_names: str = ""  # middle names
    name_particle: str = ""
    academic_title: str = ""  # "Dr.", "Prof. Dr."
    name_suffix: str = ""
    nickname: str = ""
    contacts: list[RecordContact] = field(default_factory=list)
    organisation: str = ""  # the current employer
    department: str = ""
    gender: str = ""  # as the file says it ("F", "Weiblich"); read by imports.relations
    title: str = ""  # the job title at that organisation
    dates: list[RecordDate] = field(default_factory=list)
    related: list[RecordRelation] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # categories, labels → circles
    note: str = ""
    # Where the contact came from: "LinkedIn", "XING" …, and since when (LinkedIn's
    # "Connected On") → how we met.
    origin: str = ""
    connected_on: PartialDate | None = None
    # A stable key from the file, where it has one (vCard UID, a profile URL): the
    # service recognises the record on the next import by it.
    uid: str = ""
    # Whatever the file says that has no place of its own, by its name in the file
    # ("X-MS-OL-DESIGN", "X-ABLabel", "Custom Field 1 - Value"): kept, never dropped.
    extra: list[tuple[str, str]] = field(default_factory=list)
    has_photo: bool = False  # a PHOTO was given (kept if it is ``photo``, below)
    # The photo's data as the file writes it: base64 (vCard 2.1/3.0) or a ``data:`` URI
    # (vCard 4.0); the import decodes and checks it (knoten.people.photos).
    photo: str = ""
    photo_url: str = ""  # a photo given by its address: never fetched

    @property
    def display_name(self) -> str:
        """The name for messages: the parts, else the full name, else the first contact."""
        parts = [self.academic_title, self.given_name, self.name_particle, self.family_name]
        name = " ".join(part for part in parts if part) or self.full_name
        if not name and self.contacts:
            name = self.contacts[0].value
        return name


class RecordError(ValueError):
    """A record that cannot be read: the file, the line and what is wrong.

    A reader raises it for a record it cannot make sense of (a date that is no date, a
    vCard without END). The service stops the import on it, or with ``--skip-invalid``
    lists it and goes on.
    """

    def __init__(self, source: str, line: int, problem: str) -> None:
        super().__init__(f"{source}, line {line}: {problem}")
        self.source = source
        self.line = line
        self.problem = problem


@dataclass
class ReadResult:
    """What a reader made of a file: the records, and those it could not read."""

    records: list[ContactRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
