"""What every section of a person's page is made of: the person asked for, a section's
form and its fields, a one-click change, and a domain error as the page says it."""

from __future__ import annotations

from collections.abc import Callable
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
# A form's save: the member, the person, the row the form edits (if any), what it sent.
Save = Callable[[Member, Person, int | None, Values], object]
# What a form starts with: the member, the person, the page's data, the row it edits.
Initial = Callable[[Member, Person, dict[str, Any], int | None], Values]
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
    initial: Initial | None = None
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


# --- a row of the page, a complaint ----------------------------------------------------


def row_of(rows: list[dict[str, Any]], item_id: int | None) -> dict[str, Any]:
    """The row ``item_id`` of a section of the page; else 404."""
    for row in rows:
        if row["id"] == item_id:
            return row
    raise Http404("No such entry on this person's page.")


def row_initial(rows: str, *names: str, **shown: Callable[[dict[str, Any]], str]) -> Initial:
    """What a form editing a row of the page's ``rows`` starts with: the row's value of
    each of ``names`` ("" for none), and each of ``shown`` as it reads the row."""

    def initial(
        _actor: Member, _person: Person, detail: dict[str, Any], item_id: int | None
    ) -> Values:
        row = row_of(detail[rows], item_id)
        values = {name: row[name] or "" for name in names}
        return values | {name: show(row) for name, show in shown.items()}

    return initial


def problem_text(problem: KnotenError) -> str:
    """A domain error as the person's page says it: the value and what is wrong with it."""
    if isinstance(problem, InvalidInput):
        shown = repr(problem.value) if isinstance(problem.value, str) else str(problem.value)
        return f"{shown} {problem.reason}"
    return problem.message
