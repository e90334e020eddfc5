"""A busy database answers JSON 503 with Retry-After, never an HTML server error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError

from knoten.core.models import Member
from knoten.people import persons
from knoten.people.models import Person
from tests.api.conftest import ApiClient
from tests.conftest import World


def _raising(message: str) -> Callable[..., Any]:
    def fail(*_: Any, **__: Any) -> Any:
        raise OperationalError(message)

    return fail


def test_a_locked_database_answers_503_json(
    world: World, api_for: Callable[[Member], ApiClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = api_for(world.alice)
    monkeypatch.setattr(persons, "add_person", _raising("database is locked"))
    answer = client.post("/api/persons", {"name": "Dora Diehl"})
    assert answer.status_code == 503
    assert answer["Content-Type"].startswith("application/json")
    assert answer["Retry-After"] == "2"
    body = answer.json()
    assert body["detail"] == "busy, try again"
    assert "try again" in body["message"]
    assert not Person.objects.filter(given_name="Dora").exists()


def test_another_database_error_is_not_called_busy(
    world: World, api_for: Callable[[Member], ApiClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = api_for(world.alice)
    monkeypatch.setattr(persons, "add_person", _raising("disk I/O error"))
    with pytest.raises(OperationalError, match="disk I/O"):
        client.post("/api/persons", {"name": "Dora Diehl"})


def test_the_schema_documents_the_503(world: World) -> None:
    schema = ApiClient(None).get("/api/openapi.json").json()
    responses = schema["paths"]["/api/persons"]["post"]["responses"]
    assert "Retry-After" in responses["503"]["description"]
