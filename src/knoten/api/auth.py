"""Who is calling: a bearer token or the web app's session, either giving a member."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from knoten.api.tokens import member_for_key
from knoten.core.members import member_of_user
from knoten.core.models import Member


class BearerToken(HttpBearer):
    """``Authorization: Bearer <key>`` with a live API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Member | None:
        return member_for_key(token.strip())


class MemberSession(SessionAuth):
    """The signed-in user of the web app, as their member."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Member | None:
        user = super().authenticate(request, key)
        if user is None:
            return None
        return member_of_user(user.pk)


def actor(request: HttpRequest) -> Member:
    """The member the request acts as (authentication has found one)."""
    member: Any = getattr(request, "auth", None)
    assert isinstance(member, Member), "every API operation requires authentication"
    return member
