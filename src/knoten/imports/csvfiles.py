"""Reading the CSV exports of Google Contacts, Outlook, LinkedIn and XING, and any CSV
with a column mapping, into :class:`~knoten.imports.records.ContactRecord` objects.

The encoding is read from the bytes (UTF-8 with or without a BOM, UTF-16 with a BOM,
else windows-1252), the delimiter from the header line (comma, semicolon or tab), and
the format from the header row (:func:`detect_csv_format`). Each column is given a
role once, from its header (a *plan*); every row then only walks the columns it has
values in, so reading stays close to the csv module's own speed.

What a row says that has no place in a record (an unknown column, Outlook's
"User 1", Google's "Custom Field 1") goes into ``record.extra`` under the column's
name: kept, never dropped. Only Outlook's bookkeeping columns with their empty defaults
("Priority: Normal", "Private: False", "E-mail Type: SMTP") and what it derives from
the name ("E-mail Display Name", "Initials") are left out, and Google's "Address 1 -
Formatted" where the address has its parts."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from knoten.core.errors import InvalidInput
from knoten.core.names import is_title_word
from knoten.core.partial_dates import PartialDate
from knoten.imports.records import (
    ContactRecord,
    ReadResult,
    RecordContact,
    RecordDate,
    RecordError,
    RecordRelation,
)

FORMATS = ("google", "outlook", "linkedin", "xing", "mapped")
MAP_TARGETS = (
    "given_name",
    "family_name",
    "full_name",
    "nickname",
    "academic_title",
    "email",
    "phone",
    "mobile",
    "website",
    "linkedin",
    "xing",
    "organisation",
    "title",
    "department",
    "birthday",
    "street",
    "postal_code",
    "locality",
    "region",
    "country",
    "note",
    "groups",
    "connected_on",
    "ignore",
)
ORIGINS = {"linkedin": "LinkedIn", "xing": "XING"}

# ---------------------------------------------------------------------------------------
# Decoding and the header


def decode(data: bytes) -> str:
    """The text of ``data``: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            # UTF-8 cut inside its last letter (the first 64 kB of a file, say).
            return data[: error.start].decode("utf-8")
    try:
        return data.decode("windows-1252")
    except UnicodeDecodeError:
        # The five bytes windows-1252 leaves undefined: read as Latin-1 control codes.
        return data.decode("latin-1")


def _sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one a line near the top has most of (outside quotes)."""
    best, best_count = ",", 0
    for number, line in enumerate(text[:65536].splitlines()):
        if number >= 8:
            break
        unquoted = re.sub(r'"[^"]*"', "", line)
        for delimiter in (",", ";", "\t"):
            count = unquoted.count(delimiter)
            if count > best_count:
                best, best_count = delimiter, count
    return best


@dataclass
class _Header:
    cells: list[str]
    line: int  # the line the header row is on
    preamble: bool  # LinkedIn's "Notes:" lines came first


def _read_header(reader: Iterator[list[str]], line_of: Callable[[], int]) -> _Header | None:
    """The header row: the first row with a value, after LinkedIn's "Notes:" preamble."""
    preamble = False
    for row in reader:
        cells = [cell.strip().lstrip("\ufeff").strip() for cell in row]
        filled = [cell for cell in cells if cell]
        if not filled:
            continue
        if not preamble and filled[0].casefold() == "notes:" and len(filled) == 1:
            preamble = True
            continue
        if preamble and len(filled) < 2:
            continue  # the note itself
        while cells and not cells[-1]:
            cells.pop()  # Excel's trailing delimiters
        return _Header(cells, line_of(), preamble)
    return None


def _folded_headers(cells: list[str]) -> set[str]:
    return {cell.casefold() for cell in cells}


_OUTLOOK_SIGNS = {
    "e-mail address",
    "business phone",
    "home phone",
    "mobile phone",
    "job title",
    "business street",
    "home street",
    "web page",
    "e-mail-adresse",
    "telefon geschäftlich",
    "straße geschäftlich",
    "weitere vornamen",
    "kategorien",
    "categories",
    "notizen",
}


def _detect(cells: list[str], preamble: bool) -> str:
    folded = _folded_headers(cells)
    if preamble or "connected on" in folded:
        return "linkedin"
    if (
        "group membership" in folded
        or "labels" in folded
        or "e-mail 1 - value" in folded
        or "phone 1 - value" in folded
        or {"given name", "family name"} <= folded
    ):
        return "google"
    if (
        any("xing" in cell for cell in folded)
        or "profil-url" in folded
        or "e-mail geschäftlich" in folded
    ):
        return "xing"
    has_name = bool(folded & {"first name", "last name", "vorname", "nachname"})
    if has_name and folded & _OUTLOOK_SIGNS:
        return "outlook"
    return "mapped"


def detect_csv_format(text: str) -> str:
    """Which export ``text`` is, from its header row (and LinkedIn's "Notes:" preamble):
    google, outlook, linkedin or xing; "mapped" for any other CSV (it needs a mapping)."""
    text = text.lstrip("\ufeff")
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=_sniff_delimiter(text), strict=True)
    try:
        header = _read_header(reader, lambda: reader.line_num)
    except csv.Error:
        return "mapped"
    return "mapped" if header is None else _detect(header.cells, header.preamble)


# ---------------------------------------------------------------------------------------
# The mapping


