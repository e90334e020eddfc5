"""One vCard's properties into a :class:`~knoten.people.records.ContactRecord`."""

from __future__ import annotations

from collections.abc import Callable

from knoten.core.names import is_particle, is_title_word
from knoten.imports.vcard.cards import Card, Unreadable
from knoten.imports.vcard.labels import clean_label, profile_kind, type_label
from knoten.imports.vcard.properties import Property, read_property
from knoten.imports.vcard.values import parts_of, read_date, unescape
from knoten.people.records import ContactRecord, RecordContact, RecordDate, RecordRelation

# Properties that say nothing about the person: left out of ``extra``.
_NOISE = frozenset({"VERSION", "PRODID", "REV"})
# Old-style messenger properties (Apple, Evolution, KAddressBook, Outlook) → the service.
_MESSENGERS = {
    "X-SKYPE": "Skype",
    "X-SKYPE-USERNAME": "Skype",
    "X-MS-IMADDRESS": "",
    "X-AIM": "AIM",
    "X-ICQ": "ICQ",
    "X-JABBER": "Jabber",
    "X-MSN": "MSN",
    "X-YAHOO": "Yahoo",
    "X-GOOGLE-TALK": "Google Talk",
    "X-GTALK": "Google Talk",
    "X-QQ": "QQ",
    "X-GADUGADU": "Gadu-Gadu",
}
# An IMPP address's scheme → the service, where the file names none.
_SCHEMES = {
    "skype": "Skype",
    "callto": "Skype",
    "xmpp": "Jabber",
    "aim": "AIM",
    "icq": "ICQ",
    "msnim": "MSN",
    "ymsgr": "Yahoo",
    "gtalk": "Google Talk",
    "sip": "SIP",
    "facebook": "Facebook",
}
# Dates of other names than BDAY and ANNIVERSARY, and the kind they are.
_DATES = {
    "BDAY": "birthday",
    "ANNIVERSARY": "anniversary",
    "X-ANNIVERSARY": "anniversary",
    "X-MS-ANNIVERSARY": "anniversary",
    "X-EVOLUTION-ANNIVERSARY": "anniversary",
    "X-KADDRESSBOOK-X-ANNIVERSARY": "anniversary",
}
# Related persons named by a property of their own, and the relation.
_RELATED = {
    "X-SPOUSE": "spouse",
    "X-MS-SPOUSE": "spouse",
    "X-EVOLUTION-SPOUSE": "spouse",
    "X-KADDRESSBOOK-X-SPOUSENAME": "spouse",
    "X-MANAGER": "manager",
    "X-MS-MANAGER": "manager",
    "X-EVOLUTION-MANAGER": "manager",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "manager",
    "X-ASSISTANT": "assistant",
    "X-MS-ASSISTANT": "assistant",
    "X-EVOLUTION-ASSISTANT": "assistant",
    "X-KADDRESSBOOK-X-ASSISTANTSNAME": "assistant",
}
# Salutations in N's prefix: not an academic title, kept in ``extra`` as "N-PREFIX".
_SALUTATIONS = frozenset(
    {"herr", "frau", "hr.", "fr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx."}
)
# Google's group of every contact: no circle of its own.
_EVERYONE_GROUPS = frozenset({"mycontacts"})
_BINARY_KEPT = frozenset({"KEY"})  # base64 worth keeping as it is (a public key)


