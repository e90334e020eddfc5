"""The rules of the network directory: persons, organisations, affiliations, relationships.

Plain typed functions that the command line calls now and the web views and the API
will call unchanged. Each takes the acting member first and works only inside that
member's network: a person or organisation of another network is "not found". What a
user typed (a name, an id or ``me``) is looked up with :mod:`knoten.people.lookup`.

Every function validates all its input before it writes anything, and writes inside
one transaction: on any error nothing is written.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Count, F, Q

from knoten.core import changes
from knoten.core.clock import today
from knoten.core.data import iso, reference
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.folding import fold
from knoten.core.limits import check_window, storable
from knoten.core.models import Member
from knoten.core.names import NameParts, parse_name
from knoten.core.partial_dates import PartialDate, parse_partial_date
from knoten.core.prepared import Prepared
from knoten.core.words import Word, resolve_word
from knoten.people import contacts
from knoten.people import vocabulary as v
from knoten.people.contacts import ParsedContact

# The contact point operations live in contacts; callers may take them from here too.
from knoten.people.contacts import add_contact as add_contact
from knoten.people.contacts import delete_contact_point as delete_contact_point
from knoten.people.contacts import edit_contact_point as edit_contact_point
from knoten.people.contacts import list_contact_points as list_contact_points
from knoten.people.lookup import (
    ensure_organisation,
    fits,
    in_network,
    organisations_of,
    people_of,
    resolve_organisation,
    resolve_person,
)
from knoten.people.models import (
    CONTACT_POINT_FIELDS,
    Affiliation,
    Circle,
    ContactPoint,
    ImportantDate,
    Organisation,
    Person,
    Relationship,
    Skill,
    Tag,
)

PersonRef = str | int | Person
OrganisationRef = str | int | Organisation

# How many of a person's conversations ``person_detail`` lists (newest first); the total
# is always given.
RECENT_INTERACTIONS = 20
# How many rows of a long list inside a detail (events attended, people introduced) show.
DETAIL_LIST_CAP = 50
RELATIONSHIP_CAP = 50
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


# --- reading single values -------------------------------------------------------------

_IMPORTANCE_WORDS = {
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


def _key(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def parse_importance(value: str | int) -> int:
    """A tier 1–4 from a number or a word (inner, important, regular, peripheral; German too)."""
    text = str(value).strip()
    if text.isdecimal() and 1 <= int(text) <= 4:
        return int(text)
    tier = _IMPORTANCE_WORDS.get(_key(text))
    if tier is None:
        raise InvalidInput(
            "importance", value, "is not 1–4 or one of: inner, important, regular, peripheral"
        )
    return tier


def parse_form_of_address(value: str) -> str:
    """``du`` or ``sie`` (``""`` for unknown)."""
    text = _key(value)
    if not text:
        return Person.Address.UNKNOWN
    found = _FORMS_OF_ADDRESS.get(text)
    if found is None:
        raise InvalidInput("form_of_address", value, "is neither 'du' nor 'Sie'")
    return found


def parse_trust(value: str | int) -> int:
    """Trust from 1 (little) to 5 (complete)."""
    text = str(value).strip()
    # isdecimal, not isdigit: int() cannot read every digit ("²").
    if not text.lstrip("-").isdecimal():
        raise InvalidInput("trust", value, "is not a whole number from 1 to 5")
    number = int(text)
    if not 1 <= number <= 5:
        raise InvalidInput("trust", value, "is out of range; trust goes from 1 to 5")
    return number


def _optional_date(value: str | PartialDate | None, field_name: str) -> PartialDate | None:
    """A partial date; None and an empty text give None."""
    if value is None or isinstance(value, PartialDate):
        return value
    if not str(value).strip():
        return None
    return parse_partial_date(str(value), field_name)


def _latest(date: PartialDate) -> dt.date | None:
    """The last day a partial date could mean (None without a year)."""
    if date.year is None:
        return None
    month = date.month or 12
    day = date.day or calendar.monthrange(date.year, month)[1]
    return dt.date(date.year, month, day)


def _check_order(start: PartialDate | None, end: PartialDate | None, end_text: object) -> None:
    if start is None or end is None:
        return
    first, last = start.earliest(), _latest(end)
    if first is not None and last is not None and last < first:
        raise InvalidInput("end", end_text, f"is before the start {start.display()}")


def _at_most(text: str, field_name: str, model: type[Any], column: str) -> str:
    """``text``, if it fits the column; else InvalidInput naming ``field_name``."""
    limit = model._meta.get_field(column).max_length
    if limit is not None and len(text) > limit:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise InvalidInput(field_name, shown, f"is too long: at most {limit} characters")
    return text


def _this_month() -> PartialDate:
    now = today()
    return PartialDate(now.year, now.month)


# --- circles, tags and skills ----------------------------------------------------------

_SEEDED_CIRCLE_WORDS = {
    _key(word): circle.code
    for circle in v.SEEDED_CIRCLES
    for word in (circle.code, circle.en, circle.de)
}


def _wanted_names(texts: Iterable[str]) -> list[str]:
    """The distinct non-empty names of ``texts`` (folded comparison), in order."""
    seen: set[str] = set()
    names = []
    for text in texts:
        name = _clean(text)
        if name and fold(name) not in seen:
            seen.add(fold(name))
            names.append(name)
    return names


def _match_circle(circles: Sequence[Circle], text: str) -> Circle | None:
    """The circle ``text`` names: a seeded one by its English or German name, else by name."""
    code = _SEEDED_CIRCLE_WORDS.get(_key(text))
    if code:
        for circle in circles:
            if circle.code == code:
                return circle
    folded = fold(_clean(text))
    for circle in circles:
        if circle.folded_name == folded:
            return circle
    return None


def find_circle(actor: Member, text: str) -> Circle:
    """An existing circle of ``actor``'s network, by English or German name."""
    storable("circle", text)
    if not _clean(text):
        raise InvalidInput("circle", text, "is empty; give a circle's name")
    found = _match_circle(list(Circle.objects.filter(network_id=actor.network_id)), text)
    if found is None:
        raise NotFound("circle", text)
    return found


def _ensure_circles(actor: Member, names: Sequence[str]) -> list[Circle]:
    """The circles named, an unknown name becoming a new circle of the user's own."""
    existing = list(Circle.objects.filter(network_id=actor.network_id))
    result = []
    for name in names:
        circle = _match_circle(existing, name)
        if circle is None:
            code = _SEEDED_CIRCLE_WORDS.get(_key(name), "")
            seeded = next((c for c in v.SEEDED_CIRCLES if c.code == code), None)
            circle = Circle(
                network_id=actor.network_id, code=code, name=seeded.en if seeded else name
            )
            fits(circle, {"name": "circles"})
            circle.save()
            existing.append(circle)
        if circle not in result:
            result.append(circle)
    return result


def _ensure_named(actor: Member, model: type[Tag] | type[Skill], names: Sequence[str]) -> list[Any]:
    """Tags or skills by name (folded comparison), created on demand."""
    folded = {fold(name): name for name in names}
    found = {
        row.folded_name: row
        for row in model.objects.filter(network_id=actor.network_id, folded_name__in=folded)
    }
    result = []
    for key, name in folded.items():
        row = found.get(key)
        if row is None:
            row = model(network_id=actor.network_id, name=name)
            fits(row, {"name": f"{model.__name__.lower()}s"})
            row.save()
        result.append(row)
    return result