def parse_mapping(text: str) -> dict[str, str]:
    """``{"Vorname": "given_name", …}`` from ``"Vorname=given_name,Nachname=family_name"``.

    A column header may itself hold a comma ("Name, Vorname=full_name"); the target is
    after the last ``=``. An unknown target, a pair without ``=`` or an empty mapping is
    :class:`InvalidInput`.
    """
    pairs: list[str] = []
    pending = ""
    for piece in (text or "").split(","):
        if not piece.strip() and not pending:
            continue
        if "=" in piece:
            pairs.append(pending + piece)
            pending = ""
        else:
            pending += piece + ","  # a column header with a comma in it
    if pending.strip(", "):
        raise InvalidInput(
            "map", pending.strip(", "), "is not COLUMN=FIELD (such as 'Vorname=given_name')"
        )
    mapping: dict[str, str] = {}
    for pair in pairs:
        if not pair.strip():
            continue
        column, equals, target = pair.rpartition("=")
        column, target = column.strip(), target.strip().casefold().replace("-", "_")
        if not equals or not column:
            raise InvalidInput(
                "map", pair.strip(), "is not COLUMN=FIELD (such as 'Vorname=given_name')"
            )
        if target not in MAP_TARGETS:
            raise InvalidInput(
                "map", target, f"is not a field to map to; use one of {', '.join(MAP_TARGETS)}"
            )
        if column in mapping:
            raise InvalidInput("map", column, "is mapped twice")
        mapping[column] = target
    if not mapping:
        raise InvalidInput(
            "map", text, "is empty; give COLUMN=FIELD pairs such as 'Vorname=given_name'"
        )
    return mapping


# ---------------------------------------------------------------------------------------
# Roles: what a column means. A plan is one (index, role, arguments) per column.

_FIELD = 1  # arg: attribute name
_CONTACT = 2  # arg: (kind, label, preferred)
_LABELLED = 3  # arg: (kind, label column): Google's "E-mail 1 - Value"
_ADDRESS = 4  # arg: (group, part, label, label column)
_DATE = 5  # arg: (kind, label)
_EVENT = 6  # arg: label column
_RELATION = 7  # arg: (label, label column)
_GROUPS = 8  # arg: True for Google's labels
_EXTRA = 9
_CUSTOM = 10  # arg: label column
_PREFIX = 11
_PHOTO = 12
_CONNECTED = 13
_PROFILE = 14  # arg: kind (linkedin, xing): a contact and the record's uid
_NOTE = 15
_DEFAULTED = 16  # arg: the values that mean "nothing"
_IGNORE = 17
_CHILDREN = 18


@dataclass(frozen=True)
class _Step:
    index: int
    role: int
    header: str
    arg: object = None


_NO_VALUES = frozenset(
    {"unspecified", "normal", "false", "aus", "nicht angegeben", "unbestimmt", "falsch", "0"}
)

# Labels that Google and Outlook write in English: stored in lower case.
_KNOWN_LABELS = {
    "work",
    "home",
    "mobile",
    "other",
    "main",
    "work fax",
    "home fax",
    "other fax",
    "pager",
    "work mobile",
    "work pager",
    "google voice",
    "iphone",
    "school",
    "blog",
    "profile",
    "homepage",
    "home page",
    "ftp",
    "spouse",
    "child",
    "mother",
    "father",
    "parent",
    "brother",
    "sister",
    "friend",
    "relative",
    "manager",
    "assistant",
    "partner",
    "domestic partner",
    "referred by",
    "anniversary",
}


def _clean_label(label: str) -> tuple[str, bool]:
    """Google's "* Work" → ("work", preferred); "Mobile" → "mobile"; own words kept."""
    preferred = label.startswith("*")
    label = label.lstrip("* ").strip()
    lowered = label.casefold()
    return (lowered if lowered in _KNOWN_LABELS else label), preferred


def _web_kind(value: str) -> str:
    lowered = value.casefold()
    if "linkedin.com/" in lowered:
        return "linkedin"
    if "xing.com/" in lowered or "xing.de/" in lowered:
        return "xing"
    return "website"


_GOOGLE_FIXED: dict[str, tuple[int, object]] = {
    "first name": (_FIELD, "given_name"),
    "given name": (_FIELD, "given_name"),
    "middle name": (_FIELD, "additional_names"),
    "additional name": (_FIELD, "additional_names"),
    "last name": (_FIELD, "family_name"),
    "family name": (_FIELD, "family_name"),
    "name": (_FIELD, "full_name"),
    "name prefix": (_PREFIX, None),
    "name suffix": (_FIELD, "name_suffix"),
    "nickname": (_FIELD, "nickname"),
    "organization name": (_FIELD, "organisation"),
    "organization title": (_FIELD, "title"),
    "organization department": (_FIELD, "department"),
    "birthday": (_DATE, ("birthday", "")),
    "notes": (_NOTE, None),
    "photo": (_PHOTO, None),
    "labels": (_GROUPS, True),
    "group membership": (_GROUPS, True),
}
_GOOGLE_NUMBERED = re.compile(
    r"^(?P<what>e-mail|phone|address|website|relation|event|custom field|organization|im)"
    r" (?P<n>\d+) - (?P<part>.+)$"
)
_GOOGLE_KINDS = {"e-mail": "email", "phone": "phone", "website": "website", "im": "messenger"}
_GOOGLE_ADDRESS_PARTS = {
    "formatted": "formatted",
    "street": "street",
    "city": "locality",
    "po box": "po_box",
    "region": "region",
    "postal code": "postal_code",
    "country": "country",
    "extended address": "extended",
}


