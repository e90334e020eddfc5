"""Read-side helpers of the journal that other apps use."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from knoten.core.models import Member
from knoten.journal.models import Interaction


def visible_interactions(actor: Member) -> QuerySet[Interaction]:
    """The interactions ``actor`` may see: their network's, less others' private ones."""
    return Interaction.objects.filter(network_id=actor.network_id).filter(
        Q(private=False) | Q(author_id=actor.pk)
    )
