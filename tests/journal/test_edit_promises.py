"""Adding a promise on its own, changing, reopening and deleting promises."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core.errors import InvalidInput, KnotenError, NotFound
from knoten.core.models import Member
from knoten.journal import conversations, promises
from knoten.journal.models import Promise
from tests.conftest import World
from tests.journal.conftest import People, counts


def test_add_reads_the_due_date_from_the_text(
    world: World, people: People, fixed_today: dt.date
) -> None:
    promise = promises.add_promise(world.alice, "Schmidt", "Angebot schicken bis Freitag")
    assert (promise.text, promise.due_on) == ("Angebot schicken", dt.date(2024, 3, 15))
    assert (promise.debtor_id, promise.creditor_id) == (world.alice.me.pk, people.anna.pk)


def test_add_owed_to_me_with_an_explicit_due_and_an_interaction(
    world: World, people: People, fixed_today: dt.date
) -> None:
    talk = conversations.log_interaction(
        world.alice, "Call", participants=["Schmidt"], on="2024-03-06"
    )
    promise = promises.add_promise(
        world.alice,
        str(people.juergen.pk),
        "Intro to Bernd by then",
        due="Freitag",
        owed_by_me=False,
        interaction=talk.pk,
    )
    # The due date's words are read from the day of the conversation: 8 March.
    assert promise.text == "Intro to Bernd by then" and promise.due_on == dt.date(2024, 3, 8)
    assert (promise.debtor_id, promise.creditor_id) == (people.juergen.pk, world.alice.me.pk)
    assert promise.interaction_id == talk.pk


@pytest.mark.parametrize(
    ("person", "text", "more", "field"),
    [
        ("Schmidt", "   ", {}, "text"),
        ("Schmidt", "Offer by someday soon-ish", {}, "text"),
        ("Schmidt", "Offer", {"due": "Quatsch"}, "due"),
        ("Schmidt", "Off\x00er", {}, "text"),
        ("Schmidt", "Offer", {"owed_by_me": "yes"}, "owed_by_me"),
        ("Schmidt", "Offer", {"interaction": "eins"}, "interaction"),
        ("Schmidt", "Offer", {"interaction": 2**63}, "interaction"),
        ("me", "Offer", {}, "person"),
        ("Anna", "Offer", {}, "person"),
        ("Niemand", "Offer", {}, "person"),
        ("", "Offer", {}, "person"),
    ],
)
def test_add_refuses_bad_input_and_writes_nothing(
    world: World, people: People, person: str, text: str, more: dict[str, object], field: str
) -> None:
    before = counts()
    with pytest.raises(KnotenError) as error:
        promises.add_promise(world.alice, person, text, **more)  # type: ignore[arg-type]
    assert getattr(error.value, "field", getattr(error.value, "what", None)) == field
    assert counts() == before


def test_add_with_another_networks_person_or_interaction_is_not_found(
    world: World, people: People
) -> None:
    bobs = conversations.log_interaction(world.bob, "Bob's talk", participants=[people.bernd])
    with pytest.raises(NotFound):
        promises.add_promise(world.alice, str(people.bernd.pk), "Offer")
    with pytest.raises(NotFound):
        promises.add_promise(world.alice, "Schmidt", "Offer", interaction=bobs.pk)
    assert Promise.objects.count() == 0


def test_add_to_anothers_private_minutes_is_not_found(
    world: World, people: People, dora: Member
) -> None:
    secret = conversations.log_interaction(
        world.alice, "Secret", participants=["Schmidt"], private=True
    )
    with pytest.raises(NotFound):
        promises.add_promise(dora, "Schmidt", "Offer", interaction=secret.pk)


def test_edit_text_due_and_direction(world: World, people: People, fixed_today: dt.date) -> None:
    alice = world.alice
    promise = promises.add_promise(alice, "Schmidt", "Offer by 2024-04-01")
    changed = promises.edit_promise(alice, promise.pk, text="  Revised   offer ", due="")
    assert (changed.text, changed.due_on) == ("Revised offer", None)
    changed = promises.edit_promise(alice, promise.pk, due="20.04.2024", owed_by_me=False)
    assert changed.due_on == dt.date(2024, 4, 20)
    assert (changed.debtor_id, changed.creditor_id) == (people.anna.pk, alice.me.pk)
    promise.refresh_from_db()
    assert (promise.debtor_id, promise.text) == (people.anna.pk, "Revised offer")
    # The same direction again changes nothing.
    same = promises.edit_promise(alice, promise.pk, owed_by_me=False)
    assert same.debtor_id == people.anna.pk


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": " "}, "text"),
        ({"text": "a\x00"}, "text"),
        ({"due": "Quatsch"}, "due"),
        ({"owed_by_me": 1}, "owed_by_me"),
    ],
)
def test_bad_edits_change_nothing(
    world: World, people: People, changes: dict[str, object], field: str
) -> None:
    promise = promises.add_promise(world.alice, "Schmidt", "Offer by 2030-04-01")
    with pytest.raises(InvalidInput) as error:
        promises.edit_promise(world.alice, promise.pk, **{"text": "New", **changes})  # type: ignore[arg-type]
    assert error.value.field == field
    promise.refresh_from_db()
    assert (promise.text, promise.due_on) == ("Offer", dt.date(2030, 4, 1))
    assert promise.debtor_id == world.alice.me.pk


def test_direction_needs_me_in_the_promise(world: World, people: People, dora: Member) -> None:
    promise = promises.add_promise(dora, "Schmidt", "Dora's offer")
    with pytest.raises(InvalidInput) as error:
        promises.edit_promise(world.alice, promise.pk, owed_by_me=False)
    assert error.value.field == "owed_by_me"
    # Alice may still change its text: the promise is in her network and not private.
    assert promises.edit_promise(world.alice, promise.pk, text="Offer").text == "Offer"


def test_reopen(world: World, people: People) -> None:
    promise = promises.add_promise(world.alice, "Schmidt", "Offer")
    with pytest.raises(InvalidInput) as error:
        promises.reopen_promise(world.alice, promise.pk)
    assert error.value.field == "promise"
    promises.complete_promise(world.alice, promise.pk, on="2024-01-02")
    assert promises.reopen_promise(world.alice, promise.pk).done_on is None
    promise.refresh_from_db()
    assert promise.done_on is None
    assert [p.pk for p in promises.list_promises(world.alice)] == [promise.pk]


def test_delete(world: World, people: People) -> None:
    promise = promises.add_promise(world.alice, "Schmidt", "Offer")
    promises.delete_promise(world.alice, promise.pk)
    assert Promise.objects.count() == 0
    with pytest.raises(NotFound):
        promises.delete_promise(world.alice, promise.pk)


def test_another_network_reads_and_changes_nothing(world: World, people: People) -> None:
    promise = promises.add_promise(world.alice, "Schmidt", "Offer")
    promises.complete_promise(world.alice, promise.pk)
    for attempt in (
        lambda: promises.promise_detail(world.bob, promise.pk),
        lambda: promises.edit_promise(world.bob, promise.pk, text="Bob's"),
        lambda: promises.reopen_promise(world.bob, promise.pk),
        lambda: promises.delete_promise(world.bob, promise.pk),
    ):
        with pytest.raises(NotFound):
            attempt()
    promise.refresh_from_db()
    assert promise.text == "Offer" and promise.done_on is not None


def test_promises_of_private_minutes_stay_hidden(
    world: World, people: People, dora: Member
) -> None:
    secret = conversations.log_interaction(
        world.alice, "Secret", participants=["Schmidt"], private=True, promises=["Offer"]
    )
    promise = secret.promises.get()
    for attempt in (
        lambda: promises.promise_detail(dora, promise.pk),
        lambda: promises.edit_promise(dora, promise.pk, text="Seen"),
        lambda: promises.delete_promise(dora, promise.pk),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert promises.promise_detail(world.alice, promise.pk)["text"] == "Offer"


def test_list_pages(world: World, people: People) -> None:
    made = [
        promises.add_promise(world.alice, "Schmidt", f"Offer {n}", due=f"2030-01-0{n}")
        for n in (1, 2, 3)
    ]
    page = promises.list_promises(world.alice, limit=2, offset=1)
    assert [p.pk for p in page] == [made[1].pk, made[2].pk]
    with pytest.raises(InvalidInput):
        promises.list_promises(world.alice, offset=-1)
