"""An imported group names a circle as ``person add --circle`` does: the seeded circles
by their English or German name, so "Geschäftspartner" is the circle of business partners,
not a new circle of that name which ``--circle Geschäftspartner`` would never find."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import vobject

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.people.labels import circles_named
from knoten.people.models import Circle
from tests.conftest import CliResult

Cli = Callable[..., CliResult]

VCARD = """BEGIN:VCARD
VERSION:3.0
FN:Vera Vogt
N:Vogt;Vera;;;
EMAIL;TYPE=WORK:vera.vogt@example.org
CATEGORIES:Geschäftspartner,Freunde
END:VCARD
"""

GOOGLE = (
    "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\n"
    "Gerd Gruber,Gerd,Gruber,Geschäftspartner ::: * myContacts,* Work,gerd@example.org\n"
)


def _files(tmp_path: Path) -> tuple[str, str]:
    vcard = tmp_path / "contacts.vcf"
    vcard.write_text(VCARD, encoding="utf-8")
    google = tmp_path / "google.csv"
    google.write_text(GOOGLE, encoding="utf-8")
    return str(vcard), str(google)


def _listed(cli: Cli, circle: str) -> list[str]:
    result = cli("person", "list", "--circle", circle, "--json")
    assert result.exit_code == 0, result.stderr
    return sorted(row["name"] for row in result.json())


def test_imported_groups_are_found_by_list_and_export(
    member: Member, cli: Cli, tmp_path: Path
) -> None:
    before = Circle.objects.filter(network_id=member.network_id).count()
    vcard, google = _files(tmp_path)
    result = cli("import", vcard, google)
    assert result.exit_code == 0, result.stderr

    # No twins: the groups went into the seeded circles.
    assert Circle.objects.filter(network_id=member.network_id).count() == before
    assert _listed(cli, "Geschäftspartner") == ["Gerd Gruber", "Vera Vogt"]
    assert _listed(cli, "geschaeftspartner") == ["Gerd Gruber", "Vera Vogt"]
    assert _listed(cli, "business partners") == ["Gerd Gruber", "Vera Vogt"]
    assert _listed(cli, "Freunde") == ["Vera Vogt"]

    exported = cli("export", "--format", "vcard", "--circle", "Geschäftspartner")
    assert exported.exit_code == 0, exported.stderr
    names = {card.fn.value for card in vobject.readComponents(exported.stdout)}
    assert names == {"Gerd Gruber", "Vera Vogt"}
    assert "Exported 2 persons" in exported.stderr


def test_the_circle_option_of_an_import_names_a_seeded_circle(
    member: Member, cli: Cli, tmp_path: Path
) -> None:
    vcard, _ = _files(tmp_path)
    assert cli("import", vcard, "--circle", "KUNDEN").exit_code == 0
    assert _listed(cli, "clients") == ["Vera Vogt"]
    assert not Circle.objects.filter(network_id=member.network_id, name="KUNDEN").exists()


def test_circles_named_reads_names_as_person_add_does(member: Member) -> None:
    seeded = Circle.objects.get(network_id=member.network_id, code="business_partners")
    found = circles_named(
        member, ["Geschäftspartner", "GESCHAEFTSPARTNER", "Business-Partners", "Messe", " messe "]
    )
    assert [found[name] for name in found][:3] == [seeded, seeded, seeded]
    assert found["Messe"] == found[" messe "]
    assert (found["Messe"].name, found["Messe"].code) == ("Messe", "")
    assert "" not in circles_named(member, ["", "  "])


def test_a_deleted_seeded_circle_comes_back_seeded(member: Member) -> None:
    Circle.objects.filter(network_id=member.network_id, code="friends").delete()
    circle = circles_named(member, ["Freunde"])["Freunde"]
    assert (circle.code, circle.name) == ("friends", "friends")


def test_a_name_too_long_changes_nothing(member: Member) -> None:
    before = Circle.objects.filter(network_id=member.network_id).count()
    with pytest.raises(InvalidInput, match="circle"):
        circles_named(member, ["Messe", "x" * 101], "circle")
    assert Circle.objects.filter(network_id=member.network_id).count() == before
