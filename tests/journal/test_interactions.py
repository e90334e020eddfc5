"""Logging conversations: what is stored, and every input that is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core import reading
from knoten.core.errors import Ambiguous, InvalidInput, KnotenError, NotFound
from knoten.journal import conversations, events
from knoten.journal.models import Attendance, Interaction, Promise
from tests.conftest import World
from tests.journal.conftest import People, counts


def test_it_stores_the_minutes_with_participants_author_and_details(
    world: World, people: People
) -> None:
    event = events.add_event(world.alice, "Hannover Messe", starts="2024-04-22")
    interaction = conversations.log_interaction(
        world.alice,
        "  Lunch, talked about the tender  ",
        participants=["Schmidt", "Mueller"],
        kind="Telefonat",
        on="12.03.2024",
        minutes=45,
        event="hannover",
        place="Kantine",
        private=True,
    )
    interaction.refresh_from_db()
    assert interaction.summary == "Lunch, talked about the tender"
    assert interaction.kind == "call"
    assert interaction.occurred_on == dt.date(2024, 3, 12)
    assert interaction.duration_minutes == 45
    assert interaction.event == event
    assert interaction.place == "Kantine"
    assert interaction.private is True
    assert interaction.author == world.alice
    assert interaction.network_id == world.alice.network_id
    participants = [p.person for p in interaction.participations.order_by("pk")]
    assert participants == [people.anna, people.juergen]


def test_it_defaults_to_a_meeting_today(world: World, people: People, fixed_today: dt.date) -> None:
    interaction = conversations.log_interaction(world.alice, "Kaffee", participants=[people.anna])
    assert interaction.occurred_on == fixed_today
    assert interaction.kind == "meeting"
    assert interaction.duration_minutes is None
    assert interaction.event is None


def test_it_names_each_participant_once_and_accepts_ids_and_objects(
    world: World, people: People
) -> None:
    interaction = conversations.log_interaction(
        world.alice,
        "Runde",
        participants=[str(people.anna.pk), people.anna, "Jürgen", "Muller"],
        on="2024-03-01",
    )
    assert [p.person_id for p in interaction.participations.order_by("pk")] == [
        people.anna.pk,
        people.juergen.pk,
    ]


def test_the_dict_form_is_json_ready_and_complete(world: World, people: People) -> None:
    event = events.add_event(world.alice, "Stammtisch")
    interaction = conversations.log_interaction(
        world.alice,
        "Gespräch",
        participants=["Schmidt"],
        on="2024-03-12",
        minutes=30,
        event=event,
        promises=["Angebot schicken bis 15.03.2024"],
        expectations=["Kontakt zum CFO"],
    )
    data = conversations.interaction_as_dict(interaction)
    me = world.alice.me
    assert data == {
        "id": interaction.pk,
        "date": "2024-03-12",
        "kind": "meeting",
        "summary": "Gespräch",
        "minutes": 30,
        "place": "",
        "event": {"id": event.pk, "name": "Stammtisch"},
        "private": False,
        "author": {"id": me.pk, "name": "Alice Adler"},
        "participants": [{"id": people.anna.pk, "name": "Anna Schmidt"}],
        "promises": [
            {
                "id": data["promises"][0]["id"],
                "text": "Angebot schicken",
                "debtor": {"id": me.pk, "name": "Alice Adler"},
                "creditor": {"id": people.anna.pk, "name": "Anna Schmidt"},
                "due": "2024-03-15",
                "done": False,
                "done_on": None,
                "overdue": True,
                "interaction": interaction.pk,
            },
            {
                "id": data["promises"][1]["id"],
                "text": "Kontakt zum CFO",
                "debtor": {"id": people.anna.pk, "name": "Anna Schmidt"},
                "creditor": {"id": me.pk, "name": "Alice Adler"},
                "due": None,
                "done": False,
                "done_on": None,
                "overdue": False,
                "interaction": interaction.pk,
            },
        ],
    }


def test_promises_run_between_me_and_the_first_participant(world: World, people: People) -> None:
    interaction = conversations.log_interaction(
        world.alice,
        "Runde",
        participants=["Jürgen", "Schmidt"],
        on="2024-03-13",
        promises=["Unterlagen schicken bis Freitag", "Rückruf"],
        expectations=["Einladung by 2024-05-01"],
    )
    me = world.alice.me
    made = Promise.objects.filter(interaction=interaction).order_by("pk")
    assert [(p.debtor, p.creditor, p.text, p.due_on) for p in made] == [
        (me, people.juergen, "Unterlagen schicken", dt.date(2024, 3, 15)),
        (me, people.juergen, "Rückruf", None),
        (people.juergen, me, "Einladung", dt.date(2024, 5, 1)),
    ]


def test_logging_at_an_event_marks_the_participants_as_met(world: World, people: People) -> None:
    event = events.add_event(world.alice, "Messe", attendees=["Schmidt"])
    conversations.log_interaction(
        world.alice, "Am Stand", participants=["Schmidt", "Jürgen"], event=str(event.pk)
    )
    statuses = {a.person_id: a.status for a in Attendance.objects.filter(event=event)}
    assert statuses == {people.anna.pk: "met", people.juergen.pk: "met"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Freitag", dt.date(2024, 3, 8), id="a weekday is the last one"),
        pytest.param("friday", dt.date(2024, 3, 8), id="in English too"),
        pytest.param("Mittwoch", dt.date(2024, 3, 13), id="today's weekday is today"),
        pytest.param("letzten Freitag", dt.date(2024, 3, 8), id="letzten Freitag"),
        pytest.param("last friday", dt.date(2024, 3, 8), id="last friday"),
        pytest.param("gestern", dt.date(2024, 3, 12), id="gestern"),
        pytest.param("heute", dt.date(2024, 3, 13), id="heute"),
        pytest.param("14.02.2024", dt.date(2024, 2, 14), id="German date"),
        pytest.param("2023-12-01", dt.date(2023, 12, 1), id="ISO date"),
    ],
)
def test_the_day_of_a_conversation_is_read_in_german_and_english(
    fixed_today: dt.date, text: str, expected: dt.date
) -> None:
    assert reading.past_day(text) == expected


def test_a_conversation_cannot_lie_in_the_future(fixed_today: dt.date) -> None:
    with pytest.raises(InvalidInput) as caught:
        reading.past_day("morgen")
    assert caught.value.message == (
        "on: 'morgen' is 2024-03-14, in the future; log a conversation after it happened"
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        pytest.param(
            {"summary": ""},
            InvalidInput,
            "summary: '' is empty; say in a line what was discussed",
            id="empty summary",
        ),
        pytest.param(
            {"summary": "  \n "},
            InvalidInput,
            "is empty; say in a line what was discussed",
            id="blank summary",
        ),
        pytest.param(
            {"participants": []},
            InvalidInput,
            "participants: '' is empty; name at least one person the conversation was with",
            id="no participants",
        ),
        pytest.param(
            {"participants": ["Nobody"]},
            NotFound,
            "no participant matches 'Nobody'",
            id="unknown person",
        ),
        pytest.param(
            {"participants": ["Schmidt", "9999"]},
            NotFound,
            "no participant matches '9999'",
            id="unknown id after a good name",
        ),
        pytest.param(
            {"participants": ["Anna"]},
            Ambiguous,
            "participant 'Anna' is ambiguous, it matches 2",
            id="ambiguous name",
        ),
        pytest.param(
            {"participants": ["me"]},
            InvalidInput,
            "participant: 'me' is you; name the other people here",
            id="only me",
        ),
        pytest.param(
            {"minutes": -5},
            InvalidInput,
            "minutes: -5 is negative; a duration is 0 minutes or more",
            id="negative minutes",
        ),
        pytest.param(
            {"minutes": 20000},
            InvalidInput,
            "minutes: 20000 is longer than a week",
            id="absurd minutes",
        ),
        pytest.param(
            {"kind": "dance"},
            InvalidInput,
            "kind: 'dance' is not one of: meeting, call, email, message, event conversation",
            id="unknown kind",
        ),
        pytest.param(
            {"on": "32.01.2024"},
            InvalidInput,
            "on: '32.01.2024' is not a valid date: day 32 does not exist in month 1",
            id="impossible date",
        ),
        pytest.param(
            {"on": "Blumenkohl"},
            InvalidInput,
            "on: 'Blumenkohl' is not a date",
            id="not a date",
        ),
        pytest.param(
            {"on": "2024"},
            InvalidInput,
            "on: '2024' needs a day, a month and a year here",
            id="partial date",
        ),
        pytest.param(
            {"on": "2999-01-01"},
            InvalidInput,
            "on: '2999-01-01' is 2999-01-01, in the future",
            id="future date",
        ),
        pytest.param(
            {"event": "Messe"},
            NotFound,
            "no event matches 'Messe'",
            id="unknown event",
        ),
        pytest.param(
            {"promises": ["Angebot bis 32.03.2024"]},
            InvalidInput,
            "promise: 'Angebot bis 32.03.2024' has the due date '32.03.2024', which is not a "
            "valid date: day 32 does not exist in month 3",
            id="bad promise date",
        ),
        pytest.param(
            {"expectations": ["Rückruf by email"]},
            InvalidInput,
            "expect: 'Rückruf by email' has the due date 'email', which is not a date",
            id="bad expectation date",
        ),
        pytest.param(
            {"promises": [""]},
            InvalidInput,
            "promise: '' is empty",
            id="empty promise",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    world: World, people: People, kwargs: dict[str, object], error: type[KnotenError], message: str
) -> None:
    arguments: dict[str, object] = {"summary": "Lunch", "participants": ["Schmidt"]} | kwargs
    summary = arguments.pop("summary")
    before = counts()
    with pytest.raises(error) as caught:
        conversations.log_interaction(world.alice, summary, **arguments)  # type: ignore[arg-type]
    assert message in caught.value.message
    assert counts() == before


def test_a_failing_search_index_leaves_nothing_written(
    world: World, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(network_id: int, ids: object) -> None:
        raise RuntimeError("index down")

    monkeypatch.setattr("knoten.search.index.reindex_interactions", broken)
    before = counts()
    with pytest.raises(RuntimeError):
        conversations.log_interaction(
            world.alice, "Lunch", participants=["Schmidt"], promises=["Angebot by 2024-05-01"]
        )
    assert counts() == before
    assert not Interaction.objects.exists()
