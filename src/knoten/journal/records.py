"""What the journal's named records (events, projects) and their links to persons
(attendance, roles) share when they are written."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from knoten.core import changes
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.core.reading import line
from knoten.core.records import save_edits
from knoten.journal.references import organisation_to_set
from knoten.people.lookup import ensure_organisation
from knoten.people.models import Organisation

L = TypeVar("L", bound=Model)


def required_name(value: str, what: str) -> str:
    """The name of a new or renamed record; ``what`` says what needs it ("an event")."""
    title = line(value, "name", 300)
    if not title:
        raise InvalidInput("name", value, f"is empty; {what} needs a name")
    return title


def _check_new_organisation(
    actor: Member, organisation: str | Organisation | None, field: str
) -> None:
    """Refuse, before anything is written, the organisation of a new record that names
    none: one of another network, or a name of spaces only."""
    if isinstance(organisation, Organisation) and organisation.network_id != actor.network_id:
        raise NotFound(field, organisation.pk)
    if isinstance(organisation, str) and organisation and not organisation.strip():
        raise InvalidInput(field, organisation, "is empty; give the organisation's name")


def _save_named_edits(
    actor: Member,
    found: Model,
    edits: dict[str, Any],
    field: str,
    organisation: str | int | Organisation | None,
) -> None:
    """Save ``edits`` of an event or a project with its organisation ``field`` as given
    (None leaves it, ``""`` clears it, a new name makes it, all in one transaction)."""
    chosen = None if organisation is None else organisation_to_set(actor, organisation, field)
    with changes.atomic():
        if organisation is not None:
            edits[field] = None if chosen is None else ensure_organisation(actor, chosen, field)
        # save() folds the name again.
        save_edits(found, edits, "folded_name")


def set_link(model: type[L], network_id: int, values: dict[str, Any], **key: Any) -> L:
    """The link (an attendance, a role) that ``key`` names, made or changed to ``values``."""
    with changes.atomic():
        link, _ = model._default_manager.update_or_create(
            **key, defaults=values, create_defaults={**values, "network_id": network_id}
        )
    return link


def remove_link(rows: QuerySet[Any], what: str, shown: str) -> None:
    """Delete the link ``rows`` selects; none there is ``what`` not found, as ``shown``."""
    with changes.atomic():
        removed, _ = rows.delete()
    if not removed:
        raise NotFound(what, shown)
