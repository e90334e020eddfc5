"""Networks and their members: the unit of ownership.

Every other row in Knoten belongs to exactly one network, and every domain function
takes the acting :class:`Member`, from whom it takes the network. Nothing reads across
networks.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Network(models.Model):
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A user's seat in a network, with the person node that is them (*me*)."""

    class Role(models.TextChoices):
        OWNER = "owner", "owner"
        EDITOR = "editor", "editor"

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="member", null=True
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.OWNER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="member_once_per_network")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.network}"

    @property
    def me(self):  # the people.Person that is them (core may not import people to say so)
        assert self.person is not None, "every member has a person of their own"
        return self.person


class NetworkScoped(models.Model):
    """Base of every model whose rows belong to one network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class SignInFailure(models.Model):
    """A failed password sign-in, kept for a while to slow down guessing.

    Stored in the database rather than in a process's memory, so every server worker
    counts the same failures.
    """

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.at:%Y-%m-%d %H:%M}"
