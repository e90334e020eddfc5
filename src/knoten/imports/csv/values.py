"""What one cell of a CSV file says: a label (Google's "* Work"), the kind of a web
address, a name with its academic title or emoji, the groups a contact is in."""

from __future__ import annotations

import re

from knoten.core.names import is_title_word
from knoten.people.records import ContactRecord

# Labels that Google and Outlook write in English: stored in lower case.
_KNOWN_LABELS = {
    "work",
    "home",
    "mobile",
    "other",
    "main",
    "work fax",
    "home fax",
    "other fax",
    "pager",
    "work mobile",
    "work pager",
    "google voice",
    "iphone",
    "school",
    "blog",
    "profile",
    "homepage",
    "home page",
    "ftp",
    "spouse",
    "child",
    "mother",
    "father",
    "parent",
    "brother",
    "sister",
    "friend",
    "relative",
    "manager",
    "assistant",
    "partner",
    "domestic partner",
    "referred by",
    "anniversary",
}


def clean_label(label: str) -> tuple[str, bool]:
    """Google's "* Work" → ("work", preferred); "Mobile" → "mobile"; own words kept."""
    preferred = label.startswith("*")
    label = label.lstrip("* ").strip()
    lowered = label.casefold()
    return (lowered if lowered in _KNOWN_LABELS else label), preferred


def web_kind(value: str) -> str:
    """The kind of a web address: a LinkedIn or XING profile, else a website."""
    lowered = value.casefold()
    if "linkedin.com/" in lowered:
        return "linkedin"
    if "xing.com/" in lowered or "xing.de/" in lowered:
        return "xing"
    return "website"


# Emoji and the like that people put into their names on LinkedIn ("Anna 🚀"): the
# symbol blocks (arrows, technical, shapes, dingbats, pictographs), the variation
# selector, the zero-width joiner, the keycap and the tag letters of flag sequences.
_DECORATION = re.compile(
    "[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3"
    "\U0001f000-\U0001faff\U000e0020-\U000e007f]+"
)


def _clean_name_part(text: str) -> str:
    """A name without emoji and the like ("Anna 🚀" → "Anna")."""
    if text.isascii() or not _DECORATION.search(text):
        return text
    return " ".join(_DECORATION.sub(" ", text).split())


def _is_title(word: str) -> bool:
    """A word of an academic title: Dr., Prof., and the compounds Dr.-Ing., Dipl.-Kfm. …"""
    return is_title_word(word) or word.casefold().startswith(("dipl.-", "dr.-", "dr.rer."))


def academic(text: str) -> tuple[str, str]:
    """("Dr.", "Herr") from "Herr Dr.": the academic words and the rest."""
    words = text.split()
    title = [word for word in words if _is_title(word)]
    rest = [word for word in words if word not in title]
    return " ".join(title), " ".join(rest)


def tidy_names(record: ContactRecord) -> None:
    """Academic titles before a given name, ", MBA" after a family name, and emoji."""
    record.given_name = _clean_name_part(record.given_name)
    record.family_name = _clean_name_part(record.family_name)
    record.full_name = _clean_name_part(record.full_name)
    record.nickname = _clean_name_part(record.nickname)
    given = record.given_name
    if "." in given:
        words = given.split()
        titles = []
        while len(words) > 1 and (_is_title(words[0])):
            titles.append(words.pop(0))
        if titles:
            record.given_name = " ".join(words)
            known = record.academic_title
            record.academic_title = " ".join(part for part in (known, *titles) if part)
    family = record.family_name
    if "," in family:
        name, _, suffix = family.partition(",")
        if name.strip() and suffix.strip():
            record.family_name = name.strip()
            known = record.name_suffix
            record.name_suffix = ", ".join(part for part in (known, suffix.strip()) if part)


_SYSTEM_LABELS = {"mycontacts", "starred", "* mycontacts", "* starred"}
LIST_SPLIT = re.compile(r"\s*(?::::|;|,)\s*")


def groups_of(value: str, google: bool) -> list[str]:
    """The groups in a cell: Google's joined by " ::: " (its own "* myContacts" and
    "* starred" left out), others' by ";" or ","."""
    parts = value.split(" ::: ") if google else LIST_SPLIT.split(value)
    groups = []
    for part in parts:
        part = part.strip()
        if part and part.casefold() not in _SYSTEM_LABELS:
            groups.append(part.lstrip("* ").strip() if google else part)
    return groups
