"""The person's own fields: name and basics, how we met, skills and circles, notes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from knoten.core.models import Member
from knoten.people.models import Person
from knoten.people.persons import PersonFields, edit_person
from knoten.web.person_views.base import (
    DATE_HINT,
    Field,
    Form,
    Values,
    names,
    optional,
    text,
)


def address_choices() -> list[tuple[str, str]]:
    return [("", str(_("unknown"))), ("du", "du"), ("sie", "Sie")]


def importance_choices() -> list[tuple[str, str]]:
    return [
        ("1", str(_("inner circle"))),
        ("2", str(_("important"))),
        ("3", str(_("regular"))),
        ("4", str(_("peripheral"))),
    ]


# name and basics


def _save_basics(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    edit_person(
        actor,
        person,
        PersonFields(
            nickname=text(values, "nickname"),
            form_of_address=text(values, "form_of_address"),
            salutation=text(values, "salutation"),
            importance=optional(values, "importance"),
        ),
        name=text(values, "name"),
    )


def _initial_basics(
    _actor: Member, _person: Person, detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {
        "name": detail["name"],
        "nickname": detail["nickname"],
        "form_of_address": detail["form_of_address"],
        "salutation": detail["salutation"],
        "importance": str(detail["importance"]),
    }


# how we met


def _save_met(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    edit_person(
        actor,
        person,
        PersonFields(
            met_on=text(values, "met_on"),
            met_at=text(values, "met_at"),
            met_org=text(values, "met_org"),
            met_via=text(values, "met_via"),
            how_met=text(values, "how_met"),
        ),
    )


def _initial_met(
    _actor: Member, _person: Person, detail: dict[str, Any], _item_id: int | None
) -> Values:
    met = detail["how_we_met"]
    return {
        "met_on": met["date"] or "",
        "met_at": (met["event"] or {}).get("name", ""),
        "met_org": (met["organisation"] or {}).get("name", ""),
        "met_via": (met["introduced_by"] or {}).get("name", ""),
        "how_met": met["text"],
    }


# skills and circles


def _save_skills(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    edit_person(
        actor,
        person,
        PersonFields(
            skills=names(text(values, "skills")),
            circles=names(text(values, "circles")),
            tags=names(text(values, "tags")),
        ),
    )


def _initial_skills(
    _actor: Member, _person: Person, detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {name: ", ".join(detail[name]) for name in ("skills", "circles", "tags")}


# notes


def _save_notes(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    edit_person(actor, person, PersonFields(note=values.get("note", "")))


def _initial_notes(
    _actor: Member, _person: Person, detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {"note": detail["notes"]}


FORMS: dict[str, Form] = {
    "basics": Form(
        section="basics",
        title=_("Edit name and basics"),
        fields=(
            Field("name", _("Name"), required=True),
            Field("nickname", _("Nickname")),
            Field("form_of_address", _("Form of address"), "select", address_choices),
            Field("salutation", _("Salutation")),
            Field("importance", _("Importance"), "select", importance_choices),
        ),
        save=_save_basics,
        initial=_initial_basics,
    ),
    "met": Form(
        section="met",
        title=_("Edit how we met"),
        fields=(
            Field("met_on", _("When"), hint=DATE_HINT),
            Field("met_at", _("At the event")),
            Field("met_org", _("At the organisation")),
            Field("met_via", _("Introduced by"), person=True),
            Field("how_met", _("Story"), "textarea"),
        ),
        save=_save_met,
        initial=_initial_met,
        aliases={"how_we_met": "how_met"},
    ),
    "skills": Form(
        section="skills",
        title=_("Edit skills and circles"),
        fields=(
            Field("skills", _("Skills"), hint=_("Separated by commas")),
            Field("circles", _("Circles"), hint=_("Separated by commas")),
            Field("tags", _("Tags"), hint=_("Separated by commas")),
        ),
        save=_save_skills,
        initial=_initial_skills,
        aliases={"skill": "skills", "circle": "circles", "tag": "tags"},
    ),
    "notes": Form(
        section="notes",
        title=_("Edit notes"),
        fields=(Field("note", _("Notes"), "textarea"),),
        save=_save_notes,
        initial=_initial_notes,
        aliases={"notes": "note"},
    ),
}
