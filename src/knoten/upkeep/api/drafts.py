"""The API of drafts: a person's draft, and the network's own templates.

Each operation is a thin call of one function of :mod:`knoten.upkeep.drafts`.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from knoten.api.auth import actor
from knoten.api.kit import Input, Rule, Text, words
from knoten.upkeep import drafts
from knoten.upkeep.vocabulary import OCCASION_KINDS

router = Router()

# The languages a draft's words are kept in.
DRAFT_LANGUAGE = Rule(enum=["de", "en"])


class DraftOut(Schema):
    person_id: int
    name: str
    occasion: str
    key: str | None
    language: str
    address: str
    salutation: str
    subject: str
    body: str
    email: str | None
    mailto: str | None
    own_template: bool
    gender_known: bool


class TemplateOut(Schema):
    occasion: str
    language: str
    address: str
    subject: str
    body: str
    own: bool


class TemplateIn(Input):
    """An occasion's own words; ``address`` du, sie or empty (English: always empty)."""

    occasion: Annotated[Text, words(OCCASION_KINDS)]
    language: Annotated[Text, DRAFT_LANGUAGE]
    address: Text | None = None
    subject: Text = ""
    body: Text


class TemplateSlot(Schema):
    """Which words to reset (occasion and language are needed: without, a 400)."""

    occasion: Annotated[Text, words(OCCASION_KINDS)]
    language: Annotated[Text, DRAFT_LANGUAGE]
    address: Text | None = None


@router.get("/persons/{person_id}/draft", response=DraftOut)
def person_draft(
    request: HttpRequest,
    person_id: int,
    occasion: Annotated[Text, words(OCCASION_KINDS)] | None = None,
    lang: Annotated[Text, DRAFT_LANGUAGE] | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """A draft with the fitting words for this person (default occasion: keep in touch)."""
    found = drafts.draft(actor(request), person_id, occasion=occasion, language=lang, key=key)
    return found.as_dict()


@router.get("/draft-templates", response=list[TemplateOut])
def list_templates(request: HttpRequest) -> list[dict[str, Any]]:
    """Every occasion's words per language and address: the network's own, else shipped."""
    return drafts.list_templates(actor(request))


@router.put("/draft-templates", response=TemplateOut)
def set_template(request: HttpRequest, payload: TemplateIn) -> dict[str, Any]:
    """Set the network's own words for an occasion; unknown placeholders are refused."""
    return drafts.set_template(
        actor(request),
        occasion=payload.occasion,
        language=payload.language,
        address=payload.address,
        subject=payload.subject,
        body=payload.body,
    )


@router.delete("/draft-templates", response={204: None})
def reset_template(request: HttpRequest, params: Query[TemplateSlot]) -> Status[None]:
    """Back to the shipped words for an occasion, language and address."""
    drafts.reset_template(
        actor(request),
        occasion=params.occasion or "",
        language=params.language or "",
        address=params.address,
    )
    return Status(204, None)
