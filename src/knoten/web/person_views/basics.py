"""The person's own fields: name and basics, how we met, skills and circles, notes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from knoten.core.models import Member
from knoten.people.models import Person
from knoten.people.persons import PersonFields, edit_person
from knoten.web.person_views.base import DATE_HINT, Field, Form, Save, Values
from knoten.web.person_views.saving import (
    Reader,
    as_typed,
    checked,
    listed,
    optional,
    read,
    text,
)


def address_choices() -> list[tuple[str, str]]:
    return [("", str(_("unknown"))), ("du", "du"), ("sie", "Sie")]


def gender_choices() -> list[tuple[str, str]]:
    return [
        ("", str(_("unknown (neutral salutation)"))),
        ("female", str(_("female"))),
        ("male", str(_("male"))),
        ("diverse", str(_("diverse"))),
    ]


def language_choices() -> list[tuple[str, str]]:
    return [("", str(_("the network's"))), ("de", "Deutsch"), ("en", "English")]


def importance_choices() -> list[tuple[str, str]]:
    return [
        ("1", str(_("inner circle"))),
        ("2", str(_("important"))),
        ("3", str(_("regular"))),
        ("4", str(_("peripheral"))),
    ]


def _saving(readers: dict[str, Reader], *, named: bool = False) -> Save:
    """The save of a form of the person's own fields: each as its reader reads it (and
    the name, if ``named``)."""

    def save(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
        name = text(values, "name") if named else None
        edit_person(actor, person, PersonFields(**read(values, readers)), name=name)

    return save


def _initial_basics(
    _actor: Member, _person: Person, detail: dict[str, Any], _item_id: int | None
) -> Values:
    names = ("name", "nickname", "form_of_address", "salutation", "gender", "language")
    shown = {name: detail[name] for name in names}
    return {**shown, "importance": str(detail["importance"]), "do_not_ask": detail["do_not_ask"]}


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


def _initial_skills(
    _actor: Member, _person: Person, detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {name: ", ".join(detail[name]) for name in ("skills", "circles", "tags")}


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
            Field("gender", _("Gender (for salutations)"), "select", gender_choices),
            Field("language", _("Language to write in"), "select", language_choices),
            Field("importance", _("Importance"), "select", importance_choices),
            Field("do_not_ask", _("Do not ask them for introductions"), "checkbox"),
        ),
        save=_saving(
            {
                "nickname": text,
                "form_of_address": text,
                "salutation": text,
                "gender": text,
                "language": text,
                "importance": optional,
                "do_not_ask": checked,
            },
            named=True,
        ),
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
        save=_saving(dict.fromkeys(("met_on", "met_at", "met_org", "met_via", "how_met"), text)),
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
        save=_saving(dict.fromkeys(("skills", "circles", "tags"), listed)),
        initial=_initial_skills,
        aliases={"skill": "skills", "circle": "circles", "tag": "tags"},
    ),
    "notes": Form(
        section="notes",
        title=_("Edit notes"),
        fields=(Field("note", _("Notes"), "textarea"),),
        save=_saving({"note": as_typed}),
        initial=_initial_notes,
        aliases={"notes": "note"},
    ),
}
