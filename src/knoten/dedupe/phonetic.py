"""The Kölner Phonetik (Postel, 1969) of a German name: Meier, Meyer, Maier and Mayer
share one code, as do Schmidt and Schmitt; the matcher uses it to find family names
spelled differently that sound alike."""

from __future__ import annotations

from knoten.core.folding import strip_marks

_SIMPLE = {
    **dict.fromkeys("aeijouy", "0"),
    "b": "1",
    **dict.fromkeys("fvw", "3"),
    **dict.fromkeys("gkq", "4"),
    "l": "5",
    **dict.fromkeys("mn", "6"),
    "r": "7",
    **dict.fromkeys("sz", "8"),
}


def _code(word: str, index: int) -> str:
    letter = word[index]
    before = word[index - 1] if index > 0 else ""
    after = word[index + 1] if index + 1 < len(word) else ""
    if letter in _SIMPLE:
        return _SIMPLE[letter]
    if letter == "h":
        return ""
    if letter == "p":
        return "3" if after == "h" else "1"
    if letter in "dt":
        return "8" if after in ("c", "s", "z") and after else "2"
    if letter == "c":
        if index == 0:
            return "4" if after and after in "ahkloqrux" else "8"
        if before and before in "sz":
            return "8"
        return "4" if after and after in "ahkoqux" else "8"
    if letter == "x":
        return "8" if before and before in "ckq" else "48"
    return ""


def cologne(text: str) -> str:
    """The Kölner Phonetik code of ``text`` ("" for a text without letters)."""
    word = "".join(ch for ch in strip_marks(text) if "a" <= ch <= "z")
    codes = "".join(_code(word, index) for index in range(len(word)))
    collapsed: list[str] = []
    for digit in codes:
        if not collapsed or collapsed[-1] != digit:
            collapsed.append(digit)
    if not collapsed:
        return ""
    return collapsed[0] + "".join(digit for digit in collapsed[1:] if digit != "0")
