"""No domain function lets one network read or change another's data.

The walk finds every public function of every domain module (``tests/test_layers.py``
says which modules those are) whose first parameter is the acting member, so a function
added tomorrow is walked without anyone listing it. Alice fills her network with one of
everything; Bob then calls each function:

- once for every parameter that names a record (a person, an organisation, an event, a
  promise …), that one naming Alice's (by object, by id and by name) and every other one
  naming Bob's own: it must fail as "not found";
- and with only his own records and plain values: whatever it answers must hold none of
  Alice's words.

Either way nothing of Alice's changes, and no row of Bob's comes to point into her
network. Each call runs in a savepoint that is rolled back, so calls do not meet.

A parameter the walk cannot fill fails the test with its name: add a value to
:data:`VALUES` (by parameter name) or, where one function needs its own, to
:data:`VALUES_OF`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models, transaction

from knoten.core.errors import KnotenError, NotFound
from knoten.core.models import Member
from knoten.journal.models import Event, Interaction, Project, Promise
from knoten.people.models import (
    Affiliation,
    ContactPoint,
    ImportantDate,
    Organisation,
    Person,
    Relationship,
    Tag,
)
from knoten.people.persons import PersonFields
from knoten.reciprocity.models import ChannelCost, Favour, Recommendation
from tests.conftest import World
from tests.isolation_helpers import (
    ALICES_WORDS,
    Objects,
    alices_world,
    bobs_world,
    changed,
    cross_network_references,
    snapshot,
)
from tests.test_layers import APPS, is_face, modules

# --- which functions --------------------------------------------------------------------


def domain_functions() -> list[Callable[..., Any]]:
    """Every public function of a domain module whose first parameter is a member."""
    found: list[Callable[..., Any]] = []
    for name in sorted(modules()):
        parts = name.split(".")
        if len(parts) < 3 or parts[1] not in dict(APPS) or is_face(name):
            continue
        if {"migrations", "management"} & set(parts):
            continue
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ == name and _takes_member(value):
                found.append(value)
    return found


def _takes_member(function: Callable[..., Any]) -> bool:
    parameters = list(inspect.signature(function).parameters.values())
    if not parameters:
        return False
    first = parameters[0]
    return first.name in ("actor", "member", "viewer") or "Member" in str(first.annotation)


# --- what a parameter is given ----------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of record a parameter can name: its key in :class:`Objects`, its model, and
    the name Alice's goes by (``None``: it has none a user would type)."""

    key: str
    model: type[models.Model]
    alices_name: str | None = None
    # Named by a name Bob does not have, some functions make Bob's own (an organisation
    # given by name): then "not found" is not asked, only that nothing of Alice's shows.
    made_by_name: bool = False


PERSON = Kind("person", Person, "Anna Zyxwend")
KINDS = {
    "person": PERSON,
    "organisation": Kind("organisation", Organisation, "Quorbel GmbH", made_by_name=True),
    "event": Kind("event", Event, "Quorbel Messe"),
    "project": Kind("project", Project, "Quorbel Umbau"),
    "interaction": Kind("interaction", Interaction),
    "promise": Kind("promise", Promise),
    "favour": Kind("favour", Favour),
    "recommendation": Kind("recommendation", Recommendation),
    "channel cost": Kind("channel cost", ChannelCost),
    "affiliation": Kind("affiliation", Affiliation),
    "relationship": Kind("relationship", Relationship),
    "date": Kind("date", ImportantDate),
    "contact point": Kind("contact point", ContactPoint),
}

# Parameters that name a record, by name. A list of them (participants …) names persons.
RECORDS: dict[str, Kind] = {
    **{
        name: PERSON
        for name in (
            "person",
            "person_id",
            "a",
            "b",
            "giver",
            "receiver",
            "recommender",
            "recipient",
            "beneficiary",
            "keep",
            "other",
            "person_a_id",
            "person_b_id",
            "object_id",  # in_network's: its model is Person (VALUES_OF)
        )
    },
    "organisation": KINDS["organisation"],
    "org": KINDS["organisation"],
    "event": KINDS["event"],
    "project": KINDS["project"],
    "interaction": KINDS["interaction"],
    "interaction_id": KINDS["interaction"],
    "promise_id": KINDS["promise"],
    "favour_id": KINDS["favour"],
    "recommendation_id": KINDS["recommendation"],
    "cost_id": KINDS["channel cost"],
    "affiliation_id": KINDS["affiliation"],
    "relationship_id": KINDS["relationship"],
    "date_id": KINDS["date"],
    "point_id": KINDS["contact point"],
}
LISTS = ("participants", "attendees", "people")

