"""Quick capture: one line in German or English read as the records it means.

"Mittagessen mit Jürgen Müller auf der Hannover Messe, will ihm bis Freitag ein Angebot
schicken, Tochter macht Abitur" plans a meeting with Müller at that event, a promise of
mine due Friday and a note; "Call with Anna Adler, she'll send me the contract next week"
a call and a promise owed to me. :func:`read_note` only plans: nothing is written, and
what it cannot decide (two Müllers, a name nobody has, no name at all) is a question with
the candidates, never a guess. :mod:`knoten.upkeep.quick_save` writes a plan.

The line is cut into clauses at commas and semicolons (and before "und ich …", "and
she'll …"): the first that names a kind of conversation or its persons ("mit", "with")
is the conversation; a clause said by me ("will …", "I'll …") or by them ("sie schickt
mir …", "she'll …") is a promise, its due day read from words such as "bis Freitag",
"nächste Woche", "in 3 Tagen", "end of month" relative to today; the rest are notes,
kept in the minutes (the whole line is the conversation's summary).

Several persons are joined by "und", "and" or commas ("Treffen mit Anna, Bernd und Clara
Conrad"), each looked up on its own; a salutation ("Herrn Müller", "Frau Dr. Weber",
"Mr Smith") is said, not part of the name. A name nobody has (or several have) may be
added as a new person: its question offers that (``new_person``). What the plan read in
a way the user may not expect (a promise nobody is named as making, a promise without a
due day, a day with nothing due) it says in ``remarks``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from knoten.core.clock import today
from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.core.folding import fold, fold_words
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.names import is_title_word
from knoten.core.reading import clean, due_day, past_day
from knoten.journal.events import resolve_event
from knoten.journal.models import Event
from knoten.journal.vocabulary import INTERACTION_KINDS
from knoten.people.lookup import resolve_person
from knoten.people.models import Person

# A line longer than this is not a quick note.
MAX_NOTE = 2000

# The words that say what kind of conversation it was (folded): the journal's words for
# the kinds a quick note says (a video call is spoken at a distance, as a call), and the
# verbs a sentence says them with.
_KIND_VERBS: dict[str, tuple[str, ...]] = {
    "call": ("angerufen", "telefoniert", "called", "phoned", "rang"),
    "email": ("emailed", "mailed"),
    "message": ("texted",),
    "meeting": ("getroffen", "gespräch", "met", "drinks"),
}
_KINDS = {
    fold(said.replace("-", "")): word.code
    for word in INTERACTION_KINDS
    if word.code in _KIND_VERBS
    for said in (word.en, word.de, *word.also, *_KIND_VERBS[word.code])
    if len(fold_words(said.replace("-", ""))) == 1
}

# What comes before the persons a conversation was with.
_WITH = re.compile(
    r"\b(?:mit|with|met|called|phoned|emailed|mailed|an|to|von|from)\s+", re.IGNORECASE
)
# What comes before the event (or place) it was at, ending the persons.
_AT = re.compile(
    r"\s+(?:auf\s+der|auf\s+dem|auf|bei\s+der|bei\s+dem|beim|bei|während\s+der|während"
    r"|at\s+the|at|on\s+the|during\s+the|during|in\s+der|im|in)\s+(?P<at>\S.*)$",
    re.IGNORECASE,
)
# What ends the persons otherwise ("mit Anna wegen des Angebots").
_ABOUT = re.compile(r"\s+(?:wegen|über|zum|zur|für|about|regarding|re|for)\s+.*$", re.IGNORECASE)
_AND = re.compile(r"\s*(?:\s(?:und|and)\s|&|/|\+)\s*", re.IGNORECASE)
# Salutations before a name (folded, without the dot) and the gender they tell.
_SALUTATIONS = {
    **dict.fromkeys(("herr", "herrn", "mr", "sir"), "male"),
    **dict.fromkeys(("frau", "mrs", "ms", "miss"), "female"),
}
_PARTICLES = {"von", "van", "de", "zu", "vom", "ten", "ter", "di", "da", "du", "del", "la", "le"}

# Who says a promise: the first words of its clause (folded).
_MINE_FIRST = {
    *("ich", "i", "ill", "im", "will", "werde", "muss", "soll", "sollte", "versprochen"),
    *("verspreche", "schicke", "sende", "rufe", "melde", "bringe", "promised", "need", "must"),
}
_THEIRS_FIRST = {
    *("er", "sie", "he", "she", "they", "hell", "shell", "theyll", "hes", "shes"),
    *("schickt", "sendet", "liefert", "meldet", "ruft", "gibt", "wird", "bringt", "will"),
}
# Words that only say who promises, dropped from the promise's text.
_SAYING = {
    *("ich", "i", "ill", "will", "werde", "er", "sie", "he", "she", "they"),
    *("hell", "shell", "theyll", "wird", "im", "going", "to", "promised", "ihm", "ihr"),
    *("ihnen", "need", "must", "muss", "soll", "sollte", "should"),
}
# Words that make a clause a pledge.
_MODALS = {
    *("will", "werde", "wird", "ill", "hell", "shell", "theyll", "muss", "soll", "sollte"),
    *("versprochen", "verspreche", "schicke", "sende", "rufe", "melde", "bringe", "schickt"),
    *("sendet", "liefert", "meldet", "bringt", "promised", "need", "must", "going", "should"),
}
_THEY_FOR_ME = re.compile(r"\b(?:mir|me|uns|us)\b", re.IGNORECASE)

# Day words and their preposition: "bis (zum) Freitag", "by Monday", "next week".
_WEEKDAY = (
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)"
)
_DAY_WORDS = (
    rf"(?:(?:(?:nächste[nr]?|naechste[nr]?|kommende[nr]?|diese[nr]?|next|this|coming)\s+)?"
    rf"{_WEEKDAY}"
    r"|(?:nächste[nr]?|naechste[nr]?|kommende[nr]?|next|this|coming)\s+(?:woche|monat|week|month)"
    r"|in\s+(?:\d+|a|an|one|two|three|four|einem|einer|zwei|drei|vier)\s+"
    r"(?:tagen?|wochen?|monaten?|days?|weeks?|months?)"
    r"|übermorgen|uebermorgen|morgen|tomorrow|the\s+day\s+after\s+tomorrow|heute|today"
    r"|end\s+of\s+(?:the\s+|this\s+)?(?:month|week)|ende\s+(?:des|dieses)\s+monats"
    r"|ende\s+(?:der|dieser)\s+woche|monatsende"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?)"
)
_DUE = re.compile(
    rf"(?:\s+|^)(?:(?:bis|by|until|till|before|spätestens)\s+(?:(?:zum|zur|spätestens)\s+)?)?"
    rf"(?P<due>{_DAY_WORDS})(?=\s|$)",
    re.IGNORECASE,
)
# A due day said with its preposition ("bis Freitag", "by Monday"): a clause with one
# is a promise even when it does not say who makes it ("Angebot bis Freitag").
_DUE_SAID = re.compile(
    rf"(?:\s+|^)(?:bis|by|until|till|spätestens)\s+(?:(?:zum|zur|spätestens)\s+)?"
    rf"{_DAY_WORDS}(?=\s|$)",
    re.IGNORECASE,
)
# "by"/"bis" before words that are no day ("by post", "bis auf Weiteres").
_NOT_A_DAY = re.compile(r"(?:\s+|^)(?P<said>(?:bis|by|until|till)\s+\S+)", re.IGNORECASE)
# When the conversation was, if not today: "gestern", "last Friday".
_WHEN = re.compile(
    rf"(?:\s+|^)(?P<when>vorgestern|gestern|yesterday|heute|today"
    rf"|(?:letzten|letzte|vergangenen|last)\s+{_WEEKDAY})(?=\s|$)",
    re.IGNORECASE,
)
_UMLAUTS = {"naech": "näch", "uebe": "übe"}
_CLAUSES = re.compile(
    r"\s*[,;]\s*|:\s+|\s+(?:und|and|aber|but)\s+(?=(?:ich|i|i'll|er|sie|he|she|they|he'll|she'll"
    r"|they'll|will|werde)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Question:
    """What the plan cannot decide: ``key`` is what to answer in the choices (the name
    as typed, ``person`` when nobody is named); ``candidates`` are (id, label) pairs."""

    key: str
    what: str  # "person" or "event"
    reason: str  # "ambiguous", "unknown" or "missing"
    candidates: tuple[tuple[int, str], ...] = ()
    # The name a new person would get when the answer is "new" ("" when not offered).
    new_person: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "what": self.what,
            "reason": self.reason,
            "candidates": [{"id": pk, "label": label} for pk, label in self.candidates],
            "new_person": self.new_person or None,
            "message": self.message,
        }

    @property
    def message(self) -> str:
        said = {"name": self.key, "new": self.new_person, "count": len(self.candidates)}
        if self.reason == "missing":
            return _("Who was it with? No person is named.")
        if self.what == "event":
            return _("“%(name)s” could be %(count)s events; choose one.") % said
        if self.reason == "unknown":
            return (
                _("Nobody is called “%(name)s”; choose a person or add “%(new)s” as a new person.")
                % said
            )
        return (
            _("“%(name)s” could be %(count)s persons; choose one or add “%(new)s” as a new person.")
            % said
        )


@dataclass(frozen=True)
class PlannedPromise:
    mine: bool  # owed by me to the person; else owed by the person to me
    text: str
    due: dt.date | None
    said: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "direction": "mine" if self.mine else "owed_to_me",
            "text": self.text,
            "due": None if self.due is None else self.due.isoformat(),
            "said": self.said,
        }


@dataclass
class Plan:
    """The records one line means; nothing of it is written yet."""

    text: str
    kind: str
    on: dt.date
    said_persons: list[str]
    persons: list[Person | None]
    event: Event | None
    event_said: str
    place: str
    promises: list[PlannedPromise]
    notes: list[str]
    questions: list[Question] = field(default_factory=list)
    # What the plan read in a way the user may not expect, said to them.
    remarks: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.questions

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "on": self.on.isoformat(),
            "persons": [
                {"said": said, "id": None, "name": None}
                if person is None
                else {"said": said, "id": person.pk, "name": person.full_name}
                for said, person in zip(self.said_persons, self.persons, strict=True)
            ],
            "event": None
            if self.event is None
            else {"id": self.event.pk, "name": self.event.name, "said": self.event_said},
            "place": self.place,
            "promises": [promise.as_dict() for promise in self.promises],
            "notes": self.notes,
            "summary": self.text,
            "questions": [question.as_dict() for question in self.questions],
            "remarks": self.remarks,
            "ready": self.ready,
        }


def _clauses(text: str) -> list[str]:
    parts = [part.strip(" .!") for part in _CLAUSES.split(text)]
    return [part for part in parts if part]


def _first_words(clause: str) -> list[str]:
    return fold_words(clause.replace("'", ""))[:2]


def _promise_side(clause: str) -> bool | None:
    """True for a promise of mine, False for one owed to me, None for no promise.

    Said by me: "will ihm …", "ich schicke …", "I'll …", "I will …"; by them: "sie
    schickt mir …", "er will mir …", "she'll …", "he will …". A clause that only starts
    so ("sie hat ein neues Büro") is a promise only with a due day or a "mir"/"me".
    """
    words = _first_words(clause)
    if not words:
        return None
    first = words[0]
    pledged = bool(_DUE.search(clause))
    if first == "will":  # German: "(ich) will ihm …"; "(er) will mir …"
        return not _THEY_FOR_ME.search(clause)
    if first in _THEIRS_FIRST:
        future = any(word in _MODALS for word in words)
        return False if pledged or _THEY_FOR_ME.search(clause) or future else None
    if first in _MINE_FIRST:
        return True if pledged or any(word in _MODALS for word in words) else None
    # "Angebot bis Freitag": something due by a day, nobody named as making it (the
    # journal reads a promise so written as mine).
    return True if _DUE_SAID.search(clause) else None


def _said_by_nobody(clause: str) -> bool:
    words = _first_words(clause)
    return bool(words) and words[0] not in (_MINE_FIRST | _THEIRS_FIRST)


def _promise(clause: str, mine: bool) -> PlannedPromise:
    due: dt.date | None = None
    what = clause
    match = _DUE.search(clause)
    if match is not None:
        said = re.sub(
            r"^(naech|uebe)",
            lambda m: _UMLAUTS[m.group(1).lower()],
            match["due"],
            flags=re.IGNORECASE,
        )
        due = due_day(said, "text")
        what = (clause[: match.start()] + " " + clause[match.end() :]).strip()
    words = what.split()
    while words and fold(words[0].replace("'", "")) in _SAYING:
        words.pop(0)
    # Empty when the clause only says who promises or by when ("she will", "bis Freitag").
    return PlannedPromise(mine=mine, text=clean(" ".join(words)), due=due, said=clause)


def _remark(promise: PlannedPromise) -> str | None:
    """What to tell the user about how ``promise`` was read, if anything."""
    said = {"said": promise.said}
    if promise.due is None:
        not_a_day = _NOT_A_DAY.search(promise.text)
        if not_a_day is not None:
            said["words"] = not_a_day["said"]
            return (
                _("“%(said)s” has no due day (“%(words)s” is not a day); it is kept without one.")
                % said
            )
        return _("“%(said)s” has no due day; it is kept without one.") % said
    if _said_by_nobody(promise.said):
        return _("“%(said)s” is read as your promise: it does not say who makes it.") % said
    return None


def _kind(clause: str) -> str | None:
    for word in fold_words(clause.replace("-", "")):
        if word in _KINDS:
            return _KINDS[word]
    return None


def _name_words(text: str, capitals: bool) -> str:
    """The leading words of ``text`` that make a name (capitalised, or particles)."""
    kept: list[str] = []
    for word in text.split():
        bare = word.strip(".:;!?\"'()")
        if not bare:
            break
        particle = bare.casefold() in _PARTICLES or (
            bare.casefold() in ("der", "den") and kept and kept[-1].casefold() in ("von", "van")
        )
        if capitals and not (bare[0].isupper() or particle or is_title_word(bare)):
            break
        kept.append(word.strip(":;!?\"'()"))
    return " ".join(kept).strip()


@dataclass(frozen=True)
class _Names:
    """The names said in (part of) a clause, the event or place after them, and whether
    the list may go on in the next clause (nothing but names came after it)."""

    names: list[str]
    place: str = ""
    open: bool = False
    only_names: bool = False


def _names(rest: str, capitals: bool) -> _Names:
    at = _AT.search(" " + rest)
    place = ""
    if at is not None:
        place = at.group("at").strip()
        rest = (" " + rest)[: at.start()].strip()
    cut = _ABOUT.sub("", rest)
    parts = [part.strip() for part in _AND.split(cut) if part.strip()]
    # A name typed in lower case is taken as typed.
    names = [_name_words(part, capitals) or _name_words(part, False) for part in parts]
    whole = bool(parts) and all(
        name == part.strip(":;!?\"'()") and len(part.split()) <= 5
        for name, part in zip(names, parts, strict=True)
    )
    return _Names(
        names=[name for name in names if name],
        place=place,
        open=whole and at is None and cut == rest,
        only_names=whole and capitals,
    )


def _said_persons(clause: str, capitals: bool) -> _Names:
    """The names said in the conversation's clause, and the event (or place) said."""
    marker = _WITH.search(clause)
    if marker is None:
        # "Anruf Anna Adler", "Videocall Müller": the name right after the kind.
        words = clause.split()
        if len(words) < 2 or _kind(words[0]) is None:
            return _Names([])
        rest = " ".join(words[1:])
    else:
        rest = clause[marker.end() :]
    return _names(rest, capitals)


