"""Promises: reading "TEXT by DATE", listing them in due order, marking them done."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core.errors import InvalidInput, KnotenError, NotFound
from knoten.journal import conversations
from knoten.journal import promises as journal_promises
from knoten.journal.models import Promise
from tests.conftest import World
from tests.journal.conftest import People, counts

WEDNESDAY = dt.date(2024, 3, 13)


@pytest.mark.parametrize(
    ("text", "relative_to", "what", "due"),
    [
        pytest.param(
            "Send the offer by 2024-05-01",
            WEDNESDAY,
            "Send the offer",
            dt.date(2024, 5, 1),
            id="by ISO date",
        ),
        pytest.param(
            "Angebot schicken bis 14.03.2025",
            WEDNESDAY,
            "Angebot schicken",
            dt.date(2025, 3, 14),
            id="bis German date",
        ),
        pytest.param(
            "Angebot schicken bis Freitag",
            WEDNESDAY,
            "Angebot schicken",
            dt.date(2024, 3, 15),
            id="bis Freitag is that week's Friday",
        ),
        pytest.param(
            "Angebot schicken bis Freitag",
            dt.date(2024, 3, 16),
            "Angebot schicken",
            dt.date(2024, 3, 22),
            id="bis Freitag said on a Saturday is the next Friday",
        ),
        pytest.param(
            "Call back by next friday",
            WEDNESDAY,
            "Call back",
            dt.date(2024, 3, 15),
            id="by next friday",
        ),
        pytest.param(
            "Unterlagen bis zum 20.03.2024",
            WEDNESDAY,
            "Unterlagen",
            dt.date(2024, 3, 20),
            id="bis zum",
        ),
        pytest.param(
            "Rückruf bis spätestens morgen",
            WEDNESDAY,
            "Rückruf",
            dt.date(2024, 3, 14),
            id="bis spätestens morgen",
        ),
        pytest.param(
            "Rückruf bis 14.03.",
            WEDNESDAY,
            "Rückruf",
            dt.date(2024, 3, 14),
            id="day and month is the next such day",
        ),
        pytest.param(
            "Rückruf bis 14.03.",
            dt.date(2024, 3, 20),
            "Rückruf",
            dt.date(2025, 3, 14),
            id="day and month already past is next year's",
        ),
        pytest.param(
            "Call Anna by phone by 2024-05-01",
            WEDNESDAY,
            "Call Anna by phone",
            dt.date(2024, 5, 1),
            id="the date follows the last by",
        ),
        pytest.param(
            "Angebot bis März",
            WEDNESDAY,
            "Angebot",
            dt.date(2024, 3, 31),
            id="a month alone is its end, this month's while we are in it",
        ),
        pytest.param(
            "Konzept bis Februar",
            WEDNESDAY,
            "Konzept",
            dt.date(2025, 2, 28),
            id="a month already past is next year's",
        ),
        pytest.param(
            "Report by May 2025",
            WEDNESDAY,
            "Report",
            dt.date(2025, 5, 31),
            id="a month and year",
        ),
        pytest.param(
            "  Send   the deck ",
            WEDNESDAY,
            "Send the deck",
            None,
            id="no date",
        ),
    ],
)
def test_a_promise_is_read_as_text_and_due_day(
    text: str, relative_to: dt.date, what: str, due: dt.date | None
) -> None:
    assert journal_promises.parse_promise(text, relative_to=relative_to) == (what, due)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "promise: '' is empty", id="empty"),
        pytest.param(
            "by Friday", "promise: 'by Friday' has a due date but no text", id="only a date"
        ),
        pytest.param(
            "Angebot by email",
            "promise: 'Angebot by email' has the due date 'email', which is not a date; use "
            "2024-03-14, 14.03.2024 or words like 'morgen' (put the date last, after 'by' or "
            "'bis')",
            id="words that are no date",
        ),
        pytest.param(
            "Angebot bis 30.02.2024",
            "has the due date '30.02.2024', which is not a valid date: day 30 does not exist "
            "in month 2",
            id="impossible date",
        ),
    ],
)
def test_a_promise_with_a_bad_due_date_is_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        journal_promises.parse_promise(text, relative_to=WEDNESDAY)
    assert message in caught.value.message


@pytest.fixture
def promises(world: World, people: People) -> dict[str, Promise]:
    alice = world.alice
    first = conversations.log_interaction(
        alice,
        "Lunch",
        participants=["Schmidt"],
        on="2024-03-01",
        promises=["Angebot by 2024-04-01", "Buch leihen"],
        expectations=["Kontakt zum CFO by 2024-03-10"],
    )
    second = conversations.log_interaction(
        alice, "Call", participants=["Jürgen"], on="2024-03-02", promises=["Rückruf by 2024-03-20"]
    )
    by_text = {p.text: p for p in Promise.objects.filter(interaction__in=[first, second])}
    return by_text


def test_open_promises_are_listed_soonest_due_first_undated_last(
    world: World, promises: dict[str, Promise]
) -> None:
    listed = journal_promises.list_promises(world.alice)
    assert [p.text for p in listed] == ["Kontakt zum CFO", "Rückruf", "Angebot", "Buch leihen"]


def test_promises_can_be_narrowed_by_person_and_direction(
    world: World, people: People, promises: dict[str, Promise]
) -> None:
    alice = world.alice
    assert [p.text for p in journal_promises.list_promises(alice, person="Müller")] == ["Rückruf"]
    assert [p.text for p in journal_promises.list_promises(alice, owed_by_me=False)] == [
        "Kontakt zum CFO"
    ]
    assert [
        p.text for p in journal_promises.list_promises(alice, owed_by_me=True, person="Schmidt")
    ] == [
        "Angebot",
        "Buch leihen",
    ]
    assert journal_promises.list_promises(alice, person="Schneider") == []


def test_a_kept_promise_leaves_the_open_list_but_not_the_full_one(
    world: World, promises: dict[str, Promise], fixed_today: dt.date
) -> None:
    done = journal_promises.complete_promise(world.alice, promises["Rückruf"].pk)
    assert done.done_on == fixed_today
    assert done.is_done
    assert "Rückruf" not in [p.text for p in journal_promises.list_promises(world.alice)]
    everything = journal_promises.list_promises(world.alice, open_only=False)
    assert "Rückruf" in [p.text for p in everything]
    assert journal_promises.promise_as_dict(done)["done_on"] == "2024-03-13"


def test_a_promise_can_be_done_on_an_earlier_day(
    world: World, promises: dict[str, Promise], fixed_today: dt.date
) -> None:
    done = journal_promises.complete_promise(world.alice, str(promises["Angebot"].pk), on="gestern")
    assert done.done_on == dt.date(2024, 3, 12)


def test_completing_a_promise_twice_is_refused(world: World, promises: dict[str, Promise]) -> None:
    promise = promises["Angebot"]
    journal_promises.complete_promise(world.alice, promise.pk, on="2024-03-05")
    with pytest.raises(InvalidInput) as caught:
        journal_promises.complete_promise(world.alice, promise.pk)
    assert caught.value.message == f"promise: {promise.pk} was already done on 2024-03-05"
    promise.refresh_from_db()
    assert promise.done_on == dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("promise_id", "error", "message"),
    [
        pytest.param("99999", NotFound, "no promise matches 99999", id="unknown id"),
        pytest.param(
            "zwölf", InvalidInput, "promise: 'zwölf' is not a promise id", id="not a number"
        ),
    ],
)
def test_completing_an_unknown_promise_is_refused(
    world: World,
    promises: dict[str, Promise],
    promise_id: str,
    error: type[KnotenError],
    message: str,
) -> None:
    with pytest.raises(error) as caught:
        journal_promises.complete_promise(world.alice, promise_id)
    assert caught.value.message.startswith(message)


def test_completing_with_a_bad_day_changes_nothing(
    world: World, promises: dict[str, Promise]
) -> None:
    promise = promises["Angebot"]
    with pytest.raises(InvalidInput) as caught:
        journal_promises.complete_promise(world.alice, promise.pk, on="31.04.2024")
    assert "on: '31.04.2024' is not a valid date" in caught.value.message
    promise.refresh_from_db()
    assert promise.done_on is None
    assert counts()["Promise"] == 4


def test_a_promise_cannot_be_done_in_the_future(
    world: World, promises: dict[str, Promise], fixed_today: dt.date
) -> None:
    promise = promises["Angebot"]
    with pytest.raises(InvalidInput) as caught:
        journal_promises.complete_promise(world.alice, promise.pk, on="morgen")
    assert caught.value.message == (
        "on: 'morgen' is 2024-03-14, in the future; mark a promise done once it is kept"
    )
    promise.refresh_from_db()
    assert promise.done_on is None


def test_a_promise_taken_as_written_keeps_its_words_and_has_no_due_day(
    world: World, people: People
) -> None:
    alice = world.alice
    before = Promise.objects.count()
    # Read for a due day, "by post" is refused ("post" is no date) and nothing is written …
    with pytest.raises(InvalidInput, match="'post', which is not a date"):
        journal_promises.add_promise(alice, people.anna, "send it by post")
    assert Promise.objects.count() == before
    # … taken as written, it is kept whole and without a day; "by Friday" too.
    kept = journal_promises.add_promise(alice, people.anna, "send it by post", read_due=False)
    friday = journal_promises.add_promise(alice, people.anna, "Angebot bis Freitag", read_due=False)
    assert (kept.text, kept.due_on) == ("send it by post", None)
    assert (friday.text, friday.due_on) == ("Angebot bis Freitag", None)
    with pytest.raises(InvalidInput, match="is empty"):
        journal_promises.add_promise(alice, people.anna, "  ", read_due=False)
    assert Promise.objects.count() == before + 2
