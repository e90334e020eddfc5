"""Conversations from the mailbox and the calendar, from metadata only.

Each message (an mbox file, a Maildir folder, an IMAP folder) and each meeting (an
``.ics`` calendar) is read for who, when and what about: From/To/Cc, Date and Subject,
or a VEVENT's ORGANIZER/ATTENDEE, DTSTART/DTEND, SUMMARY and LOCATION. A message or
meeting with at least one known person besides the user (matched by email address)
becomes a conversation with them, so "last contact" stays true without typing. Bodies
are never read unless asked (``bodies=True``: the first 500 characters of the plain
text go into the minutes). The sources are read by :mod:`~knoten.mailbox.mailfiles`,
:mod:`~knoten.mailbox.imap` and :mod:`~knoten.mailbox.calendars`, each into the
:class:`~knoten.mailbox.reports.Item` this module takes in.

Re-running creates nothing twice: every message and meeting read is remembered by a
key (:class:`~knoten.mailbox.models.SeenMessage`). One that had no known person is
made into a conversation on a later run, once the person has been added. Addresses
seen are counted (:class:`~knoten.mailbox.models.SeenAddress`), and those that recur
but belong to nobody are suggested as new persons (:mod:`~knoten.mailbox.suggestions`).

Every import reads its whole source first, then writes in one transaction; a source
that cannot be read changes nothing. ``dry_run`` runs the import and rolls it back,
so it reports exactly what a real run would create.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from knoten.core import changes, limits
from knoten.core.clock import today
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.core.reading import flag, past_day
from knoten.journal.models import Interaction, Participation
from knoten.mailbox.calendars import read_calendar
from knoten.mailbox.imap import IMAPFactory, read_imap
from knoten.mailbox.mailfiles import read_mailbox
from knoten.mailbox.models import SeenMessage
from knoten.mailbox.reports import Created, Item, MailReport, Progress, Skipped
from knoten.mailbox.suggestions import NAMES_KEPT, Counted, count_addresses, looks_like_yours
from knoten.people.contacts import parse_email
from knoten.people.models import ContactPoint, Person


def since_day(value: str | dt.date | None) -> dt.date | None:
    """The day ``--since`` names (a date or words such as "vor 3 Monaten"), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return past_day(value, "since", hint="nothing has happened since then yet")


def own_addresses(actor: Member, me: Iterable[str] = ()) -> set[str]:
    """The user's addresses: their own person's emails and each ``me`` given."""
    found = set(
        ContactPoint.objects.filter(
            network_id=actor.network_id, person_id=actor.me.pk, kind="email"
        ).values_list("value", flat=True)
    )
    for address in me:
        if not isinstance(address, str):
            raise InvalidInput("me", address, "is not an email address")
        found.add(parse_email(address).value)
    return found


def _asked(
    actor: Member, since: str | dt.date | None, me: Iterable[str], **flags: bool
) -> tuple[dt.date | None, set[str]]:
    """What every import is asked first: the ``since`` day, the user's own addresses,
    and its yes-or-no options, each refused by name if it is none."""
    day = since_day(since)
    own = own_addresses(actor, me)
    for field_name, value in flags.items():
        flag(value, field_name)
    return day, own


@dataclass
class _Plan:
    item: Item
    people: list[int]
    seen: SeenMessage | None = None


def _candidates(
    items: Sequence[Item], report: MailReport, since: dt.date | None, now: dt.date
) -> list[Item]:
    """The items that can be taken in; the others counted or skipped in ``report``."""
    candidates: list[Item] = []
    for item in items:
        report.read += 1
        if item.problem:
            report.skipped.append(Skipped(item.where, item.problem))
        elif item.day is None:
            report.skipped.append(Skipped(item.where, "has no date"))
        elif since is not None and item.day < since:
            report.before_since += 1
        elif item.day > now:
            report.skipped.append(
                Skipped(
                    item.where,
                    f"is dated {item.day.isoformat()}, in the future; "
                    "a later run takes it in once it has happened",
                )
            )
        else:
            candidates.append(item)
    return candidates


def _seen(network_id: int, keys: Sequence[str]) -> dict[str, SeenMessage]:
    """The items read before, by key."""
    seen: dict[str, SeenMessage] = {}
    for chunk in limits.chunks(keys):
        for row in SeenMessage.objects.filter(network_id=network_id, key__in=chunk):
            seen[row.key] = row
    return seen


