"""What the walks over every domain function share: which functions, what they are given.

:func:`domain_functions` finds every public function of every domain module
(``tests/test_layers.py`` says which modules those are) whose first parameter is the
acting member, so a function added tomorrow is walked without anyone listing it.
:func:`own_arguments` fills its parameters with a member's own records (from
``tests/isolation_helpers.py``) and plain values. A parameter it cannot fill raises
:class:`Unfilled` with its name: add a value to :data:`VALUES` (by parameter name) or,
where one function needs its own, to :data:`VALUES_OF`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

from knoten.jobs.models import Job
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
from tests.isolation_helpers import ALICES_WORDS, Objects
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
    "job": Kind("job", Job),
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
            "target",  # an introduction path's (a person, or an organisation)
            "first_hop",
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
    "job_id": KINDS["job"],
}
LISTS = ("participants", "attendees", "people", "path", "person_ids")

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
    "target": "second person",
}

# Parameters a function passes on through ``**options``, walked like its own.
PASSED_ON = {"log_with_favours": ("participants",)}

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Neutral Person\r\nN:Person;Neutral;;;\r\nEND:VCARD\r\n"


def _read_vcard() -> Any:
    from knoten.imports.files import read_file

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
    "every": "monthly",
    "key": "thanks:favour=1",
    "keys": ["thanks:favour=1"],
    "topic": ALICES_WORDS[2],
    "note": "Neutral note",
    "occasion": "thanks",
    "language": "en",
    "subject": "Neutral subject",
    "body": "{salutation} neutral",
    "gender": "female",
    "per_month": 3,
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
    "handle_occasion": {"kind": "thanks"},
    "occasions": {
        "start": dt.date.today() - dt.timedelta(days=30),
        "end": dt.date.today() + dt.timedelta(days=300),
    },
    # A quick note naming Alice's person and event: Bob's plan must find neither.
    "read_note": {"text": "Call with Anna Zyxwend at the Quorbel Messe, she'll send me it today"},
    "save_note": {"text": "Call with Anna Zyxwend at the Quorbel Messe, she'll send me it today"},
    # Every id there may be: Alice's persons among them, whom Bob must not see.
    "standing_facts": {"person_ids": list(range(1, 2000))},
    # The circles an import's records name (its records are walked through import_records).
    "find_circles": {"checked": [], "circle": "Neutral"},
    # A bulk action's label: Bob's own, made by its name.
    "add_to_circle": {"circle": "Neutral"},
    "tag_people": {"tag": "Neutral"},
    # A job of a kind a flow registered; the import runner given a file of its own.
    "start_job": {"kind": "import", "title": "Neutral", "params": {"source": "walk.vcf"}},
    "run_import": {"params": {"source": "walk.vcf"}, "progress": lambda done, total: None},
}

# Functions whose text is a record's name: Alice's must not be found.
RESOLVERS = {
    "resolve_person": PERSON,
    "resolve_organisation": KINDS["organisation"],
    "ensure_organisation": KINDS["organisation"],
    "resolve_event": KINDS["event"],
    "resolve_project": KINDS["project"],
}


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


def record(kind: Kind, objects: Objects, form: str, annotation: str, key: str = "") -> Any:
    pk = objects[key or kind.key]
    if form == "object":
        return kind.model._default_manager.get(pk=pk)
    if form == "name":
        return kind.alices_name
    return str(pk) if "str" in annotation else pk


def forms(kind: Kind, annotation: str) -> list[str]:
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


def own_arguments(
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
            own[name] = record(kind, bobs, forms(kind, annotation)[0], annotation, key)
        elif name in LISTS:
            own[name] = [record(PERSON, bobs, "id", annotation)]
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
