"""Schemathesis against the API's own OpenAPI schema: every operation, valid and invalid input.

Each operation in ``knoten.api.site.api`` (read when the tests are collected, so an
operation added later is covered without editing this file) gets a bounded number of
generated requests, valid ones and ones that break the schema, sent through the Django
WSGI app as a member with data. Every answer must be no server error, have a documented
status code, and match the schema documented for that status.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import DataError, close_old_connections
from django.test import RequestFactory
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    ensure_resource_availability,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
    use_after_free,
)

from knoten.api.site import api
from knoten.api.tokens import create_token
from knoten.journal import conversations, events, projects
from knoten.people import persons, relationships
from knoten.wsgi import application
from tests.api.test_operation_walk import Operation, path_kinds
from tests.conftest import World
from tests.isolation_helpers import alices_world

# Examples per operation and generation mode: a fixed budget shared by all operations
# (at least a few each), so the file stays under about 90 s as operations are added.
BUDGET = 900

# Operations left out, each for a bug in an endpoint this file's owner does not own.
# Key: "METHOD /api/path" (as in the failure's === heading); value: the bug, to be fixed
# and then removed from here.
EXCLUDED: dict[str, str] = {}

# Checks left out for one operation, each for a rule the server enforces that no JSON
# Schema can say (so a schema-valid request may rightly be refused: 400 naming it).
# Key: "METHOD /api/path"; value: the check's name and why.
CROSS_FIELD = "a rule between fields or on the data: {}"
ACCEPTANCE = "positive_data_acceptance"
UNCHECKED: dict[str, dict[str, str]] = {
    "PUT /api/cadences": {
        ACCEPTANCE: CROSS_FIELD.format("exactly one of person, circle, importance")
    },
    "DELETE /api/cadences": {
        ACCEPTANCE: CROSS_FIELD.format("exactly one of person, circle, importance")
    },
    "POST /api/channel-costs": {
        ACCEPTANCE: CROSS_FIELD.format("exactly one of event, organisation, circle")
    },
    "POST /api/duplicates/dismiss": {ACCEPTANCE: CROSS_FIELD.format("a and b are two persons")},
    "POST /api/duplicates/merge": {
        ACCEPTANCE: CROSS_FIELD.format("keep and other are two persons")
    },
    "POST /api/favours": {ACCEPTANCE: CROSS_FIELD.format("giver and receiver are two persons")},
    "POST /api/recommendations": {
        ACCEPTANCE: CROSS_FIELD.format("recommender, recipient and beneficiary are three persons")
    },
    "POST /api/favours/{favour_id}/outcome": {
        ACCEPTANCE: CROSS_FIELD.format("a value only with the outcome won")
    },
    "POST /api/recommendations/{recommendation_id}/outcome": {
        ACCEPTANCE: CROSS_FIELD.format("a value only with the outcome won")
    },
    "POST /api/favours/{favour_id}/thank": {
        ACCEPTANCE: CROSS_FIELD.format("thanked not before the favour was done")
    },
    "POST /api/events": {ACCEPTANCE: CROSS_FIELD.format("an end needs a start, and not before it")},
    "PATCH /api/events/{event_id}": {
        ACCEPTANCE: CROSS_FIELD.format("an end needs a start, and not before it")
    },
    "POST /api/projects": {ACCEPTANCE: CROSS_FIELD.format("the end not before the start")},
    "PATCH /api/projects/{project_id}": {
        ACCEPTANCE: CROSS_FIELD.format("the end not before the start")
    },
    "POST /api/affiliations/{affiliation_id}/end": {
        ACCEPTANCE: CROSS_FIELD.format("an affiliation ends once")
    },
    "POST /api/promises/{promise_id}/complete": {
        ACCEPTANCE: CROSS_FIELD.format("a promise is kept once")
    },
    "POST /api/promises/{promise_id}/reopen": {
        ACCEPTANCE: CROSS_FIELD.format("only a kept promise reopens")
    },
    "POST /api/persons/{person_id}/contact-points": {
        ACCEPTANCE: CROSS_FIELD.format("the value is an address of its kind (e-mail, phone, web)")
    },
    "PATCH /api/contact-points/{point_id}": {
        ACCEPTANCE: CROSS_FIELD.format("the value is an address of the point's kind")
    },
    "POST /api/persons": {
        ACCEPTANCE: CROSS_FIELD.format(
            "e-mails, phones and websites are addresses of their kind; a title needs an "
            "organisation; met_via is someone else"
        )
    },
    "PATCH /api/persons/{person_id}": {
        ACCEPTANCE: CROSS_FIELD.format(
            "e-mails, phones and websites are addresses of their kind; a title needs an "
            "organisation; met_via is someone else"
        )
    },
    "POST /api/share": {ACCEPTANCE: CROSS_FIELD.format("the people are others than me")},
    "POST /api/relationships": {ACCEPTANCE: CROSS_FIELD.format("a and b are two persons")},
    "POST /api/organisations": {
        ACCEPTANCE: CROSS_FIELD.format("a website is a web address; names are unique")
    },
    "PATCH /api/organisations/{organisation_id}": {
        ACCEPTANCE: CROSS_FIELD.format("a website is a web address; names are unique")
    },
    "POST /api/events/{event_id}/capture": {
        ACCEPTANCE: CROSS_FIELD.format("a name or a person_id")
    },
    "POST /api/notes": {
        ACCEPTANCE: CROSS_FIELD.format("every question of the note's plan answered")
    },
    "POST /api/import": {ACCEPTANCE: CROSS_FIELD.format("the file is a vCard or CSV file")},
    "POST /api/mail/import": {ACCEPTANCE: CROSS_FIELD.format("the file is an mbox file")},
    "POST /api/calendar/import": {ACCEPTANCE: CROSS_FIELD.format("the file is an iCalendar file")},
}

pytestmark = pytest.mark.django_db(transaction=True)

RAW = api.get_openapi_schema()
SCHEMA = schemathesis.openapi.from_dict(RAW)
# The checks that send requests of their own (``ignored_auth`` without the token, say)
# send them to the same WSGI app.
SCHEMA.app = application


def _operations() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for result in SCHEMA.get_all_operations():
        operation = result.ok()
        found[f"{operation.method.upper()} {operation.path}"] = operation
    return found


OPERATIONS = _operations()
EXAMPLES = min(15, max(4, BUDGET // (2 * max(1, len(OPERATIONS)))))

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    missing_required_header,
    unsupported_method,
    ignored_auth,
    use_after_free,
    ensure_resource_availability,
]


@pytest.fixture
def same_connection() -> Iterator[None]:
    """Keep the test's database connection across requests through the WSGI app.

    Django closes old connections when a request starts and finishes; that would end
    the test's transaction. Its own test client turns this off the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(world: World, same_connection: None) -> dict[str, str]:
    """Alice, with some of everything, as ``Authorization`` headers."""
    alice = world.alice
    anna = persons.add_person(
        alice,
        "Anna Schmidt",
        persons.PersonFields(
            org="ACME GmbH", title="CFO", emails=["anna@acme.test"], tags=["vip"], skills=["Tax"]
        ),
    )
    ben = persons.add_person(alice, "Ben Braun", persons.PersonFields(birthday="1980-03-14"))
    relationships.relate(alice, anna, ben, "colleague")
    events.add_event(alice, "ACME Messe", attendees=[str(anna.pk)])
    projects.add_project(alice, "ACME Umbau", participants=[str(ben.pk)])
    conversations.log_interaction(
        alice, "Lunch about taxes", participants=[anna], promises=["send the offer by 2030-01-01"]
    )
    _, key = create_token(alice, "schemathesis")
    return {"Authorization": f"Bearer {key}"}