# --- adding and editing persons -------------------------------------------------------


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
            attrs[name] = value.strip() if name in ("notes", "how_we_met") else _clean(value)
    if fields.form_of_address is not None:
        attrs["form_of_address"] = parse_form_of_address(fields.form_of_address)
    if fields.importance is not None:
        attrs["importance"] = parse_importance(fields.importance)
    if fields.met_on is not None:
        attrs["met_on"] = _optional_date(fields.met_on, "met_on")
    if fields.birthday is not None:
        plan.birthday_given = True
        plan.birthday = _optional_date(fields.birthday, "birthday")

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
        plan.circles = _wanted_names(fields.circles)
    if fields.tags is not None:
        plan.tags = _wanted_names(fields.tags)
    if fields.skills is not None:
        plan.skills = _wanted_names(fields.skills)

    if fields.met_at is not None:
        from knoten.journal.services import resolve_event

        attrs["met_at_event"] = (
            resolve_event(actor, fields.met_at, "met_at event")
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
        plan.met_org = _clean(fields.met_org)

    _plan_work(fields, person, plan)
    return plan


def _plan_work(fields: PersonFields, person: Person | None, plan: _Plan) -> None:
    """Check --org, --title and --function: a title or function needs an organisation."""
    if fields.org is not None:
        plan.org = _clean(fields.org)
        if not plan.org:
            raise InvalidInput("org", fields.org, "is empty; give the organisation's name")
    if fields.title is not None:
        plan.title = _at_most(_clean(fields.title), "title", Affiliation, "title")
    if fields.function is not None:
        plan.function = _at_most(_clean(fields.function), "function", Affiliation, "title")
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
            jobs.update(end=_this_month())
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
        person.circles.set(_ensure_circles(actor, plan.circles))
    if plan.tags is not None:
        person.tags.set(_ensure_named(actor, Tag, plan.tags))
    if plan.skills is not None:
        person.skills.set(_ensure_named(actor, Skill, plan.skills))
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


# --- lists and details -----------------------------------------------------------------


def list_people(
    actor: Member,
    *,
    circle: str | None = None,
    org: OrganisationRef | None = None,
    tag: str | None = None,
    include_archived: bool = False,
    query: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Person]:
    """The persons of ``actor``'s network in German (DIN 5007) order of family name.

    ``org`` keeps those with a current affiliation there. ``query`` keeps the persons
    the search finds (:func:`knoten.search.query.search`), best match first. What
    :func:`person_row` shows (current job, preferred email and phone, circles) is
    fetched along, in a fixed number of queries per page, whatever its size.
    """
    check_window(limit, offset)
    people = people_of(actor)
    if not include_archived:
        # "archived IN (false)" rather than "NOT archived": an equality lets SQLite walk the
        # (network, archived, sort_name) index in order instead of sorting every row.
        people = people.filter(archived__in=[False])
    if circle is not None:
        found = find_circle(actor, circle)
        people = people.filter(
            pk__in=Person.circles.through.objects.filter(circle_id=found.pk).values("person_id")
        )
    if org is not None:
        organisation = resolve_organisation(actor, org, "org")
        people = people.filter(
            pk__in=Affiliation.objects.filter(
                organisation_id=organisation.pk, end__isnull=True
            ).values("person_id")
        )
    if tag is not None:
        storable("tag", tag)
        if not _clean(tag):
            raise InvalidInput("tag", tag, "is empty; give a tag's name")
        found_tag = Tag.objects.filter(
            network_id=actor.network_id, folded_name=fold(_clean(tag))
        ).first()
        if found_tag is None:
            raise NotFound("tag", tag)
        people = people.filter(
            pk__in=Person.tags.through.objects.filter(tag_id=found_tag.pk).values("person_id")
        )
    if query is not None:
        page = _searched(actor, people, query, limit, offset)
        _attach_row_facts(page)
        return page
    people = people.order_by("sort_name", "pk")
    if limit is not None:
        page = list(people[offset : offset + limit])
    else:
        page = list(people[offset:] if offset else people)
    _attach_row_facts(page)
    return page


def _searched(
    actor: Member, people: Any, query: str, limit: int | None, offset: int
) -> list[Person]:
    """The persons of ``people`` that the search for ``query`` finds, in its order.

    The search is read page by page until the window ``offset``/``limit`` is full, each
    page narrowed to ``people`` in one query.
    """
    from knoten.search.query import MAX_LIMIT, search

    wanted = None if limit is None else offset + limit
    found: list[int] = []
    start = 0
    while wanted is None or len(found) < wanted:
        hits = search(actor, query, limit=MAX_LIMIT, offset=start, kinds=["person"])
        ids = [hit.person_id for hit in hits if hit.person_id is not None]
        kept = set(people.filter(pk__in=ids).values_list("pk", flat=True))
        found.extend(pk for pk in ids if pk in kept)
        if len(hits) < MAX_LIMIT:
            break
        start += MAX_LIMIT
    window = found[offset : None if wanted is None else wanted]
    rows = {person.pk: person for person in Person.objects.filter(pk__in=window)}
    return [rows[pk] for pk in window if pk in rows]


_ROW_FACTS = "row_facts"
_CHUNK = 500  # ids per IN (…) query, far below SQLite's limit on parameters


def _attach_row_facts(people: Sequence[Person]) -> None:
    """Fetch what a list row shows besides the name (current job, preferred email and
    phone, circles) for all ``people`` in three queries per 500 persons.

    Plain values, not prefetched model instances: a page of 50 rows then costs a few
    milliseconds instead of building hundreds of objects and related managers.
    """
    facts: dict[int, dict[str, Any]] = {
        person.pk: {"job": None, "email": None, "phone": None, "circles": []} for person in people
    }
    ids = list(facts)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        jobs = (
            Affiliation.objects.filter(person_id__in=chunk, kind="job", end__isnull=True)
            .order_by("pk")
            .values_list("person_id", "title", "organisation_id", "organisation__name")
        )
        for person_id, title, organisation_id, organisation_name in jobs:
            if facts[person_id]["job"] is None:
                facts[person_id]["job"] = {
                    "title": title,
                    "organisation": {"id": organisation_id, "name": organisation_name},
                }
        points = ContactPoint.objects.filter(
            person_id__in=chunk, preferred=True, kind__in=("email", "phone")
        ).values_list("person_id", "kind", "value")
        for person_id, kind, value in points:
            facts[person_id][kind] = value
        circles = (
            Person.circles.through.objects.filter(person_id__in=chunk)
            .order_by("circle_id")
            .values_list("person_id", "circle__name")
        )
        for person_id, name in circles:
            facts[person_id]["circles"].append(name)
    for person in people:
        # Kept in the instance's own dict: a plain attribute the model does not declare.
        person.__dict__[_ROW_FACTS] = facts[person.pk]


def person_row(person: Person, actor: Member | None = None) -> dict[str, Any]:
    """What a list shows of a person, as JSON-able data (``list_people`` fetched it)."""
    if _ROW_FACTS not in person.__dict__:
        _attach_row_facts([person])
    facts = person.__dict__[_ROW_FACTS]
    return {
        "id": person.pk,
        "name": person.full_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "name_particle": person.name_particle,
        "academic_title": person.academic_title,
        "nickname": person.nickname,
        "job": facts["job"],
        "circles": list(facts["circles"]),
        "email": facts["email"],
        "phone": facts["phone"],
        "importance": person.importance,
        "archived": person.archived,
        "me": actor is not None and person.pk == actor.person_id,
    }


def affiliation_as_dict(
    affiliation: Affiliation, *, person: bool = False, organisation: bool = True
) -> dict[str, Any]:
    """An affiliation as JSON-able data, with its person and/or its organisation."""
    data: dict[str, Any] = {
        "id": affiliation.pk,
        "kind": affiliation.kind,
        "title": affiliation.title,
        "start": iso(affiliation.start),
        "end": iso(affiliation.end),
        "current": affiliation.is_current,
        "note": affiliation.note,
    }
    if person:
        data["person"] = reference(affiliation.person)
    if organisation:
        data["organisation"] = reference(affiliation.organisation)
    return data


_AFFILIATION_RANK = {"job": 0, "function": 1, "membership": 2, "education": 3}


def _sorted_affiliations(affiliations: Iterable[Affiliation]) -> list[Affiliation]:
    """Current first (jobs before functions, memberships, education), then the latest
    ended; within each, the latest started first."""
    rows = sorted(affiliations, key=lambda a: iso(a.start) or "", reverse=True)
    rows.sort(key=lambda a: iso(a.end) or "", reverse=True)
    rows.sort(key=lambda a: (not a.is_current, _AFFILIATION_RANK.get(a.kind, 9)))
    return rows


def relationship_label(kind_code: str, outgoing: bool) -> tuple[str, str]:
    """The English and German label of one direction: ("boss of", "Vorgesetzte(r) von")."""
    kind = v.KINDS_BY_CODE[kind_code]
    if outgoing:
        return f"{kind.forward} of", f"{kind.forward_de} von"
    return f"{kind.reverse} of", f"{kind.reverse_de} von"


def relationship_as_dict(
    relationship: Relationship, *, seen_from: int | None = None
) -> dict[str, Any]:
    """A relationship as JSON-able data: both ends, or, ``seen_from`` one person, the
    other person with the label from that side ("boss of", "report of")."""
    data: dict[str, Any] = {"id": relationship.pk, "kind": relationship.kind}
    if seen_from is None:
        data["from_person"] = reference(relationship.from_person)
        data["to_person"] = reference(relationship.to_person)
    else:
        outgoing = relationship.from_person_id == seen_from
        data["label"], data["label_de"] = relationship_label(relationship.kind, outgoing)
        data["person"] = reference(relationship.to_person if outgoing else relationship.from_person)
    data.update(trust=relationship.trust, since=iso(relationship.since), note=relationship.note)
    return data


def important_date_data(date: ImportantDate) -> dict[str, Any]:
    """An important date as JSON-able data, with its German display form."""
    return {
        "id": date.pk,
        "person": reference(date.person),
        "kind": date.kind,
        "date": iso(date.date),
        "display": date.date.display() if date.date else "",
        "label": date.label,
        "note": date.note,
    }


# --- reading a person's detail ---------------------------------------------------------
#
# The person page and ``person show`` read the same fixed-shape queries for every person,
# so each is compiled to SQL once (core.prepared) rather than on every page: on the 100k
# demo network that took person_detail from 8.3 ms to about 3 ms.

_NAME = ("id", *NAME_FIELDS)
_FAMILY_CODES = [kind.code for kind in v.RELATIONSHIP_KINDS if kind.family]
_RELATIONSHIP_FIELDS = ("id", "kind", "trust", "since", "note", "from_person_id", "to_person_id")
_ENDS = {"from_person": _NAME, "to_person": _NAME}


def _edges(person: int) -> Any:
    return Relationship.objects.filter(Q(from_person_id=person) | Q(to_person_id=person))


_MET = Prepared(
    Person,
    lambda person: Person.objects.filter(pk=person),
    fields=("id",),
    related={
        "met_at_event": ("id", "name"),
        "met_at_organisation": ("id", "name"),
        "introduced_by": _NAME,
    },
)
_CIRCLES = Prepared(
    Circle, lambda person: Circle.objects.filter(people=person).order_by("pk"), fields=("name",)
)
_TAGS = Prepared(Tag, lambda person: Tag.objects.filter(people=person), fields=("name",))
_SKILLS = Prepared(Skill, lambda person: Skill.objects.filter(people=person), fields=("name",))
_CONTACT_POINTS = Prepared(
    ContactPoint,
    lambda person: ContactPoint.objects.filter(person_id=person).order_by(
        "kind", "-preferred", "pk"
    ),
    fields=("id", *CONTACT_POINT_FIELDS),
)
_AFFILIATIONS = Prepared(
    Affiliation,
    lambda person: Affiliation.objects.filter(person_id=person).order_by("pk"),
    fields=("id", "person_id", "organisation_id", "kind", "title", "start", "end", "note"),
    related={"organisation": ("id", "name")},
)
_FAMILY = Prepared(
    Relationship,
    lambda person: _edges(person).filter(kind__in=_FAMILY_CODES).order_by("kind", "pk"),
    fields=_RELATIONSHIP_FIELDS,
    related=_ENDS,
)
_CLOSEST = Prepared(
    Relationship,
    lambda person: (
        _edges(person)
        .exclude(kind__in=_FAMILY_CODES)
        .order_by(F("trust").desc(nulls_last=True), "-pk")[:RELATIONSHIP_CAP]
    ),
    fields=_RELATIONSHIP_FIELDS,
    related=_ENDS,
)
_DATES = Prepared(
    ImportantDate,
    lambda person: ImportantDate.objects.filter(person_id=person),
    fields=("id", "person_id", "kind", "date", "label", "note"),
)
# What imported files said that has no place of its own (knoten.imports).
_IMPORTED = Prepared(
    "imports.ImportedProperty",
    lambda person: (
        apps.get_model("imports.ImportedProperty")
        .objects.filter(person_id=person)
        .order_by("pk")[:DETAIL_LIST_CAP]
    ),
    fields=("id", "name", "value", "source"),
)
_INTRODUCED = Prepared(
    Person,
    lambda person: Person.objects.filter(introduced_by_id=person).order_by("sort_name", "pk")[
        :DETAIL_LIST_CAP
    ],
    fields=_NAME,
)


def _visible_promises(person: int, author: int) -> Any:
    """The open promises a person owes or is owed, less those made in someone else's
    private conversation."""
    from knoten.journal.models import Promise

    visible = (
        Q(interaction__isnull=True)
        | Q(interaction__private=False)
        | Q(interaction__author_id=author)
    )
    return Promise.objects.filter(
        Q(debtor_id=person) | Q(creditor_id=person), visible, done_on__isnull=True
    )


_PROMISE_FIELDS = ("id", "debtor_id", "creditor_id", "text", "due_on")
_PARTIES = {"debtor": _NAME, "creditor": _NAME}
# Anyone but *me* is party to few promises: the debtor and creditor indexes find them.
_PROMISES = Prepared(
    "journal.Promise",
    lambda person, author: _visible_promises(person, author).order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )[: DETAIL_LIST_CAP + 1],
    fields=_PROMISE_FIELDS,
    related=_PARTIES,
)
# A member's own person is party to most promises: walking the network's open promises
# in due order (index network, done_on, due_on) stops at the cap.
_MY_DATED_PROMISES = Prepared(
    "journal.Promise",
    lambda person, author, network: (
        _visible_promises(person, author)
        .filter(network_id=network, due_on__isnull=False)
        .order_by("due_on", "pk")[: DETAIL_LIST_CAP + 1]
    ),
    fields=_PROMISE_FIELDS,
    related=_PARTIES,
)
_MY_UNDATED_PROMISES = Prepared(
    "journal.Promise",
    lambda person, author, network: (
        _visible_promises(person, author)
        .filter(network_id=network, due_on__isnull=True)
        .order_by("pk")[: DETAIL_LIST_CAP + 1]
    ),
    fields=_PROMISE_FIELDS,
    related=_PARTIES,
)


