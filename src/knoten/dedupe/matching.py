"""Who may be whom: the matcher the import and ``knoten dedupe`` share.

A record (or a person) matches a person **for certain** by the same e-mail address,
phone number (E.164) or LinkedIn/XING profile, stored as ``knoten.people.contacts``
stores them; an e-mail address or phone number shared by two clearly different names
(``info@firma.de``, an office's switchboard) is only a likely match. A **close name**
is a likely match, never a certain one, with one exception: the exact same name (folded:
Müller = Mueller) at the same organisation and no conflicting birthday counts as
certain.

A close name compares folded names (Müller, Mueller and Muller are one), given names
that are variants of each other (Hans and Johannes, :mod:`knoten.dedupe.nicknames`),
an initial for the given name (J. Müller), family names that sound alike (Meier and
Mayer, :mod:`knoten.dedupe.phonetic`) and rapidfuzz's similarity of the folded names.
The same organisation raises the score, the same birthday too; different birthdays
lower it.

Nothing compares all pairs: every person is filed under a few blocking keys (each
contact value; the folded family name with the first letters of the given name and its
full forms; the family name's sound with the given name's full form), and only persons
sharing a key are compared.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from django.db import connection
from django.db.backends.utils import CursorWrapper
from rapidfuzz.distance import Indel

from knoten.core.bulk import cycle_collection_paused
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold, fold_words
from knoten.core.names import parse_name
from knoten.core.partial_dates import PartialDate
from knoten.dedupe.nicknames import full_forms
from knoten.dedupe.phonetic import cologne
from knoten.people.records import ContactRecord

# What a score needs to be listed or queued at all.
DEFAULT_MIN_SCORE = 0.8
# How much of the score the names carry; the rest comes from the organisation and
# the birthday.
NAME_WEIGHT = 0.88
ORGANISATION_BOOST = 0.08
BIRTHDAY_BOOST = 0.04
BIRTHDAY_CONFLICT = 0.6  # the score is multiplied by this
NICKNAME_SIMILARITY = 0.92
INITIAL_SIMILARITY = 0.75
COMPOUND_SIMILARITY = 0.85  # Hans and Hans-Peter
SOUND_SIMILARITY = 0.85
MIN_PART_SIMILARITY = 0.8
# Family names that sound alike count as alike when they are this similar in writing
# too (Meier and Mayer are 0.6; Kuhn and Kahn 0.75, Neu and Nohr 0.57 not).
MIN_SOUND_RATIO = 0.6
CACHE_SIZE = 65536
# A contact value shared by more persons than this (a company's info@) pairs nobody.
MAX_SHARED = 25
# Rows fetched from the database at a time, and values asked for in one query.
_FETCH = 20_000
_VALUES_PER_QUERY = 500
_NON_WORD = re.compile(r"[^\w]+")
IDENTITY_KINDS = ("email", "phone", "linkedin", "xing")
_KIND_WORDS = {"email": "e-mail", "phone": "phone", "linkedin": "LinkedIn", "xing": "XING"}

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Match:
    person_id: int
    score: float  # 0..1
    reasons: tuple[str, ...]  # "same e-mail anna@x.de", "name Müller ≈ Mueller" …
    certain: bool  # True: merge without asking; False: to the review queue


@dataclass(frozen=True)
class Pair:
    """Two persons of one network that may be one, ``person_a`` the lower id."""

    person_a: int
    person_b: int
    score: float
    reasons: tuple[str, ...]
    certain: bool


@dataclass(slots=True)
class _Entry:
    """What the matcher knows of one person (or record)."""

    given: str  # as written
    family: str
    given_key: str  # folded, the first word of the given name
    family_key: str  # folded family name (with its particle left out)
    nickname_key: str
    organisations: dict[str, str]  # folded name → name as written
    birthday: PartialDate | None
    forms: frozenset[str]  # the full forms of the given name (and nickname)
    named: bool  # both a given and a family name


@lru_cache(maxsize=CACHE_SIZE)
def _forms(given_key: str, nickname_key: str) -> frozenset[str]:
    forms = set(full_forms(given_key)) if given_key else set()
    if nickname_key:
        forms |= full_forms(nickname_key)
    return frozenset(forms)


# Names repeat (a network of 100,000 has a few thousand given and family names): each is
# folded once.
@lru_cache(maxsize=CACHE_SIZE)
def _first_word(text: str) -> str:
    """The folded first given name: "Anna Maria" → ``anna``; a compound stays whole,
    "Hans-Peter" → ``hanspeter`` (Hans-Peter and Hans are alike, not the same)."""
    words = fold(text).split()
    for word in words:
        joined = _NON_WORD.sub("", word)
        if joined:
            return joined
    return ""


@lru_cache(maxsize=CACHE_SIZE)
def _given_words(text: str) -> tuple[str, ...]:
    return tuple(fold_words(text))


@lru_cache(maxsize=CACHE_SIZE)
def _family_key(text: str) -> str:
    return "".join(fold_words(text))


@lru_cache(maxsize=CACHE_SIZE)
def _folded(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=CACHE_SIZE)
def _sound(text: str) -> str:
    return cologne(text)


def _entry(
    given: str,
    family: str,
    nickname: str = "",
    organisations: Iterable[str] = (),
    birthday: PartialDate | None = None,
) -> _Entry:
    given_key, family_key = _first_word(given), _family_key(family)
    nickname_key = _first_word(nickname) if nickname else ""
    return _Entry(
        given=given,
        family=family,
        given_key=given_key,
        family_key=family_key,
        nickname_key=nickname_key,
        organisations={_folded(name): name for name in organisations if name.strip()},
        birthday=birthday,
        forms=_forms(given_key, nickname_key),
        named=bool(given_key and family_key),
    )


@lru_cache(maxsize=CACHE_SIZE)
def _given_blocking(given_key: str, nickname_key: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The first letters a given name (with its nickname) is filed under, and its full
    forms."""
    forms = _forms(given_key, nickname_key)
    letters = {given_key[0]} | {form[0] for form in forms if form}
    return tuple(letters), forms


