"""Every write path keeps the search index current, without calling it.

The walk of ``tests/domain_walk.py`` calls every public domain function that takes a
member, in Alice's own network with her own records: once with what it needs, once
with a new word in every text it takes. After each call the index must be exactly what
a rebuild from scratch makes of the network, and a new word that reached the index must
be found by search. Each call is rolled back, so calls do not meet; a write path added
later is walked without anyone listing it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

import pytest
from django.db import transaction

from knoten.core.errors import KnotenError
from knoten.core.models import Member
from knoten.people.persons import PersonFields
from knoten.search.index import rebuild_network
from knoten.search.query import search
from tests.conftest import World
from tests.domain_walk import Unfilled, domain_functions, own_arguments, parameters_of
from tests.isolation_helpers import Objects, alices_world
from tests.search.test_index import check_fts, entries

NEW_WORD = "Quappenwort"

# Texts a function may take, given a new word in the second call.
TEXTS = frozenset(
    {
        "summary",
        "text",
        "name",
        "note",
        "notes",
        "description",
        "title",
        "place",
        "label",
        "context",
        "industry",
        "nickname",
        "role",
        "new",
    }
)
RICH_FIELDS = PersonFields(
    note=f"{NEW_WORD} notiz", skills=[f"{NEW_WORD}kunde"], org=f"{NEW_WORD} AG", title="Leiterin"
)


class _Undo(Exception):
    pass


def _with_new_words(function: Callable[..., Any], own: dict[str, Any]) -> dict[str, Any]:
    rich = dict(own)
    for parameter in parameters_of(function):
        name = parameter.name
        if name == "fields":
            rich[name] = RICH_FIELDS
        elif (
            name in TEXTS - {"text"}  # a text is often an address or a date
            and "str" in (parameter.annotation or "str")
            and isinstance(own.get(name), str | type(None))
        ):
            rich[name] = f"{NEW_WORD} {own.get(name) or name}"
    return rich


def _check(member: Member, function: Callable[..., Any], arguments: dict[str, Any]) -> str | None:
    """Call, then compare the index with a rebuild; what went wrong, or ``None``."""
    network = member.network_id
    problem: str | None = None
    where = f"{function.__module__}.{function.__name__}({', '.join(arguments)})"
    with suppress(_Undo), transaction.atomic():
        try:
            function(member, **arguments)
        except KnotenError:
            pass
        except Exception as error:  # a crash is a bug of its own
            problem = f"{where}: raised {error!r}"
            raise _Undo from error
        kept = entries(network)
        check_fts(network)
        found = {hit.kind for hit in search(member, NEW_WORD)}
        rebuild_network(network)
        rebuilt = entries(network)
        if kept != rebuilt:
            stale = [row for row in kept if row not in rebuilt]
            missing = [row for row in rebuilt if row not in kept]
            problem = f"{where}: the index is stale: {stale!r:.300} instead of {missing!r:.300}"
        elif any(NEW_WORD.casefold() in repr(row).casefold() for row in rebuilt) and not found:
            problem = f"{where}: {NEW_WORD!r} is in the index but search does not find it"
        raise _Undo
    return problem


@pytest.fixture
def alices(world: World) -> Objects:
    return alices_world(world.alice)


def test_every_write_path_keeps_the_index_current(world: World, alices: Objects) -> None:
    problems, unfilled, count, new_words = [], [], 0, 0
    for function in domain_functions():
        try:
            own = own_arguments(function, parameters_of(function), alices, alices)
        except Unfilled as gap:
            unfilled.append(str(gap))
            continue
        rich = _with_new_words(function, own)
        for arguments in (own, rich) if rich != own else (own,):
            count += 1
            new_words += arguments is rich
            if problem := _check(world.alice, function, arguments):
                problems.append(problem)
    assert not problems, f"{len(problems)} of {count} calls:\n" + "\n".join(problems)
    assert not unfilled, "no value for these parameters:\n" + "\n".join(unfilled)
    assert count > 150 and new_words > 30


def test_a_write_that_skips_the_notices_is_caught(world: World, alices: Objects) -> None:
    """The check can fail: a write behind the ORM's back leaves the index stale."""
    from knoten.people.models import Person

    def silent_rename(actor: Member, person: int) -> None:
        Person.objects.filter(pk=person).update(family_name=NEW_WORD)

    problem = _check(world.alice, silent_rename, {"person": alices["person"]})
    assert problem is not None and "the index is stale" in problem
