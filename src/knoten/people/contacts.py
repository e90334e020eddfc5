"""Contact points: reading what a user typed into a normalised, labelled contact point.

Emails are validated and lower-cased; phone numbers are parsed with ``phonenumbers`` and
kept as E.164 (``+491701234567``), numbers without a country code read as numbers of
``KNOTEN_DEFAULT_REGION``; web addresses get a scheme, and a LinkedIn or XING profile
becomes a contact point of its own kind; a one-line postal address ("Hauptstr. 5,
10115 Berlin") is split into street, postal code, locality and country.

Any value may carry a label in front: ``mobile:+49 170 1234567``, ``work: anna@firma.de``,
``home: Hauptstr. 5, 10115 Berlin``. German labels (dienstlich, privat, Handy) are read
as their English words. The first contact point of a kind is the preferred one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.words import resolve_word
from knoten.people import vocabulary as v
from knoten.people.models import ContactPoint, Person

# Labels typed in German or English, to the word that is stored.
_LABELS = {
    "work": "work",
    "business": "work",
    "office": "work",
    "arbeit": "work",
    "dienstlich": "work",
    "geschaftlich": "work",
    "buro": "work",
    "firma": "work",
    "home": "home",
    "private": "home",
    "personal": "home",
    "privat": "home",
    "zuhause": "home",
    "mobile": "mobile",
    "cell": "mobile",
    "mobil": "mobile",
    "handy": "mobile",
    "fax": "fax",
    "main": "main",
    "zentrale": "main",
    "other": "other",
    "sonstige": "other",
}
_NOT_LABELS = {"http", "https", "mailto", "tel", "callto", "sip", "ftp"}
_LABELLED = re.compile(r"^(?P<label>[^\W\d_][\w\- ]{0,29}?)\s*:\s*(?P<value>.*)$", re.DOTALL)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)

# Which kinds a repeated field of a person replaces: websites cover LinkedIn and XING.
KIND_GROUPS: dict[str, tuple[str, ...]] = {
    "email": ("email",),
    "phone": ("phone",),
    "website": ("website", "linkedin", "xing"),
    "messenger": ("messenger",),
    "address": ("address",),
}


@dataclass(frozen=True)
class ParsedContact:
    """A contact point as it will be stored, before it is stored."""

    kind: str
    value: str
    label: str = ""
    typed: str = ""
    street: str = ""
    postal_code: str = ""
    locality: str = ""
    region: str = ""
    country: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def explain(self) -> str:
        """What was understood, for the person who typed it."""
        label = f" ({self.label})" if self.label else ""
        if self.kind == "phone":
            shown = self.extra.get("international", self.value)
            return f"phone: {shown}{label} → {self.value}"
        if self.kind == "address":
            parts = [
                f"street {self.street!r}" if self.street else "",
                f"postal code {self.postal_code!r}" if self.postal_code else "",
                f"locality {self.locality!r}" if self.locality else "",
                f"country {self.country!r}" if self.country else "",
            ]
            return f"address{label}: " + ", ".join(part for part in parts if part)
        if self.kind in ("linkedin", "xing"):
            name = "LinkedIn" if self.kind == "linkedin" else "XING"
            return f"{name} profile{label}: {self.value}"
        return f"{self.kind}{label}: {self.value}"


def normalise_label(label: str) -> str:
    """``dienstlich`` → ``work``, ``Handy`` → ``mobile``; other labels are kept as typed."""
    cleaned = " ".join(label.split())
    return _LABELS.get(fold(cleaned).replace(" ", ""), cleaned)


def split_label(text: str) -> tuple[str, str]:
    """``("mobile", "+49 170 1234567")`` from ``"mobile:+49 170 1234567"``; no label → ``""``."""
    raw = (text or "").strip()
    match = _LABELLED.match(raw)
    if match is None:
        return "", raw
    label, value = match.group("label").strip(), match.group("value").strip()
    if label.casefold() in _NOT_LABELS or value.startswith("//"):
        return "", raw
    return normalise_label(label), value


def _labelled(text: str, label: str | None) -> tuple[str, str]:
    found, value = split_label(text)
    if label:
        found = normalise_label(label)
    return found, value


def parse_email(text: str, label: str | None = None) -> ParsedContact:
    found, value = _labelled(text, label)
    if value.casefold().startswith("mailto:"):
        value = value[len("mailto:") :].strip()
    value = value.strip("<>").strip()
    if not value:
        raise InvalidInput("email", text, "is empty; give an address such as anna@example.de")
    if not _valid_email(value):
        raise InvalidInput("email", text, "is not a valid email address")
    return ParsedContact("email", value.lower(), found, typed=text)


@functools.lru_cache(maxsize=65_536)
def _valid_email(value: str) -> bool:
    """Django's check of an address, remembered (an import checks each two or three times)."""
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def parse_phone(text: str, label: str | None = None, region: str | None = None) -> ParsedContact:
    """A phone number as E.164; ``0170 1234567`` is read in the default region."""
    found, value = _labelled(text, label)
    if value.casefold().startswith("tel:"):
        value = value[len("tel:") :].strip()
    if not value:
        raise InvalidInput("phone", text, "is empty; give a number such as +49 170 1234567")
    home = (region or settings.KNOTEN_DEFAULT_REGION or "DE").upper()
    read = _read_phone(value, home)
    if read is None:
        raise InvalidInput("phone", text, "is not a phone number")
    e164, international, mobile = read
    if not e164:
        raise InvalidInput(
            "phone",
            text,
            f"is not a valid phone number (numbers without a country code are read as {home})",
        )
    if not found and mobile:
        found = "mobile"
    return ParsedContact("phone", e164, found, typed=text, extra={"international": international})


