"""The columns of a Google Contacts export: fixed ones ("Given Name") and numbered ones
("E-mail 1 - Label", "E-mail 1 - Value", "Address 2 - City" …)."""

from __future__ import annotations

import re

from knoten.imports.csv.roles import (
    ADDRESS,
    CUSTOM,
    DATE,
    EVENT,
    EXTRA,
    FIELD,
    GROUPS,
    LABELLED,
    NOTE,
    PHOTO,
    PREFIX,
    RELATION,
    Step,
    fold_keys,
)

_GOOGLE_FIXED: dict[str, tuple[int, object]] = {
    "first name": (FIELD, "given_name"),
    "given name": (FIELD, "given_name"),
    "middle name": (FIELD, "additional_names"),
    "additional name": (FIELD, "additional_names"),
    "last name": (FIELD, "family_name"),
    "family name": (FIELD, "family_name"),
    "name": (FIELD, "full_name"),
    "name prefix": (PREFIX, None),
    "name suffix": (FIELD, "name_suffix"),
    "nickname": (FIELD, "nickname"),
    "organization name": (FIELD, "organisation"),
    "organization title": (FIELD, "title"),
    "organization department": (FIELD, "department"),
    "gender": (FIELD, "gender"),
    "birthday": (DATE, ("birthday", "")),
    "notes": (NOTE, None),
    "photo": (PHOTO, None),
    "labels": (GROUPS, True),
    "group membership": (GROUPS, True),
}
fold_keys(_GOOGLE_FIXED)
_GOOGLE_NUMBERED = re.compile(
    r"^(?P<what>e-mail|phone|address|website|relation|event|custom field|organization|im)"
    r" (?P<n>\d+) - (?P<part>.+)$"
)
_GOOGLE_KINDS = {"e-mail": "email", "phone": "phone", "website": "website", "im": "messenger"}
_GOOGLE_ADDRESS_PARTS = {
    "formatted": "formatted",
    "street": "street",
    "city": "locality",
    "po box": "po_box",
    "region": "region",
    "postal code": "postal_code",
    "country": "country",
    "extended address": "extended",
}


def google_plan(header: list[str]) -> list[Step]:
    folded = [cell.casefold() for cell in header]
    position = {cell: index for index, cell in reversed(list(enumerate(folded)))}
    steps: list[Step] = []
    for index, cell in enumerate(folded):
        name = header[index]
        fixed = _GOOGLE_FIXED.get(cell)
        if fixed is not None:
            steps.append(Step(index, fixed[0], name, fixed[1]))
            continue
        match = _GOOGLE_NUMBERED.match(cell)
        if match is None:
            steps.append(Step(index, EXTRA, name))
            continue
        what, number, part = match.group("what"), match.group("n"), match.group("part")
        prefix = f"{what} {number} - "
        label_column = position.get(prefix + "label", position.get(prefix + "type", -1))
        if part in ("label", "type") or (what == "im" and part == "service"):
            continue  # read with its value
        if what in _GOOGLE_KINDS and part == "value":
            kind = _GOOGLE_KINDS[what]
            if what == "im":
                label_column = position.get(prefix + "service", label_column)
            steps.append(Step(index, LABELLED, name, (kind, label_column)))
        elif what == "address" and part in _GOOGLE_ADDRESS_PARTS:
            arg = (number, _GOOGLE_ADDRESS_PARTS[part], "", label_column)
            steps.append(Step(index, ADDRESS, name, arg))
        elif what == "relation" and part == "value":
            steps.append(Step(index, RELATION, name, ("", label_column)))
        elif what == "event" and part == "value":
            steps.append(Step(index, EVENT, name, label_column))
        elif what == "custom field" and part == "value":
            steps.append(Step(index, CUSTOM, name, label_column))
        elif what == "organization" and number == "1" and part in ("name", "title", "department"):
            attr = {"name": "organisation", "title": "title", "department": "department"}[part]
            steps.append(Step(index, FIELD, name, attr))
        else:
            steps.append(Step(index, EXTRA, name))
    return steps