def _project_roles(person: int) -> Any:
    from knoten.journal.models import ProjectRole

    return ProjectRole.objects.filter(person_id=person)


def _attendances(person: int) -> Any:
    from knoten.journal.models import Attendance

    return Attendance.objects.filter(person_id=person).order_by(
        F("event__starts_on").desc(nulls_last=True), "pk"
    )[:DETAIL_LIST_CAP]


_ROLES = Prepared(
    "journal.ProjectRole",
    lambda person: _project_roles(person).order_by("project__name", "pk")[:DETAIL_LIST_CAP],
    fields=("id", "project_id", "role"),
    related={"project": ("id", "name", "status")},
)
_ATTENDANCES = Prepared(
    "journal.Attendance",
    _attendances,
    fields=("id", "event_id", "status"),
    related={"event": ("id", "name", "kind", "starts_on")},
)


def _interaction_keys(person: int, network: int, author: int) -> Any:
    """The person's conversations the author may see (journal.visibility)."""
    from knoten.journal.models import Interaction, Participation

    return Interaction.objects.filter(
        Q(private=False) | Q(author_id=author),
        network_id=network,
        pk__in=Participation.objects.filter(person_id=person).values("interaction_id"),
    )


# The RECENT_INTERACTIONS newest are read by their ids, padded with -1 (no row) to a
# fixed number so that one compiled query serves every person.
_SHOWN = [f"shown{n}" for n in range(RECENT_INTERACTIONS)]