@functools.lru_cache(maxsize=65_536)
def _read_phone(value: str, home: str) -> tuple[str, str, bool] | None:
    """E.164, the international form and whether it is a mobile number; ``""`` for a
    number that is no valid one, None for a text that is no number at all.

    Remembered: phonenumbers takes some 100 µs a number, and an import reads each number
    of a file two or three times (to store it, to match it, to recognise it again)."""
    try:
        number = phonenumbers.parse(value, home)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return "", "", False
    mobile = phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    return (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        mobile,
    )


_url_validator = URLValidator(schemes=["http", "https"])


def parse_web(text: str, label: str | None = None, field_name: str = "website") -> ParsedContact:
    """A web address; a LinkedIn or XING profile becomes kind ``linkedin`` or ``xing``."""
    found, value = _labelled(text, label)
    if not value:
        raise InvalidInput(field_name, text, "is empty; give a web address such as example.de")
    if not _SCHEME.match(value):
        value = "https://" + value
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
    except ValueError:
        raise InvalidInput(field_name, text, "is not a web address") from None
    if parts.scheme.lower() not in ("http", "https") or "." not in host or " " in value:
        raise InvalidInput(field_name, text, "is not a web address")
    path = parts.path.rstrip("/")
    bare = host.removeprefix("www.")
    lowered = path.lower()
    if (bare == "linkedin.com" or bare.endswith(".linkedin.com")) and lowered.startswith(
        ("/in/", "/company/", "/pub/")
    ):
        return ParsedContact("linkedin", f"https://www.linkedin.com{path}", found, typed=text)
    if (bare == "xing.com" or bare.endswith(".xing.com")) and lowered.startswith(
        ("/profile/", "/pages/", "/companies/")
    ):
        return ParsedContact("xing", f"https://www.xing.com{path}", found, typed=text)
    netloc = parts.netloc.lower()
    normalised = urlunsplit((parts.scheme.lower(), netloc, path, parts.query, ""))
    try:
        _url_validator(normalised)
    except ValidationError:
        raise InvalidInput(field_name, text, "is not a web address") from None
    return ParsedContact("website", normalised, found, typed=text)


def parse_messenger(text: str, label: str | None = None) -> ParsedContact:
    """A messenger handle, best with the service as label: ``Signal:+49 170 1234567``."""
    found, value = _labelled(text, label)
    if not value:
        raise InvalidInput("messenger", text, "is empty; give a handle such as Signal:@anna")
    return ParsedContact("messenger", value, found, typed=text)


