"""What every section of a person's page is made of: the person asked for, a section's
form and its fields, a one-click change, and a domain error as the page says it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

from knoten.core.errors import InvalidInput, KnotenError
from knoten.core.models import Member
from knoten.people.lookup import person_by_id
from knoten.people.models import Person
from knoten.web.kit import not_found

Values = dict[str, str]
# How one field is read from what a form sent (``text``, ``optional`` …).
Reader = Callable[[Values, str], Any]
# A form's save: the member, the person, the row the form edits (if any), what it sent.
Save = Callable[[Member, Person, int | None, Values], object]
DATE_HINT = _("e.g. 14.03.2024, 03/2024 or 2024")


def person_of(member: Member, person_id: int) -> Person:
    """The person of the member's network, else 404 (another network's too)."""
    person = person_by_id(member, person_id)
    if person is None:
        raise not_found()
    return person


# --- a section's form ------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One labelled input of a section's form."""

    name: str
    label: LazyText | str
    kind: str = "text"  # text, textarea, select, checkbox, number
    choices: Callable[[], list[tuple[str, str]]] | None = None
    person: bool = False  # a typed name, completed by the autocomplete script
    hint: LazyText | str = ""
    required: bool = False


@dataclass(frozen=True)
class Form:
    """A section's form: its fields, what they start with, and how it is saved."""

    section: str
    title: LazyText | str
    fields: tuple[Field, ...]
    save: Save
    initial: Callable[[Member, Person, dict[str, Any], int | None], Values] | None = None
    # The model of the one row of the section this form edits (its id is in the URL).
    item: type[Any] | None = None
    # Where a complaint about a field the form does not show is put (else above the form).
    default_field: str = ""
    # A service's name of a field → this form's field.
    aliases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Action:
    """A one-click change to one row of a section (delete a contact, a promise done)."""

    section: str
    # What it returns, if a dict, is given to the section's template.
    run: Callable[[Member, Person, int], object]
    model: type[Any] | None = None  # the row must be this person's (else 404)


def adding(add: Callable[..., object], readers: Mapping[str, Reader]) -> Save:
    """The save of a form that adds a row to the person: ``add(actor, person, **fields)``."""

    def save(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
        add(actor, person, **read(values, readers))

    return save


def editing(edit: Callable[..., object], readers: Mapping[str, Reader]) -> Save:
    """The save of a form that edits the row of the URL: ``edit(actor, item_id, **fields)``."""

    def save(actor: Member, _person: Person, item_id: int | None, values: Values) -> None:
        assert item_id is not None
        edit(actor, item_id, **read(values, readers))

    return save


def by_row(run: Callable[[Member, int], object]) -> Callable[[Member, Person, int], None]:
    """A one-click change that needs only the row: ``run(actor, item_id)``."""

    def change(actor: Member, _person: Person, item_id: int) -> None:
        run(actor, item_id)

    return change


# --- what a form sent ------------------------------------------------------------------


def text(values: Values, name: str) -> str:
    return values.get(name, "").strip()


def optional(values: Values, name: str) -> str | None:
    """What was typed, or None (unchanged / not given) when the field is empty."""
    return text(values, name) or None


def names(typed: str) -> list[str]:
    """The comma-separated names of a text field; an empty field clears the list."""
    found = [name.strip() for name in typed.split(",")]
    return [name for name in found if name] or [""]


def as_typed(values: Values, name: str) -> str:
    """What was typed, white space and all (a long text)."""
    return values.get(name, "")


def checked(values: Values, name: str) -> bool:
    """Whether a checkbox was ticked."""
    return values.get(name) == "on"


def listed(values: Values, name: str) -> list[str]:
    """The comma-separated names of a text field (see :func:`names`)."""
    return names(text(values, name))


def read(values: Values, readers: Mapping[str, Reader]) -> dict[str, Any]:
    """Each field that ``readers`` names, as its reader reads it from what was sent."""
    return {name: reader(values, name) for name, reader in readers.items()}


def row_of(rows: list[dict[str, Any]], item_id: int | None) -> dict[str, Any]:
    """The row ``item_id`` of a section of the page; else 404."""
    for row in rows:
        if row["id"] == item_id:
            return row
    raise Http404("No such entry on this person's page.")


def problem_text(problem: KnotenError) -> str:
    """A domain error as the person's page says it: the value and what is wrong with it."""
    if isinstance(problem, InvalidInput):
        shown = repr(problem.value) if isinstance(problem.value, str) else str(problem.value)
        return f"{shown} {problem.reason}"
    return problem.message
