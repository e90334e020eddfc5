"""Capturing whom I met at an event, in a few keystrokes each.

One person met is a name (an existing person is recognised by the name, umlauts not
mattering, or picked by id; two that match are asked about, never guessed), perhaps an
organisation and one line. A new person is added with the organisation and the event
as how we met; an existing one gets the event as how we met if nothing was noted. Each
gets a first conversation at the event, on the event's day, with the line as its
summary; logging it marks them as met there. One unit of work each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from knoten.core import changes
from knoten.core.clock import today
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.reading import clean
from knoten.journal.conversations import log_interaction
from knoten.journal.events import resolve_event
from knoten.journal.models import Attendance, Event
from knoten.journal.visibility import visible_interactions
from knoten.people.lookup import resolve_organisation, resolve_person
from knoten.people.models import Person
from knoten.people.persons import PersonFields, add_person, edit_person
from knoten.search.query import search

# The most suggestions offered for a name typed so far.
SUGGESTIONS = 8
# The most captured persons listed below the form.
MAX_LISTED = 500


@dataclass(frozen=True)
class Captured:
    """One person captured as met at an event."""

    person_id: int
    name: str
    created: bool
    interaction_id: int
    event_id: int
    summary: str
    on: dt.date

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "created": self.created,
            "interaction_id": self.interaction_id,
            "event_id": self.event_id,
            "summary": self.summary,
            "on": self.on.isoformat(),
        }


def event_day(event: Event) -> dt.date:
    """The day of a conversation at ``event``: its first day, never after today."""
    day = event.starts_on or today()
    return min(day, today())


def _existing(actor: Member, name: str, person: str | int | Person | None) -> Person | None:
    """The person meant: the one picked, else the one the name names (None: a new one)."""
    if person is not None and person != "":
        return resolve_person(actor, person, "person")
    try:
        return resolve_person(actor, name, "name")
    except NotFound:
        return None


def capture_met(
    actor: Member,
    event: str | int | Event,
    *,
    name: str,
    organisation: str | None = None,
    line: str | None = None,
    person: str | int | Person | None = None,
) -> Captured:
    """Note that I met someone at ``event``: an existing person (``person`` by id, or
    recognised by ``name``) or a new one (with ``organisation``), with a first
    conversation there whose summary is ``line``."""
    found = resolve_event(actor, event)
    storable("name", name)
    storable("organisation", organisation)
    storable("line", line)
    typed = clean(name or "")
    if not typed and (person is None or person == ""):
        raise InvalidInput("name", name, "is empty; give the name of the person you met")
    org = clean(organisation or "") or None
    if org is not None and org.isdigit():
        # An organisation by id is one of the actor's network, even when not used.
        org = resolve_organisation(actor, org, "organisation").name
    summary = clean(line or "") or _("Met at %(event)s") % {"event": found.name}
    who = _existing(actor, typed, person)
    if who is not None and who.pk == actor.me.pk:
        raise InvalidInput("name", typed or str(person), "is you; name the person you met")
    day = event_day(found)
    with changes.atomic():
        created = who is None
        if who is None:
            who = add_person(
                actor,
                typed,
                PersonFields(org=org, met_at=found, met_on=day.isoformat()),
            )
        else:
            _note_how_we_met(actor, who, found, day, org)
        talk = log_interaction(
            actor,
            summary,
            participants=[who],
            kind="event_conversation",
            on=day,
            event=found,
        )
    return Captured(
        person_id=who.pk,
        name=who.full_name,
        created=created,
        interaction_id=talk.pk,
        event_id=found.pk,
        summary=talk.summary,
        on=day,
    )


def _note_how_we_met(
    actor: Member, who: Person, event: Event, day: dt.date, org: str | None
) -> None:
    """The event as how we met, if nothing was noted; the organisation as their job if
    they have no current one (a different one is never taken as a change of job)."""
    fields = PersonFields()
    if who.met_at_event_id is None:
        fields.met_at = event
        if who.met_on is None:
            fields.met_on = day.isoformat()
    if org and not who.affiliations.filter(end__isnull=True).exists():
        fields.org = org
    if fields != PersonFields():
        edit_person(actor, who, fields)


def capture_suggestions(actor: Member, text: str) -> list[dict[str, Any]]:
    """Existing persons whose names start like ``text``, for the capture form (umlauts do
    not matter: "Muller" suggests Müller)."""
    storable("name", text)
    query = clean(text or "")
    if len(query) < 2:
        return []
    try:
        hits = search(actor, query, limit=SUGGESTIONS, kinds=["person"])
    except InvalidInput:
        return []
    return [
        {"id": hit.person_id or hit.id, "name": hit.title}
        for hit in hits
        if not hit.archived and (hit.person_id or hit.id) != actor.me.pk
    ]


def captured_at(actor: Member, event: str | int | Event) -> list[dict[str, Any]]:
    """Whom I met at ``event``, the latest captured first, each with the line of the
    latest conversation there that ``actor`` may see."""
    found = resolve_event(actor, event)
    met = list(
        Attendance.objects.filter(
            network_id=actor.network_id, event=found, status=Attendance.Status.MET
        )
        .select_related("person")
        .order_by("-pk")[:MAX_LISTED]
    )
    ids = [a.person_id for a in met]
    lines: dict[int, str] = {}
    talks = (
        visible_interactions(actor)
        .filter(event=found, participations__person_id__in=ids)
        .order_by("occurred_on", "pk")
        .values_list("participations__person_id", "summary")
    )
    for person_id, summary in talks:
        lines[person_id] = summary
    return [
        {"person_id": a.person_id, "name": a.person.full_name, "line": lines.get(a.person_id, "")}
        for a in met
    ]
