"""Finding a person or an organisation from what a user typed.

Wherever a person is expected, ``me``, an id, or an unambiguous part of the name works:
"anna", "Schmidt", "Anna Schm" and "Mueller" (for Müller) all find their person when
only one person matches. An ambiguous name raises :class:`Ambiguous` with the candidates.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import ForeignKey, Model, Q, QuerySet

from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.core.folding import fold, fold_words
from knoten.core.limits import is_id, storable
from knoten.core.models import Member
from knoten.core.names import is_title_word
from knoten.core.prepared import ALL_FIELDS, Prepared
from knoten.core.resolving import MAX_CANDIDATES, resolve_by_name
from knoten.people.models import Organisation, Person

# What a user may give where a person or an organisation is expected: a name, an id,
# ``me``, or the object itself.
PersonRef = str | int | Person
OrganisationRef = str | int | Organisation

ME_WORDS = {"me", "ich", "myself"}
M = TypeVar("M", bound=Model)


def people_of(actor: Member) -> QuerySet[Person]:
    return Person.objects.filter(network_id=actor.network_id)


_PERSON = Prepared(
    Person,
    lambda network, person: Person.objects.filter(network_id=network, pk=person),
    fields=ALL_FIELDS,
)


def person_by_id(actor: Member, person_id: int) -> Person | None:
    """The person with this id in ``actor``'s network, or None (another network's too).

    The person page asks this on every view, so its SQL is compiled once (core.prepared).
    """
    if not is_id(person_id):
        return None
    found = _PERSON.fetch(network=actor.network_id, person=int(person_id))
    return found[0] if found else None


def organisations_of(actor: Member) -> QuerySet[Organisation]:
    return Organisation.objects.filter(network_id=actor.network_id)


def in_network(actor: Member, model: type[M], object_id: object, what: str) -> M:
    """The ``model`` row with this id in ``actor``'s network; any other id is NotFound."""
    if not is_id(object_id):
        raise NotFound(what, object_id)
    found = model._default_manager.filter(
        network_id=actor.network_id, pk=int(str(object_id).strip())
    ).first()
    if found is None:
        raise NotFound(what, object_id)
    return found


def is_about_person(actor: Member, model: type[Model], person: Person, **key: object) -> bool:
    """Whether the ``model`` row that ``key`` names (``pk=3``; a role in a project by
    ``project_id=5``) is in ``actor``'s network and about ``person``, so theirs to change
    from that person's page.

    A row is about a person when one of its links to a person names them: a contact
    point's person, either end of a relationship, the debtor or creditor of a promise.
    """
    if not key or not all(is_id(value) for value in key.values()):
        return False
    links = [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, ForeignKey) and field.related_model is Person
    ]
    if not links:
        return False
    about = Q()
    for link in links:
        about |= Q(**{f"{link}_id": person.pk})
    rows = model._default_manager.filter(network_id=actor.network_id, **key)
    return bool(rows.filter(about).exists())


# What a column is called where a user gives its text, when that differs from its name.
_TYPED_AS = {
    "given_name": "name",
    "family_name": "name",
    "name_particle": "name",
    "sort_name": "name",
    "folded_name": "name",
    "notes": "note",
    "how_we_met": "how_met",
}
# The longest title a search entry keeps (search.models.SearchEntry.title).
MAX_TITLE = 400


def fits(obj: Model, typed_as: dict[str, str] | None = None) -> None:
    """Refuse a text longer than its column, naming the field, before ``obj`` is saved.

    PostgreSQL refuses such a text (SQLite would keep it); the derived columns (folded
    names) are worked out first, since folding can make a text longer ("ß" to "ss").
    ``typed_as`` names the fields as the caller's user gave them.
    """
    refresh = getattr(obj, "refresh_derived_names", None)
    if callable(refresh):
        refresh()
    elif hasattr(obj, "folded_name") and isinstance(getattr(obj, "name", None), str):
        obj.folded_name = fold(obj.name)  # type: ignore[attr-defined]
    names = {**_TYPED_AS, **(typed_as or {})}
    for column in obj._meta.concrete_fields:
        limit = getattr(column, "max_length", None)
        value = getattr(obj, column.attname, None)
        storable(names.get(column.name, column.name), value)
        if limit and isinstance(value, str) and len(value) > limit:
            shown = value if len(value) <= 40 else value[:40] + "…"
            field = names.get(column.name, column.name)
            raise InvalidInput(field, shown, f"is too long: at most {limit} characters")
    full_name = getattr(obj, "full_name", None)
    if isinstance(full_name, str) and len(full_name) > MAX_TITLE:
        shown = full_name[:40] + "…"
        raise InvalidInput("name", shown, f"is too long: at most {MAX_TITLE} characters")


