"""The give-and-take forms: their fields, and how each is drawn (a domain error beside
its field is :func:`knoten.web.kit.form_errors`). The pages of
:mod:`knoten.reciprocity.views` and the person page's forms (:mod:`knoten.web.person_views`)
share them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.utils.translation import gettext as _

from knoten.reciprocity import vocabulary as v
from knoten.web.kit import options

FAVOUR_FIELDS = (
    "giver",
    "receiver",
    "kind",
    "on",
    "value",
    "minutes",
    "note",
    "outcome",
    "won_value",
    "thanked",
)
RECOMMENDATION_FIELDS = (
    "recommender",
    "recipient",
    "beneficiary",
    "on",
    "context",
    "outcome",
    "won_value",
)


def me_word(typed: str) -> str:
    """The word for *me* in the reader's language ("ich") means *me*, as "me" does."""
    return "me" if typed.strip().casefold() == _("me").casefold() else typed


@dataclass(frozen=True)
class Field:
    """One labelled input of a form."""

    name: str
    label: str
    kind: str = "text"  # text, textarea, select, checkbox, number, money
    choices: Sequence[tuple[str, str]] = ()
    person: bool = False  # a name, with the suggestions of the page's script
    hint: str = ""


class Drawable(Protocol):
    """A form's field as :func:`drawn_fields` reads it (this module's :class:`Field`, and
    the person page's)."""

    @property
    def name(self) -> str: ...

    @property
    def label(self) -> object: ...

    @property
    def kind(self) -> str: ...

    @property
    def person(self) -> bool: ...

    @property
    def hint(self) -> object: ...


D = TypeVar("D", bound=Drawable)


def drawn_fields(
    fields: Sequence[D],
    values: Mapping[str, str],
    errors: Mapping[str, str],
    ids: Callable[[str], tuple[str, str, str]],
    more: Callable[[D], dict[str, Any]],
) -> list[dict[str, Any]]:
    """What ``web/parts/form_field.html`` needs to draw each field: the ids of its input,
    its hint and its message (``ids(name)``), its label, value and message, and what
    ``more`` adds (its choices; whether it is required). The first field with a message,
    or else the first of all, takes the focus."""
    focus = next((f.name for f in fields if f.name in errors), fields[0].name)
    drawn = []
    for f in fields:
        ident, hint_id, error_id = ids(f.name)
        error = errors.get(f.name, "")
        described = [hint_id if f.hint else "", error_id if error else ""]
        drawn.append(
            {
                "name": f.name,
                "id": ident,
                "hint_id": hint_id,
                "error_id": error_id,
                "label": f.label,
                "kind": f.kind,
                "value": values.get(f.name, ""),
                "error": error,
                "person": f.person,
                "hint": f.hint,
                "describedby": " ".join(part for part in described if part),
                "autofocus": f.name == focus,
                **more(f),
            }
        )
    return drawn


def form_fields(
    fields: Sequence[Field], values: Mapping[str, str], errors: Mapping[str, str], prefix: str
) -> list[dict[str, Any]]:
    """The fields of a ``reciprocity/form.html``, their ids starting with ``prefix``."""

    def ids(name: str) -> tuple[str, str, str]:
        return f"{prefix}-{name}", f"{prefix}-{name}-hint", f"{prefix}-{name}-error"

    return drawn_fields(fields, values, errors, ids, lambda f: {"choices": f.choices})


def _person_hint() -> str:
    return _("A name, or “me” for yourself.")


def _date_hint() -> str:
    return _("Today if empty; a date or words such as “yesterday”.")


def _won_fields() -> list[Field]:
    return [
        Field("outcome", _("What came of it"), "select", options(v.OUTCOMES)),
        Field(
            "won_value",
            _("Value of the order won"),
            "money",
            hint=_("Only with “order won”: 12000, 12.000 EUR"),
        ),
    ]


def favour_fields() -> list[Field]:
    return [
        Field("giver", _("Who did the favour"), person=True, hint=_person_hint()),
        Field("receiver", _("For whom"), person=True, hint=_person_hint()),
        Field("kind", _("Kind of favour"), "select", options(v.FAVOUR_KINDS)),
        Field("on", _("When"), hint=_date_hint()),
        Field("value", _("Value"), "money", hint=_("An amount, with a currency if not euros")),
        Field("minutes", _("Effort in minutes"), "number"),
        Field("note", _("Note"), "textarea"),
        *_won_fields(),
        Field("thanked", _("Thanked"), "checkbox"),
    ]


def recommendation_fields() -> list[Field]:
    return [
        Field("recommender", _("Recommender"), person=True, hint=_person_hint()),
        Field(
            "beneficiary",
            _("Beneficiary"),
            person=True,
            hint=_("The person recommended; “me” for yourself."),
        ),
        Field(
            "recipient",
            _("Recipient"),
            person=True,
            hint=_("The person they were recommended to."),
        ),
        Field("on", _("When"), hint=_date_hint()),
        Field("context", _("Context"), "textarea"),
        *_won_fields(),
    ]
