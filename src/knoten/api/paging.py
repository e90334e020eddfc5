"""One envelope for every list the API returns.

A list answers ``{"items": [...], "limit": 50, "offset": 0, "next_offset": 50}``;
``next_offset`` is null on the last page. The service is asked for one row more than
the page, so no list counts the whole network to know whether another page follows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, Protocol, TypeVar

from ninja import Schema

from knoten.api.kit import Rule
from knoten.core import limits
from knoten.core.errors import InvalidInput

T = TypeVar("T")

MAX_LIMIT = 500


class Page(Schema, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    next_offset: int | None


# A page's size and start, as the schema says them (see :func:`check_window`).
Limit = Annotated[int, Rule(minimum=1, maximum=MAX_LIMIT)]
Offset = Annotated[int, Rule(minimum=0, maximum=limits.MAX_OFFSET)]


class PageParams(Schema):
    limit: Limit = 50
    offset: Offset = 0


class PageQuery(Protocol):
    """What a list's query asks for: its ``limit`` and ``offset`` (and maybe filters)."""

    @property
    def limit(self) -> int: ...

    @property
    def offset(self) -> int: ...


def check_window(limit: int, offset: int) -> None:
    """Refuse a page size or offset the API does not serve, naming the field."""
    if limit < 1:
        raise InvalidInput("limit", limit, "must be at least 1")
    if limit > MAX_LIMIT:
        raise InvalidInput("limit", limit, f"is more than {MAX_LIMIT}; page with offset")
    limits.check_window(limit, offset)


def page_of(
    fetch: Callable[[int, int], Sequence[Any]],
    limit: int,
    offset: int,
    render: Callable[[Any], Any] = lambda row: row,
) -> dict[str, Any]:
    """Call ``fetch(limit + 1, offset)`` and wrap the first ``limit`` rows, rendered."""
    check_window(limit, offset)
    rows = list(fetch(limit + 1, offset))
    more = len(rows) > limit
    return {
        "items": [render(row) for row in rows[:limit]],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }


def page_of_list(
    rows: Sequence[Any], limit: int, offset: int, render: Callable[[Any], Any] = lambda row: row
) -> dict[str, Any]:
    """The same envelope over a list already in memory (a short, bounded list)."""
    return page_of(lambda count, start: rows[start : start + count], limit, offset, render)


def page_from(
    window: PageQuery,
    fetch: Callable[..., Sequence[Any]],
    render: Callable[[Any], Any],
    *args: Any,
    **keywords: Any,
) -> dict[str, Any]:
    """The page ``window`` asks for of a service's list: ``fetch(*args, **keywords)``
    with ``limit`` and ``offset`` (keywords of every service's list), each row rendered."""
    return page_of(
        lambda count, start: fetch(*args, **keywords, limit=count, offset=start),
        window.limit,
        window.offset,
        render,
    )
