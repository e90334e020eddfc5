"""Sharing know-how: who a link or a note about a topic would interest, and recording it.

:func:`interested_in` finds the people a topic would interest from what Knoten knows of
them: their skills and tags, their positions, the projects they have a role in (by the
project's name or description), the conversations they were in whose minutes are about
it (only those the actor may see) and the industry of the organisations they work at.
The matching is the search app's (umlauts folded: Müller = Mueller = Muller; the last
word of a topic also as the start of a word, and a plural or inflected last word by its
stem: "Solaranlagen" finds "Solaranlage"). Each person comes with the evidence in words,
ranked by it; archived persons and *me* never.

:func:`share_know_how` records what was shared as a favour of kind "know_how" given by
*me* to each person, so that it counts in the give-and-take balance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.reading import long_text, past_day
from knoten.journal.models import Participation, Project, ProjectRole
from knoten.journal.visibility import visible_interactions
from knoten.people.lookup import resolve_person
from knoten.people.models import Affiliation, ContactPoint, Person
from knoten.reciprocity.models import Favour
from knoten.reciprocity.services import add_favour
from knoten.search.query import MAX_LIMIT as SEARCH_MAX
from knoten.search.query import MAX_WORDS, SearchHit, search
from knoten.search.text import folded, words

KIND = "know_how"
MAX_LIMIT = 200
MAX_LINK = 2000
# How much each piece of evidence counts: what a person knows (a skill) most, a
# conversation about it less, and each further conversation less again.
WEIGHTS = {
    "skill": 5,
    "project": 4,
    "tag": 3,
    "position": 2,
    "conversation": 2,
    "more conversations": 1,
    "industry": 1,
    "notes": 1,
}
SHOWN_CONVERSATIONS = 3
# Search fields of a person's entry that are evidence, and what they are called.
_PERSON_FIELDS = {"skill": "skill", "tag": "tag", "notes": "notes"}
# A person's entry holds each affiliation under its kind.
_POSITION_FIELDS = {"job", "function", "education", "membership"}
_ENDINGS = ("ungen", "innen", "en", "er", "es", "e", "n", "s")


@dataclass
class Interest:
    """One person a topic would interest, with why."""

    person_id: int
    name: str
    score: int = 0
    evidence: list[str] = field(default_factory=list)
    email: str | None = None

    def add(self, kind: str, said: str) -> None:
        self.score += WEIGHTS[kind]
        if said not in self.evidence:
            self.evidence.append(said)

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "score": self.score,
            "evidence": list(self.evidence),
            "email": self.email,
        }


@dataclass(frozen=True)
class SharedWith:
    person_id: int
    name: str
    favour_id: int
    email: str | None = None


@dataclass(frozen=True)
class Shared:
    """What was recorded: one favour of kind know-how per person."""

    on: dt.date
    note: str
    link: str | None
    people: list[SharedWith]

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "note": self.note,
            "link": self.link,
            "people": [
                {
                    "person_id": p.person_id,
                    "name": p.name,
                    "favour_id": p.favour_id,
                    "email": p.email,
                }
                for p in self.people
            ],
            "favours": [p.favour_id for p in self.people],
        }


# --- who would be interested ---------------------------------------------------------------


def topic_words(topic: str) -> list[str]:
    """The folded words of a topic; refused when it has none or too many."""
    if not isinstance(topic, str):
        raise InvalidInput("topic", topic, "is not a text; write a word or two")
    storable("topic", topic)
    found = words(topic)
    if not found:
        raise InvalidInput("topic", topic, "has no letters or digits; write a word or two")
    if len(found) > MAX_WORDS:
        raise InvalidInput("topic", topic, f"has more than {MAX_WORDS} words; use fewer")
    return found


def stem(word: str) -> str:
    """A folded word without a plural or inflected ending, kept at five letters or more
    ("solaranlagen" → "solaranlag", "batteries" → "batteri"); short words as they are."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 5:
            return word[: -len(ending)]
    return word


def _queries(query_words: list[str]) -> list[str]:
    """The topic as typed, and with its last word by its stem when that differs."""
    shown = [" ".join(query_words)]
    stemmed = [*query_words[:-1], stem(query_words[-1])]
    if stemmed != query_words:
        shown.append(" ".join(stemmed))
    return shown


def _hits(actor: Member, queries: Sequence[str], kind: str, limit: int) -> list[SearchHit]:
    seen: set[int] = set()
    found = []
    for query in queries:
        for hit in search(actor, query, limit=limit, kinds=[kind]):
            if hit.id not in seen:
                seen.add(hit.id)
                found.append(hit)
    return found


