"""Promises: what *me* owes someone, or they *me*, by when, and whether it was kept.

A promise runs between *me* and one other person; one made in a conversation is as
visible as the conversation (:mod:`knoten.journal.visibility`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import F, Q

from knoten.core import changes
from knoten.core.clock import today
from knoten.core.data import iso, reference
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold_words
from knoten.core.limits import page, storable
from knoten.core.models import Member
from knoten.core.reading import clean, due_day, flag, line, past_day, split_due
from knoten.core.records import by_id, save_edits
from knoten.journal.models import Interaction, Promise
from knoten.journal.references import other_people
from knoten.journal.references import person as named_person
from knoten.journal.visibility import visible_interaction, visible_promises
from knoten.people.models import Person

_DUE_SPLIT = re.compile(
    r"^(?P<text>.*\S)\s+(?:by|until|till|bis(?:\s+(?:zum|zur|spätestens|spaetestens))?)"
    r"\s+(?P<due>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


def parse_promise(
    text: str, field: str = "promise", *, relative_to: dt.date | None = None
) -> tuple[str, dt.date | None]:
    """``"TEXT by DATE"`` (or German ``"TEXT bis DATE"``) as the text and its due day.

    The date comes after the last "by", "until" or "bis"; a promise without one may end
    in a due date in words ("Angebot in 3 Tagen", "Bericht nächste Woche"), else it has
    no due date. A due part after "by" that is not a date is refused rather than kept as
    text, so a mistyped date is never silently lost.
    """
    raw = clean(text)
    if not raw:
        raise InvalidInput(
            field, text, "is empty; say what was promised, e.g. 'Angebot bis Freitag'"
        )
    match = _DUE_SPLIT.match(raw)
    if match is None:
        if fold_words(raw)[:1] in (["by"], ["bis"], ["until"], ["till"]):
            raise InvalidInput(field, text, "has a due date but no text; say what was promised")
        found = split_due(raw, field, relative_to=relative_to)
        return found if found is not None else (raw, None)
    what, due_text = match.group("text").strip(), match.group("due").strip()
    try:
        due = due_day(due_text, field, relative_to=relative_to)
    except InvalidInput as error:
        raise InvalidInput(
            field,
            text,
            f"has the due date {due_text!r}, which {error.reason}"
            " (put the date last, after 'by' or 'bis')",
        ) from None
    return what, due


def promise_as_dict(promise: Promise) -> dict[str, Any]:
    """One promise as JSON-able data: who owes whom what, by when, done or not."""
    return {
        "id": promise.pk,
        "text": promise.text,
        "debtor": reference(promise.debtor),
        "creditor": reference(promise.creditor),
        "due": iso(promise.due_on),
        "done": promise.is_done,
        "done_on": iso(promise.done_on),
        "overdue": promise.done_on is None
        and promise.due_on is not None
        and promise.due_on < today(),
        "interaction": promise.interaction_id,
    }


def _promise(actor: Member, promise_id: int | str) -> Promise:
    """One promise ``actor`` may see, by id."""
    promises = visible_promises(actor).select_related("debtor", "creditor")
    return by_id(promises, promise_id, "promise")


def _due(value: str | dt.date, *, relative_to: dt.date | None = None) -> dt.date:
    if isinstance(value, dt.date):
        return value
    storable("due", value)
    return due_day(value, "due", relative_to=relative_to)


def promise_detail(actor: Member, promise_id: int | str) -> dict[str, Any]:
    """One promise ``actor`` may see, as JSON-able data."""
    return promise_as_dict(_promise(actor, promise_id))


def list_promises(
    actor: Member,
    *,
    open_only: bool = True,
    person: str | Person | None = None,
    owed_by_me: bool | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Promise]:
    """Promises sorted by due date (those without one last), open ones only by default.

    ``person`` keeps those the person owes or is owed; ``owed_by_me`` True keeps what
    *me* owes, False what others owe *me*.
    """
    promises = visible_promises(actor)
    if person is not None and person != "":
        who = named_person(actor, person, "person")
        promises = promises.filter(Q(debtor=who) | Q(creditor=who))
    if owed_by_me is True:
        promises = promises.filter(debtor_id=actor.me.pk)
    elif owed_by_me is False:
        promises = promises.filter(creditor_id=actor.me.pk)
    if open_only:
        promises = promises.filter(done_on__isnull=True)
    ordered = promises.select_related("debtor", "creditor").order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )
    return list(page(ordered, limit, offset))


def add_promise(
    actor: Member,
    person: str | int | Person,
    text: str,
    *,
    due: str | dt.date | None = None,
    owed_by_me: bool = True,
    interaction: int | str | Interaction | None = None,
    read_due: bool = True,
) -> Promise:
    """A promise between *me* and ``person``: owed by me, or (``owed_by_me=False``) to me.

    Without ``due`` the text may end in "by DATE" ("Angebot bis Freitag"); with
    ``read_due=False`` it is taken as written, without a due day ("send it by post" is
    not due on a day called "post"). Words in a due date are read relative to the day of
    ``interaction``, if the promise was made in one, else today.
    """
    storable("text", text)
    other = other_people(actor, [person], "person")[0]
    owed = flag(owed_by_me, "owed_by_me")
    made_in = None
    if interaction is not None and interaction != "":
        made_in = visible_interaction(actor, interaction)
    base = made_in.occurred_on if made_in is not None else None
    when: dt.date | None
    if (due is None or due == "") and not read_due:
        what, when = clean(text), None
        if not what:
            raise InvalidInput("text", text, "is empty; say what was promised")
    elif due is None or due == "":
        what, when = parse_promise(text, "text", relative_to=base)
    else:
        what = clean(text)
        if not what:
            raise InvalidInput("text", text, "is empty; say what was promised")
        when = _due(due, relative_to=base)
    me = actor.me
    debtor, creditor = (me, other) if owed else (other, me)
    with changes.atomic():
        promise = Promise.objects.create(
            network_id=actor.network_id,
            debtor=debtor,
            creditor=creditor,
            text=what,
            due_on=when,
            interaction=made_in,
        )
    return promise


def edit_promise(
    actor: Member,
    promise_id: int | str,
    *,
    text: str | None = None,
    due: str | dt.date | None = None,
    owed_by_me: bool | None = None,
) -> Promise:
    """Change a promise's text, due day (``""`` clears it) or direction.

    ``owed_by_me`` turns the promise round between *me* and the other person, so it
    applies only to a promise *me* is part of.
    """
    promise = _promise(actor, promise_id)
    edits: dict[str, Any] = {}
    if text is not None:
        what = line(text, "text", 10_000)
        if not what:
            raise InvalidInput("text", text, "is empty; say what was promised")
        edits["text"] = what
    if due is not None:
        edits["due_on"] = None if due == "" else _due(due)
    if owed_by_me is not None:
        wanted = flag(owed_by_me, "owed_by_me")
        me = actor.me.pk
        if me not in (promise.debtor_id, promise.creditor_id):
            raise InvalidInput(
                "owed_by_me", owed_by_me, "does not apply: the promise is between two others"
            )
        if (promise.debtor_id == me) != wanted:
            edits["debtor"], edits["creditor"] = promise.creditor, promise.debtor
    with changes.atomic():
        save_edits(promise, edits)
    return promise


def complete_promise(
    actor: Member, promise_id: int | str, *, on: str | dt.date | None = None
) -> Promise:
    """Mark a promise as kept (today, or ``on``); a promise already done is refused."""
    promise = _promise(actor, promise_id)
    if promise.done_on is not None:
        raise InvalidInput(
            "promise", promise.pk, f"was already done on {promise.done_on.isoformat()}"
        )
    done = past_day(on, "on", hint="mark a promise done once it is kept")
    with changes.atomic():
        save_edits(promise, {"done_on": done})
    return promise


def reopen_promise(actor: Member, promise_id: int | str) -> Promise:
    """Mark a kept promise as open again; an open one is refused."""
    promise = _promise(actor, promise_id)
    if promise.done_on is None:
        raise InvalidInput("promise", promise.pk, "is open; only a kept promise can be reopened")
    with changes.atomic():
        save_edits(promise, {"done_on": None})
    return promise


def delete_promise(actor: Member, promise_id: int | str) -> None:
    """Delete a promise ``actor`` may see."""
    promise = _promise(actor, promise_id)
    with changes.atomic():
        promise.delete()
