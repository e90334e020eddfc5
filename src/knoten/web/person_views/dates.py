"""The person's important dates: birthday, name day, anniversaries and the like."""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from knoten.people import vocabulary as v
from knoten.people.important_dates import (
    add_important_date,
    delete_important_date,
    edit_important_date,
)
from knoten.people.models import ImportantDate
from knoten.web.kit import options
from knoten.web.person_views.base import Action, Field, Form, row_initial
from knoten.web.person_views.saving import adding, by_row, editing, optional, text

DATE_FIELDS = (
    Field("kind", _("Occasion"), "select", lambda: options(v.DATE_KINDS)),
    Field("date", _("Date"), required=True, hint=_("e.g. 14.03.1980 or 14.03.")),
    Field("label", _("Label")),
    Field("note", _("Note"), "textarea"),
)

_ADD_DATE = Form(
    section="dates",
    title=_("Add date"),
    fields=DATE_FIELDS,
    save=adding(add_important_date, dict.fromkeys(("kind", "date", "label", "note"), text)),
)

FORMS: dict[str, Form] = {
    "dates": _ADD_DATE,
    # The same form, editing the row of the URL.
    "dates-edit": replace(
        _ADD_DATE,
        title=_("Edit date"),
        save=editing(
            edit_important_date,
            {"kind": optional} | dict.fromkeys(("date", "label", "note"), text),
        ),
        initial=row_initial("important_dates", "kind", "date", "label", "note"),
        item=ImportantDate,
    ),
}

ACTIONS: dict[str, Action] = {
    "dates-delete": Action("dates", by_row(delete_important_date), ImportantDate),
}