class _Matches:
    """Whether a text has every word of the topic (each also as a start of a word, the
    last also by its stem), folded as the search app folds."""

    def __init__(self, query_words: Sequence[str]) -> None:
        self.words = [stem(word) for word in query_words]

    def __call__(self, *texts: str) -> bool:
        padded = f" {folded(*texts)}"
        return all(f" {word}" in padded for word in self.words)


def interested_in(actor: Member, *, topic: str, limit: int = 20) -> list[Interest]:
    """The people a link or a note about ``topic`` would interest, the most evidence
    first, each with its evidence in words."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput("limit", limit, f"must be a whole number from 1 to {MAX_LIMIT}")
    query_words = topic_words(topic)
    queries = _queries(query_words)
    found: dict[int, Interest] = {}

    def interest(person_id: int) -> Interest:
        row = found.get(person_id)
        if row is None:
            row = found[person_id] = Interest(person_id, "")
        return row

    _from_persons(actor, queries, interest)
    _from_projects(actor, _Matches(query_words), interest)
    _from_conversations(actor, queries, interest)
    _from_industries(actor, queries, interest)
    return _ranked(actor, found, limit)


def _from_persons(actor: Member, queries: Sequence[str], interest: Any) -> None:
    for hit in _hits(actor, queries, "person", SEARCH_MAX):
        if hit.archived or hit.person_id is None:
            continue
        for name, text in hit.matched:
            if name in _PERSON_FIELDS:
                kind = _PERSON_FIELDS[name]
                said = {
                    "skill": _("skill: %(text)s"),
                    "tag": _("tag: %(text)s"),
                    "notes": _("note: %(text)s"),
                }[kind]
                interest(hit.person_id).add(kind, said % {"text": text})
            elif name in _POSITION_FIELDS:
                interest(hit.person_id).add("position", _("position: %(text)s") % {"text": text})


def _from_projects(actor: Member, matches: _Matches, interest: Any) -> None:
    projects = {
        pk: name
        for pk, name, description in Project.objects.filter(network_id=actor.network_id)
        .values_list("pk", "name", "description")
        .iterator(2000)
        if matches(name, description)
    }
    if not projects:
        return
    roles = ProjectRole.objects.filter(
        network_id=actor.network_id, project_id__in=list(projects)
    ).values_list("person_id", "project_id", "role")
    for person_id, project_id, role in roles.order_by("project_id", "pk"):
        said = _("project '%(name)s'") % {"name": projects[project_id]}
        if role:
            said += f" ({role})"
        interest(person_id).add("project", said)


def _from_conversations(actor: Member, queries: Sequence[str], interest: Any) -> None:
    ids = [hit.id for hit in _hits(actor, queries, "interaction", SEARCH_MAX)]
    if not ids:
        return
    # The search finds private minutes for their author only; the journal's rule says so
    # once more, so that no other member's private conversation is ever evidence.
    days = dict(visible_interactions(actor).filter(pk__in=ids).values_list("pk", "occurred_on"))
    seen: dict[int, int] = defaultdict(int)
    rows = Participation.objects.filter(
        network_id=actor.network_id, interaction_id__in=list(days)
    ).values_list("person_id", "interaction_id")
    for person_id, interaction_id in sorted(rows, key=lambda row: days[row[1]], reverse=True):
        seen[person_id] += 1
        if seen[person_id] <= SHOWN_CONVERSATIONS:
            shown = dateformat.format(days[interaction_id], "j F Y")
            interest(person_id).add("conversation", _("conversation %(day)s") % {"day": shown})
        else:
            interest(person_id).score += WEIGHTS["more conversations"]
    for person_id, count in seen.items():
        if count > SHOWN_CONVERSATIONS:
            more = count - SHOWN_CONVERSATIONS
            said = ngettext("%(count)d more conversation", "%(count)d more conversations", more)
            interest(person_id).evidence.append(said % {"count": more})


def _from_industries(actor: Member, queries: Sequence[str], interest: Any) -> None:
    industries = {}
    for hit in _hits(actor, queries, "organisation", 100):
        for name, text in hit.matched:
            if name == "industry" and hit.organisation_id is not None:
                industries[hit.organisation_id] = (hit.title, text)
    if not industries:
        return
    rows = Affiliation.objects.filter(
        network_id=actor.network_id, organisation_id__in=list(industries), end__isnull=True
    ).values_list("person_id", "organisation_id")
    for person_id, org_id in rows.order_by("organisation_id", "pk"):
        org, industry = industries[org_id]
        said = _("at %(org)s (industry: %(industry)s)") % {"org": org, "industry": industry}
        interest(person_id).add("industry", said)


def _ranked(actor: Member, found: dict[int, Interest], limit: int) -> list[Interest]:
    found.pop(actor.me.pk, None)
    people = {
        pk: name
        for pk, name in Person.objects.filter(
            network_id=actor.network_id, archived=False, pk__in=list(found)
        ).values_list("pk", "sort_name")
    }
    rows = [row for pk, row in found.items() if pk in people]
    persons = Person.objects.in_bulk([row.person_id for row in rows])
    rows.sort(key=lambda row: (-row.score, people[row.person_id], row.person_id))
    rows = rows[:limit]
    emails = email_addresses([row.person_id for row in rows])
    for row in rows:
        row.name = persons[row.person_id].full_name
        row.email = emails.get(row.person_id)
    return rows


def email_addresses(person_ids: Iterable[int]) -> dict[int, str]:
    """Each person's email address to write to: the preferred one, else the first."""
    found: dict[int, str] = {}
    for person_id, value in (
        ContactPoint.objects.filter(person_id__in=list(person_ids), kind="email")
        .order_by("person_id", "-preferred", "pk")
        .values_list("person_id", "value")
    ):
        found.setdefault(person_id, value)
    return found


