"""A person's page: the whole info base in sections, each editable in place.

The views call :mod:`knoten.people.services` and :mod:`knoten.journal`, the
same functions as the command line and the API; no rule is written a second time here.

Every section of the page is a partial of ``web/person.html``. An "Edit" or "Add …"
link fetches the section's form (htmx swaps it in place of the section; without
JavaScript the same URL is a page of its own). Saving answers the section again
(htmx) or redirects back to the page; a bad field answers the form with the message
next to that field and status 400, having changed nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise as LazyText
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knoten.core.errors import Ambiguous, InvalidInput, KnotenError, NotFound
from knoten.core.limits import is_id, storable
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.core.words import Word
from knoten.journal import vocabulary as journal_words
from knoten.journal.conversations import interaction_as_dict, list_interactions
from knoten.journal.models import ProjectRole, Promise
from knoten.journal.projects import remove_project_role, set_project_role
from knoten.journal.promises import add_promise, complete_promise, reopen_promise
from knoten.people import vocabulary as v
from knoten.people.affiliations import (
    add_affiliation,
    delete_affiliation,
    edit_affiliation,
    end_affiliation,
)
from knoten.people.contacts import add_contact, delete_contact_point, edit_contact_point
from knoten.people.important_dates import (
    add_important_date,
    delete_important_date,
    edit_important_date,
)
from knoten.people.lookup import person_by_id
from knoten.people.models import Affiliation, ContactPoint, ImportantDate, Person, Relationship
from knoten.people.persons import PersonFields, archive_person, delete_person, edit_person
from knoten.people.relationships import (
    delete_relationship,
    edit_relationship,
    get_relationship,
    list_relationships,
    relate,
    relationship_as_dict,
)
from knoten.profiles.person import person_detail
from knoten.web.picking import person_ref
from knoten.web.views import _is_fragment_request, _member

SECTIONS = (
    "basics",
    "contact",
    "met",
    "career",
    "relations",
    "projects",
    "skills",
    "dates",
    "notes",
    "promises",
    "favours",
    "conversations",
)
RELATIONSHIPS_PAGE = 50
CONVERSATIONS_PAGE = 20
MAX_OFFSET = 10_000_000  # far beyond anyone's conversations, well inside the database's range


# --- words in the user's language ------------------------------------------------------


def _german() -> bool:
    return (translation.get_language() or "en").startswith("de")


def _word_choices(words: tuple[Word, ...]) -> list[tuple[str, str]]:
    """A vocabulary as (code, label) options, labelled in the user's language."""
    return [(word.code, word.de if _german() else word.en) for word in words]


def _word_label(words: tuple[Word, ...], code: str) -> str:
    return next((label for value, label in _word_choices(words) if value == code), code)


def _relationship_choices() -> list[tuple[str, str]]:
    """Each relationship kind, in both directions for the asymmetric ones.

    The value is the kind's English word for that direction ("boss", "report"), which
    the people service reads; the label says what this person is of the other.
    """
    options = []
    for kind in v.RELATIONSHIP_KINDS:
        if _german():
            options.append((kind.forward, f"{kind.forward_de} von"))
        else:
            options.append((kind.forward, f"{kind.forward} of"))
        if not kind.symmetric:
            label = f"{kind.reverse_de} von" if _german() else f"{kind.reverse} of"
            options.append((kind.reverse, label))
    return options


def _relationship_choices_to_pick() -> list[tuple[str, str]]:
    return [("", str(_("Choose …"))), *_relationship_choices()]


def _address_choices() -> list[tuple[str, str]]:
    return [("", str(_("unknown"))), ("du", "du"), ("sie", "Sie")]


def _importance_choices() -> list[tuple[str, str]]:
    return [
        ("1", str(_("inner circle"))),
        ("2", str(_("important"))),
        ("3", str(_("regular"))),
        ("4", str(_("peripheral"))),
    ]


def _owed_choices() -> list[tuple[str, str]]:
    return [("me", str(_("I owe it"))), ("them", str(_("They owe it")))]


# --- the forms -------------------------------------------------------------------------


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


Values = dict[str, str]


@dataclass(frozen=True)
class Form:
    """A section's form: its fields, what they start with, and how it is saved."""

    section: str
    title: LazyText | str
    fields: tuple[Field, ...]
    save: Callable[[Member, Person, int | None, Values], object]
    initial: Callable[[Member, Person, dict[str, Any], int | None], Values] | None = None
    # The model of the one row of the section this form edits (its id is in the URL).
    item: type[Any] | None = None
    # Where a complaint about a field the form does not show is put (else above the form).
    default_field: str = ""
    # A service's name of a field → this form's field.
    aliases: dict[str, str] = field(default_factory=dict)


