"""A JSON export imported into an empty network gives back the same network."""

from __future__ import annotations

import json
from typing import Any

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.exports import services
from knoten.exports.network_json import exported_models
from knoten.journal.models import Interaction, Promise
from knoten.people.models import Circle, ImportantDate, ImportedProperty, Person
from knoten.people.networks import create_network
from knoten.search.query import search
from tests.exports.conftest import Rich


def _renumbered(data: dict[str, Any], member_map: dict[int, Any]) -> dict[str, Any]:
    """The export with every id replaced by the row's place among its kind (the import
    keeps the order), so two exports of the same network compare equal."""
    places: dict[str, dict[int, int]] = {
        label: {row["id"]: n for n, row in enumerate(rows)}
        for label, rows in data["models"].items()
    }
    by_model = {m._meta.label_lower: m for m in exported_models()}
    result: dict[str, Any] = {}
    for label, rows in data["models"].items():
        model = by_model[label]
        keys = {
            f.name: f.related_model._meta.label_lower
            for f in model._meta.concrete_fields
            if f.is_relation and f.name != "network"
        }
        shown = []
        for row in rows:
            new = {}
            for name, value in row.items():
                if name == "id":
                    new[name] = places[label][value]
                elif name in keys and value is not None:
                    target = keys[name]
                    new[name] = (
                        member_map[value] if target == "core.member" else places[target][value]
                    )
                else:
                    new[name] = value
            shown.append(new)
        result[label] = shown
    links = {}
    for key, pairs in data["links"].items():
        label, field = key.rsplit(".", 1)
        target = by_model[label]._meta.get_field(field).related_model._meta.label_lower
        links[key] = sorted([places[label][a], places[target][b]] for a, b in pairs)
    return {"models": result, "links": links, "me": places["people.person"][data["me"]]}


def test_export_then_import_gives_back_the_same_network_field_by_field(rich: Rich) -> None:
    exported = services.export_json(rich.alice)
    # Through text, as a file would carry it.
    exported = json.loads(json.dumps(exported))
    erin = create_network("Erins Netzwerk", username="erin", me_name="Erin Ernst")

    summary = services.import_json(erin, exported)

    again = services.export_json(erin)
    before = _renumbered(exported, {rich.alice.pk: "me", rich.dora.pk: None})
    after = _renumbered(again, {erin.pk: "me"})
    assert summary["total"] > 30
    # Issue 5's records are among them (Dora's private favour is not Alice's to export).
    for label, count in (
        ("reciprocity.favour", 3),
        ("reciprocity.recommendation", 2),
        ("reciprocity.channelcost", 3),
    ):
        assert len(before["models"][label]) == count, label
    for label in before["models"]:
        assert len(after["models"][label]) == len(before["models"][label]), label
        for old, new in zip(before["models"][label], after["models"][label], strict=True):
            for field, value in old.items():
                assert new[field] == value, f"{label}.{field}: {new[field]!r} != {value!r}"
    assert after["links"] == before["links"]
    assert after["me"] == before["me"]


def test_the_import_recreates_the_facts_and_search_finds_them(rich: Rich) -> None:
    erin = create_network("Erins Netzwerk", username="erin", me_name="Erin Ernst")
    services.import_json(erin, json.loads(json.dumps(services.export_json(rich.alice))))

    erin.refresh_from_db()
    assert erin.me.given_name == "Alice" and erin.me.notes.startswith("Das bin ich")
    juergen = Person.objects.get(network=erin.network, family_name="Müller")
    assert juergen.academic_title == "Prof. Dr." and juergen.met_on == PartialDate(2019, 5)
    birthday = ImportantDate.objects.get(person=juergen, kind="birthday")
    assert birthday.date == PartialDate(None, 3, 14)
    anna = Person.objects.get(network=erin.network, family_name="Schmidt")
    assert anna.introduced_by == juergen and anna.met_at_event is not None
    assert anna.met_at_event.network_id == erin.network_id
    assert sorted(c.name for c in juergen.circles.all()) == ["business partners", "clients"]
    # Alice's private minutes came along and stay hers (now Erin's, who imported them).
    private = Interaction.objects.get(network=erin.network, private=True)
    assert private.author_id == erin.pk
    # Dora's private minutes are not Alice's to export.
    assert not Interaction.objects.filter(network=erin.network, summary__startswith="Doras")
    # Promises both ways, one done.
    promises = Promise.objects.filter(network=erin.network)
    assert {p.debtor_id for p in promises} >= {erin.me.pk, anna.pk}
    assert promises.filter(done_on__isnull=False).count() == 1
    # Only the circles the export holds, the seeded ones among them matched, not doubled.
    assert (
        Circle.objects.filter(network=erin.network).count()
        == Circle.objects.filter(network=rich.alice.network).count()
    )
    # The search index was rebuilt: Mueller finds Müller, and the minutes are found.
    assert juergen.pk in {hit.person_id for hit in search(erin, "Mueller")}
    assert any(hit.kind == "interaction" for hit in search(erin, "Steuerberater"))


