"""What the domain functions that change a record share: finding the one row a member
may see by its id, and saving the edits read from what the user gave."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from knoten.core.errors import NotFound
from knoten.core.reading import lookup_id

M = TypeVar("M", bound=Model)


def by_id(rows: QuerySet[M], value: int | str, field: str) -> M:
    """The row of ``rows`` (those a member may see) with the id ``value`` (see
    :func:`~knoten.core.reading.lookup_id`); an id none of them has is not found."""
    pk = lookup_id(value, field)
    found = rows.filter(pk=pk).first()
    if found is None:
        raise NotFound(field, pk)
    return found


def save_edits(record: Model, edits: Mapping[str, Any], *derived: str) -> None:
    """Set each of ``edits`` on ``record`` and save only those columns, with the
    ``derived`` ones its ``save()`` works out from them (a folded name); no edits,
    nothing written."""
    for name, value in edits.items():
        setattr(record, name, value)
    if edits:
        record.save(update_fields=[*edits, *derived])
