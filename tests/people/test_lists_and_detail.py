"""Listing persons in German order, finding them by name, and everything a detail shows."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.journal.models import (
    Attendance,
    Event,
    Interaction,
    Participation,
    Project,
    ProjectRole,
    Promise,
)
from knoten.people import affiliations, important_dates, person_list, persons, relationships
from knoten.people.models import Person
from knoten.people.persons import PersonFields
from knoten.profiles import person as person_page


def names(found: list[Person]) -> list[str]:
    return [p.full_name for p in found]


def test_persons_sort_as_a_german_reader_expects(alice: Member) -> None:
    typed = [
        "Emil Strausz",
        "Jürgen Strauß",
        "Thomas Stratmann",
        "Peter Pahl",
        "Ömer Özdemir",
        "Otto Ostermann",
        "Lisa Mutter",
        "Hans Müller",
        "Gustav Mahler",
        "Anna Meierhof",
        "Zora Meier",
        "Ursula von der Leyen",
        "Ute van Dyke",
        "Prof. Dr. Zacharias Adler",
    ]
    for name in typed:
        persons.add_person(alice, name)
    listed = [n for n in names(person_list.list_people(alice)) if n != "Alice Adler"]
    assert listed == [
        "Prof. Dr. Zacharias Adler",
        "Ute van Dyke",
        "Ursula von der Leyen",
        "Gustav Mahler",
        "Zora Meier",
        "Anna Meierhof",
        "Hans Müller",
        "Lisa Mutter",
        "Otto Ostermann",
        "Ömer Özdemir",
        "Peter Pahl",
        "Thomas Stratmann",
        "Jürgen Strauß",
        "Emil Strausz",
    ]


def test_same_family_names_sort_by_given_name_then_by_id(alice: Member) -> None:
    bernd = persons.add_person(alice, "Bernd Schmidt")
    armin = persons.add_person(alice, "Ärmin Schmidt")
    earlier = persons.add_person(alice, "Anna Schmidt")
    later = persons.add_person(alice, "Anna Schmidt")
    listed = [p.pk for p in person_list.list_people(alice) if p.family_name == "Schmidt"]
    assert listed == [earlier.pk, later.pk, armin.pk, bernd.pk]


def test_limit_and_offset_page_through_the_list(alice: Member) -> None:
    for name in ("Anna Adam", "Berta Bach", "Carl Cohn", "Dora Dahl"):
        persons.add_person(alice, name)
    everyone = names(person_list.list_people(alice))
    assert names(person_list.list_people(alice, limit=2)) == everyone[:2]
    assert names(person_list.list_people(alice, limit=2, offset=2)) == everyone[2:4]
    assert names(person_list.list_people(alice, offset=4)) == everyone[4:]
    with pytest.raises(InvalidInput, match=r"^limit: -1 is negative"):
        person_list.list_people(alice, limit=-1)


def test_lists_filter_by_circle_organisation_and_tag(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Adam", PersonFields(circles=["Kollegen"], org="Siemens"))
    berta = persons.add_person(alice, "Berta Bach", PersonFields(tags=["Investorin"], org="Bosch"))
    persons.add_person(alice, "Carl Cohn")
    affiliations.add_affiliation(alice, berta, "Siemens", "job", start="2010", end="2015")
    assert names(person_list.list_people(alice, circle="colleagues")) == [anna.full_name]
    assert names(person_list.list_people(alice, circle="kollegen")) == [anna.full_name]
    assert names(person_list.list_people(alice, org="Siemens")) == [anna.full_name]
    assert names(person_list.list_people(alice, tag="investorin")) == [berta.full_name]
    with pytest.raises(NotFound, match="no circle matches 'Segler'"):
        person_list.list_people(alice, circle="Segler")
    with pytest.raises(NotFound, match="no tag matches 'nix'"):
        person_list.list_people(alice, tag="nix")
    with pytest.raises(NotFound, match="no org matches 'Nokia'"):
        person_list.list_people(alice, org="Nokia")


@pytest.mark.parametrize("typed", ["Mueller", "Muller", "müller", "MÜLLER", "Jurgen", "Juergen Mu"])
def test_names_are_found_umlaut_insensitively(alice: Member, typed: str) -> None:
    jurgen = persons.add_person(alice, "Jürgen Müller")
    persons.add_person(alice, "Anna Miller")
    assert person_page.person_detail(alice, typed)["id"] == jurgen.pk


def test_a_list_costs_the_same_queries_for_one_row_and_for_many(alice: Member) -> None:
    persons.add_person(
        alice, "Anna Adam", PersonFields(org="Siemens", emails=["a@x.de"], circles=["Kollegen"])
    )
    with CaptureQueriesContext(connection) as one:
        [person_list.person_row(p, alice) for p in person_list.list_people(alice)]
    for index in range(20):
        persons.add_person(
            alice,
            f"Person{index} Test",
            PersonFields(
                org=f"Firma {index}", title="CTO", phones=["0170 1234567"], circles=["Freunde"]
            ),
        )
    with CaptureQueriesContext(connection) as many:
        rows = [person_list.person_row(p, alice) for p in person_list.list_people(alice)]
    assert len(rows) == 22
    assert len(many.captured_queries) == len(one.captured_queries) <= 5
    row = next(r for r in rows if r["name"] == "Anna Adam")
    assert row["job"]["organisation"]["name"] == "Siemens"
    assert (row["email"], row["circles"]) == ("a@x.de", ["colleagues"])
    assert next(r for r in rows if r["me"])["name"] == "Alice Adler"


# --- the detail ---------------------------------------------------------------------------


@pytest.fixture
def anna(alice: Member) -> Person:
    """Anna with something of everything around her."""
    network = alice.network
    persons.add_person(alice, "Ben Weber")
    persons.add_person(alice, "Carla Klein")
    event = Event.objects.create(network=network, name="DMEXCO", starts_on=dt.date(2019, 9, 11))
    anna = persons.add_person(
        alice,
        "Dr. Anna Schmidt",
        PersonFields(
            org="Siemens AG",
            title="CFO",
            emails=["anna@siemens.com"],
            birthday="14.03.",
            met_on="2019-09-11",
            met_at="DMEXCO",
            met_via="Ben",
            how_met="Am Stand",
            circles=["Kollegen"],
            tags=["Investorin"],
            skills=["Zollrecht"],
        ),
    )
    affiliations.add_affiliation(
        alice, anna, "TU München", "education", title="M.Sc.", start="2005", end="2010"
    )
    affiliations.add_affiliation(
        alice, anna, "Bosch", "job", title="Analystin", start="2010", end="2015-06"
    )
    relationships.relate(alice, anna, "Ben", "boss", trust=4, since="2019")
    relationships.relate(alice, "Carla", anna, "Schwester")
    relationships.relate(alice, anna, "me", "business-partner")
    important_dates.add_important_date(alice, anna, "Hochzeit", "2021-06-05")
    Attendance.objects.create(network=network, event=event, person=anna, status="met")
    project = Project.objects.create(network=network, name="Zollprojekt")
    ProjectRole.objects.create(network=network, project=project, person=anna, role="Sponsorin")
    return anna


def talk(
    alice: Member,
    on: dt.date,
    summary: str,
    who: list[Person],
    *,
    author: Member | None = None,
    private: bool = False,
) -> Interaction:
    interaction = Interaction.objects.create(
        network=alice.network,
        occurred_on=on,
        summary=summary,
        author=author or alice,
        private=private,
    )
    for person in who:
        Participation.objects.create(network=alice.network, interaction=interaction, person=person)
    return interaction


def test_the_detail_shows_everything_known(alice: Member, anna: Person) -> None:
    me = alice.me
    ben = Person.objects.get(family_name="Weber")
    first = talk(alice, dt.date(2024, 1, 10), "Erstes Gespräch", [anna, ben])
    talk(alice, dt.date(2024, 3, 1), "Zweites Gespräch", [anna])
    Promise.objects.create(
        network=alice.network,
        debtor=anna,
        creditor=me,
        text="Angebot",
        due_on=dt.date(2024, 4, 1),
        interaction=first,
    )
    Promise.objects.create(
        network=alice.network, debtor=me, creditor=anna, text="Kontakt", done_on=dt.date(2024, 2, 1)
    )

    data = person_page.person_detail(alice, "Anna")
    json.dumps(data)  # JSON-able as it is
    assert (data["name"], data["academic_title"], data["given_name"]) == (
        "Dr. Anna Schmidt",
        "Dr.",
        "Anna",
    )
    assert data["birthday"] == "--03-14"
    assert [c["value"] for c in data["contact_points"]] == ["anna@siemens.com"]
    assert [(a["kind"], a["organisation"]["name"], a["current"]) for a in data["affiliations"]] == [
        ("job", "Siemens AG", True),
        ("job", "Bosch", False),
        ("education", "TU München", False),
    ]
    relations = {
        (r["label"], r["person"]["name"], r["trust"], r["since"]) for r in data["relationships"]
    }
    assert relations == {
        ("boss of", "Ben Weber", 4, "2019"),
        ("business partner of", "Alice Adler", None, None),
    }
    assert [(r["label"], r["person"]["name"]) for r in data["family"]] == [
        ("sibling of", "Carla Klein")
    ]
    assert (data["circles"], data["tags"], data["skills"]) == (
        ["colleagues"],
        ["Investorin"],
        ["Zollrecht"],
    )
    assert [(d["kind"], d["date"]) for d in data["important_dates"]] == [
        ("birthday", "--03-14"),
        ("wedding", "2021-06-05"),
    ]
    assert data["how_we_met"] == {
        "date": "2019-09-11",
        "event": {"id": anna.met_at_event_id, "name": "DMEXCO"},
        "organisation": None,
        "introduced_by": {"id": ben.pk, "name": "Ben Weber"},
        "text": "Am Stand",
    }
    assert [(p["text"], p["owed_by_this_person"]) for p in data["open_promises"]] == [
        ("Angebot", True)
    ]
    assert [(p["name"], p["role"]) for p in data["projects"]] == [("Zollprojekt", "Sponsorin")]
    assert [(e["name"], e["status"]) for e in data["events"]] == [("DMEXCO", "met")]
    conversations = data["interactions"]
    assert conversations["total"] == 2
    assert [i["summary"] for i in conversations["items"]] == ["Zweites Gespräch", "Erstes Gespräch"]
    assert conversations["items"][1]["with"] == [{"id": ben.pk, "name": "Ben Weber"}]


def test_the_other_side_reads_the_reverse_label(alice: Member, anna: Person) -> None:
    ben = person_page.person_detail(alice, "Ben")
    assert [(r["label"], r["person"]["name"]) for r in ben["relationships"]] == [
        ("report of", "Dr. Anna Schmidt")
    ]
    assert [p["name"] for p in ben["introduced"]] == ["Dr. Anna Schmidt"]


def test_private_minutes_of_another_member_stay_hidden(
    alice: Member, anna: Person, django_user_model: type
) -> None:
    from knoten.core.models import Member as MemberModel

    colleague = MemberModel.objects.create(
        network=alice.network,
        user=django_user_model.objects.create(username="dora"),
        person=persons.add_person(alice, "Dora Dreher"),
        role="editor",
    )
    secret = talk(alice, dt.date(2024, 5, 1), "Dora privat", [anna], author=colleague, private=True)
    Promise.objects.create(
        network=alice.network, debtor=anna, creditor=colleague.me, text="Geheim", interaction=secret
    )
    talk(alice, dt.date(2024, 5, 2), "Alice privat", [anna], private=True)
    seen = person_page.person_detail(alice, anna)
    assert [i["summary"] for i in seen["interactions"]["items"]] == ["Alice privat"]
    assert seen["open_promises"] == []
    seen_by_dora = person_page.person_detail(colleague, anna)
    assert [i["summary"] for i in seen_by_dora["interactions"]["items"]] == ["Dora privat"]
    assert [p["text"] for p in seen_by_dora["open_promises"]] == ["Geheim"]


def test_the_detail_caps_conversations_and_gives_the_total(alice: Member, anna: Person) -> None:
    for day in range(1, 31):
        talk(alice, dt.date(2024, 1, day), f"Tag {day}", [anna])
    conversations = person_page.person_detail(alice, anna)["interactions"]
    assert conversations["total"] == 30
    assert conversations["shown"] == person_page.RECENT_INTERACTIONS == len(conversations["items"])
    assert conversations["items"][0]["summary"] == "Tag 30"


def test_the_detail_costs_a_fixed_number_of_queries(alice: Member, anna: Person) -> None:
    talk(alice, dt.date(2022, 1, 1), "Das erste", [anna])
    with CaptureQueriesContext(connection) as few:
        person_page.person_detail(alice, anna.pk)
    others = [persons.add_person(alice, f"Kontakt{i} Test") for i in range(10)]
    for index, other in enumerate(others):
        relationships.relate(alice, anna, other, "friend" if index % 2 else "mentee")
        affiliations.add_affiliation(alice, anna, f"Verein {index}", "membership")
        talk(alice, dt.date(2023, 1, index + 1), f"Gespräch {index}", [anna, other])
        Promise.objects.create(network=alice.network, debtor=other, creditor=anna, text=f"P{index}")
    with CaptureQueriesContext(connection) as many:
        person_page.person_detail(alice, anna.pk)
    assert len(many.captured_queries) == len(few.captured_queries) <= 22


def test_on_postgresql_the_sort_key_is_compared_byte_by_byte(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite compares text byte by byte already")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns"
            " WHERE table_name = 'people_person' AND column_name = 'sort_name'"
        )
        assert cursor.fetchone() == ("C",)
