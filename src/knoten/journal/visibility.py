"""Who may see and change the journal's records: the one rule every query uses.

A conversation belongs to its network, and every member of the network sees it, except
one marked private: that one only its author sees, and only its author changes or
deletes. A row noted in a conversation (a promise, a favour, a recommendation) is as
visible as the conversation; a row noted in none is visible to the whole network.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.core.reading import lookup_id
from knoten.journal.models import Interaction, Promise


def sees(actor: Member | int, prefix: str = "") -> Q:
    """The condition for conversations ``actor`` may see; ``prefix`` names the way from
    another model to them ("interaction" for a promise: rows noted in no conversation
    are seen too)."""
    member_id = actor if isinstance(actor, int) else actor.pk
    if not prefix:
        return Q(private=False) | Q(author_id=member_id)
    return (
        Q(**{f"{prefix}__isnull": True})
        | Q(**{f"{prefix}__private": False})
        | Q(**{f"{prefix}__author_id": member_id})
    )


def visible_interactions(actor: Member) -> QuerySet[Interaction]:
    """The interactions ``actor`` may see: their network's, less others' private ones."""
    return Interaction.objects.filter(sees(actor), network_id=actor.network_id)


def visible_interaction(
    actor: Member, interaction: int | str | Interaction, field: str = "interaction"
) -> Interaction:
    """One conversation ``actor`` may see, by id; another's private one is not found."""
    pk = interaction.pk if isinstance(interaction, Interaction) else lookup_id(interaction, field)
    found = visible_interactions(actor).filter(pk=pk).first()
    if found is None:
        raise NotFound(field, pk)
    return found


def visible_promises(actor: Member) -> QuerySet[Promise]:
    """The promises of ``actor``'s network, less those made in others' private minutes."""
    return Promise.objects.filter(sees(actor, "interaction"), network_id=actor.network_id)


def may_change(actor: Member, interaction: Interaction) -> bool:
    """Whether ``actor`` may change or delete the conversation: only its author may."""
    return interaction.author_id == actor.pk


def check_may_change(actor: Member, interaction: Interaction) -> None:
    """Refuse a change of someone else's conversation, naming it."""
    if not may_change(actor, interaction):
        raise InvalidInput(
            "interaction",
            interaction.pk,
            "was written by another member; only its author may change or delete it",
        )