# Labels name Alice's by their name alone (a filter must not find it; an import into a
# circle of that name makes Bob's own).
LABELS = {"circle": "Quorbel-Kreis", "tag": "Quorbel-VIP"}

# The second party of a call, where Bob's own is given: his second person, or *me*.
SECOND = {
    "b": "second person",
    "receiver": "second person",
    "recipient": "second person",
    "other": "second person",
    "person_b_id": "second person",
    "beneficiary": "me",
}

# Parameters a function passes on through ``**options``, walked like its own.
PASSED_ON = {"log_with_favours": ("participants",)}

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Neutral Person\r\nN:Person;Neutral;;;\r\nEND:VCARD\r\n"


def _read_vcard() -> Any:
    from knoten.imports.service import read_file

    return read_file(VCARD, "walk.vcf")[1]


@dataclass(frozen=True)
class Made:
    """A value made afresh for each call."""

    make: Callable[[], Any]


def _raise_os_error(*_: Any, **__: Any) -> Any:
    raise OSError("no mail server in this test")


# Plain values for required parameters, by name.
VALUES: dict[str, Any] = {
    "summary": "Neutral talk",
    "text": "Neutral text",
    "name": "Neutral Name",
    "names": ["Neutral"],
    "query": ALICES_WORDS[0],
    "role": "Lead",
    "status": "active",
    "fields": PersonFields(note="mine"),
    "outcome": "won",
    "since": dt.date(2000, 1, 1),
    "until": dt.date(2040, 1, 1),
    "size": 3,
    "seed": 1,
    "data": VCARD,
    "source": "walk.vcf",
    "chunks": [b""],
    "addresses": ["anna@quorbel.de"],
    "host": "mail.invalid",
    "user": "nobody",
    "password": "nothing",
    "connect": _raise_os_error,
    "fmt": "json",
    "score": 0.9,
    "reasons": ["same name"],
    "model": Tag,
    "result": Made(_read_vcard),
    "format": "vcard",
}

# Where one function wants its own value for a parameter.
VALUES_OF: dict[str, dict[str, Any]] = {
    "add_affiliation": {"kind": "job"},
    "add_contact_point": {"kind": "email", "text": "neutral@example.org"},
    "add_contact": {"kind": "email", "value": "neutral@example.org"},
    "add_important_date": {"kind": "birthday", "date": "--03-14"},
    "relate": {"kind": "friend"},
    "add_favour": {"kind": "tip"},
    "set_favour_outcome": {"outcome": "won"},
    "set_recommendation_outcome": {"outcome": "won"},
    "set_attendance": {"status": "attended"},
    "in_network": {"model": Person, "what": "person"},
    "thank_recommendation": {"by": "beneficiary"},
    "roi": {"by": "circle"},
    "add_channel_cost": {"hours": "1"},
    "import_records": {"format": "vcard"},
    # A label named by its name: Alice's, which Bob does not have.
    "find_circle": {"text": LABELS["circle"]},
    "rename_circle": {"old": LABELS["circle"], "new": "Neutral"},
    "delete_circle": {"name": LABELS["circle"]},
    "rename_tag": {"old": LABELS["tag"], "new": "Neutral"},
    "delete_tag": {"name": LABELS["tag"]},
    "rename_skill": {"old": ALICES_WORDS[2], "new": "Neutral"},
    "delete_skill": {"name": ALICES_WORDS[2]},
}

# Functions whose text is a record's name: Alice's must not be found.
RESOLVERS = {
    "resolve_person": PERSON,
    "resolve_organisation": KINDS["organisation"],
    "ensure_organisation": KINDS["organisation"],
    "resolve_event": KINDS["event"],
    "resolve_project": KINDS["project"],
}


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


class Unfilled(Exception):
    """A required parameter the walk has no value for."""


