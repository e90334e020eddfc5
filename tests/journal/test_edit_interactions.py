"""Listing, reading, changing and deleting conversations: only the author changes them."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core.errors import InvalidInput, KnotenError, NotFound
from knoten.core.models import Member
from knoten.journal import conversations, events
from knoten.journal.models import Attendance, Interaction, Participation, Promise
from knoten.search.query import search
from tests.conftest import World
from tests.journal.conftest import People, counts


def _log(actor: Member, summary: str, who: list[str], on: str, **more: object) -> Interaction:
    return conversations.log_interaction(actor, summary, participants=who, on=on, **more)  # type: ignore[arg-type]


def test_list_is_newest_first_and_filters(world: World, people: People) -> None:
    alice = world.alice
    old = _log(alice, "Kickoff", ["Schmidt"], "2024-01-10", kind="call")
    mid = _log(alice, "Review", ["Mueller"], "2024-02-10")
    new = _log(alice, "Lunch", ["Schmidt", "Mueller"], "2024-03-10")

    assert [i.pk for i in conversations.list_interactions(alice)] == [new.pk, mid.pk, old.pk]
    schmidt = conversations.list_interactions(alice, person="Anna Schmidt")
    assert [i.pk for i in schmidt] == [new.pk, old.pk]
    window = conversations.list_interactions(alice, since="2024-02-01", until="2024-02-28")
    assert [i.pk for i in window] == [mid.pk]
    assert [i.pk for i in conversations.list_interactions(alice, kind="Telefonat")] == [old.pk]
    assert [i.pk for i in conversations.list_interactions(alice, limit=2, offset=1)] == [
        mid.pk,
        old.pk,
    ]
    # "me" took part in every conversation I wrote.
    assert len(conversations.list_interactions(alice, person="me")) == 3
    assert conversations.list_interactions(world.bob) == []


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"since": "2024-03-01", "until": "2024-02-01"}, "until"),
        ({"since": "kein Datum"}, "since"),
        ({"kind": "Brieftaube"}, "kind"),
        ({"person": "Anna"}, "person"),
        ({"limit": -1}, "limit"),
        ({"offset": -3}, "offset"),
    ],
)
def test_list_refuses_bad_filters(
    world: World, people: People, filters: dict[str, object], field: str
) -> None:
    with pytest.raises(KnotenError) as error:
        conversations.list_interactions(world.alice, **filters)  # type: ignore[arg-type]
    assert getattr(error.value, "field", getattr(error.value, "what", None)) == field


def test_list_by_another_networks_person_is_not_found(world: World, people: People) -> None:
    with pytest.raises(NotFound):
        conversations.list_interactions(world.alice, person=str(people.bernd.pk))


def test_detail(world: World, people: People) -> None:
    talk = _log(world.alice, "Lunch", ["Schmidt"], "2024-03-01", promises=["Offer by 2024-04-01"])
    detail = conversations.interaction_detail(world.alice, talk.pk)
    assert detail["summary"] == "Lunch"
    assert [p["name"] for p in detail["participants"]] == ["Anna Schmidt"]
    assert [p["text"] for p in detail["promises"]] == ["Offer"]
    with pytest.raises(NotFound):
        conversations.interaction_detail(world.bob, talk.pk)
    with pytest.raises(NotFound):
        conversations.interaction_detail(world.alice, 2**63)
    with pytest.raises(InvalidInput):
        conversations.interaction_detail(world.alice, "eins")


def test_edit_changes_what_is_given(world: World, people: People, fixed_today: dt.date) -> None:
    alice = world.alice
    talk = _log(alice, "Lunch", ["Schmidt"], "2024-03-01", minutes=60, place="Kantine")
    changed = conversations.edit_interaction(
        alice,
        talk.pk,
        summary="Lunch about the Quorbel offer",
        on="2024-03-04",
        kind="call",
        minutes="",
        place="",
        participants=["Mueller", "Anna Schmidt"],
    )
    assert changed.summary == "Lunch about the Quorbel offer"
    assert changed.occurred_on == dt.date(2024, 3, 4)
    assert (changed.kind, changed.duration_minutes, changed.place) == ("call", None, "")
    assert [p.person_id for p in changed.participations.all()] == [
        people.anna.pk,
        people.juergen.pk,
    ]
    assert [h.interaction_id for h in search(alice, "Quorbel")] == [talk.pk]

    again = conversations.edit_interaction(alice, talk.pk, minutes=30)
    assert again.duration_minutes == 30 and again.summary == "Lunch about the Quorbel offer"


def test_new_participants_of_a_conversation_at_an_event_are_met(
    world: World, people: People
) -> None:
    alice = world.alice
    event = events.add_event(alice, "Messe")
    talk = _log(alice, "Stand talk", ["Schmidt"], "2024-03-01", event=event)
    conversations.edit_interaction(alice, talk.pk, participants=["Schmidt", "Mueller"])
    met = {a.person_id: a.status for a in Attendance.objects.filter(event=event)}
    assert met == {people.anna.pk: "met", people.juergen.pk: "met"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"summary": "   "}, "summary"),
        ({"summary": "a\x00b"}, "summary"),
        ({"on": "2999-01-01"}, "on"),
        ({"on": "Quatsch"}, "on"),
        ({"kind": "Brieftaube"}, "kind"),
        ({"minutes": -1}, "minutes"),
        ({"minutes": 10**9}, "minutes"),
        ({"place": "x" * 301}, "place"),
        ({"private": "yes"}, "private"),
        ({"participants": []}, "participants"),
        ({"participants": ["me"]}, "participant"),
        ({"participants": ["Anna"]}, "participant"),
    ],
)
def test_bad_edits_change_nothing(
    world: World, people: People, fixed_today: dt.date, changes: dict[str, object], field: str
) -> None:
    alice = world.alice
    talk = _log(alice, "Lunch", ["Schmidt"], "2024-03-01")
    before = counts()
    with pytest.raises(KnotenError) as error:
        conversations.edit_interaction(alice, talk.pk, **{"summary": "Changed", **changes})  # type: ignore[arg-type]
    assert getattr(error.value, "field", getattr(error.value, "what", None)) == field
    talk.refresh_from_db()
    assert talk.summary == "Lunch" and counts() == before
    assert list(talk.participations.values_list("person_id", flat=True)) == [people.anna.pk]


def test_only_the_author_changes_or_deletes(world: World, people: People, dora: Member) -> None:
    talk = _log(world.alice, "Lunch", ["Schmidt"], "2024-03-01")
    with pytest.raises(InvalidInput) as error:
        conversations.edit_interaction(dora, talk.pk, summary="Mine now")
    assert error.value.field == "interaction"
    with pytest.raises(InvalidInput):
        conversations.delete_interaction(dora, talk.pk)
    with pytest.raises(NotFound):
        conversations.edit_interaction(world.bob, talk.pk, summary="Bob's now")
    with pytest.raises(NotFound):
        conversations.delete_interaction(world.bob, talk.pk)
    talk.refresh_from_db()
    assert talk.summary == "Lunch"


def test_private_minutes_stay_private(world: World, people: People, dora: Member) -> None:
    secret = _log(world.alice, "Secret", ["Schmidt"], "2024-03-01", private=True)
    open_talk = _log(world.alice, "Open", ["Schmidt"], "2024-03-02")
    assert [i.pk for i in conversations.list_interactions(dora)] == [open_talk.pk]
    assert [i.pk for i in conversations.list_interactions(dora, person="Schmidt")] == [open_talk.pk]
    with pytest.raises(NotFound):
        conversations.interaction_detail(dora, secret.pk)
    with pytest.raises(NotFound):
        conversations.edit_interaction(dora, secret.pk, summary="x")
    # Made public by its author, Dora sees it; made private again, she does not.
    conversations.edit_interaction(world.alice, secret.pk, private=True)
    conversations.edit_interaction(world.alice, open_talk.pk, private=True)
    assert conversations.list_interactions(dora) == []
    assert search(dora, "Open") == []
    conversations.edit_interaction(world.alice, secret.pk, private=False)
    assert conversations.interaction_detail(dora, secret.pk)["summary"] == "Secret"


def test_delete_removes_the_minutes_and_their_promises(world: World, people: People) -> None:
    alice = world.alice
    talk = _log(alice, "Quorbel lunch", ["Schmidt"], "2024-03-01", promises=["Offer by 2024-04-01"])
    conversations.delete_interaction(alice, talk.pk)
    assert Interaction.objects.count() == 0
    assert Participation.objects.count() == 0 and Promise.objects.count() == 0
    assert search(alice, "Quorbel") == []
    with pytest.raises(NotFound):
        conversations.delete_interaction(alice, talk.pk)


def test_minutes_from_a_form_are_read(world: World, people: People) -> None:
    talk = _log(world.alice, "Lunch", ["Schmidt"], "2024-03-01", minutes=" 45 ")
    assert talk.duration_minutes == 45
    assert conversations.edit_interaction(world.alice, talk.pk, minutes="90").duration_minutes == 90
    with pytest.raises(InvalidInput) as error:
        conversations.edit_interaction(world.alice, talk.pk, minutes="eine Stunde")
    assert error.value.field == "minutes"
