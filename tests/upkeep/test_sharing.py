"""Sharing know-how: the right people proposed with their evidence, and recorded as given."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from knoten.core import clock
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.journal.projects import add_project
from knoten.people.models import Person
from knoten.people.organisations import add_organisation
from knoten.people.persons import PersonFields, add_person, archive_person
from knoten.reciprocity.balance import person_balance
from knoten.reciprocity.models import Favour
from knoten.upkeep.sharing import interested_in, share_know_how, stem
from tests.conftest import World

DAY = dt.date(2026, 3, 12)


@pytest.fixture
def solar(world: World) -> World:
    """Alice's network: Jürgen Müller knows Photovoltaik, Petra works on a solar park,
    Olaf at a solar company, Clara talked about it; Arne (archived) knows it too; Bob's
    network has its own photovoltaics expert."""
    alice = world.alice
    clock.pin(DAY)
    add_person(alice, "Jürgen Müller", PersonFields(skills=["Photovoltaik"], emails=["jm@x.de"]))
    petra = add_person(alice, "Petra Paulsen")
    add_project(
        alice,
        "Solarpark Emden",
        description="Photovoltaik auf 40 Hektar",
        participants=["Petra Paulsen=lead"],
    )
    add_organisation(alice, "Sonnenkraft GmbH", industry="Photovoltaik")
    add_person(alice, "Olaf Ohm", PersonFields(org="Sonnenkraft GmbH", title="Vertrieb"))
    clara = add_person(alice, "Clara Cordes")
    log_interaction(alice, "Über Photovoltaikanlagen gesprochen", participants=[clara], on=DAY)
    arne = add_person(alice, "Arne Alt", PersonFields(skills=["Photovoltaik"]))
    archive_person(alice, arne)
    add_person(world.bob, "Bodo Bauer", PersonFields(skills=["Photovoltaik"]))
    assert petra.pk
    return world


def names(member: Member, topic: str) -> list[str]:
    return [row.name for row in interested_in(member, topic=topic)]


def test_the_people_it_would_interest_with_their_evidence(solar: World) -> None:
    found = {row.name: row for row in interested_in(solar.alice, topic="Photovoltaik")}
    assert set(found) == {"Jürgen Müller", "Petra Paulsen", "Olaf Ohm", "Clara Cordes"}
    assert found["Jürgen Müller"].evidence == ["skill: Photovoltaik"]
    assert found["Jürgen Müller"].email == "jm@x.de"
    assert found["Petra Paulsen"].evidence == ["project 'Solarpark Emden' (lead)"]
    assert found["Olaf Ohm"].evidence == ["at Sonnenkraft GmbH (industry: Photovoltaik)"]
    assert found["Clara Cordes"].evidence == ["conversation 12 March 2026"]
    # A skill counts most, an industry least.
    assert names(solar.alice, "Photovoltaik")[0] == "Jürgen Müller"
    assert names(solar.alice, "Photovoltaik")[-1] == "Olaf Ohm"
    # Never archived persons, never another network's, never me.
    assert names(solar.bob, "Photovoltaik") == ["Bodo Bauer"]
    assert "Alice Adler" not in names(solar.alice, "Photovoltaik")


def test_umlauts_and_stems_match(solar: World) -> None:
    add_person(solar.alice, "Maria Muster", PersonFields(skills=["Müller-Verfahren"]))
    assert names(solar.alice, "Muller") == ["Maria Muster"]
    assert names(solar.alice, "Mueller") == ["Maria Muster"]
    assert "Jürgen Müller" in names(solar.alice, "photovoltaik")
    # An inflected word finds its stem: "Photovoltaikanlage" in the minutes.
    assert names(solar.alice, "Photovoltaikanlage") == ["Clara Cordes"]
    assert stem("solaranlagen") == "solaranlag"
    assert stem("solar") == "solar"


def test_private_conversations_are_evidence_for_their_author_only(world: World) -> None:
    alice = world.alice
    dora = add_person(alice, "Dora Dietz")
    user = get_user_model().objects.create(username="erika")
    me = Person.objects.create(network_id=alice.network_id, given_name="Erika", family_name="Engel")
    second = Member.objects.create(network_id=alice.network_id, user=user, person=me)
    log_interaction(second, "Geheim: Wasserstoff", participants=[dora], private=True)
    assert names(second, "Wasserstoff") == ["Dora Dietz"]
    assert names(alice, "Wasserstoff") == []


def test_sharing_records_know_how_given_and_changes_the_balance(solar: World) -> None:
    alice = solar.alice
    juergen = interested_in(alice, topic="Photovoltaik")[0]
    assert person_balance(alice, Person.objects.get(pk=juergen.person_id)).given.total == 0
    shared = share_know_how(
        alice,
        people=["Jürgen Müller", "Petra"],
        note="Neue Studie zu Agri-PV",
        link="https://example.org/agri-pv",
    )
    assert [p.name for p in shared.people] == ["Jürgen Müller", "Petra Paulsen"]
    favour = Favour.objects.get(pk=shared.people[0].favour_id)
    assert (favour.kind, favour.giver_id, favour.receiver_id) == (
        "know_how",
        alice.me.pk,
        juergen.person_id,
    )
    assert favour.note == "Neue Studie zu Agri-PV\nhttps://example.org/agri-pv"
    balance = person_balance(alice, favour.receiver)
    assert (balance.given.total, balance.received.total) == (1, 0)
    # The same link to the same person on the same day: refused, nothing written.
    with pytest.raises(InvalidInput, match="already shared with Jürgen Müller"):
        share_know_how(
            alice, people=["Olaf", "Jürgen"], note="again", link="https://example.org/agri-pv"
        )
    assert Favour.objects.filter(network_id=alice.network_id).count() == 2
    clock.pin(DAY + dt.timedelta(days=1))
    share_know_how(alice, people=["Jürgen"], note="again", link="https://example.org/agri-pv")
    assert person_balance(alice, favour.receiver).given.total == 2


@pytest.mark.parametrize(
    "link", ["ftp://example.org/x", "example.org", "javascript:alert(1)", "https://", "a b"]
)
def test_bad_links_are_refused_and_nothing_is_written(solar: World, link: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        share_know_how(solar.alice, people=["Jürgen"], note="Tipp", link=link)
    assert refused.value.field == "link"
    assert not Favour.objects.exists()


def test_no_people_an_empty_note_or_me_are_refused(solar: World) -> None:
    alice = solar.alice
    for people, note in (([], "Tipp"), (["Jürgen"], "  "), (["me"], "Tipp")):
        with pytest.raises(InvalidInput):
            share_know_how(alice, people=people, note=note)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        interested_in(alice, topic="  ")
    assert not Favour.objects.exists()


def test_people_are_named_umlaut_aware_and_positions_are_evidence(solar: World) -> None:
    alice = solar.alice
    shared = share_know_how(alice, people=["Juergen Muller", "jurgen müller"], note="Tipp")
    assert [p.name for p in shared.people] == ["Jürgen Müller"]  # once, however written
    add_person(alice, "Wiebke Wind", PersonFields(org="Nordwind AG", title="Windkraft-Planerin"))
    (row,) = interested_in(alice, topic="Windkraft")
    assert (row.name, row.evidence) == (
        "Wiebke Wind",
        ["position: Windkraft-Planerin, Nordwind AG"],
    )


def test_many_conversations_are_summed_up(solar: World) -> None:
    alice = solar.alice
    for offset in range(5):
        day = DAY - dt.timedelta(days=offset)
        log_interaction(alice, "Wärmepumpen", participants=["Clara"], on=day)
    (row,) = interested_in(alice, topic="Wärmepumpe")
    assert row.evidence == [
        "conversation 12 March 2026",
        "conversation 11 March 2026",
        "conversation 10 March 2026",
        "2 more conversations",
    ]