def _owners(actor: Member, addresses: Sequence[str]) -> dict[str, list[int]]:
    """The persons (other than the user) each address belongs to, oldest first."""
    owners: dict[str, list[int]] = {}
    for chunk in limits.chunks(addresses):
        for value, person_id in (
            ContactPoint.objects.filter(network_id=actor.network_id, kind="email", value__in=chunk)
            .exclude(person_id=actor.me.pk)
            .order_by("pk")
            .values_list("value", "person_id")
        ):
            owners.setdefault(value, []).append(person_id)
    return owners


def _full_names(network_id: int, ids: Iterable[int]) -> dict[int, str]:
    full_names: dict[int, str] = {}
    for chunk in limits.chunks(sorted(ids)):
        for person in Person.objects.filter(network_id=network_id, pk__in=chunk):
            full_names[person.pk] = person.full_name
    return full_names


def _take_in(
    actor: Member,
    items: Sequence[Item],
    report: MailReport,
    *,
    source: str,
    since: dt.date | None,
    own: set[str],
    private: bool,
    progress: Progress | None,
) -> MailReport:
    """Make the conversations and remember what was read, in one transaction."""
    network_id = actor.network_id
    now = today()
    candidates = _candidates(items, report, since, now)
    keys = sorted({item.key for item in candidates})
    addresses = sorted({a for item in candidates for a, _ in item.addresses if a not in own})
    with changes.atomic():
        seen = _seen(network_id, keys)
        owners = _owners(actor, addresses)
        plans: list[_Plan] = []
        unmatched: list[Item] = []
        counted: Counted = {}
        this_run: set[str] = set()
        new_messages = 0
        for item in candidates:
            others = [(a, n) for a, n in item.addresses if a not in own]
            people: list[int] = []
            for address, _ in others:
                for person_id in owners.get(address, []):
                    if person_id not in people:
                        people.append(person_id)
            if item.key in this_run:
                report.already_seen += 1
                continue
            this_run.add(item.key)
            row = seen.get(item.key)
            if row is not None:
                if people and not row.made_interaction:
                    plans.append(_Plan(item, people, row))
                else:
                    report.already_seen += 1
                continue
            assert item.day is not None
            new_messages += 1
            for address, name in others:
                names, count, first, last = counted.get(address, ([], 0, item.day, item.day))
                if name and name not in names and len(names) < NAMES_KEPT:
                    names.append(name)
                counted[address] = (names, count + 1, min(first, item.day), max(last, item.day))
            if people:
                plans.append(_Plan(item, people))
            else:
                report.without_known_person += 1
                unmatched.append(item)

        full_names = _full_names(network_id, {pk for plan in plans for pk in plan.people})
        interactions = [
            Interaction(
                network_id=network_id,
                occurred_on=plan.item.day or now,
                kind=report.kind,
                summary=plan.item.summary,
                duration_minutes=plan.item.minutes,
                place=plan.item.place,
                author=actor,
                private=private,
            )
            for plan in plans
        ]
        if connection.features.can_return_rows_from_bulk_insert:
            Interaction.objects.bulk_create(interactions, batch_size=limits.CHUNK)
        else:  # pragma: no cover - every supported database returns the ids
            for interaction in interactions:
                interaction.save()
        Participation.objects.bulk_create(
            [
                Participation(network_id=network_id, interaction=interaction, person_id=pk)
                for plan, interaction in zip(plans, interactions, strict=True)
                for pk in plan.people
            ],
            batch_size=limits.CHUNK,
        )
        fresh: list[SeenMessage] = []
        caught_up: list[SeenMessage] = []
        for plan, interaction in zip(plans, interactions, strict=True):
            if plan.seen is not None:
                plan.seen.interaction = interaction
                plan.seen.made_interaction = True
                caught_up.append(plan.seen)
            else:
                fresh.append(
                    SeenMessage(
                        network_id=network_id,
                        source=source,
                        key=plan.item.key,
                        interaction=interaction,
                        made_interaction=True,
                    )
                )
            assert plan.item.day is not None
            report.created.append(
                Created(
                    where=plan.item.where,
                    day=plan.item.day,
                    kind=report.kind,
                    summary=plan.item.summary,
                    people=[(pk, full_names.get(pk, "")) for pk in plan.people],
                    interaction_id=None if report.dry_run else interaction.pk,
                    caught_up=plan.seen is not None,
                )
            )
        fresh.extend(
            SeenMessage(network_id=network_id, source=source, key=item.key) for item in unmatched
        )
        SeenMessage.objects.bulk_create(fresh, batch_size=limits.CHUNK)
        SeenMessage.objects.bulk_update(
            caught_up, ["interaction", "made_interaction"], batch_size=limits.CHUNK
        )
        count_addresses(network_id, counted, own)
        report.addresses_counted = len(counted)
        report.notes.extend(looks_like_yours(counted, new_messages))
        # Written in bulk, without the signals that would announce them one by one.
        changes.announce(network_id, "interaction", [i.pk for i in interactions])
        if progress is not None:
            progress("Saving", 1, 1)
        if report.dry_run:
            transaction.set_rollback(True)
    report.created.sort(key=lambda entry: (entry.day, entry.where))
    return report


