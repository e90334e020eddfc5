"""The upload page and POST /api/import: preview first, then the import; errors name lines."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from knoten.core.models import Member
from knoten.imports.models import ImportRun
from knoten.people.models import Person
from tests.conftest import World

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Öztürk;Ayşe;;;\r\nFN:Ayşe Öztürk\r\n"
    "EMAIL;TYPE=work:ayse@oeztuerk.example\r\nORG:Öztürk & Partner\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Berg;Ben;;;\r\nFN:Ben Berg\r\nEND:VCARD\r\n"
)
BROKEN = CARD + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cem Cakir\r\nBDAY:1980-02-30\r\nEND:VCARD\r\n"


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def upload(client: Client, text: str, **fields: str) -> object:
    data = {"file": SimpleUploadedFile("Kontakte.vcf", text.encode(), "text/vcard"), **fields}
    return client.post("/import/", data)


def test_preview_then_import(member: Member) -> None:
    client = signed_in(member)
    assert client.get("/import/").status_code == 200
    before = Person.objects.count()
    answer = upload(client, CARD)
    assert answer.status_code == 303  # type: ignore[attr-defined]
    preview = client.get(answer["Location"])  # type: ignore[index]
    page = preview.content.decode()
    assert preview.status_code == 200 and "Ayşe Öztürk" in page and "Ben Berg" in page
    assert Person.objects.count() == before  # a preview saves nothing
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    done = client.post("/import/confirm/", {"token": token})
    assert done.status_code == 200 and "The import is saved." in done.content.decode()
    assert Person.objects.count() == before + 2
    assert ImportRun.objects.get().created == 2
    again = client.post("/import/confirm/", {"token": token})
    assert again.status_code == 404  # the upload is gone once imported


def test_an_unreadable_record_is_named_and_nothing_is_kept(
    member: Member, settings: object
) -> None:
    client = signed_in(member)
    answer = upload(client, BROKEN)
    page = answer.content.decode()  # type: ignore[attr-defined]
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert "line 16" in page and "1980-02-30" in page
    skipped = upload(client, BROKEN, skip_invalid="on")
    assert skipped.status_code == 303  # type: ignore[attr-defined]


def test_no_file_and_a_csv_of_no_known_program_say_what_is_missing(member: Member) -> None:
    client = signed_in(member)
    assert "Choose a file" in client.post("/import/", {}).content.decode()
    data = {"file": SimpleUploadedFile("liste.csv", b"Spalte A;Spalte B\r\nx;y\r\n", "text/csv")}
    answer = client.post("/import/", data)
    assert answer.status_code == 400 and "--map" in answer.content.decode()


def test_another_member_cannot_use_the_upload(world: World) -> None:
    alice, bob = signed_in(world.alice), signed_in(world.bob)
    answer = upload(alice, CARD)
    token = answer["Location"].rstrip("/").rsplit("/", 1)[-1]  # type: ignore[index]
    assert bob.get(f"/import/preview/{token}/").status_code == 404
    assert bob.post("/import/confirm/", {"token": token}).status_code == 404
    assert not Person.objects.filter(network_id=world.bob.network_id, family_name="Berg").exists()
    assert alice.get(f"/import/preview/{token}/").status_code == 200
    assert alice.get("/import/preview/..%2F..%2Fsecret_key/").status_code == 404


def test_uploads_are_kept_in_the_data_folder_only_until_imported(
    member: Member, settings: object
) -> None:
    client = signed_in(member)
    token = upload(client, CARD)["Location"].rstrip("/").rsplit("/", 1)[-1]  # type: ignore[index]
    folder = Path(settings.DATA_DIR) / "uploads"  # type: ignore[attr-defined]
    assert (folder / f"{token}.data").exists()
    client.post("/import/confirm/", {"token": token})
    assert not (folder / f"{token}.data").exists()


def test_the_api_imports_and_refuses_with_the_line(member: Member) -> None:
    client = signed_in(member)
    file = SimpleUploadedFile("Kontakte.vcf", CARD.encode(), "text/vcard")
    dry = client.post("/api/import", {"file": file, "dry_run": "true"})
    assert dry.status_code == 200, dry.content
    assert (dry.json()["created"], dry.json()["dry_run"]) == (2, True)
    assert not Person.objects.filter(family_name="Berg").exists()
    file = SimpleUploadedFile("Kontakte.vcf", BROKEN.encode(), "text/vcard")
    refused = client.post("/api/import", {"file": file})
    assert refused.status_code == 400
    assert refused.json()["field"] == "file" and "line 16" in refused.json()["message"]
    file = SimpleUploadedFile("Kontakte.vcf", CARD.encode(), "text/vcard")
    done = client.post("/api/import", {"file": file, "circle": "Messe"})
    assert done.status_code == 200 and done.json()["created"] == 2
    assert Person.objects.filter(circles__name="Messe").count() == 2
