"""Reading a CSV file: :func:`read_csv` takes the header row, makes the plan, and turns
each row into a :class:`~knoten.people.records.ContactRecord`."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any, cast

from knoten.core.errors import InvalidInput
from knoten.core.limits import max_upload_bytes
from knoten.core.partial_dates import PartialDate
from knoten.imports.csv.columns import column_plan
from knoten.imports.csv.dates import DATE_CACHE, read_date
from knoten.imports.csv.formats import FORMATS, ORIGINS, format_of
from knoten.imports.csv.reading import csv_problem, decode, read_header, sniff_delimiter
from knoten.imports.csv.roles import (
    ADDRESS,
    CHILDREN,
    CONNECTED,
    CONTACT,
    CUSTOM,
    DATE,
    DEFAULTED,
    EVENT,
    FIELD,
    GROUPS,
    LABELLED,
    NOTE,
    PHOTO,
    PREFIX,
    PROFILE,
    RELATION,
    Step,
)
from knoten.imports.csv.values import (
    LIST_SPLIT,
    academic,
    clean_label,
    groups_of,
    tidy_names,
    web_kind,
)
from knoten.imports.relations import gender_of
from knoten.people.records import (
    ContactRecord,
    ReadResult,
    RecordContact,
    RecordDate,
    RecordError,
    RecordRelation,
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
    # A cell as long as the file may be: a long note is refused by the import, naming
    # its person, not by the csv module's own limit (128 kB) naming no one.
    csv.field_size_limit(max(csv.field_size_limit(), max_upload_bytes()))
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=sniff_delimiter(text), strict=True)
    try:
        header = read_header(reader, lambda: reader.line_num)
    except csv.Error as error:
        result.errors.append(RecordError(source, 1, csv_problem(error)))
        return result
    if header is None:
        result.errors.append(RecordError(source, 1, "is empty: it has no header row"))
        return result
    format = format or format_of(header.cells, header.preamble)
    if format == "mapped" and not mapping:
        shown = ", ".join(cell for cell in header.cells if cell)
        raise InvalidInput(
            "format",
            source,
            f"is no Google, Outlook, LinkedIn or XING export (its columns: {shown}); "
            "map its columns to fields with --map 'Column=field,…'",
        )
    plan = column_plan(format, header.cells, mapping, source)
    quoted = any(f"'{start}" in text for start in _FORMULA_STARTS)
    _read_rows(reader, plan, len(header.cells), header.line, source, format, result, quoted)
    return result


# What a spreadsheet takes for the start of a formula: an export that keeps to OWASP's
# advice on CSV injection (Knoten's own) writes a single quote before it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _unquoted(cell: str) -> str:
    """A cell without the single quote an export put before a formula-like text."""
    if cell[:1] == "'" and cell[1:2] in _FORMULA_STARTS:
        return cell[1:]
    return cell


def _read_rows(
    reader: Any,  # a csv reader: its line_num says where a row ends
    plan: list[Step],
    width: int,
    line: int,
    source: str,
    format: str,
    result: ReadResult,
    quoted: bool = False,
) -> None:
    """The records of the rows; ``quoted``: some cells may have a quote before a
    formula-like text (:func:`_unquoted`), looked for only then, the loop being hot."""
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
            errors.append(RecordError(source, last + 1, csv_problem(error)))
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
        if quoted:
            row = [_unquoted(cell) for cell in row]
        try:
            records.append(
                _record(row, simple, contact_steps, steps, source, start, origin, google)
            )
        except RecordError as error:
            errors.append(error)


def _split(
    plan: list[Step],
) -> tuple[
    list[tuple[int, str]], list[tuple[int, str, str, bool]], list[tuple[int, int, str, Any]]
]:
    """The plan in three: the name and job fields that one column fills, the contacts of
    a fixed kind, and the rest. The first two are read by tight loops of their own."""
    attrs = Counter(step.arg for step in plan if step.role == FIELD)
    simple: list[tuple[int, str]] = []
    contacts: list[tuple[int, str, str, bool]] = []
    rest: list[tuple[int, int, str, Any]] = []
    for step in plan:
        if step.role == FIELD and attrs[step.arg] == 1:
            simple.append((step.index, str(step.arg)))
        elif step.role == CONTACT and cast(tuple[str, str, bool], step.arg)[0] != "website":
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
        if role == FIELD:
            known = getattr(record, arg)
            setattr(record, arg, f"{known} {value}" if known else value)
        elif role == CONTACT:
            kind, label, preferred = arg
            if kind == "website":
                kind = web_kind(value)
            contacts.append(RecordContact(kind, value, label, preferred))
        elif role == PROFILE:
            contacts.append(RecordContact(arg, value))
            record.uid = record.uid or value
        elif role == CONNECTED:
            connected = DATE_CACHE.get(value)
            record.connected_on = connected or _date(value, header, source, line)
        elif role == LABELLED:
            kind, label_column = arg
            label, preferred = clean_label(row[label_column]) if label_column >= 0 else ("", False)
            for one in value.split(" ::: ") if google else (value,):
                one = one.strip()
                if one:
                    one_kind = web_kind(one) if kind == "website" else kind
                    contacts.append(RecordContact(one_kind, one, label, preferred))
        elif role == ADDRESS:
            group, part, label, label_column = arg
            if addresses is None:
                addresses = {}
            parts = addresses.get(group)
            if parts is None:
                if label_column >= 0:
                    label = clean_label(row[label_column])[0]
                parts = addresses[group] = {"_label": label}
            if part == "po_box":
                record.extra.append((header, value))
            elif part == "formatted":
                parts[part] = value
            else:
                parts[part] = ", ".join(_lines(value)) if "\n" in value else value
        elif role == DATE:
            date = DATE_CACHE.get(value) or _date(value, header, source, line)
            if date is not None:
                record.dates.append(RecordDate(arg[0], date, arg[1]))
        elif role == EVENT:
            label = clean_label(row[arg])[0] if arg >= 0 else ""
            date = _date(value, header, source, line)
            if date is not None:
                folded = label.casefold()
                if folded in ("anniversary", "jahrestag"):
                    record.dates.append(RecordDate("anniversary", date))
                elif folded in ("birthday", "geburtstag"):
                    record.dates.append(RecordDate("birthday", date))
                else:
                    record.dates.append(RecordDate("custom", date, label))
        elif role == RELATION:
            label, label_column = arg
            if label_column >= 0:
                label = clean_label(row[label_column])[0]
            for one in value.split(" ::: ") if google else (value,):
                if one.strip():
                    record.related.append(RecordRelation(one.strip(), label))
        elif role == CHILDREN:
            for one in LIST_SPLIT.split(value):
                if one:
                    record.related.append(RecordRelation(one, "child"))
        elif role == GROUPS:
            for group_name in groups_of(value, arg):
                if group_name not in record.groups:
                    record.groups.append(group_name)
        elif role == NOTE:
            value = value.replace("\r\n", "\n")
            record.note = f"{record.note}\n{value}" if record.note else value
        elif role == PREFIX:
            title, rest = academic(value)
            if title:
                known = record.academic_title
                record.academic_title = f"{known} {title}" if known else title
            if rest:
                record.extra.append((header, rest))
        elif role == CUSTOM:
            label = row[arg].strip() if arg >= 0 else ""
            record.extra.append((label or header, value))
        elif role == PHOTO:
            # Google's "Photo": an address (never fetched, kept as it is, as a vCard's
            # PHOTO address) or a data: URI (kept as the photo, checked on import).
            record.has_photo = True
            if value[:5].lower() == "data:":
                record.photo = record.photo or value
            else:
                if value.lower().startswith(("http://", "https://")):
                    record.photo_url = record.photo_url or value
                record.extra.append((header, value))
        elif role == DEFAULTED:
            if value.casefold() not in arg:
                record.extra.append((header, value))
        else:
            record.extra.append((header, value))
    if addresses:
        for parts in addresses.values():
            address = _address(parts, parts.pop("_label"))
            if address is not None:
                contacts.append(address)
    if record.gender and gender_of(record.gender) == "":
        record.gender = ""  # Outlook's "Unspecified", "Nicht angegeben": not given
    given, family = record.given_name, record.family_name
    if (
        (given and ("." in given or not given.isascii()))
        or (family and ("," in family or not family.isascii()))
        or not record.full_name.isascii()
    ):
        tidy_names(record)
    if not (
        record.given_name or record.family_name or record.full_name or record.nickname or contacts
    ):
        raise RecordError(source, line, "has no name and no contact (e-mail, phone, profile)")
    return record


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


def _date(value: str, header: str, source: str, line: int) -> PartialDate | None:
    try:
        return read_date(value)
    except ValueError as error:
        raise RecordError(source, line, f"{header}: {value!r} {error}") from None
