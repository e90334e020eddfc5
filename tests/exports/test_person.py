"""Per person: everything stored about them (Art. 15, 20), and forgetting them (Art. 17)."""

from __future__ import annotations

import json

import pytest

from knoten.core.errors import InvalidInput, NotFound
from knoten.exports import services
from knoten.imports.models import ImportOrigin
from knoten.journal.models import Attendance, Interaction, Participation, ProjectRole, Promise
from knoten.people.models import ContactPoint, ImportantDate, ImportedProperty, Person, Relationship
from knoten.reciprocity.models import ChannelCost, Favour, Recommendation
from knoten.search.models import SearchEntry
from knoten.search.query import search
from tests.conftest import World
from tests.exports.conftest import Rich


def test_person_export_holds_every_fact_about_them(rich: Rich) -> None:
    data = services.person_export(rich.alice, rich.xaver.pk)
    json.dumps(data)  # JSON as it is
    assert data["format"] == "knoten-person-export"
    assert data["person"]["given_name"] == "Xaver" and data["person"]["nickname"] == "Xavi"
    assert data["person"]["circles"] == ["clients"]
    facts = data["facts"]
    values = {row["value"] for row in facts["people.contactpoint.person"]}
    assert values == {"xaver@quendolin.example", "+49891234567"}
    assert facts["people.importantdate.person"][0]["date"] == "--11-02"
    assert facts["people.relationship.from_person"][0]["to_person"]["name"] == "Anna Schmidt"
    assert facts["journal.attendance.person"][0]["event"]["name"] == "Hannover Messe 2024"
    assert facts["journal.projectrole.person"][0]["role"] == "Partner"
    assert facts["people.importedproperty.person"][0]["value"] == "Golf"
    assert facts["imports.importorigin.person"][0]["key"] == "a" * 64
    promises = facts["journal.promise.creditor"]
    assert [p["text"] for p in promises] == ["Xaver Quendolin an Anna empfehlen"]
    assert promises[0]["debtor"]["name"] == "Alice Adler"
    summaries = {row["summary"] for row in data["interactions"]}
    # Alice's own private call is hers to see; Dora's private note is not.
    assert any(s.startswith("Telefonat mit Xavi") for s in summaries)
    assert any(s.startswith("Lunch") for s in summaries)
    assert not any(s.startswith("Doras") for s in summaries)
    lunch = next(row for row in data["interactions"] if row["summary"].startswith("Lunch"))
    assert {p["name"] for p in lunch["participants"]} == {"Anna Schmidt", "Xaver Quendolin"}


def test_person_export_holds_their_favours_and_recommendations(rich: Rich) -> None:
    data = services.person_export(rich.alice, rich.xaver.pk)
    facts = data["facts"]
    received = facts["reciprocity.favour.receiver"]
    assert [(f["kind"], f["giver"]["name"]) for f in received] == [("introduction", "Alice Adler")]
    # The gift noted in Dora's private minutes is not Alice's to see.
    assert "reciprocity.favour.giver" not in facts
    assert "Doras" not in json.dumps(data, ensure_ascii=False)
    (told,) = facts["reciprocity.recommendation.beneficiary"]
    assert told["recommender"]["name"] == "Alice Adler"
    assert told["recipient"]["name"] == "Anna Schmidt"
    assert told["won_value"] == "3000.00" and told["won_currency"] == "EUR"
    assert told["beneficiary_thanked_on"] == "2024-03-08"
    # Anna's: the tip she received at the lunch, the recommendation she received, and the
    # lunch among her conversations.
    anna = services.person_export(rich.alice, rich.anna.pk)
    (tip,) = anna["facts"]["reciprocity.favour.receiver"]
    assert tip["note"] == "Steuerberater in Köln: Xaver Quendolin" and tip["effort_minutes"] == 20
    assert tip["interaction"]["id"] in {row["id"] for row in anna["interactions"]}
    assert len(anna["facts"]["reciprocity.recommendation.recipient"]) == 1


def test_forget_plan_says_what_will_change_and_changes_nothing(rich: Rich) -> None:
    before = Person.objects.count(), Interaction.objects.count()
    plan = services.forget_plan(rich.alice, "Xaver")
    assert plan["person"]["name"] == "Xaver Quendolin"
    assert plan["deleted"]["persons"] == 1
    assert plan["deleted"]["contact points"] == 2
    assert plan["deleted"]["relationships"] == 1
    # The private call and Dora's private note had only him in them.
    assert plan["conversations_only_with_them"] == 2
    assert plan["names_replaced"]["journal.interaction.summary"] >= 1
    assert plan["names_replaced"]["journal.project.description"] == 1
    assert "Xaver Quendolin" in plan["name_forms"] and "Xavi" in plan["name_words"]
    # His favours (Dora's private gift among them) and the recommendation of him go;
    # his name goes from the note of Anna's tip and of the VDI's fee.
    assert plan["deleted"]["favours"] == 2
    assert plan["deleted"]["recommendations"] == 1
    assert plan["names_replaced"]["reciprocity.favour.note"] == 1
    assert plan["names_replaced"]["reciprocity.channelcost.note"] == 1
    assert "reciprocity.recommendation.context" not in plan["names_replaced"]
    assert (Person.objects.count(), Interaction.objects.count()) == before


