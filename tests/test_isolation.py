"""No domain function lets one network read or change another's data.

Alice fills her network with one of everything. Bob then tries every function that
takes a person, an organisation, an event, a project or a promise, naming Alice's by id
and by object: each must fail as "not found" and change nothing. Every list and search
Bob runs must show none of Alice's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from knoten.core.errors import KnotenError, NotFound
from knoten.journal import services as journal
from knoten.journal.models import Event, Interaction, Project, Promise
from knoten.people import (
    affiliations,
    important_dates,
    organisations,
    person_list,
    persons,
    relationships,
)
from knoten.people.models import Affiliation, Organisation, Person, Relationship
from knoten.profiles import organisation as organisation_page
from knoten.profiles import person as person_page
from knoten.reciprocity import services as give
from knoten.reciprocity.balance import overall_balance
from knoten.reciprocity.models import ChannelCost, Favour, Recommendation
from knoten.search.query import search
from tests.conftest import World


@pytest.fixture
def alices(world: World) -> dict[str, Any]:
    a = world.alice
    anna = persons.add_person(
        a,
        "Anna Zyxwend",
        persons.PersonFields(
            org="Quorbel GmbH", title="CFO", skills=["Zollrecht"], emails=["anna@quorbel.de"]
        ),
    )
    berta = persons.add_person(a, "Berta Zyxwend")
    org = Organisation.objects.get(network=a.network, name="Quorbel GmbH")
    relationships.relate(a, anna, berta, "colleague")
    event = journal.add_event(a, "Quorbel Messe", attendees=[str(anna.pk)])
    project = journal.add_project(a, "Quorbel Umbau", participants=[str(anna.pk)])
    interaction = journal.log_interaction(
        a,
        "Zyxwend Gespräch über Zollrecht",
        participants=[anna],
        promises=["Angebot schicken by 2030-01-01"],
    )
    promise = Promise.objects.get(interaction=interaction)
    favour = give.add_favour(a, giver=anna, receiver="me", kind="tip", note="Zyxwend-Tipp")
    recommendation = give.add_recommendation(
        a, recommender=anna, recipient=berta, beneficiary="me", context="Zyxwend"
    )
    give.add_channel_cost(a, organisation=org, amount="240 EUR", note="Zyxwend-Beitrag")
    return {
        "anna": anna,
        "berta": berta,
        "org": org,
        "event": event,
        "project": project,
        "interaction": interaction,
        "promise": promise,
        "favour": favour,
        "recommendation": recommendation,
    }


def counts() -> dict[str, int]:
    models = [Person, Organisation, Affiliation, Relationship, Event, Project, Interaction, Promise]
    models += [Favour, Recommendation, ChannelCost]
    return {model.__name__: model.objects.count() for model in models}


def attempts(bob: Any, x: dict[str, Any]) -> list[tuple[str, Callable[[Any], Any]]]:
    """(name, call) for every function, taking Alice's object as given (id or object)."""
    return [
        ("person_detail", lambda p: person_page.person_detail(bob, p(x["anna"]))),
        (
            "edit_person",
            lambda p: persons.edit_person(bob, p(x["anna"]), persons.PersonFields(note="mine")),
        ),
        ("archive_person", lambda p: persons.archive_person(bob, p(x["anna"]))),
        ("delete_person", lambda p: persons.delete_person(bob, p(x["anna"]))),
        ("relate", lambda p: relationships.relate(bob, "me", p(x["anna"]), "friend")),
        ("unrelate", lambda p: relationships.unrelate(bob, p(x["anna"]), p(x["berta"]))),
        (
            "add_important_date",
            lambda p: important_dates.add_important_date(bob, p(x["anna"]), "birthday", "--03-14"),
        ),
        (
            "add_affiliation to her person",
            lambda p: affiliations.add_affiliation(bob, p(x["anna"]), "Bobs Firma", "job"),
        ),
        ("organisation_detail", lambda p: organisation_page.organisation_detail(bob, p(x["org"]))),
        (
            "log_interaction",
            lambda p: journal.log_interaction(bob, "hello", participants=[p(x["anna"])]),
        ),
        ("complete_promise", lambda p: journal.complete_promise(bob, x["promise"].pk)),
        ("event_detail", lambda p: journal.event_detail(bob, p(x["event"]))),
        ("mark_met", lambda p: journal.mark_met(bob, p(x["event"]), ["me"])),
        ("project_detail", lambda p: journal.project_detail(bob, p(x["project"]))),
        (
            "add_favour",
            lambda p: give.add_favour(bob, giver=p(x["anna"]), receiver="me", kind="tip"),
        ),
        ("get_favour", lambda p: give.get_favour(bob, x["favour"].pk)),
        ("edit_favour", lambda p: give.edit_favour(bob, x["favour"].pk, note="mine")),
        ("thank_favour", lambda p: give.thank_favour(bob, x["favour"].pk)),
        ("delete_favour", lambda p: give.delete_favour(bob, x["favour"].pk)),
        (
            "add_recommendation",
            lambda p: give.add_recommendation(
                bob, recommender="me", recipient=p(x["anna"]), beneficiary=p(x["berta"])
            ),
        ),
        ("get_recommendation", lambda p: give.get_recommendation(bob, x["recommendation"].pk)),
        ("thank_recommendation", lambda p: give.thank_recommendation(bob, x["recommendation"].pk)),
        (
            "delete_recommendation",
            lambda p: give.delete_recommendation(bob, x["recommendation"].pk),
        ),
        ("add_channel_cost", lambda p: give.add_channel_cost(bob, event=p(x["event"]), hours="1")),
        ("list_favours of hers", lambda p: give.list_favours(bob, person=p(x["anna"]))),
    ]


