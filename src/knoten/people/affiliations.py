"""Affiliations: a person's jobs, functions, education and memberships at organisations,
with partial dates ("2019", "05.2019")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from knoten.core import changes
from knoten.core.data import iso, reference
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.limits import check_window, storable
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.core.reading import check_order, clean, partial_date, this_month
from knoten.core.words import resolve_word
from knoten.people import vocabulary as v

# The contact point operations live in contacts; callers may take them from here too.
from knoten.people.contacts import add_contact as add_contact
from knoten.people.contacts import delete_contact_point as delete_contact_point
from knoten.people.contacts import edit_contact_point as edit_contact_point
from knoten.people.contacts import list_contact_points as list_contact_points
from knoten.people.lookup import (
    OrganisationRef,
    PersonRef,
    ensure_organisation,
    fits,
    in_network,
    organisations_of,
    resolve_organisation,
    resolve_person,
)
from knoten.people.models import (
    Affiliation,
    Organisation,
)

DEFAULT_KIND = "job"  # what an affiliation is when nobody says


def affiliation_as_dict(
    affiliation: Affiliation, *, person: bool = False, organisation: bool = True
) -> dict[str, Any]:
    """An affiliation as JSON-able data, with its person and/or its organisation."""
    data: dict[str, Any] = {
        "id": affiliation.pk,
        "kind": affiliation.kind,
        "title": affiliation.title,
        "start": iso(affiliation.start),
        "end": iso(affiliation.end),
        "current": affiliation.is_current,
        "note": affiliation.note,
    }
    if person:
        data["person"] = reference(affiliation.person)
    if organisation:
        data["organisation"] = reference(affiliation.organisation)
    return data


_AFFILIATION_RANK = {"job": 0, "function": 1, "membership": 2, "education": 3}


def sorted_affiliations(affiliations: Iterable[Affiliation]) -> list[Affiliation]:
    """Current first (jobs before functions, memberships, education), then the latest
    ended; within each, the latest started first."""
    rows = sorted(affiliations, key=lambda a: iso(a.start) or "", reverse=True)
    rows.sort(key=lambda a: iso(a.end) or "", reverse=True)
    rows.sort(key=lambda a: (not a.is_current, _AFFILIATION_RANK.get(a.kind, 9)))
    return rows


def add_affiliation(
    actor: Member,
    person: PersonRef,
    organisation: OrganisationRef,
    kind: str | None = None,
    *,
    title: str | None = None,
    start: str | PartialDate | None = None,
    end: str | PartialDate | None = None,
    note: str | None = None,
) -> Affiliation:
    """A job, function, education or membership of a person at an organisation.

    The organisation is found by its name (folded) or id, and created if the name is
    new. The same affiliation again (same kind, title and start) is updated. Without a
    kind it is a job (:data:`DEFAULT_KIND`).
    """
    target = resolve_person(actor, person)
    code = resolve_word(v.AFFILIATION_KINDS, DEFAULT_KIND if kind is None else kind, "kind")
    start_date = partial_date(start, "start")
    end_date = partial_date(end, "end")
    for value, date, name in ((start, start_date, "start"), (end, end_date, "end")):
        if date is not None and date.year is None:
            raise InvalidInput(name, value, "needs a year")
    check_order(start_date, end_date, end)
    storable("title", title)
    storable("organisation", organisation)
    clean_title = clean(title)
    if isinstance(organisation, Organisation):
        organisation = resolve_organisation(actor, organisation)
    elif not clean(str(organisation)):
        raise InvalidInput("organisation", organisation, "is empty; give the organisation's name")
    with changes.atomic():
        if isinstance(organisation, Organisation):
            org = organisation
        else:
            known = organisations_of(actor).filter(folded_name=fold(clean(str(organisation))))
            is_new = not str(organisation).strip().isdigit() and not known.exists()
            org = ensure_organisation(actor, str(organisation))
            if is_new and code == "education":
                # Where one gets an education is a school or university, not a company.
                org.kind = "school"
                org.save(update_fields=["kind"])
        same = Affiliation.objects.filter(
            person_id=target.pk, organisation_id=org.pk, kind=code, title=clean_title
        )
        same = same.filter(start=start_date) if start_date else same.filter(start__isnull=True)
        affiliation = same.first() or Affiliation(
            network_id=actor.network_id,
            person=target,
            organisation=org,
            kind=code,
            title=clean_title,
            start=start_date,
        )
        affiliation.end = end_date if end is not None else affiliation.end
        if note is not None:
            affiliation.note = note.strip()
        fits(affiliation)
        affiliation.save()
    return affiliation


def get_affiliation(actor: Member, affiliation_id: int | str) -> Affiliation:
    """One affiliation of ``actor``'s network, with its person and organisation."""
    affiliation = in_network(actor, Affiliation, affiliation_id, "affiliation")
    return Affiliation.objects.select_related("person", "organisation").get(pk=affiliation.pk)


