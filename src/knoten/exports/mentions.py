"""Where a person is named in the rest of the network, and those texts without them.

Forgetting a person (:mod:`knoten.exports.erasure`) replaces what identifies them in
every text of every other record of the network (each character and text field, and
the strings inside JSON fields, found through ``_meta``) with ``[removed]``. The rule:

- **Everywhere**: their name in any form that is plainly theirs — the full name, given
  and family name, nickname and family name, the family name after a title or a form of
  address ("Dr. Müller", "Herrn Müller"), each also without umlauts (Mueller, Muller)
  and in any case — and their e-mail addresses, phone numbers (however written:
  "+49 170 1234567", "0170 123 4567") and web and profile addresses (with or without
  ``https://`` and ``www.``).
- **Only in records about them**: a single word of the name alone (the given name,
  the family name or the nickname). A record is about them when a row erased with them
  links it to them (the other person of a relationship, favour or recommendation,
  someone they introduced, a conversation they took part in, a project or event of
  theirs, an organisation they worked for), when it is a label they carried, or when
  it also names them in one of the forms above.
- Elsewhere a single word is left as it is, since another Anna or a relative with the
  same family name may be meant; such records are listed for review in the plan.
- Another person's own name (their name fields, their salutation) is never changed,
  and in that person's texts the forms of their own name are not taken for the
  forgotten person's (a wife of the same family name keeps "Frau Müller").
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from django.db import models
from django.db.models import Q

from knoten.exports.network_json import exported_models
from knoten.people.models import ContactPoint, Person

REMOVED = "[removed]"
# Forms of address a family name is written with, which are replaced with it.
_ADDRESS_WORDS = ("Herr", "Herrn", "Frau", "Dr.", "Prof.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.")
# A person's own name: never rewritten for someone else's.
_OWN_NAME_FIELDS = {
    "given_name",
    "family_name",
    "name_particle",
    "academic_title",
    "nickname",
    "salutation",
}
_WEB_KINDS = ("website", "linkedin", "xing", "messenger")
_PHONE_GAP = r"[\s./()\-]{0,3}"
# The rest of a web address after a profile's (a path, a query), without the
# punctuation of the sentence it ends.
_URL_REST = r"(?:[/?#](?:[^\s<>\"']*[^\s<>\"'.,;:!?)\]])?)?"


# --- the forms of a name --------------------------------------------------------------------


def _without_marks(text: str) -> str:
    table = str.maketrans({"ß": "ss", "ẞ": "SS"})
    decomposed = unicodedata.normalize("NFKD", text.translate(table))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _transliterated(text: str) -> str:
    pairs = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
    return text.translate(str.maketrans(pairs))  # type: ignore[arg-type]


def _spellings(phrase: str) -> set[str]:
    phrase = " ".join(phrase.split())
    if len(phrase) < 2:
        return set()
    return {phrase, _transliterated(phrase), _without_marks(phrase)}


def name_forms(person: Person) -> list[str]:
    """The ways the person's name is written that are plainly theirs: full, given and
    family, nickname and family, with a form of address, each also without umlauts
    (Müller, Mueller, Muller). Longest first."""
    family = " ".join(part for part in (person.name_particle, person.family_name) if part)
    phrases = {
        person.full_name,
        " ".join(part for part in (person.given_name, person.family_name) if part),
    }
    if len(person.short_name.split()) > 1:
        phrases.add(person.short_name)
    if person.nickname and family:
        phrases.add(f"{person.nickname} {family}")
    if family:
        phrases.update(f"{word} {family}" for word in _ADDRESS_WORDS)
        if person.academic_title:
            phrases.add(f"{person.academic_title} {family}")
    forms: set[str] = set()
    for phrase in phrases:
        forms.update(_spellings(phrase))
    return sorted(forms, key=lambda form: (-len(form), form))


def name_words(person: Person) -> list[str]:
    """The single words of the name: given name, family name, nickname, in each
    spelling; replaced only in records about them."""
    words: set[str] = set()
    for word in (person.given_name, person.family_name, person.nickname):
        words.update(_spellings(word))
    return sorted(words, key=lambda form: (-len(form), form))


def _alternatives(forms: list[str]) -> list[str]:
    return [r"\s+".join(re.escape(word) for word in form.split()) for form in forms]


def _words_pattern(forms: list[str]) -> re.Pattern[str] | None:
    """Any of ``forms`` as whole words, in any case, spaces flexible. A double-barrelled
    name (Müller-Lüdenscheidt) is another name: a hyphen joined to a word ends none."""
    if not forms:
        return None
    return re.compile(
        r"(?<!\w)(?<!\w-)(?:" + "|".join(_alternatives(forms)) + r")(?!\w)(?!-\w)", re.IGNORECASE
    )


def name_pattern(person: Person) -> re.Pattern[str] | None:
    """Any of :func:`name_forms` as whole words, in any case, spaces flexible."""
    return _words_pattern(name_forms(person))


# --- their addresses ------------------------------------------------------------------------


def _phone_pattern(value: str) -> str | None:
    """A phone number however it is written: with +49, 0049 or 0, with any spaces,
    dots, dashes, slashes or brackets between the digits."""
    try:
        number = phonenumbers.parse(value, None if value.startswith("+") else "DE")
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", value)
        if len(digits) < 6:
            return None
        return r"(?<![\d+])" + _PHONE_GAP.join(digits) + r"(?!\d)"
    national = str(number.national_number)
    if len(national) < 5:
        return None
    country = _PHONE_GAP.join(str(number.country_code))
    prefix = rf"(?:(?:\+|00){country}{_PHONE_GAP}(?:\(0\){_PHONE_GAP})?|0)?"
    return r"(?<![\d+])" + prefix + _PHONE_GAP.join(national) + r"(?!\d)"


def _web_core(value: str) -> str:
    core = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value.strip(), flags=re.IGNORECASE)
    core = re.sub(r"^www\.", "", core, flags=re.IGNORECASE)
    return core.rstrip("/")


def _plain_pattern(forms: list[str], contact: list[str]) -> re.Pattern[str] | None:
    pieces = list(contact)
    if forms:
        names = "|".join(_alternatives(forms))
        pieces.insert(0, r"(?<!\w)(?<!\w-)(?:" + names + r")(?!\w)(?!-\w)")
    return re.compile("|".join(pieces), re.IGNORECASE) if pieces else None


@dataclass
class Traces:
    """What identifies a person in a text: ``plain`` is replaced everywhere, ``words``
    (a single word of the name) only in records about them; ``needles`` find the
    candidate rows in the database, the patterns decide."""

    forms: list[str]
    word_forms: list[str]
    contact: list[str]  # the patterns of their addresses
    needles: set[str]
    plain: re.Pattern[str] | None = None
    words: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        self.plain = _plain_pattern(self.forms, self.contact)
        self.words = _words_pattern(self.word_forms)

    def without_own(self, own: Person) -> Traces:
        """These traces in the record of ``own``: the forms of their own name are theirs."""
        theirs = {form.casefold() for form in (*name_forms(own), *name_words(own))}
        forms = [f for f in self.forms if f.casefold() not in theirs]
        words = [w for w in self.word_forms if w.casefold() not in theirs]
        if forms == self.forms and words == self.word_forms:
            return self
        return Traces(forms, words, self.contact, self.needles)


def traces_of(person: Person) -> Traces:
    """The forms of the person's name and the patterns of their addresses."""
    words = name_words(person)
    contact: list[str] = []
    needles: set[str] = set()
    for word in words:
        needles.update({word, word.lower(), word.upper(), word.capitalize()})
    points = ContactPoint.objects.filter(person=person).values_list("kind", "value")
    for kind, value in points:
        value = value.strip()
        if kind == "email" and "@" in value:
            contact.append(r"(?<![\w.+-])" + re.escape(value) + r"(?![\w-])(?!\.\w)")
            needles.add(value)
        elif kind == "phone":
            phone = _phone_pattern(value)
            if phone:
                contact.append(phone)
                needles.add(re.sub(r"\D", "", value)[-2:])
        elif kind in _WEB_KINDS:
            core = _web_core(value)
            if len(core) >= 4:
                scheme = r"(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?"
                contact.append(
                    r"(?<![\w.])" + scheme + re.escape(core) + r"(?![\w-])(?!\.\w)" + _URL_REST
                )
                needles.add(core)
    return Traces(name_forms(person), words, contact, {n for n in needles if n})


