"""No domain function lets one network read or change another's data.

The walk (``tests/domain_walk.py``) finds every public function of every domain module
whose first parameter is the acting member, so a function added tomorrow is walked
without anyone listing it. Alice fills her network with one of
everything; Bob then calls each function:

- once for every parameter that names a record (a person, an organisation, an event, a
  promise …), that one naming Alice's (by object, by id and by name) and every other one
  naming Bob's own: it must fail as "not found";
- and with only his own records and plain values: whatever it answers must hold none of
  Alice's words.

Either way nothing of Alice's changes, and no row of Bob's comes to point into her
network. Each call runs in a savepoint that is rolled back, so calls do not meet.

A parameter the walk cannot fill fails the test with its name (see
``tests/domain_walk.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from knoten.core.errors import KnotenError, NotFound
from knoten.core.models import Member
from knoten.people.models import Person
from tests.conftest import World
from tests.domain_walk import (
    LABELS,
    LISTS,
    PERSON,
    RECORDS,
    RESOLVERS,
    VALUES_OF,
    Kind,
    Unfilled,
    domain_functions,
    forms,
    own_arguments,
    parameters_of,
    record,
    text_of,
)
from tests.isolation_helpers import (
    ALICES_WORDS,
    Objects,
    alices_world,
    bobs_world,
    changed,
    cross_network_references,
    snapshot,
)


@dataclass(frozen=True)
class Call:
    """One call of the walk: ``function(bob, **arguments)``; ``alices`` says which
    argument names Alice's record and how, ``strict`` that it must fail as not found
    (else only nothing of hers may show or change)."""

    function: Callable[..., Any]
    arguments: dict[str, Any]
    alices: str | None = None
    strict: bool = False

    def __str__(self) -> str:
        where = f" with {self.alices}" if self.alices else ""
        return f"{self.function.__module__}.{self.function.__name__}{where}"


def _strict(kind: Kind, form: str, annotation: str) -> bool:
    """Whether Alice's record given so must be "not found": always when named by id or
    name (but a name that makes Bob's own); an object only where the function looks it
    up (it admits an id too), not where its caller already did."""
    if form == "name":
        return not kind.made_by_name
    if form == "object":
        return not annotation or "int" in annotation or "str" in annotation
    return True


def calls(function: Callable[..., Any], alices: Objects, bobs: Objects) -> Iterator[Call]:
    """Bob's calls of ``function``: one with his own records and plain values only, and
    one per way of naming Alice's record in each of its parameters that names one."""
    parameters = parameters_of(function)
    own = own_arguments(function, parameters, bobs, alices)
    yield Call(function, own)
    special = VALUES_OF.get(function.__name__, {})
    for parameter in parameters:
        name, annotation = parameter.name, parameter.annotation
        if function.__name__ in RESOLVERS and name == "text":
            kind = RESOLVERS[function.__name__]
            for shown, value in (("name", kind.alices_name), ("id", str(alices[kind.key]))):
                yield Call(function, {**own, name: value}, f"{name}=Alice's {shown}", True)
        elif name in special:
            continue
        elif name in RECORDS:
            kind = RECORDS[name]
            for form in forms(kind, annotation):
                value = record(kind, alices, form, annotation)
                strict = _strict(kind, form, annotation)
                yield Call(function, {**own, name: value}, f"{name}=Alice's by {form}", strict)
        elif name in LISTS:
            for form in forms(PERSON, annotation):
                listed = [record(PERSON, alices, form, annotation)]
                strict = _strict(PERSON, form, annotation)
                yield Call(function, {**own, name: listed}, f"{name}=[Alice's by {form}]", strict)
        elif name in LABELS:
            yield Call(function, {**own, name: LABELS[name]}, f"{name}=Alice's by name")


# --- the walk ---------------------------------------------------------------------------


class _Undo(Exception):
    pass


@dataclass
class Worlds:
    alice: Member
    bob: Member
    alices: Objects
    bobs: Objects


@pytest.fixture
def worlds(world: World) -> Worlds:
    alices, bobs = alices_world(world.alice), bobs_world(world.bob)
    return Worlds(world.alice, world.bob, alices, bobs)


def _try(call: Call, worlds: Worlds, before: dict[str, Any]) -> str | None:
    """Run ``call`` as Bob, rolled back after; what went wrong, or ``None``."""
    problem: str | None = None
    given = text_of(call.arguments)  # what the call was given it may show again
    with suppress(_Undo), transaction.atomic():
        try:
            answer = call.function(worlds.bob, **call.arguments)
            shown = text_of(answer)
        except NotFound:
            shown, answer = "", NotFound
        except KnotenError as error:
            shown, answer = str(error), error
        except Exception as error:  # a crash on some input is a bug of its own
            problem = f"{call}: raised {error!r}"
            raise _Undo from error
        if call.strict and answer is not NotFound and answer is not None:
            problem = f"{call}: answered {answer!r:.200} instead of 'not found'"
        elif words := [w for w in ALICES_WORDS if w in shown and w not in given]:
            problem = f"{call}: shows Alice's {words} in {shown[:200]!r}"
        elif difference := changed(before, snapshot(worlds.alice.network)):
            problem = f"{call}: changed Alice's network: {difference[:300]}"
        elif crossing := cross_network_references():
            problem = f"{call}: {crossing[:3]}"
        raise _Undo
    return problem


def test_the_walk_finds_the_domain_functions() -> None:
    names = {f"{f.__module__}.{f.__name__}" for f in domain_functions()}
    # A few that must be there, from different layers: the walk reads what exists.
    assert len(names) > 100
    assert {name.rsplit(".", 1)[1] for name in names} >= {
        "add_person",
        "relate",
        "log_interaction",
        "add_favour",
        "person_detail",
        "search",
        "merge_persons",
    }


def test_bob_cannot_reach_anything_of_alices(worlds: Worlds) -> None:
    before = snapshot(worlds.alice.network)
    problems, unfilled, count = [], [], 0
    for function in domain_functions():
        try:
            walk = list(calls(function, worlds.alices, worlds.bobs))
        except Unfilled as gap:
            unfilled.append(str(gap))
            continue
        for call in walk:
            count += 1
            if problem := _try(call, worlds, before):
                problems.append(problem)
    assert not problems, f"{len(problems)} of {count} calls:\n" + "\n".join(problems)
    assert not unfilled, "no value for these parameters (add to VALUES):\n" + "\n".join(unfilled)
    assert count > 300
    assert not changed(before, snapshot(worlds.alice.network))


def test_a_walked_call_that_leaks_is_caught(worlds: Worlds) -> None:
    """The walk's checks can fail: a function that hands Bob Alice's person, or changes
    it, is reported."""

    def leaky_detail(actor: Member, person: Person | str | int) -> Person:
        return Person.objects.get(pk=int(str(getattr(person, "pk", person))))

    def leaky_edit(actor: Member, person: Person | str | int) -> None:
        Person.objects.filter(pk=worlds.alices["person"]).update(notes="changed by Bob")
        raise NotFound("person", person)

    before = snapshot(worlds.alice.network)
    detail = list(calls(leaky_detail, worlds.alices, worlds.bobs))
    assert any("Zyxwend" in (_try(call, worlds, before) or "") for call in detail)
    edit = list(calls(leaky_edit, worlds.alices, worlds.bobs))
    found = [_try(call, worlds, before) or "" for call in edit]
    assert all("changed Alice's network" in line for line in found), found
    assert not changed(before, snapshot(worlds.alice.network))
