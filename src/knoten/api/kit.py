"""The API kit: what every app's operations take and answer the same way.

A text from a request (no NUL character), a reference to a record (``{"id", "name"}``),
the fields a POST or a PATCH sent and an id sent as a number. The
``api`` modules of every app use these (with the page envelope of
:mod:`knoten.api.paging`), so that no app writes them a second time and none reaches
into another app's ``api`` module for them.
"""

from __future__ import annotations

from collections.abc import Collection
from difflib import get_close_matches
from typing import Annotated, Any

from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import AfterValidator, ConfigDict, model_validator

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


class Input(Schema):
    """What a request's body sends: a JSON object of the schema's fields and no other.

    An unknown field is refused (400, naming it and the field meant, if one is close),
    never dropped in silence; the schema says so (``additionalProperties: false``).
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _known_fields_only(cls, data: Any) -> Any:
        if isinstance(data, DjangoGetter):
            # ninja validates a schema that forbids extras twice: first the object sent
            # (checked here), then that object wrapped for its resolvers.
            return data
        if not isinstance(data, dict):
            # A nested object sent as an array or a text (the body itself is checked
            # by the API's parser): refused like any value of the wrong type.
            raise ValueError("must be a JSON object")
        known = {field.alias or name for name, field in cls.model_fields.items()}
        for name in data:
            if name not in known:
                close = get_close_matches(str(name), sorted(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise InvalidInput(str(name), data[name], f"is an unknown field{hint}")
        return data


# A record another one points to: a person (by full name) or anything named. (A comment,
# not a docstring: the schema's description would change.)
class Reference(Schema):
    id: int
    name: str


def as_text(value: Any) -> Any:
    """An id sent as a number is looked up like its digits."""
    return str(value) if isinstance(value, int) else value


# The API's name of a field (the one its records are read back under) and the keyword
# of the services it is for, where they differ.
KEYWORDS = {"notes": "note"}


def _as_keywords(sent: dict[str, Any]) -> dict[str, Any]:
    return {KEYWORDS.get(name, name): value for name, value in sent.items()}


def arguments(payload: Schema, ids: Collection[str] = ()) -> dict[str, Any]:
    """Every field of a payload as the keywords of the service it is for (each schema
    names its fields as its records are read, see :data:`KEYWORDS`). A field of ``ids``
    sent as a number (a person or an organisation by id) becomes its digits, to be
    looked up like a name."""
    sent = _as_keywords(payload.model_dump())
    for name in ids:
        if name in sent:
            sent[name] = as_text(sent[name])
    return sent


def changes(
    payload: Schema, clearable: Collection[str], ids: Collection[str] = ()
) -> dict[str, Any]:
    """The fields a PATCH sent, as its service's keywords (see :data:`KEYWORDS`; so are
    ``clearable`` and ``ids``); an explicit null of a clearable field becomes ``""``.

    A field of ``ids`` sent as a number (a person or organisation by id) becomes its
    digits, to be looked up like a name.
    """
    sent = _as_keywords(payload.model_dump(exclude_unset=True))
    for name, value in list(sent.items()):
        if value is None:
            if name in clearable:
                sent[name] = ""
            else:
                del sent[name]
        elif isinstance(value, int) and not isinstance(value, bool) and name in ids:
            sent[name] = str(value)
    return sent
