"""The demo network: deterministic, complete, realistic in shape, and kept to its network."""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from collections import Counter
from typing import Any

import phonenumbers
import pytest
from django.apps import apps
from django.db.models import Q

from knoten.core.folding import fold
from knoten.core.models import Member, NetworkScoped
from knoten.demo.generate import generate_network
from knoten.journal.models import Event, Interaction, Project, Promise
from knoten.people.models import (
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
from knoten.people.networks import create_network
from knoten.people.vocabulary import ORGANISATION_KINDS
from tests.conftest import World

TODAY = dt.date(2026, 6, 15)


# Rows a network gets from using Knoten, not from what it knows: the search index and the
# graph's analysis are derived (made anew from the rest), a job is a background import.
DERIVED = {"search": None, "graph": {"ComfortGoal"}, "jobs": None}


def scoped_models() -> list[Any]:
    """Every model whose rows belong to a network, the derived ones aside."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, NetworkScoped)
        and (
            model._meta.app_label not in DERIVED
            or model.__name__ in (DERIVED[model._meta.app_label] or ())
        )
    ]


def counts_in(network_id: int) -> dict[str, int]:
    return {
        model.__name__: model.objects.filter(network_id=network_id).count()
        for model in scoped_models()
    }


def fingerprint(member: Member) -> str:
    """Names, the who-knows-whom graph and the minutes, independent of primary keys."""
    people = list(
        Person.objects.filter(network_id=member.network_id)
        .order_by("pk")
        .values_list("pk", "academic_title", "given_name", "name_particle", "family_name")
    )
    position = {row[0]: number for number, row in enumerate(people)}
    digest = hashlib.sha256()
    for row in people:
        digest.update(repr(row[1:]).encode())
    edges = Relationship.objects.filter(network_id=member.network_id).order_by("pk")
    for a, b, kind, trust in edges.values_list("from_person", "to_person", "kind", "trust"):
        digest.update(repr((position[a], position[b], kind, trust)).encode())
    minutes = Interaction.objects.filter(network_id=member.network_id).order_by("pk")
    for summary, day in minutes.values_list("summary", "occurred_on"):
        digest.update(repr((summary, day)).encode())
    return digest.hexdigest()


@pytest.fixture
def demo(member: Member) -> dict[str, int]:
    """Alice's network filled with 300 persons."""
    return generate_network(member, size=300, seed=7, today=TODAY)


def test_same_seed_gives_the_same_network(db: None) -> None:
    first = create_network("One", username="one", me_name="Eva Berger")
    second = create_network("Two", username="two", me_name="Eva Berger")
    third = create_network("Three", username="three", me_name="Eva Berger")
    generate_network(first, size=120, seed=3, today=TODAY)
    generate_network(second, size=120, seed=3, today=TODAY)
    generate_network(third, size=120, seed=4, today=TODAY)

    assert fingerprint(first) == fingerprint(second)
    assert fingerprint(first) != fingerprint(third)
    assert counts_in(first.network_id) == counts_in(second.network_id)


def test_size_is_the_number_of_persons_added(member: Member, demo: dict[str, int]) -> None:
    assert demo["persons"] == 300
    assert Person.objects.filter(network_id=member.network_id).count() == 301  # and *me*


def test_every_part_of_the_data_model_is_filled(member: Member, demo: dict[str, int]) -> None:
    empty = [name for name, count in counts_in(member.network_id).items() if count == 0]
    assert empty == []
    people = Person.objects.filter(network_id=member.network_id)
    assert Person.circles.through.objects.filter(person__in=people).exists()
    assert Person.tags.through.objects.filter(person__in=people).exists()
    assert Person.skills.through.objects.filter(person__in=people).exists()
    # The counts it reports are the rows it wrote.
    assert (
        demo["relationships"] == Relationship.objects.filter(network_id=member.network_id).count()
    )
    assert demo["promises"] == Promise.objects.filter(network_id=member.network_id).count()


def test_the_network_looks_like_a_real_one(member: Member, demo: dict[str, int]) -> None:
    net = member.network_id
    people = Person.objects.filter(network_id=net)
    organisations = Organisation.objects.filter(network_id=net)
    assert {kind.code for kind in ORGANISATION_KINDS} <= set(
        organisations.values_list("kind", flat=True)
    )
    # Names: academic titles, particles, nicknames, umlauts; German and international.
    assert people.filter(academic_title__startswith="Dr.").exists()
    assert people.filter(academic_title__startswith="Prof.").exists()
    assert people.exclude(name_particle="").exists()
    assert people.exclude(nickname="").exists()
    assert people.filter(
        Q(family_name__regex=r"[äöüÄÖÜß]") | Q(given_name__regex=r"[äöüÄÖÜß]")
    ).exists()
    assert people.filter(form_of_address="du").exists()
    assert people.filter(form_of_address="sie").exists()
    # Contact points: E.164 phones that are valid numbers, unroutable e-mail domains.
    contacts = ContactPoint.objects.filter(network_id=net)
    phones = list(contacts.filter(kind="phone").values_list("value", flat=True))
    assert phones
    for phone in phones:
        assert phone.startswith("+")
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone)), phone
    assert any(not phone.startswith("+49") for phone in phones)
    emails = list(contacts.filter(kind="email").values_list("value", flat=True))
    assert emails
    assert all(email == email.lower() and email.endswith(".example") for email in emails)
    address = contacts.filter(kind="address").first()
    assert address is not None and address.street and address.postal_code and address.locality
    # One preferred contact point per kind and person, at most (the database checks it too).
    assert contacts.filter(preferred=True).count() == len(
        set(contacts.filter(preferred=True).values_list("person_id", "kind"))
    )
    # Careers with partial dates; functions in associations.
    affiliations = Affiliation.objects.filter(network_id=net)
    assert {"job", "education", "function", "membership"} <= set(
        affiliations.values_list("kind", flat=True)
    )
    starts = [str(a.start) for a in affiliations.exclude(start=None)]
    assert any(len(start) == 4 for start in starts)  # a year only
    assert any(len(start) == 7 for start in starts)  # a year and a month
    assert people.filter(affiliations__kind="job", affiliations__end=None).count() > 100
    # Relationships: family and business kinds, trust 1–5, some with a "since".
    edges = Relationship.objects.filter(network_id=net)
    kinds = set(edges.values_list("kind", flat=True))
    assert {"boss", "client", "spouse", "parent", "sibling", "colleague", "friend"} <= kinds
    trusts = set(edges.exclude(trust=None).values_list("trust", flat=True))
    assert trusts <= {1, 2, 3, 4, 5} and len(trusts) >= 4
    assert edges.exclude(since=None).exists()
    # Birthdays, partly without a year; life events.
    dates = ImportantDate.objects.filter(network_id=net)
    birthdays = [str(d.date) for d in dates.filter(kind="birthday")]
    assert any(b.startswith("--") for b in birthdays)
    assert any(not b.startswith("--") for b in birthdays)
    assert dates.exclude(kind="birthday").exists()
    # How we met: dates, events, introducers.
    assert people.exclude(met_on=None).exists()
    assert people.exclude(met_at_event=None).exists()
    assert people.exclude(introduced_by=None).exists()
    assert people.exclude(how_we_met="").exists()
    # Events with costs and hours; attendance both expected and met.
    events = Event.objects.filter(network_id=net)
    assert events.exclude(cost=None).exists() and events.exclude(hours_spent=None).exists()
    statuses = set(events.values_list("attendances__status", flat=True))
    assert {"expected", "met"} <= statuses
    # Projects with participants and roles.
    assert Project.objects.filter(network_id=net, roles__isnull=False).exists()
    # Years of minutes, in German and in English, and promises done, open and overdue.
    minutes = Interaction.objects.filter(network_id=net)
    days = list(minutes.values_list("occurred_on", flat=True))
    assert max(days) <= TODAY and (max(days) - min(days)).days > 3 * 365
    assert len(set(minutes.values_list("kind", flat=True))) >= 6
    summaries = list(minutes.values_list("summary", flat=True))
    assert any(s.startswith(("Lunch mit", "Kaffee mit", "Telefonat mit")) for s in summaries)
    assert any(s.startswith(("Lunch with", "Coffee with", "Call with")) for s in summaries)
    promises = Promise.objects.filter(network_id=net)
    assert promises.exclude(done_on=None).exists()
    assert promises.filter(done_on=None, due_on__lt=TODAY).exists()
    assert promises.filter(debtor=member.me).exists()
    assert promises.filter(creditor=member.me).exists()


