"""The API kit: what every app's operations take and answer the same way.

A text from a request (no NUL character), a reference to a record (``{"id", "name"}``),
the fields a POST or a PATCH sent and an id sent as a number. Every body is an
:class:`Input` (unknown fields refused), and every rule a service enforces on a field
that a JSON Schema can say is written into the OpenAPI schema with a :class:`Rule`
(lengths, kinds, ranges, days). The ``api`` modules of every app use these (with the
page envelope of :mod:`knoten.api.paging`), so that no app writes them a second time
and none reaches into another app's ``api`` module for them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from difflib import get_close_matches
from typing import TYPE_CHECKING, Annotated, Any

from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import AfterValidator, ConfigDict, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from knoten.core.errors import InvalidInput
from knoten.core.limits import storable
from knoten.core.words import Word

if TYPE_CHECKING:
    from django.db.models import Model


def no_nul(text: str) -> str:
    """Refuse, in the request's validation, a text no database keeps (see
    :func:`knoten.core.limits.storable`)."""
    try:
        storable("", text)
    except InvalidInput as problem:
        raise ValueError(problem.reason) from None
    return text


class Rule:
    """A rule the server enforces (in its service, with its own message), written into
    the OpenAPI schema: ``Annotated[int, Rule(minimum=1, maximum=500)]``. The keywords
    are JSON Schema's; the schemathesis test holds the schema and the server to agree."""

    def __init__(self, **keywords: Any) -> None:
        self.keywords = keywords

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema.update(self.keywords)
        return schema


# No NUL character (see :func:`no_nul`), as the schema says it.
NO_NUL = "^[^\\x00]*$"

# A text from a request: anything but a NUL character or a lone surrogate.
Text = Annotated[str, AfterValidator(no_nul), Rule(pattern=NO_NUL)]


# A text with something in it but spaces (a name; a person named by name): the
# services refuse an empty one.
NOT_BLANK = Rule(minLength=1, pattern="^[^\\x00]*[^\\x00\\s][^\\x00]*$")


# A text with a letter or digit in it (a name or words to look up by).
LOOKUP = Rule(minLength=1, pattern="^[^\\x00]*[^\\W_][^\\x00]*$")

# A day as the schema gives it: 2024-03-14 (days 1 to 28, so that every one exists). The
# services read more (14.03.2024, "morgen", "next friday"), which no pattern says.
_DAY = "(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
DAY = Rule(pattern=f"^{_DAY}$", description="A day: 2024-03-14 (or 14.03.2024, 'morgen').")
# The same in a list's filter, where an empty one is no filter.
DAY_OR_EMPTY = Rule(pattern=f"^({_DAY})?$", description=DAY.keywords["description"])
# A partial date: a day, a year and month, a year, or a day of the year (--03-14).
PARTIAL_DATE = Rule(
    pattern=f"^({_DAY}|(19|20)[0-9]{{2}}(-(0[1-9]|1[0-2]))?|--(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))$",
    description="A date or part of one: 2024-03-14, 2024-03, 2024 or --03-14.",
)


def at_most(length: int) -> Rule:
    """At most ``length`` characters (the rule of :func:`knoten.core.reading.line`)."""
    return Rule(maxLength=length)


def words(vocabulary: tuple[Word, ...], *also: str) -> Rule:
    """A text that names a word of ``vocabulary``: its code, English or German form
    (what :func:`~knoten.core.words.resolve_word` reads; it also forgives case, marks
    and hyphens, which no enum says), and ``also``, as the schema's enum."""
    forms = dict.fromkeys([*also, *(f for w in vocabulary for f in (w.code, w.en, w.de))])
    return Rule(enum=list(forms))


def column(model: type[Model], name: str) -> Rule:
    """The rules of a model's text column: its ``max_length``, and not blank unless the
    column may be."""
    field = model._meta.get_field(name)
    keywords: dict[str, Any] = {}
    max_length = getattr(field, "max_length", None)
    if max_length:
        keywords["maxLength"] = max_length
    if not getattr(field, "blank", True):
        keywords.update(NOT_BLANK.keywords)
    return Rule(**keywords)


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
# A record's day, read as ``date``, is the services' ``on`` (conversations, favours,
# recommendations); an important date's ``date`` is its own.
DATE_IS_ON = {"date": "on"}


def _as_keywords(sent: dict[str, Any], renamed: Mapping[str, str]) -> dict[str, Any]:
    names = {**KEYWORDS, **renamed}
    return {names.get(name, name): value for name, value in sent.items()}


@contextmanager
def as_named(renamed: Mapping[str, str]) -> Iterator[None]:
    """A service's error about one of its keywords names the field as the API does
    (``renamed`` maps the API's names to the keywords, like :data:`DATE_IS_ON`)."""
    try:
        yield
    except InvalidInput as problem:
        back = {keyword: name for name, keyword in renamed.items()}
        if problem.field not in back:
            raise
        raise InvalidInput(back[problem.field], problem.value, problem.reason) from problem


def arguments(
    payload: Schema, ids: Collection[str] = (), renamed: Mapping[str, str] = {}
) -> dict[str, Any]:
    """Every field of a payload as the keywords of the service it is for (each schema
    names its fields as its records are read, see :data:`KEYWORDS` and ``renamed``). A
    field of ``ids`` sent as a number (a person or an organisation by id) becomes its
    digits, to be looked up like a name."""
    sent = _as_keywords(payload.model_dump(), renamed)
    for name in ids:
        if name in sent:
            sent[name] = as_text(sent[name])
    return sent


def changes(
    payload: Schema,
    clearable: Collection[str],
    ids: Collection[str] = (),
    renamed: Mapping[str, str] = {},
) -> dict[str, Any]:
    """The fields a PATCH sent, as its service's keywords (see :data:`KEYWORDS`; so are
    ``clearable`` and ``ids``); an explicit null of a clearable field becomes ``""``.

    A field of ``ids`` sent as a number (a person or organisation by id) becomes its
    digits, to be looked up like a name.
    """
    sent = _as_keywords(payload.model_dump(exclude_unset=True), renamed)
    for name, value in list(sent.items()):
        if value is None:
            if name in clearable:
                sent[name] = ""
            else:
                del sent[name]
        elif isinstance(value, int) and not isinstance(value, bool) and name in ids:
            sent[name] = str(value)
    return sent
