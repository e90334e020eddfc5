"""Photos of imported vCards: kept when they are small images, else left out with a note."""

from __future__ import annotations

import base64

import pytest
from django.test import override_settings

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.demo.pictures import tiny_png
from knoten.imports.runs import import_file
from knoten.people.models import Person, PersonPhoto
from knoten.people.persons import PersonFields, add_person
from knoten.people.photos import checked_photo, decoded_photo, media_type_of

PNG = tiny_png((10, 20, 30))
# The first bytes of a JPEG (a JFIF header) are all the check reads.
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000") + b"\x00" * 40


def vcard(*lines: str, version: str = "3.0") -> bytes:
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""]
    return "\r\n".join(body).encode()


def folded(line: str) -> str:
    """A long content line folded at 75 characters, as phones write base64 photos."""
    parts = [line[:75]] + [" " + line[i : i + 74] for i in range(75, len(line), 74)]
    return "\r\n".join(parts)


def photo_of(member: Member, name: str) -> PersonPhoto:
    person = Person.objects.get(network_id=member.network_id, given_name=name)
    return PersonPhoto.objects.get(person=person)


def test_a_vcard_3_photo_in_base64_is_kept(member: Member) -> None:
    encoded = base64.b64encode(JPEG).decode()
    line = folded(f"PHOTO;ENCODING=b;TYPE=JPEG:{encoded}")
    data = vcard("FN:Anna Schmidt", "N:Schmidt;Anna;;;", line)
    report = import_file(member, data, "phone.vcf")
    assert report.count("created") == 1 and report.warnings == []
    photo = photo_of(member, "Anna")
    assert (photo.content_type, bytes(photo.data)) == ("image/jpeg", JPEG)
    assert photo.network_id == member.network_id


def test_a_vcard_4_data_uri_photo_is_kept(member: Member) -> None:
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    data = vcard("FN:Berta Berg", "N:Berg;Berta;;;", folded(f"PHOTO:{uri}"), version="4.0")
    import_file(member, data, "server.vcf")
    photo = photo_of(member, "Berta")
    assert (photo.content_type, bytes(photo.data)) == ("image/png", PNG)


def test_what_is_no_image_is_left_out_with_a_note_and_the_rest_imported(
    member: Member,
) -> None:
    text = base64.b64encode(b"#!/bin/sh\necho not a picture\n").decode()
    data = vcard("FN:Carl Clemens", "N:Clemens;Carl;;;", f"PHOTO;ENCODING=b;TYPE=JPEG:{text}")
    report = import_file(member, data, "odd.vcf")
    assert report.count("created") == 1
    assert report.warnings == [
        "odd.vcf, line 1: the photo was not kept (photo: '29 bytes' is not a JPEG, PNG, "
        "GIF or WebP image)"
    ]
    assert not PersonPhoto.objects.exists()
    broken = vcard("FN:Dora Dahl", "N:Dahl;Dora;;;", "PHOTO;ENCODING=b:@@@not base64@@@")
    report = import_file(member, broken, "broken.vcf")
    assert report.count("created") == 1
    assert (
        "the photo was not kept (photo: '@@@notbase64@@@=' is not base64 data)"
        in (report.warnings[0])
    )


def test_a_photo_above_the_limit_is_left_out(member: Member) -> None:
    encoded = base64.b64encode(PNG).decode()
    with override_settings(KNOTEN_PHOTO_MAX_BYTES=len(PNG) - 1):
        report = import_file(
            member, vcard("FN:Emil Ernst", f"PHOTO;ENCODING=b;TYPE=PNG:{encoded}"), "big.vcf"
        )
    assert "is too big" in report.warnings[0]
    assert not PersonPhoto.objects.exists()


def test_a_photo_address_is_not_fetched_but_kept_as_an_imported_property(
    member: Member,
) -> None:
    data = vcard("FN:Frida Fink", "PHOTO;VALUE=uri:https://example.de/frida.jpg")
    report = import_file(member, data, "links.vcf")
    assert report.warnings == [
        "links.vcf, line 1: the photo at https://example.de/frida.jpg was not fetched "
        "(nothing is loaded from other hosts); its address is kept with the imported "
        "properties"
    ]
    person = Person.objects.get(given_name="Frida")
    assert list(person.imported_properties.values_list("name", "value")) == [
        ("PHOTO", "https://example.de/frida.jpg")
    ]
    assert not PersonPhoto.objects.exists()


