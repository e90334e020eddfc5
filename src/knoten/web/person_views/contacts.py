"""The person's contact details: add, edit and delete an address, number or profile."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from knoten.people import vocabulary as v
from knoten.people.contacts import add_contact, delete_contact_point, edit_contact_point
from knoten.people.models import ContactPoint
from knoten.web.kit import options
from knoten.web.person_views.base import Action, Field, Form, row_initial
from knoten.web.person_views.saving import adding, by_row, checked, editing, optional, text

LABEL_HINT = _("e.g. work, home, mobile")


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
        initial=row_initial(
            "contact_points",
            *("value", "label"),
            preferred=lambda row: "on" if row["preferred"] else "",
        ),
        item=ContactPoint,
        default_field="value",
    ),
}

ACTIONS: dict[str, Action] = {
    "contact-delete": Action("contact", by_row(delete_contact_point), ContactPoint),
}
