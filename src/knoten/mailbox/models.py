"""What the mailbox and calendar imports remember between runs.

Only metadata is kept here: a hash of each message or event already taken in (so a
second run creates nothing twice), and, per address seen in From/To/Cc or among a
meeting's attendees, how often it came up and under which names (for suggestions).
"""

from __future__ import annotations

from django.db import models

from knoten.core.models import NetworkScoped
from knoten.journal.models import Interaction


class SeenMessage(NetworkScoped):
    """A message or calendar event an import has read (whether or not it became a
    conversation). ``key`` is the sha256 of its Message-ID (or of sender, date and
    subject when it has none), or of a calendar event's UID and RECURRENCE-ID/DTSTART."""

    class Source(models.TextChoices):
        MAIL = "mail", "mail"
        CALENDAR = "calendar", "calendar"

    source = models.CharField(max_length=10, choices=Source.choices)
    key = models.CharField(max_length=64)
    # The conversation made from it; null when no known person was in it (a later run,
    # after the person was added, makes it then) or when the user deleted it.
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_interaction = models.BooleanField(default=False)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "key"], name="mailbox_message_once")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.key[:12]}"


class SeenAddress(NetworkScoped):
    """An address seen in messages or meetings: in how many, when, under which names."""

    address = models.CharField(max_length=320)
    names = models.JSONField(default=list)
    messages = models.PositiveIntegerField(default=0)
    first_on = models.DateField()
    last_on = models.DateField()
    # noreply@, mailer-daemon@, notifications@ …: never suggested as a person.
    automated = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "seen addresses"
        constraints = [
            models.UniqueConstraint(fields=["network", "address"], name="mailbox_address_once")
        ]
        indexes = [models.Index(fields=["network", "messages"])]

    def __str__(self) -> str:
        return f"{self.address} ({self.messages})"
