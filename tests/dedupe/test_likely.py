"""Duplicates on demand: the likely pairs of a whole network."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.dedupe.services import dismiss_pair, likely_duplicates, queue_pair
from knoten.demo.generate import generate_network
from knoten.people.models import ContactPoint, Person
from knoten.people.networks import create_network
from knoten.people.persons import PersonFields, add_person
from tests.conftest import World


@pytest.fixture
def network(world: World) -> dict[str, Person]:
    alice = world.alice
    return {
        "juergen": add_person(alice, "Jürgen Müller", PersonFields(org="Siemens AG")),
        "juergen2": add_person(alice, "Juergen Mueller", PersonFields(org="Siemens")),
        "hans": add_person(alice, "Hans Becker", PersonFields(emails=["hb@becker.example"])),
        "johannes": add_person(
            alice, "Johannes Becker", PersonFields(emails=["HB@becker.example"])
        ),
        "meier": add_person(alice, "Sabine Meier"),
        "mayer": add_person(alice, "Sabine Mayer"),
        "kurt": add_person(alice, "Kurt Weber"),
        "anna": add_person(alice, "Anna Schulz"),
        "jan": add_person(alice, "Jan Schulz"),
        "jana": add_person(alice, "Jana Schulz"),
        "katarina": add_person(alice, "Katarina Vogel"),
        "katharina": add_person(alice, "Katharina Vogel"),
    }


def pairs_of(member: Member, **options: object) -> list[tuple[str, str, float, bool]]:
    return [
        (c.person_a.full_name, c.person_b.full_name, c.score, c.certain)
        for c in likely_duplicates(member, **options)  # type: ignore[arg-type]
    ]


def test_pairs_best_first_with_reasons(world: World, network: dict[str, Person]) -> None:
    found = likely_duplicates(world.alice)
    names = [(c.person_a.full_name, c.person_b.full_name) for c in found]
    assert names[0] == ("Hans Becker", "Johannes Becker")  # the same e-mail: certain
    assert found[0].certain and found[0].score == 1.0
    assert "same e-mail hb@becker.example" in found[0].reasons
    assert ("Jürgen Müller", "Juergen Mueller") in names
    assert ("Sabine Meier", "Sabine Mayer") in names
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    everyone = {n for pair in names for n in pair}
    assert "Kurt Weber" not in everyone
    assert ("Katarina Vogel", "Katharina Vogel") in names  # a typo in the given name
    # Jan and Jana are alike, but not enough to be proposed by default.
    assert ("Jan Schulz", "Jana Schulz") not in names
    lower = likely_duplicates(world.alice, min_score=0.7)
    assert ("Jan Schulz", "Jana Schulz") in [
        (c.person_a.full_name, c.person_b.full_name) for c in lower
    ]


def test_dismissed_pairs_are_left_out_and_queued_ones_shown(
    world: World, network: dict[str, Person]
) -> None:
    alice = world.alice
    dismiss_pair(alice, network["meier"], network["mayer"])
    queue_pair(alice, network["kurt"].pk, network["anna"].pk, 0.5, ["imported as K. Weber"])
    found = likely_duplicates(alice)
    names = [(c.person_a.full_name, c.person_b.full_name, c.queued) for c in found]
    assert ("Sabine Meier", "Sabine Mayer", False) not in names
    assert ("Kurt Weber", "Anna Schulz", True) in names
    assert len(likely_duplicates(alice, limit=2)) == 2


def test_another_networks_pairs_are_never_listed(world: World, network: dict[str, Person]) -> None:
    add_person(world.bob, "Jürgen Müller")
    add_person(world.bob, "Juergen Mueller")
    found = likely_duplicates(world.bob)
    assert len(found) == 1
    assert {found[0].person_a.network_id, found[0].person_b.network_id} == {world.bob.network_id}
    assert likely_duplicates(world.charlie) == []
    alices = likely_duplicates(world.alice)
    assert all(c.person_a.network_id == world.alice.network_id for c in alices)


def test_bad_options_are_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="min_score"):
        likely_duplicates(world.alice, min_score=2)
    with pytest.raises(InvalidInput, match="limit"):
        likely_duplicates(world.alice, limit=-1)


def test_dedupe_on_a_generated_network_is_quick(db: None) -> None:
    member = create_network("Demo", username="demo", me_name="Demo Nutzer")
    generate_network(member, size=3000, seed=5, today=dt.date(2024, 3, 13))
    # Plant a known duplicate: a second Müller with the e-mail of the first.
    first = Person.objects.filter(
        network_id=member.network_id, contact_points__kind="email"
    ).first()
    assert first is not None
    email = ContactPoint.objects.filter(person=first, kind="email").first()
    assert email is not None
    twin = add_person(
        member, f"{first.given_name} {first.family_name}", PersonFields(emails=[email.value])
    )
    stages: list[str] = []
    started = time.perf_counter()
    found = likely_duplicates(member, progress=lambda stage, done, total: stages.append(stage))
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"dedupe over 3,000 persons took {elapsed:.1f} s"
    assert "comparing names" in stages
    planted = [c for c in found if {c.person_a.pk, c.person_b.pk} == {first.pk, twin.pk}]
    assert planted and planted[0].certain
