"""Absolute links into the web app, for what is read outside it: the mail digest, the
calendar feed. The base is ``KNOTEN_BASE_URL`` (settings), the address the app is served
at as its users reach it ("https://knoten.example.org"; by default the local server).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

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


@lru_cache(maxsize=64)
def _parts(name: str, keyword: str, prefix: str, urlconf: str | None) -> tuple[str, str] | None:
    try:
        path = reverse(name, urlconf=urlconf, kwargs={keyword: _MARK})
    except NoReverseMatch:
        return None
    head, _sep, tail = path.partition(str(_MARK))
    return head, tail


def path_of(name: str, keyword: str, pk: int) -> str | None:
    """The path of the page ``name`` for the record ``pk`` ("upkeep:draft", "person_id"),
    or ``None`` where that page is not served. Reversed once per page and prefix, not once
    per row: an overview links thousands of occasions."""
    parts = _parts(name, keyword, get_script_prefix(), get_urlconf())
    return None if parts is None else f"{parts[0]}{pk}{parts[1]}"
