"""Finding persons and organisations by what a user types."""

from __future__ import annotations

import pytest

from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.core.models import Member
from knoten.people.lookup import ensure_organisation, resolve_organisation, resolve_person
from knoten.people.models import Organisation, Person
from tests.conftest import World


def person(member: Member, given: str, family: str, **extra: object) -> Person:
    return Person.objects.create(
        network=member.network, given_name=given, family_name=family, **extra
    )


def test_me_finds_the_members_own_person(member: Member) -> None:
    assert resolve_person(member, "me") == member.me
    assert resolve_person(member, "ich") == member.me


def test_an_id_finds_the_person(member: Member) -> None:
    anna = person(member, "Anna", "Schmidt")
    assert resolve_person(member, str(anna.pk)) == anna


def test_part_of_a_name_finds_the_person_umlaut_insensitively(member: Member) -> None:
    jurgen = person(member, "Jürgen", "Müller")
    person(member, "Anna", "Schmidt")
    for typed in ["Mueller", "muller", "Jürgen", "Juergen M", "jur mul", "Müll"]:
        assert resolve_person(member, typed) == jurgen, typed


def test_an_ambiguous_name_lists_every_candidate(member: Member) -> None:
    a = person(member, "Anna", "Schmidt")
    b = person(member, "Anna", "Weber")
    with pytest.raises(Ambiguous) as caught:
        resolve_person(member, "Anna")
    assert len(caught.value.candidates) == 2
    assert f"{a.pk}: Anna Schmidt" in caught.value.candidates
    assert f"{b.pk}: Anna Weber" in caught.value.candidates


def test_a_full_name_wins_over_longer_names_containing_it(member: Member) -> None:
    anna = person(member, "Anna", "Schmidt")
    person(member, "Anna", "Schmidt-Weber")
    assert resolve_person(member, "Anna Schmidt") == anna


def test_an_active_person_wins_over_an_archived_namesake(member: Member) -> None:
    active = person(member, "Tom", "Berg")
    person(member, "Tom", "Berg", archived=True)
    assert resolve_person(member, "Tom Berg") == active


def test_no_match_is_not_found(member: Member) -> None:
    with pytest.raises(NotFound, match="no person matches 'Zacharias'"):
        resolve_person(member, "Zacharias")


def test_an_empty_name_is_bad_input(member: Member) -> None:
    with pytest.raises(InvalidInput, match="person: ' ' is empty"):
        resolve_person(member, " ")


def test_another_networks_person_is_never_found(world: World) -> None:
    bobs = person(world.bob, "Bruno", "Brandt")
    with pytest.raises(NotFound):
        resolve_person(world.alice, "Bruno")
    with pytest.raises(NotFound):
        resolve_person(world.alice, str(bobs.pk))
    with pytest.raises(NotFound):
        resolve_person(world.alice, bobs)
    assert resolve_person(world.alice, "me") == world.alice.me


def test_organisations_are_found_by_folded_name_and_never_across_networks(
    world: World,
) -> None:
    alices = ensure_organisation(world.alice, "Müller GmbH")
    assert ensure_organisation(world.alice, "mueller gmbh") == alices
    assert Organisation.objects.filter(network=world.alice.network).count() == 1
    assert resolve_organisation(world.alice, "Müller") == alices
    with pytest.raises(NotFound):
        resolve_organisation(world.bob, "Müller GmbH")
    with pytest.raises(NotFound):
        resolve_organisation(world.bob, str(alices.pk))
    bobs = ensure_organisation(world.bob, "Müller GmbH")
    assert bobs != alices


def test_a_name_typed_with_its_academic_title_finds_the_person(member: Member) -> None:
    juergen = person(member, "Jürgen", "Müller", academic_title="Prof. Dr.")
    person(member, "Jürgen", "Müller-Lüdenscheidt")
    assert resolve_person(member, "Prof. Dr. Jürgen Müller") == juergen
    assert resolve_person(member, "Dr. Juergen Mueller") == juergen
