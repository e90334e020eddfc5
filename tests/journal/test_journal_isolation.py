"""Bob sees and changes nothing of Alice's; Dora, in Alice's network, not her private minutes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from knoten.core.errors import NotFound
from knoten.core.models import Member
from knoten.journal import conversations, events, projects, promises
from knoten.journal.models import Event, Interaction, Project, Promise
from knoten.journal.visibility import visible_interactions
from knoten.profiles import event as event_profile
from tests.conftest import CliResult, World
from tests.journal.conftest import People, counts


@dataclass
class Alices:
    event: Event
    project: Project
    interaction: Interaction
    promise: Promise


@pytest.fixture
def alices(world: World, people: People) -> Alices:
    alice = world.alice
    event = events.add_event(alice, "Alices Messe", attendees=["Schmidt"])
    project = projects.add_project(
        alice, "Alices Projekt", organisation="Alices GmbH", participants=["Schmidt=lead"]
    )
    interaction = conversations.log_interaction(
        alice,
        "Alices Gespräch",
        participants=["Schmidt"],
        event=event,
        on="2024-03-01",
        promises=["Angebot by 2024-04-01"],
    )
    return Alices(event, project, interaction, interaction.promises.get())


ATTEMPTS: list[Any] = [
    pytest.param(
        lambda bob, a, p: conversations.log_interaction(bob, "x", participants=[str(p.anna.pk)]),
        id="log with Alice's person by id",
    ),
    pytest.param(
        lambda bob, a, p: conversations.log_interaction(bob, "x", participants=[p.anna]),
        id="log with Alice's person object",
    ),
    pytest.param(
        lambda bob, a, p: conversations.log_interaction(bob, "x", participants=["Schmidt"]),
        id="log with Alice's person by name",
    ),
    pytest.param(
        lambda bob, a, p: conversations.log_interaction(
            bob, "x", participants=[p.bernd], event=str(a.event.pk)
        ),
        id="log at Alice's event by id",
    ),
    pytest.param(
        lambda bob, a, p: conversations.log_interaction(
            bob, "x", participants=[p.bernd], event=a.event
        ),
        id="log at Alice's event object",
    ),
    pytest.param(
        lambda bob, a, p: promises.complete_promise(bob, a.promise.pk), id="complete her promise"
    ),
    pytest.param(
        lambda bob, a, p: promises.list_promises(bob, person=str(p.anna.pk)),
        id="list promises of her person",
    ),
    pytest.param(
        lambda bob, a, p: projects.project_detail(bob, str(a.project.pk)), id="show her project"
    ),
    pytest.param(lambda bob, a, p: projects.project_detail(bob, a.project), id="project object"),
    pytest.param(
        lambda bob, a, p: projects.project_detail(bob, "Alices"), id="her project by name"
    ),
    pytest.param(
        lambda bob, a, p: projects.add_project(bob, "x", participants=[f"{p.anna.pk}=lead"]),
        id="add a project with her person",
    ),
    pytest.param(
        lambda bob, a, p: projects.add_project(bob, "x", organisation=a.project.organisation),
        id="add a project at her organisation",
    ),
    pytest.param(
        lambda bob, a, p: events.add_event(bob, "x", organiser=a.project.organisation),
        id="add an event organised by her organisation",
    ),
    pytest.param(
        lambda bob, a, p: event_profile.event_detail(bob, str(a.event.pk)), id="show event"
    ),
    pytest.param(lambda bob, a, p: event_profile.event_detail(bob, a.event), id="event object"),
    pytest.param(
        lambda bob, a, p: events.mark_met(bob, str(a.event.pk), [p.bernd]), id="met at her event"
    ),
    pytest.param(
        lambda bob, a, p: events.mark_met(bob, "Bobs Treffen", [str(p.anna.pk)]),
        id="met her person at his event",
    ),
    pytest.param(
        lambda bob, a, p: events.add_event(bob, "x", attendees=[str(p.anna.pk)]),
        id="expect her person at his event",
    ),
]


@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_bob_can_neither_read_nor_change_alices_journal(
    world: World, people: People, alices: Alices, attempt: Callable[..., object]
) -> None:
    events.add_event(world.bob, "Bobs Treffen")
    before = counts()
    with pytest.raises(NotFound):
        attempt(world.bob, alices, people)
    assert counts() == before
    alices.promise.refresh_from_db()
    assert alices.promise.done_on is None


def test_bobs_lists_show_nothing_of_alices(world: World, people: People, alices: Alices) -> None:
    bob = world.bob
    assert promises.list_promises(bob, open_only=False) == []
    assert projects.list_projects(bob) == []
    assert events.list_events(bob) == []
    assert list(visible_interactions(bob)) == []
    # Bob's own work stays his, beside Alice's.
    conversations.log_interaction(bob, "Bobs Gespräch", participants=["Braun"], promises=["Buch"])
    assert [p.text for p in promises.list_promises(bob)] == ["Buch"]
    assert [p.text for p in promises.list_promises(world.alice)] == ["Angebot"]


def test_the_command_line_keeps_bob_out(
    world: World, people: People, alices: Alices, cli: Callable[..., CliResult]
) -> None:
    assert cli("promise", "list", "--all", "--json", user="bob").json() == []
    assert cli("project", "list", "--json", user="bob").json() == []
    assert cli("event", "list", "--json", user="bob").json() == []
    before = counts()
    for args in [
        ("promise", "done", str(alices.promise.pk)),
        ("project", "show", str(alices.project.pk), "--json"),
        ("event", "show", str(alices.event.pk), "--json"),
        ("event", "met", str(alices.event.pk), "Braun"),
        ("log", "x", "--with", str(people.anna.pk)),
    ]:
        result = cli(*args, user="bob")
        assert result.exit_code == 1, args
        assert result.stdout == ""
        assert "Error: no " in result.stderr
    assert counts() == before


# --- a team: Dora shares Alice's network, but not Alice's private minutes -------------


@pytest.fixture
def privates(world: World, people: People, dora: Member) -> dict[str, Interaction]:
    event = events.add_event(world.alice, "Stammtisch")
    secret = conversations.log_interaction(
        world.alice,
        "Vertraulich: Wechselabsichten",
        participants=["Schmidt"],
        event=event,
        private=True,
        promises=["Diskret bleiben"],
    )
    shared = conversations.log_interaction(
        world.alice, "Offenes Gespräch", participants=["Schmidt"], event=event
    )
    return {"secret": secret, "shared": shared}


def test_private_minutes_are_hidden_from_other_members_of_the_network(
    world: World, dora: Member, privates: dict[str, Interaction]
) -> None:
    secret, shared = privates["secret"], privates["shared"]
    assert set(visible_interactions(dora)) == {shared}
    assert set(visible_interactions(world.alice)) == {secret, shared}
    detail = event_profile.event_detail(dora, "Stammtisch")
    assert [i["id"] for i in detail["interactions"]] == [shared.pk]
    assert promises.list_promises(dora, open_only=False) == []
    assert [p.text for p in promises.list_promises(world.alice)] == ["Diskret bleiben"]


def test_another_member_cannot_complete_a_promise_from_private_minutes(
    world: World, dora: Member, privates: dict[str, Interaction]
) -> None:
    promise = privates["secret"].promises.get()
    with pytest.raises(NotFound):
        promises.complete_promise(dora, promise.pk)
    promise.refresh_from_db()
    assert promise.done_on is None
    assert promises.complete_promise(world.alice, promise.pk).is_done


def test_a_member_sees_their_own_private_minutes_and_the_team_sees_shared_ones(
    world: World, people: People, dora: Member
) -> None:
    own = conversations.log_interaction(
        dora, "Doras Notiz", participants=["Schmidt"], private=True, promises=["Rückruf"]
    )
    assert own in visible_interactions(dora)
    assert own not in visible_interactions(world.alice)
    assert [p.text for p in promises.list_promises(dora)] == ["Rückruf"]
    assert promises.list_promises(world.alice) == []


def test_the_command_line_hides_private_minutes_from_other_members(
    world: World, dora: Member, privates: dict[str, Interaction], cli: Callable[..., CliResult]
) -> None:
    shown = cli("event", "show", "Stammtisch", "--json", user="dora").json()
    assert [i["summary"] for i in shown["interactions"]] == ["Offenes Gespräch"]
    assert cli("promise", "list", "--json", user="dora").json() == []
    promise = privates["secret"].promises.get()
    result = cli("promise", "done", str(promise.pk), user="dora")
    assert result.exit_code == 1
    assert f"no promise matches {promise.pk}" in result.stderr
    mine = cli("event", "show", "Stammtisch", "--json").json()
    assert len(mine["interactions"]) == 2
