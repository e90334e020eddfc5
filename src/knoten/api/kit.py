"""The API kit: what every app's operations take and answer the same way.

A text from a request (no NUL character), a reference to a record (``{"id", "name"}``),
the fields a POST or a PATCH sent and an id sent as a number. The
``api`` modules of every app use these (with the page envelope of
:mod:`knoten.api.paging`), so that no app writes them a second time and none reaches
into another app's ``api`` module for them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator

from knoten.core.errors import InvalidInput
from knoten.core.limits import storable


def no_nul(text: str) -> str:
    """Refuse, in the request's validation, a text no database keeps (see
    :func:`knoten.core.limits.storable`)."""
    try:
        storable("", text)
    except InvalidInput as problem:
        raise ValueError(problem.reason) from None
    return text


# A text from a request: anything but a NUL character or a lone surrogate.
Text = Annotated[str, AfterValidator(no_nul)]


# A record another one points to: a person (by full name) or anything named. (A comment,
# not a docstring: the schema's description would change.)
class Reference(Schema):
    id: int
    name: str


def as_text(value: Any) -> Any:
    """An id sent as a number is looked up like its digits."""
    return str(value) if isinstance(value, int) else value


def arguments(payload: Schema, ids: Collection[str] = ()) -> dict[str, Any]:
    """Every field of a payload by its name: the keywords of the service it is for (each
    schema names its fields as its service does). A field of ``ids`` sent as a number (a
    person or an organisation by id) becomes its digits, to be looked up like a name."""
    sent = payload.model_dump()
    for name in ids:
        if name in sent:
            sent[name] = as_text(sent[name])
    return sent


def changes(
    payload: Schema, clearable: Collection[str], ids: Collection[str] = ()
) -> dict[str, Any]:
    """The fields a PATCH sent; an explicit null of a clearable field becomes ``""``.

    A field of ``ids`` sent as a number (a person or organisation by id) becomes its
    digits, to be looked up like a name.
    """
    sent = payload.model_dump(exclude_unset=True)
    for name, value in list(sent.items()):
        if value is None:
            if name in clearable:
                sent[name] = ""
            else:
                del sent[name]
        elif isinstance(value, int) and not isinstance(value, bool) and name in ids:
            sent[name] = str(value)
    return sent
