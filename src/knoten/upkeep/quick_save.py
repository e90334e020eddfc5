"""Saving a quick note: the plan :func:`knoten.upkeep.quick.read_note` makes, written.

The line is read again (so what is saved is what it says now), the user's choices
answer its questions, and the conversation with its promises is logged in one
transaction through the journal's own :func:`log_interaction`. A person question answered
``"new"`` adds the person as named (without the salutation, whose gender it keeps) through
the people app's :func:`add_person`, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.limits import is_id, storable
from knoten.core.models import Member
from knoten.journal.conversations import interaction_as_dict, log_interaction, with_related
from knoten.journal.events import resolve_event
from knoten.journal.models import Event, Interaction
from knoten.journal.promises import add_promise, parse_promise
from knoten.people.lookup import resolve_person
from knoten.people.models import Person
from knoten.people.persons import PersonFields, add_person
from knoten.upkeep.quick import Plan, PlannedPromise, Question, bare_name, read_note

# The answer that adds the name asked about as a new person.
NEW = "new"
_NEW_WORDS = {"new", "neu"}


@dataclass(frozen=True)
class NewPerson:
    """A person to add, for the question of the name said."""

    said: str
    name: str
    gender: str


@dataclass(frozen=True)
class Saved:
    """What a quick note wrote: one conversation, with its promises."""

    interaction: Interaction
    plan: Plan

    def as_dict(self) -> dict[str, Any]:
        return {"conversation": interaction_as_dict(self.interaction), "plan": self.plan.as_dict()}


def _chosen(actor: Member, question: Question, value: object) -> Person | Event | NewPerson:
    """The record the user chose for ``question``: one of its candidates when it has
    them, else (an unknown or missing person) any person of the network; or, answered
    "new", the person to add under the name said."""
    field = f"choices[{question.key}]"
    if isinstance(value, str) and value.strip().casefold() in _NEW_WORDS:
        if not question.new_person:
            raise InvalidInput(field, value, f"cannot be new: choose a {question.what} id")
        name, gender = bare_name(question.key)
        return NewPerson(said=question.key, name=name, gender=gender)
    if isinstance(value, bool) or not is_id(value):
        raise InvalidInput(field, value, f"is not a {question.what} id (a number)")
    chosen = int(str(value))
    if question.candidates and chosen not in {pk for pk, _ in question.candidates}:
        listed = ", ".join(str(pk) for pk, _ in question.candidates)
        raise InvalidInput(field, value, f"is not one of the candidates ({listed})")
    if question.what == "event":
        return resolve_event(actor, chosen, field)
    return resolve_person(actor, chosen, field)


def _answer(
    actor: Member, plan: Plan, choices: Mapping[str, int | str]
) -> tuple[Plan, list[NewPerson]]:
    asked = {question.key: question for question in plan.questions}
    for key in choices:
        if key not in asked:
            shown = ", ".join(repr(k) for k in asked) or "none"
            raise InvalidInput("choices", key, f"answers nothing asked; the questions are: {shown}")
    persons = list(plan.persons)
    said = list(plan.said_persons)
    event = plan.event
    still: list[Question] = []
    new: list[NewPerson] = []
    for question in plan.questions:
        if question.key not in choices:
            still.append(question)
            continue
        chosen = _chosen(actor, question, choices[question.key])
        if isinstance(chosen, NewPerson):
            new.append(chosen)
        elif isinstance(chosen, Event):
            event = chosen
        elif question.reason == "missing":
            said.append(question.key)
            persons.append(chosen)
        else:
            persons = [
                chosen if name == question.key and person is None else person
                for name, person in zip(said, persons, strict=True)
            ]
    plan.persons, plan.said_persons, plan.event, plan.questions = persons, said, event, still
    return plan, new


def save_note(actor: Member, text: str, *, choices: Mapping[str, int | str] | None = None) -> Saved:
    """Write what ``text`` means (see :func:`read_note`), its questions answered by
    ``choices`` (the question's key → the chosen id, or ``"new"`` to add the person
    named); refused while any is open."""
    if choices is not None and not isinstance(choices, Mapping):
        raise InvalidInput("choices", choices, "is not a mapping of question to id")
    storable("choices", list((choices or {}).keys()))
    storable("choices", [value for value in (choices or {}).values() if isinstance(value, str)])
    plan, new = _answer(actor, read_note(actor, text), choices or {})
    if plan.questions:
        open_ = "; ".join(question.message for question in plan.questions)
        first = plan.questions[0]
        raise InvalidInput(
            f"choices[{first.key}]",
            "",
            f"is still open: {open_} Nothing was saved",
        )
    written = [p for p in plan.promises if _as_written(p)]
    later = [p for p in plan.promises if not _as_written(p)]
    with changes.atomic():
        for person in new:
            added = add_person(actor, person.name, PersonFields(gender=person.gender or None))
            plan.persons = [
                added if said == person.said and found is None else found
                for said, found in zip(plan.said_persons, plan.persons, strict=True)
            ]
        people = [person for person in plan.persons if person is not None]
        unique = list(dict.fromkeys(people))
        interaction = log_interaction(
            actor,
            plan.text,
            participants=unique,
            kind=plan.kind,
            on=plan.on,
            event=plan.event,
            place=plan.place[:300],
            promises=[_written(p.text, p.due) for p in written if p.mine],
            expectations=[_written(p.text, p.due) for p in written if not p.mine],
        )
        for promise in later:
            # "send it by post": taken as written, not due on a day called "post".
            add_promise(
                actor,
                unique[0],
                promise.text,
                owed_by_me=promise.mine,
                interaction=interaction,
                read_due=False,
            )
    if later:  # read again with the promises added after it
        interaction = with_related(Interaction.objects.filter(pk=interaction.pk)).get()
    return Saved(interaction=interaction, plan=plan)


def _as_written(promise: PlannedPromise) -> bool:
    """Whether the journal reads ``promise`` written as "TEXT by DAY" as it is meant."""
    if promise.due is not None:
        return True
    try:
        return parse_promise(promise.text) == (promise.text, None)
    except InvalidInput:
        return False


def _written(text: str, due: Any) -> str:
    """A promise as the journal reads it: "TEXT by YYYY-MM-DD" (the last "by" is the due)."""
    return text if due is None else f"{text} by {due.isoformat()}"