def bare_name(said: str) -> tuple[str, str]:
    """The name in ``said`` without its salutation ("Frau Dr. Weber" → "Dr. Weber") and
    the gender the salutation tells ("female", "male"; "" without one)."""
    words = said.split()
    gender = ""
    while len(words) > 1 and words[0].strip(".").casefold() in _SALUTATIONS:
        gender = _SALUTATIONS[words.pop(0).strip(".").casefold()]
    return " ".join(words), gender


def _candidate_id(label: str) -> int | None:
    head = label.split(":", 1)[0]
    return int(head) if head.isdecimal() else None


def _person(actor: Member, said: str) -> tuple[Person | None, Question | None]:
    name, _gender = bare_name(said)
    try:
        return resolve_person(actor, name, "person"), None
    except NotFound:
        return None, Question(said, "person", "unknown", new_person=name)
    except Ambiguous as error:
        candidates = tuple(
            (pk, label) for label in error.candidates if (pk := _candidate_id(label)) is not None
        )
        return None, Question(said, "person", "ambiguous", candidates, new_person=name)


def _event(actor: Member, said: str) -> tuple[Event | None, Question | None]:
    """The event named, None for a place that is no event, or a question."""
    if not said:
        return None, None
    try:
        return resolve_event(actor, said, "event"), None
    except NotFound:
        return None, None
    except Ambiguous as error:
        candidates = tuple(
            (pk, label) for label in error.candidates if (pk := _candidate_id(label)) is not None
        )
        return None, Question(said, "event", "ambiguous", candidates)