def test_the_import_gives_back_the_same_give_and_take(rich: Rich) -> None:
    """Favours, recommendations and channel costs come back with their people, their
    conversations, their money and their thanks: the balance and the costs agree."""
    from knoten.reciprocity import services as reciprocity
    from knoten.reciprocity.balance import overall_balance

    erin = create_network("Erins Netzwerk", username="erin", me_name="Erin Ernst")
    services.import_json(erin, json.loads(json.dumps(services.export_json(rich.alice))))

    def named(data: Any) -> Any:
        """The data with each {"id", "name"} reference reduced to its name."""
        if isinstance(data, dict):
            if set(data) >= {"id", "name"} and set(data) <= {"id", "name", "kind"}:
                return {k: v for k, v in data.items() if k != "id"}
            return {k: named(v) for k, v in data.items() if k not in {"id", "interaction"}}
        if isinstance(data, list):
            return [named(item) for item in data]
        return data

    def seen(member: Member) -> Any:
        favours = [reciprocity.favour_as_dict(f) for f in reciprocity.list_favours(member)]
        told = [
            reciprocity.recommendation_as_dict(r, member.person_id)
            for r in reciprocity.list_recommendations(member)
        ]
        costs = [
            reciprocity.channel_cost_as_dict(c) for c in reciprocity.list_channel_costs(member)
        ]
        return named({"favours": favours, "recommendations": told, "costs": costs})

    before, after = seen(rich.alice), seen(erin)
    for rows in (before["favours"], after["favours"]):
        for row in rows:  # *me* is called Alice in both (the import gives Erin her facts)
            assert "Doras" not in row["note"]
    assert after == before
    assert named(overall_balance(erin).as_dict()) == named(overall_balance(rich.alice).as_dict())
    # The lunch's favour and recommendation point at the lunch of Erin's network.
    lunch = Interaction.objects.get(network=erin.network, summary__startswith="Lunch")
    assert {f.interaction_id for f in lunch.favours.all()} == {lunch.pk}
    assert lunch.favours.count() == 1 and lunch.recommendations.count() == 1
    tip = lunch.favours.get()
    assert tip.giver_id == erin.me.pk and tip.author_id == erin.pk


def test_an_export_from_before_imported_properties_moved_still_restores(rich: Rich) -> None:
    """Files written while the model lived in ``imports`` name it so; they still load."""
    data = json.loads(json.dumps(services.export_json(rich.alice)))
    rows = data["models"].pop("people.importedproperty")
    assert rows, "the rich network has imported properties"
    data["models"]["imports.importedproperty"] = rows
    erin = create_network("Erins Netzwerk", username="erin", me_name="Erin Ernst")

    services.import_json(erin, data)

    restored = ImportedProperty.objects.filter(network=erin.network)
    assert sorted(restored.values_list("name", "value")) == sorted(
        (row["name"], row["value"]) for row in rows
    )


def test_import_refuses_a_network_that_is_not_empty(rich: Rich) -> None:
    data = services.export_json(rich.alice)
    bob = rich.alice  # Alice's network is full
    with pytest.raises(InvalidInput, match="is not empty"):
        services.import_json(bob, data)


