"""What a file says about a person's sex and their relations, made into facts.

A file's gender ("F", "weiblich", "Male") becomes the person's gender, which the
salutation of a draft reads; a word that names none stays an imported property. A file's
related person (vCard ``RELATED;TYPE=spouse:Eva Roth``, Apple's related names, Outlook's
"Children") becomes a relationship when the network has exactly one person of that name
(the file's own persons included) and the file's word names a kind of relationship;
otherwise it stays an imported property, as it always was.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from knoten.core.errors import InvalidInput
from knoten.core.folding import fold
from knoten.core.models import Member
from knoten.people.models import Person
from knoten.people.persons import parse_gender
from knoten.people.records import ContactRecord
from knoten.people.relationships import relate


def gender_of(text: str) -> str | None:
    """The person's gender (a ``Person.Gender`` value, "" for "not given": "U",
    "Unspecified") that a file's word names, read as a typed one is; ``None`` for a word
    that names none (kept as an imported property)."""
    try:
        return parse_gender(text)
    except InvalidInput:
        return None


def relate_records(people: Iterable[tuple[ContactRecord, int]], *, actor: Member) -> list[str]:
    """Relationships for the related persons the records name (each with the id of the
    person it was imported into), where the network knows exactly one person of that
    name; what was added, in words. Called by the import inside its unit of work."""
    added: list[str] = []
    wanted = [(record, pk) for record, pk in people if record.related]
    if not wanted:
        return added
    names = {fold(relation.name) for record, _ in wanted for relation in record.related}
    found = _persons_named(actor.network_id, names)
    for record, pk in wanted:
        for relation in record.related:
            matches = found.get(fold(relation.name), set()) - {pk}
            if len(matches) != 1 or not relation.label:
                continue
            (other,) = matches
            try:
                # The file says: the related person is <label> of this one.
                relationship = relate(actor, other, pk, relation.label)
            except InvalidInput:
                continue  # no kind of relationship; it stays an imported property
            added.append(f"{relationship.kind} {relation.name}")
    return added


def _persons_named(network_id: int, names: set[str]) -> dict[str, set[int]]:
    """The network's persons by each folded name they answer to: the name with or
    without the nickname and the academic title."""
    found: dict[str, set[int]] = {}
    last_words = sorted({name.split()[-1] for name in names if name.split()})
    for start in range(0, len(last_words), 100):
        ends = Q()
        for word in last_words[start : start + 100]:
            ends |= Q(folded_name__endswith=f" {word}") | Q(folded_name=word)
        rows = Person.objects.filter(ends, network_id=network_id, archived=False).only(
            "id",
            "given_name",
            "family_name",
            "name_particle",
            "nickname",
            "academic_title",
            "folded_name",
        )
        for person in rows:
            for spelled in {person.full_name, person.short_name, person.folded_name}:
                folded = fold(spelled)
                if folded in names:
                    found.setdefault(folded, set()).add(person.pk)
    return found