def test_me_is_well_connected_and_the_degrees_are_heavy_tailed(
    member: Member, demo: dict[str, int]
) -> None:
    degree: Counter[int] = Counter()
    edges = Relationship.objects.filter(network_id=member.network_id)
    for a, b in edges.values_list("from_person_id", "to_person_id"):
        degree[a] += 1
        degree[b] += 1
    me = member.me.pk
    assert degree[me] == max(degree.values())
    assert degree[me] >= 50
    others = [count for person, count in degree.items() if person != me]
    median = statistics.median(others)
    assert max(others) >= 5 * median
    # Nobody is left out of the graph entirely.
    assert len(degree) == Person.objects.filter(network_id=member.network_id).count()


def test_everything_belongs_to_the_members_network(world: World) -> None:
    untouched_before = {m.network_id: counts_in(m.network_id) for m in (world.bob, world.charlie)}
    generate_network(world.alice, size=150, seed=1, today=TODAY)
    for network_id, before in untouched_before.items():
        assert counts_in(network_id) == before
    net = world.alice.network_id
    checks = [
        Relationship.objects.filter(network_id=net).exclude(from_person__network_id=net),
        Relationship.objects.filter(network_id=net).exclude(to_person__network_id=net),
        Affiliation.objects.filter(network_id=net).exclude(organisation__network_id=net),
        Affiliation.objects.filter(network_id=net).exclude(person__network_id=net),
        Person.objects.filter(network_id=net, introduced_by__isnull=False).exclude(
            introduced_by__network_id=net
        ),
        Person.objects.filter(network_id=net, met_at_event__isnull=False).exclude(
            met_at_event__network_id=net
        ),
        Interaction.objects.filter(network_id=net).exclude(participations__person__network_id=net),
        Interaction.objects.filter(network_id=net).exclude(author=world.alice),
        Promise.objects.filter(network_id=net).exclude(debtor__network_id=net),
        Event.objects.filter(network_id=net, organiser__isnull=False).exclude(
            organiser__network_id=net
        ),
    ]
    for query in checks:
        assert not query.exists(), query.query
    people = Person.objects.filter(network_id=net)
    for through, target in (
        (Person.circles.through, Circle),
        (Person.tags.through, Tag),
        (Person.skills.through, Skill),
    ):
        rows = through.objects.filter(person__in=people)
        foreign = target.objects.exclude(network_id=net)
        assert not rows.filter(**{f"{target._meta.model_name}__in": foreign}).exists()


