"""Bob can neither read nor change any person or organisation of Alice's network.

Every people function is tried by Bob on Alice's rows, given as the object, as its id
and by name: each must say "not found" and change nothing. Bob's lists hold only his.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from knoten.core.errors import NotFound
from knoten.people import (
    affiliations,
    contacts,
    important_dates,
    organisations,
    person_list,
    persons,
    relationships,
)
from knoten.people.models import Organisation, Person
from knoten.profiles import organisation as organisation_page
from knoten.profiles import person as person_page
from tests.conftest import World

Rows = Callable[[], dict[str, int]]


@pytest.fixture
def alices(world: World) -> dict[str, Any]:
    a = world.alice
    anna = persons.add_person(
        a, "Anna Quorbel", persons.PersonFields(org="Quorbel GmbH", circles=["Kollegen"])
    )
    ben = persons.add_person(a, "Ben Quorbel")
    relationships.relate(a, anna, ben, "friend")
    return {"anna": anna, "ben": ben, "org": Organisation.objects.get(name="Quorbel GmbH")}


def calls(x: dict[str, Any]) -> list[tuple[str, Callable[[Any, Callable[[Any], Any]], Any]]]:
    anna = x["anna"]
    ben = x["ben"]
    org = x["org"]
    return [
        ("person_detail", lambda bob, ref: person_page.person_detail(bob, ref(anna))),
        (
            "edit_person",
            lambda bob, ref: persons.edit_person(bob, ref(anna), persons.PersonFields(note="x")),
        ),
        ("archive_person", lambda bob, ref: persons.archive_person(bob, ref(anna))),
        ("delete_person", lambda bob, ref: persons.delete_person(bob, ref(anna))),
        ("relate", lambda bob, ref: relationships.relate(bob, "me", ref(anna), "friend")),
        ("relate reversed", lambda bob, ref: relationships.relate(bob, ref(anna), "me", "boss")),
        ("unrelate", lambda bob, ref: relationships.unrelate(bob, ref(anna), ref(ben))),
        (
            "add_important_date",
            lambda bob, ref: important_dates.add_important_date(
                bob, ref(anna), "birthday", "--03-14"
            ),
        ),
        (
            "add_affiliation to her person",
            lambda bob, ref: affiliations.add_affiliation(bob, ref(anna), "Bobs Firma", "job"),
        ),
        (
            "add_affiliation at her organisation",
            lambda bob, ref: affiliations.add_affiliation(bob, "me", ref(org), "job"),
        ),
        (
            "organisation_detail",
            lambda bob, ref: organisation_page.organisation_detail(bob, ref(org)),
        ),
        ("list_people by her org", lambda bob, ref: person_list.list_people(bob, org=ref(org))),
        (
            "her person as introducer",
            lambda bob, ref: persons.add_person(
                bob, "Neu", persons.PersonFields(met_via=ref(anna))
            ),
        ),
        (
            "add_contact_point",
            lambda bob, ref: contacts.add_contact_point(bob, ref(anna), "email", "x@y.de"),
        ),
    ]


FORMS: dict[str, Callable[[Any], Any]] = {
    "object": lambda obj: obj,
    "id": lambda obj: str(obj.pk),
    "int id": lambda obj: obj.pk,
    "name": lambda obj: obj.name if isinstance(obj, Organisation) else obj.full_name,
}


@pytest.mark.parametrize("form", FORMS)
def test_bob_cannot_touch_alices_people_or_organisations(
    world: World, alices: dict[str, Any], rows: Rows, form: str
) -> None:
    before = rows()
    for name, call in calls(alices):
        if form == "name" and name == "add_affiliation at her organisation":
            continue  # a name Bob types for a job is his own new organisation (tested below)
        with pytest.raises(NotFound) as caught:
            call(world.bob, FORMS[form])
        assert "matches" in caught.value.message, name
    assert rows() == before
    anna = Person.objects.get(pk=alices["anna"].pk)
    assert (anna.notes, anna.archived) == ("", False)


def test_bobs_lists_hold_only_his_rows(world: World, alices: dict[str, Any]) -> None:
    bob = world.bob
    persons.add_person(bob, "Bert Quorbel", persons.PersonFields(org="Quorbel GmbH"))
    assert {p.full_name for p in person_list.list_people(bob, include_archived=True)} == {
        "Bob Becker",
        "Bert Quorbel",
    }
    assert [p.full_name for p in person_list.list_people(bob, circle="Kollegen")] == []
    job = affiliations.add_affiliation(bob, "me", "Quorbel GmbH", "job")
    assert job.organisation.network_id == bob.network_id
    assert job.organisation.pk != alices["org"].pk
    assert [o.name for o in organisations.list_organisations(bob)] == ["Quorbel GmbH"]
    bobs_org = organisation_page.organisation_detail(bob, "Quorbel GmbH")
    assert bobs_org["id"] != alices["org"].pk
    assert [a["person"]["name"] for a in bobs_org["current"]] == ["Bob Becker", "Bert Quorbel"]
    # Bob's "Quorbel" is his own person, never one of Alice's namesakes.
    assert person_page.person_detail(bob, "Quorbel")["name"] == "Bert Quorbel"


def test_the_cli_as_bob_finds_nothing_of_alices(
    cli: Callable[..., Any], alices: dict[str, Any], rows: Rows
) -> None:
    anna_id = str(alices["anna"].pk)
    before = rows()
    for args in (
        ["person", "show", anna_id],
        ["person", "edit", anna_id, "--note", "x"],
        ["person", "archive", anna_id],
        ["person", "delete", anna_id, "--yes"],
        ["relate", "me", anna_id, "--kind", "friend"],
        ["date", "add", anna_id, "--kind", "birthday", "14.03."],
        ["org", "show", str(alices["org"].pk)],
    ):
        result = cli(*args, user="bob")
        assert result.exit_code == 1, args
        assert "no " in result.stderr and "matches" in result.stderr
    assert rows() == before
    listed = cli("person", "list", "--json", user="bob").json()
    assert [row["name"] for row in listed] == ["Bob Becker"]
