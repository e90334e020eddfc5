"""A vCard property's value: without its escapes, in its components, as a date."""

from __future__ import annotations

import re

from knoten.core.errors import InvalidInput
from knoten.core.partial_dates import PartialDate, find_partial_date

_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def unescape(text: str, v21: bool) -> str:
    """A text value without its backslash escapes. vCard 2.1 escapes only ``;`` (and
    writers ``,``); 3.0 and 4.0 also ``\\n`` (a line break), ``\\\\`` and, from Google, ``\\:``."""
    if "\\" not in text:
        return text
    if v21:
        return text.replace("\\;", ";").replace("\\,", ",")
    return _ESCAPED.sub(_unescaped, text)


def _unescaped(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char in "nN" else char


def parts_of(text: str, separator: str, v21: bool) -> list[str]:
    """The components of a structured value (N, ADR, ORG: ``;``; CATEGORIES: ``,``),
    each unescaped and trimmed."""
    if "\\" not in text:
        return [part.strip() for part in text.split(separator)]
    parts: list[str] = []
    current: list[str] = []
    index = 0
    total = len(text)
    while index < total:
        char = text[index]
        if char == "\\" and index + 1 < total:
            following = text[index + 1]
            if following in "nN" and not v21:
                current.append("\n")
            elif following in ";,:\\" and not (v21 and following in ":\\"):
                current.append(following)
            else:
                current.append(char + following)
            index += 2
            continue
        if char == separator:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current).strip())
    return parts


def read_date(text: str, params: dict[str, str]) -> PartialDate | None:
    """A vCard date: ``1965-08-12``, ``19650812``, ``--0729``, ``--07-29``, ``1965-08``,
    with a time after ``T`` ignored; Apple's ``X-APPLE-OMIT-YEAR=1604`` means no year."""
    cut = text.find("T")
    if cut > 0:
        text = text[:cut]
    try:
        date = find_partial_date(text)
    except InvalidInput:
        return None
    if date is None:
        return None
    omitted = params.get("X-APPLE-OMIT-YEAR", "").strip()
    if omitted and date.year is not None and str(date.year) == omitted and date.month:
        return PartialDate(None, date.month, date.day)
    return date
