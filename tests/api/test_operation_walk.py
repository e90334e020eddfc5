"""Every operation of the API, as Bob, aimed at Alice's objects: nothing of hers, ever.

The walk reads the operations from the OpenAPI schema, so an operation added later is
walked without editing this file. Each path parameter is filled with Alice's object of
the kind its name (or the path's resource segment) says; a parameter or body field the
walk can't place fails the test, naming it, so nothing new slips through unguarded.

Bob must get 404 for anything of Alice's in the path, 400/404/422 for her ids in a
query or body, never a 2xx; his lists and searches show none of her words; and no row
of either network changes. Without a token every operation answers 401.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from knoten.api.site import api
from knoten.api.tokens import create_token
from knoten.core.models import Member
from tests.api.conftest import ApiClient
from tests.conftest import World
from tests.isolation_helpers import (
    ALICES_WORDS,
    Objects,
    alices_world,
    bobs_world,
    body_text,
    changed,
    cross_network_references,
    snapshot,
)

RAW = api.get_openapi_schema()

# Which object a path parameter names, by its name…
PARAMETER_KINDS = {
    "job_id": "job",
    "person_id": "person",
    "organisation_id": "organisation",
    "org_id": "organisation",
    "affiliation_id": "affiliation",
    "relationship_id": "relationship",
    "date_id": "date",
    "important_date_id": "date",
    "point_id": "contact point",
    "contact_point_id": "contact point",
    "contact_id": "contact point",
    "interaction_id": "interaction",
    "promise_id": "promise",
    "event_id": "event",
    "project_id": "project",
    "favour_id": "favour",
    "recommendation_id": "recommendation",
    "cost_id": "channel cost",
}
# …or, for a name like ``id``, by the resource segment just before it.
SEGMENT_KINDS = {
    "jobs": "job",
    "persons": "person",
    "people": "person",
    "organisations": "organisation",
    "affiliations": "affiliation",
    "relationships": "relationship",
    "dates": "date",
    "contact-points": "contact point",
    "interactions": "interaction",
    "promises": "promise",
    "events": "event",
    "projects": "project",
    "attendance": "person",
    "roles": "person",
    "favours": "favour",
    "recommendations": "recommendation",
    "channel-costs": "channel cost",
}

# Body and query fields that name another object, and the kind they name.
REFERENCE_FIELDS = {
    "person": "person",
    "a": "person",
    "b": "second person",
    "keep": "person",
    "other": "second person",
    "participants": "person",
    "attendees": "person",
    "people": "person",
    "met_via": "person",
    "debtor": "person",
    "creditor": "person",
    "organisation": "organisation",
    "organiser": "organisation",
    "event": "event",
    "met_at": "event",
    "interaction": "interaction",
    "project": "project",
    "giver": "person",
    "receiver": "second person",
    "recommender": "person",
    "recipient": "second person",
    "beneficiary": "me",
    "target": "second person",
    "via": "person",
    "avoid": "person",
    "around": "person",
    "path": "person",
}

# A field named like a path parameter (``person_id``) names the same kind of object.
REFERENCE_FIELDS.update(PARAMETER_KINDS)
# Query parameters the walk fills itself (lists and searches); any other required one,
# or any field named like an id that REFERENCE_FIELDS lacks, fails the walk.
KNOWN_QUERY = {"q", "topic"}
# Required query parameters that name no object (the words of a draft to reset).
KNOWN_QUERY |= {"occasion", "language"}
ID_LIKE = re.compile(r"(^|_)ids?$")


def unplaced(operation: Operation) -> list[str]:
    """Query or body fields of ``operation`` the walk would not know how to aim."""
    query = operation.parameters("query")
    body_fields = list((operation.body_schema or {}).get("properties", {}))
    found = [
        f"query parameter {p['name']!r} (required)"
        for p in query
        if p.get("required") and p["name"] not in REFERENCE_FIELDS | dict.fromkeys(KNOWN_QUERY)
    ]
    for name in [p["name"] for p in query] + body_fields:
        if ID_LIKE.search(name) and name not in REFERENCE_FIELDS:
            found.append(f"field {name!r} (looks like an id)")
    return [f"{operation.label}: the walk can't place {what}" for what in found]


# A valid value for a required field that names nothing, by the path's resource.
KIND_BY_RESOURCE = {
    "contact-points": "email",
    "dates": "birthday",
    "affiliations": "job",
    "relationships": "friend",
    "interactions": "meeting",
    "events": "conference",
    "organisations": "company",
    "favours": "tip",
}
STATUS_BY_RESOURCE = {"attendance": "met", "projects": "planned"}
PLAIN_VALUES: dict[str, Any] = {
    "name": "Bobs Neues",
    "until": "1 week",
    "summary": "Bobs Notiz",
    "text": "Bobs Versprechen",
    "date": "--03-14",
    "value": "neu@bob.test",
    "role": "Helfer",
    "archived": True,
    "on": "2024-05-01",
    "end": "2024",
    "outcome": "contact made",
    "note": "Bobs Tipp",
    "key": "thanks:favour=1",
    "kind": "thanks",
    "occasion": "thanks",
    "language": "en",
    "body": "{salutation} Bob",
    "confirm": True,
}


@dataclass
class Operation:
    method: str
    path: str
    schema: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    def parameters(self, where: str) -> list[dict[str, Any]]:
        return [p for p in self.schema.get("parameters", []) if p["in"] == where]

    @property
    def path_names(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)

    @property
    def body_schema(self) -> dict[str, Any] | None:
        content = self.schema.get("requestBody", {}).get("content", {})
        media = content.get("application/json")
        return _resolve(media["schema"]) if media else None


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = RAW["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _types(schema: dict[str, Any]) -> set[str]:
    schema = _resolve(schema)
    found = {schema["type"]} if isinstance(schema.get("type"), str) else set()
    for choice in schema.get("anyOf", []) + schema.get("oneOf", []):
        found |= _types(choice)
    return found


OPERATIONS = [
    Operation(method.upper(), path, schema)
    for path, methods in RAW["paths"].items()
    for method, schema in methods.items()
]


def path_kinds(operation: Operation) -> dict[str, str]:
    """The kind of object each path parameter names; fails on one it can't tell."""
    kinds = {}
    segments = operation.path.split("/")
    for name in operation.path_names:
        before = segments[segments.index("{" + name + "}") - 1]
        kind = PARAMETER_KINDS.get(name) or SEGMENT_KINDS.get(before)
        if kind is None:
            pytest.fail(
                f"{operation.label}: the walk does not know what path parameter {name!r} "
                f"(after {before!r}) names; add it to PARAMETER_KINDS or SEGMENT_KINDS"
            )
        kinds[name] = kind
    return kinds


