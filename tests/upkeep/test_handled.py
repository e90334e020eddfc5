"""Handled occasions: remembered once per member, never for another network's person."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core import clock
from knoten.core.errors import InvalidInput, NotFound
from knoten.journal.models import Promise
from knoten.journal.promises import add_promise
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


def test_a_promise_handled_as_done_is_kept_and_dismissed_stays_open(member, world):
    clock.pin(dt.date(2027, 3, 1))
    anna = add_person(member, "Anna Zander")
    offer = add_promise(member, anna, "Angebot schicken", due=dt.date(2027, 2, 26))
    call = add_promise(member, anna, "Anrufen", due=dt.date(2027, 2, 27))
    handle_occasion(member, key=f"promise:promise={offer.pk}", kind="promise", how="done")
    handle_occasion(member, key=f"promise:promise={call.pk}", kind="promise", how="dismissed")
    assert Promise.objects.get(pk=offer.pk).done_on == dt.date(2027, 3, 1)
    assert Promise.objects.get(pk=call.pk).done_on is None
    # Handled again (already kept): no change, no error.
    again = handle_occasion(member, key=f"promise:promise={offer.pk}", kind="promise")
    assert again.how == "done"
    # Another network's promise is refused and nothing is remembered.
    bobs = add_promise(world.bob, add_person(world.bob, "Bert Quell"), "Rückruf")
    with pytest.raises(NotFound):
        handle_occasion(member, key=f"promise:promise={bobs.pk}", kind="promise")
    assert Promise.objects.get(pk=bobs.pk).done_on is None
    assert handled_keys(member, [f"promise:promise={bobs.pk}"]) == set()