def test_derived_fields_are_what_save_would_compute(member: Member, demo: dict[str, int]) -> None:
    people = list(Person.objects.filter(network_id=member.network_id))
    for person in people:
        stored = (person.sort_name, person.folded_name)
        assert all(stored)
        person.refresh_derived_names()
        assert (person.sort_name, person.folded_name) == stored
    for model in (Organisation, Circle, Tag, Skill, Event, Project):
        rows = list(model.objects.filter(network_id=member.network_id))
        assert rows
        for row in rows:
            assert row.folded_name and row.folded_name == fold(row.name)


def test_a_second_run_adds_without_clashing(member: Member) -> None:
    """--force on a network that already holds the demo: same names, no broken constraint."""
    generate_network(member, size=40, seed=2, today=TODAY)
    generate_network(member, size=40, seed=2, today=TODAY)
    assert Person.objects.filter(network_id=member.network_id).count() == 81
    assert Tag.objects.filter(network_id=member.network_id).count() == len(
        set(Tag.objects.filter(network_id=member.network_id).values_list("folded_name", flat=True))
    )


@pytest.mark.parametrize("size", [0, -5])
def test_a_size_below_one_is_refused(member: Member, size: int) -> None:
    from knoten.core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="size"):
        generate_network(member, size=size, seed=1)
    assert Person.objects.filter(network_id=member.network_id).count() == 1


def test_progress_is_reported_for_every_stage(member: Member) -> None:
    seen: dict[str, tuple[int, int]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        assert 0 <= done <= total or total == 0
        seen[stage] = (done, total)

    generate_network(member, size=25, seed=1, today=TODAY, progress=progress)
    assert {"persons", "relationships", "interactions", "give and take", "search index"} <= set(
        seen
    )
    assert all(done == total for done, total in seen.values())
