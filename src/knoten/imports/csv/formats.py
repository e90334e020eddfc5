"""Which export a CSV file is (Google, Outlook, LinkedIn, XING, or "mapped": any other),
read from its header row."""

from __future__ import annotations

import csv
import io

from knoten.imports.csv.reading import read_header, sniff_delimiter

FORMATS = ("google", "outlook", "linkedin", "xing", "mapped")
# The network a format's contacts were connected on (a person's "how we met").
ORIGINS = {"linkedin": "LinkedIn", "xing": "XING"}


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
_OUTLOOK_SIGNS = {sign.casefold() for sign in _OUTLOOK_SIGNS}


def format_of(cells: list[str], preamble: bool) -> str:
    """The format of a file with this header row, after LinkedIn's "Notes:" or not."""
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
    reader = csv.reader(stream, delimiter=sniff_delimiter(text), strict=True)
    try:
        header = read_header(reader, lambda: reader.line_num)
    except csv.Error:
        return "mapped"
    return "mapped" if header is None else format_of(header.cells, header.preamble)
