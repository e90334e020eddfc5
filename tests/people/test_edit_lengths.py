"""A text longer than its column is refused naming the field, before anything is written
(PostgreSQL would refuse it with a server error; SQLite would keep it)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.people import (
    affiliations,
    contacts,
    important_dates,
    labels,
    organisations,
    person_list,
    persons,
    relationships,
)
from knoten.people.models import Person
from knoten.profiles import organisation as organisation_page
from knoten.profiles import person as person_page

Rows = Callable[[], dict[str, int]]
LONG = "x" * 301


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda a, p: persons.add_person(a, "Anna " + "y" * 151), "name"),
        (
            lambda a, p: persons.add_person(a, "Anna", persons.PersonFields(nickname=LONG)),
            "nickname",
        ),
        (lambda a, p: persons.add_person(a, "Anna", persons.PersonFields(tags=[LONG])), "tags"),
        (
            lambda a, p: persons.add_person(a, "Anna", persons.PersonFields(circles=[LONG])),
            "circles",
        ),
        (lambda a, p: persons.add_person(a, "Anna", persons.PersonFields(skills=[LONG])), "skills"),
        (
            lambda a, p: persons.add_person(a, "Anna", persons.PersonFields(org="X", title=LONG)),
            "title",
        ),
        (lambda a, p: persons.add_person(a, "Anna", persons.PersonFields(org=LONG)), "org"),
        (
            lambda a, p: persons.add_person(
                a, "Anna", persons.PersonFields(messengers=["x" * 501])
            ),
            "messengers",
        ),
        (
            lambda a, p: persons.edit_person(a, p, persons.PersonFields(salutation=LONG)),
            "salutation",
        ),
        # Folding makes "ß" two letters: the folded name would not fit.
        (lambda a, p: organisations.add_organisation(a, "ß" * 200), "name"),
        (lambda a, p: organisations.add_organisation(a, "X", industry=LONG), "industry"),
        (lambda a, p: affiliations.add_affiliation(a, p, "ACME", "job", title=LONG), "title"),
        (
            lambda a, p: important_dates.add_important_date(
                a, p, "anniversary", "2020", label=LONG
            ),
            "label",
        ),
        (lambda a, p: contacts.add_contact(a, p, "email", "a@b.de", label=LONG), "label"),
        (lambda a, p: contacts.add_contact(a, p, "messenger", "x" * 501), "value"),
    ],
)
def test_too_long_a_text_is_refused(
    alice: Member, rows: Rows, call: Callable[[Member, Person], object], field: str
) -> None:
    anna = persons.add_person(alice, "Anna Schmidt")
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        call(alice, anna)
    assert caught.value.field == field
    assert "too long" in caught.value.reason
    assert rows() == before


def test_too_long_an_edit_is_refused(alice: Member, rows: Rows) -> None:
    anna = persons.add_person(
        alice, "Anna Schmidt", persons.PersonFields(tags=["vip"], emails=["a@b.de"])
    )
    org = organisations.add_organisation(alice, "ACME")
    job = affiliations.add_affiliation(alice, anna, org, "job")
    date = important_dates.add_important_date(alice, anna, "anniversary", "2020")
    point = anna.contact_points.get()
    before = rows()
    for call, field in (
        (
            lambda: organisations.edit_organisation(alice, org, website="a.de/" + LONG * 2),
            "website",
        ),
        (lambda: affiliations.edit_affiliation(alice, job.pk, title=LONG), "title"),
        (lambda: important_dates.edit_important_date(alice, date.pk, label=LONG), "label"),
        (lambda: contacts.edit_contact_point(alice, point.pk, label=LONG), "label"),
        (lambda: labels.rename_tag(alice, "vip", LONG), "new"),
        (
            lambda: persons.edit_person(alice, anna, persons.PersonFields(), name="A " + LONG),
            "name",
        ),
    ):
        with pytest.raises(InvalidInput) as caught:
            call()
        assert caught.value.field == field
    assert rows() == before
    job.refresh_from_db()
    assert job.title == "" and anna.tags.get().name == "vip"


NUL = "a\x00b"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda a, p: persons.add_person(a, NUL), "name"),
        (lambda a, p: persons.add_person(a, "Anna", persons.PersonFields(note=NUL)), "note"),
        (lambda a, p: persons.add_person(a, "Anna", persons.PersonFields(tags=[NUL])), "tags"),
        (lambda a, p: persons.add_person(a, "Anna", persons.PersonFields(org=NUL)), "org"),
        (lambda a, p: persons.edit_person(a, p, persons.PersonFields(title=NUL)), "title"),
        (
            lambda a, p: persons.edit_person(a, p, persons.PersonFields(met_via=NUL)),
            "met_via person",
        ),
        (lambda a, p: person_page.person_detail(a, NUL), "person"),
        (lambda a, p: person_list.list_people(a, tag=NUL), "tag"),
        (lambda a, p: person_list.list_people(a, circle=NUL), "circle"),
        (lambda a, p: organisations.list_organisations(a, query=NUL), "q"),
        (lambda a, p: organisation_page.organisation_detail(a, NUL), "organisation"),
        (lambda a, p: relationships.relate(a, p, "me", "friend", note=NUL), "note"),
        (
            lambda a, p: important_dates.add_important_date(a, p, "anniversary", "2020", note=NUL),
            "note",
        ),
        (lambda a, p: contacts.add_contact(a, p, "messenger", NUL), "value"),
        (lambda a, p: labels.rename_tag(a, NUL, "x"), "tag"),
        (lambda a, p: labels.delete_skill(a, NUL), "skill"),
        (lambda a, p: persons.add_person(a, "Anna \ud800"), "name"),
    ],
)
def test_a_text_no_database_keeps_is_refused(
    alice: Member, rows: Rows, call: Callable[[Member, Person], object], field: str
) -> None:
    anna = persons.add_person(alice, "Anna Schmidt")
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        call(alice, anna)
    assert caught.value.field == field
    assert rows() == before


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda a, p: organisations.add_organisation(a, NUL), "name"),
        (lambda a, p: organisations.edit_organisation(a, "ACME", name=NUL), "name"),
        (lambda a, p: affiliations.add_affiliation(a, p, NUL, "job"), "organisation"),
        (lambda a, p: affiliations.add_affiliation(a, p, "ACME", "job", title=NUL), "title"),
        (
            lambda a, p: affiliations.edit_affiliation(a, p.affiliations.get().pk, title=NUL),
            "title",
        ),
        (
            lambda a, p: affiliations.edit_affiliation(
                a, p.affiliations.get().pk, organisation=NUL
            ),
            "org",
        ),
        (lambda a, p: labels.rename_tag(a, "vip", NUL), "new"),
        (lambda a, p: labels.rename_circle(a, "Stammtisch", NUL), "new"),
        (
            lambda a, p: contacts.edit_contact_point(a, p.contact_points.get().pk, label=NUL),
            "label",
        ),
        (
            lambda a, p: contacts.edit_contact_point(a, p.contact_points.get().pk, value=NUL),
            "value",
        ),
    ],
)
def test_an_edit_no_database_keeps_is_refused(
    alice: Member, rows: Rows, call: Callable[[Member, Person], object], field: str
) -> None:
    anna = persons.add_person(
        alice,
        "Anna Schmidt",
        persons.PersonFields(org="ACME", tags=["vip"], circles=["Stammtisch"], emails=["a@b.de"]),
    )
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        call(alice, anna)
    assert caught.value.field.startswith(field)
    assert rows() == before
