"""The draft endpoints."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.core.models import Member
from knoten.people.persons import PersonFields, add_person
from tests.api.conftest import ApiClient
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_api_draft_and_templates(api_for: Callable[[Member], ApiClient], world: World) -> None:
    anna = add_person(world.alice, "Anna Adler", PersonFields(form_of_address="du"))
    api = api_for(world.alice)
    got = api.get(f"/api/persons/{anna.pk}/draft", occasion="thanks", lang="en").json()
    assert got["body"].startswith("Dear Anna,") and got["occasion"] == "thanks"
    body = {"occasion": "thanks", "language": "en", "subject": "Ta", "body": "{salutation} ta"}
    assert api.call("put", "/api/draft-templates", body).json()["own"] is True
    assert api.call("put", "/api/draft-templates", {**body, "body": "{x}"}).status_code == 400
    assert (
        api.get(f"/api/persons/{anna.pk}/draft", occasion="thanks", lang="en").json()["subject"]
        == "Ta"
    )
    assert api_for(world.bob).get(f"/api/persons/{anna.pk}/draft").status_code == 404
    assert api.delete("/api/draft-templates", occasion="thanks", language="en").status_code == 204


def test_person_api_sets_gender_and_language(
    api_for: Callable[[Member], ApiClient], world: World
) -> None:
    kim = add_person(world.alice, "Xylofa Berger")
    api = api_for(world.alice)
    done = api.patch(f"/api/persons/{kim.pk}", {"gender": "male", "language": "de"})
    assert done.status_code == 200, done.content
    assert api.get(f"/api/persons/{kim.pk}/draft").json()["salutation"] == (
        "Sehr geehrter Herr Berger,"
    )