def _resource_value(operation: Operation, table: dict[str, str]) -> str | None:
    for segment in reversed(operation.path.split("/")):
        if segment in table:
            return table[segment]
    return None


def _reference(schema: dict[str, Any], object_id: int) -> Any:
    types = _types(schema)
    if "array" in types:
        schema = _resolve(schema)
        arrays = [c for c in [schema, *schema.get("anyOf", [])] if "array" in _types(c)]
        return [_reference(_resolve(arrays[0]).get("items", {}), object_id)]
    if "integer" in types:
        return object_id
    return str(object_id)


def body(operation: Operation, refs: dict[str, Objects], owner: Callable[[str], str]) -> Any:
    """A valid body for ``operation`` whose reference fields name ``owner(field)``'s objects.

    Required fields that name nothing get a plain valid value; a required field the walk
    has no value for fails the test, naming it.
    """
    schema = operation.body_schema
    if schema is None:
        return None
    required = set(schema.get("required", []))
    data: dict[str, Any] = {}
    for name, prop in schema.get("properties", {}).items():
        if name in REFERENCE_FIELDS:
            data[name] = _reference(prop, refs[owner(name)][REFERENCE_FIELDS[name]])
        elif name not in required:
            continue
        elif name == "kind" and _resource_value(operation, KIND_BY_RESOURCE):
            data[name] = _resource_value(operation, KIND_BY_RESOURCE)
        elif name == "status" and _resource_value(operation, STATUS_BY_RESOURCE):
            data[name] = _resource_value(operation, STATUS_BY_RESOURCE)
        elif name in PLAIN_VALUES:
            data[name] = PLAIN_VALUES[name]
        else:
            pytest.fail(
                f"{operation.label}: the walk has no value for the required body field "
                f"{name!r}; add one to PLAIN_VALUES (or REFERENCE_FIELDS if it names an object)"
            )
    return data


def reference_query(operation: Operation) -> list[str]:
    return [p["name"] for p in operation.parameters("query") if p["name"] in REFERENCE_FIELDS]


@dataclass
class Attempt:
    """One call: what it aims at Alice's, and the statuses that are right for it."""

    what: str
    path: str
    query: dict[str, str]
    body: Any
    allowed: frozenset[int]


NOT_HERS = frozenset({404})
REFUSED = frozenset({400, 404, 422})