def test_a_merge_adds_a_photo_to_a_person_without_and_keeps_one_already_there(
    member: Member,
) -> None:
    anna = add_person(member, "Anna Schmidt", PersonFields(emails=["anna@example.org"]))
    encoded = base64.b64encode(PNG).decode()
    card = vcard("FN:Anna Schmidt", "EMAIL:anna@example.org", f"PHOTO;ENCODING=b:{encoded}")
    report = import_file(member, card, "a.vcf")
    assert report.outcomes[0].action == "merged" and "photo" in report.outcomes[0].added
    assert bytes(PersonPhoto.objects.get(person=anna).data) == PNG
    other = base64.b64encode(JPEG).decode()
    card = vcard("FN:Anna Schmidt", "EMAIL:anna@example.org", f"PHOTO;ENCODING=b:{other}")
    report = import_file(member, card, "b.vcf")
    assert "photo" not in report.outcomes[0].added
    assert bytes(PersonPhoto.objects.get(person=anna).data) == PNG


def test_a_dry_run_keeps_no_photo(member: Member) -> None:
    encoded = base64.b64encode(PNG).decode()
    import_file(member, vcard("FN:Gerd Gans", f"PHOTO;ENCODING=b:{encoded}"), "x.vcf", dry_run=True)
    assert not PersonPhoto.objects.exists()


def test_the_checks_tell_images_by_their_first_bytes() -> None:
    assert media_type_of(PNG) == "image/png"
    assert media_type_of(JPEG) == "image/jpeg"
    assert media_type_of(b"GIF89a\x01\x00") == "image/gif"
    assert media_type_of(b"RIFF\x10\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert media_type_of(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert decoded_photo("data:image/png;base64," + base64.b64encode(PNG).decode()) == PNG
    with pytest.raises(InvalidInput, match="is empty"):
        checked_photo(b"")


# --- Google Contacts CSV: its "Photo" column ---------------------------------------------

GOOGLE_HEADER = "First Name,Last Name,Photo,E-mail 1 - Label,E-mail 1 - Value"


def google_csv(*rows: str) -> bytes:
    return "\r\n".join([GOOGLE_HEADER, *rows, ""]).encode()


def test_a_google_photo_address_is_not_fetched_but_kept_as_an_imported_property(
    member: Member,
) -> None:
    url = "https://lh3.googleusercontent.com/contacts/AIx4Zk9"
    data = google_csv(f"Hanna,Hell,{url},* Work,hanna@example.org")
    report = import_file(member, data, "contacts.csv")
    assert report.count("created") == 1
    assert report.warnings == [
        f"contacts.csv, line 2: the photo at {url} was not fetched "
        "(nothing is loaded from other hosts); its address is kept with the imported "
        "properties"
    ]
    person = Person.objects.get(given_name="Hanna")
    assert list(person.imported_properties.values_list("name", "value")) == [("Photo", url)]
    assert not PersonPhoto.objects.exists()


def test_a_google_photo_as_a_data_uri_is_kept(member: Member) -> None:
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    data = google_csv(f'Ida,Iltis,"{uri}",,ida@example.org', "Jan,Jansen,,,jan@example.org")
    report = import_file(member, data, "contacts.csv")
    assert report.count("created") == 2 and report.warnings == []
    photo = photo_of(member, "Ida")
    assert (photo.content_type, bytes(photo.data)) == ("image/png", PNG)
    assert not Person.objects.get(given_name="Ida").imported_properties.exists()
    assert not PersonPhoto.objects.filter(person__given_name="Jan").exists()


def test_a_google_photo_that_is_no_image_is_left_out_with_a_note(member: Member) -> None:
    uri = "data:text/plain;base64," + base64.b64encode(b"hello there").decode()
    report = import_file(member, google_csv(f'Karl,Kamm,"{uri}",,karl@example.org'), "c.csv")
    assert report.count("created") == 1
    assert report.warnings == [
        "c.csv, line 2: the photo was not kept (photo: '11 bytes' is not a JPEG, PNG, "
        "GIF or WebP image)"
    ]
    assert not PersonPhoto.objects.exists()
