"""Finding one named row from what a user typed: an id, the name, or a part of it.

An event, a project or an organisation is named by its id or by its name, compared
folded ("Messe" finds "MESSE Hannover"): a name that equals one row wins, else one that
contains what was typed; several candidates raise :class:`Ambiguous`, listing at most
:data:`MAX_CANDIDATES` of them as each model describes itself (``candidate_label()``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.core.folding import fold
from knoten.core.limits import is_id, storable
from knoten.core.models import Member

# The most candidates an ambiguous name lists.
MAX_CANDIDATES = 10
M = TypeVar("M", bound=Model)


def label_of(obj: Any) -> str:
    """How a candidate is listed: its own ``candidate_label()``, else its id and name."""
    label = getattr(obj, "candidate_label", None)
    return str(label()) if callable(label) else f"{obj.pk}: {obj}"


def resolve_by_name(
    objects: QuerySet[M],
    text: str,
    what: str,
    field: str,
    describe: Callable[[M], str] = label_of,
) -> M:
    """The one row of ``objects`` with this id, or whose folded name equals, or else
    contains, what was typed; ``what`` names the kind of row in messages."""
    storable(field, text)
    raw = text.strip()
    if not raw:
        raise InvalidInput(field, text, f"is empty; give the {what}'s name or id")
    if raw.isdecimal():
        found = objects.filter(pk=int(raw)).first() if is_id(raw) else None
        if found is None:
            raise NotFound(field, raw)
        return found
    folded = fold(raw)
    for candidates in (
        objects.filter(folded_name=folded),
        objects.filter(folded_name__contains=folded),
    ):
        matches = list(candidates.order_by("pk")[: MAX_CANDIDATES + 1])
        if len(matches) == 1:
            return matches[0]
        if matches:
            shown = [describe(obj) for obj in matches[:MAX_CANDIDATES]]
            if len(matches) > MAX_CANDIDATES:
                shown.append("… and more")
            raise Ambiguous(field, raw, shown)
    raise NotFound(field, raw)


def resolve_named(actor: Member, model: type[M], text: str | int | M, field: str = "") -> M:
    """The one ``model`` row of ``actor``'s network named by ``text`` (the row itself,
    its id or its name; see :func:`resolve_by_name`); ``field`` names it in messages
    (the model's name if not given)."""
    what = str(model._meta.verbose_name)
    field = field or what
    if isinstance(text, model):
        if getattr(text, "network_id", None) != actor.network_id:
            raise NotFound(field, text.pk)
        return text
    objects = model._default_manager.filter(network_id=actor.network_id)
    return resolve_by_name(objects, str(text), what, field)
