"""A person's photo: a small image, told by its first bytes, kept in the database.

A vCard's ``PHOTO`` (base64 or a ``data:`` URI) is read by ``knoten.imports``; the web
app serves it to the members of the person's network only. Nothing is ever fetched
from another host: a photo given as an ``http(s)`` address is not a photo kept here.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import urllib.parse
from collections.abc import Iterable

from django.conf import settings

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.limits import is_id
from knoten.core.models import Member
from knoten.people.lookup import PersonRef, resolve_person
from knoten.people.models import Person, PersonPhoto

# The media types kept, by the bytes their files begin with.
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
MEDIA_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


def media_type_of(data: bytes) -> str | None:
    """The media type of an image by its first bytes (JPEG, PNG, GIF, WebP), else None."""
    for signature, media_type in _SIGNATURES:
        if data.startswith(signature):
            return media_type
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def max_photo_bytes() -> int:
    """The largest photo kept, in bytes (``KNOTEN_PHOTO_MAX_BYTES``)."""
    return int(getattr(settings, "KNOTEN_PHOTO_MAX_BYTES", 512 * 1024))


def checked_photo(data: bytes, field: str = "photo") -> str:
    """The media type of ``data`` if it is an image that may be kept; InvalidInput (naming
    ``field``) if it is empty, too big, or not a JPEG, PNG, GIF or WebP image."""
    size = f"{len(data):,} bytes".replace(",", ".")
    if not data:
        raise InvalidInput(field, "", "is empty")
    limit = max_photo_bytes()
    if len(data) > limit:
        raise InvalidInput(
            field, size, f"is too big: at most {limit:,} bytes are kept".replace(",", ".")
        )
    media_type = media_type_of(data)
    if media_type is None:
        raise InvalidInput(field, size, "is not a JPEG, PNG, GIF or WebP image")
    return media_type


def decoded_photo(value: str, field: str = "photo") -> bytes:
    """The bytes of a photo written as base64 (vCard 2.1/3.0 ``ENCODING=b``) or as a
    ``data:`` URI (vCard 4.0); InvalidInput if it is neither."""
    text = value.strip()
    if text[:5].lower() == "data:":
        head, comma, body = text[5:].partition(",")
        if not comma:
            raise InvalidInput(field, text[:40], "is a data: URI without a comma before its data")
        if not head.lower().endswith(";base64"):
            return urllib.parse.unquote_to_bytes(body)
        text = body
    compact = "".join(text.split())
    compact += "=" * (-len(compact) % 4)
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        shown = compact if len(compact) <= 40 else compact[:40] + "…"
        raise InvalidInput(field, shown, "is not base64 data") from None


def photo_of(viewer: Member, person: PersonRef) -> PersonPhoto:
    """The photo of a person of ``viewer``'s network; NotFound if they have none (or
    are not of the network)."""
    # By id (the web app's every <img>): one query, the network in it.
    person_id = person if isinstance(person, int) else resolve_person(viewer, person).pk
    photo = None
    if is_id(person_id):  # an id beyond the database's range is no one's
        photo = PersonPhoto.objects.filter(
            network_id=viewer.network_id, person_id=person_id
        ).first()
    if photo is None:
        raise NotFound("photo", person_id)
    return photo


def photo_versions(viewer: Member, person_ids: Iterable[int]) -> dict[int, int]:
    """The photo version (:func:`photo_version`) of each of ``person_ids`` that has a
    photo, by person id, in one query: for rows that show an avatar (search results).
    An id that is not a person of the viewer's network is not found."""
    ids = sorted({person_id for person_id in person_ids if is_id(person_id)})
    if not ids:
        return {}
    rows = Person.objects.filter(network_id=viewer.network_id, pk__in=ids).values_list(
        "pk", "photo__updated_at"
    )
    found = dict(rows)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise NotFound("person", missing[0])
    return {pk: photo_version(updated) for pk, updated in found.items() if updated is not None}


def photo_version(updated_at: dt.datetime) -> int:
    """A number that changes when the photo does (``updated_at``): in its address, so a
    browser that kept the old one fetches the new."""
    return int(updated_at.timestamp())