def import_mail(
    actor: Member,
    source: str | Path,
    *,
    since: str | dt.date | None = None,
    bodies: bool = False,
    dry_run: bool = False,
    me: Sequence[str] = (),
    private: bool = False,
    progress: Progress | None = None,
    name: str | None = None,
    field: str = "path",
) -> MailReport:
    """Conversations from an mbox file or a Maildir folder (detected), one per message
    with a known person in From/To/Cc besides the user; kind "email", the subject as
    the minutes, on the day of its Date header. ``name`` is how the source is shown,
    ``field`` what errors call it (an upload: "file")."""
    day, own = _asked(actor, since, me, bodies=bodies, dry_run=dry_run, private=private)
    shown = name or str(source)
    items = read_mailbox(source, bodies=bodies, progress=progress, name=shown, field=field)
    report = MailReport(source=shown, kind="email", dry_run=dry_run)
    return _take_in(
        actor,
        items,
        report,
        source=SeenMessage.Source.MAIL,
        since=day,
        own=own,
        private=private,
        progress=progress,
    )


def import_mail_upload(
    actor: Member,
    chunks: Iterable[bytes],
    name: str,
    *,
    since: str | dt.date | None = None,
    bodies: bool = False,
    dry_run: bool = False,
    me: Sequence[str] = (),
    private: bool = False,
) -> MailReport:
    """:func:`import_mail` of an uploaded mbox file (its bytes in ``chunks``), kept in
    a temporary folder only while it is read; errors name it as ``file`` ``name``."""
    with tempfile.TemporaryDirectory(prefix="knoten-mail-") as folder:
        path = Path(folder) / "upload.mbox"
        with path.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        return import_mail(
            actor,
            path,
            since=since,
            bodies=bodies,
            dry_run=dry_run,
            me=me,
            private=private,
            name=name,
            field="file",
        )


def import_imap(
    actor: Member,
    *,
    host: str,
    user: str,
    password: str,
    folder: str = "INBOX",
    port: int | None = None,
    ssl: bool = True,
    since: str | dt.date | None = None,
    bodies: bool = False,
    dry_run: bool = False,
    me: Sequence[str] = (),
    private: bool = False,
    progress: Progress | None = None,
    connect: IMAPFactory | None = None,
) -> MailReport:
    """Conversations from an IMAP folder, as :func:`import_mail` does for a file.

    Only headers are fetched (From, To, Cc, Date, Subject, Message-ID), unless
    ``bodies``; with ``since``, the server is asked only for messages since that day.
    """
    day, own = _asked(actor, since, me, bodies=bodies, dry_run=dry_run, private=private)
    items = read_imap(
        host=host,
        user=user,
        password=password,
        folder=folder,
        port=port,
        ssl=ssl,
        since=day,
        bodies=bodies,
        progress=progress,
        connect=connect,
    )
    report = MailReport(source=f"imap://{user}@{host}/{folder}", kind="email", dry_run=dry_run)
    return _take_in(
        actor,
        items,
        report,
        source=SeenMessage.Source.MAIL,
        since=day,
        own=own,
        private=private,
        progress=progress,
    )


def import_calendar(
    actor: Member,
    data: bytes,
    source: str,
    *,
    since: str | dt.date | None = None,
    dry_run: bool = False,
    me: Sequence[str] = (),
    private: bool = False,
    progress: Progress | None = None,
) -> MailReport:
    """Conversations of kind "meeting" from an iCalendar file's events.

    Each VEVENT with a known person among its ORGANIZER and ATTENDEEs (those who
    declined left out) becomes a meeting on its day: the SUMMARY as the minutes, the
    time from DTSTART to DTEND as its duration, LOCATION as the place. Of a recurring
    event only the first occurrence is taken in. Events still to come are left for a
    later run.
    """
    day, own = _asked(actor, since, me, dry_run=dry_run, private=private)
    if not isinstance(data, bytes):
        raise InvalidInput("file", source, "is not the bytes of a file")
    items, recurring = read_calendar(data, source)
    if progress is not None:
        progress("Reading events", len(items), len(items))
    report = MailReport(source=source, kind="meeting", dry_run=dry_run, recurring=recurring)
    return _take_in(
        actor,
        items,
        report,
        source=SeenMessage.Source.CALENDAR,
        since=day,
        own=own,
        private=private,
        progress=progress,
    )
