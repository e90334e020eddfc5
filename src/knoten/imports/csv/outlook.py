"""The columns of an Outlook export, in English or in German ("Vorname",
"Straße geschäftlich" …)."""

from __future__ import annotations

import re

from knoten.imports.csv.roles import (
    ADDRESS,
    CHILDREN,
    CONTACT,
    DATE,
    DEFAULTED,
    EXTRA,
    FIELD,
    GROUPS,
    IGNORE,
    NOTE,
    PREFIX,
    RELATION,
    Step,
    fold_keys,
)

_NO_VALUES = frozenset(
    {"unspecified", "normal", "false", "aus", "nicht angegeben", "unbestimmt", "falsch", "0"}
)

# Outlook's German headers, as the English ones they stand for.
_OUTLOOK_GERMAN = {
    "anrede": "title",
    "titel": "title",
    "vorname": "first name",
    "weitere vornamen": "middle name",
    "nachname": "last name",
    "suffix": "suffix",
    "firma": "company",
    "abteilung": "department",
    "position": "job title",
    "straße geschäftlich": "business street",
    "straße geschäftlich 2": "business street 2",
    "straße geschäftlich 3": "business street 3",
    "ort geschäftlich": "business city",
    "region geschäftlich": "business state",
    "postleitzahl geschäftlich": "business postal code",
    "land/region geschäftlich": "business country/region",
    "land geschäftlich": "business country/region",
    "postfach geschäftlich": "business address po box",
    "straße privat": "home street",
    "straße privat 2": "home street 2",
    "straße privat 3": "home street 3",
    "ort privat": "home city",
    "bundesland/kanton privat": "home state",
    "region privat": "home state",
    "postleitzahl privat": "home postal code",
    "land/region privat": "home country/region",
    "land privat": "home country/region",
    "postfach privat": "home address po box",
    "weitere straße": "other street",
    "weitere straße 2": "other street 2",
    "weitere straße 3": "other street 3",
    "weiterer ort": "other city",
    "weiteres/r bundesland/kanton": "other state",
    "weitere region": "other state",
    "weitere postleitzahl": "other postal code",
    "weiteres/e land/region": "other country/region",
    "weiteres land": "other country/region",
    "weiteres postfach": "other address po box",
    "telefon assistent": "assistant's phone",
    "fax geschäftlich": "business fax",
    "telefon geschäftlich": "business phone",
    "telefon geschäftlich 2": "business phone 2",
    "rückmeldung": "callback",
    "autotelefon": "car phone",
    "telefon firma": "company main phone",
    "fax privat": "home fax",
    "telefon privat": "home phone",
    "telefon (privat)": "home phone",
    "telefon privat 2": "home phone 2",
    "telefon (privat 2)": "home phone 2",
    "mobiltelefon": "mobile phone",
    "mobiltelefon 2": "mobile phone 2",
    "weiteres fax": "other fax",
    "weiteres telefon": "other phone",
    "haupttelefon": "primary phone",
    "telefon für hörbehinderte": "tty/tdd phone",
    "e-mail-adresse": "e-mail address",
    "e-mail-typ": "e-mail type",
    "e-mail: angezeigter name": "e-mail display name",
    "e-mail 2: adresse": "e-mail 2 address",
    "e-mail 2: typ": "e-mail 2 type",
    "e-mail 2: angezeigter name": "e-mail 2 display name",
    "e-mail 3: adresse": "e-mail 3 address",
    "e-mail 3: typ": "e-mail 3 type",
    "e-mail 3: angezeigter name": "e-mail 3 display name",
    "geburtstag": "birthday",
    "jahrestag": "anniversary",
    "kategorien": "categories",
    "notizen": "notes",
    "webseite": "web page",
    "partner": "spouse",
    "partner/in": "spouse",
    "kinder": "children",
    "name des/der vorgesetzten": "manager's name",
    "name des/r vorgesetzten": "manager's name",
    "name assistent": "assistant's name",
    "assistent(in)": "assistant's name",
    "geschlecht": "gender",
    "priorität": "priority",
    "privat": "private",
    "vertraulichkeit": "sensitivity",
    "initialen": "initials",
}
fold_keys(_OUTLOOK_GERMAN)
_OUTLOOK_PHONES = {
    "assistant's phone": ("assistant", False),
    "business fax": ("work fax", False),
    "business phone": ("work", False),
    "business phone 2": ("work", False),
    "callback": ("callback", False),
    "car phone": ("car", False),
    "company main phone": ("main", False),
    "home fax": ("home fax", False),
    "home phone": ("home", False),
    "home phone 2": ("home", False),
    "isdn": ("isdn", False),
    "mobile phone": ("mobile", False),
    "mobile phone 2": ("mobile", False),
    "other fax": ("other fax", False),
    "other phone": ("other", False),
    "pager": ("pager", False),
    "primary phone": ("", True),
    "radio phone": ("radio", False),
    "tty/tdd phone": ("tty", False),
    "telex": ("telex", False),
}
_OUTLOOK_FIXED: dict[str, tuple[int, object]] = {
    "title": (PREFIX, None),
    "first name": (FIELD, "given_name"),
    "middle name": (FIELD, "additional_names"),
    "last name": (FIELD, "family_name"),
    "suffix": (FIELD, "name_suffix"),
    "nickname": (FIELD, "nickname"),
    "company": (FIELD, "organisation"),
    "department": (FIELD, "department"),
    "job title": (FIELD, "title"),
    "e-mail address": (CONTACT, ("email", "", False)),
    "e-mail 2 address": (CONTACT, ("email", "", False)),
    "e-mail 3 address": (CONTACT, ("email", "", False)),
    "web page": (CONTACT, ("website", "", False)),
    "personal web page": (CONTACT, ("website", "home", False)),
    "imaddress": (CONTACT, ("messenger", "", False)),
    "birthday": (DATE, ("birthday", "")),
    "anniversary": (DATE, ("anniversary", "")),
    "categories": (GROUPS, False),
    "notes": (NOTE, None),
    "spouse": (RELATION, ("spouse", -1)),
    "children": (CHILDREN, None),
    "manager's name": (RELATION, ("manager", -1)),
    "assistant's name": (RELATION, ("assistant", -1)),
    "e-mail type": (IGNORE, None),
    "e-mail 2 type": (IGNORE, None),
    "e-mail 3 type": (IGNORE, None),
    "e-mail display name": (IGNORE, None),
    "e-mail 2 display name": (IGNORE, None),
    "e-mail 3 display name": (IGNORE, None),
    "gender": (FIELD, "gender"),
    "priority": (DEFAULTED, _NO_VALUES),
    "private": (DEFAULTED, _NO_VALUES),
    "sensitivity": (DEFAULTED, _NO_VALUES),
    "initials": (IGNORE, None),
}
fold_keys(_OUTLOOK_FIXED)
_OUTLOOK_ADDRESS = re.compile(
    r"^(?P<group>business|home|other) (?P<part>street|street 2|street 3|city|state"
    r"|postal code|country/region|country|address po box)$"
)
_OUTLOOK_ADDRESS_PARTS = {
    "street": "street",
    "street 2": "street2",
    "street 3": "street3",
    "city": "locality",
    "state": "region",
    "postal code": "postal_code",
    "country/region": "country",
    "country": "country",
    "address po box": "po_box",
}
_GROUP_LABELS = {"business": "work", "home": "home", "other": "other"}


def outlook_plan(header: list[str]) -> list[Step]:
    steps: list[Step] = []
    for index, name in enumerate(header):
        cell = name.casefold()
        cell = _OUTLOOK_GERMAN.get(cell, cell)
        fixed = _OUTLOOK_FIXED.get(cell)
        if fixed is not None:
            if fixed[0] != IGNORE:
                steps.append(Step(index, fixed[0], name, fixed[1]))
        elif cell in _OUTLOOK_PHONES:
            label, preferred = _OUTLOOK_PHONES[cell]
            steps.append(Step(index, CONTACT, name, ("phone", label, preferred)))
        elif match := _OUTLOOK_ADDRESS.match(cell):
            group = match.group("group")
            part = _OUTLOOK_ADDRESS_PARTS[match.group("part")]
            steps.append(Step(index, ADDRESS, name, (group, part, _GROUP_LABELS[group], -1)))
        else:
            steps.append(Step(index, EXTRA, name))
    return steps