def read_note(actor: Member, text: str) -> Plan:
    """Plan the records one line means (see the module); nothing is written."""
    storable("text", text)
    line = clean(text)
    if not line:
        raise InvalidInput("text", text, "is empty; write a line such as 'Lunch with Anna Adler'")
    if len(line) > MAX_NOTE:
        raise InvalidInput("text", line[:40] + "…", f"is too long: at most {MAX_NOTE} characters")
    # Read with plain apostrophes ("she’ll" as typed on a phone); kept as typed.
    said = line.replace("\u2019", "'").replace("\u2018", "'")
    capitals = any(ch.isupper() for ch in line)
    kind: str | None = None
    said_persons: list[str] = []
    event_said = ""
    on = today()
    promises: list[PlannedPromise] = []
    notes: list[str] = []
    remarks: list[str] = []
    conversation_found = False
    more_names = False  # whether the clause may go on with the list of persons
    for clause in _clauses(said):
        side = _promise_side(clause)
        if more_names and side is None:
            # "Treffen mit Anna, Bernd und Clara Conrad": the list goes on.
            found = _names(clause, capitals)
            if found.only_names:
                said_persons.extend(found.names)
                event_said = event_said or found.place
                more_names = found.open
                continue
        more_names = False
        if side is not None and conversation_found:
            promise = _promise(clause, side)
            if not promise.text:
                notes.append(clause)
                remarks.append(
                    _("“%(said)s” does not say what is promised; it is kept as a note.")
                    % {"said": clause}
                )
                continue
            promises.append(promise)
            remark = _remark(promise)
            if remark is not None:
                remarks.append(remark)
            continue
        if not conversation_found and (_kind(clause) or _WITH.search(clause)):
            conversation_found = True
            kind = _kind(clause)
            when = _WHEN.search(clause)
            if when is not None:
                on = past_day(when.group("when"), "text")
                clause = (clause[: when.start()] + clause[when.end() :]).strip()
            found = _said_persons(clause, capitals)
            said_persons, event_said, more_names = found.names, found.place, found.open
            continue
        notes.append(clause)
    questions: list[Question] = []
    persons: list[Person | None] = []
    for said in said_persons:
        person, question = _person(actor, said)
        persons.append(person)
        if question is not None:
            questions.append(question)
    if not said_persons:
        questions.append(Question("person", "person", "missing"))
    event, event_question = _event(actor, event_said)
    if event_question is not None:
        questions.append(event_question)
    return Plan(
        text=line,
        kind=kind or "meeting",
        on=on,
        said_persons=said_persons,
        persons=persons,
        event=event,
        event_said=event_said if event is not None or event_question else "",
        place="" if event is not None or event_question else event_said,
        promises=promises,
        notes=notes,
        questions=questions,
        remarks=remarks,
    )