@lru_cache(maxsize=CACHE_SIZE)
def _given_filing(given: str, nickname: str) -> tuple[tuple[str, ...], frozenset[str]] | None:
    """``_given_blocking`` of a given name and nickname as written; None without a
    given name."""
    given_key = _first_word(given)
    if not given_key:
        return None
    return _given_blocking(given_key, _first_word(nickname) if nickname else "")


@lru_cache(maxsize=CACHE_SIZE)
def _family_filing(family: str) -> tuple[str, str] | None:
    """The folded family name as written and its sound; None when it folds to nothing."""
    family_key = _family_key(family)
    return (family_key, _sound(family_key)) if family_key else None


def _keys(given_key: str, nickname_key: str, family_key: str) -> list[tuple[str, str, str]]:
    """The blocking keys of a name whose given and family name are both known."""
    letters, forms = _given_blocking(given_key, nickname_key)
    keys = [("f", family_key, letter) for letter in letters]
    sound = _sound(family_key)
    if sound:
        keys += [("s", sound, form) for form in forms]
    return keys


def _blocking_keys(entry: _Entry) -> list[tuple[str, str, str]]:
    if not entry.named:
        return []
    return _keys(entry.given_key, entry.nickname_key, entry.family_key)


# --- contact values -------------------------------------------------------------------


def normalised_contact(kind: str, value: str) -> tuple[str, str] | None:
    """(kind, stored value) of a contact a record gives, when it identifies a person
    (an e-mail address, a phone number, a LinkedIn or XING profile); else None."""
    from knoten.people.contacts import parse_email, parse_phone, parse_web

    text = (value or "").strip()
    if not text:
        return None
    try:
        if kind == "email":
            parsed = parse_email(text, label="")
        elif kind == "phone":
            parsed = parse_phone(text, label="")
        elif kind in ("linkedin", "xing", "website"):
            parsed = parse_web(text, label="")
        else:
            return None
    except InvalidInput:
        return None
    if parsed.kind not in IDENTITY_KINDS:
        return None
    return parsed.kind, parsed.value