def _words_match(query_words: list[str], folded_name: str) -> bool:
    """Every query word starts some word of the name (in any order)."""
    name_words = folded_name.split()
    return all(any(word.startswith(q) for word in name_words) for q in query_words)


def describe(person: Person) -> str:
    """How a candidate is listed when a name is ambiguous: id, name, current job."""
    job = (
        person.affiliations.filter(kind="job", end__isnull=True)
        .select_related("organisation")
        .first()
    )
    where = f" ({job.title + ', ' if job.title else ''}{job.organisation.name})" if job else ""
    archived = " [archived]" if person.archived else ""
    return f"{person.pk}: {person.full_name}{where}{archived}"


def resolve_person(actor: Member, text: str | int | Person, field: str = "person") -> Person:
    """The one person of ``actor``'s network that ``text`` names."""
    if isinstance(text, Person):
        if text.network_id != actor.network_id:
            raise NotFound(field, text.pk)
        return text
    storable(field, text)
    raw = str(text).strip()
    if not raw:
        raise InvalidInput(field, text, "is empty; give a name, an id or 'me'")
    if raw.casefold() in ME_WORDS:
        return actor.me
    if raw.isdigit():
        person = person_by_id(actor, int(raw)) if is_id(raw) else None
        if person is None:
            raise NotFound(field, raw)
        return person
    words = fold_words(raw)
    if not words:
        raise InvalidInput(field, text, "has no letters or digits to look a name up by")
    # "Prof. Dr. Jürgen Müller" names Jürgen Müller: titles are not part of a name.
    words = [word for word in words if not is_title_word(word)] or words
    candidates = people_of(actor)
    whole = " ".join(words)
    # The common case, a name typed in full, is one indexed look-up.
    exact = list(candidates.filter(folded_name=whole).order_by("pk")[:2])
    if len(exact) == 1:
        return exact[0]
    # The longest word narrows the database scan most; the rest is checked in Python.
    candidates = candidates.filter(folded_name__contains=max(words, key=len))
    matches = [
        p for p in candidates.order_by("sort_name", "pk") if _words_match(words, p.folded_name)
    ]
    if not matches:
        raise NotFound(field, raw)
    if len(matches) == 1:
        return matches[0]
    # A name typed in full wins over the names it is a part of ("Anna Schmidt" over
    # "Anna Schmidt-Weber"); so does an active person over archived namesakes.
    exact = [p for p in matches if p.folded_name == whole or fold(p.full_name) == fold(raw)]
    if len(exact) == 1:
        return exact[0]
    active = [p for p in (exact or matches) if not p.archived]
    if len(active) == 1:
        return active[0]
    shown = [describe(p) for p in (exact or matches)[:MAX_CANDIDATES]]
    if len(exact or matches) > MAX_CANDIDATES:
        shown.append(f"… and {len(exact or matches) - MAX_CANDIDATES} more")
    raise Ambiguous(field, raw, shown)


def resolve_organisation(
    actor: Member, text: str | int | Organisation, field: str = "organisation"
) -> Organisation:
    """The one organisation of ``actor``'s network that ``text`` names (id or name)."""
    if isinstance(text, Organisation):
        if text.network_id != actor.network_id:
            raise NotFound(field, text.pk)
        return text
    return resolve_by_name(
        organisations_of(actor), str(text), "organisation", field, lambda o: f"{o.pk}: {o.name}"
    )


def ensure_organisation(
    actor: Member, name: str | Organisation, field: str = "organisation"
) -> Organisation:
    """The organisation called ``name`` (folded comparison), created if there is none.

    Used wherever a user types an organisation while entering something else (a job,
    a project, an event's organiser); it never guesses between several close names.
    """
    if isinstance(name, Organisation):
        return resolve_organisation(actor, name, field)
    storable(field, name)
    raw = " ".join((name or "").split())
    if not raw:
        raise InvalidInput(field, name, "is empty; give the organisation's name")
    if raw.isdigit():
        return resolve_organisation(actor, raw, field)
    existing = organisations_of(actor).filter(folded_name=fold(raw)).order_by("pk").first()
    if existing is not None:
        return existing
    organisation = Organisation(network_id=actor.network_id, name=raw)
    fits(organisation, {"name": field})
    organisation.save()

    return organisation
