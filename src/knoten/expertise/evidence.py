"""The evidence that a person knows about a topic, each piece quoted, dated and weighed.

A piece of evidence is one record of the info base that has the topic's words (see
:mod:`knoten.expertise.stems`): a skill, a tag, a position or function (an affiliation's
title), the organisation someone is or was at (its name, industry or notes), a project
(its name, description or the person's role), the minutes of a conversation they took
part in, or the notes about them. Its weight is how direct it is times how recent:

=============  ======  =========================================================
evidence       weight  dated by
=============  ======  =========================================================
skill          1.0     (a skill is taken as current)
position       0.9     the end of the affiliation; current when it has none
project        0.8     its end (or start); current while it is planned or ongoing
tag            0.6     (current)
organisation   0.5     as the affiliation
conversation   0.4     the day of the conversation
notes          0.3     (undated)
=============  ======  =========================================================

Recency halves the weight every four years since the date (never below a tenth); a
past record without a date counts half. When a topic has several words, a record with
only some of them counts by the share it has.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from knoten.core import clock
from knoten.core.limits import chunks
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.expertise.candidates import candidates
from knoten.expertise.stems import Topic, read_topic
from knoten.journal.models import Participation, ProjectRole
from knoten.journal.visibility import visible_interactions
from knoten.people import vocabulary as people_words
from knoten.people.models import Affiliation, Person
from knoten.search.text import words

WEIGHTS = {
    "skill": 1.0,
    "position": 0.9,
    "project": 0.8,
    "tag": 0.6,
    "organisation": 0.5,
    "conversation": 0.4,
    "notes": 0.3,
}
HALF_LIFE_YEARS = 4.0
FLOOR = 0.1
UNDATED_PAST = 0.5
QUOTE_WIDTH = 120
BATCH = 900
MINUTES = 80  # the newest conversations that have the topic, of those the index found
AT_ORGANISATIONS = 50  # people at the organisations the index found

_KIND_LABELS = {word.code: word for word in people_words.AFFILIATION_KINDS}


@dataclass(frozen=True)
class Evidence:
    """One record that says a person knows about the topic."""

    kind: str  # one of WEIGHTS
    text: str  # the record in words: "position 'Head of solar' at ACME, 2019–2022"
    quote: str  # the words of the record that have the topic
    date: str | None  # ISO (perhaps partial) day it is dated by; None: current or undated
    weight: float  # how direct times how recent (see the module)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "quote": self.quote,
            "date": self.date,
            "weight": self.weight,
        }


def recency(when: dt.date | None, *, current: bool = False, today: dt.date | None = None) -> float:
    """How much a record dated ``when`` still counts: 1 when current or undated-current."""
    if current:
        return 1.0
    if when is None:
        return UNDATED_PAST
    today = today or clock.today()
    years = max(0.0, (today - when).days / 365.25)
    return max(FLOOR, 0.5 ** (years / HALF_LIFE_YEARS))


def _last_day(value: PartialDate | None) -> dt.date | None:
    """The latest day a partial date could mean (a year counts to its end)."""
    if value is None or value.year is None:
        return None
    if value.month is None:
        return dt.date(value.year, 12, 31)
    if value.day is None:
        nxt = dt.date(value.year + value.month // 12, value.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(value.year, value.month, value.day)


def period(start: PartialDate | None, end: PartialDate | None) -> str:
    """ "2019–2022", "since 2019", "until 2022" or "" (years only: enough to judge by)."""
    begin = str(start.year) if start and start.year else ""
    until = str(end.year) if end and end.year else ""
    if begin and until:
        return begin if begin == until else f"{begin}–{until}"
    if begin:
        return _("since %(year)s") % {"year": begin}
    if until:
        return _("until %(year)s") % {"year": until}
    return ""


def quote(text: str, width: int = QUOTE_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _piece(kind: str, share: float, factor: float, text: str, said: str, when: Any) -> Evidence:
    return Evidence(
        kind=kind,
        text=text,
        quote=quote(said),
        date=str(when) if when else None,
        weight=round(WEIGHTS[kind] * share * factor, 4),
    )


def gather(actor: Member, topic: Topic | str) -> dict[int, list[Evidence]]:
    """The evidence for the persons the index finds (:func:`candidates`; active ones of
    ``actor``'s network, not *me*): those it finds themselves, the people at the
    organisations it finds, and the people in the conversations it finds that ``actor``
    may see."""
    topic = read_topic(topic) if isinstance(topic, str) else topic
    found_by_index = candidates(actor, topic)
    today = clock.today()
    minutes, participants = _visible_minutes(actor, found_by_index.interaction_ids)
    wanted = set(found_by_index.person_ids)
    wanted.update(_people_at(actor, found_by_index.organisation_ids))
    wanted.update(person for people in participants.values() for person in people)
    found: dict[int, list[Evidence]] = defaultdict(list)
    people = _people(actor, sorted(wanted))
    for person_id, (notes, met) in people.items():
        for field, text in ((_("notes"), notes), (_("how we met"), met)):
            if share := topic.share(text):
                found[person_id].append(
                    _piece("notes", share, 1.0, f"{field}: '{_around(text, topic)}'", text, None)
                )
    ids = list(people)
    _labels(ids, topic, found)
    _affiliations(actor, ids, topic, today, found)
    _projects(actor, ids, topic, today, found)
    _minutes(set(ids), topic, minutes, participants, today, found)
    for pieces in found.values():
        pieces.sort(key=lambda piece: (-piece.weight, piece.kind, piece.text))
    return dict(found)


def _visible_minutes(
    actor: Member, interaction_ids: Sequence[int]
) -> tuple[dict[int, tuple[dt.date, str]], dict[int, list[int]]]:
    """The conversations among ``interaction_ids`` that ``actor`` may see (the one rule of
    :mod:`knoten.journal.visibility`: others' private minutes are left out), newest first,
    at most :data:`MINUTES` of them; and who took part in each."""
    minutes: dict[int, tuple[dt.date, str]] = {}
    for chunk in chunks(list(interaction_ids), BATCH):
        rows = visible_interactions(actor).filter(pk__in=chunk)
        for pk, day, summary in rows.values_list("pk", "occurred_on", "summary"):
            minutes[pk] = (day, summary)
    newest = sorted(minutes, key=lambda pk: (minutes[pk][0], pk), reverse=True)[:MINUTES]
    minutes = {pk: minutes[pk] for pk in newest}
    participants: dict[int, list[int]] = defaultdict(list)
    for chunk in chunks(sorted(minutes), BATCH):
        taking_part = Participation.objects.filter(interaction_id__in=chunk)
        for interaction_id, person_id in taking_part.values_list("interaction_id", "person_id"):
            participants[interaction_id].append(person_id)
    return minutes, dict(participants)


def _people_at(actor: Member, organisation_ids: Sequence[int]) -> list[int]:
    """Who is or was at these organisations: the current ones first, at most
    :data:`AT_ORGANISATIONS`."""
    if not organisation_ids:
        return []
    # By the organisations only (the network's, from its index): a filter on the network
    # would have SQLite walk the network's index instead. _people checks the persons.
    at = Affiliation.objects.filter(organisation_id__in=list(organisation_ids)[:BATCH])
    found: dict[int, None] = {}
    for now in (True, False):  # the current ones first, then those who left
        rows = at.filter(end__isnull=now).values_list("person_id", flat=True)
        found.update(dict.fromkeys(rows[: AT_ORGANISATIONS * 2]))
        if len(found) >= AT_ORGANISATIONS:
            break
    return list(found)[:AT_ORGANISATIONS]


def _people(actor: Member, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """The active persons among ``ids`` (not *me*), with their notes and how we met."""
    found: dict[int, tuple[str, str]] = {}
    me = actor.person_id or 0
    for chunk in chunks(list(ids), BATCH):
        rows = (
            Person.objects.filter(pk__in=chunk, archived=False)
            .exclude(pk=me)
            .values_list("pk", "network_id", "notes", "how_we_met")
        )
        for pk, network, notes, met in rows:
            if network == actor.network_id:
                found[pk] = (notes, met)
    return found


def _labels(ids: Sequence[int], topic: Topic, found: dict[int, list[Evidence]]) -> None:
    for kind, through, column in (
        ("skill", Person.skills.through, "skill__name"),
        ("tag", Person.tags.through, "tag__name"),
    ):
        label = _("skill") if kind == "skill" else _("tag")
        for chunk in chunks(list(ids), BATCH):
            rows = through.objects.filter(person_id__in=chunk).values_list("person_id", column)
            for person_id, name in rows:
                if share := topic.share(name):
                    found[person_id].append(
                        _piece(kind, share, 1.0, f"{label} '{name}'", name, None)
                    )


def _affiliations(
    actor: Member,
    ids: Sequence[int],
    topic: Topic,
    today: dt.date,
    found: dict[int, list[Evidence]],
) -> None:
    """Positions and functions (the title), and the organisation itself (its name,
    industry, notes): one piece per affiliation, the more direct one."""
    # An organisation's words and a span's dates recur across its people: each is read
    # once a call, and the sentences are translated once.
    at_org: dict[tuple[Any, Any, Any], tuple[float, Any]] = {}
    spans: dict[tuple[Any, Any], tuple[float, str, PartialDate | None]] = {}
    labels: dict[str, str] = {}
    with_title = _("%(kind)s '%(title)s' at %(org)s")
    without_title = _("%(kind)s at %(org)s")
    for chunk in chunks(list(ids), BATCH):
        for person_id, kind, title, begun, ended, org, industry, org_notes in _affiliation_rows(
            actor.network_id, chunk
        ):
            title_share = topic.share(title)
            words = (org, industry, org_notes)
            best = at_org.get(words)
            if best is None:
                shares = [(topic.share(text), text) for text in words]
                best = at_org[words] = max(shares, key=lambda pair: pair[0])
            share, said = best
            if not title_share and not share:
                continue
            span = spans.get((begun, ended))
            if span is None:
                start = PartialDate.parse_iso(begun) if begun else None
                end = PartialDate.parse_iso(ended) if ended else None
                factor = recency(_last_day(end), current=end is None, today=today)
                span = spans[(begun, ended)] = (factor, period(start, end), end)
            factor, when, end = span
            where = f"{org} ({industry})" if industry else org
            label = labels.get(kind)
            if label is None:
                word = _KIND_LABELS.get(kind)
                label = labels[kind] = _(word.en) if word else kind
            if title_share:
                text = with_title % {"kind": label, "title": title, "org": where}
                found[person_id].append(
                    _piece("position", title_share, factor, _with(text, when), title, end)
                )
                continue
            if title:
                text = with_title % {"kind": label, "title": title, "org": where}
            else:
                text = without_title % {"kind": label, "org": where}
            found[person_id].append(
                _piece("organisation", share, factor, _with(text, when), said, end)
            )


def _affiliation_rows(network_id: int, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The affiliations of these persons with their organisations, the dates as stored
    (read only where the topic matched: most rows do not)."""
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT a.person_id, a.kind, a.title, a."start", a."end", o.name, o.industry,'
            " o.notes FROM people_affiliation AS a"
            " JOIN people_organisation AS o ON o.id = a.organisation_id"
            f" WHERE +a.network_id = %s AND a.person_id IN ({marks})",
            [network_id, *ids],
        )
        return list(cursor.fetchall())


def _with(text: str, when: str) -> str:
    return f"{text}, {when}" if when else text


def _projects(
    actor: Member,
    ids: Sequence[int],
    topic: Topic,
    today: dt.date,
    found: dict[int, list[Evidence]],
) -> None:
    for chunk in chunks(list(ids), BATCH):
        rows = ProjectRole.objects.filter(person_id__in=chunk)
        for person_id, role, name, description, status, starts, ends in rows.values_list(
            "person_id",
            "role",
            "project__name",
            "project__description",
            "project__status",
            "project__starts_on",
            "project__ends_on",
        ):
            shares = [(topic.share(text), text) for text in (name, role, description)]
            share, said = max(shares, key=lambda pair: pair[0])
            if not share:
                continue
            current = status in ("planned", "ongoing")
            dated = ends or starts
            factor = recency(_last_day(dated), current=current, today=today)
            text = _("project '%(name)s'") % {"name": name}
            text = _with(text, period(starts, ends))
            if role:
                text += ", " + _("role: %(role)s") % {"role": role}
            found[person_id].append(
                _piece("project", share, factor, text, said, None if current else dated)
            )


def _minutes(
    ids: set[int],
    topic: Topic,
    minutes: dict[int, tuple[dt.date, str]],
    participants: dict[int, list[int]],
    today: dt.date,
    found: dict[int, list[Evidence]],
) -> None:
    """A conversation with the person whose minutes have the topic."""
    for interaction_id, (day, summary) in minutes.items():
        share = topic.share(summary)
        if not share:
            continue
        text = _("conversation on %(day)s: '%(quote)s'") % {
            "day": day.isoformat(),
            "quote": _around(summary, topic),
        }
        factor = recency(day, today=today)
        for person_id in participants.get(interaction_id, ()):
            if person_id in ids:
                found[person_id].append(_piece("conversation", share, factor, text, summary, day))


def _around(text: str, topic: Topic, width: int = 80) -> str:
    """The part of ``text`` around the first word that has the topic."""
    flat = text.split()
    for index, token in enumerate(flat):
        if topic.matched(words(token)):
            start = max(0, index - 4)
            part = " ".join(flat[start:])
            part = quote(part, width)
            return ("…" if start else "") + part
    return quote(text, width)
