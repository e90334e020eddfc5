"""Drafts from the command line, the API and the web page."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from knoten.core.models import Member
from knoten.people.models import Person
from knoten.people.persons import PersonFields, add_person
from tests.conftest import CliResult, World

pytestmark = pytest.mark.django_db


def test_cli_draft_and_templates(cli: Callable[..., CliResult], world: World) -> None:
    add_person(world.alice, "Anna Adler", PersonFields(form_of_address="du"))
    shown = cli("draft", "Anna Adler", "--occasion", "Geburtstag", "--lang", "de", "--json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["body"].startswith("Liebe Anna,")
    set_ = cli(
        "draft", "template", "set", "birthday", "--lang", "de", "--address", "du",
        "--subject", "Hoch!", "--body", "{salutation} Prost!",
    )  # fmt: skip
    assert set_.exit_code == 0, set_.stderr
    rows = json.loads(cli("draft", "templates", "--json").stdout)
    assert any(r["own"] and r["subject"] == "Hoch!" for r in rows)
    bad = cli("draft", "template", "set", "birthday", "--lang", "de", "--body", "{hobby}")
    assert bad.exit_code == 2 and "hobby" in bad.stderr
    assert (
        cli("draft", "template", "reset", "birthday", "--lang", "de", "--address", "du").exit_code
        == 0
    )
    assert not any(r["own"] for r in json.loads(cli("draft", "templates", "--json").stdout))


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def test_draft_page_gender_buttons_and_mark_sent(world: World) -> None:
    kim = add_person(world.alice, "Xylofa Berger", PersonFields(emails=["kim@example.org"]))
    web = signed_in(world.alice)
    page = web.get(f"/people/{kim.pk}/draft/?lang=de")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Guten Tag Xylofa Berger," in text and "mailto:kim@example.org" in text
    assert 'name="gender" value="female"' in text
    web.post(f"/people/{kim.pk}/draft/gender/", {"gender": "female", "lang": "de"})
    assert Person.objects.get(pk=kim.pk).gender == "female"
    assert (
        "Sehr geehrte Frau Berger," in web.get(f"/people/{kim.pk}/draft/?lang=de").content.decode()
    )
    sent = web.post(f"/people/{kim.pk}/draft/sent/", {"subject": "Hallo", "key": ""})
    assert sent.status_code == 302
    assert signed_in(world.bob).get(f"/people/{kim.pk}/draft/").status_code == 404
    assert web.get("/drafts/templates/").status_code == 200


def test_person_edit_takes_gender_and_language(cli: Callable[..., CliResult], world: World) -> None:
    kim = add_person(world.alice, "Xylofa Berger")
    done = cli("person", "edit", str(kim.pk), "--gender", "weiblich", "--language", "en")
    assert done.exit_code == 0, done.stderr
    kim.refresh_from_db()
    assert (kim.gender, kim.language) == ("female", "en")
    bad = cli("person", "edit", str(kim.pk), "--gender", "robot")
    assert bad.exit_code == 2 and "gender" in bad.stderr
    kim.refresh_from_db()
    assert kim.gender == "female"


def test_person_page_basics_form_sets_gender_and_language(world: World) -> None:
    kim = add_person(world.alice, "Xylofa Berger")
    web = signed_in(world.alice)
    url = reverse("web:person_form", kwargs={"person_id": kim.pk, "form_name": "basics"})
    form = web.get(url)
    assert 'name="gender"' in form.content.decode()
    posted = {"name": "Xylofa Berger", "gender": "diverse", "language": "en", "importance": "3"}
    web.post(url, posted)
    kim.refresh_from_db()
    assert (kim.gender, kim.language) == ("diverse", "en")