def attempts(operation: Operation, refs: dict[str, Objects]) -> Iterator[Attempt]:
    """Calls of ``operation`` each naming something of Alice's: all of it hers, and each
    path parameter, query reference and body reference alone hers among Bob's own."""
    kinds = path_kinds(operation)
    queries = reference_query(operation)
    body_refs = [
        name
        for name in (operation.body_schema or {}).get("properties", {})
        if name in REFERENCE_FIELDS
    ]

    def make(what: str, hers: set[str], allowed: frozenset[int]) -> Attempt:
        def owner(name: str) -> str:
            return "alice" if name in hers else "bob"

        path = operation.path
        for name, kind in kinds.items():
            path = path.replace("{" + name + "}", str(refs[owner(name)][kind]))
        query = {name: str(refs[owner(name)][REFERENCE_FIELDS[name]]) for name in queries}
        return Attempt(what, path, query, body(operation, refs, owner), allowed)

    everything = set(kinds) | set(queries) | set(body_refs)
    if not everything:
        return
    yield make("all of Alice's", everything, NOT_HERS if kinds else REFUSED)
    if len(everything) > 1:
        for name in sorted(kinds):
            yield make(f"Alice's {name}, Bob's others", {name}, NOT_HERS)
        for name in sorted(set(queries) | set(body_refs)):
            yield make(f"Alice's {name}, Bob's others", {name}, REFUSED)


def call(client: ApiClient, method: str, path: str, query: dict[str, str], data: Any) -> Any:
    if query:
        from urllib.parse import urlencode

        path = f"{path}?{urlencode(query)}"
    send = getattr(client.client, method.lower())
    if data is None:
        return send(path, headers=client.headers)
    return send(path, json.dumps(data), content_type="application/json", headers=client.headers)


def _words_in(text: str) -> list[str]:
    return [word for word in ALICES_WORDS if word.lower() in text.lower()]


@pytest.fixture
def walk(world: World) -> dict[str, Any]:
    refs = {"alice": alices_world(world.alice), "bob": bobs_world(world.bob)}

    def client(member: Member) -> ApiClient:
        _, key = create_token(member, "walk")
        return ApiClient(key)

    return {"refs": refs, "bob": client(world.bob), "world": world}


def test_the_walk_finds_the_operations() -> None:
    labels = {operation.label for operation in OPERATIONS}
    assert {"GET /api/persons/{person_id}", "GET /api/search"} <= labels, sorted(labels)


@pytest.mark.parametrize("auth", ["bearer token", "web session"])
def test_bob_reaches_nothing_of_alices_through_any_operation(
    walk: dict[str, Any], auth: str
) -> None:
    world: World = walk["world"]
    refs: dict[str, Objects] = walk["refs"]
    bob: ApiClient = walk["bob"]
    if auth == "web session":
        bob = ApiClient(None)
        bob.client.force_login(world.bob.user)
    alice_before, bob_before = snapshot(world.alice.network), snapshot(world.bob.network)
    problems: list[str] = []
    walked = 0
    for operation in OPERATIONS:
        problems.extend(unplaced(operation))
        for attempt in attempts(operation, refs):
            walked += 1
            response = call(bob, operation.method, attempt.path, attempt.query, attempt.body)
            text = body_text(response)
            where = f"{operation.label} [{attempt.what}] {attempt.path} {attempt.query or ''}"
            if response.status_code not in attempt.allowed:
                problems.append(
                    f"{where} body={attempt.body!r}: got {response.status_code}, expected "
                    f"one of {sorted(attempt.allowed)}: {text[:300]}"
                )
            if _words_in(text):
                problems.append(f"{where}: the answer shows {_words_in(text)}: {text[:300]}")
    assert walked > 0
    alice_change = changed(alice_before, snapshot(world.alice.network))
    bob_change = changed(bob_before, snapshot(world.bob.network))
    if alice_change:
        problems.append(f"Alice's rows changed:\n{alice_change}")
    if bob_change:
        problems.append(f"Bob's rows changed (every call of his failed):\n{bob_change}")
    problems.extend(cross_network_references())
    assert not problems, "\n".join(problems)


def _list_calls(operation: Operation, refs: dict[str, Objects]) -> Iterator[dict[str, str]]:
    """A list or search with no filter, and with each filter naming Alice's words or ids."""
    query = operation.parameters("query")
    required = {p["name"] for p in query if p.get("required")}
    for word in ALICES_WORDS:
        base = {name: word for name in required}
        yield base
        for p in query:
            name = p["name"]
            if name in required:
                continue
            if name in REFERENCE_FIELDS:
                yield {**base, name: str(refs["alice"][REFERENCE_FIELDS[name]])}
            if "string" in _types(p.get("schema", {})):
                yield {**base, name: word}


