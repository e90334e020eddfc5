"""The right salutation for a person: "Sehr geehrte Frau Dr. Müller," or "Liebe Anna,".

A German salutation needs the person's gender. It is taken from the person's gender, else
from their salutation field ("Frau", "Herr", "Mrs", "Mr"), else from the given name through
the first-name lists shipped with ``faker`` (German, American and British, female and male;
a name in both lists is ambiguous). Measured on 300 German and English names
(tests/upkeep/first_names.txt): faker's lists name 292 right, none wrong, 8 unknown;
``gender-guesser`` 0.4.0 names 285 right, none wrong (299 with its "mostly" answers, but
one of them wrong), so no package is added for it. Unknown, ambiguous or "diverse": the
neutral form.

The rules, in German:

- *du* uses the given name: "Liebe Anna," / "Lieber Bernd," / neutral "Hallo Anna,".
- *Sie* uses Frau or Herr, the academic title and the family name with its particle:
  "Sehr geehrte Frau Dr. Müller," / "Sehr geehrter Herr von Weizsäcker,". Of "Prof. Dr."
  only "Prof." is written. A *warm* Sie ("Lieber Herr Prof. Weber,") is for people of the
  inner circle or important ones, the others get the formal one.
- Neutral (gender unknown or diverse): "Guten Tag Dr. Bernd Berger," with the full name.
- Not known whether *du* or *Sie*: *Sie*.

In English: "Dear Anna," for *du*, else "Dear Dr. Miller," / "Dear Ms Miller," / "Dear Mr
Miller," and neutral "Dear Anna Miller,".
"""

from __future__ import annotations

from functools import cache

from django.conf import settings

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.models import Member
from knoten.core.words import resolve_word, words
from knoten.people.lookup import resolve_person
from knoten.people.models import Person

LANGUAGES = ("de", "en")
FEMALE, MALE, NEUTRAL = "female", "male", ""

# The salutation field's first word, folded: what it says about the gender.
_SALUTATION_WORDS = {
    "frau": FEMALE,
    "fr": FEMALE,
    "mrs": FEMALE,
    "ms": FEMALE,
    "miss": FEMALE,
    "madam": FEMALE,
    "madame": FEMALE,
    "herr": MALE,
    "hr": MALE,
    "herrn": MALE,
    "mr": MALE,
    "sir": MALE,
    "monsieur": MALE,
}
_DEAR_WORDS = {"dear", "liebe", "lieber", "sehr", "geehrte", "geehrter"}
GENDERS = words(
    ("female", "female", "weiblich"),
    ("male", "male", "männlich"),
    ("diverse", "diverse", "divers"),
    ("", "neutral", "neutral"),
)
_GENDER_WORDS = {"frau": "female", "herr": "male", "unknown": "", "unbekannt": ""}
# From the importance "inner circle" and "important" a Sie is warm ("Lieber Herr …").
WARM_IMPORTANCE = Person.Tier.IMPORTANT


@cache
def _first_names() -> dict[str, str]:
    """Each first name (folded) with its gender; names in both lists are left out."""
    from faker.providers.person.de_DE import Provider as German
    from faker.providers.person.en_GB import Provider as British
    from faker.providers.person.en_US import Provider as American

    female: set[str] = set()
    male: set[str] = set()
    for provider in (German, American, British):
        female.update(fold(name) for name in provider.first_names_female)
        male.update(fold(name) for name in provider.first_names_male)
    names = {name: FEMALE for name in female - male}
    names.update({name: MALE for name in male - female})
    return names


def gender_of_name(given_name: str) -> str:
    """``female``, ``male`` or ``""`` (unknown or ambiguous) for a given name.

    Of a double name ("Anna-Lena", "Hans Peter") the first part counts.
    """
    parts = fold(given_name or "").replace("-", " ").split()
    if not parts:
        return NEUTRAL
    return _first_names().get(parts[0].strip("."), NEUTRAL)


def gender_of_salutation(text: str) -> str:
    """What a salutation field ("Frau", "Herr", "Dear Ms") says of the gender, or ``""``."""
    for word in fold(text or "").replace(".", " ").replace(",", " ").split():
        if word in _DEAR_WORDS:
            continue
        return _SALUTATION_WORDS.get(word, NEUTRAL)
    return NEUTRAL


