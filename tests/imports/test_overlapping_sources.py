"""A phone's vCards, an Outlook export, a Google CSV and LinkedIn's connections, holding
the same people, make one clean network: everyone once, with what each source knew.

The files in data/overlap/ are what the programs write: an iPhone's vCard 3.0 with
Apple's labels, Outlook's vCard 2.1 in windows-1252 with QUOTED-PRINTABLE, Google's CSV
with ``:::`` labels, LinkedIn's Connections.csv with its notes preamble and a BOM (and,
as there, most e-mail addresses hidden).
"""

from __future__ import annotations

from pathlib import Path

from knoten.core.models import Member
from knoten.dedupe.models import DuplicatePair
from knoten.imports.runs import import_file
from knoten.people.models import Person

DATA = Path(__file__).parent / "data" / "overlap"
FILES = ("phone.vcf", "outlook.vcf", "google.csv", "Connections.csv")


def import_all(member: Member) -> list[dict[str, int]]:
    counts = []
    for name in FILES:
        report = import_file(member, (DATA / name).read_bytes(), name)
        counts.append({key: report.count(key) for key in ("created", "merged", "review")})
    return counts


def test_four_sources_give_everyone_once(member: Member) -> None:
    counts = import_all(member)
    people = Person.objects.filter(network_id=member.network_id).exclude(pk=member.person_id)
    assert sorted(p.full_name for p in people) == [
        "Anna Schmidt",
        "Ben Weber",
        "Dr. Katrin Vogel",
        "Kathi Berg",
        "Prof. Dr. Jürgen Müller",
    ]
    assert not DuplicatePair.objects.filter(network_id=member.network_id).exists()
    assert counts[0] == {"created": 4, "merged": 0, "review": 0}  # the phone comes first
    assert counts[1]["created"] == 0 and counts[3]["created"] == 0

    anna = people.get(family_name="Schmidt")
    assert set(anna.contact_points.values_list("kind", "value")) == {
        ("email", "anna.schmidt@muster.example"),
        ("email", "anna@privat.example"),
        ("phone", "+491701234567"),
        ("phone", "+49301234567"),
        ("linkedin", "https://www.linkedin.com/in/anna-schmidt-muster"),
    }
    assert list(anna.affiliations.values_list("organisation__name", "title")) == [
        ("Muster GmbH", "Head of Sales")
    ]
    assert anna.dates.get(kind="birthday").date.isoformat() == "1980-03-14"
    assert list(anna.circles.values_list("code", flat=True)) == ["clients"]
    assert anna.met_on is not None and anna.met_on.isoformat() == "2023-03-14"

    juergen = people.get(family_name="Müller")
    assert set(juergen.contact_points.values_list("kind", flat=True)) == {
        "phone",
        "email",
        "address",
        "linkedin",
    }
    assert juergen.contact_points.get(kind="address").street == "Nobelstraße 12"
    ben = people.get(family_name="Weber")  # LinkedIn had no address: name and firm
    assert ben.contact_points.filter(kind="linkedin").exists()


def test_importing_everything_again_changes_nothing(member: Member) -> None:
    import_all(member)
    before = {
        p.pk: sorted(p.contact_points.values_list("kind", "value"))
        for p in Person.objects.filter(network_id=member.network_id)
    }
    again = import_all(member)
    assert all(c["created"] == 0 and c["review"] == 0 for c in again)
    after = {
        p.pk: sorted(p.contact_points.values_list("kind", "value"))
        for p in Person.objects.filter(network_id=member.network_id)
    }
    assert after == before
