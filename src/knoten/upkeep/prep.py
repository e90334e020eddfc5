"""The prep sheet of an event: who will be there, what I know of each, whom to meet.

For each person expected at (or already met at) the event: how we met, the last
conversation the actor may see, the open promises between them and *me* both ways,
their family, their projects, the people they are related to whom I know (shared
contacts), the strength of our relationship and the last contact, and their current
position. Then whom I would like to meet there: Knoten has no "wanted" flag, so it is
honest about what it can say: those expected whom I do not know yet (no contact, no
conversation I see, no relationship with me), the most important first, then those my
strongest contact could introduce me to (the strength of my tie to the introducer, then
the trust between introducer and them), then those with more introducers; each with
up to three of the people I know who could introduce me, strongest first.

Every read is one query over all attendees (no query per person), so a fair with a few
hundred attendees costs a dozen queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knoten.core.data import iso, reference
from knoten.core.models import Member
from knoten.journal.events import event_as_dict, resolve_event
from knoten.journal.models import Attendance, Event, Interaction, Participation, ProjectRole
from knoten.journal.visibility import sees, visible_promises
from knoten.people import vocabulary as people_words
from knoten.people.models import Affiliation, Person, Relationship
from knoten.upkeep.due import kind_words
from knoten.upkeep.models import standings_of
from knoten.upkeep.standings import ensure
from knoten.upkeep.strength import level_of, level_words

# The most attendees a sheet lists (a congress with more is read in parts elsewhere).
MAX_ATTENDEES = 2000
# The most shared contacts listed for one attendee, and introducers for one wanted person.
MAX_SHARED = 5
MAX_INTRODUCERS = 3
FAMILY_KINDS = tuple(kind.code for kind in people_words.RELATIONSHIP_KINDS if kind.family)


@dataclass
class Attendee:
    """One person expected at the event (or met there), with what I know of them."""

    person_id: int
    name: str
    status: str
    importance: int
    position: str = ""
    organisation: dict[str, Any] | None = None
    how_we_met: dict[str, Any] = field(default_factory=dict)
    last_conversation: dict[str, Any] | None = None
    last_contact: dt.date | None = None
    strength: int = 0
    level: str = "none"
    promises_mine: list[dict[str, Any]] = field(default_factory=list)
    promises_theirs: list[dict[str, Any]] = field(default_factory=list)
    family: list[dict[str, Any]] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)
    shared: list[dict[str, Any]] = field(default_factory=list)
    related_to_me: bool = False

    @property
    def known(self) -> bool:
        """Whether I know them: any contact, a conversation I see, or a relationship with
        me (a colleague recorded as such, not yet logged)."""
        return (
            self.last_contact is not None
            or self.last_conversation is not None
            or self.related_to_me
        )

    @property
    def level_words(self) -> str:
        return level_words(self.level)

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "status": self.status,
            "importance": self.importance,
            "position": self.position,
            "organisation": self.organisation,
            "how_we_met": self.how_we_met,
            "last_conversation": self.last_conversation,
            "last_contact": iso(self.last_contact),
            "strength": self.strength,
            "level": self.level,
            "level_words": self.level_words,
            "promises_mine": self.promises_mine,
            "promises_theirs": self.promises_theirs,
            "family": self.family,
            "projects": self.projects,
            "shared_contacts": self.shared,
        }


@dataclass
class Wanted:
    """Someone expected whom I have not been in touch with yet, and who could introduce me."""

    person_id: int
    name: str
    position: str
    organisation: dict[str, Any] | None
    introducers: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "position": self.position,
            "organisation": self.organisation,
            "introducers": self.introducers,
        }


@dataclass
class Prep:
    """The prep sheet of one event."""

    event: dict[str, Any]
    attendees: list[Attendee]
    wanted: list[Wanted]
    total: int

    @property
    def known(self) -> list[Attendee]:
        return [a for a in self.attendees if a.known]

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "attendees": [a.as_dict() for a in self.attendees],
            "wanted": [w.as_dict() for w in self.wanted],
            "count": self.total,
            "shown": len(self.attendees),
        }


def prep_sheet(actor: Member, event: str | int | Event) -> Prep:
    """The prep sheet of ``event`` (id or name) for ``actor``: who is expected, what I
    know of each, whom I would like to meet there and who could introduce me."""
    found = resolve_event(actor, event)
    found = Event.objects.select_related("organiser").get(pk=found.pk)
    ensure(actor.network_id)
    me = actor.me
    rows = (
        Attendance.objects.filter(network_id=actor.network_id, event=found, person__archived=False)
        .exclude(person_id=me.pk)
        .select_related("person")
        .order_by("person__sort_name", "person_id")
    )
    total = rows.count()
    attendances = list(rows[:MAX_ATTENDEES])
    attendees = {
        a.person_id: Attendee(
            person_id=a.person_id,
            name=a.person.full_name,
            status=a.status,
            importance=a.person.importance,
        )
        for a in attendances
    }
    ids = list(attendees)
    if ids:
        _how_we_met(actor, ids, attendees)
        _positions(actor, ids, attendees)
        _standings(actor, ids, attendees)
        _last_conversations(actor, ids, attendees)
        _promises(actor, me, ids, attendees)
        _projects(actor, ids, attendees)
        _relations(actor, me, ids, attendees)
    listed = list(attendees.values())
    return Prep(
        event=event_as_dict(found),
        attendees=listed,
        wanted=_wanted(listed),
        total=total,
    )


def _how_we_met(actor: Member, ids: list[int], attendees: dict[int, Attendee]) -> None:
    people = Person.objects.filter(network_id=actor.network_id, pk__in=ids).select_related(
        "met_at_event", "met_at_organisation", "introduced_by"
    )
    for person in people.only(
        "pk",
        "met_on",
        "how_we_met",
        "met_at_event__name",
        "met_at_organisation__name",
        "introduced_by__academic_title",
        "introduced_by__given_name",
        "introduced_by__name_particle",
        "introduced_by__family_name",
    ):
        attendees[person.pk].how_we_met = {
            "on": iso(person.met_on),
            "event": reference(person.met_at_event),
            "organisation": reference(person.met_at_organisation),
            "introduced_by": reference(person.introduced_by),
            "text": person.how_we_met,
        }


def _positions(actor: Member, ids: list[int], attendees: dict[int, Attendee]) -> None:
    """The current job (else the current function, education or membership)."""
    current = (
        Affiliation.objects.filter(network_id=actor.network_id, person_id__in=ids, end__isnull=True)
        .select_related("organisation")
        .order_by("person_id", "start", "pk")
    )
    best: dict[int, Affiliation] = {}
    for row in current:
        held = best.get(row.person_id)
        if held is None or (held.kind != "job" and row.kind == "job"):
            best[row.person_id] = row
    for person_id, row in best.items():
        attendees[person_id].position = row.title
        attendees[person_id].organisation = reference(row.organisation)


def _standings(actor: Member, ids: list[int], attendees: dict[int, Attendee]) -> None:
    rows = standings_of(actor.network_id, ids).values_list("person_id", "last_on", "strength")
    for person_id, last_on, strength in rows:
        attendee = attendees[person_id]
        attendee.last_contact, attendee.strength = last_on, strength
        attendee.level = level_of(strength)


def _last_conversations(actor: Member, ids: list[int], attendees: dict[int, Attendee]) -> None:
    """The latest conversation with each that ``actor`` may see (others' private ones
    never), in two queries."""
    latest = (
        Participation.objects.filter(person_id=OuterRef("pk"), network_id=actor.network_id)
        .filter(sees(actor, "interaction"))
        .order_by("-interaction__occurred_on", "-interaction_id")
        .values("interaction_id")[:1]
    )
    chosen = dict(
        Person.objects.filter(network_id=actor.network_id, pk__in=ids)
        .annotate(last=Subquery(latest))
        .filter(last__isnull=False)
        .values_list("pk", "last")
    )
    conversations = Interaction.objects.filter(
        network_id=actor.network_id, pk__in=set(chosen.values())
    ).select_related("event")
    by_id = {c.pk: c for c in conversations}
    for person_id, interaction_id in chosen.items():
        talk = by_id[interaction_id]
        attendee = attendees[person_id]
        attendee.last_conversation = {
            "id": talk.pk,
            "date": talk.occurred_on.isoformat(),
            "kind": talk.kind,
            "kind_words": kind_words(talk.kind),
            "summary": talk.summary,
            "event": reference(talk.event),
            "private": talk.private,
        }
        # A private conversation of the actor's own is in no standing: it counts here.
        if attendee.last_contact is None or talk.occurred_on > attendee.last_contact:
            attendee.last_contact = talk.occurred_on


def _promises(actor: Member, me: Person, ids: list[int], attendees: dict[int, Attendee]) -> None:
    """Open promises between *me* and each, both ways, the soonest due first."""
    open_ones = (
        visible_promises(actor)
        .filter(done_on__isnull=True)
        .filter(Q(debtor_id=me.pk, creditor_id__in=ids) | Q(creditor_id=me.pk, debtor_id__in=ids))
        .order_by("due_on", "pk")
    )
    for promise in open_ones.only("pk", "text", "due_on", "debtor_id", "creditor_id"):
        shown = {"id": promise.pk, "text": promise.text, "due": iso(promise.due_on)}
        if promise.debtor_id == me.pk:
            attendees[promise.creditor_id].promises_mine.append(shown)
        else:
            attendees[promise.debtor_id].promises_theirs.append(shown)


def _projects(actor: Member, ids: list[int], attendees: dict[int, Attendee]) -> None:
    roles = (
        ProjectRole.objects.filter(network_id=actor.network_id, person_id__in=ids)
        .exclude(project__status="cancelled")
        .select_related("project")
        .order_by("person_id", "project__name", "pk")
    )
    for role in roles:
        attendees[role.person_id].projects.append(
            {
                "id": role.project_id,
                "name": role.project.name,
                "role": role.role,
                "status": role.project.status,
            }
        )


def _kind_word(code: str, other_is_from: bool) -> str:
    """What the other end of a relationship is to the attendee ("spouse", "parent")."""
    kind = people_words.KINDS_BY_CODE.get(code)
    if kind is None:
        return code
    german = (get_language() or "en").startswith("de")
    if other_is_from:
        return kind.forward_de if german else kind.forward
    return kind.reverse_de if german else kind.reverse


def _relations(actor: Member, me: Person, ids: list[int], attendees: dict[int, Attendee]) -> None:
    """Family, and the people related to each whom I know (shared contacts)."""
    edges = (
        Relationship.objects.filter(network_id=actor.network_id)
        .filter(Q(from_person_id__in=ids) | Q(to_person_id__in=ids))
        .values_list("from_person_id", "to_person_id", "kind", "trust")
    )
    links: dict[int, list[tuple[int, str, bool, int | None]]] = defaultdict(list)
    others: set[int] = set()
    for source, target, kind, trust in edges:
        if me.pk in (source, target):
            mine = target if source == me.pk else source
            if mine in attendees:
                attendees[mine].related_to_me = True
            continue
        if source in attendees:
            links[source].append((target, kind, False, trust))
            others.add(target)
        if target in attendees:
            links[target].append((source, kind, True, trust))
            others.add(source)
    if not links:
        return
    people = {
        p.pk: p
        for p in Person.objects.filter(network_id=actor.network_id, pk__in=others, archived=False)
        .select_related("standing")
        .only(
            "pk",
            "academic_title",
            "given_name",
            "name_particle",
            "family_name",
            "standing__strength",
            "standing__contacts",
        )
    }
    # Whom I know: in touch at least once, or related to me.
    to_me = Relationship.objects.filter(network_id=actor.network_id).filter(
        Q(from_person_id=me.pk, to_person_id__in=others)
        | Q(to_person_id=me.pk, from_person_id__in=others)
    )
    related_to_me = {
        source if target == me.pk else target
        for source, target in to_me.values_list("from_person_id", "to_person_id")
    }
    for person_id, rows in links.items():
        attendee = attendees[person_id]
        shared: dict[int, dict[str, Any]] = {}
        for other_id, kind, other_is_from, trust in rows:
            other = people.get(other_id)
            if other is None:
                continue
            standing = getattr(other, "standing", None)
            strength = standing.strength if standing is not None else 0
            entry = {
                "id": other.pk,
                "name": other.full_name,
                "kind": _kind_word(kind, other_is_from),
                "strength": strength,
                "trust": trust,
            }
            if kind in FAMILY_KINDS:
                attendee.family.append(entry)
            knows = (standing is not None and standing.contacts > 0) or other_id in related_to_me
            if knows and other_id not in shared:
                shared[other_id] = entry
        attendee.shared = sorted(
            shared.values(), key=lambda e: (-e["strength"], -(e["trust"] or 0), e["name"])
        )[:MAX_SHARED]
        attendee.family.sort(key=lambda e: e["name"])


def _wanted(attendees: list[Attendee]) -> list[Wanted]:
    """Those expected whom I do not know yet, most important first, then by the best
    introduction I could get (my strongest tie first), each with up to three introducers."""
    new = [a for a in attendees if a.status == Attendance.Status.EXPECTED and not a.known]

    def rank(a: Attendee) -> tuple[int, int, int, int, str]:
        best = a.shared[0] if a.shared else {"strength": -1, "trust": None}
        return (a.importance, -best["strength"], -(best["trust"] or 0), -len(a.shared), a.name)

    new.sort(key=rank)
    return [
        Wanted(
            person_id=a.person_id,
            name=a.name,
            position=a.position,
            organisation=a.organisation,
            introducers=a.shared[:MAX_INTRODUCERS],
        )
        for a in new
    ]


def how_we_met_words(how: dict[str, Any]) -> str:
    """How we met, in a line: "at Hannover Messe, through Anna Adler (2024-04)"."""
    parts = []
    if how.get("event"):
        parts.append(_("at %(event)s") % {"event": how["event"]["name"]})
    if how.get("organisation"):
        parts.append(_("at %(organisation)s") % {"organisation": how["organisation"]["name"]})
    if how.get("introduced_by"):
        parts.append(_("through %(person)s") % {"person": how["introduced_by"]["name"]})
    said = ", ".join(parts)
    if how.get("on"):
        said = f"{said} ({how['on']})" if said else how["on"]
    if how.get("text"):
        said = f"{said}: {how['text']}" if said else how["text"]
    return said