def test_bobs_lists_and_searches_show_nothing_of_alices(walk: dict[str, Any]) -> None:
    world: World = walk["world"]
    refs: dict[str, Objects] = walk["refs"]
    bob: ApiClient = walk["bob"]
    alice_before = snapshot(world.alice.network)
    problems: list[str] = []
    lists = [op for op in OPERATIONS if op.method == "GET" and not op.path_names]
    assert lists, "the walk found no list or search operation"
    for operation in lists:
        for query in _list_calls(operation, refs):
            response = bob.get(operation.path, **query)
            where = f"GET {operation.path} {query}"
            text = body_text(response)
            if response.status_code >= 500 or response.status_code in (401, 403):
                problems.append(f"{where}: got {response.status_code}: {text[:300]}")
            elif 200 <= response.status_code < 300 and _words_in(text):
                problems.append(f"{where}: shows {_words_in(text)}: {text[:300]}")
    assert changed(alice_before, snapshot(world.alice.network)) == ""
    assert not problems, "\n".join(problems)


def test_alice_herself_finds_her_words(walk: dict[str, Any]) -> None:
    """The control: the words the walk looks for are there to be found, for Alice."""
    world: World = walk["world"]
    _, key = create_token(world.alice, "control")
    alice = ApiClient(key)
    for word in ALICES_WORDS:
        response = alice.get("/api/search", q=word)
        assert response.status_code == 200
        assert word.lower() in body_text(response).lower(), word


def test_bob_reads_his_own_objects_at_every_read_path(walk: dict[str, Any]) -> None:
    """The control: each path parameter is filled with the right kind of object, since
    Bob reads his own through every GET with a path parameter."""
    refs: dict[str, Objects] = walk["refs"]
    bob: ApiClient = walk["bob"]
    problems = []
    for operation in OPERATIONS:
        if operation.method != "GET" or not operation.path_names:
            continue
        path = operation.path
        for name, kind in path_kinds(operation).items():
            path = path.replace("{" + name + "}", str(refs["bob"][kind]))
        response = bob.get(path)
        if response.status_code != 200:
            problems.append(f"GET {path}: {response.status_code} {body_text(response)[:200]!r}")
    assert not problems, "\n".join(problems)


def test_without_a_token_every_operation_answers_401(walk: dict[str, Any]) -> None:
    refs: dict[str, Objects] = walk["refs"]
    world: World = walk["world"]
    before = snapshot(world.alice.network)
    problems = []
    for headers in ({}, {"Authorization": "Bearer kn_not-a-key"}, {"Authorization": "Basic x"}):
        anonymous = ApiClient(None)
        anonymous.headers = headers
        for operation in OPERATIONS:
            path = operation.path
            for name, kind in path_kinds(operation).items():
                path = path.replace("{" + name + "}", str(refs["alice"][kind]))
            data = body(operation, refs, lambda name: "alice")
            response = call(anonymous, operation.method, path, {}, data)
            if response.status_code != 401:
                problems.append(f"{operation.method} {path} with {headers}: {response.status_code}")
    assert changed(before, snapshot(world.alice.network)) == ""
    assert not problems, "\n".join(problems)


def test_an_operation_the_walk_cannot_aim_fails_it() -> None:
    """The guard: a new kind of path parameter or id field stops the walk, named."""
    new = Operation("GET", "/api/widgets/{widget_id}", {"parameters": []})
    with pytest.raises(pytest.fail.Exception, match="'widget_id'"):
        path_kinds(new)
    by_segment = Operation("GET", "/api/events/{id}", {"parameters": []})
    assert path_kinds(by_segment) == {"id": "event"}
    odd = Operation(
        "GET",
        "/api/things",
        {"parameters": [{"in": "query", "name": "gadget_id", "schema": {"type": "integer"}}]},
    )
    assert unplaced(odd) == [
        "GET /api/things: the walk can't place field 'gadget_id' (looks like an id)"
    ]


def test_alice_finds_her_words_through_every_search_the_walk_gives_them_to(
    walk: dict[str, Any],
) -> None:
    """The control for the word queries the walk fills itself (KNOWN_QUERY: ``q``,
    ``topic``): each operation that requires one (the search, who knows, whom a topic
    would interest for sharing know-how) answers Alice with her own words, so Bob's
    empty answers to the same calls say that her data is kept from him, not that the
    walk asked nothing."""
    world: World = walk["world"]
    _, key = create_token(world.alice, "control")
    alice = ApiClient(key)
    searches = [
        operation
        for operation in OPERATIONS
        if operation.method == "GET"
        and not operation.path_names
        and {p["name"] for p in operation.parameters("query") if p.get("required")} & KNOWN_QUERY
    ]
    assert "GET /api/share/interested" in {operation.label for operation in searches}
    blind = []
    for operation in searches:
        required = [p["name"] for p in operation.parameters("query") if p.get("required")]
        answers = [alice.get(operation.path, **dict.fromkeys(required, w)) for w in ALICES_WORDS]
        if not any(r.status_code == 200 and _words_in(body_text(r)) for r in answers):
            blind.append(f"{operation.label}: {[r.status_code for r in answers]}")
    assert not blind, "searches that find nothing of Alice's for Alice:\n" + "\n".join(blind)
