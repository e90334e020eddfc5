"""Contact points added, edited and deleted one by one; circles, tags and skills renamed
and deleted, with the search index following."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.people import contacts, labels, person_list, persons
from knoten.people.models import Circle, ContactPoint, Person, Skill, Tag
from knoten.search.query import search

Rows = Callable[[], dict[str, int]]


def _found(actor: Member, query: str) -> set[int | None]:
    return {hit.person_id for hit in search(actor, query, kinds=["person"])}


@pytest.fixture
def anna(alice: Member) -> Person:
    return persons.add_person(alice, "Anna Schmidt")


def test_add_contact_reads_the_value_and_makes_the_first_preferred(
    alice: Member, anna: Person
) -> None:
    first = contacts.add_contact(alice, anna, "Telefon", "0170 1234567")
    second = contacts.add_contact(alice, anna.pk, "phone", "030 1234567", label="Büro")
    assert (first.value, first.preferred, first.label) == ("+491701234567", True, "mobile")
    assert (second.value, second.preferred, second.label) == ("+49301234567", False, "work")
    third = contacts.add_contact(alice, anna, "email", "ANNA@example.de", preferred=True)
    assert (third.value, third.preferred) == ("anna@example.de", True)
    assert [p.pk for p in contacts.list_contact_points(alice, anna)] == [
        third.pk,
        first.pk,
        second.pk,
    ]


@pytest.mark.parametrize(
    ("kind", "value", "field"),
    [("email", "kein@", "value"), ("Brieftaube", "x", "kind"), ("phone", "12", "value")],
)
def test_a_bad_contact_is_refused_naming_the_field(
    alice: Member, anna: Person, rows: Rows, kind: str, value: str, field: str
) -> None:
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        contacts.add_contact(alice, anna, kind, value)
    assert caught.value.field == field
    assert rows() == before


def test_edit_contact_point(alice: Member, anna: Person) -> None:
    mobile = contacts.add_contact(alice, anna, "phone", "0170 1234567")
    office = contacts.add_contact(alice, anna, "phone", "030 1234567")
    edited = contacts.edit_contact_point(alice, office.pk, preferred=True, label="dienstlich")
    assert (edited.preferred, edited.label) == (True, "work")
    assert ContactPoint.objects.get(pk=mobile.pk).preferred is False
    moved = contacts.edit_contact_point(alice, office.pk, value="+49 30 7654321", label="")
    moved.refresh_from_db()
    assert (moved.value, moved.label, moved.preferred) == ("+49307654321", "", True)

    site = contacts.add_contact(alice, anna, "website", "anna.de")
    profile = contacts.edit_contact_point(alice, site.pk, value="linkedin.com/in/anna")
    assert (profile.kind, profile.value) == ("linkedin", "https://www.linkedin.com/in/anna")
    home = contacts.add_contact(alice, anna, "address", "Hauptstr. 5, 10115 Berlin")
    away = contacts.edit_contact_point(alice, home.pk, value="Marktplatz 1, 80331 München")
    assert (away.street, away.postal_code, away.locality) == ("Marktplatz 1", "80331", "München")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"value": "nonsense", "label": "x"}, "value"),
        ({"value": "0170 1234567", "label": "x"}, "value"),  # the other point's number
        ({"value": " "}, "value"),
    ],
)
def test_a_bad_contact_edit_changes_nothing(
    alice: Member, anna: Person, rows: Rows, changes: dict[str, str], field: str
) -> None:
    contacts.add_contact(alice, anna, "phone", "0170 1234567")
    office = contacts.add_contact(alice, anna, "phone", "030 1234567")
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        contacts.edit_contact_point(alice, office.pk, **changes)
    assert caught.value.field == field
    assert rows() == before
    fresh = ContactPoint.objects.get(pk=office.pk)
    assert (fresh.value, fresh.label) == ("+49301234567", "")


def test_delete_contact_point_passes_preferred_on(alice: Member, anna: Person) -> None:
    mobile = contacts.add_contact(alice, anna, "phone", "0170 1234567")
    office = contacts.add_contact(alice, anna, "phone", "030 1234567")
    contacts.delete_contact_point(alice, mobile.pk)
    assert ContactPoint.objects.get().pk == office.pk
    assert ContactPoint.objects.get().preferred is True
    with pytest.raises(NotFound):
        contacts.delete_contact_point(alice, mobile.pk)


def test_another_networks_contact_point_is_not_found(
    alice: Member, bob: Member, anna: Person
) -> None:
    point = contacts.add_contact(alice, anna, "email", "anna@example.de")
    for call in (
        lambda: contacts.add_contact(bob, anna.pk, "email", "b@example.de"),
        lambda: contacts.edit_contact_point(bob, point.pk, label="x"),
        lambda: contacts.delete_contact_point(bob, point.pk),
        lambda: contacts.list_contact_points(bob, anna.pk),
    ):
        with pytest.raises(NotFound):
            call()
    fresh = ContactPoint.objects.get()
    assert (fresh.pk, fresh.label) == (point.pk, "")


# --- circles, tags, skills -------------------------------------------------------------


def _tagged(alice: Member) -> Person:
    return persons.add_person(
        alice,
        "Jürgen Müller",
        persons.PersonFields(circles=["Stammtisch"], tags=["vip"], skills=["Kubernetes"]),
    )


def test_rename_circle_tag_and_skill_follow_in_search(alice: Member) -> None:
    person = _tagged(alice)
    assert labels.rename_circle(alice, "stammtisch", "Skatrunde").name == "Skatrunde"
    assert labels.rename_tag(alice, "VIP", "Wichtig").name == "Wichtig"
    assert labels.rename_skill(alice, "kubernetes", "K8s Betrieb").name == "K8s Betrieb"
    assert person.pk in _found(alice, "skatrunde")
    assert person.pk in _found(alice, "wichtig")
    assert person.pk in _found(alice, "betrieb")
    assert person.pk not in _found(alice, "kubernetes")
    assert person_list.list_people(alice, tag="wichtig") == [person]
    # A change of case only is no clash with itself.
    assert labels.rename_tag(alice, "wichtig", "WICHTIG").name == "WICHTIG"


def test_renaming_a_seeded_circle(alice: Member) -> None:
    persons.add_person(alice, "Anna Schmidt", persons.PersonFields(circles=["Familie"]))
    family = Circle.objects.get(network_id=alice.network_id, code="family")
    assert labels.rename_circle(alice, "family", "Familie").code == "family"
    renamed = labels.rename_circle(alice, "Familie", "Sippe")
    assert (renamed.pk, renamed.name, renamed.code) == (family.pk, "Sippe", "")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda a: labels.rename_circle(a, "stammtisch", " "), "new"),
        (lambda a: labels.rename_circle(a, "stammtisch", "Kunden"), "new"),
        (lambda a: labels.rename_circle(a, "stammtisch", "clients"), "new"),
        (lambda a: labels.rename_tag(a, "vip", "alt"), "new"),
        (lambda a: labels.rename_tag(a, "", "x"), "tag"),
        (lambda a: labels.rename_skill(a, "kubernetes", "Go"), "new"),
        (lambda a: labels.delete_skill(a, "  "), "skill"),
    ],
)
def test_a_bad_rename_changes_nothing(
    alice: Member, rows: Rows, call: Callable[[Member], object], field: str
) -> None:
    _tagged(alice)
    persons.add_person(
        alice, "Ben Braun", persons.PersonFields(circles=["Kunden"], tags=["alt"], skills=["Go"])
    )
    before = rows()
    names = sorted(Tag.objects.values_list("name", flat=True))
    with pytest.raises(InvalidInput) as caught:
        call(alice)
    assert caught.value.field == field
    assert rows() == before
    assert sorted(Tag.objects.values_list("name", flat=True)) == names
    assert Circle.objects.filter(name="Stammtisch").exists()


def test_delete_circle_tag_and_skill(alice: Member) -> None:
    person = _tagged(alice)
    assert labels.delete_circle(alice, "Stammtisch") == 1
    assert labels.delete_tag(alice, "vip") == 1
    assert labels.delete_skill(alice, "Kubernetes") == 1
    assert not Tag.objects.exists() and not Skill.objects.exists()
    assert not Circle.objects.filter(name="Stammtisch").exists()
    assert Person.objects.filter(pk=person.pk).exists()
    assert person.pk not in _found(alice, "kubernetes")
    with pytest.raises(NotFound):
        labels.delete_tag(alice, "vip")


def test_another_networks_labels_are_not_found(alice: Member, bob: Member) -> None:
    _tagged(alice)
    for call in (
        lambda: labels.rename_circle(bob, "Stammtisch", "x"),
        lambda: labels.rename_tag(bob, "vip", "x"),
        lambda: labels.rename_skill(bob, "Kubernetes", "x"),
        lambda: labels.delete_circle(bob, "Stammtisch"),
        lambda: labels.delete_tag(bob, "vip"),
        lambda: labels.delete_skill(bob, "Kubernetes"),
    ):
        with pytest.raises(NotFound):
            call()
    assert Tag.objects.get().name == "vip" and Skill.objects.get().name == "Kubernetes"
    assert Circle.objects.filter(name="Stammtisch").exists()
