"""A new network with its owner and the owner's *me*; the member the command line acts as."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model

from knoten.core import changes
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.folding import fold
from knoten.core.models import Member, Network
from knoten.core.names import parse_name
from knoten.people.models import Circle, Person
from knoten.people.vocabulary import SEEDED_CIRCLES

LOCAL_USERNAME = "owner"
DEFAULT_NAME = "My network"


@changes.atomic
def create_network(name: str, *, username: str, me_name: str | None = None) -> Member:
    """A new network with its first member (the owner), the owner's *me* person and the
    circles the article names."""
    if not name.strip():
        raise InvalidInput("name", name, "is empty; a network needs a name")
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username)
    network = Network.objects.create(name=name.strip())
    parts = parse_name(me_name or username)
    me = Person.objects.create(
        network=network,
        given_name=parts.given_name,
        family_name=parts.family_name,
        name_particle=parts.name_particle,
        academic_title=parts.academic_title,
        nickname=parts.nickname,
        importance=Person.Tier.INNER,
    )
    Circle.objects.bulk_create(
        [
            Circle(network=network, code=word.code, name=word.en, folded_name=fold(word.en))
            for word in SEEDED_CIRCLES
        ]
    )
    return Member.objects.create(network=network, user=user, person=me, role=Member.Role.OWNER)


@changes.atomic
def start_network(
    name: str | None, *, username: str, me_name: str | None = None
) -> tuple[Member, str]:
    """``knoten init``: the user's network, and what this call did: "created", "named"
    (the network was empty and took the names asked for) or "unchanged".

    A network that exists but holds nobody except *me* (made by the first ``knoten serve``
    or command, say) takes the name and the *me* asked for, so the README's first session
    works in whatever order a new user starts; a network with people in it is left as it
    is. ``None`` is what the user did not ask for.
    """
    member = (
        Member.objects.select_related("network", "person", "user")
        .filter(user__username=username)
        .order_by("pk")
        .first()
    )
    if member is None:
        member = create_network(
            name or DEFAULT_NAME, username=username, me_name=me_name or default_me_name()
        )
        return member, "created"
    wanted_name = None if name is None else name.strip()
    same = (wanted_name is None or wanted_name == member.network.name) and (
        me_name is None or parse_name(me_name) == parse_name(member.me.full_name)
    )
    if same or Person.objects.filter(network=member.network).exclude(pk=member.me.pk).exists():
        return member, "unchanged"
    if name is not None:
        if not name.strip():
            raise InvalidInput("name", name, "is empty; a network needs a name")
        member.network.name = name.strip()
        member.network.save(update_fields=["name"])
    if me_name is not None:
        parts = parse_name(me_name)
        me = member.me
        me.given_name, me.family_name = parts.given_name, parts.family_name
        me.name_particle, me.academic_title = parts.name_particle, parts.academic_title
        me.nickname = parts.nickname
        me.save()
    return member, "named"


def local_member(*, create: bool = True, username: str | None = None) -> Member:
    """The member the command line acts as: ``KNOTEN_USER`` or the local owner.

    Every command creates the network on first use, as ``knoten init`` would.
    """
    wanted = username or os.environ.get("KNOTEN_USER") or LOCAL_USERNAME
    member = (
        Member.objects.select_related("network", "person", "user")
        .filter(user__username=wanted)
        .order_by("pk")
        .first()
    )
    if member is not None:
        return member
    if not create:
        raise NotFound("member", wanted)
    return create_network(DEFAULT_NAME, username=wanted, me_name=default_me_name())


def default_me_name() -> str:
    """The name of *me* in a new network: the login name of whoever runs Knoten."""
    import getpass

    try:
        return getpass.getuser().capitalize() or "Me"
    except Exception:  # no login name (a container, say) is not an error here
        return "Me"