def _shown_interactions(**shown: int) -> Any:
    from knoten.journal.models import Interaction

    return Interaction.objects.filter(pk__in=list(shown.values()))


def _their_company(person: int, **shown: int) -> Any:
    from knoten.journal.models import Participation

    return (
        Participation.objects.filter(interaction_id__in=list(shown.values()))
        .exclude(person_id=person)
        .order_by("pk")
    )


_INTERACTION_KEYS = Prepared("journal.Interaction", _interaction_keys, fields=("occurred_on", "id"))
_INTERACTIONS = Prepared(
    "journal.Interaction",
    _shown_interactions,
    fields=(
        "id",
        "event_id",
        "occurred_on",
        "kind",
        "summary",
        "duration_minutes",
        "place",
        "private",
    ),
    related={"event": ("id", "name")},
    arguments=_SHOWN,
)
_COMPANY = Prepared(
    "journal.Participation",
    _their_company,
    fields=("id", "interaction_id", "person_id"),
    related={"person": _NAME},
    arguments=["person", *_SHOWN],
)


def _open_promises(actor: Member, person: Person, *, many: bool) -> tuple[list[Any], int]:
    """Up to DETAIL_LIST_CAP open promises the person owes or is owed (soonest due first,
    undated last), and how many there are in all.

    A promise made in someone else's private conversation stays private too.
    """
    ids = {"person": person.pk, "author": actor.pk}
    if many:
        ids["network"] = actor.network_id
        rows = _MY_DATED_PROMISES.fetch(**ids)
        if len(rows) <= DETAIL_LIST_CAP:
            rows += _MY_UNDATED_PROMISES.fetch(**ids)[: DETAIL_LIST_CAP + 1 - len(rows)]
    else:
        # (The person is of the actor's network, so their promises are too.)
        rows = _PROMISES.fetch(**ids)
    total = (
        len(rows)
        if len(rows) <= DETAIL_LIST_CAP
        else _visible_promises(person.pk, actor.pk).count()
    )
    return rows[:DETAIL_LIST_CAP], total


def _recent_interactions(
    actor: Member, person: Person
) -> tuple[list[Any], int, dict[int, list[dict[str, Any]]]]:
    """The person's RECENT_INTERACTIONS newest conversations the actor may see, the
    total, and the other participants of each shown one."""
    # Dates and ids first, sorted here: with ORDER BY … LIMIT in SQL, SQLite walks the
    # network's whole (network, occurred_on) index instead of the person's few rows.
    keys = sorted(
        _INTERACTION_KEYS.rows(person=person.pk, network=actor.network_id, author=actor.pk),
        reverse=True,
    )
    newest = [pk for _, pk in keys[:RECENT_INTERACTIONS]]
    if not newest:
        return [], 0, {}
    shown = dict(zip(_SHOWN, newest + [-1] * (RECENT_INTERACTIONS - len(newest)), strict=True))
    rows = sorted(_INTERACTIONS.fetch(**shown), key=lambda i: (i.occurred_on, i.pk), reverse=True)
    others: dict[int, list[dict[str, Any]]] = {pk: [] for pk in newest}
    for participation in _COMPANY.fetch(person=person.pk, **shown):
        others[participation.interaction_id].append(reference(participation.person) or {})
    return rows, len(keys), others


