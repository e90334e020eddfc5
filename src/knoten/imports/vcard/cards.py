"""A vCard file's lines into cards: each card's logical lines (unfolded, the soft line
breaks of quoted-printable joined, 2.1's base64 blocks gathered), and the text outside
any card."""

from __future__ import annotations

from dataclasses import dataclass, field


class Unreadable(Exception):
    """A card that cannot be read: the line and what is wrong there."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


@dataclass(slots=True)
class Card:
    """One card: the line it begins on, its logical lines, and why it cannot be read."""

    line: int  # of BEGIN:VCARD
    lines: list[tuple[int, str]] = field(default_factory=list)  # logical lines
    problem: Unreadable | None = None


_MARKER_STARTS = frozenset("BbEe ")


def _is(line: str, marker: str) -> bool:
    """Whether ``line`` is ``BEGIN:VCARD`` / ``END:VCARD`` (any case, spaces around)."""
    return len(line) < 24 and line.strip().upper() == marker


def head_of(text: str) -> str:
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


def split_cards(lines: list[str]) -> tuple[list[Card], list[tuple[int, str]]]:
    """The cards with their logical lines (unfolded, soft line breaks joined), and the
    text outside any card as (line, problem)."""
    cards: list[Card] = []
    stray: list[tuple[int, str]] = []
    card: Card | None = None
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
                card = Card(index)
            elif text.strip(" \t\x00\x1a") and not stray_start:
                stray_start = index
            continue
        if pieces:
            last = pieces[-1]
            # A soft line break of quoted-printable: the next line continues the value
            # as it is, whatever it starts with.
            if last.endswith("=") and not _is(text, "END:VCARD"):
                joined = "".join(pieces)
                if "QUOTED-PRINTABLE" in head_of(joined).upper():
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
            card.problem = Unreadable(
                card.line, f"the vCard begun on line {card.line} has no END:VCARD"
            )
            cards.append(card)
            card = Card(index)
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
        card.problem = Unreadable(
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
    head = head_of(text).upper()
    return "BASE64" in head or "ENCODING=B" in head


def _nested_agent(lines: list[str], index: int, card: Card) -> int:
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