def _google_plan(header: list[str]) -> list[_Step]:
    folded = [cell.casefold() for cell in header]
    position = {cell: index for index, cell in reversed(list(enumerate(folded)))}
    steps: list[_Step] = []
    for index, cell in enumerate(folded):
        name = header[index]
        fixed = _GOOGLE_FIXED.get(cell)
        if fixed is not None:
            steps.append(_Step(index, fixed[0], name, fixed[1]))
            continue
        match = _GOOGLE_NUMBERED.match(cell)
        if match is None:
            steps.append(_Step(index, _EXTRA, name))
            continue
        what, number, part = match.group("what"), match.group("n"), match.group("part")
        prefix = f"{what} {number} - "
        label_column = position.get(prefix + "label", position.get(prefix + "type", -1))
        if part in ("label", "type") or (what == "im" and part == "service"):
            continue  # read with its value
        if what in _GOOGLE_KINDS and part == "value":
            kind = _GOOGLE_KINDS[what]
            if what == "im":
                label_column = position.get(prefix + "service", label_column)
            steps.append(_Step(index, _LABELLED, name, (kind, label_column)))
        elif what == "address" and part in _GOOGLE_ADDRESS_PARTS:
            arg = (number, _GOOGLE_ADDRESS_PARTS[part], "", label_column)
            steps.append(_Step(index, _ADDRESS, name, arg))
        elif what == "relation" and part == "value":
            steps.append(_Step(index, _RELATION, name, ("", label_column)))
        elif what == "event" and part == "value":
            steps.append(_Step(index, _EVENT, name, label_column))
        elif what == "custom field" and part == "value":
            steps.append(_Step(index, _CUSTOM, name, label_column))
        elif what == "organization" and number == "1" and part in ("name", "title", "department"):
            attr = {"name": "organisation", "title": "title", "department": "department"}[part]
            steps.append(_Step(index, _FIELD, name, attr))
        else:
            steps.append(_Step(index, _EXTRA, name))
    return steps


# Outlook's German headers, as the English ones they stand for.
_OUTLOOK_GERMAN = {
    "anrede": "title",
    "titel": "title",
    "vorname": "first name",
    "weitere vornamen": "middle name",
    "nachname": "last name",
    "suffix": "suffix",
    "firma": "company",
    "abteilung": "department",
    "position": "job title",
    "straße geschäftlich": "business street",
    "straße geschäftlich 2": "business street 2",
    "straße geschäftlich 3": "business street 3",
    "ort geschäftlich": "business city",
    "region geschäftlich": "business state",
    "postleitzahl geschäftlich": "business postal code",
    "land/region geschäftlich": "business country/region",
    "land geschäftlich": "business country/region",
    "postfach geschäftlich": "business address po box",
    "straße privat": "home street",
    "straße privat 2": "home street 2",
    "straße privat 3": "home street 3",
    "ort privat": "home city",
    "bundesland/kanton privat": "home state",
    "region privat": "home state",
    "postleitzahl privat": "home postal code",
    "land/region privat": "home country/region",
    "land privat": "home country/region",
    "postfach privat": "home address po box",
    "weitere straße": "other street",
    "weitere straße 2": "other street 2",
    "weitere straße 3": "other street 3",
    "weiterer ort": "other city",
    "weiteres/r bundesland/kanton": "other state",
    "weitere region": "other state",
    "weitere postleitzahl": "other postal code",
    "weiteres/e land/region": "other country/region",
    "weiteres land": "other country/region",
    "weiteres postfach": "other address po box",
    "telefon assistent": "assistant's phone",
    "fax geschäftlich": "business fax",
    "telefon geschäftlich": "business phone",
    "telefon geschäftlich 2": "business phone 2",
    "rückmeldung": "callback",
    "autotelefon": "car phone",
    "telefon firma": "company main phone",
    "fax privat": "home fax",
    "telefon privat": "home phone",
    "telefon (privat)": "home phone",
    "telefon privat 2": "home phone 2",
    "telefon (privat 2)": "home phone 2",
    "mobiltelefon": "mobile phone",
    "mobiltelefon 2": "mobile phone 2",
    "weiteres fax": "other fax",
    "weiteres telefon": "other phone",
    "haupttelefon": "primary phone",
    "telefon für hörbehinderte": "tty/tdd phone",
    "e-mail-adresse": "e-mail address",
    "e-mail-typ": "e-mail type",
    "e-mail: angezeigter name": "e-mail display name",
    "e-mail 2: adresse": "e-mail 2 address",
    "e-mail 2: typ": "e-mail 2 type",
    "e-mail 2: angezeigter name": "e-mail 2 display name",
    "e-mail 3: adresse": "e-mail 3 address",
    "e-mail 3: typ": "e-mail 3 type",
    "e-mail 3: angezeigter name": "e-mail 3 display name",
    "geburtstag": "birthday",
    "jahrestag": "anniversary",
    "kategorien": "categories",
    "notizen": "notes",
    "webseite": "web page",
    "partner": "spouse",
    "partner/in": "spouse",
    "kinder": "children",
    "name des/der vorgesetzten": "manager's name",
    "name des/r vorgesetzten": "manager's name",
    "name assistent": "assistant's name",
    "assistent(in)": "assistant's name",
    "geschlecht": "gender",
    "priorität": "priority",
    "privat": "private",
    "vertraulichkeit": "sensitivity",
    "initialen": "initials",
}
_OUTLOOK_PHONES = {
    "assistant's phone": ("assistant", False),
    "business fax": ("work fax", False),
    "business phone": ("work", False),
    "business phone 2": ("work", False),
    "callback": ("callback", False),
    "car phone": ("car", False),
    "company main phone": ("main", False),
    "home fax": ("home fax", False),
    "home phone": ("home", False),
    "home phone 2": ("home", False),
    "isdn": ("isdn", False),
    "mobile phone": ("mobile", False),
    "mobile phone 2": ("mobile", False),
    "other fax": ("other fax", False),
    "other phone": ("other", False),
    "pager": ("pager", False),
    "primary phone": ("", True),
    "radio phone": ("radio", False),
    "tty/tdd phone": ("tty", False),
    "telex": ("telex", False),
}
_OUTLOOK_FIXED: dict[str, tuple[int, object]] = {
    "title": (_PREFIX, None),
    "first name": (_FIELD, "given_name"),
    "middle name": (_FIELD, "additional_names"),
    "last name": (_FIELD, "family_name"),
    "suffix": (_FIELD, "name_suffix"),
    "nickname": (_FIELD, "nickname"),
    "company": (_FIELD, "organisation"),
    "department": (_FIELD, "department"),
    "job title": (_FIELD, "title"),
    "e-mail address": (_CONTACT, ("email", "", False)),
    "e-mail 2 address": (_CONTACT, ("email", "", False)),
    "e-mail 3 address": (_CONTACT, ("email", "", False)),
    "web page": (_CONTACT, ("website", "", False)),
    "personal web page": (_CONTACT, ("website", "home", False)),
    "imaddress": (_CONTACT, ("messenger", "", False)),
    "birthday": (_DATE, ("birthday", "")),
    "anniversary": (_DATE, ("anniversary", "")),
    "categories": (_GROUPS, False),
    "notes": (_NOTE, None),
    "spouse": (_RELATION, ("spouse", -1)),
    "children": (_CHILDREN, None),
    "manager's name": (_RELATION, ("manager", -1)),
    "assistant's name": (_RELATION, ("assistant", -1)),
    "e-mail type": (_IGNORE, None),
    "e-mail 2 type": (_IGNORE, None),
    "e-mail 3 type": (_IGNORE, None),
    "e-mail display name": (_IGNORE, None),
    "e-mail 2 display name": (_IGNORE, None),
    "e-mail 3 display name": (_IGNORE, None),
    "gender": (_DEFAULTED, _NO_VALUES),
    "priority": (_DEFAULTED, _NO_VALUES),
    "private": (_DEFAULTED, _NO_VALUES),
    "sensitivity": (_DEFAULTED, _NO_VALUES),
    "initials": (_IGNORE, None),
}
_OUTLOOK_ADDRESS = re.compile(
    r"^(?P<group>business|home|other) (?P<part>street|street 2|street 3|city|state"
    r"|postal code|country/region|country|address po box)$"
)
_OUTLOOK_ADDRESS_PARTS = {
    "street": "street",
    "street 2": "street2",
    "street 3": "street3",
    "city": "locality",
    "state": "region",
    "postal code": "postal_code",
    "country/region": "country",
    "country": "country",
    "address po box": "po_box",
}
_GROUP_LABELS = {"business": "work", "home": "home", "other": "other"}