_COUNTRIES = {
    "deutschland": "Deutschland",
    "germany": "Deutschland",
    "de": "Deutschland",
    "brd": "Deutschland",
    "osterreich": "Österreich",
    "austria": "Österreich",
    "at": "Österreich",
    "schweiz": "Schweiz",
    "switzerland": "Schweiz",
    "suisse": "Schweiz",
    "ch": "Schweiz",
    "niederlande": "Niederlande",
    "netherlands": "Niederlande",
    "frankreich": "Frankreich",
    "france": "Frankreich",
    "luxemburg": "Luxemburg",
    "luxembourg": "Luxemburg",
    "belgien": "Belgien",
    "belgium": "Belgien",
    "italien": "Italien",
    "italy": "Italien",
    "spanien": "Spanien",
    "spain": "Spanien",
    "polen": "Polen",
    "poland": "Polen",
    "danemark": "Dänemark",
    "denmark": "Dänemark",
    "usa": "USA",
    "united states": "USA",
    "uk": "Vereinigtes Königreich",
    "united kingdom": "Vereinigtes Königreich",
    "grossbritannien": "Vereinigtes Königreich",
}
_COUNTRY_PREFIX = {"d": "Deutschland", "a": "Österreich", "ch": "Schweiz", "l": "Luxemburg"}
_POSTAL_LOCALITY = re.compile(r"^(?:(?P<cc>[A-Za-z]{1,2})-)?(?P<code>\d{4,5})\s+(?P<city>\S.*)$")
_INLINE = re.compile(
    r"^(?P<street>.*?\d+\s?[a-zA-Z]?(?:\s?[-/]\s?\d+\s?[a-zA-Z]?)?)\s+"
    r"(?:(?P<cc>[A-Za-z]{1,2})-)?(?P<code>\d{4,5})\s+(?P<city>\S.*)$"
)


def parse_address(text: str, label: str | None = None) -> ParsedContact:
    """A postal address, split into its parts.

    Reads the German one-line form ``Hauptstr. 5, 10115 Berlin`` (also without the comma,
    with ``D-10115``, or with a country at the end); what it cannot split stays the street.
    """
    found, value = _labelled(text, label)
    raw = " ".join(value.split())
    if not raw:
        raise InvalidInput(
            "address", text, "is empty; give an address such as 'Hauptstr. 5, 10115 Berlin'"
        )
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    country = ""
    if len(parts) > 1 and fold(parts[-1]) in _COUNTRIES:
        country = _COUNTRIES[fold(parts.pop())]
    street = postal_code = locality = region = ""
    for index, part in enumerate(parts):
        match = _POSTAL_LOCALITY.match(part)
        if match:
            postal_code, locality = match.group("code"), match.group("city").strip()
            if match.group("cc") and not country:
                country = _COUNTRY_PREFIX.get(match.group("cc").lower(), "")
            street = ", ".join(parts[:index])
            region = ", ".join(parts[index + 1 :])
            break
    else:
        inline = _INLINE.match(parts[0]) if len(parts) == 1 else None
        if inline:
            street = inline.group("street").strip()
            postal_code, locality = inline.group("code"), inline.group("city").strip()
            if inline.group("cc") and not country:
                country = _COUNTRY_PREFIX.get(inline.group("cc").lower(), "")
        elif len(parts) >= 2:
            street, locality = parts[0], ", ".join(parts[1:])
        else:
            street = parts[0]
    town = " ".join(part for part in (postal_code, locality) if part)
    one_line = ", ".join(part for part in (street, town, region, country) if part)
    return ParsedContact(
        "address",
        one_line,
        found,
        typed=text,
        street=street,
        postal_code=postal_code,
        locality=locality,
        region=region,
        country=country,
    )


_PARSERS: dict[str, Callable[..., ParsedContact]] = {
    "email": parse_email,
    "phone": parse_phone,
    "website": parse_web,
    "linkedin": lambda text, label=None: parse_web(text, label, "linkedin"),
    "xing": lambda text, label=None: parse_web(text, label, "xing"),
    "messenger": parse_messenger,
    "address": parse_address,
}


def parse_contact(kind: str, text: str, label: str | None = None) -> ParsedContact:
    """Read ``text`` as a contact point of ``kind`` (English or German: ``Telefon``)."""
    code = kind if kind in _PARSERS else resolve_word(v.CONTACT_KINDS, kind, "kind")
    storable(code, text)
    storable("label", label)
    parsed: ParsedContact = _PARSERS[code](text, label)
    return parsed