def person_detail(actor: Member, person: PersonRef) -> dict[str, Any]:
    """Everything known about a person, as JSON-able data.

    Contact points, affiliations (current first), relationships with their label from
    this person's side ("boss of"), family, circles, tags, skills, important dates, how
    we met, open promises, projects, events, people they introduced, and the most recent
    conversations the actor may see (newest first, with the total). A fixed number of
    queries, however large the network.
    """
    p = resolve_person(actor, person)
    pk = p.pk
    if p.met_at_event_id or p.met_at_organisation_id or p.introduced_by_id:
        met = _MET.fetch(person=pk)[0]
        p.met_at_event, p.met_at_organisation = met.met_at_event, met.met_at_organisation
        p.introduced_by = met.introduced_by
    circles = [name for (name,) in _CIRCLES.rows(person=pk)]
    tags = sorted((name for (name,) in _TAGS.rows(person=pk)), key=fold)
    skills = sorted((name for (name,) in _SKILLS.rows(person=pk)), key=fold)
    points = _CONTACT_POINTS.fetch(person=pk)
    affiliations = _sorted_affiliations(_AFFILIATIONS.fetch(person=pk))
    # A well-connected person (*me* above all) has thousands of relationships: the
    # detail shows the family whole and the RELATIONSHIP_CAP most trusted others, with
    # the total, so that it stays fast; a list of the rest belongs to its own page.
    family = [relationship_as_dict(r, seen_from=pk) for r in _FAMILY.fetch(person=pk)]
    closest = _CLOSEST.fetch(person=pk)
    relationships_total = (
        len(closest)
        if len(closest) < RELATIONSHIP_CAP
        else _edges(pk).exclude(kind__in=_FAMILY_CODES).count()
    )
    closest.sort(key=lambda r: (r.kind, r.pk))
    relationships = [relationship_as_dict(r, seen_from=pk) for r in closest]
    dates = _DATES.fetch(person=pk)
    for date in dates:
        date.person = p
    dates.sort(key=lambda d: (d.kind != "birthday", iso(d.date) or ""))
    birthday = next((d for d in dates if d.kind == "birthday"), None)

    promises, promises_total = _open_promises(actor, p, many=pk == actor.person_id)
    roles = _ROLES.fetch(person=pk)
    projects_total = len(roles) if len(roles) < DETAIL_LIST_CAP else _project_roles(pk).count()
    attendances = _ATTENDANCES.fetch(person=pk)
    recent, total, others = _recent_interactions(actor, p)
    introduced = _INTRODUCED.fetch(person=pk)
    imported = _IMPORTED.rows(person=pk)

    return {
        "id": p.pk,
        "name": p.full_name,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "name_particle": p.name_particle,
        "academic_title": p.academic_title,
        "nickname": p.nickname,
        "form_of_address": p.form_of_address,
        "salutation": p.salutation,
        "importance": p.importance,
        "importance_label": Person.Tier(p.importance).label,
        "archived": p.archived,
        "me": p.pk == actor.person_id,
        "notes": p.notes,
        "birthday": iso(birthday.date) if birthday else None,
        "contact_points": [contacts.contact_point_data(point) for point in points],
        "affiliations": [affiliation_as_dict(a) for a in affiliations],
        "relationships": relationships,
        "relationships_total": relationships_total,
        "family": family,
        "circles": circles,
        "tags": tags,
        "skills": skills,
        "important_dates": [important_date_data(d) for d in dates],
        "how_we_met": {
            "date": iso(p.met_on),
            "event": reference(p.met_at_event),
            "organisation": reference(p.met_at_organisation),
            "introduced_by": reference(p.introduced_by),
            "text": p.how_we_met,
        },
        "introduced": [reference(x) for x in introduced],
        "open_promises": [
            {
                "id": promise.pk,
                "text": promise.text,
                "due_on": iso(promise.due_on),
                "debtor": reference(promise.debtor),
                "creditor": reference(promise.creditor),
                "owed_by_this_person": promise.debtor_id == p.pk,
            }
            for promise in promises
        ],
        "open_promises_total": promises_total,
        "projects": [
            {
                "id": role.project.pk,
                "name": role.project.name,
                "status": role.project.status,
                "role": role.role,
            }
            for role in roles
        ],
        "projects_total": projects_total,
        "events": [
            {
                "id": a.event.pk,
                "name": a.event.name,
                "kind": a.event.kind,
                "starts_on": iso(a.event.starts_on),
                "status": a.status,
            }
            for a in attendances
        ],
        "interactions": {
            "total": total,
            "shown": len(recent),
            "items": [
                {
                    "id": i.pk,
                    "occurred_on": i.occurred_on.isoformat(),
                    "kind": i.kind,
                    "summary": i.summary,
                    "duration_minutes": i.duration_minutes,
                    "place": i.place,
                    "event": reference(i.event),
                    "private": i.private,
                    "with": others[i.pk],
                }
                for i in recent
            ],
        },
        "imported": [
            {"id": row_id, "name": name, "value": value, "source": source}
            for row_id, name, value, source in imported
        ],
        "created_at": p.created_at.isoformat(),
        "updated_at": p.updated_at.isoformat(),
    }


# --- organisations and affiliations ----------------------------------------------------


def add_organisation(
    actor: Member,
    name: str,
    *,
    kind: str | None = None,
    industry: str | None = None,
    website: str | None = None,
    note: str | None = None,
) -> Organisation:
    """A new organisation; ``kind`` in English or German (``Verein``, ``club``)."""
    storable("name", name)
    clean = _clean(name)
    if not clean:
        raise InvalidInput("name", name, "is empty; an organisation needs a name")
    code = resolve_word(v.ORGANISATION_KINDS, kind, "kind") if kind is not None else "company"
    site = contacts.parse_web(website, field_name="website").value if website else ""
    existing = organisations_of(actor).filter(folded_name=fold(clean)).first()
    if existing is not None:
        raise InvalidInput("name", name, f"already exists (organisation {existing.pk})")
    with changes.atomic():
        organisation = Organisation(
            network_id=actor.network_id,
            name=clean,
            kind=code,
            industry=_clean(industry),
            website=site,
            notes=(note or "").strip(),
        )
        fits(organisation)
        organisation.save()
    return organisation


def list_organisations(
    actor: Member,
    *,
    kind: str | None = None,
    query: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Organisation]:
    """The organisations of ``actor``'s network by name, each with ``current_people``.

    ``query`` keeps those whose name contains it (umlauts and case do not matter).
    """
    check_window(limit, offset)
    organisations = organisations_of(actor)
    if kind is not None:
        organisations = organisations.filter(kind=resolve_word(v.ORGANISATION_KINDS, kind, "kind"))
    if query is not None:
        storable("q", query)
        folded = fold(_clean(query))
        if not folded:
            raise InvalidInput("q", query, "is empty; give a part of the name")
        organisations = organisations.filter(folded_name__contains=folded)
    organisations = organisations.annotate(
        current_people=Count(
            "affiliations__person", filter=Q(affiliations__end__isnull=True), distinct=True
        )
    ).order_by("folded_name", "pk")
    if limit is not None:
        return list(organisations[offset : offset + limit])
    return list(organisations[offset:])


def _kind_label(words: tuple[Word, ...], code: str) -> str:
    return next((word.en for word in words if word.code == code), code)


def organisation_row(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "kind_label": _kind_label(v.ORGANISATION_KINDS, organisation.kind),
        "industry": organisation.industry,
        "website": organisation.website,
        "current_people": getattr(organisation, "current_people", None),
    }


ORGANISATION_PEOPLE_CAP = 100


