"""Persons: adding, editing, archiving and deleting them, and listing them.

A person is added or edited from :class:`PersonFields`, the optional facts a user gives
(every one may be left out). All of them are read and checked before anything is written,
and written in one unit of work: on any error nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Model

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.core.names import NameParts, parse_name
from knoten.core.partial_dates import PartialDate
from knoten.core.reading import clean, column_line, partial_date, this_month
from knoten.core.resolving import resolve_named
from knoten.core.words import word_key
from knoten.people import contacts
from knoten.people.contacts import ParsedContact

# The contact point operations live in contacts; callers may take them from here too.
from knoten.people.contacts import add_contact as add_contact
from knoten.people.contacts import delete_contact_point as delete_contact_point
from knoten.people.contacts import edit_contact_point as edit_contact_point
from knoten.people.contacts import list_contact_points as list_contact_points
from knoten.people.labels import ensure_circles, ensure_named, wanted_names
from knoten.people.lookup import (
    PersonRef,
    ensure_organisation,
    fits,
    resolve_person,
)
from knoten.people.models import (
    Affiliation,
    ImportantDate,
    Person,
    Skill,
    Tag,
)

# What a reference to another person needs ({"id", "name"}): loading only these keeps a
# detail with hundreds of related rows from converting every timestamp and note.
NAME_FIELDS = ("academic_title", "given_name", "name_particle", "family_name")


@dataclass
class PersonFields:
    """The optional facts about a person, as a user gives them.

    ``None`` means "not given": ``add_person`` leaves the fact empty and ``edit_person``
    leaves it unchanged. An empty string clears a single fact on edit. A repeated fact
    (emails, phones, circles …) given on edit replaces what the person had; a sequence
    of only empty strings clears it. Every value is text as typed; the functions below
    read and check it.
    """

    org: str | None = None
    title: str | None = None
    function: str | None = None
    emails: Sequence[str] | None = None
    phones: Sequence[str] | None = None
    websites: Sequence[str] | None = None  # LinkedIn and XING profiles are recognised
    messengers: Sequence[str] | None = None
    address: str | None = None
    circles: Sequence[str] | None = None
    tags: Sequence[str] | None = None
    skills: Sequence[str] | None = None
    birthday: str | None = None
    met_on: str | None = None
    met_at: str | int | Any | None = None  # an event's name or id (or the Event)
    met_org: str | None = None  # the organisation where we met
    met_via: PersonRef | None = None  # who introduced us
    how_met: str | None = None
    form_of_address: str | None = None  # "du" or "Sie"
    salutation: str | None = None
    note: str | None = None
    importance: str | int | None = None  # 1–4 or inner/important/regular/peripheral
    nickname: str | None = None
    academic_title: str | None = None
    gender: str | None = None  # female, male, diverse (German words too); "" unknown
    language: str | None = None  # de or en; "" the network's
    do_not_ask: bool | None = None  # never an intermediary of an introduction path


GENDER_WORDS = {
    "female": Person.Gender.FEMALE,
    "weiblich": Person.Gender.FEMALE,
    "frau": Person.Gender.FEMALE,
    "male": Person.Gender.MALE,
    "mannlich": Person.Gender.MALE,
    "herr": Person.Gender.MALE,
    "diverse": Person.Gender.DIVERSE,
    "divers": Person.Gender.DIVERSE,
    "neutral": Person.Gender.UNKNOWN,
    "unknown": Person.Gender.UNKNOWN,
    # What address books write (vCard GENDER, Outlook's and Google's columns); keys as
    # word_key makes them: folded, without spaces or hyphens.
    "f": Person.Gender.FEMALE,
    "w": Person.Gender.FEMALE,
    "woman": Person.Gender.FEMALE,
    "m": Person.Gender.MALE,
    "man": Person.Gender.MALE,
    "mann": Person.Gender.MALE,
    "o": Person.Gender.DIVERSE,
    "other": Person.Gender.DIVERSE,
    "nonbinary": Person.Gender.DIVERSE,
    "u": Person.Gender.UNKNOWN,
    "n": Person.Gender.UNKNOWN,
    "unspecified": Person.Gender.UNKNOWN,
    "nichtangegeben": Person.Gender.UNKNOWN,
    "keineangabe": Person.Gender.UNKNOWN,
    "unbekannt": Person.Gender.UNKNOWN,
}


def parse_gender(value: str) -> str:
    """``female``, ``male``, ``diverse`` or ``""`` (for the salutation of a draft)."""
    text = word_key(value)
    if not text:
        return Person.Gender.UNKNOWN
    found = GENDER_WORDS.get(text)
    if found is None:
        raise InvalidInput("gender", value, "is not one of: female, male, diverse, neutral")
    return found


def parse_language(value: str) -> str:
    """``de`` or ``en`` (``""``: the network's language)."""
    text = word_key(value)
    found = {"": "", "de": "de", "deutsch": "de", "german": "de", "en": "en", "english": "en"}
    if text not in found:
        raise InvalidInput("language", value, "is neither de nor en")
    return found[text]


IMPORTANCE_WORDS = {
    "inner": 1,
    "innercircle": 1,
    "innererkreis": 1,
    "engsterkreis": 1,
    "important": 2,
    "wichtig": 2,
    "regular": 3,
    "normal": 3,
    "peripheral": 4,
    "peripher": 4,
    "rand": 4,
    "lose": 4,
}


_FORMS_OF_ADDRESS = {
    "du": Person.Address.DU,
    "informal": Person.Address.DU,
    "sie": Person.Address.SIE,
    "formal": Person.Address.SIE,
}


def parse_importance(value: str | int) -> int:
    """A tier 1–4 from a number or a word (inner, important, regular, peripheral; German too)."""
    text = str(value).strip()
    if text.isdecimal() and 1 <= int(text) <= 4:
        return int(text)
    tier = IMPORTANCE_WORDS.get(word_key(text))
    if tier is None:
        raise InvalidInput(
            "importance", value, "is not 1–4 or one of: inner, important, regular, peripheral"
        )
    return tier


def parse_form_of_address(value: str) -> str:
    """``du`` or ``sie`` (``""`` for unknown)."""
    text = word_key(value)
    if not text:
        return Person.Address.UNKNOWN
    found = _FORMS_OF_ADDRESS.get(text)
    if found is None:
        raise InvalidInput("form_of_address", value, "is neither 'du' nor 'Sie'")
    return found


@dataclass
class _Plan:
    """Everything a person's fields say, read and checked, before anything is written."""

    attrs: dict[str, Any] = field(default_factory=dict)
    contacts: dict[str, list[ParsedContact]] = field(default_factory=dict)
    circles: list[str] | None = None
    tags: list[str] | None = None
    skills: list[str] | None = None
    birthday_given: bool = False
    birthday: PartialDate | None = None
    org: str | None = None
    title: str | None = None
    function: str | None = None
    met_org: str | None = None


def _contact_texts(fields: PersonFields) -> list[tuple[str, Sequence[str] | None]]:
    """Each kind of contact point with what was typed for it (None: not given)."""
    return [
        ("email", fields.emails),
        ("phone", fields.phones),
        ("website", fields.websites),
        ("messenger", fields.messengers),
        ("address", None if fields.address is None else [fields.address]),
    ]


def _plan(actor: Member, fields: PersonFields, person: Person | None) -> _Plan:
    plan = _Plan()
    attrs = plan.attrs
    text_attrs = {
        "salutation": fields.salutation,
        "notes": fields.note,
        "how_we_met": fields.how_met,
        "nickname": fields.nickname,
        "academic_title": fields.academic_title,
    }
    for name, value in text_attrs.items():
        if value is not None:
            attrs[name] = value.strip() if name in ("notes", "how_we_met") else clean(value)
    if fields.form_of_address is not None:
        attrs["form_of_address"] = parse_form_of_address(fields.form_of_address)
    if fields.importance is not None:
        attrs["importance"] = parse_importance(fields.importance)
    if fields.gender is not None:
        attrs["gender"] = parse_gender(fields.gender)
    if fields.language is not None:
        attrs["language"] = parse_language(fields.language)
    if fields.do_not_ask is not None:
        attrs["do_not_ask"] = bool(fields.do_not_ask)
    if fields.met_on is not None:
        attrs["met_on"] = partial_date(fields.met_on, "met_on")
    if fields.birthday is not None:
        plan.birthday_given = True
        plan.birthday = partial_date(fields.birthday, "birthday")

    for group, texts in _contact_texts(fields):
        if texts is not None:
            plan.contacts[group] = contacts.parse_many(group, texts)

    typed: list[tuple[str, Sequence[str | None] | None]] = [
        ("circles", fields.circles),
        ("tags", fields.tags),
        ("skills", fields.skills),
        ("title", [fields.title]),
        ("function", [fields.function]),
    ]
    for name, values in typed:
        for value in values or []:
            storable(name, value)
    if fields.circles is not None:
        plan.circles = wanted_names(fields.circles)
    if fields.tags is not None:
        plan.tags = wanted_names(fields.tags)
    if fields.skills is not None:
        plan.skills = wanted_names(fields.skills)

    if fields.met_at is not None:
        # The event is journal's model, read through the field so people imports no
        # journal module.
        event_model = cast(type[Model], Person._meta.get_field("met_at_event").related_model)
        attrs["met_at_event"] = (
            resolve_named(actor, event_model, fields.met_at, "met_at event")
            if str(fields.met_at).strip()
            else None
        )
    if fields.met_via is not None:
        if isinstance(fields.met_via, str) and not fields.met_via.strip():
            attrs["introduced_by"] = None
        else:
            via = resolve_person(actor, fields.met_via, "met_via person")
            if person is not None and via.pk == person.pk:
                raise InvalidInput(
                    "met_via", fields.met_via, "is this person; nobody introduces themselves"
                )
            attrs["introduced_by"] = via
    if fields.met_org is not None:
        plan.met_org = clean(fields.met_org)

    _plan_work(fields, person, plan)
    return plan


def _plan_work(fields: PersonFields, person: Person | None, plan: _Plan) -> None:
    """Check --org, --title and --function: a title or function needs an organisation."""
    if fields.org is not None:
        plan.org = clean(fields.org)
        if not plan.org:
            raise InvalidInput("org", fields.org, "is empty; give the organisation's name")
    if fields.title is not None:
        plan.title = column_line(fields.title, "title", Affiliation, "title")
    if fields.function is not None:
        plan.function = column_line(fields.function, "function", Affiliation, "title")
        if not plan.function and plan.org is None:
            raise InvalidInput("function", fields.function, "is empty")
    if plan.org is not None:
        return
    for value, kind, option in (
        (plan.title, "job", "title"),
        (plan.function, "function", "function"),
    ):
        if value is None:
            continue
        current = (
            []
            if person is None
            else list(
                person.affiliations.filter(kind=kind, end__isnull=True).select_related(
                    "organisation"
                )
            )
        )
        if len(current) != 1:
            where = (
                "has no current " + kind
                if not current
                else "has several current "
                + kind
                + "s ("
                + ", ".join(a.organisation.name for a in current)
                + ")"
            )
            who = person.full_name if person is not None else "a new person"
            raise InvalidInput(option, value, f"needs an organisation (--org): {who} {where}")


def _apply_work(actor: Member, person: Person, plan: _Plan) -> None:
    """Write the job and function that --org, --title and --function describe."""
    network_id = actor.network_id
    if plan.org is None:
        for value, kind in ((plan.title, "job"), (plan.function, "function")):
            if value is not None:
                person.affiliations.filter(kind=kind, end__isnull=True).update(title=value)
        return
    organisation = ensure_organisation(actor, plan.org, "org")
    wants_job = plan.title is not None or plan.function is None
    if wants_job:
        jobs = person.affiliations.filter(kind="job", end__isnull=True)
        here = jobs.filter(organisation=organisation).first()
        if here is not None:
            if plan.title is not None:
                here.title = plan.title
                here.save()
        else:
            # A new employer: the jobs held until now end this month.
            jobs.update(end=this_month())
            Affiliation.objects.create(
                network_id=network_id,
                person=person,
                organisation=organisation,
                kind="job",
                title=plan.title or "",
            )
    if plan.function:
        functions = person.affiliations.filter(kind="function", end__isnull=True)
        held = functions.filter(organisation=organisation).first()
        if held is not None:
            held.title = plan.function
            held.save()
        else:
            Affiliation.objects.create(
                network_id=network_id,
                person=person,
                organisation=organisation,
                kind="function",
                title=plan.function,
            )


def _set_columns(actor: Member, person: Person, plan: _Plan) -> None:
    """Set the person's own columns from the plan (the caller saves)."""
    for attr, value in plan.attrs.items():
        setattr(person, attr, value)
    if plan.met_org is not None:
        person.met_at_organisation = (
            ensure_organisation(actor, plan.met_org, "met_org") if plan.met_org else None
        )


def _apply(actor: Member, person: Person, plan: _Plan) -> None:
    """Write everything but the person's own columns (saved by the caller before)."""
    for group, wanted in plan.contacts.items():
        contacts.replace_contact_points(person, group, wanted)
    if plan.circles is not None:
        person.circles.set(ensure_circles(actor, plan.circles))
    if plan.tags is not None:
        person.tags.set(ensure_named(actor, Tag, plan.tags))
    if plan.skills is not None:
        person.skills.set(ensure_named(actor, Skill, plan.skills))
    if plan.birthday_given:
        person.dates.filter(kind="birthday").delete()
        if plan.birthday is not None:
            ImportantDate.objects.create(
                network_id=actor.network_id, person=person, kind="birthday", date=plan.birthday
            )
    _apply_work(actor, person, plan)


def _set_name(person: Person, parts: NameParts) -> None:
    person.given_name = parts.given_name
    person.family_name = parts.family_name
    person.name_particle = parts.name_particle
    person.academic_title = parts.academic_title
    person.nickname = parts.nickname


def add_person(actor: Member, name: str, fields: PersonFields | None = None) -> Person:
    """A new person of ``actor``'s network; only the name is required.

    The name is split into its parts ("Prof. Dr. Hans-Peter von Müller"). ``org`` with
    ``title`` makes a current job, ``function`` a function at that organisation (with
    ``org`` alone, a job without a title). Unknown circles, tags and skills are created.
    """
    fields = fields or PersonFields()
    parts = parse_name(name)
    plan = _plan(actor, fields, None)
    with changes.atomic():
        person = Person(network_id=actor.network_id)
        _set_name(person, parts)
        _set_columns(actor, person, plan)
        fits(person)
        person.save()
        _apply(actor, person, plan)
    return person


def edit_person(
    actor: Member, person: PersonRef, fields: PersonFields, *, name: str | None = None
) -> Person:
    """Change what is given in ``fields`` (and the name); everything else stays.

    A new ``org`` is a new employer: current jobs elsewhere end this month. A ``title``
    or ``function`` without ``org`` renames the one current job or function.
    """
    target = resolve_person(actor, person)
    parts = parse_name(name) if name is not None else None
    plan = _plan(actor, fields, target)
    with changes.atomic():
        if parts is not None:
            _set_name(target, parts)
        _set_columns(actor, target, plan)
        fits(target)
        target.save()
        _apply(actor, target, plan)
    return target


def _is_a_members_me(person: Person) -> bool:
    return Member.objects.filter(person_id=person.pk).exists()


def archive_person(actor: Member, person: PersonRef, archived: bool = True) -> Person:
    """Hide a person from lists (``archived=False`` brings them back); nothing is lost."""
    target = resolve_person(actor, person)
    if archived and _is_a_members_me(target):
        raise InvalidInput("person", str(person), "is a member's own person (me); it stays")
    with changes.atomic():
        target.archived = archived
        target.save(update_fields=["archived", "updated_at"])
    return target


def delete_person(actor: Member, person: PersonRef) -> None:
    """Erase a person with their contact points, affiliations, relationships and dates.

    Conversations stay (without this participant); *me* cannot be deleted.
    """
    target = resolve_person(actor, person)
    if _is_a_members_me(target):
        raise InvalidInput(
            "person", str(person), "is a member's own person (me) and cannot be deleted"
        )
    with changes.atomic():
        target.delete()


def explain_name(name: str) -> str:
    """How a typed name was split: ``name: Prof. Dr. · Hans-Peter · von · Müller``."""
    parts = parse_name(name)
    shown = [
        f"title {parts.academic_title!r}" if parts.academic_title else "",
        f"given {parts.given_name!r}" if parts.given_name else "",
        f"nickname {parts.nickname!r}" if parts.nickname else "",
        f"particle {parts.name_particle!r}" if parts.name_particle else "",
        f"family {parts.family_name!r}" if parts.family_name else "",
    ]
    return "name: " + ", ".join(part for part in shown if part)


def explain_date(label: str, value: str | PartialDate | None) -> str | None:
    """``birthday: 14.03. (--03-14)``; None when nothing was given."""
    if value is None:
        return None
    date = partial_date(value, label)
    if date is None:
        return f"{label}: cleared"
    return f"{label}: {date.display()} ({date.isoformat()})"


def explain_fields(fields: PersonFields) -> list[str]:
    """What was read from the typed fields (dates, contact points, form of address)."""
    lines = [
        explain_date("birthday", fields.birthday),
        explain_date("met on", fields.met_on),
    ]
    for group, texts in _contact_texts(fields):
        for parsed in contacts.parse_many(group, texts or []):
            lines.append(parsed.explain())
    if fields.form_of_address is not None:
        form = parse_form_of_address(fields.form_of_address)
        lines.append(f"form of address: {Person.Address(form).label}")
    if fields.importance is not None:
        lines.append(f"importance: {Person.Tier(parse_importance(fields.importance)).label}")
    if fields.do_not_ask is not None:
        lines.append("do not ask: " + ("yes" if fields.do_not_ask else "no"))
    return [line for line in lines if line]