def _record_entry(record: ContactRecord) -> _Entry:
    given, family, nickname = record.given_name, record.family_name, record.nickname
    if not (given or family) and record.full_name.strip():
        try:
            parts = parse_name(record.full_name)
        except InvalidInput:
            parts = None
        if parts is not None:
            given, family = parts.given_name, parts.family_name
            nickname = nickname or parts.nickname
    birthday = next((date.date for date in record.dates if date.kind == "birthday"), None)
    organisations = [record.organisation] if record.organisation else []
    return _entry(given, family, nickname, organisations, birthday)


# --- comparing two entries --------------------------------------------------------------


def _ratio(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(a, b))


def _given_similarity(a: _Entry, b: _Entry) -> tuple[float, str] | None:
    """How alike two given names are, and the reason; None: not alike."""
    if a.given_key == b.given_key:
        if fold(a.given) != fold(b.given) and a.given.casefold() != b.given.casefold():
            return 1.0, f"given name {a.given} ≈ {b.given}"
        return 1.0, ""
    if _given_words(a.given) == _given_words(b.given):
        return 1.0, f"given name {a.given} ≈ {b.given}"  # Hans-Peter, Hans Peter
    if a.forms & b.forms:
        return NICKNAME_SIMILARITY, f"given name {a.given} ≈ {b.given} (a short form)"
    shorter, longer = sorted((a.given_key, b.given_key), key=len)
    if len(shorter) == 1 and longer.startswith(shorter):
        return INITIAL_SIMILARITY, f"given name {a.given} ≈ {b.given} (an initial)"
    if len(shorter) > 2 and longer.startswith(shorter) and _is_compound_of(a, b):
        return COMPOUND_SIMILARITY, f"given name {a.given} ≈ {b.given} (a part of it)"
    ratio = _ratio(a.given_key, b.given_key)
    if ratio < MIN_PART_SIMILARITY:
        return None
    return ratio * ratio, f"given name {a.given} ≈ {b.given}"


def _is_compound_of(a: _Entry, b: _Entry) -> bool:
    """Whether one given name is the first part of the other's compound (Hans, Hans-Peter)."""
    parts_a = _given_words(a.given)
    parts_b = _given_words(b.given)
    shorter, longer = sorted((parts_a, parts_b), key=len)
    return bool(shorter) and len(longer) > len(shorter) and longer[: len(shorter)] == shorter


def _family_similarity(a: _Entry, b: _Entry) -> tuple[float, str] | None:
    if a.family_key == b.family_key:
        if a.family.casefold() != b.family.casefold():
            return 1.0, f"name {a.family} ≈ {b.family}"
        return 1.0, ""
    ratio = _ratio(a.family_key, b.family_key)
    if ratio >= MIN_SOUND_RATIO and _sound(a.family_key) == _sound(b.family_key):
        return max(ratio, SOUND_SIMILARITY), f"name {a.family} ≈ {b.family} (sounds alike)"
    if ratio < MIN_PART_SIMILARITY:
        return None
    return ratio, f"name {a.family} ≈ {b.family}"


def _birthday_relation(a: PartialDate | None, b: PartialDate | None) -> str:
    """ "same", "different" or "" (unknown)."""
    if a is None or b is None:
        return ""
    if a.month and a.day and b.month and b.day:
        if (a.month, a.day) != (b.month, b.day):
            return "different"
        if a.year and b.year and a.year != b.year:
            return "different"
        return "same"
    if a.year and b.year and a.year != b.year:
        return "different"
    return ""


@dataclass(frozen=True)
class _Score:
    score: float
    reasons: tuple[str, ...]
    exact_name: bool
    same_organisation: bool
    birthday: str


