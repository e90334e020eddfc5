"""What a file may be: its encoding found from its byte-order mark, its size and the
length of its texts within limits, a refused record named."""

from __future__ import annotations

import codecs

import pytest

from knoten.imports.files import detect_format, read_file
from knoten.imports.runs import import_file
from knoten.people.models import Person
from tests.conftest import World

VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weiß;Jürgen;;;\r\nFN:Jürgen Weiß\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF16_LE + VCARD.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + VCARD.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + VCARD.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + VCARD.encode("utf-32-be"),
        codecs.BOM_UTF8 + VCARD.encode("utf-8"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"],
)
def test_a_vcard_with_a_byte_order_mark_is_read_as_a_vcard(encoded: bytes) -> None:
    assert detect_format(encoded) == "vcard"
    chosen, result = read_file(encoded, "outlook.vcf")
    assert chosen == "vcard" and result.errors == []
    assert [r.full_name for r in result.records] == ["Jürgen Weiß"]


def test_a_utf16_csv_with_a_byte_order_mark_is_still_a_csv() -> None:
    text = "First Name,Last Name,E-mail 1 - Value\r\nJürgen,Weiß,jw@example.de\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert detect_format(data) == "google"


@pytest.mark.django_db
def test_a_utf16_le_vcard_with_a_bom_is_imported(world: World) -> None:
    data = codecs.BOM_UTF16_LE + VCARD.encode("utf-16-le")
    report = import_file(world.alice, data, "outlook.vcf")
    assert report.format == "vcard"
    person = Person.objects.get(network=world.alice.network, family_name="Weiß")
    assert person.given_name == "Jürgen"