class CardReader:
    """Reads one card's properties into a :class:`ContactRecord`."""

    def __init__(self, card: Card, source: str) -> None:
        self.card = card
        self.record = ContactRecord(source=source, line=card.line)
        self.v21 = False
        self.labels: dict[str, str] = {}  # group → its X-ABLabel, cleaned
        self.label_lines: dict[str, tuple[str, str]] = {}  # group → (written, raw label)
        self.used_labels: set[str] = set()
        self.countries: dict[str, str] = {}  # group → X-ABADR
        self.seen: set[str] = set()  # single-valued properties already taken

    def read(self) -> ContactRecord:
        """The card's record; :class:`Unreadable` if it has a bad line, or no name and no
        contact."""
        properties = [read_property(line, text) for line, text in self.card.lines]
        for prop in properties:
            if prop.name == "VERSION":
                self.v21 = prop.value.strip() == "2.1"
            elif prop.name == "X-ABLABEL" and prop.group:
                self.labels[prop.group] = clean_label(self._text(prop))
                self.label_lines[prop.group] = (prop.written, prop.value.strip())
            elif prop.name == "X-ABADR" and prop.group:
                self.countries[prop.group] = prop.value.strip()
        record = self.record
        for prop in properties:
            if prop.name in _NOISE:
                continue
            handler = _HANDLERS.get(prop.name)
            if handler is not None:
                handler(self, prop)
            elif prop.name in _DATES:
                self._date(prop, _DATES[prop.name])
            elif prop.name in _RELATED:
                self._relation(prop, _RELATED[prop.name])
            elif prop.name in _MESSENGERS:
                self._messenger(prop, _MESSENGERS[prop.name])
            else:
                self._keep(prop)
        for group, (written, raw) in self.label_lines.items():
            if group not in self.used_labels:
                record.extra.append((written, raw))
        for country in self.countries.values():  # an X-ABADR whose group has no ADR
            record.extra.append(("X-ABADR", country))
        self._drop_repeated_messengers()
        named = (
            record.full_name,
            record.given_name,
            record.family_name,
            record.additional_names,
            record.nickname,
        )
        if not any(named) and not record.contacts:
            raise Unreadable(
                self.card.line,
                f"the vCard begun on line {self.card.line} has neither a name nor any "
                "e-mail address, phone number, address or web address",
            )
        return record

    # helpers

    def _text(self, prop: Property) -> str:
        return unescape(prop.value, self.v21).strip()

    def _label(self, prop: Property) -> str:
        if prop.group and prop.group in self.labels:
            self.used_labels.add(prop.group)
            return self.labels[prop.group]
        return type_label(prop.types)

    def _preferred(self, prop: Property) -> bool:
        return "pref" in prop.types or prop.params.get("PREF", "").strip() == "1"

    def _once(self, prop: Property) -> bool:
        """Whether this is the first of a property the record has one field for; a
        second one goes to ``extra``."""
        if prop.name in self.seen:
            self._keep(prop)
            return False
        self.seen.add(prop.name)
        return True

    def _keep(self, prop: Property) -> None:
        """Keeps a property without a field of its own in ``extra``: by its name in the
        file, with its label (Apple's or the TYPE words) in brackets."""
        if prop.binary and prop.name not in _BINARY_KEPT:
            value = f"(binary data, {len(prop.value)} characters, not kept)"
        else:
            value = self._text(prop)
        if not value:
            return
        # Binary data's TYPE is its media type (JPEG, PGP), not a label.
        label = "" if prop.binary or prop.name == "X-ABLABEL" else self._label(prop)
        name = f"{prop.written} ({label})" if label else prop.written
        self.record.extra.append((name, value))

    def _contact(self, prop: Property, kind: str, value: str, label: str | None = None) -> None:
        if not value:
            return
        self.record.contacts.append(
            RecordContact(
                kind=kind,
                value=value,
                label=self._label(prop) if label is None else label,
                preferred=self._preferred(prop),
            )
        )

    # names

    def _n(self, prop: Property) -> None:
        if not self._once(prop):
            return
        parts = [*parts_of(prop.value, ";", self.v21), "", "", "", "", ""]
        family, given, additional, prefix, suffix = parts[:5]
        record = self.record
        words = family.split()
        particles = []
        while len(words) > 1 and is_particle(words[0]):
            particles.append(words.pop(0))
        record.family_name = " ".join(words)
        record.name_particle = " ".join(particles)
        record.given_name = given.replace(",", " ").strip()
        record.additional_names = " ".join(additional.replace(",", " ").split())
        # "Prof. Dr." is an academic title; "Herr", "Mrs." or "Rev." is not, and is kept.
        others: list[str] = []
        titles: list[str] = []
        for word in prefix.replace(",", " ").split():
            (others if word.casefold() in _SALUTATIONS else titles).append(word)
        if titles and not any(is_title_word(word) for word in titles):
            others, titles = others + titles, []
        record.academic_title = " ".join(titles)
        if others:
            record.extra.append(("N-PREFIX", " ".join(others)))
        record.name_suffix = suffix.replace(",", ", ").strip()

    def _fn(self, prop: Property) -> None:
        if self._once(prop):
            self.record.full_name = self._text(prop)

    def _nickname(self, prop: Property) -> None:
        names = [name for name in parts_of(prop.value, ",", self.v21) if name]
        known = [self.record.nickname] if self.record.nickname else []
        self.record.nickname = ", ".join(known + names)

    # work

    def _org(self, prop: Property) -> None:
        if not self._once(prop):
            return
        parts = parts_of(prop.value, ";", self.v21)
        self.record.organisation = parts[0]
        self.record.department = ", ".join(part for part in parts[1:] if part)

    def _gender(self, prop: Property) -> None:
        # vCard 4.0: GENDER:F, or GENDER:O;non-binary (the sex, then a text of its own).
        if self._once(prop):
            self.record.gender = parts_of(prop.value, ";", self.v21)[0].strip() or prop.value

    def _title(self, prop: Property) -> None:
        if self._once(prop):
            self.record.title = self._text(prop)

    # contact points

    def _email(self, prop: Property) -> None:
        self._contact(prop, "email", self._text(prop))

    def _tel(self, prop: Property) -> None:
        self._contact(prop, "phone", self._text(prop))

    def _url(self, prop: Property) -> None:
        value = self._text(prop)
        self._contact(prop, profile_kind(value), value)

    def _social_profile(self, prop: Property) -> None:
        value = self._text(prop)
        kind = profile_kind(value)
        if kind == "website":  # Twitter, Facebook, x-apple:…: no contact kind of its own
            self._keep(prop)
            return
        # Its TYPE names the network, which the kind says already: no label but Apple's.
        label = self._label(prop) if prop.group in self.labels else ""
        self._contact(prop, kind, value, label)

    def _impp(self, prop: Property) -> None:
        value = self._text(prop)
        service = prop.params.get("X-SERVICE-TYPE", "")
        if not service:
            scheme, colon, _ = value.partition(":")
            service = _SCHEMES.get(scheme.lower(), "") if colon else ""
        self._messenger(prop, service, value)

    def _messenger(self, prop: Property, service: str, value: str | None = None) -> None:
        value = self._text(prop) if value is None else value
        label = self._label(prop) if prop.group in self.labels else service
        self._contact(prop, "messenger", value, label or self._label(prop))

    def _drop_repeated_messengers(self) -> None:
        """Apple writes a messenger twice, as ``IMPP:xmpp:anna@…`` and as the older
        ``X-JABBER:anna@…``: the second is the same address and is left out."""
        seen: dict[str, RecordContact] = {}
        kept = []
        for contact in self.record.contacts:
            if contact.kind == "messenger":
                scheme, colon, rest = contact.value.partition(":")
                bare = (rest if colon and scheme.lower() in _SCHEMES else contact.value).lower()
                first = seen.get(bare)
                if first is not None:
                    first.preferred = first.preferred or contact.preferred
                    continue
                seen[bare] = contact
            kept.append(contact)
        self.record.contacts = kept

    def _adr(self, prop: Property) -> None:
        parts = [*parts_of(prop.value, ";", self.v21), "", "", "", "", "", "", ""]
        pobox, extended, street, locality, region, code, country = parts[:7]
        country_code = self.countries.pop(prop.group, "") if prop.group else ""
        if country_code and not country:
            country = country_code.upper()
        elif country_code:
            self.record.extra.append(("X-ABADR", country_code))
        street = ", ".join(part for part in (street, extended, pobox) if part)
        one_line = [
            street.replace("\n", ", "),
            " ".join(part for part in (code, locality) if part),
            region,
            country,
        ]
        value = ", ".join(part for part in one_line if part)
        if not value:
            return
        self.record.contacts.append(
            RecordContact(
                kind="address",
                value=value,
                label=self._label(prop),
                preferred=self._preferred(prop),
                street=street,
                postal_code=code,
                locality=locality,
                region=region,
                country=country,
            )
        )

    # dates and relations

    def _date(self, prop: Property, kind: str, label: str = "") -> None:
        text = self._text(prop)
        if not text:
            return
        if prop.params.get("VALUE", "").lower() == "text":
            self._keep(prop)  # 4.0 "circa 1800": a text, not a date
            return
        date = read_date(text, prop.params)
        if date is None:
            raise Unreadable(
                prop.line,
                f"{prop.written} {text!r} is not a date (the vCard begun on line "
                f"{self.card.line}); use 1965-08-12, 19650812 or --08-12",
            )
        self.record.dates.append(RecordDate(kind=kind, date=date, label=label))

    def _apple_date(self, prop: Property) -> None:
        label = self.labels.get(prop.group, "") if prop.group else ""
        if prop.group in self.labels:
            self.used_labels.add(prop.group)
        if label == "anniversary":
            self._date(prop, "anniversary")
        else:
            self._date(prop, "custom", label)

    def _relation(self, prop: Property, label: str) -> None:
        name = self._text(prop)
        if name:
            self.record.related.append(RecordRelation(name=name, label=label))

    def _related(self, prop: Property) -> None:
        self._relation(prop, type_label(prop.types))

    def _apple_related(self, prop: Property) -> None:
        self._relation(prop, self._label(prop))

    # the rest

    def _categories(self, prop: Property) -> None:
        for name in parts_of(prop.value, ",", self.v21):
            if name.casefold() in _EVERYONE_GROUPS:
                self.record.extra.append((prop.written, name))
            elif name and name not in self.record.groups:
                self.record.groups.append(name)

    def _note(self, prop: Property) -> None:
        text = self._text(prop)
        if text:
            self.record.note = f"{self.record.note}\n\n{text}" if self.record.note else text

    def _uid(self, prop: Property) -> None:
        if self._once(prop):
            self.record.uid = self._text(prop)

    def _photo(self, prop: Property) -> None:
        self.record.has_photo = True
        value = prop.value.strip()
        if prop.binary:
            if not self.record.photo:  # the first photo of the card; a second is left out
                self.record.photo = value
        elif value.lower().startswith(("http://", "https://")):
            # An address is not fetched (nothing leaves the machine): it is kept as it is.
            self.record.photo_url = self.record.photo_url or value
            self.record.extra.append((prop.written, value))

    def _label_property(self, prop: Property) -> None:
        """X-ABLabel was read with its group; one without a group is kept."""
        if not prop.group:
            self._keep(prop)

    def _country(self, prop: Property) -> None:
        """X-ABADR is read with its group's ADR (and kept if the group has none); one
        without a group is kept."""
        if not prop.group:
            self._keep(prop)


_HANDLERS: dict[str, Callable[[CardReader, Property], None]] = {
    "N": CardReader._n,
    "FN": CardReader._fn,
    "NICKNAME": CardReader._nickname,
    "ORG": CardReader._org,
    "TITLE": CardReader._title,
    "GENDER": CardReader._gender,
    "X-GENDER": CardReader._gender,
    "EMAIL": CardReader._email,
    "TEL": CardReader._tel,
    "URL": CardReader._url,
    "X-SOCIALPROFILE": CardReader._social_profile,
    "IMPP": CardReader._impp,
    "ADR": CardReader._adr,
    "X-ABDATE": CardReader._apple_date,
    "RELATED": CardReader._related,
    "X-ABRELATEDNAMES": CardReader._apple_related,
    "CATEGORIES": CardReader._categories,
    "NOTE": CardReader._note,
    "UID": CardReader._uid,
    "PHOTO": CardReader._photo,
    "X-ABLABEL": CardReader._label_property,
    "X-ABADR": CardReader._country,
}
