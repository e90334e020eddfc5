"""Quick capture with several persons, new persons and promises without a due day: each
name asked on its own, a name nobody has added as a new person in the same transaction,
"by post" never taken for a day; through the domain, the CLI and the web box (the API
in tests/api/test_quick_api.py)."""

from __future__ import annotations

from typing import Any

import pytest

from knoten.core import clock
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.journal.models import Interaction, Promise
from knoten.people.models import Person
from knoten.people.persons import add_person
from knoten.upkeep.quick import read_note
from knoten.upkeep.quick_save import save_note
from tests.conftest import World
from tests.upkeep.test_quick import START, day, set_up_people


@pytest.fixture
def people(member: Member) -> Member:
    return set_up_people(member)


def _names(interaction: Interaction) -> list[str]:
    return sorted(p.person.full_name for p in interaction.participations.all())


def test_only_the_ambiguous_name_of_several_is_asked(people: Member) -> None:
    petra = add_person(people, "Petra Müller")
    text = "Lunch with Müller and Anna Adler, I'll send them the offer by Friday"
    plan = read_note(people, text)
    assert [(q.key, q.reason) for q in plan.questions] == [("Müller", "ambiguous")]
    assert [None if p is None else p.full_name for p in plan.persons] == [None, "Anna Adler"]
    saved = save_note(people, text, choices={"Müller": petra.pk})
    assert _names(saved.interaction) == ["Anna Adler", "Petra Müller"]
    # A promise made to several is owed to the first named.
    assert Promise.objects.get().creditor_id == petra.pk


def test_a_name_nobody_has_is_added_as_a_new_person(people: Member) -> None:
    text = "Treffen mit Anna Adler und Frau Dr. Carla Curie, will ihr bis Freitag schreiben"
    (question,) = read_note(people, text).questions
    assert (question.key, question.reason, question.new_person) == (
        "Frau Dr. Carla Curie",
        "unknown",
        "Dr. Carla Curie",
    )
    assert "new person" in question.message and question.as_dict()["new_person"]
    assert not Person.objects.filter(family_name="Curie").exists()  # reading adds nobody
    saved = save_note(people, text, choices={"Frau Dr. Carla Curie": "new"})
    carla = Person.objects.get(family_name="Curie")
    assert (carla.given_name, carla.academic_title, carla.gender) == ("Carla", "Dr.", "female")
    assert carla.network_id == people.network_id
    assert _names(saved.interaction) == ["Anna Adler", "Dr. Carla Curie"]
    assert saved.plan.persons[1] == carla


def test_new_is_refused_where_no_name_is_said_and_then_nothing_is_added(people: Member) -> None:
    before = Person.objects.count()
    with pytest.raises(InvalidInput, match="cannot be new") as raised:
        save_note(people, "Lunch in Kiel", choices={"person": "new"})
    assert raised.value.field == "choices[person]"
    # A new person with another question still open: refused, nobody added.
    add_person(people, "Petra Müller")
    with pytest.raises(InvalidInput, match="still open"):
        save_note(people, "Anruf mit Müller und Zora Zimmer", choices={"Zora Zimmer": "new"})
    assert Person.objects.count() == before + 1 and Interaction.objects.count() == 0


def test_a_promise_by_post_is_saved_without_a_due_day(people: Member) -> None:
    saved = save_note(people, "Call with Anna Adler, I'll send it by post")
    (promise,) = Promise.objects.all()
    assert (promise.text, promise.due_on, promise.debtor_id) == (
        "send it by post",
        None,
        people.me.pk,
    )
    assert promise.interaction_id == saved.interaction.pk
    assert [p["text"] for p in saved.as_dict()["conversation"]["promises"]] == ["send it by post"]


def test_a_promise_without_a_verb_is_saved_as_mine(people: Member) -> None:
    save_note(people, "Treffen mit Anna Adler, Angebot bis Freitag")
    (promise,) = Promise.objects.all()
    assert (promise.text, promise.due_on, promise.debtor_id) == ("Angebot", day(2), people.me.pk)


def test_cli_offers_a_new_person_and_takes_new(cli: Any, world: World) -> None:
    clock.pin(START)
    add_person(world.alice, "Anna Adler")
    line = "Lunch with Anna Adler and Zora Zimmer, I'll send it by post"
    asked = cli("note", line, "--yes")
    assert asked.exit_code == 1 and "new person Zora Zimmer" in asked.stderr
    assert "by post” is not a day" in asked.stdout
    assert Interaction.objects.count() == 0
    done = cli("note", line, "--yes", "--choose", "Zora Zimmer=new")
    assert done.exit_code == 0
    assert _names(Interaction.objects.get()) == ["Anna Adler", "Zora Zimmer"]


def test_web_box_offers_a_new_person(world: World) -> None:
    from django.test import Client

    clock.pin(START)
    add_person(world.alice, "Anna Adler")
    client = Client()
    client.force_login(world.alice.user)
    line = "Anruf mit Anna Adler und Zora Zimmer, schicke es per Post"
    preview = client.post("/note/", {"text": line, "action": "preview"}).content.decode()
    assert '<option value="new">A new person: Zora Zimmer</option>' in preview
    assert 'name="id-0"' in preview and "has no due day" in preview
    saved = client.post(
        "/note/", {"text": line, "action": "save", "key-0": "Zora Zimmer", "choice-0": "new"}
    )
    assert saved.status_code == 200 and "Saved" in saved.content.decode()
    assert _names(Interaction.objects.get()) == ["Anna Adler", "Zora Zimmer"]
    assert Promise.objects.get().text == "schicke es per Post"