@pytest.mark.parametrize("form", ["object", "id"])
def test_bob_cannot_touch_anything_of_alices(
    world: World, alices: dict[str, Any], form: str
) -> None:
    given: Callable[[Any], Any] = (
        (lambda obj: obj) if form == "object" else (lambda obj: str(obj.pk))
    )
    before = counts()
    for name, call in attempts(world.bob, alices):
        with pytest.raises(KnotenError) as caught:
            call(given)
        assert isinstance(caught.value, NotFound), f"{name}: {caught.value!r}"
    assert counts() == before
    alices["anna"].refresh_from_db()
    assert alices["anna"].notes == ""
    assert not alices["anna"].archived


def test_bobs_lists_and_search_show_nothing_of_alices(world: World, alices: dict[str, Any]) -> None:
    bob = world.bob
    assert [p.pk for p in person_list.list_people(bob)] == [bob.me.pk]
    assert organisations.list_organisations(bob) == []
    assert journal.list_events(bob) == []
    assert journal.list_projects(bob) == []
    assert journal.list_promises(bob, open_only=False) == []
    assert search(bob, "Zyxwend") == []
    assert search(bob, "Quorbel") == []
    assert search(bob, "Zollrecht") == []
    assert give.list_favours(bob) == [] and give.list_recommendations(bob) == []
    assert give.list_channel_costs(bob) == []
    assert overall_balance(bob).contacts == []
    # …while Alice finds her own.
    assert {hit.person_id for hit in search(world.alice, "Zyxwend") if hit.person_id} >= {
        alices["anna"].pk,
        alices["berta"].pk,
    }
    assert [f.pk for f in give.list_favours(world.alice)] == [alices["favour"].pk]


def test_charlie_by_name_finds_nothing_of_alices(world: World, alices: dict[str, Any]) -> None:
    with pytest.raises(NotFound):
        person_page.person_detail(world.charlie, "Anna Zyxwend")
    with pytest.raises(NotFound):
        journal.event_detail(world.charlie, "Quorbel Messe")
    with pytest.raises(NotFound):
        journal.project_detail(world.charlie, "Quorbel Umbau")
