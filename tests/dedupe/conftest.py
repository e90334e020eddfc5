"""The API client of tests/api, for the duplicates' API tests here."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.api.tokens import create_token
from knoten.core.models import Member
from tests.api.conftest import ApiClient


@pytest.fixture
def api_for() -> Callable[[Member], ApiClient]:
    def make(member: Member) -> ApiClient:
        _, key = create_token(member, "test")
        return ApiClient(key)

    return make
