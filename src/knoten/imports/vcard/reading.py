"""Reading a vCard file (2.1, 3.0 or 4.0) into records: :func:`read_vcards`."""

from __future__ import annotations

from knoten.imports.vcard.card import CardReader
from knoten.imports.vcard.cards import Unreadable, split_cards
from knoten.imports.vcard.decoding import decode_lines
from knoten.people.records import ReadResult, RecordError


def read_vcards(data: bytes, source: str) -> ReadResult:
    """The records of a vCard file, and a :class:`RecordError` for each card it cannot read.

    ``source`` names the file in messages. A file without any ``BEGIN:VCARD`` gives one
    error at line 1; text outside the cards gives an error at its first line.
    """
    result = ReadResult()
    lines = decode_lines(data)
    cards, stray = split_cards(lines)
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
            result.records.append(CardReader(card, source).read())
        except Unreadable as unreadable:
            result.errors.append(RecordError(source, unreadable.line, unreadable.problem))
    result.errors.sort(key=lambda error: error.line)
    return result
