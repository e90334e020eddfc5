"""What a file may be: its encoding found from its byte-order mark, its size and the
length of its texts within limits, a refused record named."""

from __future__ import annotations

import codecs
from typing import Any

import pytest

from knoten.core.errors import InvalidInput
from knoten.imports.files import detect_format, read_file
from knoten.imports.reports import ImportRefused
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


# --- limits --------------------------------------------------------------------------

FIVE_MB = 5 * 2**20


def _vcard_with_note(name: str, note: str) -> bytes:
    family, given = name.split()[1], name.split()[0]
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{family};{given};;;\r\nFN:{name}\r\n"
        f"NOTE:{note}\r\nEND:VCARD\r\n"
    ).encode()


@pytest.mark.django_db
def test_a_5_mb_note_in_a_vcard_is_refused_naming_the_person(world: World) -> None:
    data = _vcard_with_note("Anna Schmidt", "ok") + _vcard_with_note("Bernd Huge", "x" * FIVE_MB)
    with pytest.raises(ImportRefused) as refused:
        import_file(world.alice, data, "big.vcf")
    assert len(refused.value.errors) == 1
    error = refused.value.errors[0]
    assert error.line == 7
    assert error.problem.startswith("Bernd Huge: the note is 5,242,880 characters long")
    assert "at most 100,000" in error.problem
    assert not Person.objects.filter(network=world.alice.network, family_name="Schmidt").exists()


@pytest.mark.django_db
def test_a_5_mb_note_in_a_csv_is_refused_naming_the_person(world: World) -> None:
    text = (
        "First Name,Last Name,E-mail 1 - Value,Notes\r\n"
        f"Anna,Schmidt,anna@example.de,ok\r\nBernd,Huge,,{'x' * FIVE_MB}\r\n"
    )
    with pytest.raises(ImportRefused) as refused:
        import_file(world.alice, text.encode(), "big.csv")
    [error] = refused.value.errors
    assert error.line == 3
    assert error.problem.startswith("Bernd Huge: the note is 5,242,880 characters long")


@pytest.mark.django_db
def test_skip_invalid_leaves_out_only_the_record_that_is_too_long(world: World) -> None:
    data = _vcard_with_note("Anna Schmidt", "ok") + _vcard_with_note("Bernd Huge", "x" * FIVE_MB)
    report = import_file(world.alice, data, "big.vcf", skip_invalid=True)
    assert [o.action for o in report.outcomes] == ["created", "skipped"]
    assert Person.objects.filter(network=world.alice.network, family_name="Schmidt").exists()
    assert not Person.objects.filter(network=world.alice.network, family_name="Huge").exists()


@pytest.mark.django_db
def test_the_text_limit_is_a_setting(world: World, settings: Any) -> None:
    settings.KNOTEN_IMPORT_MAX_TEXT = 12
    data = _vcard_with_note("Anna Schmidt", "0123456789AB")  # 12: still taken
    data += (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bernd Huge\r\nX-CUSTOM:0123456789ABC\r\nEND:VCARD\r\n"
    )
    with pytest.raises(ImportRefused) as refused:
        import_file(world.alice, data, "small.vcf")
    [error] = refused.value.errors
    assert error.problem.startswith("Bernd Huge: the field 'X-CUSTOM' is 13 characters long")
    assert "at most 12 are imported (KNOTEN_IMPORT_MAX_TEXT)" in error.problem


@pytest.mark.django_db
def test_a_file_larger_than_the_limit_is_refused_naming_it(world: World, settings: Any) -> None:
    settings.KNOTEN_IMPORT_MAX_BYTES = 1000
    data = _vcard_with_note("Anna Schmidt", "x" * 1000)
    with pytest.raises(InvalidInput, match=r"file: 'big\.vcf' is larger than 1,000 bytes"):
        import_file(world.alice, data, "big.vcf")
    assert (
        not Person.objects.filter(network=world.alice.network)
        .exclude(pk=world.alice.person_id)
        .exists()
    )
    settings.KNOTEN_IMPORT_MAX_BYTES = 2000
    import_file(world.alice, data, "big.vcf")
    assert Person.objects.filter(network=world.alice.network, family_name="Schmidt").exists()


def test_the_default_limits_are_50_mb_and_100000_characters() -> None:
    from django.conf import settings

    from knoten.core.limits import max_text, max_upload_bytes, size_words

    assert settings.KNOTEN_IMPORT_MAX_BYTES == max_upload_bytes() == 50 * 2**20
    assert settings.KNOTEN_IMPORT_MAX_TEXT == max_text() == 100_000
    assert size_words(50 * 2**20) == "50 MB"


@pytest.mark.django_db
def test_the_upload_page_and_the_api_keep_to_the_file_limit(world: World, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    settings.KNOTEN_IMPORT_MAX_BYTES = 2**20
    client = Client()
    client.force_login(world.alice.user)
    big = _vcard_with_note("Anna Schmidt", "x" * 2**20)
    page = client.post("/import/", {"file": SimpleUploadedFile("big.vcf", big, "text/vcard")})
    assert page.status_code == 400
    assert "1 MB" in page.content.decode()
    api = client.post("/api/import", {"file": SimpleUploadedFile("big.vcf", big, "text/vcard")})
    assert api.status_code == 400
    assert api.json()["field"] == "file"
    assert "is larger than 1 MB (KNOTEN_IMPORT_MAX_BYTES)" in api.json()["message"]
    assert not Person.objects.filter(network=world.alice.network, family_name="Schmidt").exists()
