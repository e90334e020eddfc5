"""An organisation's page: its people now and before, the events it organised and the
projects it ran."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from knoten.core.data import iso
from knoten.core.models import Member
from knoten.journal.models import Event, Project
from knoten.people.affiliations import affiliation_as_dict, sorted_affiliations
from knoten.people.lookup import OrganisationRef, resolve_organisation
from knoten.people.organisations import organisation_row
from knoten.profiles.person import DETAIL_LIST_CAP

ORGANISATION_PEOPLE_CAP = 100


def organisation_detail(actor: Member, organisation: OrganisationRef) -> dict[str, Any]:
    """An organisation with its people (current and former), events and projects.

    A large employer of a large network has thousands of affiliations: the detail shows
    the :data:`ORGANISATION_PEOPLE_CAP` latest current and former ones, with the totals
    (``current_total``, ``former_total``); the people list filtered by the organisation
    pages through all who are there now.
    """

    org = resolve_organisation(actor, organisation)
    there = org.affiliations.select_related("person")
    now = there.filter(end__isnull=True)
    before = there.filter(end__isnull=False)
    current = sorted_affiliations(now.order_by("-start", "-pk")[:ORGANISATION_PEOPLE_CAP])
    former = sorted_affiliations(before.order_by("-end", "-start", "-pk")[:ORGANISATION_PEOPLE_CAP])
    events = Event.objects.filter(organiser_id=org.pk).order_by(
        F("starts_on").desc(nulls_last=True), "pk"
    )[:DETAIL_LIST_CAP]
    projects = Project.objects.filter(organisation_id=org.pk).order_by("name", "pk")[
        :DETAIL_LIST_CAP
    ]
    data = organisation_row(org)
    data.update(
        notes=org.notes,
        current=[affiliation_as_dict(a, person=True, organisation=False) for a in current],
        current_total=len(current) if len(current) < ORGANISATION_PEOPLE_CAP else now.count(),
        former=[affiliation_as_dict(a, person=True, organisation=False) for a in former],
        former_total=len(former) if len(former) < ORGANISATION_PEOPLE_CAP else before.count(),
        events=[{"id": e.pk, "name": e.name, "starts_on": iso(e.starts_on)} for e in events],
        projects=[{"id": x.pk, "name": x.name, "status": x.status} for x in projects],
    )
    data["current_people"] = (
        len({a["person"]["id"] for a in data["current"]})
        if len(current) < ORGANISATION_PEOPLE_CAP
        else now.values("person_id").distinct().count()
    )
    return data
