"""Handled occasions: remembered once per member, never for another network's person."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core import clock
from knoten.core.errors import InvalidInput, NotFound
from knoten.people.persons import add_person
from knoten.upkeep.handled import handle_occasion, handled_keys, unhandle_occasion
from knoten.upkeep.models import HandledOccasion

pytestmark = pytest.mark.django_db


def test_handled_once_and_offered_again_after_undo(member):
    anna = add_person(member, "Anna Zander")
    first = handle_occasion(
        member, key="birthday:person=1:2027", kind="Geburtstag", how="sent", person=anna.pk
    )
    again = handle_occasion(member, key="birthday:person=1:2027", kind="birthday", how="done")
    assert first.pk == again.pk and again.how == "sent" and again.kind == "birthday"
    assert handled_keys(member, ["birthday:person=1:2027", "thanks:favour=3"]) == {
        "birthday:person=1:2027"
    }
    assert unhandle_occasion(member, key="birthday:person=1:2027") is True
    assert handled_keys(member, ["birthday:person=1:2027"]) == set()
    assert unhandle_occasion(member, key="birthday:person=1:2027") is False


def test_bad_input_is_named_and_changes_nothing(member):
    with pytest.raises(InvalidInput, match="kind"):
        handle_occasion(member, key="x", kind="party")
    with pytest.raises(InvalidInput, match="how"):
        handle_occasion(member, key="x", kind="thanks", how="maybe")
    with pytest.raises(InvalidInput, match="empty"):
        handle_occasion(member, key="  ", kind="thanks")
    with pytest.raises(InvalidInput, match="longer"):
        handle_occasion(member, key="k" * 300, kind="thanks")
    assert not HandledOccasion.objects.exists()


def test_the_day_defaults_to_today_and_another_networks_person_is_refused(member, world):
    clock.pin(dt.date(2027, 3, 1))
    row = handle_occasion(member, key="thanks:favour=9", kind="thanks")
    assert row.on == dt.date(2027, 3, 1)
    stranger = add_person(world.bob, "Bert Quell")
    with pytest.raises(NotFound):
        handle_occasion(member, key="thanks:favour=10", kind="thanks", person=stranger.pk)
    assert handled_keys(member, ["thanks:favour=10"]) == set()
