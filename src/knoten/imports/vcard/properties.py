"""One content line of a vCard into a :class:`Property`: its group, name, TYPE words
and other parameters, and its value decoded."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from knoten.imports.vcard.cards import Unreadable, head_of
from knoten.imports.vcard.decoding import from_quoted_printable

# Bare parameters of vCard 2.1 that name an encoding, not a type.
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})


@dataclass(slots=True)
class Property:
    """One content line, its value decoded (charset, quoted-printable) but not unescaped."""

    line: int
    group: str  # lower case, "" without
    name: str  # upper case
    written: str  # the name as the file writes it, for ``extra``
    types: tuple[str, ...]  # lower-case TYPE values and bare (2.1) parameters
    params: dict[str, str]  # the other parameters by upper-case name (shared: read only)
    value: str
    binary: bool = False


def _split_quoted(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    quoted = False
    begin = 0
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(text[begin:index])
            begin = index + 1
    parts.append(text[begin:])
    return parts


def read_property(line: int, text: str) -> Property:
    """The property of a logical line; :class:`Unreadable` if it has no colon."""
    head = head_of(text)
    if len(head) == len(text):
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise Unreadable(line, f"{shown!r} is not a vCard property (no colon)")
    value = text[len(head) + 1 :]
    group, name, written, types, params = _parse_head(head)
    prop = Property(line, group, name, written, types, params, value)
    encoding = params.get("ENCODING", "").upper()
    if encoding in ("QUOTED-PRINTABLE", "QP"):
        prop.value = from_quoted_printable(value, params.get("CHARSET"))
    elif encoding in ("B", "BASE64") or value[:5].lower() == "data:":
        prop.binary = True
    return prop


@functools.lru_cache(maxsize=4096)
def _parse_head(head: str) -> tuple[str, str, str, tuple[str, ...], dict[str, str]]:
    """The group, upper-case name, written name, types and other parameters of a
    property's head. Cached: a file repeats the same few heads on every card, so the
    parameters it gives are shared and never changed."""
    parts = _split_quoted(head, ";") if '"' in head else head.split(";")
    written = parts[0].strip()
    group = ""
    dot = written.rfind(".")
    if dot >= 0:
        group = written[:dot].lower()
        written = written[dot + 1 :]
    types: list[str] = []
    params: dict[str, str] = {}
    for part in parts[1:]:
        key, equals, given = part.partition("=")
        key = key.strip()
        if not equals:
            word = key.upper()
            if word in _ENCODINGS:
                params["ENCODING"] = word
            elif word:
                types.append(key.lower())
            continue
        key = key.upper()
        if key == "TYPE":
            for word in given.split(","):
                word = word.strip().strip('"').lower()
                if word:
                    types.append(word)
        else:
            given = given.strip().strip('"')
            params[key] = f"{params[key]},{given}" if key in params else given
    return group, written.upper(), written, tuple(types), params
