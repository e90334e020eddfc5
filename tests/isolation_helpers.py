"""What the whole-API and whole-site isolation walks share.

``alices_world`` gives Alice one of everything (and Bob a few of his own, for calls that
mix his ids with hers); ``snapshot`` is every row of a network, of every model that has
a network (through tables included), so a walk can prove nothing of Alice's changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import F

from knoten.core.models import Member, Network
from knoten.journal import conversations, events, projects
from knoten.journal.models import Promise
from knoten.people import (
    affiliations,
    contacts,
    important_dates,
    organisations,
    persons,
    relationships,
)
from knoten.people.models import (
    Affiliation,
    ContactPoint,
    ImportantDate,
    Organisation,
    Person,
    Relationship,
)
from knoten.reciprocity import services as reciprocity

# Every name, text and address of Alice's contains one of these; none of Bob's does.
ALICES_WORDS = ("Zyxwend", "Quorbel", "Zollrecht")


@dataclass
class Objects:
    """One member's objects of every kind, by kind (as the walks name them)."""

    ids: dict[str, int] = field(default_factory=dict)
    me: int = 0
    network_id: int = 0

    def __getitem__(self, kind: str) -> int:
        return self.ids[kind]


def alices_world(alice: Member) -> Objects:
    """Alice's network with persons, contact points, an organisation, affiliations,
    relationships, important dates, interactions, promises, an event with attendance, a
    project with roles, a favour, a recommendation and a channel cost. Every text holds
    one of :data:`ALICES_WORDS`."""
    anna = persons.add_person(
        alice,
        "Anna Zyxwend",
        persons.PersonFields(
            org="Quorbel GmbH",
            title="CFO",
            skills=["Zollrecht"],
            tags=["Quorbel-VIP"],
            circles=["Quorbel-Kreis"],
            emails=["anna@quorbel.de"],
            phones=["+49 30 1234567"],
            note="Zyxwend mag Zollrecht",
            birthday="1980-03-14",
        ),
    )
    berta = persons.add_person(alice, "Berta Zyxwend", persons.PersonFields(nickname="Zyxi"))
    return _fill(alice, anna, berta, "Quorbel", "Zyxwend")


def bobs_world(bob: Member) -> Objects:
    """Bob's own objects of every kind, with names that share nothing with Alice's."""
    carl = persons.add_person(bob, "Carl Mauser", persons.PersonFields(org="Brot AG"))
    dora = persons.add_person(bob, "Dora Mauser")
    return _fill(bob, carl, dora, "Brot", "Mauser")


def _fill(member: Member, first: Person, second: Person, org_word: str, word: str) -> Objects:
    org = Organisation.objects.filter(network=member.network, name=f"{org_word} GmbH").first()
    if org is None:
        org = organisations.add_organisation(member, f"{org_word} GmbH", kind="company")
    affiliations.add_affiliation(member, first, org.pk, "function", title=f"{word} Beraterin")
    relationships.relate(member, first, second, "colleague", note=f"{word} Kollegen")
    important_dates.add_important_date(
        member, first, "anniversary", "--07-01", label=f"{word} Jubiläum"
    )
    contacts.add_contact_point(member, first, "email", f"{word.lower()}@{org_word.lower()}.de")
    event = events.add_event(
        member, f"{org_word} Messe", kind="conference", attendees=[str(first.pk)]
    )
    project = projects.add_project(member, f"{org_word} Umbau", participants=[str(first.pk)])
    projects.set_project_role(member, project, second.pk, f"{word} Leitung")
    interaction = conversations.log_interaction(
        member,
        f"{word} Gespräch",
        participants=[first],
        event=event,
        promises=[f"{org_word} Angebot schicken by 2030-01-01"],
    )
    promise = Promise.objects.get(interaction=interaction)
    favour = reciprocity.add_favour(
        member,
        giver=first,
        receiver="me",
        kind="tip",
        note=f"{word} Tipp",
        interaction=interaction,
    )
    recommendation = reciprocity.add_recommendation(
        member, recommender=first, recipient=second, beneficiary="me", context=f"{word} Empfehlung"
    )
    cost = reciprocity.add_channel_cost(
        member, organisation=org, amount="240 EUR", note=f"{word} Beitrag"
    )
    # A photo (people.PersonPhoto), which only the person's own network may see.
    from knoten.demo.pictures import tiny_png
    from knoten.people.models import PersonPhoto

    PersonPhoto.objects.create(
        network=member.network, person=first, content_type="image/png", data=tiny_png((9, 9, 9))
    )
    # A job (a large import's preview, still queued), which only its member may see.
    from knoten.imports.jobs import start_import

    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{first.full_name}\r\nEND:VCARD\r\n"
    job = start_import(member, card.encode(), f"{word}.vcf", dry_run=True)
    ids = {
        "job": job.pk,
        "person": first.pk,
        "second person": second.pk,
        "organisation": org.pk,
        "affiliation": _first(Affiliation.objects.filter(person=first)),
        "relationship": _first(Relationship.objects.filter(from_person__in=[first, second])),
        "date": _first(ImportantDate.objects.filter(person=first)),
        "contact point": _first(ContactPoint.objects.filter(person=first)),
        "interaction": interaction.pk,
        "promise": promise.pk,
        "event": event.pk,
        "project": project.pk,
        "favour": favour.pk,
        "recommendation": recommendation.pk,
        "channel cost": cost.pk,
        "me": member.person_id or 0,
    }
    return Objects(ids=ids, me=member.person_id or 0, network_id=member.network_id)


