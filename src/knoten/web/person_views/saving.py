"""How a section's form is saved: each field read from what was sent, then the domain's
add or edit function called with them; a one-click change to a row by its id."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from knoten.core.models import Member
from knoten.people.models import Person
from knoten.web.person_views.base import Save, Values

# How one field is read from what a form sent (``text``, ``optional`` …).
Reader = Callable[[Values, str], Any]


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
