"""Making, listing, revoking and checking API tokens.

A key is ``kn_`` and 43 random URL-safe characters; only its SHA-256 hash is stored.
Each member sees and revokes only their own tokens. A token's use is stamped at most once
a minute (:data:`USE_STAMP_EVERY`) and never at the cost of the request: every request
writing its stamp would make even reads wait for the write lock while an import runs.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q

from knoten.api.models import ApiToken
from knoten.core import clock
from knoten.core.busy import skipped_when_busy
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member

KEY_PREFIX = "kn_"
PREFIX_LENGTH = 10
MAX_NAME = 100
# A token's last use is written again only when the stored one is older than this.
USE_STAMP_EVERY = timedelta(seconds=60)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_token(actor: Member, name: str = "") -> tuple[ApiToken, str]:
    """A new token of ``actor`` and its key (which is not stored and cannot be shown again)."""
    clean = " ".join((name or "").split())
    if len(clean) > MAX_NAME:
        raise InvalidInput("name", name, f"is longer than {MAX_NAME} characters")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            member=actor, name=clean, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key)
        )
    return token, key


def list_tokens(actor: Member) -> list[ApiToken]:
    """``actor``'s tokens, the newest first, revoked ones included."""
    return list(ApiToken.objects.filter(member_id=actor.pk).order_by("-created_at", "-pk"))


def revoke_token(actor: Member, token_id: int | str) -> ApiToken:
    """Revoke one of ``actor``'s tokens; its key stops working at once."""
    raw = str(token_id).strip()
    if not raw.isdigit():
        raise InvalidInput("token", token_id, "is not a token id (a number)")
    token = ApiToken.objects.filter(member_id=actor.pk, pk=int(raw)).first()
    if token is None:
        raise NotFound("token", int(raw))
    if token.revoked_at is not None:
        raise InvalidInput("token", token.pk, "was already revoked")
    with transaction.atomic():
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token


def member_for_key(key: str) -> Member | None:
    """The member whose live token ``key`` is, or None; the token's use is recorded."""
    if not key or not key.startswith(KEY_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("member__network", "member__person", "member__user")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    _stamp_use(token)
    return token.member


def _stamp_use(token: ApiToken) -> None:
    """Record that ``token`` was used, unless that was done within the last minute.

    A busy database skips the stamp (the next use a minute on writes it) rather than
    making the request wait for, or fail on, the write lock.
    """
    moment = clock.now()
    if token.last_used_at is not None and moment - token.last_used_at < USE_STAMP_EVERY:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=moment - USE_STAMP_EVERY)
    with skipped_when_busy("recording an API token's use"):
        # Only if no other request stamped it in the meantime.
        ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=moment)


def token_as_dict(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at.isoformat(),
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }
