"""A strict API: a body is a JSON object of known fields, and every error answers JSON.

The walks read the write operations from the OpenAPI schema, so an operation added later
is walked without editing this file. Each call aims at Alice's own objects (so a path
that exists) and must be refused with a 400 JSON error that changes nothing.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from knoten.api.site import api
from knoten.people.models import Person
from tests.api.conftest import ApiClient
from tests.api.test_operation_walk import OPERATIONS, Operation, body, path_kinds
from tests.conftest import World
from tests.isolation_helpers import Objects, alices_world, changed, snapshot

RAW = api.get_openapi_schema()

JSON_WRITES = [op for op in OPERATIONS if op.body_schema is not None]
NOT_OBJECTS = [[], [None, None], None, "x", 3, True]


@pytest.fixture
def alice(world: World, api_for: Any) -> tuple[World, Objects, ApiClient]:
    return world, alices_world(world.alice), api_for(world.alice)


def _path(operation: Operation, objects: Objects) -> str:
    path = operation.path
    for name, kind in path_kinds(operation).items():
        path = path.replace("{" + name + "}", str(objects[kind]))
    return path


def _send(client: ApiClient, method: str, path: str, raw: str, content_type: str) -> Any:
    send = getattr(client.client, method.lower())
    return send(path, raw, content_type=content_type, headers=client.headers)


def test_there_are_json_write_operations() -> None:
    assert len(JSON_WRITES) >= 40, [op.label for op in JSON_WRITES]


def test_a_body_that_is_not_an_object_is_refused_and_changes_nothing(
    alice: tuple[World, Objects, ApiClient],
) -> None:
    world, objects, client = alice
    before = snapshot(world.alice.network)
    problems = []
    for operation in JSON_WRITES:
        path = _path(operation, objects)
        for value in NOT_OBJECTS:
            response = _send(client, operation.method, path, json.dumps(value), "application/json")
            where = f"{operation.label} with {json.dumps(value)}"
            if response.status_code not in (400, 422):
                problems.append(f"{where}: {response.status_code} {response.content[:200]!r}")
                continue
            answer = response.json()
            if answer.get("field") != "body" or "JSON object" not in answer.get("message", ""):
                problems.append(f"{where}: the answer does not name the body: {answer}")
    assert not problems, "\n".join(problems)
    assert not changed(before, snapshot(world.alice.network))


def test_patching_a_person_with_an_array_leaves_them_as_they_were(
    alice: tuple[World, Objects, ApiClient],
) -> None:
    _, objects, client = alice
    before = Person.objects.get(pk=objects["person"]).updated_at
    response = client.patch(f"/api/persons/{objects['person']}", [None, None])
    assert response.status_code == 400, response.content
    assert response.json()["message"] == "body: must be a JSON object, not an array"
    assert Person.objects.get(pk=objects["person"]).updated_at == before


def test_an_unknown_field_is_refused_naming_it_on_every_write(
    alice: tuple[World, Objects, ApiClient],
) -> None:
    world, objects, client = alice
    before = snapshot(world.alice.network)
    problems = []
    for operation in JSON_WRITES:
        path = _path(operation, objects)
        sent = body(operation, {"alice": objects}, lambda name: "alice") or {}
        sent["zyx_unknown"] = "x"
        response = _send(client, operation.method, path, json.dumps(sent), "application/json")
        where = f"{operation.label} with {sent}"
        if response.status_code != 400:
            problems.append(f"{where}: {response.status_code} {response.content[:300]!r}")
            continue
        answer = response.json()
        if answer.get("field") != "zyx_unknown" or "unknown field" not in answer["message"]:
            problems.append(f"{where}: the answer does not name the field: {answer}")
    assert not problems, "\n".join(problems)
    assert not changed(before, snapshot(world.alice.network))


def test_a_person_posted_with_notes_keeps_them_and_note_is_refused(
    alice: tuple[World, Objects, ApiClient],
) -> None:
    """``notes`` is the name a person's notes are read back under, and written under."""
    world, _, client = alice
    created = client.post("/api/persons", {"name": "Nora Neu", "notes": "met at the fair"})
    assert created.status_code == 201, created.content
    assert client.get(f"/api/persons/{created.json()['id']}").json()["notes"] == "met at the fair"
    count = Person.objects.filter(network=world.alice.network).count()
    response = client.post("/api/persons", {"name": "Olga Alt", "note": "lost"})
    assert response.status_code == 400, response.content
    answer = response.json()
    assert answer["field"] == "note"
    assert answer["reason"] == "is an unknown field (did you mean 'notes'?)"
    assert Person.objects.filter(network=world.alice.network).count() == count


def test_what_a_record_reads_back_as_it_is_written_under_the_same_name(
    alice: tuple[World, Objects, ApiClient],
) -> None:
    """The fields a GET of a record answers and its PATCH takes share their names: no
    field is written under one name and read back under another (``note``/``notes``)."""
    _, objects, client = alice
    problems = []
    reads = {op.path for op in OPERATIONS if op.method == "GET"}
    patches = [op for op in JSON_WRITES if op.method == "PATCH" and op.path in reads]
    assert len(patches) >= 10, [op.label for op in patches]
    for operation in patches:
        response = client.get(_path(operation, objects))
        assert response.status_code == 200, (operation.label, response.content)
        read = set(response.json())
        written = set((operation.body_schema or {}).get("properties", {}))
        for name in sorted(written - read):
            near = [r for r in read if r.rstrip("s") == name.rstrip("s")]
            if near:
                problems.append(f"{operation.label}: writes {name!r} but reads {near}")
    assert not problems, "\n".join(problems)


def test_a_multipart_upload_without_a_boundary_answers_json(
    alice: tuple[World, Objects, ApiClient], caplog: pytest.LogCaptureFixture
) -> None:
    _, _, client = alice
    caplog.set_level(logging.DEBUG)
    for path in ("/api/import", "/api/mail/import", "/api/calendar/import"):
        response = _send(client, "post", path, "--x\r\n", "multipart/form-data")
        assert response.status_code == 400, (path, response.content)
        assert response["Content-Type"].startswith("application/json")
        answer = response.json()
        assert answer["field"] == "body"
        assert "multipart" in answer["message"]
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/api/interactions/{}", "interaction"),
        ("/api/favours/{}", "favour"),
        ("/api/recommendations/{}", "recommendation"),
    ],
)
def test_a_record_read_with_a_date_is_written_with_a_date(
    alice: tuple[World, Objects, ApiClient], path: str, kind: str
) -> None:
    """Conversations, favours and recommendations read their day as ``date``: a PATCH
    takes ``date`` and refuses ``on``, and a bad day is named ``date``."""
    _, objects, client = alice
    url = path.format(objects[kind])
    changed = client.patch(url, {"date": "2024-05-02"})
    assert changed.status_code == 200, changed.content
    assert client.get(url).json()["date"] == "2024-05-02"
    old_name = client.patch(url, {"on": "2024-05-03"})
    assert old_name.status_code == 400 and old_name.json()["field"] == "on"
    future = client.patch(url, {"date": "2099-01-01"})
    if future.status_code == 400:
        assert future.json()["field"] == "date", future.json()
    assert client.get(url).json()["date"] in ("2024-05-02", "2099-01-01")
