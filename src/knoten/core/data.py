"""The JSON-able forms that every interface shares for dates and references."""

from __future__ import annotations

import datetime as dt
from typing import Any

from knoten.core.partial_dates import PartialDate


def iso(value: PartialDate | dt.date | None) -> str | None:
    """A date or partial date in its ISO text form, or None."""
    return None if value is None else value.isoformat()


def reference(obj: Any) -> dict[str, Any] | None:
    """``{"id", "name"}`` for a person (full name) or anything with a name, or None."""
    if obj is None:
        return None
    name = obj.full_name if hasattr(obj, "full_name") else obj.name
    return {"id": obj.pk, "name": name}
