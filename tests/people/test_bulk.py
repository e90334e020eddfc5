"""Bulk actions on a list's selection: a circle, a tag, a cadence, the archive (and back),
a vCard export of just those; the first steps the home page ticks."""

from __future__ import annotations

import pytest
from django.test import Client

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.exports.cards import export_vcard
from knoten.journal.conversations import log_interaction
from knoten.people.bulk import add_to_circle, archive_people, chosen_people, tag_people
from knoten.people.models import Circle, Person
from knoten.people.persons import add_person
from knoten.upkeep.bulk import set_cadences
from knoten.upkeep.guide import first_steps
from knoten.upkeep.models import Cadence
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(world: World) -> list[Person]:
    return [add_person(world.alice, name) for name in ("Anna Adler", "Ben Bauer", "Cem Cakir")]


def test_a_circle_for_the_chosen_only(world: World, three: list[Person]) -> None:
    anna, ben, cem = three
    assert add_to_circle(world.alice, [anna.pk, str(ben.pk)], "Segler") == 2
    circle = Circle.objects.get(network=world.alice.network, name="Segler")
    assert set(circle.people.values_list("pk", flat=True)) == {anna.pk, ben.pk}
    # Again, with one more: only the new one counts.
    assert add_to_circle(world.alice, [anna.pk, cem.pk], "segler") == 1
    assert circle.people.count() == 3


def test_a_tag_by_names_too(world: World, three: list[Person]) -> None:
    anna, ben, _cem = three
    assert tag_people(world.alice, ["Anna Adler", ben.pk], "VIP") == 2
    assert set(Person.objects.filter(tags__name="VIP").values_list("pk", flat=True)) == {
        anna.pk,
        ben.pk,
    }


def test_archive_and_undo(world: World, three: list[Person]) -> None:
    anna, ben, cem = three
    assert archive_people(world.alice, [anna.pk, ben.pk]) == [anna.pk, ben.pk]
    assert list(Person.objects.filter(archived=True).order_by("pk")) == [anna, ben]
    assert archive_people(world.alice, [anna.pk, cem.pk]) == [cem.pk]  # anna already
    assert archive_people(world.alice, [anna.pk, ben.pk, cem.pk], archived=False) == [
        anna.pk,
        ben.pk,
        cem.pk,
    ]
    assert not Person.objects.filter(archived=True).exists()


def test_me_is_never_archived_and_nothing_changes(world: World, three: list[Person]) -> None:
    me = world.alice.person_id
    with pytest.raises(InvalidInput, match="own person"):
        archive_people(world.alice, [three[0].pk, me])
    assert not Person.objects.filter(archived=True).exists()


def test_a_cadence_for_each_or_for_none(world: World, three: list[Person]) -> None:
    anna, ben, cem = three
    assert set_cadences(world.alice, [anna.pk, ben.pk], "3 months") == 2
    assert Cadence.objects.filter(person__in=[anna, ben], every_days__gt=80).count() == 2
    with pytest.raises(InvalidInput):
        set_cadences(world.alice, [cem.pk], "sometimes")
    assert not Cadence.objects.filter(person=cem).exists()


def test_another_networks_person_is_refused_and_nothing_changes(
    world: World, three: list[Person]
) -> None:
    bobs = add_person(world.bob, "Dora Dietz")
    for action in (
        lambda: add_to_circle(world.alice, [three[0].pk, bobs.pk], "Segler"),
        lambda: tag_people(world.alice, [three[0].pk, bobs.pk], "VIP"),
        lambda: archive_people(world.alice, [three[0].pk, bobs.pk]),
        lambda: set_cadences(world.alice, [three[0].pk, bobs.pk], "monthly"),
        lambda: export_vcard(world.alice, person_ids=[three[0].pk, bobs.pk]),
    ):
        with pytest.raises(NotFound):
            action()
    assert not Circle.objects.filter(name="Segler").exists()
    assert not Person.objects.filter(archived=True).exists()
    assert not Cadence.objects.exists()


def test_nothing_chosen_or_no_name_is_a_clear_no(world: World, three: list[Person]) -> None:
    with pytest.raises(InvalidInput, match="none chosen"):
        chosen_people(world.alice, [])
    with pytest.raises(InvalidInput, match="circle"):
        add_to_circle(world.alice, [three[0].pk], "  ")


def test_export_of_a_selection_holds_only_those(world: World, three: list[Person]) -> None:
    text = export_vcard(world.alice, person_ids=[three[0].pk, three[2].pk])
    assert text.count("BEGIN:VCARD") == 2
    assert "Anna Adler" in text and "Cem Cakir" in text and "Ben Bauer" not in text


def test_the_first_steps_tick_one_by_one(world: World) -> None:
    alice = world.alice
    assert [s.done for s in first_steps(alice).steps] == [False, False, False]
    anna = add_person(alice, "Anna Adler")
    assert first_steps(alice).is_done("import") and not first_steps(alice).is_done("log")
    log_interaction(alice, "Coffee", participants=[anna])
    assert first_steps(alice).done == 2 and not first_steps(alice).finished
    set_cadences(alice, [anna.pk], "monthly")
    assert first_steps(alice).finished
    # Bob's network has taken none of them.
    assert first_steps(world.bob).done == 0


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def test_the_people_page_ticks_and_archives_with_undo(world: World, three: list[Person]) -> None:
    anna, ben, _cem = three
    client = signed_in(world.alice)
    answer = client.post(
        "/people/bulk/",
        {"action": "archive", "person": [anna.pk, ben.pk], "next": "/people/"},
    )
    assert answer.status_code == 302 and answer["Location"] == "/people/"
    assert Person.objects.filter(archived=True).count() == 2
    page = client.get("/people/").content.decode()
    assert "2 persons archived." in page and 'value="unarchive"' in page
    assert "Anna Adler" not in page.split('class="table people-table"')[1]
    client.post("/people/bulk/", {"action": "unarchive", "person": [anna.pk, ben.pk]})
    assert not Person.objects.filter(archived=True).exists()
    # The undo is offered once.
    assert 'value="unarchive"' not in client.get("/people/").content.decode()


def test_the_people_page_says_what_was_wrong(world: World, three: list[Person]) -> None:
    client = signed_in(world.alice)
    client.post("/people/bulk/", {"action": "cadence", "person": [three[0].pk], "value": "x"})
    page = client.get("/people/").content.decode()
    assert "toast error" in page and not Cadence.objects.exists()
    bobs = add_person(world.bob, "Dora Dietz")
    client.post("/people/bulk/", {"action": "circle", "person": [bobs.pk], "value": "K"})
    assert not Circle.objects.filter(name="K").exists()
    export = client.post("/people/bulk/", {"action": "export", "person": [three[1].pk]})
    assert export["Content-Type"].startswith("text/vcard")
    assert b"Ben Bauer" in export.content and b"Anna Adler" not in export.content