def organisation_detail(actor: Member, organisation: OrganisationRef) -> dict[str, Any]:
    """An organisation with its people (current and former), events and projects.

    A large employer of a large network has thousands of affiliations: the detail shows
    the :data:`ORGANISATION_PEOPLE_CAP` latest current and former ones, with the totals
    (``current_total``, ``former_total``); the people list filtered by the organisation
    pages through all who are there now.
    """
    from knoten.journal.models import Event, Project

    org = resolve_organisation(actor, organisation)
    there = org.affiliations.select_related("person")
    now = there.filter(end__isnull=True)
    before = there.filter(end__isnull=False)
    current = _sorted_affiliations(now.order_by("-start", "-pk")[:ORGANISATION_PEOPLE_CAP])
    former = _sorted_affiliations(
        before.order_by("-end", "-start", "-pk")[:ORGANISATION_PEOPLE_CAP]
    )
    events = Event.objects.filter(organiser_id=org.pk).order_by(
        F("starts_on").desc(nulls_last=True), "pk"
    )[:DETAIL_LIST_CAP]
    projects = Project.objects.filter(organisation_id=org.pk).order_by("name", "pk")[
        :DETAIL_LIST_CAP
    ]
    data = organisation_row(org)
    data.update(
        notes=org.notes,
        current=[affiliation_as_dict(a, person=True, organisation=False) for a in current],
        current_total=len(current) if len(current) < ORGANISATION_PEOPLE_CAP else now.count(),
        former=[affiliation_as_dict(a, person=True, organisation=False) for a in former],
        former_total=len(former) if len(former) < ORGANISATION_PEOPLE_CAP else before.count(),
        events=[{"id": e.pk, "name": e.name, "starts_on": iso(e.starts_on)} for e in events],
        projects=[{"id": x.pk, "name": x.name, "status": x.status} for x in projects],
    )
    data["current_people"] = (
        len({a["person"]["id"] for a in data["current"]})
        if len(current) < ORGANISATION_PEOPLE_CAP
        else now.values("person_id").distinct().count()
    )
    return data


def add_affiliation(
    actor: Member,
    person: PersonRef,
    organisation: OrganisationRef,
    kind: str,
    *,
    title: str | None = None,
    start: str | PartialDate | None = None,
    end: str | PartialDate | None = None,
    note: str | None = None,
) -> Affiliation:
    """A job, function, education or membership of a person at an organisation.

    The organisation is found by its name (folded) or id, and created if the name is
    new. The same affiliation again (same kind, title and start) is updated.
    """
    target = resolve_person(actor, person)
    code = resolve_word(v.AFFILIATION_KINDS, kind, "kind")
    start_date = _optional_date(start, "start")
    end_date = _optional_date(end, "end")
    for value, date, name in ((start, start_date, "start"), (end, end_date, "end")):
        if date is not None and date.year is None:
            raise InvalidInput(name, value, "needs a year")
    _check_order(start_date, end_date, end)
    storable("title", title)
    storable("organisation", organisation)
    clean_title = _clean(title)
    if isinstance(organisation, Organisation):
        organisation = resolve_organisation(actor, organisation)
    elif not _clean(str(organisation)):
        raise InvalidInput("organisation", organisation, "is empty; give the organisation's name")
    with changes.atomic():
        if isinstance(organisation, Organisation):
            org = organisation
        else:
            known = organisations_of(actor).filter(folded_name=fold(_clean(str(organisation))))
            is_new = not str(organisation).strip().isdigit() and not known.exists()
            org = ensure_organisation(actor, str(organisation))
            if is_new and code == "education":
                # Where one gets an education is a school or university, not a company.
                org.kind = "school"
                org.save(update_fields=["kind"])
        same = Affiliation.objects.filter(
            person_id=target.pk, organisation_id=org.pk, kind=code, title=clean_title
        )
        same = same.filter(start=start_date) if start_date else same.filter(start__isnull=True)
        affiliation = same.first() or Affiliation(
            network_id=actor.network_id,
            person=target,
            organisation=org,
            kind=code,
            title=clean_title,
            start=start_date,
        )
        affiliation.end = end_date if end is not None else affiliation.end
        if note is not None:
            affiliation.note = note.strip()
        fits(affiliation)
        affiliation.save()
    return affiliation


# --- relationships and dates -----------------------------------------------------------


def relate(
    actor: Member,
    a: PersonRef,
    b: PersonRef,
    kind: str,
    *,
    trust: str | int | None = None,
    since: str | PartialDate | None = None,
    note: str | None = None,
) -> Relationship:
    """Record that ``a`` is ``kind`` of ``b`` ("Anna is boss of Ben").

    The kind may name either direction: ``report`` stores ``b`` as the boss of ``a``.
    A symmetric kind is stored once whatever the order; the same relationship again is
    updated (trust, since, note as given), never duplicated.
    """
    first = resolve_person(actor, a, "person")
    second = resolve_person(actor, b, "person")
    relationship_kind, reverse = v.resolve_relationship_kind(kind)
    trust_value = parse_trust(trust) if trust is not None and str(trust).strip() else None
    since_date = _optional_date(since, "since")
    if first.pk == second.pk:
        raise InvalidInput(
            "person", str(b), f"is {first.full_name} again; a person is not related to themselves"
        )
    source, target = (second, first) if reverse else (first, second)
    code = relationship_kind.code
    with changes.atomic():
        pair = Q(from_person_id=source.pk, to_person_id=target.pk)
        if relationship_kind.symmetric:
            pair |= Q(from_person_id=target.pk, to_person_id=source.pk)
        relationship = Relationship.objects.filter(pair, kind=code).first() or Relationship(
            network_id=actor.network_id, from_person=source, to_person=target, kind=code
        )
        if trust_value is not None:
            relationship.trust = trust_value
        if since_date is not None:
            relationship.since = since_date
        if note is not None:
            relationship.note = note.strip()
        fits(relationship)
        relationship.save()
    return relationship


def unrelate(actor: Member, a: PersonRef, b: PersonRef, kind: str | None = None) -> int:
    """Remove the relationships between ``a`` and ``b`` (of ``kind``, if given), both ways."""
    first = resolve_person(actor, a, "person")
    second = resolve_person(actor, b, "person")
    code = v.resolve_relationship_kind(kind)[0].code if kind is not None else None
    between = Relationship.objects.filter(
        Q(from_person_id=first.pk, to_person_id=second.pk)
        | Q(from_person_id=second.pk, to_person_id=first.pk)
    )
    if code is not None:
        between = between.filter(kind=code)
    with changes.atomic():
        removed, _ = between.delete()
        if not removed:
            what = f"{first.full_name} – {second.full_name}" + (f" ({kind})" if kind else "")
            raise NotFound("relationship", what)
    return removed


def add_important_date(
    actor: Member,
    person: PersonRef,
    kind: str,
    date: str | PartialDate,
    *,
    label: str | None = None,
    note: str | None = None,
) -> ImportantDate:
    """A birthday, anniversary or life event; a second birthday replaces the first."""
    target = resolve_person(actor, person)
    code = resolve_word(v.DATE_KINDS, kind, "kind")
    when = _optional_date(date, "date")
    if when is None:
        raise InvalidInput("date", date, "is empty; give a date such as 14.03.2024 or --03-14")
    with changes.atomic():
        if code == "birthday":
            target.dates.filter(kind="birthday").delete()
        important = ImportantDate(
            network_id=actor.network_id,
            person=target,
            kind=code,
            date=when,
            label=_clean(label),
            note=(note or "").strip(),
        )
        fits(important)
        important.save()
    return important


# --- what was understood ---------------------------------------------------------------


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
    date = _optional_date(value, label)
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
    return [line for line in lines if line]


# --- editing and removing ---------------------------------------------------------------


