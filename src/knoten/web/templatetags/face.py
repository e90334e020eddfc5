"""Template filters of the shared components (``{% load face %}``): a stable colour for a
name, a person's initials, a strength as a meter's tenth, and which part of the site a
page belongs to."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any

from django import template

from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.names import parse_name

register = template.Library()

HUES = 8  # the badge colours of knoten.css: .hue-0 … .hue-7


@register.filter
def hue(name: object) -> int:
    """The same colour (0–7) for the same name, whatever its case or accents: a circle's
    badge looks alike on every page and every day."""
    return zlib.crc32(fold(str(name)).encode()) % HUES


@register.filter
def initials(row: Mapping[str, Any] | Any) -> str:
    """Up to two letters for an avatar: given and family name, else the nickname, else
    the first letters of the full name."""
    get = row.get if isinstance(row, Mapping) else lambda key: getattr(row, key, "")
    given, family = str(get("given_name") or ""), str(get("family_name") or "")
    if given or family:
        return (given[:1] + family[:1]).upper()
    nickname = str(get("nickname") or "")
    if nickname:
        return nickname[:2].upper()
    # A display name ("Prof. Dr. Jürgen Müller"): its given and family name, not its titles.
    name = str(get("name") or get("full_name") or "").strip()
    if not name:
        return "?"
    try:
        parts = parse_name(name)
    except InvalidInput:  # not a person's name: its first letters
        return "".join(word[:1] for word in name.split()[:2]).upper()
    if parts.given_name or parts.family_name:
        return (parts.given_name[:1] + parts.family_name[:1]).upper()
    return (parts.nickname[:2] or "?").upper()


@register.filter
def tenth(figure: object) -> int:
    """A strength of 0–100 as 0–10, the width class of its meter (``w-N``)."""
    try:
        value = int(str(figure))
    except ValueError:
        return 0
    return max(0, min(10, round(value / 10)))


@register.filter
def startswith(text: object, prefix: str) -> bool:
    return str(text).startswith(prefix)


@register.filter
def is_done(steps: Any, key: str) -> bool:
    """Whether the first step ``key`` is taken (:class:`knoten.upkeep.guide.FirstSteps`)."""
    return bool(steps.is_done(key))
