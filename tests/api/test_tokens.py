"""API tokens: made, listed and revoked through the domain and the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from knoten.api.models import ApiToken
from knoten.api.tokens import create_token, list_tokens, member_for_key, revoke_token
from knoten.core import clock
from knoten.core.errors import InvalidInput, NotFound
from tests.api.conftest import ApiClient
from tests.conftest import World


def test_create_stores_only_the_hash_and_a_prefix(world: World) -> None:
    token, key = create_token(world.alice, "laptop")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(stored.prefix) and len(stored.prefix) < len(key) // 2
    assert key not in {stored.name, stored.prefix, stored.key_hash}
    assert member_for_key(key) == world.alice
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_list_and_revoke_are_per_member(world: World) -> None:
    token, key = create_token(world.alice, "one")
    create_token(world.bob, "bobs")
    assert [t.name for t in list_tokens(world.alice)] == ["one"]
    with pytest.raises(NotFound):
        revoke_token(world.bob, token.pk)
    revoke_token(world.alice, token.pk)
    assert member_for_key(key) is None
    with pytest.raises(InvalidInput) as error:
        revoke_token(world.alice, token.pk)
    assert error.value.field == "token"
    with pytest.raises(InvalidInput):
        revoke_token(world.alice, "x")


def test_a_too_long_name_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput) as error:
        create_token(world.alice, "x" * 101)
    assert error.value.field == "name"
    assert not ApiToken.objects.exists()


def test_cli_create_list_revoke(cli, world: World) -> None:  # type: ignore[no-untyped-def]
    made = cli("token", "create", "--name", "script", "--json")
    assert made.exit_code == 0
    data = made.json()
    assert data["name"] == "script" and data["key"].startswith(data["prefix"])
    assert ApiClient(data["key"]).get("/api/persons").status_code == 200

    plain = cli("token", "create")
    assert plain.exit_code == 0 and plain.stdout.strip().startswith("kn_")

    listed = cli("token", "list", "--json").json()
    assert [t["name"] for t in listed] == ["", "script"]
    assert all("key" not in t for t in listed)
    assert "script" in cli("token", "list").stdout
    assert cli("token", "list", "--json", user="bob").json() == []

    assert cli("token", "revoke", str(data["id"]), user="bob").exit_code == 1
    assert cli("token", "revoke", str(data["id"])).exit_code == 0
    assert cli("token", "revoke", str(data["id"])).exit_code == 2
    assert ApiClient(data["key"]).get("/api/persons").status_code == 401


def _token_updates(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("UPDATE") and "api_apitoken" in q["sql"]
    ]


def test_a_token_s_use_is_written_at_most_once_a_minute(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    token, key = create_token(world.alice, "script")
    moment = dt.datetime(2026, 3, 14, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)
    client = ApiClient(key)
    with CaptureQueriesContext(connection) as first:
        assert client.get("/api/persons").status_code == 200
    assert len(_token_updates(first)) == 1
    assert ApiToken.objects.get(pk=token.pk).last_used_at == moment

    moment += dt.timedelta(seconds=59)
    with CaptureQueriesContext(connection) as second:
        assert client.get("/api/persons").status_code == 200
    assert _token_updates(second) == []
    assert ApiToken.objects.get(pk=token.pk).last_used_at == moment - dt.timedelta(seconds=59)

    moment += dt.timedelta(seconds=2)
    assert client.get("/api/persons").status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == moment


def _refuse_token_updates(error: Exception) -> Any:
    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.startswith("UPDATE") and "api_apitoken" in sql:
            raise error
        return execute(sql, params, many, context)

    return wrapper


def test_a_busy_database_skips_the_stamp_and_the_request_goes_on(world: World) -> None:
    token, key = create_token(world.alice, "script")
    with connection.execute_wrapper(_refuse_token_updates(OperationalError("database is locked"))):
        assert member_for_key(key) == world.alice
        response = ApiClient(key).get("/api/persons")
    assert response.status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at is None
    # The surrounding transaction is not spoilt: the next write works.
    assert member_for_key(key) == world.alice
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_a_broken_database_is_not_taken_for_a_busy_one(world: World) -> None:
    _, key = create_token(world.alice, "script")
    broken = _refuse_token_updates(OperationalError("disk I/O error"))
    with connection.execute_wrapper(broken), pytest.raises(OperationalError, match="disk I/O"):
        member_for_key(key)
