"""Fixed vocabularies: each word a code with its English and German forms.

Every app keeps its own words (kinds of organisations, of conversations, of favours …)
as :class:`Word` tuples; reading what a user typed against them, and offering them in a
form, is done here once for all.
"""

from __future__ import annotations

from dataclasses import dataclass

from knoten.core.errors import InvalidInput
from knoten.core.folding import fold


@dataclass(frozen=True)
class Word:
    code: str
    en: str
    de: str
    also: tuple[str, ...] = ()  # synonyms a user may type ("Anruf", "phone" for a call)


Entry = tuple[str, str, str] | tuple[str, str, str, tuple[str, ...]]


def words(*entries: Entry) -> tuple[Word, ...]:
    """Words from (code, English, German) triples, each optionally followed by a tuple of
    synonyms that are read as the same word (never shown)."""
    return tuple(Word(*entry) for entry in entries)


def word_key(text: str) -> str:
    """What a word is compared by: folded, without spaces, hyphens or other marks."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def clashes(vocabulary: tuple[Word, ...]) -> list[str]:
    """The keys that name more than one word of ``vocabulary`` (the first one wins)."""
    seen: dict[str, str] = {}
    found = []
    for word in vocabulary:
        for key in sorted(_keys(word)):
            if seen.setdefault(key, word.code) != word.code:
                found.append(f"{key!r} names both {seen[key]!r} and {word.code!r}")
    return found


def _keys(word: Word) -> set[str]:
    return {word_key(text) for text in (word.code, word.en, word.de, *word.also)}


def choices(vocabulary: tuple[Word, ...]) -> list[tuple[str, str]]:
    return [(word.code, word.en) for word in vocabulary]


def shown_choices(vocabulary: tuple[Word, ...]) -> list[tuple[str, str]]:
    """Codes with their words in the active language (German or English), for forms."""
    from django.utils.translation import get_language

    german = (get_language() or "en").startswith("de")
    return [(word.code, word.de if german else word.en) for word in vocabulary]


def label(vocabulary: tuple[Word, ...], code: str) -> str:
    """The English word of ``code`` (the code itself when it is none of them)."""
    return next((word.en for word in vocabulary if word.code == code), code)


def resolve_word(vocabulary: tuple[Word, ...], text: str, field: str) -> str:
    """The code of the word in ``vocabulary`` that ``text`` names: its code, its English
    or German word or one of its synonyms (case, marks, spaces and hyphens aside)."""
    key = word_key(text or "")
    for word in vocabulary:
        if key and key in _keys(word):
            return word.code
    known = ", ".join(word.en for word in vocabulary)
    raise InvalidInput(field, text, f"is not one of: {known}")
