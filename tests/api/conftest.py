"""An API client per member of the three-users world, each with a bearer token."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from knoten.api.tokens import create_token
from knoten.core.models import Member


class ApiClient:
    """Django's test client sending JSON with ``Authorization: Bearer <key>``."""

    def __init__(self, key: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def call(self, method: str, path: str, body: Any = None, /, **params: Any) -> Any:
        send = getattr(self.client, method)
        if body is None and method in ("get", "delete"):
            return send(path, params or None, headers=self.headers)
        return send(
            path, json.dumps(body or {}), content_type="application/json", headers=self.headers
        )

    def get(self, path: str, /, **params: Any) -> Any:
        return self.call("get", path, **params)

    def post(self, path: str, body: Any = None) -> Any:
        return self.call("post", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self.call("patch", path, body)

    def delete(self, path: str, /, **params: Any) -> Any:
        if params:
            from urllib.parse import urlencode

            path = f"{path}?{urlencode(params)}"
        return self.call("delete", path)


@pytest.fixture
def api_for() -> Callable[[Member], ApiClient]:
    def make(member: Member) -> ApiClient:
        _, key = create_token(member, "test")
        return ApiClient(key)

    return make
