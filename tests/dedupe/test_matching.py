"""The matcher: each reason a record or a person matches, and what is not a match."""

from __future__ import annotations

import pytest

from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.dedupe.matching import Match, MatchIndex
from knoten.dedupe.nicknames import same_person_names
from knoten.dedupe.phonetic import cologne
from knoten.people.persons import PersonFields, add_person
from knoten.people.records import ContactRecord, RecordContact, RecordDate
from tests.conftest import World


def record(
    given: str = "",
    family: str = "",
    *contacts: tuple[str, str],
    organisation: str = "",
    full_name: str = "",
    birthday: PartialDate | None = None,
) -> ContactRecord:
    return ContactRecord(
        source="Kontakte.vcf",
        line=1,
        given_name=given,
        family_name=family,
        full_name=full_name,
        organisation=organisation,
        contacts=[RecordContact(kind, value) for kind, value in contacts],
        dates=[RecordDate("birthday", birthday)] if birthday else [],
    )


@pytest.fixture
def alice(world: World) -> Member:
    member = world.alice
    add_person(
        member,
        "Jürgen Müller",
        PersonFields(
            emails=["juergen.mueller@siemens.example"],
            phones=["+49 170 1234567"],
            org="Siemens AG",
            title="Einkauf",
            birthday="12.08.1965",
        ),
    )
    add_person(
        member,
        "Katharina Weiß",
        PersonFields(websites=["https://www.linkedin.com/in/katharina-weiss-123/"]),
    )
    add_person(member, "Robert Schmidt", PersonFields(org="Bosch GmbH"))
    add_person(member, "Johannes Becker")
    add_person(member, "Anna Meier", PersonFields(websites=["www.xing.com/profile/Anna_Meier2"]))
    return member


def match(member: Member, rec: ContactRecord) -> Match | None:
    found = MatchIndex.build(member.network_id).match(rec)
    # An import's index reads only the contact values of its records: it finds the same.
    assert MatchIndex.build(member.network_id, records=[rec]).match(rec) == found
    return found


def name_of(member: Member, found: Match | None) -> str:
    from knoten.people.models import Person

    assert found is not None
    return Person.objects.get(pk=found.person_id, network_id=member.network_id).full_name


def test_same_email_is_certain_whatever_the_case(alice: Member) -> None:
    found = match(alice, record("J.", "Müller", ("email", "Juergen.Mueller@Siemens.example")))
    assert found is not None and found.certain and found.score == 1.0
    assert name_of(alice, found) == "Jürgen Müller"
    assert "same e-mail juergen.mueller@siemens.example" in found.reasons


def test_same_phone_in_another_spelling_is_certain(alice: Member) -> None:
    found = match(alice, record("Jürgen", "Müller", ("phone", "0170 / 123 45 67")))
    assert found is not None and found.certain
    assert "same phone +491701234567" in found.reasons


def test_same_linkedin_profile_written_differently_is_certain(alice: Member) -> None:
    rec = record("Kathi", "Weiss", ("website", "http://de.linkedin.com/in/katharina-weiss-123"))
    found = match(alice, rec)
    assert found is not None and found.certain
    assert name_of(alice, found) == "Katharina Weiß"
    assert found.reasons[0] == "same LinkedIn https://www.linkedin.com/in/katharina-weiss-123"


def test_same_xing_profile_is_certain(alice: Member) -> None:
    found = match(alice, record("", "", ("xing", "https://xing.com/profile/Anna_Meier2/")))
    assert found is not None and found.certain
    assert name_of(alice, found) == "Anna Meier"


def test_mueller_is_mueller_but_only_likely(alice: Member) -> None:
    found = match(alice, record("Juergen", "Mueller"))
    assert found is not None and not found.certain
    assert name_of(alice, found) == "Jürgen Müller"
    assert "name Müller ≈ Mueller" in found.reasons
    assert 0.8 <= found.score < 1


def test_muller_without_marks_too(alice: Member) -> None:
    found = match(alice, record("Jurgen", "Muller"))
    assert found is not None and name_of(alice, found) == "Jürgen Müller"


def test_nickname_hans_is_johannes(alice: Member) -> None:
    found = match(alice, record("Hans", "Becker"))
    assert found is not None and not found.certain
    assert name_of(alice, found) == "Johannes Becker"
    assert any("Johannes ≈ Hans" in reason for reason in found.reasons)


def test_nickname_bob_is_robert_and_the_same_organisation_raises_the_score(
    alice: Member,
) -> None:
    alone = match(alice, record("Bob", "Schmidt"))
    at_bosch = match(alice, record("Bob", "Schmidt", organisation="BOSCH GmbH"))
    assert alone is not None and at_bosch is not None
    assert at_bosch.score > alone.score
    assert "same organisation Bosch GmbH" in at_bosch.reasons
    assert not at_bosch.certain  # a nickname is never certain