# --- which records are about them -----------------------------------------------------------


def person_links() -> list[models.ForeignObjectRel]:
    """The keys of other models that point at a person (their own, not derived rows)."""
    exported = set(exported_models())
    return [
        rel
        for rel in Person._meta.related_objects
        if not rel.many_to_many and rel.related_model in exported
    ]


def about_them(network_id: int, person: Person) -> dict[Any, set[int]]:
    """The records linked to the person by one row that points at them (the row
    itself and what else it points at), and the labels they carry."""
    exported = set(exported_models())
    about: dict[Any, set[int]] = defaultdict(set)
    for rel in person_links():
        model: Any = rel.related_model
        keys = [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and f.name != "network" and f.related_model in exported
        ]
        rows = model._default_manager.filter(
            network_id=network_id, **{rel.field.name: person}
        ).values_list("pk", *(f.attname for f in keys))
        for pk, *values in rows:
            about[model].add(pk)
            for key, value in zip(keys, values, strict=True):
                if value is not None and not (key.related_model is Person and value == person.pk):
                    about[key.related_model].add(value)
    for m2m in Person._meta.many_to_many:
        about[m2m.related_model].update(getattr(person, m2m.name).values_list("pk", flat=True))
    return about


# --- finding and rewriting ------------------------------------------------------------------


