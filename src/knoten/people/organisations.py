"""Organisations: companies, associations, clubs, schools and the rest."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.limits import check_window, storable
from knoten.core.models import Member
from knoten.core.reading import clean
from knoten.core.words import label as word_label
from knoten.core.words import resolve_word
from knoten.people import contacts
from knoten.people import vocabulary as v

# The contact point operations live in contacts; callers may take them from here too.
from knoten.people.contacts import add_contact as add_contact
from knoten.people.contacts import delete_contact_point as delete_contact_point
from knoten.people.contacts import edit_contact_point as edit_contact_point
from knoten.people.contacts import list_contact_points as list_contact_points
from knoten.people.lookup import (
    OrganisationRef,
    fits,
    organisations_of,
    resolve_organisation,
)
from knoten.people.models import (
    Organisation,
)


def add_organisation(
    actor: Member,
    name: str,
    *,
    kind: str | None = None,
    industry: str | None = None,
    website: str | None = None,
    note: str | None = None,
) -> Organisation:
    """A new organisation; ``kind`` in English or German (``Verein``, ``club``)."""
    storable("name", name)
    cleaned = clean(name)
    if not cleaned:
        raise InvalidInput("name", name, "is empty; an organisation needs a name")
    code = resolve_word(v.ORGANISATION_KINDS, kind, "kind") if kind is not None else "company"
    site = contacts.parse_web(website, field_name="website").value if website else ""
    existing = organisations_of(actor).filter(folded_name=fold(cleaned)).first()
    if existing is not None:
        raise InvalidInput("name", name, f"already exists (organisation {existing.pk})")
    with changes.atomic():
        organisation = Organisation(
            network_id=actor.network_id,
            name=cleaned,
            kind=code,
            industry=clean(industry),
            website=site,
            notes=(note or "").strip(),
        )
        fits(organisation)
        organisation.save()
    return organisation


def list_organisations(
    actor: Member,
    *,
    kind: str | None = None,
    query: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Organisation]:
    """The organisations of ``actor``'s network by name, each with ``current_people``.

    ``query`` keeps those whose name contains it (umlauts and case do not matter).
    """
    check_window(limit, offset)
    organisations = organisations_of(actor)
    if kind is not None:
        organisations = organisations.filter(kind=resolve_word(v.ORGANISATION_KINDS, kind, "kind"))
    if query is not None:
        storable("q", query)
        folded = fold(clean(query))
        if not folded:
            raise InvalidInput("q", query, "is empty; give a part of the name")
        organisations = organisations.filter(folded_name__contains=folded)
    organisations = organisations.annotate(
        current_people=Count(
            "affiliations__person", filter=Q(affiliations__end__isnull=True), distinct=True
        )
    ).order_by("folded_name", "pk")
    if limit is not None:
        return list(organisations[offset : offset + limit])
    return list(organisations[offset:])


def organisation_row(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "kind_label": word_label(v.ORGANISATION_KINDS, organisation.kind),
        "industry": organisation.industry,
        "website": organisation.website,
        "current_people": getattr(organisation, "current_people", None),
    }


def edit_organisation(
    actor: Member,
    organisation: OrganisationRef,
    *,
    name: str | None = None,
    kind: str | None = None,
    industry: str | None = None,
    website: str | None = None,
    note: str | None = None,
) -> Organisation:
    """Change what is given (None: unchanged; ``""`` clears industry, website or note).

    A name another organisation of the network already has is refused.
    """
    org = resolve_organisation(actor, organisation)
    edits: dict[str, Any] = {}
    if name is not None:
        storable("name", name)
        cleaned = clean(name)
        if not cleaned:
            raise InvalidInput("name", name, "is empty; an organisation needs a name")
        clash = organisations_of(actor).filter(folded_name=fold(cleaned)).exclude(pk=org.pk).first()
        if clash is not None:
            raise InvalidInput("name", name, f"already exists (organisation {clash.pk})")
        edits["name"] = cleaned
    if kind is not None:
        edits["kind"] = resolve_word(v.ORGANISATION_KINDS, kind, "kind")
    if industry is not None:
        edits["industry"] = clean(industry)
    if website is not None:
        edits["website"] = (
            contacts.parse_web(website, field_name="website").value if website.strip() else ""
        )
    if note is not None:
        edits["notes"] = note.strip()
    with changes.atomic():
        for attr, value in edits.items():
            setattr(org, attr, value)
        fits(org)
        org.save()
    return org


def delete_organisation(actor: Member, organisation: OrganisationRef) -> None:
    """Erase an organisation with its affiliations; the persons stay (re-indexed).

    Events it organised and projects it ran stay, without the organisation.
    """
    org = resolve_organisation(actor, organisation)
    with changes.atomic():
        org.delete()