def parse_many(kind: str, texts: Iterable[str]) -> list[ParsedContact]:
    """Each non-empty text of a repeated field; duplicates (same kind and value) once."""
    seen: set[tuple[str, str]] = set()
    result = []
    for text in texts:
        if not (text or "").strip():
            continue
        parsed = parse_contact(kind, text)
        if (parsed.kind, parsed.value) not in seen:
            seen.add((parsed.kind, parsed.value))
            result.append(parsed)
    return result


# A contact point's columns as the repeated fields of a person name them.
_TYPED_AS = {
    "email": "emails",
    "phone": "phones",
    "website": "websites",
    "messenger": "messengers",
    "address": "address",
}


def _fits(point: ContactPoint, group: str | None = None) -> ContactPoint:
    """``point``, if its texts fit their columns: named as typed (``emails``) or ``value``."""
    from knoten.people.lookup import fits

    name = _TYPED_AS.get(group or "", "value")
    columns = ("value", "street", "postal_code", "locality", "region", "country")
    fits(point, {column: name for column in columns})
    return point


def _new_point(person: Person, parsed: ParsedContact, preferred: bool) -> ContactPoint:
    return ContactPoint(
        network_id=person.network_id,
        person=person,
        kind=parsed.kind,
        label=parsed.label,
        value=parsed.value,
        preferred=preferred,
        street=parsed.street,
        postal_code=parsed.postal_code,
        locality=parsed.locality,
        region=parsed.region,
        country=parsed.country,
    )


def replace_contact_points(person: Person, group: str, wanted: Sequence[ParsedContact]) -> None:
    """Make the person's contact points of ``group`` exactly ``wanted``, in that order.

    Points that stay keep their row (and their label unless a new one is given); the
    first of each kind becomes the preferred one. Call inside a transaction.
    """
    kinds = KIND_GROUPS[group]
    existing = {(cp.kind, cp.value): cp for cp in person.contact_points.filter(kind__in=kinds)}
    keep = {(p.kind, p.value) for p in wanted}
    gone = [cp.pk for key, cp in existing.items() if key not in keep]
    if gone:
        ContactPoint.objects.filter(pk__in=gone).delete()
    # Clear the preferred flags first: one preferred per kind is a constraint.
    person.contact_points.filter(kind__in=kinds, preferred=True).update(preferred=False)
    first_of_kind: set[str] = set()
    for parsed in wanted:
        preferred = parsed.kind not in first_of_kind
        first_of_kind.add(parsed.kind)
        point = existing.get((parsed.kind, parsed.value))
        if point is None:
            _fits(_new_point(person, parsed, preferred), group).save()
            continue
        point.preferred = preferred
        if parsed.label:
            point.label = parsed.label
        if parsed.kind == "address":
            point.street, point.postal_code = parsed.street, parsed.postal_code
            point.locality, point.region = parsed.locality, parsed.region
            point.country = parsed.country
        _fits(point, group).save()


def add_contact_point(
    actor: Member,
    person: str | int | Person,
    kind: str,
    text: str,
    *,
    label: str | None = None,
    preferred: bool = False,
) -> ContactPoint:
    """Add one contact point to a person; the first of its kind becomes preferred.

    The same value again updates the label (and the preferred flag) instead of adding
    a second row.
    """
    from knoten.people.lookup import resolve_person

    target = resolve_person(actor, person)
    parsed = parse_contact(kind, text, label)
    with changes.atomic():
        points = target.contact_points.filter(kind=parsed.kind)
        point = points.filter(value=parsed.value).first()
        has_preferred = points.filter(preferred=True).exists()
        make_preferred = preferred or not has_preferred
        if make_preferred:
            points.filter(preferred=True).update(preferred=False)
        if point is None:
            point = _new_point(target, parsed, make_preferred)
        else:
            point.preferred = point.preferred or make_preferred
            if parsed.label:
                point.label = parsed.label
        _fits(point).save()
    return point


def contact_point_data(point: ContactPoint) -> dict[str, object]:
    """A contact point as JSON-able data."""
    data: dict[str, object] = {
        "id": point.pk,
        "kind": point.kind,
        "label": point.label,
        "value": point.value,
        "preferred": point.preferred,
    }
    if point.kind == "address":
        data.update(
            street=point.street,
            postal_code=point.postal_code,
            locality=point.locality,
            region=point.region,
            country=point.country,
        )
    if point.kind == "phone":
        try:
            number = phonenumbers.parse(point.value, None)
            data["display"] = phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
            )
        except phonenumbers.NumberParseException:
            data["display"] = point.value
    return data


def add_contact(
    actor: Member,
    person: str | int | Person,
    kind: str,
    value: str,
    label: str | None = None,
    preferred: bool = False,
) -> ContactPoint:
    """One contact point for a person of ``actor``'s network (see :func:`add_contact_point`).

    A value that cannot be read is refused naming the field ``value``.
    """
    code = kind if kind in _PARSERS else resolve_word(v.CONTACT_KINDS, kind, "kind")
    _as_value(code, value, label)
    return add_contact_point(actor, person, code, value, label=label, preferred=preferred)


def _as_value(kind: str, value: str, label: str | None) -> ParsedContact:
    """``parse_contact`` with its complaint about the text named ``value``."""
    try:
        return parse_contact(kind, value, label)
    except InvalidInput as error:
        if error.field == "kind":
            raise
        raise InvalidInput("value", value, error.reason) from None


def list_contact_points(
    actor: Member, person: str | int | Person, *, limit: int | None = None, offset: int = 0
) -> list[ContactPoint]:
    """A person's contact points by kind, the preferred one of each kind first."""
    from knoten.people.lookup import resolve_person

    target = resolve_person(actor, person)
    points = target.contact_points.order_by("kind", "-preferred", "pk")
    if limit is not None:
        return list(points[offset : offset + limit])
    return list(points[offset:])


def edit_contact_point(
    actor: Member,
    point_id: int | str,
    *,
    value: str | None = None,
    label: str | None = None,
    preferred: bool | None = None,
) -> ContactPoint:
    """Change a contact point's value, label or preferred flag (None: unchanged).

    The value is read as its kind is read when added (a web address may become a
    LinkedIn or XING profile); ``""`` as label clears it. Making a point preferred
    takes the flag from the person's other point of that kind.
    """
    from knoten.people.lookup import in_network

    point = in_network(actor, ContactPoint, point_id, "contact point")
    parsed = None
    if value is not None:
        parsed = _as_value(point.kind, value, label or None)
        if parsed.kind not in KIND_GROUPS.get(_group_of(point.kind), (point.kind,)):
            raise InvalidInput("value", value, f"is not a {point.kind}")
        clash = (
            ContactPoint.objects.filter(person_id=point.person_id, kind=parsed.kind)
            .filter(value=parsed.value)
            .exclude(pk=point.pk)
        )
        if clash.exists():
            raise InvalidInput("value", value, "is already a contact point of this person")
    with changes.atomic():
        if parsed is not None:
            if parsed.kind != point.kind:
                point.kind = parsed.kind
                point.preferred = not ContactPoint.objects.filter(
                    person_id=point.person_id, kind=parsed.kind, preferred=True
                ).exists()
            point.value = parsed.value
            point.street, point.postal_code = parsed.street, parsed.postal_code
            point.locality, point.region = parsed.locality, parsed.region
            point.country = parsed.country
            if parsed.label and label is None:
                point.label = parsed.label
        if label is not None:
            point.label = normalise_label(label)
        if preferred is not None:
            if preferred:
                ContactPoint.objects.filter(
                    person_id=point.person_id, kind=point.kind, preferred=True
                ).exclude(pk=point.pk).update(preferred=False)
            point.preferred = preferred
        _fits(point).save()
    return point


def _group_of(kind: str) -> str:
    return next((group for group, kinds in KIND_GROUPS.items() if kind in kinds), kind)


def delete_contact_point(actor: Member, point_id: int | str) -> None:
    """Remove a contact point; if it was the preferred one, the oldest other of its kind
    becomes preferred."""
    from knoten.people.lookup import in_network

    point = in_network(actor, ContactPoint, point_id, "contact point")
    with changes.atomic():
        person_id, kind, was_preferred = point.person_id, point.kind, point.preferred
        point.delete()
        if was_preferred:
            successor = (
                ContactPoint.objects.filter(person_id=person_id, kind=kind).order_by("pk").first()
            )
            if successor is not None:
                successor.preferred = True
                successor.save(update_fields=["preferred"])