@dataclass
class Mention:
    """One record that names the person: the new values of its fields (empty when it
    is only to be reviewed) and how many replacements."""

    model: Any
    pk: int
    values: dict[str, Any]
    count: int
    review: list[str] = field(default_factory=list)
    name: str = ""

    def describe(self) -> dict[str, Any]:
        """The record as the plan lists it, for the user to find and review."""
        fields = sorted(self.values) or sorted(self.review)
        return {
            "kind": self.model._meta.model_name,
            "label": str(self.model._meta.verbose_name),
            "id": self.pk,
            "name": self.name,
            "fields": fields,
            "field_names": [str(self.model._meta.get_field(f).verbose_name) for f in fields],
            "replacements": self.count,
        }


def _title(obj: models.Model) -> str:
    """What the user knows the record by: its name, else its first date."""
    for attr in ("full_name", "name", "title"):
        value = getattr(obj, attr, "")
        if value and isinstance(value, str):
            return value
    for f in obj._meta.concrete_fields:
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            value = getattr(obj, f.attname)
            if value is not None:
                return value.isoformat()
    return ""


def _text_fields(model: type[models.Model]) -> tuple[list[str], list[str]]:
    texts, jsons = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.is_relation or not f.editable or f.choices:
            continue
        if model is Person and f.name in _OWN_NAME_FIELDS:
            continue
        if isinstance(f, models.JSONField):
            jsons.append(f.name)
        elif isinstance(f, models.CharField | models.TextField):
            texts.append(f.name)
    return texts, jsons


def _replace_in(value: Any, pattern: re.Pattern[str]) -> tuple[Any, int]:
    """``value`` (text, or a JSON value with texts in it) with ``pattern`` replaced."""
    if isinstance(value, str):
        return pattern.subn(REMOVED, value)
    if isinstance(value, list):
        total, out = 0, []
        for item in value:
            new, count = _replace_in(item, pattern)
            out.append(new)
            total += count
        return out, total
    if isinstance(value, dict):
        total, found = 0, {}
        for key, item in value.items():
            new, count = _replace_in(item, pattern)
            found[key] = new
            total += count
        return found, total
    return value, 0


def find_mentions(
    network_id: int, person: Person, skip: dict[Any, set[int]]
) -> tuple[list[Mention], list[Mention]]:
    """The records of the network that name ``person`` (besides those in ``skip``,
    erased anyway): those to be rewritten, and those to be reviewed (a single word of
    the name in a record not about them, left as it is)."""
    traces = traces_of(person)
    if traces.plain is None and traces.words is None:
        return [], []
    about = about_them(network_id, person)
    changed: list[Mention] = []
    review: list[Mention] = []
    for model in exported_models():
        texts, jsons = _text_fields(model)
        if not texts and not jsons:
            continue
        condition = Q()
        for name in texts:
            for needle in traces.needles:
                condition |= Q(**{f"{name}__icontains": needle})
        rows = model._default_manager.filter(network_id=network_id)
        if not jsons:
            rows = rows.filter(condition)
        leave = skip.get(model, set())
        for obj in rows.iterator(chunk_size=2000):
            if obj.pk in leave:
                continue
            mine = traces.without_own(obj) if isinstance(obj, Person) else traces
            found = _mention(obj, texts + jsons, mine, obj.pk in about.get(model, ()))
            if found is None:
                continue
            if found.values:
                changed.append(found)
            else:
                review.append(found)
    return changed, review


def _mention(
    obj: models.Model,
    names: list[str],
    traces: Traces,
    about: bool,
) -> Mention | None:
    plain, words = traces.plain, traces.words
    first: dict[str, tuple[Any, int]] = {}
    for name in names:
        value = getattr(obj, name)
        if value in (None, "", [], {}):
            continue
        first[name] = _replace_in(value, plain) if plain is not None else (value, 0)
    named = sum(count for _new, count in first.values())
    values: dict[str, Any] = {}
    review: list[str] = []
    total = 0
    for name, (new, count) in first.items():
        if words is not None:
            if about or named:
                new, more = _replace_in(new, words)
                count += more
            elif _replace_in(new, words)[1]:
                review.append(name)
        if count:
            values[name] = _fitted(obj, name, new)
            total += count
    if not values and not review:
        return None
    return Mention(type(obj), obj.pk, values, total, review, _title(obj))


def _fitted(obj: models.Model, name: str, value: Any) -> Any:
    limit = getattr(obj._meta.get_field(name), "max_length", None)
    if isinstance(value, str) and limit and len(value) > limit:
        return value[:limit]
    return value


def rewrite(mentions: list[Mention]) -> dict[Any, set[int]]:
    """Write the new texts; what a row derives from them (a folded name, the time of
    the change) is written with them. The ids rewritten, by model."""
    done: dict[Any, set[int]] = defaultdict(set)
    for mention in mentions:
        obj = mention.model._default_manager.get(pk=mention.pk)
        for name, value in mention.values.items():
            setattr(obj, name, value)
        derived = [
            f.name
            for f in obj._meta.concrete_fields
            if not f.editable and not f.primary_key and not f.is_relation
        ]
        obj.save(update_fields=[*mention.values, *derived])
        done[mention.model].add(mention.pk)
    return done
