"""Organisations and affiliations: jobs, functions, education, memberships."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.people import affiliations, organisations, persons
from knoten.people.models import Affiliation, Organisation
from knoten.profiles import organisation as organisation_page

Rows = Callable[[], dict[str, int]]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Verein", "club"),
        ("club", "club"),
        ("professional association", "professional_association"),
        ("Berufs- und Branchenverband", "professional_association"),
        ("online-community", "online_community"),
        ("Schule, Hochschule", "school"),
    ],
)
def test_an_organisation_kind_is_read_in_english_or_german(
    alice: Member, typed: str, code: str
) -> None:
    assert organisations.add_organisation(alice, "Irgendwas e.V.", kind=typed).kind == code


def test_an_organisation_keeps_industry_and_a_normalised_website(alice: Member) -> None:
    org = organisations.add_organisation(
        alice, " VDI  Berlin ", industry="Ingenieure", website="VDI.de/"
    )
    org.refresh_from_db()
    assert (org.name, org.kind, org.industry, org.website) == (
        "VDI Berlin",
        "company",
        "Ingenieure",
        "https://vdi.de",
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda a: organisations.add_organisation(a, " "), "name: ' ' is empty"),
        (
            lambda a: organisations.add_organisation(a, "X", kind="Sekte"),
            "kind: 'Sekte' is not one of",
        ),
        (
            lambda a: organisations.add_organisation(a, "X", website="no site"),
            "website: 'no site' is not",
        ),
        (
            lambda a: organisations.add_organisation(a, "müller gmbh"),
            "name: 'müller gmbh' already exists",
        ),
    ],
)
def test_a_bad_organisation_is_refused_and_nothing_written(
    alice: Member, rows: Rows, call: Callable[[Member], object], message: str
) -> None:
    organisations.add_organisation(alice, "Müller GmbH")
    before = rows()
    with pytest.raises(InvalidInput) as caught:
        call(alice)
    assert message in caught.value.message
    assert rows() == before


def test_organisations_list_by_name_with_their_current_people(alice: Member) -> None:
    persons.add_person(alice, "Anna Adam", persons.PersonFields(org="Zeiss", title="CTO"))
    persons.add_person(
        alice, "Berta Bach", persons.PersonFields(org="Zeiss", function="Betriebsrat")
    )
    old = persons.add_person(alice, "Carl Cohn")
    affiliations.add_affiliation(alice, old, "Zeiss", "job", start="2001", end="2005")
    organisations.add_organisation(alice, "Ärztekammer", kind="Behörde")
    organisations.add_organisation(alice, "Bosch")
    listed = [(o.name, o.current_people) for o in organisations.list_organisations(alice)]
    assert listed == [("Ärztekammer", 0), ("Bosch", 0), ("Zeiss", 2)]
    assert [o.name for o in organisations.list_organisations(alice, kind="public body")] == [
        "Ärztekammer"
    ]
    assert [o.name for o in organisations.list_organisations(alice, limit=1)] == ["Ärztekammer"]


def test_an_organisation_detail_shows_current_and_former_people(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Adam", persons.PersonFields(org="Zeiss", title="CTO"))
    carl = persons.add_person(alice, "Carl Cohn")
    affiliations.add_affiliation(
        alice, carl, "Zeiss", "job", title="Azubi", start="2001", end="2005"
    )
    data = organisation_page.organisation_detail(alice, "zeiss")
    assert [(a["person"]["id"], a["title"]) for a in data["current"]] == [(anna.pk, "CTO")]
    assert [(a["person"]["id"], a["start"], a["end"]) for a in data["former"]] == [
        (carl.pk, "2001", "2005")
    ]
    assert data["current_people"] == 1


def test_an_organisation_is_found_by_part_of_its_name_unless_ambiguous(alice: Member) -> None:
    organisations.add_organisation(alice, "Deutsche Bank")
    organisations.add_organisation(alice, "Commerzbank")
    assert organisation_page.organisation_detail(alice, "deutsche")["name"] == "Deutsche Bank"
    with pytest.raises(Ambiguous):
        organisation_page.organisation_detail(alice, "bank")
    with pytest.raises(NotFound, match="no organisation matches 'Sparkasse'"):
        organisation_page.organisation_detail(alice, "Sparkasse")


def test_an_affiliation_takes_partial_dates_and_creates_a_new_organisation(alice: Member) -> None:
    anna = persons.add_person(alice, "Anna Adam")
    study = affiliations.add_affiliation(
        alice, "Anna", "TU München", "Ausbildung", title="M.Sc.", start="2008", end="09/2013"
    )
    assert (study.kind, study.start, study.end) == (
        "education",
        PartialDate(2008),
        PartialDate(2013, 9),
    )
    assert study.person == anna
    assert Organisation.objects.get(name="TU München").kind == "school"
    membership = affiliations.add_affiliation(
        alice, anna, "VDI", "Mitgliedschaft", start="2019-05-14"
    )
    assert (membership.kind, membership.start) == ("membership", PartialDate(2019, 5, 14))


def test_the_same_affiliation_again_is_updated_not_doubled(alice: Member) -> None:
    persons.add_person(alice, "Anna Adam")
    affiliations.add_affiliation(alice, "Anna", "Zeiss", "job", title="CTO", start="2019")
    affiliations.add_affiliation(
        alice, "Anna", "zeiss", "job", title="CTO", start="2019", end="2023"
    )
    assert [(a.title, a.end) for a in Affiliation.objects.all()] == [("CTO", PartialDate(2023))]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "Hobby"}, "kind: 'Hobby' is not one of: job, function, education, membership"),
        ({"kind": "job", "start": "2020", "end": "2019"}, "end: '2019' is before the start 2020"),
        ({"kind": "job", "start": "2020-05", "end": "2020-04"}, "end: '2020-04' is before"),
        ({"kind": "job", "start": "31.13.2020"}, "start: '31.13.2020' is not a valid date"),
        ({"kind": "job", "end": "--03-14"}, "end: '--03-14' needs a year"),
        ({"kind": "job", "organisation": " "}, "organisation: ' ' is empty"),
    ],
)
def test_a_bad_affiliation_is_refused_and_nothing_written(
    alice: Member, rows: Rows, kwargs: dict[str, str], message: str
) -> None:
    persons.add_person(alice, "Anna Adam")
    before = rows()
    organisation = kwargs.pop("organisation", "Neue Firma")
    kind = kwargs.pop("kind")
    with pytest.raises(InvalidInput) as caught:
        affiliations.add_affiliation(alice, "Anna", organisation, kind, **kwargs)
    assert message in caught.value.message
    assert rows() == before


def test_an_end_in_the_same_year_as_a_more_precise_start_is_fine(alice: Member) -> None:
    persons.add_person(alice, "Anna Adam")
    job = affiliations.add_affiliation(alice, "Anna", "Zeiss", "job", start="2020-05", end="2020")
    assert job.end == PartialDate(2020)
