"""The columns of a LinkedIn export ("Connections.csv")."""

from __future__ import annotations

from knoten.imports.csv.roles import CONNECTED, CONTACT, EXTRA, FIELD, PROFILE, Step, fold_keys

_LINKEDIN_FIXED: dict[str, tuple[int, object]] = {
    "first name": (FIELD, "given_name"),
    "last name": (FIELD, "family_name"),
    "url": (PROFILE, "linkedin"),
    "profile url": (PROFILE, "linkedin"),
    "email address": (CONTACT, ("email", "", False)),
    "company": (FIELD, "organisation"),
    "position": (FIELD, "title"),
    "connected on": (CONNECTED, None),
}
fold_keys(_LINKEDIN_FIXED)


def linkedin_plan(header: list[str]) -> list[Step]:
    steps = []
    for index, name in enumerate(header):
        role, arg = _LINKEDIN_FIXED.get(name.casefold(), (EXTRA, None))
        steps.append(Step(index, role, name, arg))
    return steps
