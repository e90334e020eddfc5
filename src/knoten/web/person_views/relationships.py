"""The person's relationships: add, edit and delete one, and all of them a page at a time."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from knoten.core.models import Member
from knoten.people import vocabulary as v
from knoten.people.models import Person, Relationship
from knoten.people.relationships import (
    delete_relationship,
    edit_relationship,
    get_relationship,
    list_relationships,
    relate,
    relationship_as_dict,
)
from knoten.web.kit import current_member, page_number, shown_date
from knoten.web.person_views.base import DATE_HINT, Action, Field, Form, Values, person_of
from knoten.web.person_views.saving import by_row, optional, read, text

RELATIONSHIPS_PAGE = 50  # rows on a page of all of a person's relationships


def _german() -> bool:
    return (translation.get_language() or "en").startswith("de")


def relationship_choices() -> list[tuple[str, str]]:
    """Each relationship kind, in both directions for the asymmetric ones.

    The value is the kind's English word for that direction ("boss", "report"), which
    the people service reads; the label says what this person is of the other.
    """
    choices = []
    for kind in v.RELATIONSHIP_KINDS:
        if _german():
            choices.append((kind.forward, f"{kind.forward_de} von"))
        else:
            choices.append((kind.forward, f"{kind.forward} of"))
        if not kind.symmetric:
            label = f"{kind.reverse_de} von" if _german() else f"{kind.reverse} of"
            choices.append((kind.reverse, label))
    return choices


def _relationship_choices_to_pick() -> list[tuple[str, str]]:
    return [("", str(_("Choose …"))), *relationship_choices()]


def relationship_shown(row: dict[str, Any]) -> None:
    """Add to a relationship's row its label in the reader's language and its date."""
    row["shown_label"] = row["label_de"] if _german() else row["label"]
    row["since_shown"] = shown_date(row["since"])


# --- the forms and the delete button ---------------------------------------------------


# What an added or edited relationship says (the kind, when edited, may stay as it was).
_ADDED = {"kind": text, "trust": optional, "since": optional, "note": text}
_EDITED = {"kind": optional} | dict.fromkeys(("trust", "since", "note"), text)


def _save_relationship(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    relate(actor, person, text(values, "person"), **read(values, _ADDED))


def _save_relationship_edit(
    actor: Member, person: Person, item_id: int | None, values: Values
) -> None:
    assert item_id is not None
    edit_relationship(actor, item_id, **read(values, _EDITED), seen_from=person.pk)


def _initial_relationship_edit(
    actor: Member, person: Person, _detail: dict[str, Any], item_id: int | None
) -> Values:
    assert item_id is not None
    relationship = get_relationship(actor, item_id)
    kind = v.KINDS_BY_CODE[relationship.kind]
    row = relationship_as_dict(relationship, seen_from=person.pk)
    return {
        "kind": kind.forward if relationship.from_person_id == person.pk else kind.reverse,
        "trust": "" if row["trust"] is None else str(row["trust"]),
        "since": row["since"] or "",
        "note": row["note"],
    }


RELATIONSHIP_FIELDS = (
    Field("kind", _("Relationship"), "select", relationship_choices),
    Field("trust", _("Trust"), "number", hint=_("1 (little) to 5 (complete)")),
    Field("since", _("Since"), hint=DATE_HINT),
    Field("note", _("Note"), "textarea"),
)

FORMS: dict[str, Form] = {
    "relations": Form(
        section="relations",
        title=_("Add relationship"),
        fields=(
            Field("person", _("Person"), person=True, required=True),
            Field("kind", _("Relationship"), "select", _relationship_choices_to_pick),
            *RELATIONSHIP_FIELDS[1:],
        ),
        save=_save_relationship,
    ),
    "relations-edit": Form(
        section="relations",
        title=_("Edit relationship"),
        fields=RELATIONSHIP_FIELDS,
        save=_save_relationship_edit,
        initial=_initial_relationship_edit,
        item=Relationship,
    ),
}

ACTIONS: dict[str, Action] = {
    "relations-delete": Action("relations", by_row(delete_relationship), Relationship),
}


# --- all of them -----------------------------------------------------------------------


@require_GET
def person_relationships(request: HttpRequest, person_id: int) -> HttpResponse:
    """All of a person's relationships, a page at a time (the page shows the closest)."""
    member = current_member(request)
    person = person_of(member, person_id)
    page = page_number(request.GET.get("page"))
    offset = (page - 1) * RELATIONSHIPS_PAGE
    edges = list_relationships(member, person, limit=RELATIONSHIPS_PAGE + 1, offset=offset)
    rows = [relationship_as_dict(r, seen_from=person.pk) for r in edges]
    for row in rows:
        relationship_shown(row)
    context = {
        "member": member,
        "person": {"id": person.pk, "name": person.full_name},
        "rows": rows[:RELATIONSHIPS_PAGE],
        "page": page,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if len(rows) > RELATIONSHIPS_PAGE else None,
    }
    return render(request, "web/person/relationships.html", context)