@dataclass(frozen=True)
class Parameter:
    name: str
    annotation: str
    required: bool


def parameters_of(function: Callable[..., Any]) -> list[Parameter]:
    """The parameters after the member, and those passed on through ``**options``."""
    found = [
        Parameter(
            p.name,
            "" if p.annotation is inspect.Parameter.empty else str(p.annotation),
            p.default is inspect.Parameter.empty,
        )
        for p in list(inspect.signature(function).parameters.values())[1:]
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    return found + [Parameter(name, "", True) for name in PASSED_ON.get(function.__name__, ())]


def _record(kind: Kind, objects: Objects, form: str, annotation: str, key: str = "") -> Any:
    pk = objects[key or kind.key]
    if form == "object":
        return kind.model._default_manager.get(pk=pk)
    if form == "name":
        return kind.alices_name
    return str(pk) if "str" in annotation else pk


def _forms(kind: Kind, annotation: str) -> list[str]:
    """How a parameter can name a record, as its annotation admits."""
    if not annotation:
        return ["id", "object", "name"] if kind.alices_name else ["id", "object"]
    forms = []
    if "int" in annotation or "str" in annotation:
        forms.append("id")
    if kind.model.__name__ in annotation or "Model" in annotation:
        forms.append("object")
    if kind.alices_name and "str" in annotation:
        forms.append("name")
    return forms or ["id"]


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
    own = _arguments(function, parameters, bobs, alices)
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
            for form in _forms(kind, annotation):
                value = _record(kind, alices, form, annotation)
                strict = _strict(kind, form, annotation)
                yield Call(function, {**own, name: value}, f"{name}=Alice's by {form}", strict)
        elif name in LISTS:
            for form in _forms(PERSON, annotation):
                listed = [_record(PERSON, alices, form, annotation)]
                strict = _strict(PERSON, form, annotation)
                yield Call(function, {**own, name: listed}, f"{name}=[Alice's by {form}]", strict)
        elif name in LABELS:
            yield Call(function, {**own, name: LABELS[name]}, f"{name}=Alice's by name")


def _arguments(
    function: Callable[..., Any], parameters: list[Parameter], bobs: Objects, alices: Objects
) -> dict[str, Any]:
    """Bob's own records and plain values for every required parameter."""
    own: dict[str, Any] = {}
    special = VALUES_OF.get(function.__name__, {})
    for parameter in parameters:
        name, annotation = parameter.name, parameter.annotation
        if name in special:
            own[name] = special[name]
        elif not parameter.required:
            continue
        elif function.__name__ in RESOLVERS and name == "text":
            own[name] = "Neutral"
        elif name in RECORDS:
            kind, key = RECORDS[name], SECOND.get(name, "")
            own[name] = _record(kind, bobs, _forms(kind, annotation)[0], annotation, key)
        elif name in LISTS:
            own[name] = [_record(PERSON, bobs, "id", annotation)]
        elif name == "network_id":
            own[name] = alices.network_id
        elif name in VALUES:
            own[name] = VALUES[name]
        else:
            raise Unfilled(f"{function.__module__}.{function.__name__}: {name}")
    return {name: value.make() if isinstance(value, Made) else value for name, value in own.items()}


# --- what an answer holds ---------------------------------------------------------------


def text_of(value: Any, depth: int = 0) -> str:
    """Everything ``value`` shows, as text: records with all their columns, collections
    and dataclasses through their parts (a generator is run)."""
    if depth > 8:
        return ""
    if isinstance(value, str | int | float | bool | dt.date | type(None)):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, models.Model):
        columns = [str(getattr(value, f.attname)) for f in value._meta.concrete_fields]
        return " ".join([str(value), *columns])
    if isinstance(value, type) or callable(value):
        return ""
    parts: Iterable[Any]
    if isinstance(value, models.QuerySet):
        parts = list(value[:500])
    elif dataclasses.is_dataclass(value):
        parts = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, Mapping):
        parts = [*value.keys(), *value.values()]
    elif isinstance(value, Iterable):
        parts = list(itertools.islice(value, 2000))
    else:
        return str(value)
    return " ".join(text_of(part, depth + 1) for part in parts)


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