def _text(values: Values, name: str) -> str:
    return values.get(name, "").strip()


def _optional(values: Values, name: str) -> str | None:
    """What was typed, or None (unchanged / not given) when the field is empty."""
    return _text(values, name) or None


def _names(text: str) -> list[str]:
    """The comma-separated names of a text field; an empty field clears the list."""
    names = [name.strip() for name in text.split(",")]
    return [name for name in names if name] or [""]


def _item(rows: list[dict[str, Any]], item_id: int | None) -> dict[str, Any]:
    for row in rows:
        if row["id"] == item_id:
            return row
    raise Http404("No such entry on this person's page.")


# basics


def _save_basics(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    edit_person(
        actor,
        person,
        PersonFields(
            nickname=_text(values, "nickname"),
            form_of_address=_text(values, "form_of_address"),
            salutation=_text(values, "salutation"),
            importance=_text(values, "importance") or "3",
        ),
        name=_text(values, "name"),
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


# contact


def _save_contact(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    add_contact(
        actor,
        person,
        _text(values, "kind"),
        _text(values, "value"),
        label=_text(values, "label") or None,
        preferred=values.get("preferred") == "on",
    )


def _save_contact_edit(actor: Member, person: Person, item_id: int | None, values: Values) -> None:
    assert item_id is not None
    edit_contact_point(
        actor,
        item_id,
        value=_text(values, "value"),
        label=_text(values, "label"),
        preferred=values.get("preferred") == "on",
    )


def _initial_contact_edit(
    _actor: Member, _person: Person, detail: dict[str, Any], item_id: int | None
) -> Values:
    point = _item(detail["contact_points"], item_id)
    return {
        "value": point["value"],
        "label": point["label"],
        "preferred": "on" if point["preferred"] else "",
    }


# how we met


def _save_met(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    edit_person(
        actor,
        person,
        PersonFields(
            met_on=_text(values, "met_on"),
            met_at=_text(values, "met_at"),
            met_org=_text(values, "met_org"),
            met_via=_text(values, "met_via"),
            how_met=_text(values, "how_met"),
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


# career


def _save_job(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    add_affiliation(
        actor,
        person,
        _text(values, "organisation"),
        _text(values, "kind") or "job",
        title=_text(values, "title"),
        start=_optional(values, "start"),
        end=_optional(values, "end"),
        note=_text(values, "note"),
    )


def _initial_job(
    _actor: Member, _person: Person, _detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {"kind": "job"}


def _save_job_edit(actor: Member, person: Person, item_id: int | None, values: Values) -> None:
    assert item_id is not None
    edit_affiliation(
        actor,
        item_id,
        organisation=_text(values, "organisation"),
        kind=_text(values, "kind") or None,
        title=_text(values, "title"),
        start=_text(values, "start"),
        end=_text(values, "end"),
        note=_text(values, "note"),
    )


def _initial_job_edit(
    _actor: Member, _person: Person, detail: dict[str, Any], item_id: int | None
) -> Values:
    row = _item(detail["affiliations"], item_id)
    return {
        "organisation": row["organisation"]["name"],
        "kind": row["kind"],
        "title": row["title"],
        "start": row["start"] or "",
        "end": row["end"] or "",
        "note": row["note"],
    }


# relationships


def _save_relationship_edit(
    actor: Member, person: Person, item_id: int | None, values: Values
) -> None:
    assert item_id is not None
    edit_relationship(
        actor,
        item_id,
        kind=_text(values, "kind") or None,
        trust=_text(values, "trust"),
        since=_text(values, "since"),
        note=_text(values, "note"),
        seen_from=person.pk,
    )


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


def _save_relationship(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    relate(
        actor,
        person,
        _text(values, "person"),
        _text(values, "kind"),
        trust=_optional(values, "trust"),
        since=_optional(values, "since"),
        note=_text(values, "note"),
    )


# projects


def _save_project(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    set_project_role(actor, _text(values, "project"), person, _text(values, "role"))


def _save_project_edit(actor: Member, person: Person, item_id: int | None, values: Values) -> None:
    assert item_id is not None
    set_project_role(actor, item_id, person, _text(values, "role"))


def _initial_project_edit(
    _actor: Member, person: Person, _detail: dict[str, Any], item_id: int | None
) -> Values:
    assert item_id is not None
    role = ProjectRole.objects.filter(person_id=person.pk, project_id=item_id).first()
    if role is None:
        raise Http404("This person is not in that project.")
    return {"role": role.role}


# skills and circles


def _save_skills(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    edit_person(
        actor,
        person,
        PersonFields(
            skills=_names(_text(values, "skills")),
            circles=_names(_text(values, "circles")),
            tags=_names(_text(values, "tags")),
        ),
    )


def _initial_skills(
    _actor: Member, _person: Person, detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {name: ", ".join(detail[name]) for name in ("skills", "circles", "tags")}


# important dates


def _save_date(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    add_important_date(
        actor,
        person,
        _text(values, "kind"),
        _text(values, "date"),
        label=_text(values, "label"),
        note=_text(values, "note"),
    )


def _save_date_edit(actor: Member, person: Person, item_id: int | None, values: Values) -> None:
    assert item_id is not None
    edit_important_date(
        actor,
        item_id,
        kind=_text(values, "kind") or None,
        date=_text(values, "date"),
        label=_text(values, "label"),
        note=_text(values, "note"),
    )


def _initial_date_edit(
    _actor: Member, _person: Person, detail: dict[str, Any], item_id: int | None
) -> Values:
    row = _item(detail["important_dates"], item_id)
    return {
        "kind": row["kind"],
        "date": row["date"] or "",
        "label": row["label"],
        "note": row["note"],
    }


# notes


def _save_notes(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    edit_person(actor, person, PersonFields(note=values.get("note", "")))


def _initial_notes(
    _actor: Member, _person: Person, detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {"note": detail["notes"]}


# promises


def _save_promise(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    add_promise(
        actor,
        person,
        _text(values, "text"),
        due=_optional(values, "due"),
        owed_by_me=_text(values, "owed") != "them",
    )


# give and take: a favour between this person and me, a recommendation they are part of


def _favour_direction_choices() -> list[tuple[str, str]]:
    return [("gave", str(_("I did them the favour"))), ("got", str(_("They did me the favour")))]


def _favour_kind_choices() -> list[tuple[str, str]]:
    from knoten.reciprocity import vocabulary as favour_words

    return _word_choices(favour_words.FAVOUR_KINDS)


def _outcome_choices() -> list[tuple[str, str]]:
    from knoten.reciprocity import vocabulary as favour_words

    return _word_choices(favour_words.OUTCOMES)


def _save_favour(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    from knoten.reciprocity.services import add_favour

    mine = _text(values, "direction") != "got"
    add_favour(
        actor,
        giver=actor.me if mine else person,
        receiver=person if mine else actor.me,
        kind=_text(values, "kind"),
        on=_optional(values, "on"),
        value=_optional(values, "value"),
        minutes=_optional(values, "minutes"),
        note=_text(values, "note"),
        outcome=_text(values, "outcome") or "open",
        won_value=_optional(values, "won_value"),
        thanked=values.get("thanked") == "on",
    )


def _initial_favour(
    _actor: Member, _person: Person, _detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {"direction": "gave", "kind": "help", "outcome": "open"}


def _save_recommendation(
    actor: Member, person: Person, _item_id: int | None, values: Values
) -> None:
    from knoten.reciprocity.forms import me_word
    from knoten.reciprocity.services import add_recommendation

    def who(field: str) -> str | Person:
        # The name the form started with stands for this person (whoever shares it).
        typed = _text(values, field)
        return person if typed == person.full_name else me_word(typed)

    add_recommendation(
        actor,
        recommender=who("recommender"),
        recipient=who("recipient"),
        beneficiary=who("beneficiary"),
        on=_optional(values, "on"),
        context=_text(values, "context"),
        outcome=_text(values, "outcome") or "open",
        won_value=_optional(values, "won_value"),
    )


def _initial_recommendation(
    _actor: Member, person: Person, _detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {
        "recommender": str(_("me")),
        "beneficiary": person.full_name,
        "recipient": "",
        "outcome": "open",
    }


WON_HINT = _("Only with “order won”: 12000, 12.000 EUR")
GIVING_DATE_HINT = _("Today if empty; a date or words such as “yesterday”.")
PERSON_HINT = _("A name, or “me” for yourself.")
DATE_HINT = _("e.g. 14.03.2024, 03/2024 or 2024")
CAREER_FIELDS = (
    Field("organisation", _("Organisation"), required=True),
    Field("kind", _("Kind"), "select", lambda: _word_choices(v.AFFILIATION_KINDS)),
    Field("title", _("Title")),
    Field("start", _("From"), hint=DATE_HINT),
    Field("end", _("Until"), hint=_("Empty while it lasts")),
    Field("note", _("Note"), "textarea"),
)
RELATIONSHIP_FIELDS = (
    Field("kind", _("Relationship"), "select", _relationship_choices),
    Field("trust", _("Trust"), "number", hint=_("1 (little) to 5 (complete)")),
    Field("since", _("Since"), hint=DATE_HINT),
    Field("note", _("Note"), "textarea"),
)
DATE_FIELDS = (
    Field("kind", _("Occasion"), "select", lambda: _word_choices(v.DATE_KINDS)),
    Field("date", _("Date"), required=True, hint=_("e.g. 14.03.1980 or 14.03.")),
    Field("label", _("Label")),
    Field("note", _("Note"), "textarea"),
)

FORMS: dict[str, Form] = {
    "basics": Form(
        section="basics",
        title=_("Edit name and basics"),
        fields=(
            Field("name", _("Name"), required=True),
            Field("nickname", _("Nickname")),
            Field("form_of_address", _("Form of address"), "select", _address_choices),
            Field("salutation", _("Salutation")),
            Field("importance", _("Importance"), "select", _importance_choices),
        ),
        save=_save_basics,
        initial=_initial_basics,
    ),
    "contact": Form(
        section="contact",
        title=_("Add contact"),
        fields=(
            Field("kind", _("Kind"), "select", lambda: _word_choices(v.CONTACT_KINDS)),
            Field("value", _("Address or number"), required=True),
            Field("label", _("Label"), hint=_("e.g. work, home, mobile")),
            Field("preferred", _("Preferred"), "checkbox"),
        ),
        save=_save_contact,
        default_field="value",
    ),
    "contact-edit": Form(
        section="contact",
        title=_("Edit contact"),
        fields=(
            Field("value", _("Address or number"), required=True),
            Field("label", _("Label"), hint=_("e.g. work, home, mobile")),
            Field("preferred", _("Preferred"), "checkbox"),
        ),
        save=_save_contact_edit,
        initial=_initial_contact_edit,
        item=ContactPoint,
        default_field="value",
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
    "career": Form(
        section="career",
        title=_("Add job"),
        fields=CAREER_FIELDS,
        save=_save_job,
        initial=_initial_job,
        aliases={"org": "organisation"},
    ),
    "career-edit": Form(
        section="career",
        title=_("Edit job"),
        fields=CAREER_FIELDS,
        save=_save_job_edit,
        initial=_initial_job_edit,
        item=Affiliation,
        aliases={"org": "organisation"},
    ),
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
    "projects": Form(
        section="projects",
        title=_("Add to a project"),
        fields=(
            Field("project", _("Project"), required=True, hint=_("The name of a project")),
            Field("role", _("Role")),
        ),
        save=_save_project,
    ),
    "projects-edit": Form(
        section="projects",
        title=_("Edit role in the project"),
        fields=(Field("role", _("Role")),),
        save=_save_project_edit,
        initial=_initial_project_edit,
        item=ProjectRole,
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
    "dates": Form(
        section="dates",
        title=_("Add date"),
        fields=DATE_FIELDS,
        save=_save_date,
    ),
    "dates-edit": Form(
        section="dates",
        title=_("Edit date"),
        fields=DATE_FIELDS,
        save=_save_date_edit,
        initial=_initial_date_edit,
        item=ImportantDate,
    ),
    "promises": Form(
        section="promises",
        title=_("Add promise"),
        fields=(
            Field("text", _("Promise"), "textarea", required=True),
            Field("owed", _("Who owes it"), "select", _owed_choices),
            Field("due", _("Due"), hint=_("e.g. 14.03.2026 or Friday")),
        ),
        save=_save_promise,
    ),
    "favour": Form(
        section="favours",
        title=_("Add favour"),
        fields=(
            Field("direction", _("Who did whom the favour"), "select", _favour_direction_choices),
            Field("kind", _("Kind of favour"), "select", _favour_kind_choices),
            Field("on", _("When"), hint=GIVING_DATE_HINT),
            Field("value", _("Value"), hint=_("An amount, with a currency if not euros")),
            Field("minutes", _("Effort in minutes"), "number"),
            Field("note", _("Note"), "textarea"),
            Field("outcome", _("What came of it"), "select", _outcome_choices),
            Field("won_value", _("Value of the order won"), hint=WON_HINT),
            Field("thanked", _("Thanked"), "checkbox"),
        ),
        save=_save_favour,
        initial=_initial_favour,
        aliases={"giver": "direction", "receiver": "direction"},
        default_field="kind",
    ),
    "recommendation": Form(
        section="favours",
        title=_("Add recommendation"),
        fields=(
            Field("recommender", _("Recommender"), person=True, required=True, hint=PERSON_HINT),
            Field(
                "beneficiary",
                _("Beneficiary"),
                person=True,
                required=True,
                hint=_("The person recommended; “me” for yourself."),
            ),
            Field(
                "recipient",
                _("Recipient"),
                person=True,
                required=True,
                hint=_("The person they were recommended to."),
            ),
            Field("on", _("When"), hint=GIVING_DATE_HINT),
            Field("context", _("Context"), "textarea"),
            Field("outcome", _("What came of it"), "select", _outcome_choices),
            Field("won_value", _("Value of the order won"), hint=WON_HINT),
        ),
        save=_save_recommendation,
        initial=_initial_recommendation,
        aliases={"value": "won_value"},
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


# --- one-click changes (delete, done, …) -----------------------------------------------


@dataclass(frozen=True)
class Action:
    section: str
    # What it returns, if a dict, is given to the section's template.
    run: Callable[[Member, Person, int], object]
    model: type[Any] | None = None  # the row must be this person's (else 404)


def _delete_contact(actor: Member, _person: Person, item_id: int) -> None:
    delete_contact_point(actor, item_id)


def _end_job(actor: Member, _person: Person, item_id: int) -> None:
    end_affiliation(actor, item_id)


def _delete_job(actor: Member, _person: Person, item_id: int) -> None:
    delete_affiliation(actor, item_id)


def _delete_relationship(actor: Member, _person: Person, item_id: int) -> None:
    delete_relationship(actor, item_id)


def _delete_date(actor: Member, _person: Person, item_id: int) -> None:
    delete_important_date(actor, item_id)


def _leave_project(actor: Member, person: Person, item_id: int) -> None:
    remove_project_role(actor, item_id, person)


def _promise_done(actor: Member, _person: Person, item_id: int) -> dict[str, object]:
    promise = complete_promise(actor, item_id)
    return {"done_promise": {"id": promise.pk, "text": promise.text}}


def _promise_reopen(actor: Member, _person: Person, item_id: int) -> None:
    reopen_promise(actor, item_id)


ACTIONS: dict[str, Action] = {
    "contact-delete": Action("contact", _delete_contact, ContactPoint),
    "career-end": Action("career", _end_job, Affiliation),
    "career-delete": Action("career", _delete_job, Affiliation),
    "relations-delete": Action("relations", _delete_relationship, Relationship),
    "dates-delete": Action("dates", _delete_date, ImportantDate),
    "projects-remove": Action("projects", _leave_project, ProjectRole),
    "promise-done": Action("promises", _promise_done, Promise),
    "promise-reopen": Action("promises", _promise_reopen, Promise),
}


# --- the page and its sections ---------------------------------------------------------


def _person(member: Member, person_id: int) -> Person:
    """The person of the member's network, else 404 (another network's too)."""
    person = person_by_id(member, person_id)
    if person is None:
        raise Http404("No such person in your network.")
    return person


def _shown(text: str | None) -> str:
    """An ISO date or partial date ("2020-03", "--03-14") in the user's language."""
    if not text:
        return ""
    try:
        date = PartialDate.parse_iso(text)
    except ValueError:
        return text
    if date.year is None:
        assert date.month is not None and date.day is not None
        return formats.date_format(dt.date(2000, date.month, date.day), "MONTH_DAY_FORMAT")
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return formats.date_format(dt.date(date.year, date.month, 1), "YEAR_MONTH_FORMAT")
    return formats.date_format(dt.date(date.year, date.month, date.day), "DATE_FORMAT")


def _page_data(member: Member, person: Person) -> dict[str, Any]:
    """``person_detail`` with what the templates show in the user's language and locale."""
    try:
        detail = person_detail(member, person)
    except NotFound:
        raise Http404("No such person in your network.") from None
    # Each row's edit and delete links are built on this address rather than reversed
    # one by one: a page of 50 relationships would otherwise resolve some 250 URLs.
    detail["url"] = reverse("web:person", kwargs={"person_id": detail["id"]})
    detail["importance_label"] = dict(_importance_choices()).get(
        str(detail["importance"]), detail["importance_label"]
    )
    detail["address_label"] = dict(_address_choices()).get(detail["form_of_address"], "")
    for project in detail["projects"]:
        project["status_label"] = _word_label(journal_words.PROJECT_STATUSES, project["status"])
    for point in detail["contact_points"]:
        point["kind_label"] = _word_label(v.CONTACT_KINDS, point["kind"])
    for affiliation in detail["affiliations"]:
        affiliation["kind_label"] = _word_label(v.AFFILIATION_KINDS, affiliation["kind"])
        affiliation["start_shown"] = _shown(affiliation["start"])
        affiliation["end_shown"] = _shown(affiliation["end"])
    for row in (*detail["family"], *detail["relationships"]):
        _relationship_shown(row)
    for date in detail["important_dates"]:
        date["kind_label"] = _word_label(v.DATE_KINDS, date["kind"])
        date["shown"] = _shown(date["date"])
    for promise in detail["open_promises"]:
        promise["due_shown"] = _shown(promise["due_on"])
    for interaction in detail["interactions"]["items"]:
        interaction["shown"] = _shown(interaction["occurred_on"])
        interaction["kind_label"] = _word_label(
            journal_words.INTERACTION_KINDS, interaction["kind"]
        )
    interactions = detail["interactions"]
    interactions["next_offset"] = (
        interactions["shown"] if interactions["total"] > interactions["shown"] else None
    )
    detail["how_we_met"]["shown"] = _shown(detail["how_we_met"]["date"])
    # Give and take is worked out only when the page (or its section) is drawn, not for
    # every form and section of the page that answers with this data.
    detail["giving"] = SimpleLazyObject(lambda: _giving(member, person))
    return detail


def _giving(member: Member, person: Person) -> dict[str, Any]:
    from knoten.reciprocity.views import person_give_and_take

    return person_give_and_take(member, person)


def _relationship_shown(row: dict[str, Any]) -> None:
    row["shown_label"] = row["label_de"] if _german() else row["label"]
    row["since_shown"] = _shown(row["since"])


def _section_response(
    request: HttpRequest,
    member: Member,
    person: Person,
    section: str,
    *,
    error: str = "",
    extra: dict[str, object] | None = None,
) -> HttpResponse:
    """The section alone (htmx) or, without htmx, a redirect to it on the page.

    With an ``error`` (status 400) the section shows it; without htmx the whole page does.
    """
    context: dict[str, object] = {
        "member": member,
        "person": _page_data(member, person),
        # A section swapped in takes the focus to its heading (keyboard users stay put).
        "returned": _is_fragment_request(request),
    }
    context.update(extra or {})
    if error:
        context["section_error"] = {"section": section, "text": error}
    elif not _is_fragment_request(request):
        return redirect(_section_link(person.pk, section))
    template = "web/person.html"
    if _is_fragment_request(request):
        template += f"#{section}"
    response = render(request, template, context, status=400 if error else 200)
    if error and _is_fragment_request(request):
        _swap_anyway(response, section)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _swap_anyway(response: HttpResponse, section: str) -> None:
    """Say where htmx puts a 400 answer (it swaps one if its responseHandling allows)."""
    response["HX-Retarget"] = f"#section-{section}"
    response["HX-Reswap"] = "outerHTML"


def _section_link(person_id: int, section: str) -> str:
    return reverse("web:person", kwargs={"person_id": person_id}) + f"#section-{section}"


@require_GET
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """The whole info base of one person of the member's network."""
    member = _member(request)
    person = _person(member, person_id)
    context = {"member": member, "person": _page_data(member, person)}
    response = render(request, "web/person.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def person_section(request: HttpRequest, person_id: int, section: str) -> HttpResponse:
    """One section as it reads (what "Cancel" goes back to)."""
    if section not in SECTIONS:
        raise Http404("No such section.")
    member = _member(request)
    return _section_response(request, member, _person(member, person_id), section)


def _problem_field(problem: KnotenError, form: Form) -> str:
    """The form field a service's complaint is about ("" for the whole form)."""
    if isinstance(problem, InvalidInput):
        named = problem.field
    elif isinstance(problem, NotFound | Ambiguous):
        named = problem.what
    else:  # pragma: no cover - every domain error is one of the three
        named = ""
    names = {f.name for f in form.fields}
    for candidate in (named, named.split(" ")[0]):
        candidate = form.aliases.get(candidate, candidate)
        if candidate in names:
            return candidate
    return form.default_field


def _problem_text(problem: KnotenError) -> str:
    if isinstance(problem, InvalidInput):
        shown = repr(problem.value) if isinstance(problem.value, str) else str(problem.value)
        return f"{shown} {problem.reason}"
    return problem.message


def _form_fields(form: Form, values: Values, errors: dict[str, str]) -> list[dict[str, Any]]:
    """What the form template needs to draw each field: label, value, message, choices."""
    fields = []
    focus = next((f.name for f in form.fields if f.name in errors), form.fields[0].name)
    for f in form.fields:
        ident = f"id_{form.section}_{f.name}"
        error = errors.get(f.name, "")
        described = [f"hint_{ident}" if f.hint else "", f"error_{ident}" if error else ""]
        fields.append(
            {
                "name": f.name,
                "id": ident,
                "label": f.label,
                "kind": f.kind,
                "value": values.get(f.name, ""),
                "error": error,
                "choices": f.choices() if f.choices else [],
                "person": f.person,
                "hint": f.hint,
                "required": f.required,
                "describedby": " ".join(part for part in described if part),
                "autofocus": f.name == focus,
            }
        )
    return fields


def _values_of(post: QueryDict, form: Form) -> Values:
    return {f.name: post.get(f.name, "") for f in form.fields}


@require_http_methods(["GET", "POST"])
def person_form(
    request: HttpRequest, person_id: int, form_name: str, item_id: int | None = None
) -> HttpResponse:
    """A section's form: GET shows it, POST saves it (all or nothing)."""
    form = FORMS.get(form_name)
    if form is None or (form.item is not None) != (item_id is not None):
        raise Http404("No such form.")
    member = _member(request)
    person = _person(member, person_id)
    if form.item is not None and not _is_theirs(form.item, member, person, item_id or 0):
        raise Http404("No such entry on this person's page.")
    detail = _page_data(member, person)
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = _values_of(request.POST, form)
        for name, value in values.items():
            try:
                storable(name, value)
            except InvalidInput as problem:
                errors[name] = problem.reason
        try:
            if not errors:
                chosen = {
                    f.name: person_ref(request.POST, values[f.name])
                    for f in form.fields
                    if f.person
                }
                with transaction.atomic():
                    form.save(member, person, item_id, {**values, **chosen})
        except KnotenError as problem:
            errors[_problem_field(problem, form) or "form"] = _problem_text(problem)
        else:
            if not errors:
                return _section_response(request, member, person, form.section)
    else:
        values = form.initial(member, person, detail, item_id) if form.initial else {}
    if form.item is not None:
        action = reverse(
            "web:person_item_form",
            kwargs={"person_id": person.pk, "form_name": form_name, "item_id": item_id},
        )
    else:
        action = reverse("web:person_form", kwargs={"person_id": person.pk, "form_name": form_name})
    context = {
        "member": member,
        "person": detail,
        "form": form,
        "form_name": form_name,
        "fields": _form_fields(form, values, errors),
        "form_error": errors.get("form", ""),
        "action": action,
        "section": form.section,
        "cancel": reverse(
            "web:person_section", kwargs={"person_id": person.pk, "section": form.section}
        ),
    }
    status = 400 if errors else 200
    if _is_fragment_request(request):
        response = render(request, "web/person/form.html#form", context, status=status)
        if errors:
            _swap_anyway(response, form.section)
    else:
        response = render(request, "web/person/form.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
def person_action(request: HttpRequest, person_id: int, action: str, item_id: int) -> HttpResponse:
    """A one-click change to one row of a section (delete a contact, a promise done)."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("No such action.")
    member = _member(request)
    person = _person(member, person_id)
    if spec.model is not None and not _is_theirs(spec.model, member, person, item_id):
        raise Http404("No such entry on this person's page.")
    try:
        with transaction.atomic():
            result = spec.run(member, person, item_id)
    except NotFound:
        raise Http404("No such entry in your network.") from None
    except KnotenError as problem:
        return _section_response(
            request, member, person, spec.section, error=_problem_text(problem)
        )
    extra = result if isinstance(result, dict) else None
    return _section_response(request, member, person, spec.section, extra=extra)


def _is_theirs(model: type[Any], member: Member, person: Person, item_id: int) -> bool:
    """Whether row ``item_id`` of ``model`` is in the member's network and about ``person``.

    A person's role in a project goes by the project's id.
    """
    if not is_id(item_id):
        return False
    if model is ProjectRole:
        roles = ProjectRole.objects.filter(network_id=member.network_id, project_id=item_id)
        return bool(roles.filter(person_id=person.pk).exists())
    rows = model.objects.filter(network_id=member.network_id, pk=item_id)
    if model is Promise:
        return bool(rows.filter(Q(debtor_id=person.pk) | Q(creditor_id=person.pk)).exists())
    if model is Relationship:
        return bool(rows.filter(Q(from_person_id=person.pk) | Q(to_person_id=person.pk)).exists())
    return bool(rows.filter(person_id=person.pk).exists())


# --- archive and delete ----------------------------------------------------------------


@require_POST
def person_archive(request: HttpRequest, person_id: int) -> HttpResponse:
    """Archive the person (or bring them back): hidden from lists, nothing lost."""
    member = _member(request)
    person = _person(member, person_id)
    try:
        archive_person(member, person, archived=not person.archived)
    except InvalidInput as problem:
        return _section_response(request, member, person, "basics", error=_problem_text(problem))
    return _section_response(request, member, person, "basics")


@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, person_id: int) -> HttpResponse:
    """Ask, then erase the person with everything noted about them."""
    member = _member(request)
    person = _person(member, person_id)
    error = ""
    if request.method == "POST":
        try:
            delete_person(member, person)
        except InvalidInput as problem:
            error = _problem_text(problem)
        else:
            target = reverse("web:people")
            if _is_fragment_request(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
    context = {"member": member, "person": _page_data(member, person), "error": error}
    return render(request, "web/person/delete.html", context, status=400 if error else 200)


@require_GET
def person_export(request: HttpRequest, person_id: int) -> HttpResponse:
    """Everything stored about the person, as a JSON file (GDPR Art. 15 and 20)."""
    import json

    from knoten.exports.erasure import person_export as export_of

    member = _member(request)
    person = _person(member, person_id)
    data = export_of(member, person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
def person_forget(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show what forgetting the person changes; posted, forget them (GDPR Art. 17)."""
    from knoten.exports.erasure import forget_person, forget_plan

    member = _member(request)
    person = _person(member, person_id)
    error = ""
    if request.method == "POST":
        try:
            forget_person(member, person)
        except InvalidInput as problem:
            error = _problem_text(problem)
        else:
            messages.success(request, _("The person is forgotten."))
            return redirect(reverse("web:people"))
    try:
        plan = forget_plan(member, person)
    except InvalidInput as problem:
        plan, error = {}, error or _problem_text(problem)
    context = {"member": member, "person": _page_data(member, person), "plan": plan, "error": error}
    return render(request, "web/person/forget.html", context, status=400 if error else 200)


# --- long lists ------------------------------------------------------------------------


@require_GET
def person_relationships(request: HttpRequest, person_id: int) -> HttpResponse:
    """All of a person's relationships, a page at a time (the page shows the closest)."""
    from knoten.web.views import _page_number

    member = _member(request)
    person = _person(member, person_id)
    page = _page_number(request.GET.get("page"))
    offset = (page - 1) * RELATIONSHIPS_PAGE
    edges = list_relationships(member, person, limit=RELATIONSHIPS_PAGE + 1, offset=offset)
    rows = [relationship_as_dict(r, seen_from=person.pk) for r in edges]
    for row in rows:
        _relationship_shown(row)
    context = {
        "member": member,
        "person": {"id": person.pk, "name": person.full_name},
        "rows": rows[:RELATIONSHIPS_PAGE],
        "page": page,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if len(rows) > RELATIONSHIPS_PAGE else None,
    }
    return render(request, "web/person/relationships.html", context)


@require_GET
def person_conversations(request: HttpRequest, person_id: int) -> HttpResponse:
    """The person's conversations from ``offset`` on, newest first (the "More" button)."""
    member = _member(request)
    person = _person(member, person_id)
    try:
        offset = min(max(int(request.GET.get("offset", "0")), 0), MAX_OFFSET)
    except ValueError:
        offset = 0
    found = list_interactions(member, person=person, limit=CONVERSATIONS_PAGE + 1, offset=offset)
    items = []
    for interaction in found[:CONVERSATIONS_PAGE]:
        data = interaction_as_dict(interaction)
        items.append(
            {
                "id": data["id"],
                "occurred_on": data["date"],
                "shown": _shown(data["date"]),
                "kind": data["kind"],
                "kind_label": _word_label(journal_words.INTERACTION_KINDS, data["kind"]),
                "summary": data["summary"],
                "with": [p for p in data["participants"] if p and p["id"] != person.pk],
            }
        )
    context = {
        "member": member,
        "person": {"id": person.pk, "name": person.full_name},
        "items": items,
        "offset": offset,
        "next_offset": offset + CONVERSATIONS_PAGE if len(found) > CONVERSATIONS_PAGE else None,
        "previous_offset": max(offset - CONVERSATIONS_PAGE, 0) if offset else None,
    }
    template = "web/person/conversations.html"
    if _is_fragment_request(request):
        template += "#rows"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
