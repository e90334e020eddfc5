"""What imports kept without a field of its own, on the person page: a vCard's X-
properties and the department (ORG's second part, Outlook's and Google's department
column) in "From imported files", named in the user's language, and the department
beside the job it belongs to (issue 16)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from knoten.core.models import Member
from knoten.imports.runs import import_file
from knoten.people.affiliations import add_affiliation
from knoten.people.models import Person
from tests.conftest import World

VCARD = "\r\n".join(
    [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Vera Vogt",
        "N:Vogt;Vera;;;",
        "ORG:Acme GmbH;Vertrieb;Innendienst",
        "TITLE:Leiterin",
        "X-SHOESIZE:39",
        "END:VCARD",
        "",
    ]
).encode()
OUTLOOK = (
    b"First Name,Last Name,Company,Department,Job Title,E-mail Address\r\n"
    b"Olga,Ost,Beta AG,Einkauf,Referentin,olga@example.org\r\n"
)
GOOGLE = (
    b"First Name,Last Name,Organization Name,Organization Title,Organization Department,"
    b"E-mail 1 - Label,E-mail 1 - Value\r\n"
    b"Greta,Gans,Gamma KG,Beraterin,Controlling,* Work,greta@example.org\r\n"
)


def page_of(member: Member, given_name: str, language: str = "en") -> str:
    client = Client()
    client.force_login(member.user)
    person = Person.objects.get(network_id=member.network_id, given_name=given_name)
    response = client.get(
        reverse("web:person", args=[person.pk]), headers={"Accept-Language": language}
    )
    assert response.status_code == 200
    return unescape(" ".join(response.content.decode().split()))


def imported_facts(body: str) -> list[tuple[str, str]]:
    start = body.index('<dl class="facts imported">')
    facts = body[start : body.index("</dl>", start)]
    return re.findall(r"<dt>([^<]*)</dt><dd>([^<]*?) <span", facts)


def test_x_properties_and_the_department_are_shown_by_the_job(world: World) -> None:
    import_file(world.alice, VCARD, "vera.vcf")
    body = page_of(world.alice, "Vera")
    assert '<p class="glance-role">Leiterin · Vertrieb, Innendienst · <a' in body
    assert "Department: Vertrieb, Innendienst (from an imported file)" in body
    assert imported_facts(body) == [("X-SHOESIZE", "39"), ("Department", "Vertrieb, Innendienst")]


@pytest.mark.parametrize(
    ("data", "name", "given", "title", "department"),
    [
        (OUTLOOK, "outlook.csv", "Olga", "Referentin", "Einkauf"),
        (GOOGLE, "google.csv", "Greta", "Beraterin", "Controlling"),
    ],
    ids=["outlook", "google"],
)
def test_a_csv_department_column_is_shown_by_the_job(
    world: World, data: bytes, name: str, given: str, title: str, department: str
) -> None:
    report = import_file(world.alice, data, name)
    assert report.count("created") == 1, report.warnings
    body = page_of(world.alice, given)
    assert f'<p class="glance-role">{title} · {department} · <a' in body
    assert ("Department", department) in imported_facts(body)


def test_a_files_own_names_stay_as_written_for_a_german_reader(world: World) -> None:
    import_file(world.alice, VCARD, "vera.vcf")
    body = page_of(world.alice, "Vera", "de")
    # The file's own names stay as it wrote them.
    assert imported_facts(body)[0] == ("X-SHOESIZE", "39")


def test_with_two_current_jobs_the_department_stays_in_the_imported_list(world: World) -> None:
    import_file(world.alice, VCARD, "vera.vcf")
    vera = Person.objects.get(given_name="Vera")
    add_affiliation(world.alice, vera, "Delta e.V.", "job", title="Kassenwartin")
    body = page_of(world.alice, "Vera")
    assert "Vertrieb, Innendienst ·" not in body and "Department: " not in body
    assert ("Department", "Vertrieb, Innendienst") in imported_facts(body)
