"""Forgetting a person also forgets what a mailbox import counted about their address."""

from __future__ import annotations

import datetime as dt

from knoten.core.models import Member
from knoten.exports.erasure import forget_person
from knoten.mailbox.models import SeenAddress
from knoten.people.persons import PersonFields, add_person
from tests.conftest import World


def seen(member: Member, address: str, name: str) -> None:
    SeenAddress.objects.create(
        network_id=member.network_id,
        address=address,
        names=[name],
        messages=4,
        first_on=dt.date(2026, 1, 5),
        last_on=dt.date(2026, 3, 1),
    )


def test_forget_drops_the_addresses_seen_in_mail(world: World) -> None:
    alice, bob = world.alice, world.bob
    quinn = add_person(alice, "Quinn Quast", PersonFields(emails=["quinn@quast.example"]))
    seen(alice, "quinn@quast.example", "Quinn Quast")
    seen(alice, "other@quast.example", "Olga Other")
    seen(bob, "quinn@quast.example", "Quinn Quast")  # Bob's own mailbox is his business
    forget_person(alice, quinn)
    assert list(
        SeenAddress.objects.filter(network_id=alice.network_id).values_list("address", flat=True)
    ) == ["other@quast.example"]
    assert SeenAddress.objects.filter(network_id=bob.network_id).count() == 1
