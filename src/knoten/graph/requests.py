"""Asking the first hop of a path for an introduction: the draft, and the record.

The draft is written to the first hop in their language, with *du* or *Sie*
(:mod:`knoten.upkeep.salutations`): "Könntest du mich Frau Dr. Weber vorstellen? …".
When it is sent, the request is recorded as an open recommendation (the triangle of
:mod:`knoten.reciprocity`): the first hop (the recommender) is to recommend me (the
beneficiary) to the target (the recipient), its outcome open until it happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.people.lookup import PersonRef, resolve_person
from knoten.people.models import Person
from knoten.reciprocity.models import Recommendation
from knoten.reciprocity.services import add_recommendation
from knoten.upkeep.drafts import mailto_url
from knoten.upkeep.salutations import address_of, gender_of, language_of, salutation

CONTEXT = "introduction asked for"


@dataclass(frozen=True)
class Request:
    """The draft to the first hop asking to be introduced to the target."""

    person_id: int
    name: str
    target_id: int
    target_name: str
    language: str
    address: str
    subject: str
    body: str
    email: str | None
    mailto: str | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def named(person: Person, language: str) -> str:
    """The target as one writes of them: "Frau Dr. Weber", "Dr. Anna Weber"."""
    family = " ".join(part for part in (person.name_particle, person.family_name) if part)
    gender = gender_of(person)
    if language == "de" and family and gender in ("female", "male"):
        words = ("Frau" if gender == "female" else "Herr", person.academic_title, family)
        return " ".join(word for word in words if word)
    return person.full_name


def _text(
    asked: Person, target: Person, language: str, address: str, me: Person
) -> tuple[str, str]:
    whom = named(target, language)
    greeting = salutation(asked, language, address)
    pronoun = {"female": "ihr", "male": "ihm"}.get(gender_of(target), "ihr oder ihm")
    if language == "de":
        subject = f"Kontakt zu {whom}"
        if address == "du":
            ask = (
                f"könntest du mich {whom} vorstellen? Ich würde mich gern mit "
                f"{pronoun}"
                " austauschen, und ein paar Worte von dir wären der beste Anfang."
            )
            close = "Danke dir und viele Grüße"
        else:
            ask = (
                f"könnten Sie mich {whom} vorstellen? Ich würde mich gern mit "
                f"{pronoun}"
                " austauschen, und ein paar Worte von Ihnen wären der beste Anfang."
            )
            close = "Vielen Dank und freundliche Grüße"
    else:
        subject = f"An introduction to {whom}?"
        ask = (
            f"could you introduce me to {whom}? I would like to get in touch, and a few "
            "words from you would be the best start."
        )
        close = "Thank you and best regards"
    body = f"{greeting}\n\n{ask}\n\n{close}\n{me.short_name or me.full_name}\n"
    return subject, body


def introduction_draft(
    actor: Member, first_hop: PersonRef, target: PersonRef, *, language: str | None = None
) -> Request:
    """The draft asking ``first_hop`` to introduce me to ``target``."""
    asked = resolve_person(actor, first_hop, "first_hop")
    whom = resolve_person(actor, target, "target")
    _check(actor, asked, whom)
    lang = language_of(asked, language)
    form = address_of(asked)
    subject, body = _text(asked, whom, lang, form, actor.me)
    email = _email(asked)
    return Request(
        asked.pk,
        asked.full_name,
        whom.pk,
        whom.full_name,
        lang,
        form,
        subject,
        body,
        email,
        mailto_url(email, subject, body),
    )


def _email(person: Person) -> str | None:
    point = person.contact_points.filter(kind="email").order_by("-preferred", "pk").first()
    return point.value if point is not None else None


def _check(actor: Member, asked: Person, whom: Person) -> None:
    if asked.pk == actor.me.pk:
        raise InvalidInput("first_hop", asked.full_name, "is you; ask someone who knows them")
    if whom.pk in (actor.me.pk, asked.pk):
        raise InvalidInput("target", whom.full_name, "is you or the one you ask")
    if asked.archived or asked.do_not_ask:
        raise InvalidInput("first_hop", asked.full_name, "is archived or marked do not ask")


def record_request(actor: Member, first_hop: PersonRef, target: PersonRef) -> Recommendation:
    """The request was sent: an open recommendation of me by ``first_hop`` to ``target``."""
    asked = resolve_person(actor, first_hop, "first_hop")
    whom = resolve_person(actor, target, "target")
    _check(actor, asked, whom)
    return add_recommendation(
        actor, recommender=asked, recipient=whom, beneficiary=actor.me, context=CONTEXT
    )
