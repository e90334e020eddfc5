"""An import run: records in, persons out — whole or not at all, nothing twice."""

from __future__ import annotations

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.dedupe.models import DuplicatePair
from knoten.imports.models import ImportOrigin, ImportRun
from knoten.imports.reports import ImportRefused, ImportReport
from knoten.imports.runs import import_records
from knoten.people.models import Affiliation, ContactPoint, ImportantDate, ImportedProperty, Person
from knoten.people.persons import PersonFields, add_person
from knoten.people.records import (
    ContactRecord,
    ReadResult,
    RecordContact,
    RecordDate,
    RecordError,
)
from tests.conftest import World


def anna(line: int = 1, **changes: object) -> ContactRecord:
    record = ContactRecord(
        source="contacts.vcf",
        line=line,
        given_name="Anna",
        family_name="Schmidt",
        academic_title="Dr.",
        contacts=[
            RecordContact("email", "Anna.Schmidt@Example.COM", "work", preferred=True),
            RecordContact("phone", "+49 170 1234567", "mobile"),
            RecordContact(
                "address",
                "",
                "work",
                street="Hauptstr. 5",
                postal_code="10115",
                locality="Berlin",
                country="Germany",
            ),
        ],
        organisation="Müller Maschinenbau",
        title="CFO",
        dates=[RecordDate("birthday", PartialDate(None, 7, 29))],
        groups=["Kunden"],
        note="Met at the Hannover Messe.",
        extra=[("X-MS-OL-DESIGN", "<card/>")],
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def run(
    member: Member,
    *records: ContactRecord,
    errors: list[RecordError] | None = None,
    **options: object,
) -> ImportReport:
    return import_records(
        member,
        ReadResult(list(records), errors or []),
        source="contacts.vcf",
        format="vcard",
        **options,  # type: ignore[arg-type]
    )


def test_a_record_becomes_a_person_with_every_fact(member: Member) -> None:
    report = run(member, anna())
    assert (report.count("created"), report.count("merged")) == (1, 0)
    person = Person.objects.get(pk=report.outcomes[0].person_id)
    assert person.full_name == "Dr. Anna Schmidt"
    assert person.network_id == member.network_id
    points = {(p.kind, p.value, p.label, p.preferred) for p in person.contact_points.all()}
    assert ("email", "anna.schmidt@example.com", "work", True) in points
    assert ("phone", "+491701234567", "mobile", True) in points  # the first of its kind
    address = person.contact_points.get(kind="address")
    assert (address.street, address.postal_code, address.locality) == (
        "Hauptstr. 5",
        "10115",
        "Berlin",
    )
    job = Affiliation.objects.get(person=person)
    assert (job.organisation.name, job.title, job.kind, job.end) == (
        "Müller Maschinenbau",
        "CFO",
        "job",
        None,
    )
    assert ImportantDate.objects.get(person=person).date == PartialDate(None, 7, 29)
    # "Kunden" is the seeded circle of clients, named in German, not a new circle.
    assert list(person.circles.values_list("code", "name")) == [("clients", "clients")]
    assert person.notes == "Met at the Hannover Messe."
    kept = ImportedProperty.objects.get(person=person)
    assert (kept.name, kept.value, kept.source) == ("X-MS-OL-DESIGN", "<card/>", "contacts.vcf")
    assert ImportRun.objects.get().created == 1


def test_importing_the_same_records_again_creates_nothing(member: Member) -> None:
    first = run(
        member,
        anna(),
        anna(2, given_name="Ben", family_name="Berg", contacts=[], organisation="", dates=[]),
    )
    people = Person.objects.count()
    points = ContactPoint.objects.count()
    again = run(
        member,
        anna(),
        anna(2, given_name="Ben", family_name="Berg", contacts=[], organisation="", dates=[]),
    )
    assert first.count("created") == 2
    assert again.count("unchanged") == 2 and again.count("created") == 0
    assert (Person.objects.count(), ContactPoint.objects.count()) == (people, points)
    assert ImportOrigin.objects.count() == 2


def test_the_same_email_merges_into_the_person_already_here(member: Member) -> None:
    existing = add_person(member, "Anna Schmidt", PersonFields(emails=["anna.schmidt@example.com"]))
    report = run(member, anna())
    (outcome,) = report.outcomes
    assert outcome.action == "merged" and outcome.person_id == existing.pk
    assert any("anna.schmidt@example.com" in reason for reason in outcome.reasons)
    assert "phone +491701234567" in outcome.added
    assert existing.contact_points.count() == 3  # the e-mail once, the phone, the address
    assert Person.objects.filter(family_name="Schmidt").count() == 1


def test_a_close_name_is_a_new_person_and_a_pair_to_review(member: Member) -> None:
    existing = add_person(member, "Anna Schmitt")
    report = run(member, anna(contacts=[], organisation=""))
    (outcome,) = report.outcomes
    assert outcome.action == "review"
    assert outcome.person_id != existing.pk
    assert outcome.matched == "Anna Schmitt"
    pair = DuplicatePair.objects.get()
    assert {pair.person_a_id, pair.person_b_id} == {existing.pk, outcome.person_id}


def test_records_of_one_file_merge_with_each_other(member: Member) -> None:
    report = run(
        member,
        anna(1),
        anna(
            9,
            note="",
            contacts=[
                RecordContact("email", "anna.schmidt@example.com"),
                RecordContact("website", "https://anna.example", "home"),
            ],
        ),
    )
    assert [o.action for o in report.outcomes] == ["created", "merged"]
    assert report.outcomes[0].person_id == report.outcomes[1].person_id
    person = Person.objects.get(pk=report.outcomes[0].person_id)
    assert person.contact_points.filter(kind="website").exists()


def test_an_unreadable_record_stops_the_import_and_writes_nothing(member: Member) -> None:
    before = Person.objects.count()
    broken = RecordError("contacts.vcf", 14, "BDAY '1965-13-45' is not a date")
    with pytest.raises(ImportRefused) as refused:
        run(member, anna(), errors=[broken])
    assert "line 14: BDAY '1965-13-45' is not a date" in refused.value.message
    assert "contacts.vcf" in refused.value.message
    assert Person.objects.count() == before
    assert not ImportRun.objects.exists()


def test_skip_invalid_imports_the_rest_and_lists_the_skipped(member: Member) -> None:
    broken = RecordError("contacts.vcf", 14, "BEGIN:VCARD without END:VCARD")
    nameless = ContactRecord(source="contacts.vcf", line=30)
    report = run(member, anna(), nameless, errors=[broken], skip_invalid=True)
    assert report.count("created") == 1
    skipped = [(o.line, o.problem) for o in report.outcomes if o.action == "skipped"]
    assert skipped == [
        (14, "BEGIN:VCARD without END:VCARD"),
        (30, "has no name and no contact to name it by"),
    ]


def test_a_dry_run_reports_exactly_and_writes_nothing(member: Member) -> None:
    add_person(member, "Anna Schmidt", PersonFields(emails=["anna.schmidt@example.com"]))
    before = (Person.objects.count(), ContactPoint.objects.count())
    dry = run(
        member, anna(), anna(5, given_name="Cem", family_name="Cakir", contacts=[]), dry_run=True
    )
    assert (Person.objects.count(), ContactPoint.objects.count()) == before
    assert not ImportRun.objects.exists() and not ImportOrigin.objects.exists()
    real = run(member, anna(), anna(5, given_name="Cem", family_name="Cakir", contacts=[]))
    assert [o.action for o in dry.outcomes] == [o.action for o in real.outcomes]
    assert dry.outcomes[1].person_id is None


def test_an_unreadable_phone_is_kept_as_written_with_a_note(member: Member) -> None:
    report = run(member, anna(contacts=[RecordContact("phone", "ask reception")]))
    person = Person.objects.get(pk=report.outcomes[0].person_id)
    assert not person.contact_points.filter(kind="phone").exists()
    assert person.imported_properties.filter(
        name="phone (unreadable)", value="ask reception"
    ).exists()
    assert any("ask reception" in warning for warning in report.warnings)


def test_the_circle_option_puts_everyone_in_it(member: Member) -> None:
    report = run(member, anna(groups=[]), circle="Messe 2026")
    person = Person.objects.get(pk=report.outcomes[0].person_id)
    assert list(person.circles.values_list("name", flat=True)) == ["Messe 2026"]
    with pytest.raises(InvalidInput, match="circle"):
        run(member, anna(2, given_name="Eve"), circle="  ")


def test_an_import_never_touches_another_network(world: World) -> None:
    bobs = add_person(world.bob, "Anna Schmidt", PersonFields(emails=["anna.schmidt@example.com"]))
    report = run(world.alice, anna())
    assert report.outcomes[0].action == "created"
    assert Person.objects.get(pk=report.outcomes[0].person_id).network_id == world.alice.network_id
    assert bobs.contact_points.count() == 1
    assert not DuplicatePair.objects.filter(network_id=world.bob.network_id).exists()


def test_what_has_no_place_of_its_own_shows_on_the_person(member: Member) -> None:
    from django.test import Client

    from knoten.profiles.person import person_detail

    report = run(member, anna())
    person_id = report.outcomes[0].person_id
    detail = person_detail(member, person_id)
    assert [(i["name"], i["value"], i["source"]) for i in detail["imported"]] == [
        ("X-MS-OL-DESIGN", "<card/>", "contacts.vcf")
    ]
    client = Client()
    client.force_login(member.user)
    page = client.get(f"/people/{person_id}/").content.decode()
    assert "X-MS-OL-DESIGN" in page and "&lt;card/&gt;" in page


def test_a_custom_date_is_not_added_twice(member: Member) -> None:
    record = anna(dates=[RecordDate("custom", PartialDate(2015, 4, 13), "Erstes Treffen")])
    run(member, record)
    again = run(
        member, anna(dates=[RecordDate("custom", PartialDate(2015, 4, 13), "Erstes Treffen")])
    )
    assert again.outcomes[0].action == "unchanged"
    assert ImportantDate.objects.filter(kind="custom").count() == 1


def test_the_same_record_twice_in_one_file_is_one_person(member: Member) -> None:
    plain = anna(contacts=[], organisation="", dates=[], groups=[], extra=[])
    twice = anna(7, contacts=[], organisation="", dates=[], groups=[], extra=[])
    report = run(member, plain, twice)
    assert [o.action for o in report.outcomes] == ["created", "unchanged"]
    assert report.outcomes[1].reasons == ["the same record earlier in this file"]
    assert Person.objects.filter(family_name="Schmidt").count() == 1
    assert ImportOrigin.objects.count() == 1


def test_the_files_preferred_value_wins_else_the_first_of_its_kind(member: Member) -> None:
    record = anna(
        contacts=[
            RecordContact("email", "a.schmidt@privat.example"),
            RecordContact("email", "anna.schmidt@example.com", preferred=True),
            RecordContact("phone", "+49 170 1234567"),
            RecordContact("phone", "+49 30 1234567"),
        ]
    )
    person = Person.objects.get(pk=run(member, record).outcomes[0].person_id)
    preferred = dict(person.contact_points.filter(preferred=True).values_list("kind", "value"))
    assert preferred == {"email": "anna.schmidt@example.com", "phone": "+491701234567"}


def test_a_new_person_is_stored_as_one_added_by_hand(member: Member) -> None:
    by_hand = add_person(member, "Dr. Anna Schmidt")
    imported = Person.objects.get(pk=run(member, anna(contacts=[])).outcomes[0].person_id)
    columns = (
        "given_name",
        "family_name",
        "academic_title",
        "sort_name",
        "folded_name",
        "form_of_address",
        "salutation",
        "importance",
        "archived",
        "met_on",
        "met_at_event_id",
        "introduced_by_id",
    )
    assert [getattr(imported, c) for c in columns] == [getattr(by_hand, c) for c in columns]
    assert imported.created_at is not None and imported.updated_at is not None


def test_many_new_persons_each_get_their_own_records_facts(member: Member) -> None:
    # More persons than one INSERT takes on SQLite (999 parameters): every id must
    # still go to its own record.
    records = [
        anna(
            line,
            given_name=f"Anna{line}",
            contacts=[RecordContact("email", f"anna{line}@example.com")],
            organisation="",
            dates=[],
            groups=[],
            extra=[],
            note="",
        )
        for line in range(1, 121)
    ]
    report = run(member, *records)
    # Each a new person (close names, Anna1 and Anna11, are new persons to review too).
    assert report.count("created") + report.count("review") == 120
    assert len({outcome.person_id for outcome in report.outcomes}) == 120
    for outcome in report.outcomes:
        person = Person.objects.get(pk=outcome.person_id)
        assert person.given_name == f"Anna{outcome.line}"
        assert person.contact_points.get().value == f"anna{outcome.line}@example.com"


def test_a_merge_gives_a_job_without_title_the_files_title(member: Member) -> None:
    existing = add_person(
        member,
        "Anna Schmidt",
        PersonFields(emails=["anna.schmidt@example.com"], org="Müller Maschinenbau"),
    )
    report = run(member, anna())
    assert report.outcomes[0].action == "merged"
    assert "title CFO" in report.outcomes[0].added
    job = Affiliation.objects.get(person=existing)
    assert (job.organisation.name, job.title) == ("Müller Maschinenbau", "CFO")
    again = run(member, anna(2, title="Einkauf", note=""))  # a title is never replaced
    assert "title Einkauf" not in again.outcomes[0].added
    assert Affiliation.objects.get(person=existing).title == "CFO"
