"""Bearer tokens and the web app's session both authenticate; nothing else does."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from knoten.api.tokens import create_token, revoke_token
from knoten.core.models import Member
from tests.api.conftest import ApiClient
from tests.conftest import World


def test_bearer_token_works(world: World, api_for: Callable[[Member], ApiClient]) -> None:
    answer = api_for(world.alice).get("/api/persons")
    assert answer.status_code == 200
    assert [row["name"] for row in answer.json()["items"]] == ["Alice Adler"]


def test_no_wrong_or_revoked_key_gets_401(world: World) -> None:
    token, key = create_token(world.alice)
    assert ApiClient(None).get("/api/persons").status_code == 401
    assert ApiClient("kn_wrong").get("/api/persons").status_code == 401
    assert ApiClient(key + "x").get("/api/persons").status_code == 401
    revoke_token(world.alice, token.pk)
    answer = ApiClient(key).get("/api/persons")
    assert answer.status_code == 401
    assert "message" in answer.json()


def test_session_works(world: World) -> None:
    client = Client()
    client.force_login(world.bob.user)
    answer = client.get("/api/persons")
    assert answer.status_code == 200
    assert [row["name"] for row in answer.json()["items"]] == ["Bob Becker"]
    created = client.post("/api/persons", {"name": "Berta Braun"}, content_type="application/json")
    assert created.status_code == 201


def test_openapi_schema_and_docs_load(db: None) -> None:
    schema = Client().get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/persons",
        "/api/persons/{person_id}",
        "/api/persons/{person_id}/archive",
        "/api/organisations",
        "/api/organisations/{organisation_id}",
        "/api/affiliations",
        "/api/relationships",
        "/api/interactions",
        "/api/promises",
        "/api/promises/{promise_id}/complete",
        "/api/persons/{person_id}/dates",
        "/api/search",
    ):
        assert path in paths
    docs = Client().get("/api/docs")
    assert docs.status_code == 200
    # The page's script and style come from the app itself: the CSP allows no CDN.
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content
    assert b"cdn" not in docs.content.lower()