def _outlook_plan(header: list[str]) -> list[_Step]:
    steps: list[_Step] = []
    for index, name in enumerate(header):
        cell = name.casefold()
        cell = _OUTLOOK_GERMAN.get(cell, cell)
        fixed = _OUTLOOK_FIXED.get(cell)
        if fixed is not None:
            if fixed[0] != _IGNORE:
                steps.append(_Step(index, fixed[0], name, fixed[1]))
        elif cell in _OUTLOOK_PHONES:
            label, preferred = _OUTLOOK_PHONES[cell]
            steps.append(_Step(index, _CONTACT, name, ("phone", label, preferred)))
        elif match := _OUTLOOK_ADDRESS.match(cell):
            group = match.group("group")
            part = _OUTLOOK_ADDRESS_PARTS[match.group("part")]
            steps.append(_Step(index, _ADDRESS, name, (group, part, _GROUP_LABELS[group], -1)))
        else:
            steps.append(_Step(index, _EXTRA, name))
    return steps


_LINKEDIN_FIXED: dict[str, tuple[int, object]] = {
    "first name": (_FIELD, "given_name"),
    "last name": (_FIELD, "family_name"),
    "url": (_PROFILE, "linkedin"),
    "profile url": (_PROFILE, "linkedin"),
    "email address": (_CONTACT, ("email", "", False)),
    "company": (_FIELD, "organisation"),
    "position": (_FIELD, "title"),
    "connected on": (_CONNECTED, None),
}

