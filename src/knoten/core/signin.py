"""One-time sign-in links, as Jupyter prints its token: ``knoten serve`` makes one.

A link is a value signed with the secret key (:mod:`django.core.signing`) that holds the
user's id and a fingerprint of their ``last_login`` and password hash. No table is
needed, and the link is

* short-lived: the signature carries its time and is refused after :data:`LINK_LIFETIME`;
* single-use: signing in sets ``last_login``, which changes the fingerprint, so the same
  link is refused afterwards (the way Django's password-reset links work). Any other
  sign-in of that user, or a new password, also ends it;
* unforgeable: without the secret key no one can make a signature that verifies.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

LINK_LIFETIME = dt.timedelta(minutes=15)
_SALT = "knoten.signin.link"

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _fingerprint(user: AbstractBaseUser) -> str:
    last_login = "" if user.last_login is None else user.last_login.isoformat()
    value = f"{user.pk}|{last_login}|{user.password}"
    return salted_hmac(_SALT, value, algorithm="sha256").hexdigest()[:32]


def make_token(user: AbstractBaseUser) -> str:
    return signing.dumps({"u": user.pk, "f": _fingerprint(user)}, salt=_SALT)


def signin_path(user: AbstractBaseUser) -> str:
    return reverse("web:signin", kwargs={"token": make_token(user)})


def user_for_token(token: str) -> AbstractBaseUser | None:
    """The user a valid, unused, unexpired link names, or ``None``.

    Call inside a transaction and sign the user in within it, so that two requests with
    the same link cannot both pass: the row is locked (PostgreSQL) or the write lock is
    taken up front (SQLite's IMMEDIATE transactions).
    """
    try:
        data = signing.loads(token, salt=_SALT, max_age=LINK_LIFETIME)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    assert transaction.get_connection().in_atomic_block, "check a link inside a transaction"
    user = get_user_model().objects.select_for_update().filter(pk=data["u"]).first()
    if user is None or not user.is_active:
        return None
    if not constant_time_compare(str(data.get("f", "")), _fingerprint(user)):
        return None
    return user


def has_password(user: AbstractBaseUser) -> bool:
    """Whether the user can sign in with a password (users made by Knoten start without)."""
    return bool(user.password) and user.has_usable_password()


def is_local_host(host: str) -> bool:
    return host.strip().lower() in LOCAL_HOSTS
