"""The demo's contact points: e-mail addresses, mobile and landline numbers, addresses."""

from __future__ import annotations

from typing import Any

from knoten.demo.draws import ascii_slug, digits
from knoten.demo.places import FREEMAIL, MESSENGERS
from knoten.demo.plan import BATCH, Plan, Spec
from knoten.people.models import CONTACT_POINT_FIELDS, ContactPoint

_MOBILE_DE = ("151", "152", "157", "159", "160", "162", "163", *(f"17{n}" for n in range(10)))


_MOBILE_ABROAD = {
    "GB": ("44", ("74", "75", "77", "78"), 8),
    "FR": ("33", ("60", "61", "62", "64", "65", "66", "67", "68", "73", "74", "75"), 7),
    "IT": ("39", ("320", "328", "333", "335", "338", "340", "347", "349"), 7),
    "TR": ("90", ("532", "533", "542", "543", "505", "530", "535"), 7),
    "PL": ("48", ("50", "51", "53", "60", "66", "69", "72", "78", "79", "88"), 7),
}


_CONTACT_FIELDS = ("network", "person", *CONTACT_POINT_FIELDS)


def add(plan: Plan) -> None:
    rng = plan.rng
    rows: list[tuple[Any, ...]] = []
    net = plan.network_id
    for index, spec in enumerate(plan.specs):
        # *me*'s own addresses are the user's to enter; children have none.
        if spec.role == "child" or index == 0:
            continue
        pk = plan.pks[index]
        given, _, family = plan.names[index]
        first, last = ascii_slug(given, "."), ascii_slug(family, "")
        points: list[tuple[str, str, str, tuple[str, str, str, str] | None]] = []
        if spec.company >= 0 and rng.random() < 0.85:
            domain = plan.orgs[spec.company].domain
            local = rng.choice((f"{first}.{last}", f"{first[:1]}.{last}", f"{first[:1]}{last}"))
            points.append(("email", f"{local}@{domain}", "work", None))
        if rng.random() < (0.5 if spec.company >= 0 else 0.85):
            suffix = str(spec.birth_year % 100) if rng.random() < 0.4 else ""
            points.append(("email", f"{first}.{last}{suffix}@{rng.choice(FREEMAIL)}", "home", None))
        if rng.random() < 0.8:
            points.append(("phone", _mobile(plan, spec), "mobile", None))
        if spec.company >= 0 and rng.random() < 0.35:
            points.append(("phone", _landline(plan, spec), "work", None))
        if rng.random() < 0.45:
            value, lines = _address(plan, spec)
            points.append(("address", value, "home", lines))
        if rng.random() < 0.4:
            slug = f"{ascii_slug(given)}-{last}-{rng.randrange(16**6):06x}"
            points.append(("linkedin", f"https://www.linkedin.com/in/{slug}", "", None))
        if spec.locale == "de_DE" and rng.random() < 0.3:
            slug = f"{ascii_slug(given, '_').title()}_{last.title()}"
            points.append(("xing", f"https://www.xing.com/profile/{slug}", "", None))
        if rng.random() < 0.06:
            points.append(("website", f"https://www.{ascii_slug(given)}-{last}.example", "", None))
        if rng.random() < 0.1:
            handle = f"@{first}{last[:1]}{rng.randint(1, 99)}"
            points.append(("messenger", handle, rng.choice(MESSENGERS), None))
        seen: set[str] = set()
        for kind, value, label, parts in points:
            street, postcode, locality, country = parts or ("", "", "", "")
            preferred = kind not in seen
            seen.add(kind)
            rows.append(
                (
                    net,
                    pk,
                    kind,
                    label,
                    value,
                    preferred,
                    street,
                    postcode,
                    locality,
                    "",
                    country,
                )
            )
        if len(rows) >= BATCH * 10 or index == len(plan.specs) - 1:
            plan.write(ContactPoint, _CONTACT_FIELDS, rows, "contact_points")
            plan.report("contact points", index + 1, len(plan.specs))
    plan.write(ContactPoint, _CONTACT_FIELDS, rows, "contact_points")


def _mobile(plan: Plan, spec: Spec) -> str:
    rng = plan.rng
    if spec.foreign is not None:
        country = spec.foreign[2]
        if country == "US":
            area = rng.choice(("212", "646", "415", "617", "312"))
            return f"+1{area}{rng.randint(2, 9)}{digits(rng, 2)}{digits(rng, 4)}"
        code, prefixes, length = _MOBILE_ABROAD[country]
        return f"+{code}{rng.choice(prefixes)}{digits(rng, length)}"
    return f"+49{rng.choice(_MOBILE_DE)}{digits(rng, 8)}"


def _landline(plan: Plan, spec: Spec) -> str:
    rng = plan.rng
    city = spec.city or plan.cities(rng)
    area = city.area_code
    return f"+49{area}{rng.randint(2, 9)}{digits(rng, 9 - len(area))}"


def _address(plan: Plan, spec: Spec) -> tuple[str, tuple[str, str, str, str]]:
    rng = plan.rng
    if spec.foreign is not None:
        faker = plan.fakers[spec.locale]
        city, country, _ = spec.foreign
        street = f"{faker.street_name()} {rng.randint(1, 120)}"
        postcode = faker.postcode()
    else:
        faker = plan.fakers["de_DE"]
        place = spec.city or plan.cities(rng)
        city, country = place.name, place.country
        number = f"{rng.randint(1, 140)}{rng.choice(('', '', '', '', 'a', 'b'))}"
        street = f"{faker.street_name()} {number}"
        postcode = str(rng.randint(*place.postcodes)).zfill(5)
    return f"{street}, {postcode} {city}, {country}", (street, postcode, city, country)
