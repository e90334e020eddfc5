"""Folding of names and words for search and for German sorting.

``fold`` makes Müller, Mueller and Muller the same word, and Jürgen the same as Juergen:
diacritics go, ß becomes ss, and the German transliterations ae/oe/ue collapse to a/o/u.
It is applied the same way to what is stored and to what is searched for, so a
transliteration that also collapses an unrelated word ("Manuel" to "manul") matches
itself and does no harm.

``sort_key`` follows DIN 5007 variant 1 (the dictionary order): Ä sorts as A, Ö as O,
Ü as U and ß as ss; name particles (von, van, de …) are not part of the key.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
    }
)
_TRANSLITERATION = re.compile(r"(?<=[aou])e")
_NON_WORD = re.compile(r"[^\w]+")


def strip_marks(text: str) -> str:
    """``text`` without diacritics, lower-cased (ß as ss)."""
    if text.isascii():  # nothing to decompose: most names and words
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.casefold()


def fold(text: str) -> str:
    """The search form of ``text``: lower case, no marks, ae/oe/ue as a/o/u."""
    if len(text) <= _REMEMBERED_LENGTH:
        return _fold_short(text)
    return _TRANSLITERATION.sub("", strip_marks(text))


# Names and single words recur (an import folds each name three or four times, the
# duplicate finder every name of the network): the short ones are remembered.
_REMEMBERED_LENGTH = 64


@functools.lru_cache(maxsize=200_000)
def _fold_short(text: str) -> str:
    return _TRANSLITERATION.sub("", strip_marks(text))


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``, in order, without punctuation."""
    return [word for word in _NON_WORD.split(fold(text)) if word]


def sort_key(text: str) -> str:
    """The DIN 5007-1 sort form of ``text``: Ä as A, ß as ss, case ignored."""
    return " ".join(_NON_WORD.split(strip_marks(text))).strip()
