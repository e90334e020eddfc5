"""Salutations: the gender from the person, the salutation field or the first-name list."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings

from knoten.core.errors import InvalidInput
from knoten.people.models import Person
from knoten.upkeep.salutations import gender_of, gender_of_name, language_of, salutation

NAMES = Path(__file__).with_name("first_names.txt")


def person(**fields: object) -> Person:
    return Person(**fields)  # type: ignore[arg-type]


def test_the_first_name_list_names_most_and_never_wrongly():
    right = wrong = 0
    for line in NAMES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _language, gender, *names = line.split()
        for name in names:
            found = gender_of_name(name)
            right += found == gender
            wrong += bool(found) and found != gender
    assert right >= 285 and wrong == 0


def test_gender_from_field_salutation_then_name():
    assert gender_of(person(given_name="Anna", gender="male")) == "male"
    assert gender_of(person(given_name="Anna", salutation="Herr")) == "male"
    assert gender_of(person(given_name="Kim", salutation="Dear Ms")) == "female"
    assert gender_of(person(given_name="Jürgen")) == "male"
    assert gender_of(person(given_name="Anna-Lena")) == "female"
    assert gender_of(person(given_name="Xylofa")) == ""
    assert gender_of(person(given_name="Anna", gender="diverse")) == "diverse"


@pytest.mark.parametrize(
    ("fields", "language", "address", "expected"),
    [
        ({"given_name": "Maria", "family_name": "Müller", "academic_title": "Dr."}, "de",
         "sie", "Sehr geehrte Frau Dr. Müller,"),
        ({"given_name": "Klaus", "family_name": "Weber", "academic_title": "Prof. Dr."}, "de",
         "sie", "Sehr geehrter Herr Prof. Weber,"),
        ({"given_name": "Klaus", "family_name": "Weber", "academic_title": "Prof. Dr.",
          "importance": 1}, "de", "sie", "Lieber Herr Prof. Weber,"),
        ({"given_name": "Richard", "name_particle": "von", "family_name": "Weizsäcker"}, "de",
         "", "Sehr geehrter Herr von Weizsäcker,"),
        ({"given_name": "Anna", "family_name": "Adler"}, "de", "du", "Liebe Anna,"),
        ({"given_name": "Bernd", "family_name": "Berger"}, "de", "du", "Lieber Bernd,"),
        ({"given_name": "Bernd", "family_name": "Berger", "academic_title": "Dr.",
          "gender": "diverse"}, "de", "sie", "Guten Tag Dr. Bernd Berger,"),
        ({"given_name": "Xylofa", "family_name": "Berger"}, "de", "du", "Hallo Xylofa,"),
        ({"given_name": "Xylofa", "family_name": "Berger"}, "de", "sie",
         "Guten Tag Xylofa Berger,"),
        ({"given_name": "Jane", "family_name": "Miller", "academic_title": "Dr."}, "en", "sie",
         "Dear Dr. Miller,"),
        ({"given_name": "Anna", "family_name": "Miller"}, "en", "du", "Dear Anna,"),
        ({"given_name": "John", "family_name": "Miller"}, "en", "", "Dear Mr Miller,"),
        ({"given_name": "Xylofa", "family_name": "Miller"}, "en", "sie", "Dear Xylofa Miller,"),
    ],
)  # fmt: skip
def test_salutations(fields, language, address, expected):
    assert salutation(person(**fields), language, address) == expected


def test_the_form_of_address_and_language_come_from_the_person():
    anna = person(given_name="Anna", family_name="Adler", form_of_address="du", language="en")
    assert salutation(anna) == "Dear Anna,"
    with override_settings(KNOTEN_LANGUAGE="de"):
        assert language_of(person(given_name="Anna")) == "de"
        assert salutation(person(given_name="Anna", family_name="Adler")) == (
            "Sehr geehrte Frau Adler,"
        )
    with override_settings(KNOTEN_LANGUAGE="fr"):
        assert language_of(person(given_name="Anna")) == "en"
    with pytest.raises(InvalidInput, match="language"):
        language_of(anna, "fr")
    with pytest.raises(InvalidInput, match="address"):
        salutation(anna, "de", "ihr")


@pytest.mark.django_db
def test_set_gender_in_one_click(world):
    from knoten.core.errors import NotFound
    from knoten.people.persons import add_person
    from knoten.upkeep.salutations import set_gender

    kim = add_person(world.alice, "Kim Berger")
    assert set_gender(world.alice, kim.pk, "Frau").gender == "female"
    kim.refresh_from_db()
    assert salutation(kim, "de", "sie") == "Sehr geehrte Frau Berger,"
    assert set_gender(world.alice, "Kim Berger", "neutral").gender == ""
    with pytest.raises(InvalidInput, match="gender"):
        set_gender(world.alice, kim.pk, "robot")
    with pytest.raises(NotFound):
        set_gender(world.bob, kim.pk, "male")
    kim.refresh_from_db()
    assert kim.gender == ""