_XING_FIXED: dict[str, tuple[int, object]] = {
    "anrede": (_PREFIX, None),
    "titel": (_PREFIX, None),
    "vorname": (_FIELD, "given_name"),
    "nachname": (_FIELD, "family_name"),
    "name": (_FIELD, "full_name"),
    "firma": (_FIELD, "organisation"),
    "unternehmen": (_FIELD, "organisation"),
    "position": (_FIELD, "title"),
    "abteilung": (_FIELD, "department"),
    "e-mail": (_CONTACT, ("email", "", False)),
    "e-mail geschäftlich": (_CONTACT, ("email", "work", False)),
    "e-mail privat": (_CONTACT, ("email", "home", False)),
    "telefon geschäftlich": (_CONTACT, ("phone", "work", False)),
    "telefon privat": (_CONTACT, ("phone", "home", False)),
    "mobiltelefon geschäftlich": (_CONTACT, ("phone", "mobile", False)),
    "mobil geschäftlich": (_CONTACT, ("phone", "mobile", False)),
    "mobiltelefon privat": (_CONTACT, ("phone", "mobile", False)),
    "mobil privat": (_CONTACT, ("phone", "mobile", False)),
    "mobiltelefon": (_CONTACT, ("phone", "mobile", False)),
    "fax geschäftlich": (_CONTACT, ("phone", "work fax", False)),
    "fax privat": (_CONTACT, ("phone", "home fax", False)),
    "webseite": (_CONTACT, ("website", "", False)),
    "webseite geschäftlich": (_CONTACT, ("website", "work", False)),
    "homepage": (_CONTACT, ("website", "", False)),
    "homepage geschäftlich": (_CONTACT, ("website", "work", False)),
    "homepage privat": (_CONTACT, ("website", "home", False)),
    "profil-url": (_PROFILE, "xing"),
    "profil": (_PROFILE, "xing"),
    "profile url": (_PROFILE, "xing"),
    "xing-profil": (_PROFILE, "xing"),
    "xing profil": (_PROFILE, "xing"),
    "xing-profil-url": (_PROFILE, "xing"),
    "xing-url": (_PROFILE, "xing"),
    "geburtstag": (_DATE, ("birthday", "")),
    "geburtsdatum": (_DATE, ("birthday", "")),
    "notiz": (_NOTE, None),
    "notizen": (_NOTE, None),
    "schlagwörter": (_GROUPS, False),
    "schlagworte": (_GROUPS, False),
    "tags": (_GROUPS, False),
    "kategorien": (_GROUPS, False),
    "kontakt seit": (_CONNECTED, None),
    "verbunden seit": (_CONNECTED, None),
    # The same export with XING set to English.
    "salutation": (_PREFIX, None),
    "title": (_PREFIX, None),
    "first name": (_FIELD, "given_name"),
    "last name": (_FIELD, "family_name"),
    "company": (_FIELD, "organisation"),
    "business email": (_CONTACT, ("email", "work", False)),
    "private email": (_CONTACT, ("email", "home", False)),
    "business phone": (_CONTACT, ("phone", "work", False)),
    "business mobile phone": (_CONTACT, ("phone", "mobile", False)),
    "mobile phone": (_CONTACT, ("phone", "mobile", False)),
    "private phone": (_CONTACT, ("phone", "home", False)),
    "private mobile phone": (_CONTACT, ("phone", "mobile", False)),
    "xing profile": (_PROFILE, "xing"),
    "birthday": (_DATE, ("birthday", "")),
    "notes": (_NOTE, None),
}
_XING_ADDRESS_EN = re.compile(
    r"^(?P<group>business|private) (?P<part>street|zip code|postal code|city|country|state)$"
)
_XING_ADDRESS = re.compile(
    r"^(?P<part>straße|strasse|plz|postleitzahl|ort|stadt|land|bundesland|region)"
    r" \(?(?P<group>geschaftlich|geschäftlich|geschaeftlich|gesch\.|privat)\)?$"
)
_XING_ADDRESS_PARTS = {
    "straße": "street",
    "strasse": "street",
    "plz": "postal_code",
    "postleitzahl": "postal_code",
    "ort": "locality",
    "stadt": "locality",
    "land": "country",
    "bundesland": "region",
    "region": "region",
    "street": "street",
    "zip code": "postal_code",
    "postal code": "postal_code",
    "city": "locality",
    "country": "country",
    "state": "region",
}


def _xing_plan(header: list[str]) -> list[_Step]:
    steps: list[_Step] = []
    for index, name in enumerate(header):
        cell = name.casefold()
        fixed = _XING_FIXED.get(cell)
        if fixed is not None:
            steps.append(_Step(index, fixed[0], name, fixed[1]))
        elif match := _XING_ADDRESS.match(cell) or _XING_ADDRESS_EN.match(cell):
            group = match.group("group")
            label = "home" if group in ("privat", "private") else "work"
            part = _XING_ADDRESS_PARTS[match.group("part")]
            steps.append(_Step(index, _ADDRESS, name, (group, part, label, -1)))
        else:
            steps.append(_Step(index, _EXTRA, name))
    return steps


def _fixed_plan(table: dict[str, tuple[int, object]]) -> Callable[[list[str]], list[_Step]]:
    def plan(header: list[str]) -> list[_Step]:
        steps = []
        for index, name in enumerate(header):
            role, arg = table.get(name.casefold(), (_EXTRA, None))
            steps.append(_Step(index, role, name, arg))
        return steps

    return plan


_MAPPED_ROLES: dict[str, tuple[int, object]] = {
    "given_name": (_FIELD, "given_name"),
    "family_name": (_FIELD, "family_name"),
    "full_name": (_FIELD, "full_name"),
    "nickname": (_FIELD, "nickname"),
    "academic_title": (_FIELD, "academic_title"),
    "organisation": (_FIELD, "organisation"),
    "title": (_FIELD, "title"),
    "department": (_FIELD, "department"),
    "email": (_CONTACT, ("email", "", False)),
    "phone": (_CONTACT, ("phone", "", False)),
    "mobile": (_CONTACT, ("phone", "mobile", False)),
    "website": (_CONTACT, ("website", "", False)),
    "linkedin": (_PROFILE, "linkedin"),
    "xing": (_PROFILE, "xing"),
    "birthday": (_DATE, ("birthday", "")),
    "street": (_ADDRESS, ("mapped", "street", "", -1)),
    "postal_code": (_ADDRESS, ("mapped", "postal_code", "", -1)),
    "locality": (_ADDRESS, ("mapped", "locality", "", -1)),
    "region": (_ADDRESS, ("mapped", "region", "", -1)),
    "country": (_ADDRESS, ("mapped", "country", "", -1)),
    "note": (_NOTE, None),
    "groups": (_GROUPS, False),
    "connected_on": (_CONNECTED, None),
    "ignore": (_IGNORE, None),
}


_V = TypeVar("_V")


def _fold_keys(table: dict[str, _V]) -> None:
    """Headers are compared case-folded ("Straße" as "strasse"): so are a table's keys."""
    folded = {key.casefold(): value for key, value in table.items()}
    table.clear()
    table.update(folded)


for _table in (_GOOGLE_FIXED, _OUTLOOK_FIXED, _LINKEDIN_FIXED, _XING_FIXED):
    _fold_keys(_table)
_fold_keys(_OUTLOOK_GERMAN)
_OUTLOOK_SIGNS = {sign.casefold() for sign in _OUTLOOK_SIGNS}

_PLANS: dict[str, Callable[[list[str]], list[_Step]]] = {
    "google": _google_plan,
    "outlook": _outlook_plan,
    "linkedin": _fixed_plan(_LINKEDIN_FIXED),
    "xing": _xing_plan,
    "mapped": lambda header: [_Step(i, _EXTRA, name) for i, name in enumerate(header)],
}


