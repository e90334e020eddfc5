"""What keeping in touch stores: cadences, each person's standing, and snoozes.

A :class:`Cadence` says how often to be in touch, for one person, for everyone in a
circle, or for everyone of an importance (the network's own defaults over the shipped
ones). A :class:`Standing` is derived data, one row per person, kept current by change
notices (:mod:`knoten.upkeep.standings`): the last contact, how often and how deeply the
network has been in touch lately, the cadence that applies and the day it falls due, and
the relationship's strength. A :class:`Snooze` is one member's "not now" for a person.

An occasion (a birthday, a new position, a favour to thank for) is read from the records
each day, never stored; a :class:`HandledOccasion` remembers that a member has dealt with
one, so that it is never offered twice. A :class:`DraftTemplate` is a network's own words
for an occasion in one language. A :class:`DigestSent` makes sending the digest safe to
run twice; a :class:`CalendarFeed` is the secret address of a member's calendar.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import F, Q, QuerySet

from knoten.core.models import Member, NetworkScoped
from knoten.people.models import Circle, Person


class Cadence(NetworkScoped):
    """Be in touch every ``every_days``; overdue after ``latest_days``.

    Exactly one of ``person``, ``circle`` and ``importance`` says whom it is for. No
    ``every_days`` is "no cadence": no reminders for them.
    """

    person = models.OneToOneField(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="cadence"
    )
    circle = models.OneToOneField(
        Circle, null=True, blank=True, on_delete=models.CASCADE, related_name="cadence"
    )
    importance = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=Person.Tier.choices
    )
    every_days = models.PositiveIntegerField(null=True, blank=True)
    latest_days = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, circle__isnull=True, importance__isnull=True)
                    | Q(person__isnull=True, circle__isnull=False, importance__isnull=True)
                    | Q(person__isnull=True, circle__isnull=True, importance__isnull=False)
                ),
                name="cadence_for_one",
            ),
            models.UniqueConstraint(
                fields=["network", "importance"],
                condition=Q(importance__isnull=False),
                name="cadence_once_per_importance",
            ),
        ]

    def __str__(self) -> str:
        return f"every {self.every_days} days" if self.every_days else "no cadence"


DUE_INDEX = [
    "network",
    "due_on",
    "every_days",
    "since_ordinal",
    "importance",
    "sort_name",
    "person",
]


class Standing(NetworkScoped):
    """A person's place in the upkeep, as of ``as_of``: derived, never edited."""

    person = models.OneToOneField(
        Person, primary_key=True, on_delete=models.CASCADE, related_name="standing"
    )
    # The last contact (not counting private conversations: see due.py).
    last_on = models.DateField(null=True, blank=True)
    last_kind = models.CharField(max_length=30, blank=True)
    last_where = models.CharField(max_length=300, blank=True)
    # The day the clock runs from: the last contact, or the day they were added.
    since_on = models.DateField()
    since_ordinal = models.PositiveIntegerField()
    contacts = models.PositiveIntegerField(default=0)  # all contacts ever
    contacts_year = models.PositiveIntegerField(default=0)  # in the year before as_of
    depth_year = models.PositiveIntegerField(default=0)  # weighted by kind
    trust = models.PositiveSmallIntegerField(null=True, blank=True)
    given = models.PositiveIntegerField(default=0)  # favours and recommendations, to them
    received = models.PositiveIntegerField(default=0)  # and from them
    # The cadence that applies and where it comes from ("person", "circle:Colleagues",
    # "importance", "default"); none: no reminders.
    every_days = models.PositiveIntegerField(null=True, blank=True)
    latest_days = models.PositiveIntegerField(null=True, blank=True)
    cadence_from = models.CharField(max_length=120, blank=True)
    due_on = models.DateField(null=True, blank=True)
    overdue_on = models.DateField(null=True, blank=True)
    strength = models.PositiveSmallIntegerField(default=0)
    as_of = models.DateField()
    # The person's importance and sort key as of ``as_of`` (written with the cadence that
    # follows from them, on the same change notices), so that the due list is ranked on
    # this table's index alone, without reading 100,000 persons.
    importance = models.PositiveSmallIntegerField(default=Person.Tier.REGULAR)
    sort_name = models.CharField(max_length=400, default="")

    class Meta:
        indexes = [
            # Covers the due list (due.py): the due rows are ranked without the table.
            models.Index(fields=DUE_INDEX, name="standing_due"),
            models.Index(fields=["network", "strength"], name="standing_strength"),
        ]

    def __str__(self) -> str:
        return f"strength {self.strength} as of {self.as_of}"


class Snooze(NetworkScoped):
    """``member`` does not want to be reminded of ``person`` before ``until``."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    until = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "person"], name="snooze_once"),
        ]

    def __str__(self) -> str:
        return f"snoozed until {self.until}"


class HandledOccasion(NetworkScoped):
    """``member`` has dealt with the occasion ``key``: it is not offered again.

    ``key`` names the occasion for good, whatever else changes: its kind, the record it
    comes from and the day or year it is for ("birthday:person=12:2027",
    "thanks:favour=88").
    """

    class How(models.TextChoices):
        SENT = "sent", "sent"
        DONE = "done", "done"
        DISMISSED = "dismissed", "dismissed"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=200)
    kind = models.CharField(max_length=30)
    on = models.DateField()
    how = models.CharField(max_length=10, choices=How.choices)
    handled_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "key"], name="occasion_handled_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.how}"


class DraftTemplate(NetworkScoped):
    """A network's own words for ``occasion`` in ``language``, for *du*, *Sie* or both."""

    occasion = models.CharField(max_length=30)
    language = models.CharField(max_length=2)
    # "du" or "sie"; empty: for either.
    address = models.CharField(max_length=3, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "occasion", "language", "address"], name="draft_template_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occasion} ({self.language} {self.address})"


class DigestSent(NetworkScoped):
    """The digest of ``period`` (daily or weekly) ``key`` (2026-12-07, 2026-W49) went out."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10)
    key = models.CharField(max_length=20)
    recipient = models.CharField(max_length=300)
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "period", "key"], name="digest_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.period} digest {self.key}"


class CalendarFeed(NetworkScoped):
    """A member's calendar at a secret address; a new one revokes the one before."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(revoked_at__isnull=True), name="calendar_feed_one"
            ),
        ]

    def __str__(self) -> str:
        return "revoked calendar feed" if self.revoked_at else "calendar feed"


def standings_of(network_id: int, ids: Iterable[int]) -> QuerySet[Standing]:
    """The standings of these persons in this network, found by their key.

    The network is compared as ``network_id + 0``, which no index serves: given the plain
    column, SQLite walks the network's strength index (every standing of a large network)
    instead of looking the few persons up by their key."""
    return Standing.objects.annotate(in_network=F("network_id") + 0).filter(
        in_network=network_id, person_id__in=list(ids)
    )
