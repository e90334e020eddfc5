"""Adding, editing, archiving and deleting persons through the domain functions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core.clock import today
from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.journal.models import Event
from knoten.people import affiliations, person_list, persons, relationships
from knoten.people.models import Affiliation, Circle, ContactPoint, Organisation, Person
from knoten.people.persons import PersonFields

Rows = Callable[[], dict[str, int]]


def test_a_name_is_all_a_person_needs(alice: Member) -> None:
    person = persons.add_person(alice, "Prof. Dr. Hans-Peter von Müller")
    person.refresh_from_db()
    assert (
        person.academic_title,
        person.given_name,
        person.name_particle,
        person.family_name,
    ) == ("Prof. Dr.", "Hans-Peter", "von", "Müller")
    assert person.network_id == alice.network_id
    assert person.importance == Person.Tier.REGULAR


def test_every_field_is_stored_where_it_belongs(alice: Member) -> None:
    event = Event.objects.create(network=alice.network, name="DMEXCO 2019")
    ben = persons.add_person(alice, "Ben Weber")
    anna = persons.add_person(
        alice,
        "Dr. Anna Schmidt",
        PersonFields(
            org="Siemens AG",
            title="CFO",
            function="Aufsichtsrat",
            emails=["work:Anna@Siemens.com", "anna@privat.de"],
            phones=["mobile:0170 1234567", "030 1234567"],
            websites=["linkedin.com/in/anna"],
            address="Hauptstr. 5, 10115 Berlin",
            circles=["Kollegen", "business partners", "Golfrunde"],
            tags=["Investorin"],
            skills=["Zollrecht", "Export"],
            birthday="14.03.",
            met_on="2019-05",
            met_at="dmexco",
            met_via="Ben",
            how_met="Am Stand von Siemens",
            form_of_address="Sie",
            salutation="Sehr geehrte Frau Dr. Schmidt",
            note="Mag Segeln.",
            importance="wichtig",
        ),
    )
    anna.refresh_from_db()
    assert anna.form_of_address == "sie"
    assert anna.salutation == "Sehr geehrte Frau Dr. Schmidt"
    assert anna.notes == "Mag Segeln."
    assert anna.importance == 2
    assert anna.met_on == PartialDate(2019, 5)
    assert anna.met_at_event == event
    assert anna.introduced_by == ben
    assert anna.how_we_met == "Am Stand von Siemens"
    jobs = {(a.kind, a.title, a.organisation.name, a.end) for a in anna.affiliations.all()}
    assert jobs == {
        ("job", "CFO", "Siemens AG", None),
        ("function", "Aufsichtsrat", "Siemens AG", None),
    }
    points = {(c.kind, c.label, c.value, c.preferred) for c in anna.contact_points.all()}
    assert points == {
        ("email", "work", "anna@siemens.com", True),
        ("email", "", "anna@privat.de", False),
        ("phone", "mobile", "+491701234567", True),
        ("phone", "", "+49301234567", False),
        ("linkedin", "", "https://www.linkedin.com/in/anna", True),
        ("address", "", "Hauptstr. 5, 10115 Berlin", True),
    }
    address = anna.contact_points.get(kind="address")
    assert (address.street, address.postal_code, address.locality) == (
        "Hauptstr. 5",
        "10115",
        "Berlin",
    )
    assert {c.code or c.name for c in anna.circles.all()} == {
        "colleagues",
        "business_partners",
        "Golfrunde",
    }
    assert [t.name for t in anna.tags.all()] == ["Investorin"]
    assert sorted(s.name for s in anna.skills.all()) == ["Export", "Zollrecht"]
    assert [(d.kind, d.date) for d in anna.dates.all()] == [("birthday", PartialDate(None, 3, 14))]


def test_a_seeded_circle_is_found_by_its_german_name_and_an_unknown_one_is_created(
    alice: Member,
) -> None:
    before = Circle.objects.filter(network=alice.network).count()
    person = persons.add_person(
        alice,
        "Eva Roth",
        PersonFields(circles=["Geschäftspartner", "Online-Kontakte", "Segelclub"]),
    )
    assert Circle.objects.filter(network=alice.network).count() == before + 1
    assert sorted(c.name for c in person.circles.all()) == [
        "Segelclub",
        "business partners",
        "online",
    ]


def test_tags_and_skills_are_reused_by_folded_name(alice: Member) -> None:
    first = persons.add_person(alice, "Eva Roth", PersonFields(skills=["Zölle"]))
    second = persons.add_person(alice, "Udo Kern", PersonFields(skills=["Zoelle"]))
    assert first.skills.get() == second.skills.get()


def test_an_organisation_alone_makes_a_job_without_a_title(alice: Member) -> None:
    person = persons.add_person(alice, "Eva Roth", PersonFields(org="Bosch"))
    job = person.affiliations.get()
    assert (job.kind, job.title, job.organisation.name) == ("job", "", "Bosch")


def test_org_and_function_without_title_make_only_the_function(alice: Member) -> None:
    person = persons.add_person(
        alice, "Klaus Weber", PersonFields(org="VDI", function="Vorsitzender")
    )
    assert [(a.kind, a.title) for a in person.affiliations.all()] == [("function", "Vorsitzender")]


def test_the_same_organisation_typed_differently_is_reused(alice: Member) -> None:
    persons.add_person(alice, "Eva Roth", PersonFields(org="Müller GmbH"))
    persons.add_person(alice, "Udo Kern", PersonFields(org="mueller gmbh"))
    assert Organisation.objects.filter(network=alice.network).count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (PersonFields(emails=["anna@"]), "email: 'anna@' is not a valid email address"),
        (PersonFields(phones=["12345"]), "phone: '12345' is not a valid phone number"),
        (PersonFields(birthday="31.02.1980"), "birthday: '31.02.1980' is not a valid date"),
        (PersonFields(met_on="gestern vielleicht"), "met_on: 'gestern vielleicht' is not a date"),
        (PersonFields(websites=["not a site"]), "website: 'not a site' is not a web address"),
        (PersonFields(form_of_address="Ihr"), "form_of_address: 'Ihr' is neither 'du' nor 'Sie'"),
        (PersonFields(importance="7"), "importance: '7' is not 1–4"),
        (PersonFields(title="CEO"), "title: 'CEO' needs an organisation (--org)"),
        (PersonFields(org=" "), "org: ' ' is empty"),
        (PersonFields(met_via="Niemand"), "no met_via person matches 'Niemand'"),
        (PersonFields(met_at="Hannover Messe"), "no met_at event matches 'Hannover Messe'"),
    ],
)
def test_bad_input_names_field_and_value_and_writes_nothing(
    alice: Member, rows: Rows, fields: PersonFields, message: str
) -> None:
    before = rows()
    with pytest.raises((InvalidInput, NotFound)) as caught:
        # Everything else is valid and would be written: org, circles, tags, a phone.
        fields.circles = fields.circles or ["Neuer Kreis"]
        fields.tags = ["neu"]
        fields.emails = fields.emails or ["ok@example.de"]
        fields.org = fields.org if fields.org is not None else (None if fields.title else "Neu AG")
        persons.add_person(alice, "Eva Roth", fields)
    assert message in caught.value.message
    assert rows() == before


def test_an_empty_name_is_refused(alice: Member, rows: Rows) -> None:
    before = rows()
    with pytest.raises(InvalidInput, match=r"^name: '  ' is empty"):
        persons.add_person(alice, "  ", PersonFields(org="Neu AG"))
    assert rows() == before


def test_an_ambiguous_introducer_lists_the_candidates(alice: Member, rows: Rows) -> None:
    persons.add_person(alice, "Anna Schmidt")
    persons.add_person(alice, "Anna Schmitt")
    before = rows()
    with pytest.raises(Ambiguous) as caught:
        persons.add_person(alice, "Eva Roth", PersonFields(met_via="Anna"))
    assert len(caught.value.candidates) == 2
    assert rows() == before


def test_an_ambiguous_event_lists_the_candidates(alice: Member) -> None:
    Event.objects.create(network=alice.network, name="Stammtisch Januar")
    Event.objects.create(network=alice.network, name="Stammtisch Februar")
    with pytest.raises(Ambiguous, match="Stammtisch"):
        persons.add_person(alice, "Eva Roth", PersonFields(met_at="Stammtisch"))


def test_an_event_of_another_network_is_not_found(alice: Member, bob: Member) -> None:
    theirs = Event.objects.create(network=bob.network, name="Bobs Party")
    for ref in (theirs, str(theirs.pk), "Bobs Party"):
        with pytest.raises(NotFound):
            persons.add_person(alice, "Eva Roth", PersonFields(met_at=ref))


# --- edit ---------------------------------------------------------------------------------


def test_edit_changes_only_what_is_given(alice: Member) -> None:
    anna = persons.add_person(
        alice, "Anna Schmidt", PersonFields(emails=["a@x.de"], note="alt", circles=["Freunde"])
    )
    persons.edit_person(alice, "Anna", PersonFields(salutation="Liebe Anna"))
    anna.refresh_from_db()
    assert anna.salutation == "Liebe Anna"
    assert anna.notes == "alt"
    assert [c.value for c in anna.contact_points.all()] == ["a@x.de"]
    assert [c.code for c in anna.circles.all()] == ["friends"]


def test_edit_replaces_repeated_values_and_keeps_the_first_preferred(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Schmidt", PersonFields(emails=["a@x.de", "b@x.de"]))
    persons.edit_person(alice, anna, PersonFields(emails=["b@x.de", "c@x.de"], tags=["neu"]))
    points = [(c.value, c.preferred) for c in anna.contact_points.order_by("value")]
    assert points == [("b@x.de", True), ("c@x.de", False)]
    persons.edit_person(alice, anna, PersonFields(emails=[""], tags=[""]))
    assert not anna.contact_points.exists()
    assert not anna.tags.exists()


def test_edit_with_an_empty_value_clears_a_single_fact(alice: Member) -> None:
    anna = persons.add_person(
        alice, "Anna Schmidt", PersonFields(birthday="14.03.", form_of_address="du", met_on="2019")
    )
    persons.edit_person(alice, anna, PersonFields(birthday="", form_of_address="", met_on=""))
    anna.refresh_from_db()
    assert not anna.dates.exists()
    assert anna.form_of_address == ""
    assert anna.met_on is None


def test_edit_renames_and_resorts(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Schmidt")
    persons.edit_person(alice, anna, PersonFields(), name="Anna Zander")
    anna.refresh_from_db()
    assert anna.family_name == "Zander"
    assert anna.sort_name.startswith("zander")


def test_a_new_employer_ends_the_current_job_this_month(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Schmidt", PersonFields(org="Siemens", title="CFO"))
    persons.edit_person(alice, anna, PersonFields(org="Bosch", title="CEO"))
    jobs = {(a.organisation.name, a.title): a.end for a in anna.affiliations.all()}
    now = today()
    assert jobs == {("Siemens", "CFO"): PartialDate(now.year, now.month), ("Bosch", "CEO"): None}


def test_a_title_alone_renames_the_one_current_job(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Schmidt", PersonFields(org="Siemens", title="CFO"))
    persons.edit_person(alice, anna, PersonFields(title="CEO"))
    assert [(a.title, a.end) for a in anna.affiliations.all()] == [("CEO", None)]


def test_a_title_alone_is_refused_without_exactly_one_current_job(
    alice: Member, rows: Rows
) -> None:
    anna = persons.add_person(alice, "Anna Schmidt")
    before = rows()
    with pytest.raises(
        InvalidInput, match=r"^title: 'CEO' needs an organisation.*has no current job"
    ):
        persons.edit_person(alice, anna, PersonFields(title="CEO"))
    assert rows() == before
    affiliations.add_affiliation(alice, anna, "Siemens", "job")
    affiliations.add_affiliation(alice, anna, "Bosch", "job")
    with pytest.raises(InvalidInput, match="several current jobs"):
        persons.edit_person(alice, anna, PersonFields(title="CEO"))
    assert not Affiliation.objects.filter(title="CEO").exists()


def test_a_bad_edit_changes_nothing(alice: Member, rows: Rows) -> None:
    anna = persons.add_person(alice, "Anna Schmidt", PersonFields(emails=["a@x.de"], note="alt"))
    before = rows()
    with pytest.raises(InvalidInput, match=r"^phone"):
        persons.edit_person(
            alice,
            anna,
            PersonFields(note="neu", emails=["b@x.de"], circles=["Neu"], phones=["0"]),
            name="Anna Zander",
        )
    assert rows() == before
    anna.refresh_from_db()
    assert (anna.notes, anna.family_name) == ("alt", "Schmidt")
    assert [c.value for c in ContactPoint.objects.filter(person=anna)] == ["a@x.de"]


def test_nobody_introduces_themselves(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Schmidt")
    with pytest.raises(InvalidInput, match=r"^met_via: 'Anna'"):
        persons.edit_person(alice, anna, PersonFields(met_via="Anna"))


def test_edit_with_an_empty_name_is_refused(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Schmidt")
    with pytest.raises(InvalidInput, match=r"^name: '' is empty"):
        persons.edit_person(alice, anna, PersonFields(), name="")


# --- archive and delete ------------------------------------------------------------------


def test_an_archived_person_leaves_the_list_and_comes_back(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Schmidt")
    persons.archive_person(alice, "Anna")
    assert anna.pk not in [p.pk for p in person_list.list_people(alice)]
    assert anna.pk in [p.pk for p in person_list.list_people(alice, include_archived=True)]
    persons.archive_person(alice, "Anna", archived=False)
    assert anna.pk in [p.pk for p in person_list.list_people(alice)]


def test_me_cannot_be_archived_or_deleted(alice: Member, rows: Rows) -> None:
    before = rows()
    with pytest.raises(InvalidInput, match="me"):
        persons.archive_person(alice, "me")
    with pytest.raises(InvalidInput, match="cannot be deleted"):
        persons.delete_person(alice, "me")
    assert rows() == before
    alice.me.refresh_from_db()
    assert not alice.me.archived


def test_delete_removes_the_person_and_what_hangs_on_them(alice: Member) -> None:
    anna = persons.add_person(
        alice, "Anna Schmidt", PersonFields(org="Siemens", emails=["a@x.de"], birthday="14.03.")
    )
    ben = persons.add_person(alice, "Ben Weber", PersonFields(met_via=anna))
    relationships.relate(alice, anna, ben, "friend")
    persons.delete_person(alice, anna)
    assert not Person.objects.filter(pk=anna.pk).exists()
    assert not ContactPoint.objects.filter(person_id=anna.pk).exists()
    assert not Affiliation.objects.filter(person_id=anna.pk).exists()
    assert not ben.relationships_in.exists() and not ben.relationships_out.exists()
    ben.refresh_from_db()
    assert ben.introduced_by is None
    assert Organisation.objects.filter(name="Siemens").exists()
