"""The API's export, person export and forget; the /export/ page."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
import vobject
from django.test import Client
from django.urls import reverse

from knoten.api.tokens import create_token
from knoten.core.models import Member
from knoten.people.models import Person
from tests.api.conftest import ApiClient
from tests.exports.conftest import Rich

ApiFor = Callable[[Member], ApiClient]


def _body(answer: Any) -> str:
    """A download's text (downloads are streamed a piece at a time)."""
    assert answer.streaming, "an export is streamed, not held whole"
    return b"".join(answer.streaming_content).decode("utf-8")


@pytest.fixture
def api_for() -> ApiFor:
    def make(member: Member) -> ApiClient:
        _, key = create_token(member, "test")
        return ApiClient(key)

    return make


def test_export_downloads_each_format(rich: Rich, api_for: ApiFor) -> None:
    api = api_for(rich.alice)
    answer = api.get("/api/export", format="json")
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="knoten.json"'
    assert len(json.loads(_body(answer))["models"]["people.person"]) == 6
    answer = api.get("/api/export", format="vcard", circle="Kunden")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/vcard")
    names = {c.fn.value for c in vobject.readComponents(_body(answer))}
    assert names == {"Prof. Dr. Jürgen Müller", "Xaver Quendolin"}
    answer = api.get("/api/export", format="csv")
    rows = list(csv.DictReader(io.StringIO(_body(answer))))
    assert len(rows) == 6
    bad = api.get("/api/export", format="pdf")
    assert bad.status_code == 400 and bad.json()["field"] == "format"
    bad = api.get("/api/export", format="vcard", circle="Golfclub")
    assert 400 <= bad.status_code < 500


def test_person_export_plan_and_forget(rich: Rich, api_for: ApiFor) -> None:
    api = api_for(rich.alice)
    xaver = rich.xaver.pk
    data = api.get(f"/api/persons/{xaver}/export").json()
    assert data["person"]["family_name"] == "Quendolin"
    plan = api.get(f"/api/persons/{xaver}/forget-plan").json()
    assert plan["deleted"]["persons"] == 1
    refused = api.post(f"/api/persons/{xaver}/forget", {"confirm": False})
    assert refused.status_code == 400 and refused.json()["field"] == "confirm"
    assert Person.objects.filter(pk=xaver).exists()
    done = api.post(f"/api/persons/{xaver}/forget", {"confirm": True})
    assert done.status_code == 200, done.content
    assert not Person.objects.filter(pk=xaver).exists()
    again = api.post(f"/api/persons/{xaver}/forget", {"confirm": True})
    assert again.status_code == 404
    me = api.post(f"/api/persons/{rich.alice.person_id}/forget", {"confirm": True})
    assert me.status_code == 400


def test_bob_sees_and_forgets_nothing_of_alices(rich: Rich, api_for: ApiFor) -> None:
    bob = api_for(Member.objects.get(user__username="bob"))
    xaver = rich.xaver.pk
    assert bob.get(f"/api/persons/{xaver}/export").status_code == 404
    assert bob.get(f"/api/persons/{xaver}/forget-plan").status_code == 404
    assert bob.post(f"/api/persons/{xaver}/forget", {"confirm": True}).status_code == 404
    exported = _body(bob.get("/api/export", format="json"))
    for word in ("Quendolin", "Müller", "Fraunhofer", "Hannover Messe", "Steuerberater"):
        assert word not in exported
    assert "Quendolin" not in _body(bob.get("/api/export", format="vcard"))
    assert Person.objects.filter(pk=xaver).exists()


def _signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def test_export_page_offers_the_formats_circles_and_backup(rich: Rich) -> None:
    client = _signed_in(rich.alice)
    page = client.get(reverse("exports:export"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "vCard 4.0" in text and "Google Contacts" in text and "JSON" in text
    assert "knoten backup" in text and "knoten restore" in text
    assert '<option value="clients">' in text
    download = client.get(reverse("exports:download"), {"format": "vcard", "circle": "clients"})
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="knoten.vcf"'
    assert _body(download).count("BEGIN:VCARD") == 2
    bad = client.get(reverse("exports:download"), {"format": "pdf"})
    assert bad.status_code == 400 and "is not one of" in bad.content.decode()


def test_the_page_needs_sign_in(rich: Rich) -> None:
    answer = Client().get(reverse("exports:download"), {"format": "json"})
    assert answer.status_code == 302
