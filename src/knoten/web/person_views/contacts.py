"""The person's contact details: add, edit and delete an address, number or profile."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from knoten.core.models import Member
from knoten.people import vocabulary as v
from knoten.people.contacts import add_contact, delete_contact_point, edit_contact_point
from knoten.people.models import ContactPoint, Person
from knoten.web.kit import options
from knoten.web.person_views.base import Action, Field, Form, Values, row_of
from knoten.web.person_views.saving import adding, by_row, checked, editing, optional, text

LABEL_HINT = _("e.g. work, home, mobile")


def _initial_contact_edit(
    _actor: Member, _person: Person, detail: dict[str, Any], item_id: int | None
) -> Values:
    point = row_of(detail["contact_points"], item_id)
    return {
        "value": point["value"],
        "label": point["label"],
        "preferred": "on" if point["preferred"] else "",
    }


FORMS: dict[str, Form] = {
    "contact": Form(
        section="contact",
        title=_("Add contact"),
        fields=(
            Field("kind", _("Kind"), "select", lambda: options(v.CONTACT_KINDS)),
            Field("value", _("Address or number"), required=True),
            Field("label", _("Label"), hint=LABEL_HINT),
            Field("preferred", _("Preferred"), "checkbox"),
        ),
        save=adding(
            add_contact,
            {"kind": text, "value": text, "label": optional, "preferred": checked},
        ),
        default_field="value",
    ),
    "contact-edit": Form(
        section="contact",
        title=_("Edit contact"),
        fields=(
            Field("value", _("Address or number"), required=True),
            Field("label", _("Label"), hint=LABEL_HINT),
            Field("preferred", _("Preferred"), "checkbox"),
        ),
        save=editing(edit_contact_point, {"value": text, "label": text, "preferred": checked}),
        initial=_initial_contact_edit,
        item=ContactPoint,
        default_field="value",
    ),
}

ACTIONS: dict[str, Action] = {
    "contact-delete": Action("contact", by_row(delete_contact_point), ContactPoint),
}