def test_the_schema_has_operations() -> None:
    assert len(OPERATIONS) >= 10, sorted(OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation(mode: GenerationMode, bearer: dict[str, str]) -> None:
    """One test per mode over all operations (one data set); every failure is reported."""
    failures: list[str] = []
    cases = 0
    for label, operation in sorted(OPERATIONS.items()):
        if label in EXCLUDED:
            continue
        try:
            cases += _fuzz(operation, mode, bearer)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis: a group
            failures.append(f"=== {label} ({mode.value}) ===\n{exc}")
    assert not failures, "\n\n".join(failures)
    assert cases >= MIN_CASES, cases


# Reads first and deletions last, so one operation's example leaves the objects the
# next one is aimed at.
METHOD_ORDER = {"GET": 0, "POST": 1, "PUT": 2, "PATCH": 3, "DELETE": 4}


def test_every_operation_on_alices_own_objects(world: World, bearer: dict[str, str]) -> None:
    """Valid input aimed at objects that exist, so the success answers are checked too."""
    objects = alices_world(world.alice)
    failures: list[str] = []
    ordered = sorted(
        OPERATIONS.items(), key=lambda item: (METHOD_ORDER[item[1].method.upper()], item[0])
    )
    cases = 0
    for label, operation in ordered:
        if label in EXCLUDED:
            continue
        raw = RAW["paths"][operation.path][operation.method.lower()]
        walked = Operation(operation.method.upper(), operation.path, raw)
        ids = {name: objects[kind] for name, kind in path_kinds(walked).items()}
        try:
            cases += _fuzz(operation, GenerationMode.POSITIVE, bearer, path_parameters=ids)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis: a group
            failures.append(f"=== {label} (on Alice's objects) ===\n{exc}")
    assert not failures, "\n\n".join(failures)
    assert cases >= MIN_CASES, cases


# Cases each of the three fuzzing tests sends at least (in all, over 1,000).
MIN_CASES = 340


def _fuzz(
    operation: Any,
    mode: GenerationMode,
    headers: dict[str, str],
    path_parameters: dict[str, Any] | None = None,
) -> int:
    """Fuzz one operation with every check but its :data:`UNCHECKED` ones; the number of
    cases sent."""
    label = f"{operation.method.upper()} {operation.path}"
    checks = [check for check in CHECKS if check.__name__ not in UNCHECKED.get(label, {})]
    sent = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    def run(case: schemathesis.Case) -> None:
        nonlocal sent
        sent += 1
        case.call_and_validate(app=application, headers=headers, checks=checks)

    run()
    return sent


# --- values every operation must refuse cleanly ---------------------------------------

TOO_BIG = 2**63  # one past the largest id a 64-bit integer column holds
WITH_NUL = "a\x00b"  # PostgreSQL stores no NUL character in text


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = RAW["components"]["schemas"][name]
    return schema


def _types(schema: dict[str, Any]) -> set[str]:
    schema = _resolve(schema)
    found = {schema["type"]} if isinstance(schema.get("type"), str) else set()
    for choice in schema.get("anyOf", []) + schema.get("oneOf", []):
        found |= _types(choice)
    return found


def _edge(schema: dict[str, Any], variant: str) -> Any:
    """A value for ``schema``: a too-big integer or a string with NUL where allowed."""
    types = _types(schema)
    if variant == "big" and "integer" in types:
        return TOO_BIG
    if "string" in types:
        return WITH_NUL if variant == "nul" else "x"
    if "integer" in types:
        return 1
    if "array" in types:
        items = next(
            (
                _resolve(c).get("items", {})
                for c in [schema, *schema.get("anyOf", [])]
                if "array" in _types(c)
            ),
            {},
        )
        return [_edge(items, variant)]
    if "boolean" in types:
        return True
    if "object" in types:
        return _body(schema, variant)
    return None


def _body(schema: dict[str, Any], variant: str) -> dict[str, Any]:
    schema = _resolve(schema)
    return {name: _edge(prop, variant) for name, prop in schema.get("properties", {}).items()}


@pytest.mark.parametrize("variant", ["big", "nul"])
def test_too_big_ids_and_nul_characters_are_refused_not_errors(
    variant: str, bearer: dict[str, str]
) -> None:
    """2**63 in every integer and NUL in every string: a 400 or 404 naming it, never a 5xx."""
    failures: list[str] = []
    for label, operation in sorted(OPERATIONS.items()):
        if label in EXCLUDED:
            continue
        method, path = label.split(" ", 1)
        raw = RAW["paths"][path][method.lower()]
        parameters = raw.get("parameters", [])
        path_values = {
            p["name"]: _edge(p.get("schema", {}), variant) for p in parameters if p["in"] == "path"
        }
        # A path can't carry NUL through the WSGI app's URL; give it a plain id then.
        path_values = {k: (1 if v == WITH_NUL else v) for k, v in path_values.items()}
        query = {
            p["name"]: _edge(p.get("schema", {}), variant) for p in parameters if p["in"] == "query"
        }
        query = {k: v for k, v in query.items() if v is not None}
        content = raw.get("requestBody", {}).get("content", {}).get("application/json")
        body = _body(content["schema"], variant) if content else None
        case = operation.Case(
            path_parameters=path_values,
            query=query or None,
            **({"body": body, "media_type": "application/json"} if content else {}),
        )
        try:
            case.call_and_validate(app=application, headers=bearer, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis: a group
            failures.append(f"=== {label} ({variant}) ===\n{exc}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(
    "error",
    [
        OverflowError("Python int too large to convert to SQLite INTEGER"),
        DataError("value out of range for type bigint"),
        DataError("A string literal cannot contain NUL (0x00) characters."),
    ],
)
def test_what_the_database_refuses_is_a_400_not_a_500(error: Exception) -> None:
    """The one global net under every operation: such input is the caller's mistake."""
    response = api.on_exception(RequestFactory().get("/api/persons/1"), error)
    assert response.status_code == 400
    answer = json.loads(response.content)
    assert str(error).splitlines()[0] in answer["message"]
