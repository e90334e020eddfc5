"""A busy database shows a plain 503 page ("busy, try again") instead of a server error."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from knoten.people.models import Person
from knoten.web import views
from tests.conftest import World


def _locked(*_: Any, **__: Any) -> Any:
    raise OperationalError("database is locked")


def _broken(*_: Any, **__: Any) -> Any:
    raise OperationalError("no such table: people_person")


def test_a_locked_database_shows_the_busy_page(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = Client()
    client.force_login(world.alice.user)
    monkeypatch.setattr(views, "add_person", _locked)
    answer = client.post(reverse("web:person_add"), {"name": "Dora Diehl"})
    assert answer.status_code == 503
    assert answer["Retry-After"] == "2"
    assert answer["Content-Type"].startswith("text/html")
    page = answer.content.decode()
    assert "Busy, try again" in page and "has not saved anything" in page
    assert not Person.objects.filter(given_name="Dora").exists()


def test_an_api_path_outside_the_api_s_handlers_gets_json(world: World) -> None:
    from knoten.web.middleware import BusyDatabaseMiddleware

    request = Client().get("/").wsgi_request
    request.path_info = "/api/persons"
    middleware = BusyDatabaseMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
    answer = middleware.process_exception(request, OperationalError("database is locked"))
    assert answer is not None and answer.status_code == 503
    assert answer["Content-Type"] == "application/json"
    assert b"busy, try again" in answer.content
    assert middleware.process_exception(request, OperationalError("disk I/O error")) is None


def test_another_database_error_is_left_alone(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = Client()
    client.force_login(world.alice.user)
    monkeypatch.setattr(views, "add_person", _broken)
    with pytest.raises(OperationalError, match="no such table"):
        client.post(reverse("web:person_add"), {"name": "Dora Diehl"})