def _compare_names(a: _Entry, b: _Entry) -> _Score | None:
    """The score of two named entries, or None when the names are not alike."""
    if not (a.named and b.named):
        return None
    family = _family_similarity(a, b)
    if family is None:
        return None
    given = _given_similarity(a, b)
    if given is None:
        return None
    reasons = [reason for reason in (family[1], given[1]) if reason]
    exact = family[0] == 1.0 and given[0] == 1.0
    if exact:
        reasons.insert(0, f"same name {a.given} {a.family}" if not reasons else "")
    score = NAME_WEIGHT * (family[0] + given[0]) / 2
    shared = sorted(set(a.organisations) & set(b.organisations))
    if shared:
        score += ORGANISATION_BOOST
        reasons.append(f"same organisation {a.organisations[shared[0]]}")
    birthday = _birthday_relation(a.birthday, b.birthday)
    if birthday == "same":
        score += BIRTHDAY_BOOST
        reasons.append("same birthday")
    elif birthday == "different":
        score *= BIRTHDAY_CONFLICT
        reasons.append("different birthdays")
    return _Score(
        round(min(score, 1.0), 3),
        tuple(reason for reason in reasons if reason),
        exact,
        bool(shared),
        birthday,
    )


def _names_contradict(a: _Entry, b: _Entry) -> bool:
    """Whether two named entries clearly name different people (Anna Schmidt and Kurt
    Weber): neither the given names nor the family names are alike."""
    if not (a.named and b.named):
        return False
    return _given_similarity(a, b) is None and _family_similarity(a, b) is None


def _contact_match(
    a: _Entry, b: _Entry, shared: list[tuple[str, str]]
) -> tuple[float, tuple[str, ...], bool]:
    """Score, reasons and certainty of two entries sharing contact values."""
    reasons = [f"same {_KIND_WORDS[kind]} {value}" for kind, value in shared]
    profile = any(kind in ("linkedin", "xing") for kind, _ in shared)
    names = _compare_names(a, b)
    if names is not None:
        reasons.extend(names.reasons)
    if not profile and _names_contradict(a, b):
        reasons.append("but the names differ")
        return 0.7, tuple(reasons), False
    if names is not None and names.birthday == "different":
        return 0.8, tuple(reasons), False
    return 1.0, tuple(reasons), True


def _name_certain(score: _Score) -> bool:
    return score.exact_name and score.same_organisation and score.birthday != "different"


@lru_cache(maxsize=CACHE_SIZE)
def _stored_date(text: str | None) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse_iso(str(text))
    except ValueError:
        return None


# --- the index --------------------------------------------------------------------------


class _People(dict[int, _Entry]):
    """The filed persons' entries by id, each made when the matcher first looks at it.

    Building the index keeps only each person's name, jobs and birthday: an import
    compares its records with a fraction of the network's persons (10,000 vCards with
    some 23,000 of 100,000), and making every entry was most of the time the index took
    to build.
    """

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[int, tuple[str, str, str]] = {}  # given, family, nickname
        self.organisation_names: dict[int, str] = {}
        # (person id, organisation id) of every job, by person (a person's jobs in the
        # order the database gives them), found by bisection: a sort instead of a
        # loop over the 300,000 jobs of a 100k network.
        self.jobs: list[tuple[int, int]] = []
        self.job_people: list[int] = []
        self.birthdays: dict[int, PartialDate] = {}

    def __missing__(self, person_id: int) -> _Entry:
        given, family, nickname = self.names[person_id]
        entry = _entry(
            given,
            family,
            nickname,
            self.organisations(person_id),
            self.birthdays.get(person_id),
        )
        self[person_id] = entry
        return entry

    def fill(self) -> None:
        """Make every entry not made yet: comparing the whole network needs them all, and
        one walk over the jobs costs less than a search for each person's."""
        names = self.organisation_names
        jobs: dict[int, list[str]] = {}
        for person_id, organisation_id in self.jobs:
            held = jobs.get(person_id)
            if held is None:
                jobs[person_id] = [names[organisation_id]]
            else:
                held.append(names[organisation_id])
        birthdays = self.birthdays
        for person_id, (given, family, nickname) in self.names.items():
            if not dict.__contains__(self, person_id):
                self[person_id] = _entry(
                    given, family, nickname, jobs.get(person_id, ()), birthdays.get(person_id)
                )

    def organisations(self, person_id: int) -> list[str]:
        """The names of the organisations a person works at."""
        start = bisect_left(self.job_people, person_id)
        end = bisect_right(self.job_people, person_id, start)
        names = self.organisation_names
        return [names[organisation_id] for _, organisation_id in self.jobs[start:end]]

    def __contains__(self, person_id: object) -> bool:
        return dict.__contains__(self, person_id) or person_id in self.names


