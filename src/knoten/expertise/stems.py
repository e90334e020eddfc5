"""The words of a topic, forgiving of inflection in German and English.

A topic is folded like the search index (:func:`knoten.search.text.words`: Müller =
Mueller = Muller), and each word is cut to its stem by the Snowball stemmers of both
languages (the ``snowballstemmer`` package, pure Python; only the topic's few words are
stemmed, never the index). The shorter of the two stems that is still a beginning of the
word is the *key*: a word of the info base matches when it starts with the key.

- "Ausschreibung" and "Ausschreibungen" both have the key ``ausschreib``;
- "Photovoltaik" and "photovoltaic" both ``photovolta`` (German cuts -ik, English -ic);
- "Energie" and "energy" both ``energ`` (a final i or y is cut as well, as the
  languages spell the same ending so);
- German compounds match by their first part: "Solar" finds "Solarpark".

A stem shorter than five letters is not used (English "tender" is not German "tend-");
a word of one or two letters ("IT", "KI") matches only as a whole word.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import snowballstemmer

from knoten.core.errors import InvalidInput
from knoten.search.text import words

MAX_WORDS = 6
MIN_STEM = 5
WHOLE_ONLY = 2  # words this short match only as a whole word

_STEMMERS = (snowballstemmer.stemmer("german"), snowballstemmer.stemmer("english"))


def _common_start(a: str, b: str) -> str:
    length = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        length += 1
    return a[:length]


@functools.lru_cache(maxsize=4096)
def key_of(word: str) -> str:
    """The beginning that every form of the folded ``word`` shares (see the module)."""
    if len(word) <= WHOLE_ONLY or not word.isalpha():
        return word
    shortest = word
    for stemmer in _STEMMERS:
        key = _common_start(stemmer.stemWord(word), word)
        if len(key) >= min(MIN_STEM, len(word)) and len(key) < len(shortest):
            shortest = key
    if len(shortest) > MIN_STEM and shortest[-1] in "iy":
        shortest = shortest[:-1]
    return shortest


@dataclass(frozen=True)
class Topic:
    """What was asked for: the folded words and, for each, the key it matches by."""

    text: str
    words: tuple[str, ...]
    keys: tuple[str, ...]

    def prefix(self, index: int) -> bool:
        """Whether the ``index``-th word matches as a beginning (else only as a whole word)."""
        return len(self.words[index]) > WHOLE_ONLY

    def matched(self, folded_words: Sequence[str]) -> int:
        """How many of the topic's words occur among ``folded_words``."""
        found = 0
        for index, key in enumerate(self.keys):
            if self.prefix(index):
                hit = any(word.startswith(key) for word in folded_words)
            else:
                hit = key in folded_words
            found += hit
        return found

    def share(self, text: str | None) -> float:
        """The share of the topic's words that ``text`` has (0 when it has none)."""
        if not text:
            return 0.0
        return _share(self, text)

    def sqlite_match(self, columns: str) -> str:
        """The FTS5 query: every word in one of ``columns`` (``"{work topics notes}"``)."""
        parts = [
            f'"{key}"*' if self.prefix(index) else f'"{key}"' for index, key in enumerate(self.keys)
        ]
        return f"{columns}: (" + " AND ".join(parts) + ")"

    def pg_tsquery(self, weights: str = "") -> str:
        """The PostgreSQL query (for ``to_tsquery('simple', …)``), in the columns of
        ``weights`` (``"BCD"``: work, topics, notes) or in all."""
        whole = f":{weights}" if weights else ""
        parts = [
            f"'{key}':*{weights}" if self.prefix(index) else f"'{key}'{whole}"
            for index, key in enumerate(self.keys)
        ]
        return " & ".join(parts)


@functools.lru_cache(maxsize=50_000)
def _share(topic: Topic, text: str) -> float:
    # Names of skills, organisations and industries recur across a network: each text
    # is read once per topic, and folded once for all topics.
    spaced = _spaced(text)
    found = 0
    for index, key in enumerate(topic.keys):
        # " key" starts a word; " key " is the whole word.
        found += (f" {key}" if topic.prefix(index) else f" {key} ") in spaced
    return found / len(topic.keys)


@functools.lru_cache(maxsize=50_000)
def _spaced(text: str) -> str:
    """The folded words of ``text`` between single spaces, a space before and after."""
    return f" {' '.join(words(text))} "


def read_topic(text: str | None) -> Topic:
    """The topic of what a user typed; a clear error when it has no word to look for."""
    found = words(text or "")
    if not found:
        raise InvalidInput("topic", text, "has no letters or digits to look for")
    if len(found) > MAX_WORDS:
        raise InvalidInput("topic", text, f"has more than {MAX_WORDS} words; use fewer")
    unique = tuple(dict.fromkeys(found))
    return Topic(str(text).strip(), unique, tuple(key_of(word) for word in unique))