def edit_organisation(
    actor: Member,
    organisation: OrganisationRef,
    *,
    name: str | None = None,
    kind: str | None = None,
    industry: str | None = None,
    website: str | None = None,
    note: str | None = None,
) -> Organisation:
    """Change what is given (None: unchanged; ``""`` clears industry, website or note).

    A name another organisation of the network already has is refused.
    """
    org = resolve_organisation(actor, organisation)
    edits: dict[str, Any] = {}
    if name is not None:
        storable("name", name)
        clean = _clean(name)
        if not clean:
            raise InvalidInput("name", name, "is empty; an organisation needs a name")
        clash = organisations_of(actor).filter(folded_name=fold(clean)).exclude(pk=org.pk).first()
        if clash is not None:
            raise InvalidInput("name", name, f"already exists (organisation {clash.pk})")
        edits["name"] = clean
    if kind is not None:
        edits["kind"] = resolve_word(v.ORGANISATION_KINDS, kind, "kind")
    if industry is not None:
        edits["industry"] = _clean(industry)
    if website is not None:
        edits["website"] = (
            contacts.parse_web(website, field_name="website").value if website.strip() else ""
        )
    if note is not None:
        edits["notes"] = note.strip()
    with changes.atomic():
        for attr, value in edits.items():
            setattr(org, attr, value)
        fits(org)
        org.save()
    return org


def delete_organisation(actor: Member, organisation: OrganisationRef) -> None:
    """Erase an organisation with its affiliations; the persons stay (re-indexed).

    Events it organised and projects it ran stay, without the organisation.
    """
    org = resolve_organisation(actor, organisation)
    with changes.atomic():
        org.delete()


def get_affiliation(actor: Member, affiliation_id: int | str) -> Affiliation:
    """One affiliation of ``actor``'s network, with its person and organisation."""
    affiliation = in_network(actor, Affiliation, affiliation_id, "affiliation")
    return Affiliation.objects.select_related("person", "organisation").get(pk=affiliation.pk)


def list_affiliations(
    actor: Member, person: PersonRef, *, limit: int | None = None, offset: int = 0
) -> list[Affiliation]:
    """A person's affiliations: current first (jobs before functions, memberships,
    education), then the latest ended."""
    check_window(limit, offset)
    target = resolve_person(actor, person)
    rows = _sorted_affiliations(target.affiliations.select_related("organisation").order_by("pk"))
    return rows[offset : None if limit is None else offset + limit]


def _dated(
    value: str | PartialDate | None, field_name: str, current: PartialDate | None
) -> PartialDate | None:
    """A start or end as edited: None keeps ``current``, ``""`` clears; a year is needed."""
    if value is None:
        return current
    date = _optional_date(value, field_name)
    if date is not None and date.year is None:
        raise InvalidInput(field_name, value, "needs a year")
    return date


def edit_affiliation(
    actor: Member,
    affiliation_id: int | str,
    *,
    organisation: OrganisationRef | None = None,
    kind: str | None = None,
    title: str | None = None,
    start: str | PartialDate | None = None,
    end: str | PartialDate | None = None,
    note: str | None = None,
) -> Affiliation:
    """Change what is given (None: unchanged; ``""`` clears title, start, end or note).

    A new organisation name is created, as when adding; the end may not be before the
    start.
    """
    affiliation = get_affiliation(actor, affiliation_id)
    code = resolve_word(v.AFFILIATION_KINDS, kind, "kind") if kind is not None else None
    start_date = _dated(start, "start", affiliation.start)
    end_date = _dated(end, "end", affiliation.end)
    if end is not None or start is None:
        _check_order(start_date, end_date, end)
    elif start_date is not None and end_date is not None:
        try:
            _check_order(start_date, end_date, end)
        except InvalidInput:
            raise InvalidInput("start", start, f"is after the end {end_date.display()}") from None
    org: Organisation | None = None
    if isinstance(organisation, Organisation):
        org = resolve_organisation(actor, organisation)
    elif organisation is not None and not _clean(str(organisation)):
        raise InvalidInput("organisation", organisation, "is empty; give the organisation's name")
    with changes.atomic():
        if organisation is not None and org is None:
            org = ensure_organisation(actor, str(organisation))
        if org is not None:
            affiliation.organisation = org
        if code is not None:
            affiliation.kind = code
        if title is not None:
            affiliation.title = _clean(title)
        affiliation.start, affiliation.end = start_date, end_date
        if note is not None:
            affiliation.note = note.strip()
        fits(affiliation)
        affiliation.save()
    return affiliation


def end_affiliation(
    actor: Member, affiliation_id: int | str, end: str | PartialDate | None = None
) -> Affiliation:
    """End a current affiliation (this month when no end is given)."""
    affiliation = get_affiliation(actor, affiliation_id)
    if not affiliation.is_current:
        raise InvalidInput(
            "affiliation",
            affiliation_id,
            f"already ended ({iso(affiliation.end)}); edit its end to change it",
        )
    end_date = _dated(end, "end", None) if end is not None else _this_month()
    if end_date is None:
        raise InvalidInput("end", end, "is empty; give a month such as 03.2024")
    _check_order(affiliation.start, end_date, end if end is not None else iso(end_date))
    with changes.atomic():
        affiliation.end = end_date
        affiliation.save(update_fields=["end"])
    return affiliation


def delete_affiliation(actor: Member, affiliation_id: int | str) -> None:
    """Erase an affiliation (the person and the organisation stay)."""
    affiliation = in_network(actor, Affiliation, affiliation_id, "affiliation")
    with changes.atomic():
        affiliation.delete()


def get_relationship(actor: Member, relationship_id: int | str) -> Relationship:
    """One relationship of ``actor``'s network, with both persons."""
    relationship = in_network(actor, Relationship, relationship_id, "relationship")
    return Relationship.objects.select_related("from_person", "to_person").get(pk=relationship.pk)


def list_relationships(
    actor: Member, person: PersonRef, *, limit: int | None = None, offset: int = 0
) -> list[Relationship]:
    """All of a person's relationships, by kind (the family's first), then the other's name."""
    check_window(limit, offset)
    target = resolve_person(actor, person)
    family_codes = [kind.code for kind in v.RELATIONSHIP_KINDS if kind.family]
    edges = (
        Relationship.objects.filter(Q(from_person_id=target.pk) | Q(to_person_id=target.pk))
        .select_related("from_person", "to_person")
        .order_by("pk")
    )
    rows = sorted(
        edges,
        key=lambda r: (
            r.kind not in family_codes,
            r.kind,
            (r.to_person if r.from_person_id == target.pk else r.from_person).sort_name,
            r.pk,
        ),
    )
    return rows[offset : None if limit is None else offset + limit]