def test_import_refuses_an_unknown_format_version_and_changes_nothing(rich: Rich) -> None:
    erin = create_network("Erins Netzwerk", username="erin", me_name="Erin Ernst")
    data = services.export_json(rich.alice)
    data["version"] = 99
    with pytest.raises(InvalidInput, match="format version"):
        services.import_json(erin, data)
    data["version"] = 1
    data["models"]["people.person"][2]["met_on"] = "2019-13"
    with pytest.raises(InvalidInput, match=r"people\.person\[2\]\.met_on"):
        services.import_json(erin, data)
    assert Person.objects.filter(network=erin.network).count() == 1
    with pytest.raises(InvalidInput, match="not a Knoten export"):
        services.import_json(erin, {"format": "vcard"})


def test_nothing_of_bobs_is_in_alices_exports(rich: Rich) -> None:
    from knoten.people import persons

    bob = Member.objects.get(user__username="bob")
    persons.add_person(bob, "Bernd Braun", persons.PersonFields(note="Bobs Geheimnis"))
    texts = [
        json.dumps(services.export_json(rich.alice), ensure_ascii=False),
        services.export_vcard(rich.alice),
        services.export_csv(rich.alice),
    ]
    for text in texts:
        for word in ("Bernd Braun", "Bobs Geheimnis", "Bob Becker", "Charlie Cho"):
            assert word not in text
    assert "Xaver Quendolin" in texts[1]


def test_others_private_minutes_and_their_promises_stay_out(rich: Rich) -> None:
    from knoten.journal.models import Interaction, Promise

    secret = Interaction.objects.get(summary__startswith="Doras")
    Promise.objects.create(
        network=rich.alice.network,
        debtor=rich.dora.me,
        creditor=rich.xaver,
        text="Doras geheime Zusage",
        interaction=secret,
    )
    text = json.dumps(services.export_json(rich.alice), ensure_ascii=False)
    assert "Doras" not in text
    doras = json.dumps(services.export_json(rich.dora), ensure_ascii=False)
    assert "Doras geheime Zusage" in doras
    # The favour noted in her private minutes is hers alone too.
    assert "Doras geheimer Gefallen" in doras


def test_a_circle_export_keeps_its_people_me_and_what_links_them(rich: Rich) -> None:
    data = services.export_json(rich.alice, circle="friends")
    names = {row["family_name"] for row in data["models"]["people.person"]}
    assert names == {"Adler", "Schmidt"}  # Alice herself and Anna
    relationships = data["models"]["people.relationship"]
    assert len(relationships) == 1 and relationships[0]["kind"] == "friend"
    summaries = [row["summary"] for row in data["models"]["journal.interaction"]]
    assert [s[:5] for s in summaries] == ["Lunch"]
    # Anna's introducer is not in the circle: the key is cleared, nothing else lost.
    anna = next(r for r in data["models"]["people.person"] if r["family_name"] == "Schmidt")
    assert anna["introduced_by"] is None
    # Give and take between Alice and Anna stays; with anyone outside the circle, not.
    favours = data["models"]["reciprocity.favour"]
    assert [(f["kind"], f["receiver"]) for f in favours] == [("tip", anna["id"])]
    assert data["models"]["reciprocity.recommendation"] == []
    erin = create_network("Erins Netzwerk", username="erin", me_name="Erin Ernst")
    services.import_json(erin, json.loads(json.dumps(data)))
    assert Person.objects.filter(network=erin.network).count() == 2


def test_the_streamed_text_is_the_same_export(rich: Rich) -> None:
    whole = services.export_json(rich.alice, circle="Kunden")
    streamed = json.loads("".join(services.export_json_text(rich.alice, circle="Kunden")))
    whole.pop("exported_at"), streamed.pop("exported_at")
    assert streamed == json.loads(json.dumps(whole))


def test_a_photo_travels_in_base64_and_comes_back_byte_for_byte(rich: Rich) -> None:
    import base64

    from knoten.people.models import PersonPhoto
    from tests.exports.conftest import XAVERS_PHOTO

    exported = json.loads(json.dumps(services.export_json(rich.alice)))
    (row,) = exported["models"]["people.personphoto"]
    assert row["data"] == base64.b64encode(XAVERS_PHOTO).decode()
    erin = create_network("Erins Netzwerk", username="erin", me_name="Erin Ernst")
    services.import_json(erin, exported)
    photo = PersonPhoto.objects.get(network_id=erin.network_id)
    assert photo.person.family_name == "Quendolin"
    assert (photo.content_type, bytes(photo.data)) == ("image/png", XAVERS_PHOTO)
