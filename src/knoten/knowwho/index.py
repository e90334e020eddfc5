"""Keeping the search index current. (Filled in by the search work.)"""

from __future__ import annotations

from collections.abc import Iterable


def reindex_people(network_id: int, person_ids: Iterable[int]) -> None:
    """Rewrite the search entries of these persons (removing those that no longer exist)."""


def reindex_organisations(network_id: int, organisation_ids: Iterable[int]) -> None:
    """Rewrite the search entries of these organisations, and of the persons affiliated."""


def reindex_interactions(network_id: int, interaction_ids: Iterable[int]) -> None:
    """Rewrite the search entries of these interactions' minutes."""


def rebuild_network(network_id: int) -> None:
    """Rebuild the whole index of one network (after a bulk load such as the demo)."""