def test_forget_removes_them_everywhere_and_their_name_from_other_texts(rich: Rich) -> None:
    xaver = rich.xaver.pk
    result = services.forget_person(rich.alice, "Xaver Quendolin")

    assert result["vacuumed"] is False  # inside the test's transaction
    assert not Person.objects.filter(pk=xaver).exists()
    for model, field in (
        (ContactPoint, "person_id"),
        (ImportantDate, "person_id"),
        (Attendance, "person_id"),
        (Participation, "person_id"),
        (ProjectRole, "person_id"),
        (ImportedProperty, "person_id"),
        (ImportOrigin, "person_id"),
        (Promise, "creditor_id"),
        (Promise, "debtor_id"),
        (Relationship, "from_person_id"),
        (Relationship, "to_person_id"),
        (Favour, "giver_id"),
        (Favour, "receiver_id"),
        (Recommendation, "recommender_id"),
        (Recommendation, "recipient_id"),
        (Recommendation, "beneficiary_id"),
    ):
        assert not model.objects.filter(**{field: xaver}).exists(), model.__name__
    network = rich.alice.network_id
    # The call with him alone and Dora's private note about him are gone.
    assert not Interaction.objects.filter(summary__contains="Xavi").exists()
    assert not Interaction.objects.filter(summary__startswith="Doras").exists()
    lunch = Interaction.objects.get(network_id=network, summary__startswith="Lunch")
    assert lunch.summary == "Lunch: Anna sucht einen Steuerberater in Köln; [removed] wäre einer."
    from knoten.journal.models import Project

    project = Project.objects.get(network_id=network)
    assert project.description == "Antrag mit Jürgen Müller und [removed]"
    tip = Favour.objects.get(network_id=network, receiver=rich.anna)
    assert tip.note == "Steuerberater in Köln: [removed]"
    fee = ChannelCost.objects.get(network_id=network, organisation__isnull=False)
    assert fee.note == "Beitrag; Ausschuss mit [removed]"
    # What did not involve him stays: Jürgen's lead, his recommendation of Alice.
    assert Favour.objects.filter(network_id=network).count() == 2
    assert list(
        Recommendation.objects.filter(network_id=network).values_list("context", flat=True)
    ) == ["Vortrag beim VDI"]
    # "Herrn Quendolins" is another word; a whole word only is replaced.
    rich.anna.refresh_from_db()
    for entry in SearchEntry.objects.filter(network_id=network):
        assert "quendolin" not in f"{entry.name} {entry.notes} {entry.work}".lower()
    assert not [hit for hit in search(rich.alice, "Quendolin") if hit.kind == "person"]
    # Everyone else is still there.
    assert Person.objects.filter(network_id=network).count() == 5


def test_forget_replaces_umlaut_variants_and_other_cases(world: World) -> None:
    from knoten.people import persons

    alice = world.alice
    juergen = persons.add_person(alice, "Jürgen Müller")
    other = persons.add_person(
        alice,
        "Petra Paulsen",
        persons.PersonFields(
            note="Kennt JUERGEN MUELLER und Jurgen Muller; Herr Müller-Lüdenscheidt bleibt.",
            how_met="Über Herrn Müller, auf der CeBIT",
        ),
    )
    services.forget_person(alice, juergen)
    other.refresh_from_db()
    assert other.notes == "Kennt [removed] und [removed]; Herr Müller-Lüdenscheidt bleibt."
    assert other.how_we_met == "Über [removed], auf der CeBIT"


def test_me_and_other_networks_people_cannot_be_forgotten(rich: Rich, world: World) -> None:
    with pytest.raises(InvalidInput, match="own person"):
        services.forget_person(rich.alice, "me")
    with pytest.raises(InvalidInput, match="own person"):
        services.forget_plan(rich.alice, rich.dora.person_id)
    bob_person = world.bob.me
    with pytest.raises(NotFound):
        services.forget_person(rich.alice, bob_person.pk)
    with pytest.raises(NotFound):
        services.person_export(rich.alice, bob_person.pk)
    assert Person.objects.filter(pk=bob_person.pk).exists()


def test_a_persons_photo_is_in_their_export_and_gone_when_they_are_forgotten(
    rich: Rich,
) -> None:
    import base64

    from knoten.people.models import PersonPhoto
    from tests.exports.conftest import XAVERS_PHOTO

    data = services.person_export(rich.alice, rich.xaver.pk)
    (photo,) = data["facts"]["people.personphoto.person"]
    assert photo["content_type"] == "image/png"
    assert base64.b64decode(photo["data"]) == XAVERS_PHOTO
    json.dumps(data)

    plan = services.forget_plan(rich.alice, rich.xaver.pk)
    assert PersonPhoto.objects.filter(person=rich.xaver).exists()  # a plan changes nothing
    services.forget_person(rich.alice, rich.xaver.pk)
    assert not PersonPhoto.objects.filter(network_id=rich.alice.network_id).exists()
    assert plan["deleted"]["photos"] == 1