def edit_relationship(
    actor: Member,
    relationship_id: int | str,
    *,
    kind: str | None = None,
    trust: str | int | None = None,
    since: str | PartialDate | None = None,
    note: str | None = None,
    seen_from: int | None = None,
) -> Relationship:
    """Change what is given (None: unchanged; ``""`` clears trust, since or note).

    ``kind`` says what the edge's source is of its target, or, ``seen_from`` the target's
    id, what the target is of the source (so a person's page edits in its own words).
    A kind naming the other direction ("report" for a "boss" edge) turns the edge round;
    a kind the two already have between them is refused.
    """
    relationship = get_relationship(actor, relationship_id)
    source, target = relationship.from_person, relationship.to_person
    if seen_from is not None and seen_from == target.pk:
        source, target = target, source
    code = relationship.kind
    if kind is not None:
        relationship_kind, reverse = v.resolve_relationship_kind(kind)
        code = relationship_kind.code
        if reverse:
            source, target = target, source
        pair = Q(from_person_id=source.pk, to_person_id=target.pk)
        if relationship_kind.symmetric:
            pair |= Q(from_person_id=target.pk, to_person_id=source.pk)
        if Relationship.objects.filter(pair, kind=code).exclude(pk=relationship.pk).exists():
            raise InvalidInput(
                "kind",
                kind,
                f"already relates {source.full_name} and {target.full_name}",
            )
    trust_value = relationship.trust
    if trust is not None:
        trust_value = parse_trust(trust) if str(trust).strip() else None
    since_date = relationship.since if since is None else _optional_date(since, "since")
    with changes.atomic():
        relationship.from_person, relationship.to_person = source, target
        relationship.kind = code
        relationship.trust = trust_value
        relationship.since = since_date
        if note is not None:
            relationship.note = note.strip()
        fits(relationship)
        relationship.save()
    return relationship


def delete_relationship(actor: Member, relationship_id: int | str) -> None:
    """Erase one relationship (by its id)."""
    relationship = in_network(actor, Relationship, relationship_id, "relationship")
    with changes.atomic():
        relationship.delete()


def list_important_dates(
    actor: Member, person: PersonRef, *, limit: int | None = None, offset: int = 0
) -> list[ImportantDate]:
    """A person's important dates: the birthday first, then by date."""
    check_window(limit, offset)
    target = resolve_person(actor, person)
    dates = sorted(
        target.dates.select_related("person").order_by("pk"),
        key=lambda d: (d.kind != "birthday", iso(d.date) or ""),
    )
    return dates[offset : None if limit is None else offset + limit]


def edit_important_date(
    actor: Member,
    date_id: int | str,
    *,
    kind: str | None = None,
    date: str | PartialDate | None = None,
    label: str | None = None,
    note: str | None = None,
) -> ImportantDate:
    """Change what is given (None: unchanged; ``""`` clears label or note; the date stays
    required). A person has one birthday: making a second one is refused."""
    important = in_network(actor, ImportantDate, date_id, "important date")
    code = resolve_word(v.DATE_KINDS, kind, "kind") if kind is not None else important.kind
    if code == "birthday" and important.kind != "birthday":
        other = ImportantDate.objects.filter(person_id=important.person_id, kind="birthday")
        existing = other.exclude(pk=important.pk).first()
        if existing is not None:
            shown = existing.date.display() if existing.date else ""
            raise InvalidInput("kind", kind, f"is taken: the person's birthday is {shown}")
    when = important.date
    if date is not None:
        when = _optional_date(date, "date")
        if when is None:
            raise InvalidInput("date", date, "is empty; give a date such as 14.03.2024 or --03-14")
    with changes.atomic():
        important.kind = code
        important.date = when
        if label is not None:
            important.label = _clean(label)
        if note is not None:
            important.note = note.strip()
        fits(important)
        important.save()
    return important


def delete_important_date(actor: Member, date_id: int | str) -> None:
    """Erase one important date."""
    important = in_network(actor, ImportantDate, date_id, "important date")
    with changes.atomic():
        important.delete()


# --- renaming and removing circles, tags and skills ------------------------------------------


def _new_name(new: str) -> str:
    storable("new", new)
    clean = _clean(new)
    if not clean:
        raise InvalidInput("new", new, "is empty; give the new name")
    return clean


def _people_with(model: type[Circle] | type[Tag] | type[Skill], row_id: int) -> set[int]:
    through = {
        Circle: Person.circles.through,
        Tag: Person.tags.through,
        Skill: Person.skills.through,
    }[model]
    column = f"{model.__name__.lower()}_id"
    rows = through._default_manager.filter(**{column: row_id})
    return set(rows.values_list("person_id", flat=True))


def rename_circle(actor: Member, old: str, new: str) -> Circle:
    """Rename a circle; a name another circle has (in English or German) is refused."""
    circle = find_circle(actor, old)
    clean = _new_name(new)
    others = list(Circle.objects.filter(network_id=actor.network_id).exclude(pk=circle.pk))
    clash = _match_circle(others, clean)
    if clash is not None:
        raise InvalidInput("new", new, f"is the name of the circle {clash.name!r}")
    with changes.atomic():
        circle.name = clean
        # A seeded circle stays seeded only under one of its own names.
        circle.code = _SEEDED_CIRCLE_WORDS.get(_key(clean), "")
        fits(circle, {"name": "new"})
        circle.save()
    return circle


def delete_circle(actor: Member, name: str) -> int:
    """Remove a circle from everyone in it; how many persons were in it."""
    circle = find_circle(actor, name)
    with changes.atomic():
        people = _people_with(Circle, circle.pk)
        circle.delete()
        # The cascade through the persons' circles sends no signal of its own.
        changes.announce(actor.network_id, "person", people)
    return len(people)


def _find_named(actor: Member, model: type[Tag] | type[Skill], field_name: str, name: str) -> Any:
    storable(field_name, name)
    clean = _clean(name)
    if not clean:
        raise InvalidInput(field_name, name, f"is empty; give a {field_name}'s name")
    found = model.objects.filter(network_id=actor.network_id, folded_name=fold(clean)).first()
    if found is None:
        raise NotFound(field_name, name)
    return found


def _rename_named(
    actor: Member, model: type[Tag] | type[Skill], field_name: str, old: str, new: str
) -> Any:
    row = _find_named(actor, model, field_name, old)
    clean = _new_name(new)
    clash = (
        model.objects.filter(network_id=actor.network_id, folded_name=fold(clean))
        .exclude(pk=row.pk)
        .first()
    )
    if clash is not None:
        raise InvalidInput("new", new, f"is the name of the {field_name} {clash.name!r}")
    with changes.atomic():
        row.name = clean
        fits(row, {"name": "new"})
        row.save()
    return row


def _delete_named(actor: Member, model: type[Tag] | type[Skill], field_name: str, name: str) -> int:
    row = _find_named(actor, model, field_name, name)
    with changes.atomic():
        people = _people_with(model, row.pk)
        row.delete()
        changes.announce(actor.network_id, "person", people)
    return len(people)


def rename_tag(actor: Member, old: str, new: str) -> Tag:
    """Rename a tag; a name another tag has is refused."""
    tag: Tag = _rename_named(actor, Tag, "tag", old, new)
    return tag


def delete_tag(actor: Member, name: str) -> int:
    """Remove a tag from everyone who has it; how many persons had it."""
    return _delete_named(actor, Tag, "tag", name)


def rename_skill(actor: Member, old: str, new: str) -> Skill:
    """Rename a skill; a name another skill has is refused."""
    skill: Skill = _rename_named(actor, Skill, "skill", old, new)
    return skill


def delete_skill(actor: Member, name: str) -> int:
    """Remove a skill from everyone who has it; how many persons had it."""
    return _delete_named(actor, Skill, "skill", name)