def _plan(
    format: str, header: list[str], mapping: dict[str, str] | None, source: str
) -> list[_Step]:
    steps = {step.index: step for step in _PLANS[format](header)}
    if mapping:
        exact = {name: index for index, name in reversed(list(enumerate(header)))}
        loose = {name.casefold(): index for index, name in reversed(list(enumerate(header)))}
        for column, target in mapping.items():
            index = exact.get(column, loose.get(column.strip().casefold(), -1))
            if index < 0:
                shown = ", ".join(name for name in header if name)
                raise InvalidInput(
                    "map", column, f"is not a column of {source}; its columns are: {shown}"
                )
            role, arg = _MAPPED_ROLES[target]
            steps[index] = _Step(index, role, header[index], arg)
    return [
        step if step.header else _Step(step.index, _EXTRA, f"column {step.index + 1}")
        for _, step in sorted(steps.items())
        if step.role != _IGNORE
    ]


# ---------------------------------------------------------------------------------------
# Values: dates, names, groups

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "jän", "jänner"),
            ("feb", "february", "februar"),
            ("mar", "march", "mär", "märz", "maerz", "mrz"),
            ("apr", "april"),
            ("may", "mai"),
            ("jun", "june", "juni"),
            ("jul", "july", "juli"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october", "okt", "oktober"),
            ("nov", "november"),
            ("dec", "december", "dez", "dezember"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$|^--(\d{1,2})-?(\d{1,2})$")
_BASIC_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_WORDED = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_WORDED_US = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
# Outlook writes these for "no date".
_NO_DATES = {
    "0/0/00",
    "1/0/00",
    "0.0.00",
    "00.00.00",
    "00.00.0000",
    "0/0/0000",
    "1/1/4501",
    "01.01.4501",
    "1.1.4501",
}

_DATE_CACHE: dict[str, PartialDate | None] = {}


class _NotADate(ValueError):
    pass


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years: Outlook's short date; 30 and later are the 1900s.
        year += 1900 if year >= 30 else 2000
    return year


def read_date(text: str) -> PartialDate | None:
    """A date as the exports write it; None for Outlook's "no date" (``0/0/00``).

    ISO (``1980-03-14``, ``--03-14``, ``19800314``), German (``14.03.1980``,
    ``14.03.``), Outlook's US form (``3/14/1980``; a first number above 12 reads as the
    day), LinkedIn's ``14 Mar 2023`` and ``Mar 14, 2023``, and ``14. März 2023``.
    Anything else raises ValueError.
    """
    cached = _DATE_CACHE.get(text, _DATE_CACHE)
    if cached is not _DATE_CACHE:
        return cached  # type: ignore[return-value]
    found = _read_date(text)
    if len(_DATE_CACHE) < 50_000:
        _DATE_CACHE[text] = found
    return found


_MIDNIGHT = re.compile(r"[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$")


def _read_date(text: str) -> PartialDate | None:
    if ":" in text:
        text = _MIDNIGHT.sub("", text)  # "14.03.1980 00:00:00" from a spreadsheet
    if text in _NO_DATES:
        return None
    try:
        # LinkedIn's "14 Mar 2023", the most frequent by far: read without a regex.
        day_word, _, rest = text.partition(" ")
        month_word, _, year_word = rest.partition(" ")
        if (
            day_word.isdigit()
            and len(year_word) == 4
            and year_word.isdigit()
            and month_word.casefold() in _MONTHS
        ):
            return PartialDate(int(year_word), _MONTHS[month_word.casefold()], int(day_word))
        if match := _ISO_DATE.match(text):
            year, month, day, bare_month, bare_day = match.groups()
            if year is not None:
                return PartialDate(
                    int(year), int(month) if month else None, int(day) if day else None
                )
            return PartialDate(None, int(bare_month), int(bare_day))
        if match := _BASIC_DATE.match(text):
            return PartialDate(int(match[1]), int(match[2]), int(match[3]))
        if match := _DOTTED.match(text):
            if int(match[1]) == 0 and int(match[2]) == 0:
                return None
            year_text = match[3]
            return PartialDate(
                _year(year_text) if year_text else None, int(match[2]), int(match[1])
            )
        if match := _SLASHED.match(text):
            first, second, year_text = int(match[1]), int(match[2]), match[3]
            if first == 0 or second == 0:
                return None
            month, day = (second, first) if first > 12 else (first, second)
            return PartialDate(_year(year_text), month, day)
        if match := _WORDED.match(text):
            month = _MONTHS.get(match[2].casefold())
            if month is not None:
                return PartialDate(int(match[3]), month, int(match[1]))
        if match := _WORDED_US.match(text):
            month = _MONTHS.get(match[1].casefold())
            if month is not None:
                return PartialDate(int(match[3]), month, int(match[2]))
    except ValueError as error:
        raise _NotADate(f"is not a date: {error}") from None
    raise _NotADate("is not a date")


# Emoji and the like that people put into their names on LinkedIn ("Anna 🚀"): the
# symbol blocks (arrows, technical, shapes, dingbats, pictographs), the variation
# selector, the zero-width joiner, the keycap and the tag letters of flag sequences.
_DECORATION = re.compile(
    "[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3"
    "\U0001f000-\U0001faff\U000e0020-\U000e007f]+"
)


def _clean_name_part(text: str) -> str:
    """A name without emoji and the like ("Anna 🚀" → "Anna")."""
    if text.isascii() or not _DECORATION.search(text):
        return text
    return " ".join(_DECORATION.sub(" ", text).split())


def _is_title(word: str) -> bool:
    """A word of an academic title: Dr., Prof., and the compounds Dr.-Ing., Dipl.-Kfm. …"""
    return is_title_word(word) or word.casefold().startswith(("dipl.-", "dr.-", "dr.rer."))


def _academic(text: str) -> tuple[str, str]:
    """("Dr.", "Herr") from "Herr Dr.": the academic words and the rest."""
    words = text.split()
    title = [word for word in words if _is_title(word)]
    rest = [word for word in words if word not in title]
    return " ".join(title), " ".join(rest)


def _tidy_names(record: ContactRecord) -> None:
    """Academic titles before a given name, ", MBA" after a family name, and emoji."""
    record.given_name = _clean_name_part(record.given_name)
    record.family_name = _clean_name_part(record.family_name)
    record.full_name = _clean_name_part(record.full_name)
    record.nickname = _clean_name_part(record.nickname)
    given = record.given_name
    if "." in given:
        words = given.split()
        titles = []
        while len(words) > 1 and (_is_title(words[0])):
            titles.append(words.pop(0))
        if titles:
            record.given_name = " ".join(words)
            known = record.academic_title
            record.academic_title = " ".join(part for part in (known, *titles) if part)
    family = record.family_name
    if "," in family:
        name, _, suffix = family.partition(",")
        if name.strip() and suffix.strip():
            record.family_name = name.strip()
            known = record.name_suffix
            record.name_suffix = ", ".join(part for part in (known, suffix.strip()) if part)


_SYSTEM_LABELS = {"mycontacts", "starred", "* mycontacts", "* starred"}
_LIST_SPLIT = re.compile(r"\s*(?::::|;|,)\s*")


def _groups(value: str, google: bool) -> list[str]:
    """The groups in a cell: Google's joined by " ::: " (its own "* myContacts" and
    "* starred" left out), others' by ";" or ","."""
    parts = value.split(" ::: ") if google else _LIST_SPLIT.split(value)
    groups = []
    for part in parts:
        part = part.strip()
        if part and part.casefold() not in _SYSTEM_LABELS:
            groups.append(part.lstrip("* ").strip() if google else part)
    return groups


# ---------------------------------------------------------------------------------------
# Reading


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _one_line(parts: dict[str, str]) -> str:
    town = " ".join(part for part in (parts.get("postal_code"), parts.get("locality")) if part)
    return ", ".join(
        part
        for part in (parts.get("street"), town, parts.get("region"), parts.get("country"))
        if part
    )


def _address(parts: dict[str, str], label: str) -> RecordContact | None:
    street = ", ".join(
        part for part in (parts.get("street"), parts.get("street2"), parts.get("street3")) if part
    )
    if parts.get("extended"):
        street = ", ".join(part for part in (street, parts["extended"]) if part)
    parts["street"] = street
    value = _one_line(parts)
    if not value and parts.get("formatted"):
        value = ", ".join(_lines(parts["formatted"]))
    if not value:
        return None
    return RecordContact(
        "address",
        value,
        label,
        street=street,
        postal_code=parts.get("postal_code", ""),
        locality=parts.get("locality", ""),
        region=parts.get("region", ""),
        country=parts.get("country", ""),
    )


def read_csv(
    data: bytes,
    source: str,
    *,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
) -> ReadResult:
    """The records of a CSV export, and a :class:`RecordError` for each row it cannot read.

    ``format`` is one of :data:`FORMATS`, else it is detected. ``mapping`` (from
    :func:`parse_mapping`) gives columns their field; it is required for a CSV of no
    known export and overrides a known export's reading of the columns it names. A
    mapping naming a column the file does not have, or a file that needs a mapping and
    has none, is :class:`InvalidInput`.
    """
    if format is not None and format not in FORMATS:
        raise InvalidInput(
            "format", format, f"is not a CSV format; use one of {', '.join(FORMATS)}"
        )
    result = ReadResult()
    text = decode(data)
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=_sniff_delimiter(text), strict=True)
    try:
        header = _read_header(reader, lambda: reader.line_num)
    except csv.Error as error:
        result.errors.append(RecordError(source, 1, _csv_problem(error)))
        return result
    if header is None:
        result.errors.append(RecordError(source, 1, "is empty: it has no header row"))
        return result
    format = format or _detect(header.cells, header.preamble)
    if format == "mapped" and not mapping:
        shown = ", ".join(cell for cell in header.cells if cell)
        raise InvalidInput(
            "format",
            source,
            f"is no Google, Outlook, LinkedIn or XING export (its columns: {shown}); "
            "map its columns to fields with --map 'Column=field,…'",
        )
    plan = _plan(format, header.cells, mapping, source)
    _read_rows(reader, plan, len(header.cells), header.line, source, format, result)
    return result


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return 'opens a quote (") that is never closed: the rest of the file is inside it'
    if "expected after" in text:
        return f'has text after a closing quote ("): {text}'
    return f"cannot be read as CSV: {text}"


def _read_rows(
    reader: Any,  # a csv reader: its line_num says where a row ends
    plan: list[_Step],
    width: int,
    line: int,
    source: str,
    format: str,
    result: ReadResult,
) -> None:
    origin = ORIGINS.get(format, "")
    google = format == "google"
    records = result.records
    errors = result.errors
    simple, contact_steps, steps = _split(plan)
    last = line
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            errors.append(RecordError(source, last + 1, _csv_problem(error)))
            last = reader.line_num
            continue
        start = last + 1
        last = reader.line_num
        if not any(row):
            continue  # a blank line, or only delimiters
        if len(row) != width:
            if len(row) > width and not any(row[width:]):
                row = row[:width]
            else:
                errors.append(
                    RecordError(
                        source, start, f"has {len(row)} columns where the header has {width}"
                    )
                )
                continue
        try:
            records.append(
                _record(row, simple, contact_steps, steps, source, start, origin, google)
            )
        except RecordError as error:
            errors.append(error)


def _split(
    plan: list[_Step],
) -> tuple[
    list[tuple[int, str]], list[tuple[int, str, str, bool]], list[tuple[int, int, str, Any]]
]:
    """The plan in three: the name and job fields that one column fills, the contacts of
    a fixed kind, and the rest. The first two are read by tight loops of their own."""
    attrs = Counter(step.arg for step in plan if step.role == _FIELD)
    simple: list[tuple[int, str]] = []
    contacts: list[tuple[int, str, str, bool]] = []
    rest: list[tuple[int, int, str, Any]] = []
    for step in plan:
        if step.role == _FIELD and attrs[step.arg] == 1:
            simple.append((step.index, str(step.arg)))
        elif step.role == _CONTACT and cast(tuple[str, str, bool], step.arg)[0] != "website":
            kind, label, preferred = cast(tuple[str, str, bool], step.arg)
            contacts.append((step.index, kind, label, preferred))
        else:
            rest.append((step.index, step.role, step.header, step.arg))
    return simple, contacts, rest


def _record(
    row: list[str],
    simple: list[tuple[int, str]],
    contact_steps: list[tuple[int, str, str, bool]],
    steps: list[tuple[int, int, str, Any]],
    source: str,
    line: int,
    origin: str,
    google: bool,
) -> ContactRecord:
    record = ContactRecord(source, line, origin=origin)
    for index, attr in simple:
        value = row[index]
        if value:
            setattr(record, attr, value.strip())
    contacts = record.contacts
    for index, kind, label, preferred in contact_steps:
        value = row[index]
        if value:
            value = value.strip()
            if value:
                contacts.append(RecordContact(kind, value, label, preferred))
    addresses: dict[object, dict[str, str]] | None = None
    for index, role, header, arg in steps:
        value = row[index]
        if not value:
            continue
        value = value.strip()
        if not value:
            continue
        if role == _FIELD:
            known = getattr(record, arg)
            setattr(record, arg, f"{known} {value}" if known else value)
        elif role == _CONTACT:
            kind, label, preferred = arg
            if kind == "website":
                kind = _web_kind(value)
            contacts.append(RecordContact(kind, value, label, preferred))
        elif role == _PROFILE:
            contacts.append(RecordContact(arg, value))
            record.uid = record.uid or value
        elif role == _CONNECTED:
            connected = _DATE_CACHE.get(value)
            record.connected_on = connected or _date(value, header, source, line)
        elif role == _LABELLED:
            kind, label_column = arg
            label, preferred = _clean_label(row[label_column]) if label_column >= 0 else ("", False)
            for one in value.split(" ::: ") if google else (value,):
                one = one.strip()
                if one:
                    one_kind = _web_kind(one) if kind == "website" else kind
                    contacts.append(RecordContact(one_kind, one, label, preferred))
        elif role == _ADDRESS:
            group, part, label, label_column = arg
            if addresses is None:
                addresses = {}
            parts = addresses.get(group)
            if parts is None:
                if label_column >= 0:
                    label = _clean_label(row[label_column])[0]
                parts = addresses[group] = {"_label": label}
            if part == "po_box":
                record.extra.append((header, value))
            elif part == "formatted":
                parts[part] = value
            else:
                parts[part] = ", ".join(_lines(value)) if "\n" in value else value
        elif role == _DATE:
            date = _DATE_CACHE.get(value) or _date(value, header, source, line)
            if date is not None:
                record.dates.append(RecordDate(arg[0], date, arg[1]))
        elif role == _EVENT:
            label = _clean_label(row[arg])[0] if arg >= 0 else ""
            date = _date(value, header, source, line)
            if date is not None:
                folded = label.casefold()
                if folded in ("anniversary", "jahrestag"):
                    record.dates.append(RecordDate("anniversary", date))
                elif folded in ("birthday", "geburtstag"):
                    record.dates.append(RecordDate("birthday", date))
                else:
                    record.dates.append(RecordDate("custom", date, label))
        elif role == _RELATION:
            label, label_column = arg
            if label_column >= 0:
                label = _clean_label(row[label_column])[0]
            for one in value.split(" ::: ") if google else (value,):
                if one.strip():
                    record.related.append(RecordRelation(one.strip(), label))
        elif role == _CHILDREN:
            for one in _LIST_SPLIT.split(value):
                if one:
                    record.related.append(RecordRelation(one, "child"))
        elif role == _GROUPS:
            for group_name in _groups(value, arg):
                if group_name not in record.groups:
                    record.groups.append(group_name)
        elif role == _NOTE:
            value = value.replace("\r\n", "\n")
            record.note = f"{record.note}\n{value}" if record.note else value
        elif role == _PREFIX:
            title, rest = _academic(value)
            if title:
                known = record.academic_title
                record.academic_title = f"{known} {title}" if known else title
            if rest:
                record.extra.append((header, rest))
        elif role == _CUSTOM:
            label = row[arg].strip() if arg >= 0 else ""
            record.extra.append((label or header, value))
        elif role == _PHOTO:
            record.has_photo = True
        elif role == _DEFAULTED:
            if value.casefold() not in arg:
                record.extra.append((header, value))
        else:
            record.extra.append((header, value))
    if addresses:
        for parts in addresses.values():
            address = _address(parts, parts.pop("_label"))
            if address is not None:
                contacts.append(address)
    given, family = record.given_name, record.family_name
    if (
        (given and ("." in given or not given.isascii()))
        or (family and ("," in family or not family.isascii()))
        or not record.full_name.isascii()
    ):
        _tidy_names(record)
    if not (
        record.given_name or record.family_name or record.full_name or record.nickname or contacts
    ):
        raise RecordError(source, line, "has no name and no contact (e-mail, phone, profile)")
    return record


def _date(value: str, header: str, source: str, line: int) -> PartialDate | None:
    try:
        return read_date(value)
    except ValueError as error:
        raise RecordError(source, line, f"{header}: {value!r} {error}") from None