def _first(rows: models.QuerySet[Any]) -> int:
    row = rows.order_by("pk").first()
    assert row is not None, f"no {rows.model.__name__} was made"
    return int(row.pk)


def _network_path(model: type[models.Model]) -> str | None:
    """How ``model``'s rows reach their network: ``network`` or ``<fk>__network``."""
    names = {f.name for f in model._meta.get_fields()}
    if "network" in names and model is not Network:
        return "network"
    for f in model._meta.get_fields():
        if isinstance(f, models.ForeignKey) and f.related_model is not None:
            related_names = {g.name for g in f.related_model._meta.get_fields()}
            if "network" in related_names:
                return f"{f.name}__network"
    return None


def network_models() -> list[tuple[type[models.Model], str]]:
    """Every model whose rows belong to a network, with the path to it."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        path = _network_path(model)
        if path is not None:
            found.append((model, path))
    return found


Snapshot = dict[str, list[tuple[Any, ...]]]


# Columns that record use, not data: a token's last use changes with every call.
VOLATILE = frozenset({"last_used_at", "last_login"})


def snapshot(network: Network | int) -> Snapshot:
    """Every row of every model belonging to ``network``, each as a tuple of its columns
    (but :data:`VOLATILE` ones)."""
    network_id = network if isinstance(network, int) else network.pk
    rows: Snapshot = {}
    for model, path in network_models():
        columns = [f.attname for f in model._meta.concrete_fields if f.name not in VOLATILE]
        rows[model._meta.label] = list(
            model.objects.filter(**{f"{path}_id": network_id}).order_by("pk").values_list(*columns)
        )
    return rows


def changed(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> str:
    """A readable account of what differs between two snapshots ("" if nothing does)."""
    lines = []
    for label in sorted(set(before) | set(after)):
        old, new = before.get(label, []), after.get(label, [])
        if old != new:
            gone = [row for row in old if row not in new]
            added = [row for row in new if row not in old]
            lines.append(f"{label}: removed/changed {gone!r}; added/changed {added!r}")
    return "\n".join(lines)


def cross_network_references() -> list[str]:
    """Rows that point at a row of another network (none may): for every model of
    :func:`network_models`, each foreign key to another network's model is checked."""
    paths = dict(network_models())
    found = []
    for model, path in paths.items():
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.ForeignKey) or f.related_model not in paths:
                continue
            if path.startswith(f"{f.name}__"):
                continue  # the key that gives the row its network
            target = paths[f.related_model]
            wrong = (
                model.objects.filter(**{f"{f.name}__isnull": False})
                .exclude(**{f"{f.name}__{target}": F(path)})
                .values_list("pk", flat=True)
            )
            for pk in wrong:
                found.append(f"{model._meta.label} {pk}: {f.name} is another network's")
    return found


def body_text(response: Any) -> str:
    """A response's body as text, whether sent whole or streamed (an export download)."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", "replace")
