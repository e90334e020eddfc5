"""Forgetting a person: which words of their name go from which texts (the rule of
knoten.exports.mentions), their addresses in any spelling, the labels only they carried."""

from __future__ import annotations

from knoten.exports import services
from knoten.journal.conversations import log_interaction
from knoten.journal.models import Interaction
from knoten.people.models import Person, Skill, Tag
from knoten.people.persons import PersonFields, add_person
from knoten.people.relationships import relate
from knoten.search.query import search
from tests.conftest import World


def test_an_unrelated_anna_keeps_her_name_when_anna_schmidt_is_forgotten(world: World) -> None:
    alice = world.alice
    anna = add_person(alice, "Anna Schmidt", PersonFields(tags=["Segler"]))
    berta = add_person(alice, "Berta Schmidt", PersonFields(note="Schwester von Anna"))
    relate(alice, berta, anna, "friend")
    bernd = add_person(
        alice,
        "Bernd Braun",
        PersonFields(note="Anna Weber kommt mit; Anna fragt nach", tags=["Segler"]),
    )
    carl = add_person(alice, "Carl Cramer", PersonFields(note="Anna und Carl treffen sich"))
    shared = log_interaction(alice, "Anna bringt Kuchen mit", participants=[anna, carl])
    other = log_interaction(alice, "Anna Weber erzählt vom Urlaub", participants=[bernd])

    plan = services.forget_plan(alice, anna)
    mentioned = {(row["kind"], row["name"]) for row in plan["mentions"]}
    assert ("person", "Berta Schmidt") in mentioned
    assert ("interaction", shared.occurred_on.isoformat()) in mentioned
    review = {(row["kind"], row["name"], tuple(row["fields"])) for row in plan["to_review"]}
    # A single "Anna" where the record is not about her: listed, not changed.
    assert ("person", "Bernd Braun", ("notes",)) in review
    assert ("person", "Carl Cramer", ("notes",)) in review
    assert "Anna" in plan["name_words"] and "Anna" not in plan["name_forms"]

    services.forget_person(alice, anna)
    berta.refresh_from_db()
    bernd.refresh_from_db()
    carl.refresh_from_db()
    assert berta.notes == "Schwester von [removed]"  # related to her: about her
    assert (berta.given_name, berta.family_name) == ("Berta", "Schmidt")
    assert bernd.notes == "Anna Weber kommt mit; Anna fragt nach"
    assert carl.notes == "Anna und Carl treffen sich"
    assert Interaction.objects.get(pk=shared.pk).summary == "[removed] bringt Kuchen mit"
    assert Interaction.objects.get(pk=other.pk).summary == "Anna Weber erzählt vom Urlaub"


def test_a_relative_keeps_the_family_name_and_her_own_form_of_address(world: World) -> None:
    alice = world.alice
    hans = add_person(alice, "Hans Vömblethorn")
    grete = add_person(
        alice, "Grete Vömblethorn", PersonFields(note="Frau Vömblethorn, Frau von Hans Vömblethorn")
    )
    relate(alice, grete, hans, "friend")
    services.forget_person(alice, hans)
    grete.refresh_from_db()
    assert grete.full_name == "Grete Vömblethorn"
    assert grete.notes == "Frau Vömblethorn, Frau von [removed]"


def test_their_addresses_go_from_every_text_however_written(world: World) -> None:
    alice = world.alice
    quinn = add_person(
        alice,
        "Quinn Quartzberg",
        PersonFields(
            emails=["Quinn.Q@Quartz.example"],
            phones=["mobile:+49 170 9876543"],
            websites=["https://www.linkedin.com/in/quinnq/"],
        ),
    )
    note = (
        "Mail an QUINN.Q@quartz.example, Tel. +49 (0)170 / 987 65 43 oder 01709876543, "
        "Profil linkedin.com/in/quinnq und http://www.linkedin.com/in/quinnq/details; "
        "nicht 0170 9876544, nicht q.q@quartz.example.org"
    )
    ralf = add_person(alice, "Ralf Rot", PersonFields(note=note))
    plan = services.forget_plan(alice, quinn)
    assert ("person", "Ralf Rot") in {(row["kind"], row["name"]) for row in plan["mentions"]}
    services.forget_person(alice, quinn)
    ralf.refresh_from_db()
    assert ralf.notes == (
        "Mail an [removed], Tel. [removed] oder [removed], "
        "Profil [removed] und [removed]; "
        "nicht 0170 9876544, nicht q.q@quartz.example.org"
    )


def test_the_labels_only_they_carried_go_and_shared_ones_stay(world: World) -> None:
    alice = world.alice
    zora = add_person(
        alice,
        "Zora Zwick",
        PersonFields(tags=["Zwick-Kreis", "Segler"], skills=["Zwickeln", "Golf"]),
    )
    add_person(alice, "Otto Ost", PersonFields(tags=["Segler"], skills=["Golf"]))
    plan = services.forget_plan(alice, zora)
    assert plan["labels_removed"] == {"skills": ["Zwickeln"], "tags": ["Zwick-Kreis"]}
    services.forget_person(alice, zora)
    network = alice.network_id
    assert set(Tag.objects.filter(network_id=network).values_list("name", flat=True)) == {"Segler"}
    assert set(Skill.objects.filter(network_id=network).values_list("name", flat=True)) == {"Golf"}


def test_the_search_finds_the_shared_minutes_without_them(world: World) -> None:
    alice = world.alice
    zyx = add_person(alice, "Zyxwquartz Vomblethorn")
    anna = add_person(alice, "Anna Adler")
    log_interaction(alice, "Zyxwquartz wants intro to Kuchenbäcker", participants=[zyx, anna])
    assert search(alice, "Zyxwquartz")
    services.forget_person(alice, zyx)
    assert not search(alice, "Zyxwquartz")
    assert [hit.kind for hit in search(alice, "Kuchenbäcker")]
    assert Person.objects.filter(network_id=alice.network_id).count() == 2
