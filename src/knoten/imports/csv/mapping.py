"""A mapping of a CSV file's columns to fields, as the user writes it
(``"Vorname=given_name,Nachname=family_name"``), and the role each field gives."""

from __future__ import annotations

from knoten.core.errors import InvalidInput
from knoten.imports.csv.roles import (
    ADDRESS,
    CONNECTED,
    CONTACT,
    DATE,
    FIELD,
    GROUPS,
    IGNORE,
    NOTE,
    PROFILE,
)

MAP_TARGETS = (
    "given_name",
    "family_name",
    "full_name",
    "nickname",
    "academic_title",
    "email",
    "phone",
    "mobile",
    "website",
    "linkedin",
    "xing",
    "organisation",
    "title",
    "department",
    "gender",
    "birthday",
    "street",
    "postal_code",
    "locality",
    "region",
    "country",
    "note",
    "groups",
    "connected_on",
    "ignore",
)


def parse_mapping(text: str) -> dict[str, str]:
    """``{"Vorname": "given_name", …}`` from ``"Vorname=given_name,Nachname=family_name"``.

    A column header may itself hold a comma ("Name, Vorname=full_name"); the target is
    after the last ``=``. An unknown target, a pair without ``=`` or an empty mapping is
    :class:`InvalidInput`.
    """
    pairs: list[str] = []
    pending = ""
    for piece in (text or "").split(","):
        if not piece.strip() and not pending:
            continue
        if "=" in piece:
            pairs.append(pending + piece)
            pending = ""
        else:
            pending += piece + ","  # a column header with a comma in it
    if pending.strip(", "):
        raise InvalidInput(
            "map", pending.strip(", "), "is not COLUMN=FIELD (such as 'Vorname=given_name')"
        )
    mapping: dict[str, str] = {}
    for pair in pairs:
        if not pair.strip():
            continue
        column, equals, target = pair.rpartition("=")
        column, target = column.strip(), target.strip().casefold().replace("-", "_")
        if not equals or not column:
            raise InvalidInput(
                "map", pair.strip(), "is not COLUMN=FIELD (such as 'Vorname=given_name')"
            )
        if target not in MAP_TARGETS:
            raise InvalidInput(
                "map", target, f"is not a field to map to; use one of {', '.join(MAP_TARGETS)}"
            )
        if column in mapping:
            raise InvalidInput("map", column, "is mapped twice")
        mapping[column] = target
    if not mapping:
        raise InvalidInput(
            "map", text, "is empty; give COLUMN=FIELD pairs such as 'Vorname=given_name'"
        )
    return mapping


MAPPED_ROLES: dict[str, tuple[int, object]] = {
    "given_name": (FIELD, "given_name"),
    "family_name": (FIELD, "family_name"),
    "full_name": (FIELD, "full_name"),
    "nickname": (FIELD, "nickname"),
    "academic_title": (FIELD, "academic_title"),
    "organisation": (FIELD, "organisation"),
    "title": (FIELD, "title"),
    "department": (FIELD, "department"),
    "gender": (FIELD, "gender"),
    "email": (CONTACT, ("email", "", False)),
    "phone": (CONTACT, ("phone", "", False)),
    "mobile": (CONTACT, ("phone", "mobile", False)),
    "website": (CONTACT, ("website", "", False)),
    "linkedin": (PROFILE, "linkedin"),
    "xing": (PROFILE, "xing"),
    "birthday": (DATE, ("birthday", "")),
    "street": (ADDRESS, ("mapped", "street", "", -1)),
    "postal_code": (ADDRESS, ("mapped", "postal_code", "", -1)),
    "locality": (ADDRESS, ("mapped", "locality", "", -1)),
    "region": (ADDRESS, ("mapped", "region", "", -1)),
    "country": (ADDRESS, ("mapped", "country", "", -1)),
    "note": (NOTE, None),
    "groups": (GROUPS, False),
    "connected_on": (CONNECTED, None),
    "ignore": (IGNORE, None),
}