def test_exact_name_at_the_same_organisation_is_certain(alice: Member) -> None:
    found = match(alice, record("Robert", "Schmidt", organisation="Bosch GmbH"))
    assert found is not None and found.certain
    without = match(alice, record("Robert", "Schmidt"))
    assert without is not None and not without.certain


def test_a_different_birthday_makes_a_namesake_uncertain(alice: Member) -> None:
    same = match(
        alice,
        record("Jürgen", "Müller", organisation="Siemens AG", birthday=PartialDate(1965, 8, 12)),
    )
    other = match(
        alice,
        record("Jürgen", "Müller", organisation="Siemens AG", birthday=PartialDate(1990, 1, 3)),
    )
    assert same is not None and same.certain and "same birthday" in same.reasons
    assert other is None or (not other.certain and other.score < same.score)


def test_a_different_person_with_a_similar_name_is_not_certain(alice: Member) -> None:
    found = match(alice, record("Anja", "Meier"))
    assert found is None or not found.certain
    assert (
        match(alice, record("Jürgen", "Möller")) is None
        or not match(alice, record("Jürgen", "Möller")).certain
    )  # type: ignore[union-attr]
    assert match(alice, record("Kurt", "Weber")) is None


def test_a_shared_office_email_with_a_different_name_is_not_certain(alice: Member) -> None:
    found = match(alice, record("Kurt", "Weber", ("email", "juergen.mueller@siemens.example")))
    assert found is not None and not found.certain
    assert "but the names differ" in found.reasons


def test_a_full_name_only_record_is_read_into_parts(alice: Member) -> None:
    found = match(alice, record(full_name="Dr. Johannes Becker"))
    assert found is not None and name_of(alice, found) == "Johannes Becker"


def test_records_the_import_added_are_found_by_the_next_record(world: World) -> None:
    index = MatchIndex.build(world.alice.network_id)
    first = record("Greta", "Lindqvist", ("email", "greta@lindqvist.example"))
    assert index.match(first) is None
    index.add(4242, first)
    again = index.match(record("Greta", "Lindqvist", ("email", "GRETA@lindqvist.example")))
    assert again is not None and again.person_id == 4242 and again.certain
    by_name = index.match(record("Margarete", "Lindqvist"))
    assert by_name is not None and by_name.person_id == 4242 and not by_name.certain


def test_another_networks_persons_are_never_matched(world: World, alice: Member) -> None:
    found = MatchIndex.build(world.bob.network_id).match(
        record("Jürgen", "Müller", ("email", "juergen.mueller@siemens.example"))
    )
    assert found is None


def test_invalid_contact_values_are_ignored(alice: Member) -> None:
    assert match(alice, record("", "", ("email", "not an address"), ("phone", "abc"))) is None


def test_nicknames_and_sounds() -> None:
    assert same_person_names("hans", "johannes")
    assert same_person_names("kathi", "katharina")
    assert same_person_names("bob", "robert")
    assert not same_person_names("anna", "hanna")
    assert cologne("Meier") == cologne("Mayer") == cologne("Maier")
    assert cologne("Schmidt") == cologne("Schmitt")
    assert cologne("Müller") != cologne("Meier")


def test_a_compound_given_name_is_alike_but_never_certain(world: World) -> None:
    member = world.alice
    add_person(member, "Hans-Peter Krause", PersonFields(org="Siemens AG"))
    found = match(member, record("Hans", "Krause", organisation="Siemens AG"))
    assert found is not None and not found.certain
    assert any("Hans-Peter ≈ Hans (a part of it)" in reason for reason in found.reasons)
    same = match(member, record("Hans Peter", "Krause"))  # written without the hyphen
    assert same is not None and not same.certain and same.score == 0.88
    exact = match(member, record("Hans-Peter", "Krause", organisation="Siemens AG"))
    assert exact is not None and exact.certain


def test_an_address_stored_in_capitals_is_found_like_any_other(alice: Member) -> None:
    from knoten.people.models import ContactPoint

    person = add_person(alice, "Greta Lindqvist")
    # Not through add_person, which lower-cases it: as a hand-made JSON import stores it.
    ContactPoint.objects.create(
        network_id=alice.network_id, person=person, kind="email", value="Greta@Lindqvist.example"
    )
    found = match(alice, record("G.", "Lindqvist", ("email", "greta@lindqvist.example")))
    assert found is not None and found.person_id == person.pk and found.certain


def test_an_index_of_some_records_values_cannot_list_the_networks_pairs(alice: Member) -> None:
    index = MatchIndex.build(
        alice.network_id, records=[record("Anna", "Meier", ("email", "anna@meier.example"))]
    )
    with pytest.raises(ValueError, match="only some records"):
        index.pairs()
    assert MatchIndex.build(alice.network_id).pairs() == []
