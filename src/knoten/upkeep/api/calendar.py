"""The API of the calendar feed: its secret address, a new one, and revoking it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.core.errors import NotFound
from knoten.upkeep import calendar

router = Router()


class FeedOut(Schema):
    url: str
    created_at: str


def _shown(feed: Any) -> dict[str, Any]:
    return {"url": calendar.feed_url(feed), "created_at": feed.created_at.isoformat()}


@router.get("/calendar/feed", response=FeedOut)
def feed(request: HttpRequest) -> dict[str, Any]:
    """The secret address of my calendar (404 when there is none)."""
    found = calendar.current_feed(actor(request))
    if found is None:
        raise NotFound("calendar feed", "(none made yet)")
    return _shown(found)


@router.post("/calendar/feed", response={201: FeedOut})
def new_feed(request: HttpRequest) -> Status[dict[str, Any]]:
    """A new secret address for my calendar; the one before stops working."""
    return Status(201, _shown(calendar.new_feed(actor(request))))


@router.delete("/calendar/feed", response={204: None})
def revoke_feed(request: HttpRequest) -> Status[None]:
    """Stop my calendar's address working."""
    calendar.revoke_feed(actor(request))
    return Status(204, None)
