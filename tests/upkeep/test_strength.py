"""Relationship strength: one figure, its level and its reasons, told by one function."""

from __future__ import annotations

import datetime as dt

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.people.persons import add_person
from knoten.upkeep.models import Standing
from knoten.upkeep.standings import refresh_stale
from knoten.upkeep.strength import explain

DAY = dt.date(2027, 3, 1)


def standing(**counts: object) -> Standing:
    fields: dict[str, object] = {
        "last_on": None,
        "last_kind": "",
        "last_where": "",
        "contacts_year": 0,
        "depth_year": 0,
        "trust": None,
        "given": 0,
        "received": 0,
    }
    fields.update(counts)
    return Standing(**fields)


def test_no_contact_is_no_strength_and_says_so() -> None:
    told = explain(standing(), DAY)
    assert (told.figure, told.level, told.level_words) == (0, "none", "no contact yet")
    assert told.reasons == ("no contact recorded", "0 contacts in the past year")


def test_each_part_is_explained_in_words() -> None:
    recent = standing(
        last_on=DAY - dt.timedelta(days=21),
        last_kind="meeting",
        last_where="Hannover Messe",
        contacts_year=12,
        depth_year=24,
        trust=4,
        given=3,
        received=1,
    )
    told = explain(recent, DAY)
    assert told.reasons == (
        "last contact 3 weeks ago (meeting, Hannover Messe)",
        "12 contacts in the past year",
        "trust 4 of 5",
        "you gave 3, received 1",
    )
    parts = told.as_dict()["parts"]
    assert parts == {"recency": 37, "frequency": 25, "trust": 16, "balance": 15}
    assert (told.figure, told.level) == (93, "strong")


def test_recency_halves_every_six_months_and_the_level_follows() -> None:
    met = standing(last_on=DAY, last_kind="call", depth_year=12, trust=2)
    figures = [explain(met, DAY + dt.timedelta(days=d)).figure for d in (0, 182, 364, 2000)]
    assert figures == [40 + 12 + 8, 20 + 12 + 8, 10 + 12 + 8, 0 + 12 + 8]
    assert [explain(met, DAY + dt.timedelta(days=d)).level for d in (0, 364)] == ["good", "loose"]


def test_a_private_conversation_counts_for_its_reader() -> None:
    old = standing(last_on=DAY - dt.timedelta(days=365), last_kind="email")
    mine = explain(old, DAY, private_last=DAY - dt.timedelta(days=2))
    assert mine.reasons[0] == "last contact 2 days ago (private conversation)"
    assert mine.figure > explain(old, DAY).figure


def test_a_stale_strength_is_lower_after_the_refresh(member: Member) -> None:
    start = dt.date.today() + dt.timedelta(days=30)
    clock.pin(start)
    anna = add_person(member, "Anna Adler")
    log_interaction(member, "Lunch", participants=[anna], on=start)
    refresh_stale(member.network_id)  # "me", added before the pinned day
    before = Standing.objects.get(person=anna)
    assert refresh_stale(member.network_id) == 0  # all of today
    clock.pin(start + dt.timedelta(days=200))
    assert Standing.objects.get(person=anna).strength == before.strength  # not yet refreshed
    assert refresh_stale(member.network_id) >= 1
    after = Standing.objects.get(person=anna)
    assert after.as_of == start + dt.timedelta(days=200)
    assert after.strength < before.strength


def test_the_whole_network_pass_writes_what_one_person_at_a_time_writes(member: Member) -> None:
    """refresh_network reads each source once for the whole network and writes plain
    values; refresh reads by persons and is what a change notice runs. Same standings."""
    from knoten.demo.generate import generate_network
    from knoten.people.models import Person
    from knoten.upkeep.standings import refresh, refresh_network

    day = dt.date(2027, 3, 1)
    clock.pin(day)
    generate_network(member, size=150, seed=5, today=day)
    fields = [f.attname for f in Standing._meta.concrete_fields]

    def written() -> list[tuple[object, ...]]:
        rows = Standing.objects.filter(network_id=member.network_id).order_by("person_id")
        return list(rows.values_list(*fields))

    assert refresh_network(member.network_id) == 151
    whole = written()
    assert len(whole) == 151 and any(row[fields.index("trust")] for row in whole)
    assert any(row[fields.index("given")] for row in whole)
    ids = list(Person.objects.filter(network_id=member.network_id).values_list("pk", flat=True))
    Standing.objects.filter(network_id=member.network_id).delete()
    for pk in ids:
        refresh(member.network_id, [pk])
    assert written() == whole
