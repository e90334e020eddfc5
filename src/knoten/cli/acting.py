"""Who a command acts for: the member of this installation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from knoten.cli.output import domain_errors

if TYPE_CHECKING:
    from knoten.core.models import Member


def acting_member() -> Member:
    """The local member every command acts for; a missing member is one clear error."""
    from knoten.people.networks import local_member

    with domain_errors():
        return local_member()
