"""A small network of Alice's where who knows about solar power is known by hand.

Alice (me) knows Pia (a friend), Emil (a friend) and Tom (a conversation). Otto is
Tom's friend and Hans was Pia's colleague at Sonnenwerk; Ulla is in the records with no
tie to anyone. Day: 1 June 2026.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal import conversations, projects
from knoten.people import affiliations, organisations, persons, relationships
from knoten.people.models import Person
from tests.conftest import World

TODAY = dt.date(2026, 6, 1)


@dataclass
class Solar:
    pia: Person
    emil: Person
    tom: Person
    otto: Person
    hans: Person
    ulla: Person
    grit: Person
    vera: Person
    archived: Person
    dora: Member


@pytest.fixture
def solar(world: World) -> Iterator[Solar]:
    alice = world.alice
    me = alice.me
    with clock.pinned(TODAY):
        organisations.add_organisation(alice, "Sonnenwerk GmbH", industry="Energie")
        pia = persons.add_person(alice, "Pia Sonne", persons.PersonFields(skills=["Photovoltaik"]))
        affiliations.add_affiliation(
            alice, pia, "Sonnenwerk GmbH", title="Leiterin Photovoltaik", start="2019"
        )
        emil = persons.add_person(alice, "Emil Alt")
        affiliations.add_affiliation(
            alice, emil, "Altwerk AG", title="Projektleiter Photovoltaik", start="2006", end="2010"
        )
        tom = persons.add_person(alice, "Tom Tender")
        conversations.log_interaction(
            alice,
            "Lunch in Emden. Tom knows the photovoltaic tender rules by heart.",
            participants=[tom],
            on="2026-03-12",
        )
        otto = persons.add_person(
            alice, "Otto Zweit", persons.PersonFields(skills=["photovoltaic"])
        )
        hans = persons.add_person(
            alice, "Hans Hinten", persons.PersonFields(skills=["Photovoltaik"])
        )
        affiliations.add_affiliation(alice, hans, "Sonnenwerk GmbH", start="2020", end="2024")
        ulla = persons.add_person(
            alice, "Ulla Unbekannt", persons.PersonFields(note="Schreibt über Photovoltaikanlagen.")
        )
        vera = persons.add_person(
            alice, "Vera Vergabe", persons.PersonFields(skills=["Öffentliche Ausschreibungen"])
        )
        projects.add_project(
            alice,
            "Solarpark Emden",
            status="done",
            starts="2022",
            ends="2023",
            participants=["Vera Vergabe=Ingenieurin"],
        )
        grit = persons.add_person(alice, "Grit Geheim")
        archived = persons.add_person(
            alice, "Arno Archiv", persons.PersonFields(skills=["Photovoltaik"])
        )
        Person.objects.filter(pk=archived.pk).update(archived=True)
        relationships.relate(alice, me, pia, "friend", trust=4)
        relationships.relate(alice, me, emil, "friend", trust=3)
        relationships.relate(alice, me, vera, "acquaintance")
        relationships.relate(alice, tom, otto, "friend", trust=5)
        user = get_user_model().objects.create(username="dora")
        dora_me = Person.objects.create(
            network_id=alice.network_id, given_name="Dora", family_name="Dahl"
        )
        dora = Member.objects.create(network_id=alice.network_id, user=user, person=dora_me)
        conversations.log_interaction(
            dora,
            "Vertraulich: Grit versteht viel von Photovoltaik.",
            participants=[grit],
            on="2026-05-02",
            private=True,
        )
        # Bob's network has a solar expert of its own.
        bobs = persons.add_person(
            world.bob, "Pia Fremd", persons.PersonFields(skills=["Photovoltaik"])
        )
        relationships.relate(world.bob, world.bob.me, bobs, "friend", trust=5)
        yield Solar(pia, emil, tom, otto, hans, ulla, grit, vera, archived, dora)
