"""The columns of a XING export, in German or in English."""

from __future__ import annotations

import re

from knoten.imports.csv.roles import (
    ADDRESS,
    CONNECTED,
    CONTACT,
    DATE,
    EXTRA,
    FIELD,
    GROUPS,
    NOTE,
    PREFIX,
    PROFILE,
    Step,
    fold_keys,
)

_XING_FIXED: dict[str, tuple[int, object]] = {
    "anrede": (PREFIX, None),
    "titel": (PREFIX, None),
    "vorname": (FIELD, "given_name"),
    "nachname": (FIELD, "family_name"),
    "name": (FIELD, "full_name"),
    "firma": (FIELD, "organisation"),
    "unternehmen": (FIELD, "organisation"),
    "position": (FIELD, "title"),
    "abteilung": (FIELD, "department"),
    "e-mail": (CONTACT, ("email", "", False)),
    "e-mail geschäftlich": (CONTACT, ("email", "work", False)),
    "e-mail privat": (CONTACT, ("email", "home", False)),
    "telefon geschäftlich": (CONTACT, ("phone", "work", False)),
    "telefon privat": (CONTACT, ("phone", "home", False)),
    "mobiltelefon geschäftlich": (CONTACT, ("phone", "mobile", False)),
    "mobil geschäftlich": (CONTACT, ("phone", "mobile", False)),
    "mobiltelefon privat": (CONTACT, ("phone", "mobile", False)),
    "mobil privat": (CONTACT, ("phone", "mobile", False)),
    "mobiltelefon": (CONTACT, ("phone", "mobile", False)),
    "fax geschäftlich": (CONTACT, ("phone", "work fax", False)),
    "fax privat": (CONTACT, ("phone", "home fax", False)),
    "webseite": (CONTACT, ("website", "", False)),
    "webseite geschäftlich": (CONTACT, ("website", "work", False)),
    "homepage": (CONTACT, ("website", "", False)),
    "homepage geschäftlich": (CONTACT, ("website", "work", False)),
    "homepage privat": (CONTACT, ("website", "home", False)),
    "profil-url": (PROFILE, "xing"),
    "profil": (PROFILE, "xing"),
    "profile url": (PROFILE, "xing"),
    "xing-profil": (PROFILE, "xing"),
    "xing profil": (PROFILE, "xing"),
    "xing-profil-url": (PROFILE, "xing"),
    "xing-url": (PROFILE, "xing"),
    "geburtstag": (DATE, ("birthday", "")),
    "geburtsdatum": (DATE, ("birthday", "")),
    "notiz": (NOTE, None),
    "notizen": (NOTE, None),
    "schlagwörter": (GROUPS, False),
    "schlagworte": (GROUPS, False),
    "tags": (GROUPS, False),
    "kategorien": (GROUPS, False),
    "kontakt seit": (CONNECTED, None),
    "verbunden seit": (CONNECTED, None),
    # The same export with XING set to English.
    "salutation": (PREFIX, None),
    "title": (PREFIX, None),
    "first name": (FIELD, "given_name"),
    "last name": (FIELD, "family_name"),
    "company": (FIELD, "organisation"),
    "business email": (CONTACT, ("email", "work", False)),
    "private email": (CONTACT, ("email", "home", False)),
    "business phone": (CONTACT, ("phone", "work", False)),
    "business mobile phone": (CONTACT, ("phone", "mobile", False)),
    "mobile phone": (CONTACT, ("phone", "mobile", False)),
    "private phone": (CONTACT, ("phone", "home", False)),
    "private mobile phone": (CONTACT, ("phone", "mobile", False)),
    "xing profile": (PROFILE, "xing"),
    "birthday": (DATE, ("birthday", "")),
    "notes": (NOTE, None),
}
fold_keys(_XING_FIXED)
_XING_ADDRESS_EN = re.compile(
    r"^(?P<group>business|private) (?P<part>street|zip code|postal code|city|country|state)$"
)
_XING_ADDRESS = re.compile(
    r"^(?P<part>straße|strasse|plz|postleitzahl|ort|stadt|land|bundesland|region)"
    r" \(?(?P<group>geschaftlich|geschäftlich|geschaeftlich|gesch\.|privat)\)?$"
)
_XING_ADDRESS_PARTS = {
    "straße": "street",
    "strasse": "street",
    "plz": "postal_code",
    "postleitzahl": "postal_code",
    "ort": "locality",
    "stadt": "locality",
    "land": "country",
    "bundesland": "region",
    "region": "region",
    "street": "street",
    "zip code": "postal_code",
    "postal code": "postal_code",
    "city": "locality",
    "country": "country",
    "state": "region",
}


def xing_plan(header: list[str]) -> list[Step]:
    steps: list[Step] = []
    for index, name in enumerate(header):
        cell = name.casefold()
        fixed = _XING_FIXED.get(cell)
        if fixed is not None:
            steps.append(Step(index, fixed[0], name, fixed[1]))
        elif match := _XING_ADDRESS.match(cell) or _XING_ADDRESS_EN.match(cell):
            group = match.group("group")
            label = "home" if group in ("privat", "private") else "work"
            part = _XING_ADDRESS_PARTS[match.group("part")]
            steps.append(Step(index, ADDRESS, name, (group, part, label, -1)))
        else:
            steps.append(Step(index, EXTRA, name))
    return steps