def gender_of(person: Person) -> str:
    """``female``, ``male``, ``diverse`` or ``""``: the person's, the salutation's, the name's."""
    if person.gender:
        return str(person.gender)
    return gender_of_salutation(person.salutation) or gender_of_name(person.given_name)


def language_of(person: Person, language: str | None = None) -> str:
    """The language to write to ``person`` in: asked for, theirs, the network's, English."""
    if language is not None and str(language).strip():
        code = str(language).strip().lower()[:2]
        if code not in LANGUAGES:
            raise InvalidInput("language", language, "is neither de nor en; write it as de or en")
        return code
    if person.language in LANGUAGES:
        return str(person.language)
    configured = str(getattr(settings, "KNOTEN_LANGUAGE", "") or "").lower()[:2]
    return configured if configured in LANGUAGES else "en"


def address_of(person: Person, address: str | None = None) -> str:
    """``du`` or ``sie``: asked for, else the person's, else *Sie*."""
    if address is not None and str(address).strip():
        code = fold(str(address).strip())
        if code not in ("du", "sie"):
            raise InvalidInput("address", address, "is neither du nor Sie; write it as du or sie")
        return code
    return "du" if person.form_of_address == Person.Address.DU else "sie"


def _title(person: Person) -> str:
    title = (person.academic_title or "").strip()
    if "prof" in fold(title):
        return "Prof."
    return title


def _family(person: Person) -> str:
    return " ".join(part for part in (person.name_particle, person.family_name) if part)


def salutation(
    person: Person,
    language: str | None = None,
    address: str | None = None,
    *,
    warm: bool | None = None,
) -> str:
    """The first line of a letter to ``person``, with its comma (see the module's rules).

    ``warm`` (a Sie with "Lieber"/"Liebe"): None takes it from the person's importance.
    """
    lang = language_of(person, language)
    form = address_of(person, address)
    gender = gender_of(person)
    given = (person.given_name or person.nickname or "").strip()
    family = _family(person)
    title = _title(person)
    if warm is None:
        warm = person.importance <= WARM_IMPORTANCE
    if lang == "en":
        return _english(person, form, gender, given, family, title)
    if form == "du" and given:
        if gender == FEMALE:
            return f"Liebe {given},"
        if gender == MALE:
            return f"Lieber {given},"
        return f"Hallo {given},"
    if family and gender in (FEMALE, MALE):
        name = " ".join(part for part in ("Frau" if gender == FEMALE else "Herr", title, family))
        name = " ".join(name.split())
        if warm:
            return f"{'Liebe' if gender == FEMALE else 'Lieber'} {name},"
        return f"{'Sehr geehrte' if gender == FEMALE else 'Sehr geehrter'} {name},"
    full = person.full_name or given
    return f"Guten Tag {full}," if full else "Guten Tag,"


def _english(person: Person, form: str, gender: str, given: str, family: str, title: str) -> str:
    if form == "du" and given:
        return f"Dear {given},"
    if family and title:
        return f"Dear {title} {family},"
    if family and gender in (FEMALE, MALE):
        return f"Dear {'Ms' if gender == FEMALE else 'Mr'} {family},"
    name = person.short_name or given
    return f"Dear {name}," if name else "Hello,"


def read_gender(text: str | None) -> str:
    """``female``, ``male``, ``diverse`` or ``""`` from a word: weiblich, Herr, neutral …"""
    shown = (text or "").strip()
    if not shown:
        return ""
    if fold(shown) in _GENDER_WORDS:
        return _GENDER_WORDS[fold(shown)]
    return resolve_word(GENDERS, shown, "gender")


def set_gender(actor: Member, person: str | int | Person, gender: str | None) -> Person:
    """Set the gender a salutation goes by (``""`` or "neutral": unknown, the neutral form)."""
    code = read_gender(gender)
    found = resolve_person(actor, person)
    with changes.atomic():
        found.gender = code
        found.save(update_fields=["gender", "updated_at"])
    return found
