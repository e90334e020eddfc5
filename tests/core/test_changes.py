"""Change notices: gathered per unit of work, sent once, inside its transaction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from knoten.core import changes
from knoten.core.models import Member
from knoten.people.models import Affiliation, Circle, Organisation, Person

Heard = list[tuple[int, dict[str, set[int]]]]


@pytest.fixture
def heard() -> Iterator[Heard]:
    """What a listener hears, as (network, {kind: ids}) per call."""
    calls: Heard = []

    def listener(network_id: int, changed: changes.Changed) -> None:
        calls.append((network_id, {kind: set(ids) for kind, ids in changed.items()}))

    changes.listen(listener)
    yield calls
    changes._listeners.remove(listener)


def test_outside_a_unit_a_notice_is_sent_at_once(db: None, heard: Heard) -> None:
    changes.announce(1, "person", [3, 7])
    assert heard == [(1, {"person": {3, 7}})]


def test_a_unit_sends_once_when_it_ends_and_merges_what_it_gathered(db: None, heard: Heard) -> None:
    with changes.atomic():
        changes.announce(1, "person", [3])
        with changes.atomic():
            changes.announce(1, "person", [7, 3])
            changes.announce(2, "organisation", [5])
        assert heard == []
        changes.announce(1, "interaction", [9])
    assert heard == [(1, {"person": {3, 7}, "interaction": {9}}), (2, {"organisation": {5}})]


def test_a_unit_that_fails_tells_nothing(db: None, heard: Heard) -> None:
    with pytest.raises(ValueError), changes.atomic():
        changes.announce(1, "person", [3])
        raise ValueError("refused")
    assert heard == []


def test_an_inner_unit_that_fails_drops_only_its_own(db: None, heard: Heard) -> None:
    with changes.atomic():
        changes.announce(1, "person", [3])
        with pytest.raises(ValueError), changes.atomic():
            changes.announce(1, "person", [4])
            raise ValueError("refused")
    assert heard == [(1, {"person": {3}})]


def test_a_rolled_back_unit_tells_nothing(db: None, heard: Heard) -> None:
    with changes.atomic():
        changes.announce(1, "person", [3])
        transaction.set_rollback(True)
    assert heard == []


def test_the_decorator_keeps_name_and_gathers(db: None, heard: Heard) -> None:
    @changes.atomic
    def write_twice(network_id: int) -> str:
        changes.announce(network_id, "person", [1])
        changes.announce(network_id, "person", [2])
        return "done"

    assert write_twice(4) == "done"
    assert write_twice.__name__ == "write_twice"
    assert heard == [(4, {"person": {1, 2}})]


def test_empty_and_missing_ids_are_not_announced(db: None, heard: Heard) -> None:
    changes.announce(1, "person", [])
    changes.announce(1, "person", [None])  # type: ignore[list-item]
    assert heard == []


def test_saved_and_deleted_rows_announce_what_their_app_says(member: Member, heard: Heard) -> None:
    net = member.network_id
    with changes.atomic():
        anna = Person.objects.create(network_id=net, given_name="Anna")
        acme = Organisation.objects.create(network_id=net, name="ACME")
        job = Affiliation.objects.create(network_id=net, person=anna, organisation=acme)
    assert heard == [(net, {"person": {anna.pk}, "organisation": {acme.pk}})]
    heard.clear()
    job.delete()
    assert heard == [(net, {"person": {anna.pk}})]


def test_many_to_many_writes_announce_the_holders_from_either_side(
    member: Member, heard: Heard
) -> None:
    net = member.network_id
    anna = Person.objects.create(network_id=net, given_name="Anna")
    bernd = Person.objects.create(network_id=net, given_name="Bernd")
    club = Circle.objects.create(network_id=net, name="Club")
    heard.clear()
    anna.circles.add(club)
    assert heard == [(net, {"person": {anna.pk}})]
    heard.clear()
    club.people.add(bernd)
    assert heard == [(net, {"person": {bernd.pk}})]
    heard.clear()
    club.people.clear()
    assert heard == [(net, {"person": {anna.pk, bernd.pk}})]


def test_a_bulk_update_announces_rows_as_a_save_would(member: Member, heard: Heard) -> None:
    net = member.network_id
    anna = Person.objects.create(network_id=net, given_name="Anna")
    acme = Organisation.objects.create(network_id=net, name="ACME")
    job = Affiliation.objects.create(network_id=net, person=anna, organisation=acme)
    heard.clear()
    Affiliation.objects.filter(pk=job.pk).update(title="CEO")
    changes.announce_rows(Affiliation, net, [job.pk])
    assert heard == [(net, {"person": {anna.pk}})]


def test_a_listener_that_announces_is_heard_again_after_the_round(db: None, heard: Heard) -> None:
    def cascade(network_id: int, changed: changes.Changed) -> None:
        if "organisation" in changed:
            changes.announce(network_id, "person", [42])

    changes.listen(cascade)
    try:
        changes.announce(1, "organisation", [5])
    finally:
        changes._listeners.remove(cascade)
    assert heard == [(1, {"organisation": {5}}), (1, {"person": {42}})]
