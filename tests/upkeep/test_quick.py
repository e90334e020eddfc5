"""Quick capture: a dozen real lines in each language read as the exact records they mean,
saved as those records, ambiguity asked, bad input named, other networks never reached."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import pytest

from knoten.core import clock
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.journal.events import add_event
from knoten.journal.models import Attendance, Interaction, Promise
from knoten.people.persons import add_person
from knoten.upkeep.quick import Plan, read_note
from knoten.upkeep.quick_save import save_note
from tests.conftest import World

# A Wednesday far enough after the real day that every person was added before it.
_SOON = dt.date.today() + dt.timedelta(days=30)
START = _SOON + dt.timedelta(days=(2 - _SOON.weekday()) % 7)
END_OF_MONTH = START.replace(day=calendar.monthrange(START.year, START.month)[1])


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


@pytest.fixture
def people(member: Member) -> Member:
    return set_up_people(member)


def set_up_people(member: Member) -> Member:
    """The persons and the event the sentences name, on a pinned Wednesday."""
    clock.pin(START)
    for name in ("Jürgen Müller", "Anna Adler", "Bernd Berger", "Clara Conrad", "Dr. Petra Weber"):
        add_person(member, name)
    add_event(member, "Hannover Messe 2027", starts=day(-1))
    return member


def shape(plan: Plan) -> dict[str, Any]:
    """The plan in short: what a test can state exactly."""
    return {
        "kind": plan.kind,
        "on": (plan.on - START).days,
        "persons": [None if p is None else p.full_name for p in plan.persons],
        "event": None if plan.event is None else plan.event.name,
        "place": plan.place,
        "promises": [
            ("mine" if p.mine else "theirs", p.text, None if p.due is None else p.due)
            for p in plan.promises
        ],
        "notes": plan.notes,
        "questions": [(q.key, q.reason) for q in plan.questions],
        "remarks": plan.remarks,
    }


def expect(kind: str = "meeting", persons: tuple[str, ...] = (), **rest: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "on": rest.get("on", 0),
        "persons": list(persons),
        "event": rest.get("event"),
        "place": rest.get("place", ""),
        "promises": rest.get("promises", []),
        "notes": rest.get("notes", []),
        "questions": rest.get("questions", []),
        "remarks": rest.get("remarks", []),
    }


GERMAN = [
    (
        "Mittagessen mit Jürgen Müller auf der Hannover Messe, will ihm bis Freitag ein "
        "Angebot schicken, Tochter macht Abitur",
        expect(
            "meeting",
            ("Jürgen Müller",),
            event="Hannover Messe 2027",
            promises=[("mine", "ein Angebot schicken", day(2))],
            notes=["Tochter macht Abitur"],
        ),
    ),
    (
        "Telefonat mit Anna Adler, sie schickt mir nächste Woche den Vertrag",
        expect("call", ("Anna Adler",), promises=[("theirs", "schickt mir den Vertrag", day(7))]),
    ),
    (
        "Videocall mit Bernd Berger, ich schicke ihm in 3 Tagen die Folien",
        expect("call", ("Bernd Berger",), promises=[("mine", "schicke ihm die Folien", day(3))]),
    ),
    (
        "E-Mail an Anna Adler: Angebot nachgefasst",
        expect("email", ("Anna Adler",), notes=["Angebot nachgefasst"]),
    ),
    (
        "Anruf Müller, will ihn übermorgen zurückrufen",
        expect("call", ("Jürgen Müller",), promises=[("mine", "ihn zurückrufen", day(2))]),
    ),
    (
        "Treffen mit Mueller gestern, ich schicke ihm bis Ende des Monats den Vertrag",
        expect(
            "meeting",
            ("Jürgen Müller",),
            on=-1,
            promises=[("mine", "schicke ihm den Vertrag", END_OF_MONTH)],
        ),
    ),
    (
        "Mittagessen mit Anna Adler und Bernd Berger in Kiel",
        expect("meeting", ("Anna Adler", "Bernd Berger"), place="Kiel"),
    ),
    (
        "Kaffee mit Anna Adler, sie will mir bis nächsten Dienstag die Zahlen schicken",
        expect(
            "meeting", ("Anna Adler",), promises=[("theirs", "mir die Zahlen schicken", day(6))]
        ),
    ),
    (
        "Gespräch mit Carla Curie auf der Hannover Messe",
        expect(
            "meeting",
            (None,),  # type: ignore[arg-type]
            event="Hannover Messe 2027",
            questions=[("Carla Curie", "unknown")],
        ),
    ),
    ("Mittagessen in Kiel", expect("meeting", place="Kiel", questions=[("person", "missing")])),
    (
        "Nachricht an Bernd Berger, er meldet sich morgen",
        expect("message", ("Bernd Berger",), promises=[("theirs", "meldet sich", day(1))]),
    ),
    (
        "Treffen mit Jürgen Müller wegen des Angebots, sie hat ein neues Büro",
        expect("meeting", ("Jürgen Müller",), notes=["sie hat ein neues Büro"]),
    ),
    (
        "Treffen mit Anna, Bernd und Clara Conrad",
        expect("meeting", ("Anna Adler", "Bernd Berger", "Clara Conrad")),
    ),
    (
        "Mittagessen mit Herrn Müller und Frau Dr. Weber",
        expect("meeting", ("Jürgen Müller", "Dr. Petra Weber")),
    ),
    (
        "Treffen mit Anna, Bernd und Clara Conrad auf der Hannover Messe, will ihnen bis "
        "Freitag die Folien schicken",
        expect(
            "meeting",
            ("Anna Adler", "Bernd Berger", "Clara Conrad"),
            event="Hannover Messe 2027",
            promises=[("mine", "die Folien schicken", day(2))],
        ),
    ),
    (
        "Gespräch mit Anna Adler und Xaver Xylander",
        expect(
            "meeting",
            ("Anna Adler", None),  # type: ignore[arg-type]
            questions=[("Xaver Xylander", "unknown")],
        ),
    ),
    (
        # "Adler" is Anna and Alice Adler (me): asked, as is the unknown Schulz.
        "Telefonat mit Frau Adler und Herrn Schulz auf der Hannover Messe",
        expect(
            "call",
            (None, None),  # type: ignore[arg-type]
            event="Hannover Messe 2027",
            questions=[("Frau Adler", "ambiguous"), ("Herrn Schulz", "unknown")],
        ),
    ),
    (
        "Anruf Müller, schicke es per Post",
        expect(
            "call",
            ("Jürgen Müller",),
            promises=[("mine", "schicke es per Post", None)],
            remarks=["“schicke es per Post” has no due day; it is kept without one."],
        ),
    ),
    (
        "Treffen mit Anna Adler, Angebot bis Freitag, Tochter macht Abitur",
        expect(
            "meeting",
            ("Anna Adler",),
            promises=[("mine", "Angebot", day(2))],
            notes=["Tochter macht Abitur"],
            remarks=[
                "“Angebot bis Freitag” is read as your promise: it does not say who makes it."
            ],
        ),
    ),
    (
        "Kaffee mit Bernd Berger, bis Freitag",
        expect(
            "meeting",
            ("Bernd Berger",),
            notes=["bis Freitag"],
            remarks=["“bis Freitag” does not say what is promised; it is kept as a note."],
        ),
    ),
]

ENGLISH = [
    (
        "Call with Anna Adler, she'll send me the contract next week",
        expect("call", ("Anna Adler",), promises=[("theirs", "send me the contract", day(7))]),
    ),
    (
        "Lunch with Anna Adler and Bernd Berger, I'll send her the deck by Monday",
        expect(
            "meeting",
            ("Anna Adler", "Bernd Berger"),
            promises=[("mine", "send her the deck", day(5))],
        ),
    ),
    (
        "Video call with Anna, I will send the slides end of month",
        expect("call", ("Anna Adler",), promises=[("mine", "send the slides", END_OF_MONTH)]),
    ),
    (
        "Email to Bernd Berger, he'll reply in two weeks",
        expect("email", ("Bernd Berger",), promises=[("theirs", "reply", day(14))]),
    ),
    (
        "Met Jurgen Muller at the Hannover Messe, I'll call him next Tuesday",
        expect(
            "meeting",
            ("Jürgen Müller",),
            event="Hannover Messe 2027",
            promises=[("mine", "call him", day(6))],
        ),
    ),
    ("Coffee with bernd berger yesterday", expect("meeting", ("Bernd Berger",), on=-1)),
    (
        "Dinner with Anna Adler in Berlin, her son starts university",
        expect("meeting", ("Anna Adler",), place="Berlin", notes=["her son starts university"]),
    ),
    (
        "Called Bernd Berger, he will send me the invoice in 3 days",
        expect("call", ("Bernd Berger",), promises=[("theirs", "send me the invoice", day(3))]),
    ),
    (
        "Breakfast with Carla Curie",
        expect("meeting", (None,), questions=[("Carla Curie", "unknown")]),  # type: ignore[arg-type]
    ),
    ("Meeting with Anna Adler last Friday", expect("meeting", ("Anna Adler",), on=-5)),
    ("Lunch in Kiel", expect("meeting", place="Kiel", questions=[("person", "missing")])),
    (
        "Phone call with Anna Adler about the fair, I promised to send the booth plan tomorrow",
        expect("call", ("Anna Adler",), promises=[("mine", "send the booth plan", day(1))]),
    ),
    ("Lunch with Anna Adler and Bernd Berg", expect("meeting", ("Anna Adler", "Bernd Berger"))),
    (
        "Meeting with Anna, Bernd and Clara Conrad at the Hannover Messe",
        expect(
            "meeting", ("Anna Adler", "Bernd Berger", "Clara Conrad"), event="Hannover Messe 2027"
        ),
    ),
    (
        "Call with Mr Müller and Mrs Weber, I'll send it by post",
        expect(
            "call",
            ("Jürgen Müller", "Dr. Petra Weber"),
            promises=[("mine", "send it by post", None)],
            remarks=[
                "“I'll send it by post” has no due day (“by post” is not a day); "
                "it is kept without one."
            ],
        ),
    ),
    (
        "Coffee with Anna Adler, the offer by Friday",
        expect(
            "meeting",
            ("Anna Adler",),
            promises=[("mine", "the offer", day(2))],
            remarks=[
                "“the offer by Friday” is read as your promise: it does not say who makes it."
            ],
        ),
    ),
    (
        "Call with Anna Adler, she will",
        expect(
            "call",
            ("Anna Adler",),
            notes=["she will"],
            remarks=["“she will” does not say what is promised; it is kept as a note."],
        ),
    ),
    (
        "Dinner with Bernd Berger and Zora Zimmer, she'll call me tomorrow",
        expect(
            "meeting",
            ("Bernd Berger", None),  # type: ignore[arg-type]
            promises=[("theirs", "call me", day(1))],
            questions=[("Zora Zimmer", "unknown")],
        ),
    ),
    (
        "Drinks with Anna Adler, Bernd Berger and Dr. Weber, she'll think about it",
        expect(
            "meeting",
            ("Anna Adler", "Bernd Berger", "Dr. Petra Weber"),
            promises=[("theirs", "think about it", None)],
            remarks=["“she'll think about it” has no due day; it is kept without one."],
        ),
    ),
]


@pytest.mark.parametrize(("text", "planned"), GERMAN + ENGLISH, ids=lambda x: str(x)[:30])
def test_a_line_is_read_as_the_records_it_means(
    people: Member, text: str, planned: dict[str, Any]
) -> None:
    assert shape(read_note(people, text)) == planned
    assert Interaction.objects.count() == 0  # reading writes nothing


def test_saving_the_issues_german_line_writes_exactly_those_records(people: Member) -> None:
    text = GERMAN[0][0]
    saved = save_note(people, text)
    (conversation,) = Interaction.objects.all()
    assert conversation.pk == saved.interaction.pk
    assert (conversation.kind, conversation.occurred_on, conversation.summary) == (
        "meeting",
        START,
        text,
    )
    assert conversation.event is not None and conversation.event.name == "Hannover Messe 2027"
    assert [p.person.full_name for p in conversation.participations.all()] == ["Jürgen Müller"]
    (promise,) = Promise.objects.all()
    assert (promise.debtor_id, promise.creditor.full_name) == (people.me.pk, "Jürgen Müller")
    assert (promise.text, promise.due_on) == ("ein Angebot schicken", day(2))
    assert Attendance.objects.filter(event=conversation.event, status="met").count() == 1


def test_saving_the_issues_english_line_writes_a_call_and_a_promise_owed_to_me(
    people: Member,
) -> None:
    save_note(people, ENGLISH[0][0])
    (conversation,) = Interaction.objects.all()
    assert conversation.kind == "call"
    (promise,) = Promise.objects.all()
    assert (promise.debtor.full_name, promise.creditor_id) == ("Anna Adler", people.me.pk)
    assert (promise.text, promise.due_on) == ("send me the contract", day(7))


def test_two_muellers_are_asked_and_the_choice_is_saved(people: Member) -> None:
    petra = add_person(people, "Petra Müller")
    text = "Telefonat mit Müller, will ihr bis Freitag das Angebot schicken"
    plan = read_note(people, text)
    (question,) = plan.questions
    assert (question.key, question.reason) == ("Müller", "ambiguous")
    assert sorted(label.split(": ")[1] for _, label in question.candidates) == [
        "Jürgen Müller",
        "Petra Müller",
    ]
    with pytest.raises(InvalidInput, match="still open"):
        save_note(people, text)
    assert Interaction.objects.count() == 0
    save_note(people, text, choices={"Müller": petra.pk})
    (promise,) = Promise.objects.all()
    assert (promise.creditor_id, promise.due_on) == (petra.pk, day(2))


def test_an_unknown_or_missing_person_can_be_chosen(people: Member) -> None:
    anna = read_note(people, "Call with Anna Adler").persons[0]
    assert anna is not None
    saved = save_note(people, "Lunch in Kiel", choices={"person": anna.pk})
    assert [p.person_id for p in saved.interaction.participations.all()] == [anna.pk]
    assert saved.interaction.place == "Kiel"


@pytest.mark.parametrize(
    ("text", "choices", "field"),
    [
        ("", None, "text"),
        ("   ", None, "text"),
        ("x" * 2001, None, "text"),
        ("Breakfast with Carla Curie", None, "choices[Carla Curie]"),
        ("Call with Anna Adler", {"Anna": 1}, "choices"),
        ("Lunch in Kiel", {"person": "someone"}, "choices[person]"),
    ],
)
def test_bad_input_is_named_and_nothing_written(
    people: Member, text: str, choices: Any, field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        save_note(people, text, choices=choices)
    assert raised.value.field == field
    assert Interaction.objects.count() == 0 and Promise.objects.count() == 0


def test_a_choice_outside_the_candidates_is_refused(people: Member) -> None:
    add_person(people, "Petra Müller")
    bernd = read_note(people, "Call with Bernd Berger").persons[0]
    assert bernd is not None
    with pytest.raises(InvalidInput, match="not one of the candidates"):
        save_note(people, "Anruf Müller", choices={"Müller": bernd.pk})
    assert Interaction.objects.count() == 0


def test_bobs_persons_are_never_matched_for_alice(world: World) -> None:
    clock.pin(START)
    bobs = add_person(world.bob, "Anna Adler")
    plan = read_note(world.alice, "Call with Anna Adler")
    assert plan.persons == [None] and plan.questions[0].reason == "unknown"
    with pytest.raises(NotFound):
        save_note(world.alice, "Lunch in Kiel", choices={"person": bobs.pk})
    assert Interaction.objects.count() == 0


def test_cli_note_shows_the_plan_and_saves_with_yes(cli: Any, world: World) -> None:
    clock.pin(START)
    add_person(world.alice, "Anna Adler")
    line = "Call with Anna Adler, she'll send me the contract next week"
    shown = cli("note", line, "--json")
    assert shown.exit_code == 0 and shown.json()["promises"][0]["direction"] == "owed_to_me"
    assert Interaction.objects.count() == 0
    refused = cli("note", line)  # no terminal to confirm on
    assert refused.exit_code != 0 and "Owed to me: send me the contract" in refused.stdout
    assert Interaction.objects.count() == 0
    saved = cli("note", line, "--yes", "--json")
    assert saved.exit_code == 0 and saved.json()["conversation"]["kind"] == "call"
    assert Promise.objects.get().text == "send me the contract"


def test_cli_note_asks_about_two_muellers_and_takes_a_choice(cli: Any, world: World) -> None:
    clock.pin(START)
    add_person(world.alice, "Jürgen Müller")
    petra = add_person(world.alice, "Petra Müller")
    asked = cli("note", "Anruf Müller", "--yes")
    assert asked.exit_code == 1 and "Petra Müller" in asked.stderr
    assert Interaction.objects.count() == 0
    done = cli("note", "Anruf Müller", "--yes", "--choose", f"Müller={petra.pk}")
    assert done.exit_code == 0
    assert Interaction.objects.get().participations.get().person_id == petra.pk


def test_web_box_previews_asks_and_saves(world: World) -> None:
    from django.test import Client

    clock.pin(START)
    add_person(world.alice, "Jürgen Müller")
    petra = add_person(world.alice, "Petra Müller")
    client = Client()
    client.force_login(world.alice.user)
    home = client.get("/")
    assert home.status_code == 200 and 'id="quick-note"' in home.content.decode()
    line = "Anruf Müller, will ihr bis Freitag das Angebot schicken"
    htmx = {"HX-Request": "true", "HX-Target": "quick-note"}
    preview = client.post("/note/", {"text": line, "action": "preview"}, headers=htmx)
    shown = preview.content.decode()
    assert preview.status_code == 200 and "<html" not in shown
    assert "Petra Müller" in shown and 'name="key-0" value="Müller"' in shown
    assert "das Angebot schicken" in shown and Interaction.objects.count() == 0
    open_ = client.post("/note/", {"text": line, "action": "save", "key-0": "Müller"})
    assert open_.status_code == 400 and Interaction.objects.count() == 0
    saved = client.post(
        "/note/", {"text": line, "action": "save", "key-0": "Müller", "choice-0": str(petra.pk)}
    )
    assert saved.status_code == 200 and "Saved" in saved.content.decode()
    assert Promise.objects.get().creditor_id == petra.pk


def test_the_web_box_and_the_api_keep_the_promise_text_and_its_friday(people: Member) -> None:
    """The issue's line saved through the home page's box and through the API: the promise
    is the promise ("ein Angebot schicken", not the whole line nor "bis Freitag"), mine,
    to Müller, due the Friday (from a Wednesday: in two days)."""
    from django.test import Client

    from knoten.api.tokens import create_token
    from tests.api.conftest import ApiClient

    line = GERMAN[0][0]
    client = Client()
    client.force_login(people.user)
    saved = client.post("/note/", {"text": line, "action": "save"}, headers={"HX-Request": "1"})
    assert saved.status_code == 200 and "Saved" in saved.content.decode()
    _, key = create_token(people, "quick")
    answer = ApiClient(key).post("/api/notes", {"text": line})
    assert answer.status_code == 201, answer.content
    assert day(2).weekday() == 4  # Friday
    promises = Promise.objects.order_by("pk")
    assert [(p.text, p.due_on, p.debtor_id, p.creditor.full_name) for p in promises] == [
        ("ein Angebot schicken", day(2), people.me.pk, "Jürgen Müller")
    ] * 2
    assert [p.interaction.summary for p in promises] == [line, line]


def test_two_events_of_the_name_are_asked_and_the_chosen_one_saved(people: Member) -> None:
    later = add_event(people, "Hannover Messe 2028", starts=day(300))
    text = "Lunch with Anna Adler at the Hannover Messe"
    plan = read_note(people, text)
    assert [(q.key, q.what, q.reason) for q in plan.questions] == [
        ("Hannover Messe", "event", "ambiguous")
    ]
    saved = save_note(people, text, choices={"Hannover Messe": later.pk})
    assert saved.interaction.event_id == later.pk
    assert Attendance.objects.get(event=later).person.full_name == "Anna Adler"


def test_a_typographic_apostrophe_reads_like_a_plain_one(people: Member) -> None:
    plan = read_note(people, "Call with Anna Adler, she’ll send me the contract next week")
    assert [(p.mine, p.text, p.due) for p in plan.promises] == [
        (False, "send me the contract", day(7))
    ]
    assert plan.text.endswith("she’ll send me the contract next week")


@pytest.mark.parametrize(
    ("words", "offset"),
    [
        ("Freitag", 2),
        ("nächste Woche", 7),
        ("in 3 Tagen", 3),
        ("übermorgen", 2),
        ("next Tuesday", 6),
        ("nächsten Dienstag", 6),
        ("Ende der Woche", 2),
        ("end of the week", 2),
    ],
)
def test_due_days_in_words_from_a_wednesday(words: str, offset: int) -> None:
    from knoten.core.reading import due_day

    assert due_day(words, relative_to=START) == day(offset)


@pytest.mark.parametrize("words", ["end of month", "Monatsende", "Ende des Monats"])
def test_end_of_month_is_its_last_day(words: str) -> None:
    from knoten.core.reading import due_day

    assert due_day(words, relative_to=START) == END_OF_MONTH
