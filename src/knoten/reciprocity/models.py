"""Give and take: favours, recommendations (the triangle) and what a channel costs.

A favour runs from a giver to a receiver, either of them *me* or anyone else of the
network. A recommendation is a triangle: the recommender recommends the beneficiary to
the recipient. What a channel (an event, an organisation, a circle) costs in time and
money beyond what its events already record (a membership fee, committee work) is a
:class:`ChannelCost`.
"""

from __future__ import annotations

from django.db import models

from knoten.core.models import Member, NetworkScoped
from knoten.core.words import choices
from knoten.journal.models import Event, Interaction
from knoten.people.models import Circle, Organisation, Person
from knoten.reciprocity import vocabulary as v


class Favour(NetworkScoped):
    giver = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="favours_given")
    receiver = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="favours_received")
    kind = models.CharField(max_length=20, choices=choices(v.FAVOUR_KINDS))
    given_on = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    effort_minutes = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=choices(v.OUTCOMES), default="open")
    # The value of the order won, when the outcome is "won".
    won_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    won_currency = models.CharField(max_length=3, blank=True)
    thanked_on = models.DateField(null=True, blank=True)
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="favours"
    )
    author = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["network", "giver", "receiver", "given_on"]),
            models.Index(fields=["network", "receiver", "giver", "given_on"]),
            models.Index(fields=["network", "given_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(giver=models.F("receiver")), name="favour_between_two"
            )
        ]

    def __str__(self) -> str:
        return f"{self.given_on}: {self.kind} {self.giver_id} → {self.receiver_id}"


class Recommendation(NetworkScoped):
    """The triangle: ``recommender`` recommends ``beneficiary`` to ``recipient``."""

    recommender = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="recommendations_made"
    )
    recipient = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="recommendations_received"
    )
    beneficiary = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="recommendations_benefited"
    )
    made_on = models.DateField()
    context = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=choices(v.OUTCOMES), default="open")
    won_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    won_currency = models.CharField(max_length=3, blank=True)
    # When the beneficiary and the recipient thanked the recommender (None: not yet).
    beneficiary_thanked_on = models.DateField(null=True, blank=True)
    recipient_thanked_on = models.DateField(null=True, blank=True)
    interaction = models.ForeignKey(
        Interaction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    author = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["network", "recommender", "made_on"]),
            models.Index(fields=["network", "recipient", "made_on"]),
            models.Index(fields=["network", "beneficiary", "made_on"]),
            models.Index(fields=["network", "made_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(recommender=models.F("recipient"))
                & ~models.Q(recommender=models.F("beneficiary"))
                & ~models.Q(recipient=models.F("beneficiary")),
                name="recommendation_three_people",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.made_on}: {self.recommender_id} recommends "
            f"{self.beneficiary_id} to {self.recipient_id}"
        )


class ChannelCost(NetworkScoped):
    """Time or money put into one channel on one day: a membership fee, committee
    hours, a ticket. Exactly one of ``event``, ``organisation`` and ``circle`` is set."""

    spent_on = models.DateField()
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="channel_costs"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="channel_costs",
    )
    circle = models.ForeignKey(
        Circle, null=True, blank=True, on_delete=models.CASCADE, related_name="channel_costs"
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    hours = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["network", "spent_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(event__isnull=False, organisation__isnull=True, circle__isnull=True)
                    | models.Q(event__isnull=True, organisation__isnull=False, circle__isnull=True)
                    | models.Q(event__isnull=True, organisation__isnull=True, circle__isnull=False)
                ),
                name="channel_cost_one_channel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.spent_on}: {self.amount} {self.currency} {self.hours} h"
