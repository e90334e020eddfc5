"""Give and take on the person's page: a favour between them and me, a recommendation
they are part of (the section itself is reciprocity's ``person_give_and_take``)."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

from knoten.core.models import Member
from knoten.people.models import Person
from knoten.reciprocity import vocabulary as favour_words
from knoten.reciprocity.forms import me_word
from knoten.reciprocity.services import (
    DEFAULT_KIND,
    DEFAULT_OUTCOME,
    add_favour,
    add_recommendation,
)
from knoten.web.kit import options
from knoten.web.person_views.base import Field, Form, Values
from knoten.web.person_views.saving import optional, text

WON_HINT = _("Only with “order won”: 12000, 12.000 EUR")
GIVING_DATE_HINT = _("Today if empty; a date or words such as “yesterday”.")
PERSON_HINT = _("A name, or “me” for yourself.")


def _favour_direction_choices() -> list[tuple[str, str]]:
    return [("gave", str(_("I did them the favour"))), ("got", str(_("They did me the favour")))]


def _favour_kind_choices() -> list[tuple[str, str]]:
    return options(favour_words.FAVOUR_KINDS)


def _outcome_choices() -> list[tuple[str, str]]:
    return options(favour_words.OUTCOMES)


def _party(name: str, label: LazyText, hint: LazyText) -> Field:
    """A person a recommendation is between: a typed name (or "me"), required."""
    return Field(name, label, person=True, required=True, hint=hint)


# a favour


def _save_favour(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    mine = text(values, "direction") != "got"
    add_favour(
        actor,
        giver=actor.me if mine else person,
        receiver=person if mine else actor.me,
        kind=optional(values, "kind"),
        on=optional(values, "on"),
        value=optional(values, "value"),
        minutes=optional(values, "minutes"),
        note=text(values, "note"),
        outcome=optional(values, "outcome"),
        won_value=optional(values, "won_value"),
        thanked=values.get("thanked") == "on",
    )


def _initial_favour(
    _actor: Member, _person: Person, _detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {"direction": "gave", "kind": DEFAULT_KIND, "outcome": DEFAULT_OUTCOME}


# a recommendation


def _save_recommendation(
    actor: Member, person: Person, _item_id: int | None, values: Values
) -> None:
    def who(field: str) -> str | Person:
        # The name the form started with stands for this person (whoever shares it).
        typed = text(values, field)
        return person if typed == person.full_name else me_word(typed)

    add_recommendation(
        actor,
        recommender=who("recommender"),
        recipient=who("recipient"),
        beneficiary=who("beneficiary"),
        on=optional(values, "on"),
        context=text(values, "context"),
        outcome=optional(values, "outcome"),
        won_value=optional(values, "won_value"),
    )


def _initial_recommendation(
    _actor: Member, person: Person, _detail: dict[str, Any], _item_id: int | None
) -> Values:
    return {
        "recommender": str(_("me")),
        "beneficiary": person.full_name,
        "recipient": "",
        "outcome": DEFAULT_OUTCOME,
    }


FORMS: dict[str, Form] = {
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
            _party("recommender", _("Recommender"), PERSON_HINT),
            _party(
                "beneficiary", _("Beneficiary"), _("The person recommended; “me” for yourself.")
            ),
            _party("recipient", _("Recipient"), _("The person they were recommended to.")),
            Field("on", _("When"), hint=GIVING_DATE_HINT),
            Field("context", _("Context"), "textarea"),
            Field("outcome", _("What came of it"), "select", _outcome_choices),
            Field("won_value", _("Value of the order won"), hint=WON_HINT),
        ),
        save=_save_recommendation,
        initial=_initial_recommendation,
        aliases={"value": "won_value"},
    ),
}
