"""Words for the index and for queries, and the snippets that say what matched.

Both sides go through :func:`words`, which is :func:`knoten.core.folding.fold_words`
with the underscore as a separator too (FTS5 and PostgreSQL both split there), computed
word by word with a cache: folding never reaches across white space, and a network's
texts reuse few words, so a rebuild folds each distinct word once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from knoten.core.folding import fold

_SEPARATORS = re.compile(r"[\W_]+")
_TOKEN = re.compile(r"\S+")
_CACHE_LIMIT = 500_000
_cache: dict[str, str] = {}

SNIPPET_WIDTH = 90


def _fold_chunk(chunk: str) -> str:
    """The folded words of a chunk without white space, joined by single spaces."""
    folded = _cache.get(chunk)
    if folded is None:
        folded = " ".join(part for part in _SEPARATORS.split(fold(chunk)) if part)
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[chunk] = folded
    return folded


def folded(*texts: str | None) -> str:
    """The folded words of all ``texts`` as one string, as the index stores them."""
    return " ".join(
        found for text in texts if text for chunk in text.split() if (found := _fold_chunk(chunk))
    )


def words(text: str | None) -> list[str]:
    """The folded words of ``text``: "Jürgen Müller-Lüdenscheidt" → jurgen, muller, ludenscheidt."""
    return folded(text).split()


def as_prefix(query: Sequence[str]) -> list[bool]:
    """Which query words match as the start of a word: the last (it may be unfinished)
    and single letters (initials: "J Müller"); the others only as whole words."""
    return [index == len(query) - 1 or len(word) == 1 for index, word in enumerate(query)]


class Matcher:
    """Whether folded words match the query: a whole query word, or a prefix one."""

    def __init__(self, query: Sequence[str]) -> None:
        flags = as_prefix(query)
        self.prefixes = tuple(word for word, prefix in zip(query, flags, strict=True) if prefix)
        self.whole = frozenset(
            word for word, prefix in zip(query, flags, strict=True) if not prefix
        )
        # In a folded text, words stand between single spaces: looking for " word " and
        # " prefix" in " text " needs no splitting.
        self._needles = [f" {word} " for word in self.whole] + [f" {p}" for p in self.prefixes]

    def __call__(self, folded_words: Iterable[str]) -> bool:
        whole, prefixes = self.whole, self.prefixes
        return any(word in whole or word.startswith(prefixes) for word in folded_words)

    def in_text(self, folded_text: str) -> bool:
        """Whether a folded text (words joined by single spaces) matches."""
        padded = f" {folded_text} "
        return any(needle in padded for needle in self._needles)


def snippet(text: str, matches: Matcher, width: int = SNIPPET_WIDTH) -> str:
    """``text`` itself when short, else the part around the first word that matched."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    start = 0
    for token in _TOKEN.finditer(flat):
        if matches(_fold_chunk(token.group()).split()):
            start = token.start()
            break
    # Some words before the match for context, cut at a space; then fill the width.
    begin = max(0, start - width // 3)
    if begin > 0:
        space = flat.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(flat), begin + width)
    if end < len(flat):
        space = flat.rfind(" ", begin, end)
        end = space if space > start else end
    return ("…" if begin > 0 else "") + flat[begin:end] + ("…" if end < len(flat) else "")
