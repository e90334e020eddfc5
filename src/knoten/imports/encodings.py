"""A text file's encoding, as its byte-order mark says (vCards and CSV files alike)."""

from __future__ import annotations

import codecs

# The byte-order marks a text file may start with, and the codec each says. UTF-32 LE
# first: its mark begins with UTF-16 LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` says (it drops the mark when
    decoding), or None without one."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return codec
    return None
