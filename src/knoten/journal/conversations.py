"""Conversations (interactions): their minutes, written down, listed, changed, deleted.

A conversation is logged by its author between *me* (the author's own person, who is
implied and not stored as a participant) and the persons it was with. Promises made in
it run between *me* and the first of those persons. Who may see a conversation, and
change it, is :mod:`knoten.journal.visibility`'s rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from knoten.core import changes
from knoten.core.data import iso, reference
from knoten.core.errors import InvalidInput
from knoten.core.limits import check_window, page, storable
from knoten.core.models import Member
from knoten.core.reading import any_day, flag, line, long_text, past_day, whole_minutes
from knoten.core.records import save_edits
from knoten.core.words import resolve_word
from knoten.journal import vocabulary as v
from knoten.journal.events import attend, resolve_event
from knoten.journal.models import Attendance, Event, Interaction, Participation, Promise
from knoten.journal.promises import parse_promise, promise_as_dict
from knoten.journal.references import other_people
from knoten.journal.references import person as named_person
from knoten.journal.visibility import check_may_change, visible_interaction, visible_interactions
from knoten.people.models import Person

# A conversation longer than a week is a typing mistake, not a conversation.
MAX_MINUTES = 7 * 24 * 60
# What a conversation is when nothing else is said.
DEFAULT_KIND = "meeting"


def duration_minutes(value: object, field: str = "minutes") -> int:
    """A conversation's duration in whole minutes, up to a week ("45" from a form too)."""
    return whole_minutes(
        value,
        field,
        at_most=MAX_MINUTES,
        what="a duration",
        too_long="is longer than a week; give the duration",
    )


def with_related(interactions: QuerySet[Interaction]) -> QuerySet[Interaction]:
    """``interactions`` with what :func:`interaction_as_dict` shows read along."""
    return interactions.select_related("event", "author__person").prefetch_related(
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("person").order_by("pk"),
        ),
        Prefetch(
            "promises",
            queryset=Promise.objects.select_related("debtor", "creditor").order_by("pk"),
        ),
    )


def interaction_as_dict(interaction: Interaction) -> dict[str, Any]:
    """One conversation as JSON-able data, the same for every interface."""
    author = interaction.author.person if interaction.author is not None else None
    return {
        "id": interaction.pk,
        "date": interaction.occurred_on.isoformat(),
        "kind": interaction.kind,
        "summary": interaction.summary,
        "minutes": interaction.duration_minutes,
        "place": interaction.place,
        "event": reference(interaction.event),
        "private": interaction.private,
        "author": reference(author),
        "participants": [reference(p.person) for p in interaction.participations.all()],
        "promises": [promise_as_dict(promise) for promise in interaction.promises.all()],
    }


def _reread(interaction: Interaction) -> Interaction:
    return with_related(Interaction.objects.filter(pk=interaction.pk)).get()


def _summary(value: str) -> str:
    text = long_text(value, "summary")
    if not text:
        raise InvalidInput("summary", value, "is empty; say in a line what was discussed")
    return text


def _participants(actor: Member, participants: Sequence[str | int | Person] | None) -> list[Person]:
    if isinstance(participants, str) or not participants:
        raise InvalidInput(
            "participants", "", "is empty; name at least one person the conversation was with"
        )
    return other_people(actor, participants, "participant")


def log_interaction(
    actor: Member,
    summary: str,
    *,
    participants: Sequence[str | Person],
    kind: str | None = None,
    on: str | dt.date | None = None,
    minutes: int | str | None = None,
    event: str | int | Event | None = None,
    place: str = "",
    private: bool = False,
    promises: Sequence[str] = (),
    expectations: Sequence[str] = (),
) -> Interaction:
    """Write down a conversation, with the promises made in it.

    Without ``kind`` it was a meeting. Each of ``promises`` ("TEXT by DATE") is owed by
    *me* to the first participant; each of ``expectations`` is owed by the first
    participant to *me*. Due dates in words are read relative to the day of the
    conversation. Logging a conversation at an event marks its participants as met there.
    """
    text = _summary(summary)
    where = line(place, "place", 300)
    storable("participant", list(participants or []))
    storable("promise", list(promises))
    storable("expect", list(expectations))
    people = _participants(actor, participants)
    kind_code = resolve_word(v.INTERACTION_KINDS, DEFAULT_KIND if kind is None else kind, "kind")
    day = past_day(on, "on")
    duration = None if minutes is None else duration_minutes(minutes)
    found_event = None if event is None or event == "" else resolve_event(actor, event, "event")
    owed = [parse_promise(p, "promise", relative_to=day) for p in promises]
    expected = [parse_promise(p, "expect", relative_to=day) for p in expectations]
    me, first = actor.me, people[0]

    with changes.atomic():
        interaction = Interaction.objects.create(
            network_id=actor.network_id,
            occurred_on=day,
            kind=kind_code,
            summary=text,
            duration_minutes=duration,
            place=where,
            event=found_event,
            author=actor,
            private=bool(private),
        )
        Participation.objects.bulk_create(
            [
                Participation(network_id=actor.network_id, interaction=interaction, person=p)
                for p in people
            ]
        )
        Promise.objects.bulk_create(
            [
                Promise(
                    network_id=actor.network_id,
                    debtor=debtor,
                    creditor=creditor,
                    text=what,
                    due_on=due,
                    interaction=interaction,
                )
                for (debtor, creditor, entries) in ((me, first, owed), (first, me, expected))
                for what, due in entries
            ]
        )
        if found_event is not None:
            attend(found_event, people, Attendance.Status.MET)
    return _reread(interaction)


