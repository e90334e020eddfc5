"""Important dates: birthdays, anniversaries and life events, with partial dates."""

from __future__ import annotations

from typing import Any

from knoten.core import changes
from knoten.core.data import iso, reference
from knoten.core.errors import InvalidInput
from knoten.core.limits import check_window
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.core.reading import clean, partial_date
from knoten.core.words import resolve_word
from knoten.people import vocabulary as v

# The contact point operations live in contacts; callers may take them from here too.
from knoten.people.contacts import add_contact as add_contact
from knoten.people.contacts import delete_contact_point as delete_contact_point
from knoten.people.contacts import edit_contact_point as edit_contact_point
from knoten.people.contacts import list_contact_points as list_contact_points
from knoten.people.lookup import (
    PersonRef,
    fits,
    in_network,
    resolve_person,
)
from knoten.people.models import (
    ImportantDate,
)


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
    when = partial_date(date, "date")
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
            label=clean(label),
            note=(note or "").strip(),
        )
        fits(important)
        important.save()
    return important


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
        when = partial_date(date, "date")
        if when is None:
            raise InvalidInput("date", date, "is empty; give a date such as 14.03.2024 or --03-14")
    with changes.atomic():
        important.kind = code
        important.date = when
        if label is not None:
            important.label = clean(label)
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