def list_affiliations(
    actor: Member, person: PersonRef, *, limit: int | None = None, offset: int = 0
) -> list[Affiliation]:
    """A person's affiliations: current first (jobs before functions, memberships,
    education), then the latest ended."""
    check_window(limit, offset)
    target = resolve_person(actor, person)
    rows = sorted_affiliations(target.affiliations.select_related("organisation").order_by("pk"))
    return rows[offset : None if limit is None else offset + limit]


def _dated(
    value: str | PartialDate | None, field_name: str, current: PartialDate | None
) -> PartialDate | None:
    """A start or end as edited: None keeps ``current``, ``""`` clears; a year is needed."""
    if value is None:
        return current
    date = partial_date(value, field_name)
    if date is not None and date.year is None:
        raise InvalidInput(field_name, value, "needs a year")
    return date


def edit_affiliation(
    actor: Member,
    affiliation_id: int | str,
    *,
    organisation: OrganisationRef | None = None,
    kind: str | None = None,
    title: str | None = None,
    start: str | PartialDate | None = None,
    end: str | PartialDate | None = None,
    note: str | None = None,
) -> Affiliation:
    """Change what is given (None: unchanged; ``""`` clears title, start, end or note).

    A new organisation name is created, as when adding; the end may not be before the
    start.
    """
    affiliation = get_affiliation(actor, affiliation_id)
    code = resolve_word(v.AFFILIATION_KINDS, kind, "kind") if kind is not None else None
    start_date = _dated(start, "start", affiliation.start)
    end_date = _dated(end, "end", affiliation.end)
    if end is not None or start is None:
        check_order(start_date, end_date, end)
    elif start_date is not None and end_date is not None:
        try:
            check_order(start_date, end_date, end)
        except InvalidInput:
            raise InvalidInput("start", start, f"is after the end {end_date.display()}") from None
    org: Organisation | None = None
    if isinstance(organisation, Organisation):
        org = resolve_organisation(actor, organisation)
    elif organisation is not None and not clean(str(organisation)):
        raise InvalidInput("organisation", organisation, "is empty; give the organisation's name")
    with changes.atomic():
        if organisation is not None and org is None:
            org = ensure_organisation(actor, str(organisation))
        if org is not None:
            affiliation.organisation = org
        if code is not None:
            affiliation.kind = code
        if title is not None:
            affiliation.title = clean(title)
        affiliation.start, affiliation.end = start_date, end_date
        if note is not None:
            affiliation.note = note.strip()
        fits(affiliation)
        affiliation.save()
    return affiliation


def end_affiliation(
    actor: Member, affiliation_id: int | str, end: str | PartialDate | None = None
) -> Affiliation:
    """End a current affiliation (this month when no end is given)."""
    affiliation = get_affiliation(actor, affiliation_id)
    if not affiliation.is_current:
        raise InvalidInput(
            "affiliation",
            affiliation_id,
            f"already ended ({iso(affiliation.end)}); edit its end to change it",
        )
    end_date = _dated(end, "end", None) if end is not None else this_month()
    if end_date is None:
        raise InvalidInput("end", end, "is empty; give a month such as 03.2024")
    check_order(affiliation.start, end_date, end if end is not None else iso(end_date))
    with changes.atomic():
        affiliation.end = end_date
        affiliation.save(update_fields=["end"])
    return affiliation


def delete_affiliation(actor: Member, affiliation_id: int | str) -> None:
    """Erase an affiliation (the person and the organisation stay)."""
    affiliation = in_network(actor, Affiliation, affiliation_id, "affiliation")
    with changes.atomic():
        affiliation.delete()
