"""What a column of a CSV file means: its *role*. A file's plan is one :class:`Step`
(column index, role, header, argument) per column; the exports' modules make them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

FIELD = 1  # arg: attribute name
CONTACT = 2  # arg: (kind, label, preferred)
LABELLED = 3  # arg: (kind, label column): Google's "E-mail 1 - Value"
ADDRESS = 4  # arg: (group, part, label, label column)
DATE = 5  # arg: (kind, label)
EVENT = 6  # arg: label column
RELATION = 7  # arg: (label, label column)
GROUPS = 8  # arg: True for Google's labels
EXTRA = 9
CUSTOM = 10  # arg: label column
PREFIX = 11
PHOTO = 12
CONNECTED = 13
PROFILE = 14  # arg: kind (linkedin, xing): a contact and the record's uid
NOTE = 15
DEFAULTED = 16  # arg: the values that mean "nothing"
IGNORE = 17
CHILDREN = 18


@dataclass(frozen=True)
class Step:
    index: int
    role: int
    header: str
    arg: object = None


_V = TypeVar("_V")


def fold_keys(table: dict[str, _V]) -> None:
    """Headers are compared case-folded ("Straße" as "strasse"): so are a table's keys."""
    folded = {key.casefold(): value for key, value in table.items()}
    table.clear()
    table.update(folded)
