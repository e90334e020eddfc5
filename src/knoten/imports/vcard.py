"""Reading vCard files (2.1, 3.0 and 4.0) into contact records, as real programs write them.

:func:`read_vcards` turns the bytes of a ``.vcf`` file into one
:class:`~knoten.imports.records.ContactRecord` per card, and a
:class:`~knoten.imports.records.RecordError` for each card it cannot read (the others
are still read). It copes with what phones, Apple Contacts, Google and Outlook write:

- the file in UTF-8 (with or without BOM), UTF-16 with BOM, or windows-1252 as a whole
  (Outlook); a line that is not UTF-8 is read as windows-1252, whatever else the file is;
- folded lines (a line break and one space or tab), vCard 2.1's QUOTED-PRINTABLE values
  with soft line breaks (``=`` at the end of a line) in the ``CHARSET`` they name, and
  2.1's base64 blocks that run until a blank line;
- Outlook's unnamed type parameters (``TEL;WORK;VOICE:``), 3.0's ``TYPE=work,pref``
  and 4.0's ``TYPE="voice,cell";PREF=1``;
- Apple's grouped properties (``item1.EMAIL`` with ``item1.X-ABLabel:_$!<Mobile>!$_``
  or a label of the user's own), ``X-ABRELATEDNAMES``, ``X-ABADR``, ``X-ABDATE`` and
  ``X-APPLE-OMIT-YEAR`` (a birthday without year);
- dates as ``1965-08-12``, ``19650812``, ``--0729``, ``--07-29`` or ``1965-08-12T00:00:00Z``.

Every property the record has no field for is kept in ``record.extra`` by its name in
the file; only VERSION, PRODID and REV are left out. Nothing here touches the database.

The content lines are read here, not with ``vobject``: vobject stops at (or, told to go
on, silently drops) the continuation of a QUOTED-PRINTABLE soft line break, files the
2.1 unnamed parameters apart from TYPE, knows no charset but the file's, and is slow.
On 10,000 generated cards with these quirks (measured on a shared machine, best of 3),
``list(vobject.readComponents(text))`` took 7.5 s and this reader, all mapping
included, 1.1 s: about seven times as fast.
"""

from __future__ import annotations

import binascii
import codecs
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from knoten.core.errors import InvalidInput
from knoten.core.names import is_particle, is_title_word
from knoten.core.partial_dates import PartialDate, find_partial_date
from knoten.imports.records import (
    ContactRecord,
    ReadResult,
    RecordContact,
    RecordDate,
    RecordError,
    RecordRelation,
)

