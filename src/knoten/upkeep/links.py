"""Absolute links into the web app, for what is read outside it: the mail digest, the
calendar feed. The base is ``KNOTEN_BASE_URL`` (settings), the address the app is served
at as its users reach it ("https://knoten.example.org"; by default the local server).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse

_MARK = 987654321


def base_url() -> str:
    """The address the web app is reached at, without a trailing slash."""
    return str(getattr(settings, "KNOTEN_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")


def absolute(path: str) -> str:
    """``path`` ("/due/") as a full address."""
    return base_url() + (path if path.startswith("/") else "/" + path)


def absolute_for(name: str, **kwargs: object) -> str:
    """The full address of the page named ``name`` ("upkeep:due")."""
    return absolute(reverse(name, kwargs=kwargs or None))


def id_link(name: str, keyword: str) -> Callable[[int], str]:
    """A fast maker of the full addresses of one page by id ("web:person", "person_id"),
    for feeds of many thousand rows: the address is reversed once, not once a row."""
    head, _sep, tail = absolute_for(name, **{keyword: _MARK}).partition(str(_MARK))
    return lambda pk: f"{head}{pk}{tail}"
