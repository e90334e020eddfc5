"""Relationships: who knows whom, a kind named for each direction ("boss of",
"report of"), with trust from 1 to 5."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from knoten.core import changes
from knoten.core.data import iso, reference
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.limits import check_window
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.core.reading import partial_date
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
    Relationship,
)


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
    since_date = partial_date(since, "since")
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
    since_date = relationship.since if since is None else partial_date(since, "since")
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