# Properties that say nothing about the person: left out of ``extra``.
_NOISE = frozenset({"VERSION", "PRODID", "REV"})
# Bare parameters of vCard 2.1 that name an encoding, not a type.
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
# TYPE values to the label they give; those in _NOT_LABELS give none.
_TYPE_LABELS = {
    "work": "work",
    "home": "home",
    "main": "main",
    "other": "other",
    "school": "school",
    "cell": "mobile",
    "mobile": "mobile",
    "iphone": "mobile",
    "fax": "fax",
    "pager": "pager",
    "car": "car",
    "video": "video",
    "isdn": "isdn",
    "bbs": "bbs",
    "modem": "modem",
    "pcs": "pcs",
    "textphone": "textphone",
}
_PLACES = ("work", "home", "main", "other", "school")
_NOT_LABELS = frozenset(
    {"pref", "voice", "internet", "text", "msg", "dom", "intl", "postal", "parcel", "uri"}
)
# Apple's own labels, ``_$!<HomeFAX>!$_``, by their lower-cased inner word.
_APPLE_LABEL = re.compile(r"^_\$!<(?P<word>.*)>!\$_$")
_APPLE_LABELS = {
    "homefax": "home fax",
    "workfax": "work fax",
    "otherfax": "fax",
    "iphone": "mobile",
    "homepage": "homepage",
    "main": "main",
}
# Old-style messenger properties (Apple, Evolution, KAddressBook, Outlook) → the service.
_MESSENGERS = {
    "X-SKYPE": "Skype",
    "X-SKYPE-USERNAME": "Skype",
    "X-MS-IMADDRESS": "",
    "X-AIM": "AIM",
    "X-ICQ": "ICQ",
    "X-JABBER": "Jabber",
    "X-MSN": "MSN",
    "X-YAHOO": "Yahoo",
    "X-GOOGLE-TALK": "Google Talk",
    "X-GTALK": "Google Talk",
    "X-QQ": "QQ",
    "X-GADUGADU": "Gadu-Gadu",
}
# An IMPP address's scheme → the service, where the file names none.
_SCHEMES = {
    "skype": "Skype",
    "callto": "Skype",
    "xmpp": "Jabber",
    "aim": "AIM",
    "icq": "ICQ",
    "msnim": "MSN",
    "ymsgr": "Yahoo",
    "gtalk": "Google Talk",
    "sip": "SIP",
    "facebook": "Facebook",
}
# Dates of other names than BDAY and ANNIVERSARY, and the kind they are.
_DATES = {
    "BDAY": "birthday",
    "ANNIVERSARY": "anniversary",
    "X-ANNIVERSARY": "anniversary",
    "X-MS-ANNIVERSARY": "anniversary",
    "X-EVOLUTION-ANNIVERSARY": "anniversary",
    "X-KADDRESSBOOK-X-ANNIVERSARY": "anniversary",
}
# Related persons named by a property of their own, and the relation.
_RELATED = {
    "X-SPOUSE": "spouse",
    "X-MS-SPOUSE": "spouse",
    "X-EVOLUTION-SPOUSE": "spouse",
    "X-KADDRESSBOOK-X-SPOUSENAME": "spouse",
    "X-MANAGER": "manager",
    "X-MS-MANAGER": "manager",
    "X-EVOLUTION-MANAGER": "manager",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "manager",
    "X-ASSISTANT": "assistant",
    "X-MS-ASSISTANT": "assistant",
    "X-EVOLUTION-ASSISTANT": "assistant",
    "X-KADDRESSBOOK-X-ASSISTANTSNAME": "assistant",
}
# Salutations in N's prefix: not an academic title, kept in ``extra`` as "N-PREFIX".
_SALUTATIONS = frozenset(
    {"herr", "frau", "hr.", "fr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx."}
)
# Google's group of every contact: no circle of its own.
_EVERYONE_GROUPS = frozenset({"mycontacts"})
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:)?(?://)?(?:[^@/?#]*@)?(?:www\.)?(?P<host>[^/:?#]*)")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_BINARY_KEPT = frozenset({"KEY"})  # base64 worth keeping as it is (a public key)


class _Unreadable(Exception):
    """A card that cannot be read: the line and what is wrong there."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


@dataclass(slots=True)
class _Property:
    """One content line, its value decoded (charset, quoted-printable) but not unescaped."""

    line: int
    group: str  # lower case, "" without
    name: str  # upper case
    written: str  # the name as the file writes it, for ``extra``
    types: tuple[str, ...]  # lower-case TYPE values and bare (2.1) parameters
    params: dict[str, str]  # the other parameters by upper-case name (shared: read only)
    value: str
    binary: bool = False


@dataclass(slots=True)
class _Card:
    line: int  # of BEGIN:VCARD
    lines: list[tuple[int, str]] = field(default_factory=list)  # logical lines
    problem: _Unreadable | None = None


def read_vcards(data: bytes, source: str) -> ReadResult:
    """The records of a vCard file, and a :class:`RecordError` for each card it cannot read.

    ``source`` names the file in messages. A file without any ``BEGIN:VCARD`` gives one
    error at line 1; text outside the cards gives an error at its first line.
    """
    result = ReadResult()
    lines = _decode(data)
    cards, stray = _split_cards(lines)
    if not cards:
        result.errors.append(
            RecordError(source, 1, "no vCard in this file (no line BEGIN:VCARD); is it a vCard?")
        )
        return result
    for line, problem in stray:
        result.errors.append(RecordError(source, line, problem))
    for card in cards:
        try:
            if card.problem is not None:
                raise card.problem
            result.records.append(_CardReader(card, source).read())
        except _Unreadable as unreadable:
            result.errors.append(RecordError(source, unreadable.line, unreadable.problem))
    result.errors.sort(key=lambda error: error.line)
    return result


# --- bytes to lines -----------------------------------------------------------------------


def _decode(data: bytes) -> list[str]:
    """The file's physical lines as text.

    UTF-8 (a BOM is dropped) and UTF-16 with a BOM are read as such; a file that is not
    UTF-8 as a whole is read line by line, each line as UTF-8 where it is and as
    windows-1252 where not (Outlook's ANSI export, or 2.1 lines in ``CHARSET=ISO-8859-1``).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _split_lines(data.decode("utf-16"))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return _split_lines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    raw_lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    lines = []
    for raw in raw_lines:
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(_windows_1252(raw))
    return lines


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _windows_1252(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes windows-1252 leaves undefined
        return raw.decode("latin-1")


def _codec(charset: str | None) -> str:
    """The Python codec of a CHARSET parameter; ISO-8859-1 is read as its superset
    windows-1252, which is what the programs that write it mean."""
    if not charset:
        return "utf-8"
    try:
        name = codecs.lookup(charset.strip().strip('"')).name
    except LookupError:
        return "utf-8"
    return "cp1252" if name in ("iso8859-1", "latin-1") else name


def _text_of(raw: bytes, codec: str) -> str:
    """``raw`` in ``codec``, else UTF-8, else windows-1252 (the CHARSET may be wrong)."""
    for attempt in (codec, "utf-8"):
        try:
            return raw.decode(attempt)
        except UnicodeDecodeError:
            continue
    return _windows_1252(raw)


def _from_quoted_printable(text: str, charset: str | None) -> str:
    codec = _codec(charset)
    try:
        raw = text.encode(codec)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    decoded = _text_of(binascii.a2b_qp(raw), codec)
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


# --- lines to cards -----------------------------------------------------------------------


_MARKER_STARTS = frozenset("BbEe ")


def _is(line: str, marker: str) -> bool:
    """Whether ``line`` is ``BEGIN:VCARD`` / ``END:VCARD`` (any case, spaces around)."""
    return len(line) < 24 and line.strip().upper() == marker


def _head(text: str) -> str:
    """The part of a content line before the colon that ends its name and parameters."""
    colon = text.find(":")
    if colon < 0:
        return text
    if '"' not in text[:colon]:
        return text[:colon]
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return text[:index]
    return text


def _split_cards(lines: list[str]) -> tuple[list[_Card], list[tuple[int, str]]]:
    """The cards with their logical lines (unfolded, soft line breaks joined), and the
    text outside any card as (line, problem)."""
    cards: list[_Card] = []
    stray: list[tuple[int, str]] = []
    card: _Card | None = None
    pieces: list[str] = []  # the logical line being gathered
    start = 0  # its line number
    stray_start = 0
    total = len(lines)
    index = 0

    def close() -> None:
        if pieces and card is not None:
            card.lines.append((start, pieces[0] if len(pieces) == 1 else "".join(pieces)))
        pieces.clear()

    while index < total:
        text = lines[index]
        index += 1
        if card is None:
            if _is(text, "BEGIN:VCARD"):
                if stray_start:
                    stray.append((stray_start, _stray_problem(stray_start, index - 1)))
                    stray_start = 0
                card = _Card(index)
            elif text.strip(" \t\x00\x1a") and not stray_start:
                stray_start = index
            continue
        if pieces:
            last = pieces[-1]
            # A soft line break of quoted-printable: the next line continues the value
            # as it is, whatever it starts with.
            if last.endswith("=") and not _is(text, "END:VCARD"):
                joined = "".join(pieces)
                if "QUOTED-PRINTABLE" in _head(joined).upper():
                    pieces[-1] = last[:-1]
                    pieces.append(text)
                    continue
            if text[:1] in (" ", "\t") and text:
                pieces.append(text[1:])
                continue
        marker = text[:1] in _MARKER_STARTS
        if marker and _is(text, "END:VCARD"):
            close()
            cards.append(card)
            card = None
            continue
        if marker and _is(text, "BEGIN:VCARD"):
            close()
            if card.lines and card.lines[-1][1].upper().rstrip(": ") == "AGENT":
                index = _nested_agent(lines, index, card)
                continue
            card.problem = _Unreadable(
                card.line, f"the vCard begun on line {card.line} has no END:VCARD"
            )
            cards.append(card)
            card = _Card(index)
            continue
        if not text.strip():
            close()  # a blank line ends a 2.1 base64 block; else it means nothing
            continue
        if ":" not in text and pieces and _is_base64("".join(pieces)):
            pieces.append(text.strip())  # 2.1 base64 without indentation
            continue
        close()
        start = index
        pieces.append(text)
    if card is not None:
        close()
        card.problem = _Unreadable(
            card.line, f"the vCard begun on line {card.line} has no END:VCARD"
        )
        cards.append(card)
    if stray_start:
        stray.append((stray_start, _stray_problem(stray_start, total)))
    return cards, stray


def _stray_problem(first: int, last: int) -> str:
    where = f"line {first}" if first == last else f"lines {first}–{last}"
    return f"{where}: text outside any vCard (not between BEGIN:VCARD and END:VCARD)"


def _is_base64(text: str) -> bool:
    head = _head(text).upper()
    return "BASE64" in head or "ENCODING=B" in head


def _nested_agent(lines: list[str], index: int, card: _Card) -> int:
    """A 2.1 AGENT's embedded vCard (after ``AGENT:`` and a line break) becomes the
    AGENT's value; the index after its END:VCARD is returned."""
    depth = 1
    body = ["BEGIN:VCARD"]
    total = len(lines)
    while index < total and depth:
        text = lines[index]
        index += 1
        if _is(text, "BEGIN:VCARD"):
            depth += 1
        elif _is(text, "END:VCARD"):
            depth -= 1
        body.append(text)
    line, written = card.lines[-1]
    card.lines[-1] = (line, written.rstrip(": ") + ":" + "\n".join(body))
    return index


# --- one content line -----------------------------------------------------------------------


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


def _property(line: int, text: str) -> _Property:
    head = _head(text)
    if len(head) == len(text):
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise _Unreadable(line, f"{shown!r} is not a vCard property (no colon)")
    value = text[len(head) + 1 :]
    group, name, written, types, params = _parse_head(head)
    prop = _Property(line, group, name, written, types, params, value)
    encoding = params.get("ENCODING", "").upper()
    if encoding in ("QUOTED-PRINTABLE", "QP"):
        prop.value = _from_quoted_printable(value, params.get("CHARSET"))
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


def _unescape(text: str, v21: bool) -> str:
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


def _parts(text: str, separator: str, v21: bool) -> list[str]:
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


def _clean_label(text: str) -> str:
    """``_$!<Mobile>!$_`` → ``mobile``, ``_$!<HomeFAX>!$_`` → ``home fax``; a label of
    the user's own (``Büro``) stays as written."""
    text = text.strip()
    match = _APPLE_LABEL.match(text)
    if match is None:
        return text
    word = match.group("word").strip().lower()
    return _APPLE_LABELS.get(word, word)


def _type_label(types: tuple[str, ...]) -> str:
    """The label of TYPE words: places first, then the device (``work fax``)."""
    words: list[str] = []
    for word in types:
        if word in _NOT_LABELS or word.startswith("x-"):
            continue
        label = _TYPE_LABELS.get(word, word)
        if label not in words:
            words.append(label)
    words.sort(
        key=lambda label: (label not in _PLACES, _PLACES.index(label) if label in _PLACES else 0)
    )
    return " ".join(words)


def _host(url: str) -> str:
    match = _HOST.match(url.strip().lower())
    return match.group("host") if match else ""


def _profile_kind(url: str) -> str:
    host = _host(url)
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return "linkedin"
    if host == "xing.com" or host.endswith(".xing.com"):
        return "xing"
    return "website"


# --- one card -------------------------------------------------------------------------------


class _CardReader:
    """Reads one card's properties into a :class:`ContactRecord`."""

    def __init__(self, card: _Card, source: str) -> None:
        self.card = card
        self.record = ContactRecord(source=source, line=card.line)
        self.v21 = False
        self.labels: dict[str, str] = {}  # group → its X-ABLabel, cleaned
        self.label_lines: dict[str, tuple[str, str]] = {}  # group → (written, raw label)
        self.used_labels: set[str] = set()
        self.countries: dict[str, str] = {}  # group → X-ABADR
        self.seen: set[str] = set()  # single-valued properties already taken

    def read(self) -> ContactRecord:
        properties = [_property(line, text) for line, text in self.card.lines]
        for prop in properties:
            if prop.name == "VERSION":
                self.v21 = prop.value.strip() == "2.1"
            elif prop.name == "X-ABLABEL" and prop.group:
                self.labels[prop.group] = _clean_label(self._text(prop))
                self.label_lines[prop.group] = (prop.written, prop.value.strip())
            elif prop.name == "X-ABADR" and prop.group:
                self.countries[prop.group] = prop.value.strip()
        record = self.record
        for prop in properties:
            if prop.name in _NOISE:
                continue
            handler = _HANDLERS.get(prop.name)
            if handler is not None:
                handler(self, prop)
            elif prop.name in _DATES:
                self._date(prop, _DATES[prop.name])
            elif prop.name in _RELATED:
                self._relation(prop, _RELATED[prop.name])
            elif prop.name in _MESSENGERS:
                self._messenger(prop, _MESSENGERS[prop.name])
            else:
                self._keep(prop)
        for group, (written, raw) in self.label_lines.items():
            if group not in self.used_labels:
                record.extra.append((written, raw))
        for country in self.countries.values():  # an X-ABADR whose group has no ADR
            record.extra.append(("X-ABADR", country))
        self._drop_repeated_messengers()
        named = (
            record.full_name,
            record.given_name,
            record.family_name,
            record.additional_names,
            record.nickname,
        )
        if not any(named) and not record.contacts:
            raise _Unreadable(
                self.card.line,
                f"the vCard begun on line {self.card.line} has neither a name nor any "
                "e-mail address, phone number, address or web address",
            )
        return record

    # helpers

    def _text(self, prop: _Property) -> str:
        return _unescape(prop.value, self.v21).strip()

    def _label(self, prop: _Property) -> str:
        if prop.group and prop.group in self.labels:
            self.used_labels.add(prop.group)
            return self.labels[prop.group]
        return _type_label(prop.types)

    def _preferred(self, prop: _Property) -> bool:
        return "pref" in prop.types or prop.params.get("PREF", "").strip() == "1"

    def _once(self, prop: _Property) -> bool:
        """Whether this is the first of a property the record has one field for; a
        second one goes to ``extra``."""
        if prop.name in self.seen:
            self._keep(prop)
            return False
        self.seen.add(prop.name)
        return True

    def _keep(self, prop: _Property) -> None:
        """Keeps a property without a field of its own in ``extra``: by its name in the
        file, with its label (Apple's or the TYPE words) in brackets."""
        if prop.binary and prop.name not in _BINARY_KEPT:
            value = f"(binary data, {len(prop.value)} characters, not kept)"
        else:
            value = self._text(prop)
        if not value:
            return
        # Binary data's TYPE is its media type (JPEG, PGP), not a label.
        label = "" if prop.binary or prop.name == "X-ABLABEL" else self._label(prop)
        name = f"{prop.written} ({label})" if label else prop.written
        self.record.extra.append((name, value))

    def _contact(self, prop: _Property, kind: str, value: str, label: str | None = None) -> None:
        if not value:
            return
        self.record.contacts.append(
            RecordContact(
                kind=kind,
                value=value,
                label=self._label(prop) if label is None else label,
                preferred=self._preferred(prop),
            )
        )

    # names

    def _n(self, prop: _Property) -> None:
        if not self._once(prop):
            return
        parts = [*_parts(prop.value, ";", self.v21), "", "", "", "", ""]
        family, given, additional, prefix, suffix = parts[:5]
        record = self.record
        words = family.split()
        particles = []
        while len(words) > 1 and is_particle(words[0]):
            particles.append(words.pop(0))
        record.family_name = " ".join(words)
        record.name_particle = " ".join(particles)
        record.given_name = given.replace(",", " ").strip()
        record.additional_names = " ".join(additional.replace(",", " ").split())
        # "Prof. Dr." is an academic title; "Herr", "Mrs." or "Rev." is not, and is kept.
        others: list[str] = []
        titles: list[str] = []
        for word in prefix.replace(",", " ").split():
            (others if word.casefold() in _SALUTATIONS else titles).append(word)
        if titles and not any(is_title_word(word) for word in titles):
            others, titles = others + titles, []
        record.academic_title = " ".join(titles)
        if others:
            record.extra.append(("N-PREFIX", " ".join(others)))
        record.name_suffix = suffix.replace(",", ", ").strip()

    def _fn(self, prop: _Property) -> None:
        if self._once(prop):
            self.record.full_name = self._text(prop)

    def _nickname(self, prop: _Property) -> None:
        names = [name for name in _parts(prop.value, ",", self.v21) if name]
        known = [self.record.nickname] if self.record.nickname else []
        self.record.nickname = ", ".join(known + names)

    # work

    def _org(self, prop: _Property) -> None:
        if not self._once(prop):
            return
        parts = _parts(prop.value, ";", self.v21)
        self.record.organisation = parts[0]
        self.record.department = ", ".join(part for part in parts[1:] if part)

    def _title(self, prop: _Property) -> None:
        if self._once(prop):
            self.record.title = self._text(prop)

    # contact points

    def _email(self, prop: _Property) -> None:
        self._contact(prop, "email", self._text(prop))

    def _tel(self, prop: _Property) -> None:
        self._contact(prop, "phone", self._text(prop))

    def _url(self, prop: _Property) -> None:
        value = self._text(prop)
        self._contact(prop, _profile_kind(value), value)

    def _social_profile(self, prop: _Property) -> None:
        value = self._text(prop)
        kind = _profile_kind(value)
        if kind == "website":  # Twitter, Facebook, x-apple:…: no contact kind of its own
            self._keep(prop)
            return
        # Its TYPE names the network, which the kind says already: no label but Apple's.
        label = self._label(prop) if prop.group in self.labels else ""
        self._contact(prop, kind, value, label)

    def _impp(self, prop: _Property) -> None:
        value = self._text(prop)
        service = prop.params.get("X-SERVICE-TYPE", "")
        if not service:
            scheme, colon, _ = value.partition(":")
            service = _SCHEMES.get(scheme.lower(), "") if colon else ""
        self._messenger(prop, service, value)

    def _messenger(self, prop: _Property, service: str, value: str | None = None) -> None:
        value = self._text(prop) if value is None else value
        label = self._label(prop) if prop.group in self.labels else service
        self._contact(prop, "messenger", value, label or self._label(prop))

    def _drop_repeated_messengers(self) -> None:
        """Apple writes a messenger twice, as ``IMPP:xmpp:anna@…`` and as the older
        ``X-JABBER:anna@…``: the second is the same address and is left out."""
        seen: dict[str, RecordContact] = {}
        kept = []
        for contact in self.record.contacts:
            if contact.kind == "messenger":
                scheme, colon, rest = contact.value.partition(":")
                bare = (rest if colon and scheme.lower() in _SCHEMES else contact.value).lower()
                first = seen.get(bare)
                if first is not None:
                    first.preferred = first.preferred or contact.preferred
                    continue
                seen[bare] = contact
            kept.append(contact)
        self.record.contacts = kept

    def _adr(self, prop: _Property) -> None:
        parts = [*_parts(prop.value, ";", self.v21), "", "", "", "", "", "", ""]
        pobox, extended, street, locality, region, code, country = parts[:7]
        country_code = self.countries.pop(prop.group, "") if prop.group else ""
        if country_code and not country:
            country = country_code.upper()
        elif country_code:
            self.record.extra.append(("X-ABADR", country_code))
        street = ", ".join(part for part in (street, extended, pobox) if part)
        one_line = [
            street.replace("\n", ", "),
            " ".join(part for part in (code, locality) if part),
            region,
            country,
        ]
        value = ", ".join(part for part in one_line if part)
        if not value:
            return
        self.record.contacts.append(
            RecordContact(
                kind="address",
                value=value,
                label=self._label(prop),
                preferred=self._preferred(prop),
                street=street,
                postal_code=code,
                locality=locality,
                region=region,
                country=country,
            )
        )

    # dates and relations

    def _date(self, prop: _Property, kind: str, label: str = "") -> None:
        text = self._text(prop)
        if not text:
            return
        if prop.params.get("VALUE", "").lower() == "text":
            self._keep(prop)  # 4.0 "circa 1800": a text, not a date
            return
        date = _read_date(text, prop.params)
        if date is None:
            raise _Unreadable(
                prop.line,
                f"{prop.written} {text!r} is not a date (the vCard begun on line "
                f"{self.card.line}); use 1965-08-12, 19650812 or --08-12",
            )
        self.record.dates.append(RecordDate(kind=kind, date=date, label=label))

    def _apple_date(self, prop: _Property) -> None:
        label = self.labels.get(prop.group, "") if prop.group else ""
        if prop.group in self.labels:
            self.used_labels.add(prop.group)
        if label == "anniversary":
            self._date(prop, "anniversary")
        else:
            self._date(prop, "custom", label)

    def _relation(self, prop: _Property, label: str) -> None:
        name = self._text(prop)
        if name:
            self.record.related.append(RecordRelation(name=name, label=label))

    def _related(self, prop: _Property) -> None:
        self._relation(prop, _type_label(prop.types))

    def _apple_related(self, prop: _Property) -> None:
        self._relation(prop, self._label(prop))

    # the rest

    def _categories(self, prop: _Property) -> None:
        for name in _parts(prop.value, ",", self.v21):
            if name.casefold() in _EVERYONE_GROUPS:
                self.record.extra.append((prop.written, name))
            elif name and name not in self.record.groups:
                self.record.groups.append(name)

    def _note(self, prop: _Property) -> None:
        text = self._text(prop)
        if text:
            self.record.note = f"{self.record.note}\n\n{text}" if self.record.note else text

    def _uid(self, prop: _Property) -> None:
        if self._once(prop):
            self.record.uid = self._text(prop)

    def _photo(self, prop: _Property) -> None:
        self.record.has_photo = True
        value = prop.value.strip()
        if not prop.binary and value.lower().startswith(("http://", "https://")):
            self.record.extra.append((prop.written, value))

    def _label_property(self, prop: _Property) -> None:
        """X-ABLabel was read with its group; one without a group is kept."""
        if not prop.group:
            self._keep(prop)

    def _country(self, prop: _Property) -> None:
        """X-ABADR is read with its group's ADR (and kept if the group has none); one
        without a group is kept."""
        if not prop.group:
            self._keep(prop)


_HANDLERS: dict[str, Callable[[_CardReader, _Property], None]] = {
    "N": _CardReader._n,
    "FN": _CardReader._fn,
    "NICKNAME": _CardReader._nickname,
    "ORG": _CardReader._org,
    "TITLE": _CardReader._title,
    "EMAIL": _CardReader._email,
    "TEL": _CardReader._tel,
    "URL": _CardReader._url,
    "X-SOCIALPROFILE": _CardReader._social_profile,
    "IMPP": _CardReader._impp,
    "ADR": _CardReader._adr,
    "X-ABDATE": _CardReader._apple_date,
    "RELATED": _CardReader._related,
    "X-ABRELATEDNAMES": _CardReader._apple_related,
    "CATEGORIES": _CardReader._categories,
    "NOTE": _CardReader._note,
    "UID": _CardReader._uid,
    "PHOTO": _CardReader._photo,
    "X-ABLABEL": _CardReader._label_property,
    "X-ABADR": _CardReader._country,
}


def _read_date(text: str, params: dict[str, str]) -> PartialDate | None:
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
