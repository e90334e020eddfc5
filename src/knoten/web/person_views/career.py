"""The person's career: jobs, functions, education and memberships at organisations."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext_lazy as _

from knoten.core.models import Member
from knoten.people import vocabulary as v
from knoten.people.affiliations import (
    DEFAULT_KIND,
    add_affiliation,
    delete_affiliation,
    edit_affiliation,
    end_affiliation,
)
from knoten.people.models import Affiliation, Person
from knoten.web.kit import options
from knoten.web.person_views.base import DATE_HINT, Action, Field, Form, Values, row_initial
from knoten.web.person_views.saving import adding, by_row, editing, optional, text


def _initial_job(
    _actor: Member, _person: Person, _detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {"kind": DEFAULT_KIND}


CAREER_FIELDS = (
    Field("organisation", _("Organisation"), required=True),
    Field("kind", _("Kind"), "select", lambda: options(v.AFFILIATION_KINDS)),
    Field("title", _("Title")),
    Field("start", _("From"), hint=DATE_HINT),
    Field("end", _("Until"), hint=_("Empty while it lasts")),
    Field("note", _("Note"), "textarea"),
)

_ADD_JOB = Form(
    section="career",
    title=_("Add job"),
    fields=CAREER_FIELDS,
    save=adding(
        add_affiliation,
        {"organisation": text, "kind": optional, "title": text}
        | dict.fromkeys(("start", "end"), optional)
        | {"note": text},
    ),
    initial=_initial_job,
    aliases={"org": "organisation"},
)

FORMS: dict[str, Form] = {
    "career": _ADD_JOB,
    # The same form, editing the row of the URL.
    "career-edit": replace(
        _ADD_JOB,
        title=_("Edit job"),
        save=editing(
            edit_affiliation,
            {"organisation": text, "kind": optional}
            | dict.fromkeys(("title", "start", "end", "note"), text),
        ),
        initial=row_initial(
            "affiliations",
            *("kind", "title", "start", "end", "note"),
            organisation=lambda row: row["organisation"]["name"],
        ),
        item=Affiliation,
    ),
}

ACTIONS: dict[str, Action] = {
    "career-end": Action("career", by_row(end_affiliation), Affiliation),
    "career-delete": Action("career", by_row(delete_affiliation), Affiliation),
}
