"""One network never sees another's: Bob's import of the same mail touches nothing of
Alice's, though her persons have the very addresses in it."""

from __future__ import annotations

from pathlib import Path

from knoten.journal.models import Interaction
from knoten.mailbox import importing, suggestions
from knoten.mailbox.models import SeenMessage
from knoten.people import persons
from tests.conftest import World
from tests.isolation_helpers import cross_network_references, snapshot
from tests.mailbox.conftest import CALENDAR, Contacts


def test_bobs_import_never_touches_alices_persons(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    importing.import_mail(world.alice, mbox)
    alice_before = snapshot(world.alice.network)

    report = importing.import_mail(world.bob, mbox)
    calendar = importing.import_calendar(world.bob, CALENDAR, "Kalender.ics")

    # Bob knows none of them: no conversation, and none with Alice's persons.
    assert report.created == [] and calendar.created == []
    assert report.already_seen == 0  # Alice's messages seen are hers, not his
    assert snapshot(world.alice.network) == alice_before
    assert not Interaction.objects.filter(network=world.bob.network).exists()
    assert SeenMessage.objects.filter(network=world.bob.network, source="mail").count() == 6
    assert cross_network_references() == []


def test_bobs_own_namesake_gets_his_conversations(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    bobs_anna = persons.add_person(
        world.bob, "Anna Schmidt", persons.PersonFields(emails=["anna@acme.de"])
    )
    importing.import_mail(world.alice, mbox)
    importing.import_mail(world.bob, mbox)
    bobs = Interaction.objects.filter(network=world.bob.network)
    assert {p for i in bobs for p in i.participants.all()} == {bobs_anna}
    assert all(i.author == world.bob for i in bobs)
    alices = Interaction.objects.filter(network=world.alice.network)
    assert bobs_anna not in {p for i in alices for p in i.participants.all()}
    assert cross_network_references() == []


def test_suggestions_are_per_network(world: World, contacts: Contacts, mbox: Path) -> None:
    importing.import_mail(world.alice, mbox)
    assert suggestions.suggested_persons(world.bob, min_messages=1) == []
    assert suggestions.suggested_persons(world.charlie, min_messages=1) == []
    # Bob's own person for Carla does not hide her from Alice's suggestions.
    persons.add_person(world.bob, "Carla Neu", persons.PersonFields(emails=["carla@startup.io"]))
    assert [row.address for row in suggestions.suggested_persons(world.alice)] == [
        "carla@startup.io"
    ]
