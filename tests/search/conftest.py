"""A small network for Alice to search in."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from knoten.journal import conversations
from knoten.journal.models import Interaction
from knoten.people import persons
from knoten.people.models import Organisation, Person
from tests.conftest import World


@dataclass
class Directory:
    juergen: Person
    mueller: Person
    jose: Person
    weiss: Person
    anna: Person
    annabell: Person
    bernd: Person
    falk: Person
    quorbel: Organisation
    lunch: Interaction


@pytest.fixture
def directory(world: World) -> Directory:
    alice = world.alice
    juergen = persons.add_person(
        alice,
        "Dr. Jürgen Müller",
        persons.PersonFields(
            org="Quorbel GmbH",
            title="Leiter Einkauf",
            skills=["Steuerrecht", "Zollrecht"],
            note="Spielt gern Schach; will nächstes Jahr nach Lissabon.",
            how_met="Auf der Hannover Messe am Stand von Quorbel",
        ),
    )
    mueller = persons.add_person(alice, "Hans Mueller", persons.PersonFields(tags=["Segler"]))
    jose = persons.add_person(alice, "José García", persons.PersonFields(skills=["Logística"]))
    weiss = persons.add_person(alice, "Sabine Weiß", persons.PersonFields(org="Weißwurst AG"))
    anna = persons.add_person(alice, "Anna Schmidt", persons.PersonFields(circles=["colleagues"]))
    annabell = persons.add_person(alice, "Annabell Weber")
    bernd = persons.add_person(alice, "Bernd Schmidt")
    falk = persons.add_person(alice, "Falk Brenner")
    persons.add_person(
        alice,
        "Olga Petrowa",
        persons.PersonFields(note="Kennt Falk vom Studium, fragt ihn nach der Zertifizierung"),
    )
    lunch = conversations.log_interaction(
        alice,
        "Lunch mit Jürgen: Angebot für die Zertifizierung bis Freitag",
        participants=[juergen, anna],
        on="2024-03-14",
        place="Café Einstein, Berlin",
    )
    quorbel = Organisation.objects.get(network_id=alice.network_id, name="Quorbel GmbH")
    return Directory(juergen, mueller, jose, weiss, anna, annabell, bernd, falk, quorbel, lunch)
