"""What an import leaves behind besides the persons it fills in (what a file said that
has no place of its own is :class:`knoten.people.models.ImportedProperty`)."""

from __future__ import annotations

from django.db import models

from knoten.core.models import Member, NetworkScoped
from knoten.people.models import Person


class ImportOrigin(NetworkScoped):
    """A record an import has already taken in, by a key from its content: importing
    the same file again recognises it and creates nothing new."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="import_origins")
    key = models.CharField(max_length=64)  # sha256 of the record as read

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "key"], name="one_origin_per_record")
        ]

    def __str__(self) -> str:
        return self.key


class ImportRun(NetworkScoped):
    """One import, for the record: what was read, created, merged and skipped."""

    member = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=500)
    format = models.CharField(max_length=20)
    created = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    to_review = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.source} ({self.format})"
