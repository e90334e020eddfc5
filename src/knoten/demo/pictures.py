"""Tiny pictures for the demo's photos: PNGs of one colour with a lighter square, built
with zlib alone (no image library)."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def tiny_png(colour: tuple[int, int, int], size: int = 16) -> bytes:
    """A ``size``×``size`` PNG (8-bit RGB) of ``colour`` with a lighter square in the middle."""
    light = tuple(min(255, part + 80) for part in colour)
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter: none
        for x in range(size):
            inner = size // 4 <= x < size - size // 4 and size // 4 <= y < size - size // 4
            row.extend(light if inner else colour)
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