def list_interactions(
    actor: Member,
    *,
    person: str | int | Person | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    kind: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[Interaction]:
    """The conversations ``actor`` may see, newest first.

    ``person`` keeps those the person took part in (or wrote, for a member's own
    person); ``since`` and ``until`` bound the day (both included); ``kind`` in English
    or German.
    """
    check_window(limit, offset)
    interactions = visible_interactions(actor)
    if person is not None and person != "":
        who = named_person(actor, person, "person")
        took_part = Participation.objects.filter(person=who).values("interaction_id")
        interactions = interactions.filter(Q(pk__in=took_part) | Q(author__person_id=who.pk))
    first = None if since is None or since == "" else any_day(since, "since")
    last = None if until is None or until == "" else any_day(until, "until")
    if first is not None and last is not None and last < first:
        raise InvalidInput("until", iso(last), f"is before since {first.isoformat()}")
    if first is not None:
        interactions = interactions.filter(occurred_on__gte=first)
    if last is not None:
        interactions = interactions.filter(occurred_on__lte=last)
    if kind is not None and kind != "":
        storable("kind", kind)
        interactions = interactions.filter(kind=resolve_word(v.INTERACTION_KINDS, kind, "kind"))
    ordered = with_related(interactions).order_by("-occurred_on", "-pk")
    return list(page(ordered, limit, offset))


def interaction_detail(actor: Member, interaction_id: int | str) -> dict[str, Any]:
    """One conversation with its participants and promises, if ``actor`` may see it."""
    return interaction_as_dict(_reread(visible_interaction(actor, interaction_id)))


def _authored(actor: Member, interaction_id: int | str | Interaction) -> Interaction:
    """One interaction that ``actor`` wrote: only its author may change or delete it."""
    found = visible_interaction(actor, interaction_id)
    check_may_change(actor, found)
    return found


def edit_interaction(
    actor: Member,
    interaction_id: int | str,
    *,
    summary: str | None = None,
    on: str | dt.date | None = None,
    kind: str | None = None,
    minutes: int | str | None = None,
    place: str | None = None,
    private: bool | None = None,
    participants: Sequence[str | int | Person] | None = None,
) -> Interaction:
    """Change what is given (None leaves a fact as it is); only the author may.

    ``minutes=""`` and ``place=""`` clear them; ``participants`` replaces the list (at
    least one person). Participants added to a conversation at an event are marked as
    met there, as when it was logged.
    """
    found = _authored(actor, interaction_id)
    edits: dict[str, Any] = {}
    if summary is not None:
        edits["summary"] = _summary(summary)
    if on is not None:
        edits["occurred_on"] = past_day(on, "on")
    if kind is not None:
        storable("kind", kind)
        edits["kind"] = resolve_word(v.INTERACTION_KINDS, kind, "kind")
    if minutes is not None:
        edits["duration_minutes"] = None if minutes == "" else duration_minutes(minutes)
    if place is not None:
        edits["place"] = line(place, "place", 300)
    if private is not None:
        edits["private"] = flag(private, "private")
    people = None if participants is None else _participants(actor, participants)

    with changes.atomic():
        save_edits(found, edits)
        if people is not None:
            keep = {p.pk for p in people}
            had = set(found.participations.values_list("person_id", flat=True))
            found.participations.exclude(person_id__in=keep).delete()
            added = [p for p in people if p.pk not in had]
            Participation.objects.bulk_create(
                [
                    Participation(network_id=actor.network_id, interaction=found, person=p)
                    for p in added
                ]
            )
            if found.event is not None:
                attend(found.event, added, Attendance.Status.MET)
    return _reread(found)


def delete_interaction(actor: Member, interaction_id: int | str) -> None:
    """Delete a conversation with the promises made in it; only its author may."""
    found = _authored(actor, interaction_id)
    with changes.atomic():
        Promise.objects.filter(interaction=found).delete()
        found.delete()
