"""Reading contact points: emails, phones, web addresses, postal addresses, labels."""

from __future__ import annotations

import pytest
from django.test import override_settings

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.people.contacts import (
    parse_address,
    parse_contact,
    parse_email,
    parse_phone,
    parse_web,
    split_label,
)


def test_an_email_is_lower_cased_and_may_carry_a_label() -> None:
    parsed = parse_email("work: Anna.Schmidt@Siemens.COM")
    assert (parsed.kind, parsed.label, parsed.value) == (
        "email",
        "work",
        "anna.schmidt@siemens.com",
    )


def test_a_mailto_link_is_read_as_its_address() -> None:
    assert parse_email("mailto:ben@example.de").value == "ben@example.de"


@pytest.mark.parametrize("typed", ["anna@", "anna.example.de", "anna@@example.de", "", "   "])
def test_a_malformed_email_names_the_field_and_the_value(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_email(typed)
    assert caught.value.field == "email"
    assert caught.value.message.startswith(f"email: {typed!r}")


@pytest.mark.parametrize(
    ("typed", "e164", "label"),
    [
        ("0170 1234567", "+491701234567", "mobile"),
        ("+49 (0)30 1234567", "+49301234567", ""),
        ("030/1234567", "+49301234567", ""),
        ("work:+44 20 7946 0958", "+442079460958", "work"),
        ("Handy: 0151 23456789", "+4915123456789", "mobile"),
        ("tel:+4930123456", "+4930123456", ""),
    ],
)
def test_phone_numbers_are_stored_as_e164(typed: str, e164: str, label: str) -> None:
    parsed = parse_phone(typed)
    assert (parsed.value, parsed.label) == (e164, label)


def test_a_number_without_country_code_is_read_in_the_configured_region() -> None:
    with override_settings(KNOTEN_DEFAULT_REGION="AT"):
        assert parse_phone("0664 1234567").value == "+436641234567"
    assert parse_phone("0664 1234567").value != "+436641234567"


@pytest.mark.parametrize("typed", ["12", "abc", "+49 1", "0000000000000000"])
def test_an_invalid_phone_names_the_field_and_the_value(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_phone(typed)
    assert caught.value.field == "phone"
    assert repr(typed) in caught.value.message


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("linkedin.com/in/anna-schmidt/", "linkedin", "https://www.linkedin.com/in/anna-schmidt"),
        (
            "https://de.linkedin.com/in/anna?trk=x",
            "linkedin",
            "https://www.linkedin.com/in/anna",
        ),
        ("www.xing.com/profile/Anna_Schmidt", "xing", "https://www.xing.com/profile/Anna_Schmidt"),
        ("Example.DE/Team/", "website", "https://example.de/Team"),
        ("http://example.de", "website", "http://example.de"),
        ("linkedin.com/feed", "website", "https://linkedin.com/feed"),
    ],
)
def test_web_addresses_are_normalised_and_profiles_recognised(
    typed: str, kind: str, value: str
) -> None:
    parsed = parse_web(typed)
    assert (parsed.kind, parsed.value) == (kind, value)


@pytest.mark.parametrize("typed", ["not a url", "ftp://example.de", "localhost", "https://"])
def test_a_bad_web_address_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput, match=r"^website: .* is not a web address"):
        parse_web(typed)


@pytest.mark.parametrize(
    ("typed", "street", "postal_code", "locality", "country"),
    [
        ("Hauptstr. 5, 10115 Berlin", "Hauptstr. 5", "10115", "Berlin", ""),
        ("Hauptstr. 5 10115 Berlin", "Hauptstr. 5", "10115", "Berlin", ""),
        (
            "Am Markt 12a, D-80331 München, Deutschland",
            "Am Markt 12a",
            "80331",
            "München",
            "Deutschland",
        ),
        ("Ringstraße 1, 1010 Wien, Österreich", "Ringstraße 1", "1010", "Wien", "Österreich"),
        ("Bahnhofstrasse 3, CH-8001 Zürich", "Bahnhofstrasse 3", "8001", "Zürich", "Schweiz"),
        ("Königsallee 1, Düsseldorf", "Königsallee 1", "", "Düsseldorf", ""),
    ],
)
def test_a_one_line_address_is_split_into_its_parts(
    typed: str, street: str, postal_code: str, locality: str, country: str
) -> None:
    parsed = parse_address(typed)
    assert (parsed.street, parsed.postal_code, parsed.locality, parsed.country) == (
        street,
        postal_code,
        locality,
        country,
    )


def test_an_address_keeps_its_label_and_a_one_line_value() -> None:
    parsed = parse_address("privat: Hauptstr. 5,10115 Berlin")
    assert parsed.label == "home"
    assert parsed.value == "Hauptstr. 5, 10115 Berlin"


def test_an_empty_address_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^address: ' ' is empty"):
        parse_address(" ")


@pytest.mark.parametrize(
    ("typed", "label", "value"),
    [
        ("mobile:+49 170 1", "mobile", "+49 170 1"),
        ("dienstlich: a@b.de", "work", "a@b.de"),
        ("Signal: @anna", "Signal", "@anna"),
        ("https://example.de", "", "https://example.de"),
        ("a@b.de", "", "a@b.de"),
    ],
)
def test_labels_are_split_off_and_german_ones_translated(
    typed: str, label: str, value: str
) -> None:
    assert split_label(typed) == (label, value)


def test_a_contact_kind_may_be_named_in_german() -> None:
    assert parse_contact("Telefon", "030 1234567").value == "+49301234567"
    with pytest.raises(InvalidInput, match=r"^kind: 'Fax-Gerät' is not one of"):
        parse_contact("Fax-Gerät", "030 1234567")


def test_adding_contact_points_keeps_one_preferred_per_kind(db: None, alice: Member) -> None:
    from knoten.people import persons
    from knoten.people.contacts import add_contact_point

    anna = persons.add_person(alice, "Anna Schmidt")
    add_contact_point(alice, anna, "email", "a@x.de")
    add_contact_point(alice, "Anna", "E-Mail", "b@x.de")
    add_contact_point(alice, anna, "phone", "030 1234567")
    assert {(c.value, c.preferred) for c in anna.contact_points.all()} == {
        ("a@x.de", True),
        ("b@x.de", False),
        ("+49301234567", True),
    }
    again = add_contact_point(alice, anna, "email", "B@X.de", label="privat", preferred=True)
    assert (again.label, again.preferred) == ("home", True)
    assert anna.contact_points.filter(kind="email").count() == 2
    assert list(
        anna.contact_points.filter(kind="email", preferred=True).values_list("value", flat=True)
    ) == ["b@x.de"]