class MatchIndex:
    """The persons of one network, filed for matching; built once per import."""

    def __init__(self, network_id: int) -> None:
        self.network_id = network_id
        self.people = _People()
        self.contacts: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        # False when only some contact values were read (``build(records=…)``): such an
        # index matches those records, but cannot list the network's pairs.
        self.complete = True
        self._normalised: dict[tuple[str, str], tuple[str, str] | None] = {}

    @classmethod
    @cycle_collection_paused()
    def build(
        cls,
        network_id: int,
        progress: Progress | None = None,
        *,
        records: Iterable[ContactRecord] | None = None,
    ) -> MatchIndex:
        """The index of a network's persons: a few bulk queries, none per person.

        With ``records`` (an import's), only the contact values they give are read: all
        that :meth:`match` looks up for them, and a few queries instead of every e-mail
        address and phone number of the network.
        """
        index = cls(network_id)
        with connection.cursor() as cursor:
            index._read_facts(cursor)
            index._read_names(cursor, progress)
            if records is None:
                index._read_contacts(cursor)
            else:
                wanted = {key for record in records for key in index._record_keys(record)}
                index._read_contacts(cursor, wanted)
                index.complete = False
        return index

    def _read_facts(self, cursor: CursorWrapper) -> None:
        """The names of the organisations each person works at, and the birthdays."""
        from knoten.people.models import Affiliation, ImportantDate, Organisation

        quote = connection.ops.quote_name
        people = self.people
        people.organisation_names = dict(
            Organisation.objects.filter(network_id=self.network_id).values_list("pk", "name")
        )
        cursor.execute(
            f"SELECT person_id, organisation_id FROM {quote(Affiliation._meta.db_table)}"
            f" WHERE network_id = %s AND {quote('kind')} = %s",
            [self.network_id, "job"],
        )
        people.jobs = cursor.fetchall()
        people.jobs.sort(key=itemgetter(0))  # stable: each person's jobs stay in order
        people.job_people = [person_id for person_id, _ in people.jobs]
        # The dates as stored (ISO text), read without the field's conversion.
        cursor.execute(
            f"SELECT person_id, {quote('date')} FROM {quote(ImportantDate._meta.db_table)}"
            f" WHERE network_id = %s AND {quote('kind')} = %s",
            [self.network_id, "birthday"],
        )
        birthdays = people.birthdays
        for person_id, text in cursor.fetchall():
            birthday = _stored_date(text)
            if birthday is not None:
                birthdays[person_id] = birthday

    def _read_names(self, cursor: CursorWrapper, progress: Progress | None) -> None:
        """Every person's name, filed in the blocks."""
        from knoten.people.models import Person

        quote = connection.ops.quote_name
        table = quote(Person._meta.db_table)
        total = 0
        if progress:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE network_id = %s", [self.network_id])
            total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT id, given_name, family_name, nickname FROM {table} WHERE network_id = %s",
            [self.network_id],
        )
        names = self.people.names
        blocks = self.blocks
        done = 0
        while rows := cursor.fetchmany(_FETCH):
            for pk, given, family, nickname in rows:
                names[pk] = (given, family, nickname)
                # The blocking keys (``_keys``, written out): from what is worked out
                # once per family name and once per given name (a 100k network has
                # some 4,400 and 5,200), not once per person.
                family_filing = _family_filing(family)
                if family_filing is None:
                    continue
                given_filing = _given_filing(given, nickname)
                if given_filing is None:
                    continue
                family_key, sound = family_filing
                letters, forms = given_filing
                for letter in letters:
                    blocks["f", family_key, letter].append(pk)
                if sound:
                    for form in forms:
                        blocks["s", sound, form].append(pk)
            if progress:
                done += len(rows)
                progress("reading persons", done, total)
        if progress:
            progress("reading persons", total, total)

    def _read_contacts(
        self, cursor: CursorWrapper, wanted: set[tuple[str, str]] | None = None
    ) -> None:
        """The persons of each identifying contact value: all of them, or the ``wanted``
        ones (as ``normalised_contact`` gives them)."""
        from knoten.people.models import ContactPoint

        quote = connection.ops.quote_name
        table = quote(ContactPoint._meta.db_table)
        select = f"SELECT person_id, {quote('kind')}, {quote('value')} FROM {table}"
        queries: list[tuple[str, list[int | str]]] = []
        if wanted is None:
            kinds = ", ".join(["%s"] * len(IDENTITY_KINDS))
            queries.append(
                (
                    f"{select} WHERE network_id = %s AND {quote('kind')} IN ({kinds})",
                    [self.network_id, *IDENTITY_KINDS],
                )
            )
        else:
            by_kind: dict[str, list[str]] = defaultdict(list)
            for kind, value in sorted(wanted):
                by_kind[kind].append(value)
            for kind, values in by_kind.items():
                for begin in range(0, len(values), _VALUES_PER_QUERY):
                    chunk = values[begin : begin + _VALUES_PER_QUERY]
                    queries.append(
                        (
                            f"{select} WHERE network_id = %s AND {quote('kind')} = %s"
                            f" AND {quote('value')} IN ({', '.join(['%s'] * len(chunk))})",
                            [self.network_id, kind, *chunk],
                        )
                    )
            if "email" in by_kind:
                # Addresses are stored lower-cased; one that is not (a hand-made JSON
                # import) is found as the full read finds it.
                queries.append(
                    (
                        f"{select} WHERE network_id = %s AND {quote('kind')} = %s"
                        f" AND {quote('value')} <> LOWER({quote('value')})",
                        [self.network_id, "email"],
                    )
                )
        contacts = self.contacts
        for sql, params in queries:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(_FETCH):
                for person_id, kind, value in rows:
                    key = (kind, value.lower() if kind == "email" else value)
                    if wanted is not None and key not in wanted:
                        continue
                    ids = contacts[key]
                    if person_id not in ids:
                        ids.append(person_id)

    def _record_keys(self, record: ContactRecord) -> list[tuple[str, str]]:
        """The identifying contact values a record gives, in order, each once; every
        value is normalised once per index (an import asks for a record's up to three
        times, and parsing a phone number is slow)."""
        keys = []
        known = self._normalised
        for contact in record.contacts:
            value = (contact.kind, contact.value)
            if value in known:
                key = known[value]
            else:
                key = known[value] = normalised_contact(contact.kind, contact.value)
            if key is not None and key not in keys:
                keys.append(key)
        return keys

    def _file(self, person_id: int, entry: _Entry) -> None:
        self.people[person_id] = entry
        for key in _blocking_keys(entry):
            self.blocks[key].append(person_id)

    def add(self, person_id: int, record: ContactRecord) -> None:
        """File a person the import has just created from ``record``."""
        if person_id in self.people:
            return
        self._file(person_id, _record_entry(record))
        for key in self._record_keys(record):
            if person_id not in self.contacts[key]:
                self.contacts[key].append(person_id)

    def match(self, record: ContactRecord, min_score: float = DEFAULT_MIN_SCORE) -> Match | None:
        """The existing person ``record`` most likely is, or None."""
        entry = _record_entry(record)
        shared: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for key in self._record_keys(record):
            for person_id in self.contacts.get(key, ()):
                shared[person_id].append(key)
        best: Match | None = None
        best_rank: tuple[float, ...] = ()
        for person_id, keys in shared.items():
            score, reasons, certain = _contact_match(self.people[person_id], entry, keys)
            rank = (float(certain), score, float(len(keys)), -float(person_id))
            if rank > best_rank:
                best, best_rank = Match(person_id, score, reasons, certain), rank
        if best is not None and best.certain:
            return best
        candidates: set[int] = set()
        for block in _blocking_keys(entry):
            candidates.update(self.blocks.get(block, ()))
        for person_id in candidates:
            found = _compare_names(self.people[person_id], entry)
            if found is None or found.score < min_score:
                continue
            certain = _name_certain(found)
            rank = (float(certain), found.score, 0.0, -float(person_id))
            if rank > best_rank:
                best = Match(person_id, found.score, found.reasons, certain)
                best_rank = rank
        return best

    # --- all pairs of the network -------------------------------------------------------

    @cycle_collection_paused()
    def pairs(
        self, min_score: float = DEFAULT_MIN_SCORE, progress: Progress | None = None
    ) -> list[Pair]:
        """Every likely pair of the network's persons, best first."""
        self._check_complete()
        self.people.fill()
        found: dict[tuple[int, int], Pair] = {}
        shared: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
        for key, ids in self.contacts.items():
            if 1 < len(ids) <= MAX_SHARED:
                for a, b in itertools.combinations(sorted(ids), 2):
                    shared[(a, b)].append(key)
        for (a, b), keys in shared.items():
            score, reasons, certain = _contact_match(self.people[a], self.people[b], keys)
            if score >= min_score or certain:
                found[(a, b)] = Pair(a, b, score, reasons, certain)
        blocks = [ids for ids in self.blocks.values() if len(ids) > 1]
        total = len(blocks)
        for done, ids in enumerate(blocks):
            for a, b in self._alike_pairs(ids):
                if (a, b) in found:
                    continue
                alike = _compare_names(self.people[a], self.people[b])
                if alike is None or alike.score < min_score:
                    continue
                found[(a, b)] = Pair(a, b, alike.score, alike.reasons, _name_certain(alike))
            if progress and done % 2000 == 0:
                progress("comparing names", done, total)
        if progress:
            progress("comparing names", total, total)
        return sorted(found.values(), key=lambda pair: (-pair.score, pair.person_a, pair.person_b))

    def _alike_pairs(self, ids: list[int]) -> Iterator[tuple[int, int]]:
        """The pairs of a block whose given names are alike (ordered ids): the given
        names are compared once per two distinct names, not once per two persons."""
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for pk in ids:
            entry = self.people[pk]
            groups[(entry.given_key, entry.nickname_key)].append(pk)
        keys = list(groups)
        for index, first in enumerate(keys):
            members = groups[first]
            for a, b in itertools.combinations(members, 2):
                yield (a, b) if a < b else (b, a)
            sample = self.people[members[0]]
            for second in keys[index + 1 :]:
                others = groups[second]
                if not _given_alike(sample, self.people[others[0]]):
                    continue
                for a in members:
                    for b in others:
                        yield (a, b) if a < b else (b, a)

    def compare(self, a: int, b: int) -> Pair | None:
        """The pair of two filed persons, whatever their score (None: nothing alike)."""
        self._check_complete()
        first, second = sorted((a, b))
        keys = [key for key, ids in self.contacts.items() if first in ids and second in ids]
        if keys:
            score, reasons, certain = _contact_match(self.people[first], self.people[second], keys)
            return Pair(first, second, score, reasons, certain)
        found = _compare_names(self.people[first], self.people[second])
        if found is None:
            return None
        return Pair(first, second, found.score, found.reasons, _name_certain(found))

    def _check_complete(self) -> None:
        if not self.complete:
            raise ValueError(
                "this index has only some records' contact values; build it without "
                "records to compare the whole network"
            )


def _given_alike(a: _Entry, b: _Entry) -> bool:
    return _given_similarity(a, b) is not None
