"""A vCard file's bytes as lines of text, and vCard 2.1's quoted-printable values, in
whatever charset they say (or do not say)."""

from __future__ import annotations

import binascii
import codecs

from knoten.imports.encodings import bom_codec


def decode_lines(data: bytes) -> list[str]:
    """The file's physical lines as text.

    UTF-8 (a BOM is dropped), UTF-16 and UTF-32 with a BOM are read as such; a file that is not
    UTF-8 as a whole is read line by line, each line as UTF-8 where it is and as
    windows-1252 where not (Outlook's ANSI export, or 2.1 lines in ``CHARSET=ISO-8859-1``).
    """
    codec = bom_codec(data)
    if codec is not None and codec != "utf-8-sig":
        return _split_lines(data.decode(codec, errors="replace"))
    if codec == "utf-8-sig":
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


def from_quoted_printable(text: str, charset: str | None) -> str:
    codec = _codec(charset)
    try:
        raw = text.encode(codec)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    decoded = _text_of(binascii.a2b_qp(raw), codec)
    return decoded.replace("\r\n", "\n").replace("\r", "\n")
