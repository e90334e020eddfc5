"""Splitting a typed name into its parts, the way German business cards write them.

``Prof. Dr. Hans-Peter von Müller`` has the academic title ``Prof. Dr.``, the given name
``Hans-Peter``, the particle ``von`` and the family name ``Müller``; ``Johann "Hans"
Schmidt`` carries the nickname Hans; ``Schmidt, Anna`` is read family name first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knoten.core.errors import InvalidInput

_TITLE_WORDS = {
    "dr.",
    "dr",
    "prof.",
    "prof",
    "dipl.-ing.",
    "dipl.-kfm.",
    "dipl.-inf.",
    "dipl.-psych.",
    "mag.",
    "ing.",
    "med.",
    "rer.",
    "nat.",
    "phil.",
    "jur.",
    "oec.",
    "h.c.",
    "mult.",
    "pd",
    "priv.-doz.",
    "rer.nat.",
    "med.dent.",
}
_PARTICLES = {
    "von",
    "van",
    "de",
    "der",
    "den",
    "zu",
    "zum",
    "zur",
    "da",
    "di",
    "du",
    "del",
    "la",
    "le",
    "ter",
    "ten",
    "vom",
    "dos",
    "das",
    "af",
}
# A nickname in quotes or parentheses, standing as a word of its own: "O'Brien" and
# "alert(1)" hold none.
_NICKNAME = re.compile(
    r"(?<!\S)(?:[\"“„”'‚‘’](?P<nick>[^\"“„”'‚‘’]+)[\"“„”'‚‘’]|\((?P<paren>[^)]+)\))(?![^\s,])"
)
# What a nickname may hold besides letters: "Jo-Jo", "St. Nick", "Ma'am".
_NICKNAME_MARKS = frozenset(" -.'’")


def _is_nickname(text: str) -> bool:
    """Whether ``text`` reads as a name: letters, with spaces, hyphens, dots or
    apostrophes between them; no digit, no other symbol."""
    return any(c.isalpha() for c in text) and all(c.isalpha() or c in _NICKNAME_MARKS for c in text)


def is_particle(word: str) -> bool:
    """Whether ``word`` is a name particle as written (von, van der, de, zu …): lower
    case, since "Von" leading a name is usually part of the family name itself."""
    return word in _PARTICLES


def is_title_word(word: str) -> bool:
    """Whether ``word`` (any case, with or without its dot) is part of an academic title."""
    lowered = word.casefold()
    return lowered in _TITLE_WORDS or f"{lowered}." in _TITLE_WORDS


@dataclass(frozen=True)
class NameParts:
    given_name: str = ""
    family_name: str = ""
    name_particle: str = ""
    academic_title: str = ""
    nickname: str = ""


def parse_name(text: str) -> NameParts:
    """The parts of a full name; the whole text goes to the family name if it is one word."""
    raw = " ".join((text or "").split())
    if not raw:
        raise InvalidInput("name", text, "is empty; a person needs at least a name")
    nickname = ""
    match = next(
        (
            found
            for found in _NICKNAME.finditer(raw)
            if _is_nickname((found.group("nick") or found.group("paren") or "").strip())
        ),
        None,
    )
    if match:
        nickname = (match.group("nick") or match.group("paren") or "").strip()
        raw = " ".join((raw[: match.start()] + " " + raw[match.end() :]).split())
    if "," in raw:
        family, _, given = raw.partition(",")
        parts = parse_name(f"{given.strip()} {family.strip()}") if given.strip() else None
        if parts is not None:
            return NameParts(
                parts.given_name,
                parts.family_name,
                parts.name_particle,
                parts.academic_title,
                nickname or parts.nickname,
            )
        raw = family.strip()
    words = raw.split(" ")
    titles: list[str] = []
    while len(words) > 1 and words[0].casefold() in _TITLE_WORDS:
        titles.append(words.pop(0))
    if len(words) == 1:
        return NameParts(family_name=words[0], academic_title=" ".join(titles), nickname=nickname)
    # The particle run starts at the first lower-case particle after the given name.
    family_start = len(words) - 1
    particle_start = family_start
    for index in range(1, len(words) - 1):
        if words[index] in _PARTICLES:
            particle_start = index
            break
    return NameParts(
        given_name=" ".join(words[:particle_start]),
        family_name=words[family_start],
        name_particle=" ".join(words[particle_start:family_start]),
        academic_title=" ".join(titles),
        nickname=nickname,
    )
