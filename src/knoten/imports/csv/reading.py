"""From a CSV file's bytes to its rows: the encoding, the delimiter, the header row, and
what the csv module's errors mean in words."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from knoten.imports.encodings import bom_codec


def decode(data: bytes) -> str:
    """The text of ``data``: UTF-8 (a BOM is dropped), UTF-16 or UTF-32 with a BOM, else
    windows-1252."""
    codec = bom_codec(data)
    if codec is not None:
        return data.decode(codec, errors="replace")
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


def sniff_delimiter(text: str) -> str:
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
class Header:
    """A file's header row: its cells, where it is, and whether a preamble came first."""

    cells: list[str]
    line: int  # the line the header row is on
    preamble: bool  # LinkedIn's "Notes:" lines came first


def read_header(reader: Iterator[list[str]], line_of: Callable[[], int]) -> Header | None:
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
        return Header(cells, line_of(), preamble)
    return None


def csv_problem(error: csv.Error) -> str:
    """What is wrong in a line the csv module cannot read, said for people."""
    text = str(error)
    if "unexpected end of data" in text:
        return 'opens a quote (") that is never closed: the rest of the file is inside it'
    if "expected after" in text:
        return f'has text after a closing quote ("): {text}'
    return f"cannot be read as CSV: {text}"
