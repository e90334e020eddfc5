"""Cadences and the due list: any contact resets the clock, ranked, explained, snoozed."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core import clock
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.journal.conversations import delete_interaction, log_interaction
from knoten.journal.events import add_event, mark_met
from knoten.people.persons import PersonFields, add_person, archive_person, edit_person
from knoten.people.relationships import relate
from knoten.reciprocity.services import add_favour, add_recommendation
from knoten.upkeep.cadences import clear_cadence, set_cadence
from knoten.upkeep.due import due_list, losing_touch, snooze, standing_of, unsnooze
from knoten.upkeep.models import Standing

# Far enough after the real day that every person was added before it.
START = dt.date.today() + dt.timedelta(days=30)


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def names(member: Member) -> list[str]:
    return [row.name for row in due_list(member)[0]]


@pytest.fixture
def now() -> dt.date:
    clock.pin(START)
    return START


def test_a_person_is_due_after_their_importance_default_and_a_contact_resets_it(
    member: Member, now: dt.date
) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(importance="important"))
    add_person(member, "Bernd Berger", PersonFields(importance="peripheral"))
    log_interaction(member, "Lunch", participants=[anna], on=day(0))
    clock.pin(day(90))
    assert names(member) == []  # quarterly: due on day 91
    clock.pin(day(91))
    (row,) = due_list(member)[0]
    assert (row.name, row.overdue, row.due_on) == ("Anna Adler", False, day(91))
    assert row.reason.startswith("quarterly (as important); last contact 3 months ago: meeting")
    clock.pin(day(137))
    assert due_list(member)[0][0].overdue  # latest: half as long again
    # A call logged afterwards for a past day counts from that day.
    log_interaction(member, "Call", participants=[anna], kind="call", on=day(100))
    assert names(member) == []
    clock.pin(day(191))
    assert names(member) == ["Anna Adler"]


@pytest.mark.parametrize("how", ["favour", "recommendation", "event"])
def test_give_and_take_and_meeting_at_an_event_reset_the_clock(
    member: Member, now: dt.date, how: str
) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner"))
    clock.pin(day(40))
    assert names(member) == ["Anna Adler"]
    if how == "favour":
        add_favour(member, giver=anna, receiver="me", on=day(35))
    elif how == "recommendation":
        bernd = add_person(member, "Bernd Berger", PersonFields(importance="peripheral"))
        add_recommendation(member, recommender="me", recipient=anna, beneficiary=bernd, on=day(35))
    else:
        fair = add_event(member, "Hannover Messe", starts=day(35))
        mark_met(member, fair, [anna])
    assert names(member) == []
    assert standing_of(member, anna)["last_contact"] == day(35).isoformat()


def test_deleting_the_only_conversation_puts_the_clock_back(member: Member, now: dt.date) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner"))
    clock.pin(day(45))
    talk = log_interaction(member, "Lunch", participants=[anna], on=day(20))
    assert names(member) == []
    delete_interaction(member, talk.pk)
    assert names(member) == ["Anna Adler"]


def test_ranked_by_how_overdue_and_how_important(member: Member, now: dt.date) -> None:
    inner = add_person(member, "Ines Inner", PersonFields(importance="inner"))
    regular = add_person(member, "Rolf Regular", PersonFields(importance="regular"))
    log_interaction(member, "Hi", participants=[inner], on=day(0))
    log_interaction(member, "Hi", participants=[regular], on=day(-300))
    clock.pin(day(70))  # inner: 70 of 30 days; regular: 370 of 365
    assert names(member) == ["Ines Inner", "Rolf Regular"]
    assert [r.overdue for r in due_list(member)[0]] == [True, False]


def test_cadences_by_person_circle_and_importance(member: Member, now: dt.date) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(circles=["Colleagues"]))
    bernd = add_person(member, "Bernd Berger", PersonFields(circles=["Colleagues", "Friends"]))
    carla = add_person(member, "Carla Czech")
    for who in (anna, bernd, carla):
        log_interaction(member, "Hi", participants=[who], on=day(0))
    set_cadence(member, circle="Kollegen", every="quarterly")
    set_cadence(member, circle="Freunde", every="alle 6 Wochen")
    set_cadence(member, person=carla, every="monthly", latest="every 2 months")
    clock.pin(day(45))
    # Carla: 45 of 30 days; Bernd: 45 of 42 (the most frequent of his circles).
    assert names(member) == ["Carla Czech", "Bernd Berger"]
    assert "every 6 weeks (circle friends)" in due_list(member)[0][1].reason
    clock.pin(day(61))
    assert due_list(member)[0][0].overdue  # Carla: latest two months
    # No cadence: never due; dropping it inherits again.
    set_cadence(member, person=carla, every=None)
    assert "Carla Czech" not in names(member)
    clear_cadence(member, person=carla)
    clock.pin(day(366))
    assert "Carla Czech" in names(member)  # regular: yearly
    set_cadence(member, importance="regular", every=None)
    assert "Carla Czech" not in names(member)


def test_archived_persons_and_me_never_appear(member: Member, now: dt.date) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner"))
    clock.pin(day(400))
    assert names(member) == ["Anna Adler"]
    archive_person(member, anna)
    assert names(member) == []
    assert standing_of(member, "me")["cadence"] == "no cadence"


def test_importance_change_moves_the_due_day(member: Member, now: dt.date) -> None:
    anna = add_person(member, "Anna Adler")
    log_interaction(member, "Hi", participants=[anna], on=day(0))
    clock.pin(day(40))
    assert names(member) == []
    edit_person(member, anna, PersonFields(importance="inner"))
    assert names(member) == ["Anna Adler"]


def test_snooze_hides_until_the_day_and_only_for_that_member(member: Member, now: dt.date) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner"))
    clock.pin(day(40))
    snooze(member, anna, "a week")
    assert names(member) == []
    clock.pin(day(47))
    assert names(member) == ["Anna Adler"]
    snooze(member, anna, day(60))
    assert unsnooze(member, anna) is True
    assert names(member) == ["Anna Adler"]
    with pytest.raises(InvalidInput, match="after today"):
        snooze(member, anna, day(47))


def test_private_conversations_count_for_their_author_only(member: Member, now: dt.date) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner"))
    clock.pin(day(40))
    log_interaction(member, "Secret", participants=[anna], on=day(39), private=True)
    assert names(member) == []
    standing = Standing.objects.get(person=anna)
    assert standing.last_on is None  # the shared standing does not know of it


def test_strength_is_explained_and_grows_with_contact(member: Member, now: dt.date) -> None:
    anna = add_person(member, "Anna Adler")
    relate(member, "me", anna, "friend", trust=4)
    before = standing_of(member, anna)
    clock.pin(day(60))
    for offset in range(0, 60, 10):
        log_interaction(member, "Lunch", participants=[anna], on=day(offset))
    add_favour(member, giver=anna, receiver="me", on=day(50))
    add_favour(member, giver="me", receiver=anna, on=day(55))
    after = standing_of(member, anna)
    assert before["strength"] < after["strength"]
    assert after["level"] == "strong"
    assert "trust 4 of 5" in after["reasons"]
    assert "you gave 1, received 1" in after["reasons"]
    assert "8 contacts in the past year" in after["reasons"]


def test_losing_touch_lists_who_used_to_matter(member: Member, now: dt.date) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(importance="important"))
    bernd = add_person(member, "Bernd Berger", PersonFields(importance="important"))
    clock.pin(day(10))
    for offset in range(5):
        log_interaction(member, "Hi", participants=[anna], on=day(offset))
    log_interaction(member, "Hi", participants=[bernd], on=day(0))
    clock.pin(day(200))
    assert [r.name for r in losing_touch(member)] == ["Anna Adler"]


def test_another_network_sees_nothing(member: Member, now: dt.date, world) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner"))
    clock.pin(day(40))
    assert names(world.bob) == []
    with pytest.raises(Exception, match="person"):
        snooze(world.bob, anna.pk, "a week")


def test_standing_says_upcoming_before_the_due_day_then_due_then_overdue(
    member: Member, now: dt.date
) -> None:
    anna = add_person(member, "Anna Adler", PersonFields(importance="important"))
    log_interaction(member, "Lunch", participants=[anna], on=day(0))
    upcoming = standing_of(member, anna)["due"]
    assert (upcoming["state"], upcoming["due_on"]) == ("upcoming", day(91).isoformat())
    clock.pin(day(91))
    assert standing_of(member, anna)["due"]["state"] == "due"
    clock.pin(day(137))
    assert standing_of(member, anna)["due"]["state"] == "overdue"
