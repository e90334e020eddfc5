"""The review queue of likely duplicates, and the record of every merge."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from knoten.core.models import Member, NetworkScoped
from knoten.people.models import Person


class Merge(NetworkScoped):
    """One merge: ``merged_id`` (called ``merged_name``) was merged into ``kept``.

    ``moved`` counts what went over, by what it is ("contact points": 2 …); ``dropped``
    counts what ``kept`` already had (the same e-mail address twice, the same circle).
    """

    kept = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="merges")
    merged_id = models.PositiveBigIntegerField()
    merged_name = models.CharField(max_length=400)
    moved = models.JSONField(default=dict, blank=True)
    dropped = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["network", "at"])]

    def __str__(self) -> str:
        return f"{self.merged_name} into {self.kept_id}"


class DuplicatePair(NetworkScoped):
    """Two persons that may be one: ``person_a`` has the lower id.

    An import queues the matches it is not sure of; the user merges them or says they
    are not the same (dismissed, and never proposed again). A merged pair keeps the
    kept person and its merge; the other side is gone (null).
    """

    class Status(models.TextChoices):
        OPEN = "open", "open"
        MERGED = "merged", "merged"
        DISMISSED = "dismissed", "dismissed"

    person_a = models.ForeignKey(
        Person, null=True, on_delete=models.SET_NULL, related_name="duplicate_pairs_a"
    )
    person_b = models.ForeignKey(
        Person, null=True, on_delete=models.SET_NULL, related_name="duplicate_pairs_b"
    )
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    merge = models.ForeignKey(Merge, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person_a", "person_b"], name="duplicate_pair_once"
            ),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="duplicate_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["network", "status", "score"])]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.score:.2f}, {self.status})"
