"""A file of contacts into records: its format, given or read from its content, and the
reader of that format (:mod:`knoten.imports.vcard`, :mod:`knoten.imports.csv`)."""

from __future__ import annotations

from knoten.core.errors import InvalidInput
from knoten.core.limits import refuse_large_upload
from knoten.imports.encodings import bom_codec
from knoten.people.records import ReadResult

# What ``--format`` takes; "csv" is a CSV with a column mapping.
FORMATS = ("vcard", "google", "outlook", "linkedin", "xing", "csv", "json")


def detect_format(data: bytes) -> str:
    """ "vcard", "json" or a CSV format ("google", "linkedin" …), from the content."""
    codec = bom_codec(data)
    if codec is not None and codec != "utf-8-sig":
        # UTF-16 or UTF-32 (Outlook, Windows' address book): its start as UTF-8.
        data = data[:16384].decode(codec, errors="ignore").encode("utf-8")
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
    refuse_large_upload(len(data), source)
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