# --- recording it -------------------------------------------------------------------------


def read_link(link: str | None, field: str = "link") -> str | None:
    """A web address to share: http or https with a host; None or empty for none."""
    if link is None:
        return None
    storable(field, link)
    text = link.strip()
    if not text:
        return None
    how = "write it as https://example.org/page"
    if len(text) > MAX_LINK:
        raise InvalidInput(field, text[:60] + "…", f"is longer than {MAX_LINK} characters")
    if any(ch.isspace() for ch in text):
        raise InvalidInput(field, text, f"has spaces in it; {how}")
    try:
        parts = urlsplit(text)
    except ValueError:
        raise InvalidInput(field, text, f"is not a web address; {how}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInput(field, text, f"is not an http(s) web address; {how}")
    return text


def _note_with(note: str, link: str | None) -> str:
    return f"{note}\n{link}" if link and note else (link or note)


def _has_link(text: str, link: str) -> bool:
    return link in (line.strip() for line in text.splitlines())


def share_know_how(
    actor: Member,
    *,
    people: list[str | int],
    note: str,
    link: str | None = None,
    on: str | dt.date | None = None,
) -> Shared:
    """Record that *me* shared ``note`` (and ``link``) with each of ``people`` on ``on``
    (today if not said): a favour of kind know-how each, in one transaction. The same link
    is shared with the same person once a day."""
    if isinstance(people, str | int):
        people = [people]
    if not people:
        raise InvalidInput("people", "", "is empty; name at least one person to share with")
    text = long_text(note, "note").strip()
    address = read_link(link)
    if not text and not address:
        raise InvalidInput("note", note, "is empty; say what you shared")
    day = past_day(on, "on", hint="record what was shared once it was")
    me = actor.me
    chosen: dict[int, Person] = {}
    for who in people:
        person = resolve_person(actor, who, "people")
        if person.pk == me.pk:
            raise InvalidInput("people", who, "is you; share with someone else")
        chosen.setdefault(person.pk, person)
    if address:
        earlier = Favour.objects.filter(
            network_id=actor.network_id,
            giver_id=me.pk,
            receiver_id__in=list(chosen),
            kind=KIND,
            given_on=day,
        ).values_list("receiver_id", "note")
        for receiver_id, said in earlier:
            if _has_link(said, address):
                name = chosen[receiver_id].full_name
                raise InvalidInput(
                    "link",
                    address,
                    f"was already shared with {name} on {day.isoformat()}; "
                    "the same link is recorded once a day per person",
                )
    emails = email_addresses(chosen)
    shared = []
    with changes.atomic():
        for person in chosen.values():
            favour = add_favour(
                actor, giver=me, receiver=person, kind=KIND, on=day, note=_note_with(text, address)
            )
            shared.append(SharedWith(person.pk, person.full_name, favour.pk, emails.get(person.pk)))
    return Shared(on=day, note=text, link=address, people=shared)
