"""The network drawn: who is in the ego network, the cap, the filters, the path, clusters."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.graph.drawing import Drawing, draw_network
from knoten.journal.conversations import log_interaction
from knoten.people.models import Person
from knoten.people.persons import PersonFields, add_person, archive_person
from knoten.people.relationships import relate
from tests.conftest import World

# me ─5─ Anna ─4─ Erik ─2─ Jonas          Anna ─5─ Fritz,  Anna ─2─ Bernd
# me ─3─ Bernd ─5─ Erik,  Bernd ─3─ Gisela
# me ─1─ Clara ─4─ Hanna ─2─ Karl
# me ─5─ Dora (archived) ─5─ Ida
TIES = [
    ("me", "Anna", 5),
    ("me", "Bernd", 3),
    ("me", "Clara", 1),
    ("me", "Dora", 5),
    ("Anna", "Erik", 4),
    ("Anna", "Fritz", 5),
    ("Anna", "Bernd", 2),
    ("Bernd", "Erik", 5),
    ("Bernd", "Gisela", 3),
    ("Clara", "Hanna", 4),
    ("Dora", "Ida", 5),
    ("Erik", "Jonas", 2),
    ("Hanna", "Karl", 2),
]


@pytest.fixture
def people(member: Member) -> dict[str, Person]:
    names = {a for a, _b, _t in TIES} | {b for _a, b, _t in TIES}
    found = {"me": member.me}
    for name in sorted(names - {"me"}):
        circles = ["Kunden"] if name in ("Anna", "Erik") else None
        found[name] = add_person(member, f"{name} Muster", PersonFields(circles=circles))
    for a, b, trust in TIES:
        relate(member, found[a], found[b], "friend", trust=trust)
    archive_person(member, found["Dora"])
    return found


def named(drawing: Drawing, people: dict[str, Person], degree: int) -> list[str]:
    by_id = {p.pk: name for name, p in people.items()}
    return [by_id[p.id] for p in drawing.people if p.degree == degree]


def test_the_ego_network_is_me_the_first_and_the_second_degree_strongest_first(
    member: Member, people: dict[str, Person]
) -> None:
    drawing = draw_network(member)
    assert drawing.centre == member.me.pk
    assert named(drawing, people, 1) == ["Anna", "Bernd", "Clara"]
    # Reach: Fritz 1.0·1.0, Erik 1.0·0.8 (through Anna, not Bernd's 0.6·1.0), Gisela
    # 0.6·0.6, Hanna 0.2·0.8. Dora is archived, so Ida (known only through her) is not
    # drawn; Jonas and Karl are the third degree.
    assert named(drawing, people, 2) == ["Fritz", "Erik", "Gisela", "Hanna"]
    erik = next(p for p in drawing.people if p.id == people["Erik"].pk)
    assert (erik.through, erik.reach) == (people["Anna"].pk, 0.8)
    assert drawing.hidden == 0
    pairs = {(t.a, t.b): t.weight for t in drawing.ties}
    anna, bernd = sorted((people["Anna"].pk, people["Bernd"].pk))
    assert pairs[(anna, bernd)] == 0.4
    assert len(pairs) == 9  # every tie among the drawn, Erik–Jonas not
    me = next(p for p in drawing.people if p.degree == 0)
    assert me.is_me and (me.x, me.y) == (0.0, 0.0)


def test_the_layout_puts_each_degree_on_its_ring(member: Member, people: dict[str, Person]) -> None:
    drawing = draw_network(member)
    radius = {p.id: math.hypot(p.x, p.y) for p in drawing.people}
    first = {round(radius[p.id]) for p in drawing.first_degree}
    second = {round(radius[p.id]) for p in drawing.second_degree}
    assert len(first) == 1 and len(second) == 1
    assert min(second) > min(first) > 0
    x, y, width, height = drawing.view_box
    for p in drawing.people:
        assert x < p.x < x + width and y < p.y < y + height


def test_clusters_are_found_in_the_drawn_subgraph(
    member: Member, people: dict[str, Person]
) -> None:
    cluster = {p.id: p.cluster for p in draw_network(member).people}
    of = {name: cluster.get(p.pk) for name, p in people.items()}
    assert of["me"] == -1
    assert of["Anna"] == of["Bernd"] == of["Erik"] == of["Fritz"] == of["Gisela"] == 0
    assert of["Clara"] == of["Hanna"] == 1


def test_the_cap_keeps_the_strongest_and_says_how_many_it_left_out(
    member: Member, people: dict[str, Person]
) -> None:
    drawing = draw_network(member, limit=4)
    assert named(drawing, people, 1) == ["Anna", "Bernd", "Clara"]
    assert named(drawing, people, 2) == []
    assert drawing.hidden == 0  # the first degree fills it: the second is not counted
    drawing = draw_network(member, limit="3")
    assert named(drawing, people, 1) == ["Anna", "Bernd"]
    assert drawing.hidden == 1  # Clara
    drawing = draw_network(member, limit=6)
    assert named(drawing, people, 2) == ["Fritz", "Erik"]
    assert drawing.hidden == 2  # Gisela, Hanna


def test_least_trust_holds_on_every_hop(member: Member, people: dict[str, Person]) -> None:
    drawing = draw_network(member, min_trust=3)
    assert named(drawing, people, 1) == ["Anna", "Bernd"]
    assert named(drawing, people, 2) == ["Fritz", "Erik", "Gisela"]
    assert all(t.weight >= 0.6 for t in drawing.ties)  # Anna–Bernd (trust 2) is left out


def test_a_circle_keeps_only_its_members(member: Member, people: dict[str, Person]) -> None:
    drawing = draw_network(member, circle="Kunden")
    assert named(drawing, people, 1) == ["Anna"]
    assert named(drawing, people, 2) == ["Erik"]
    with pytest.raises(NotFound):
        draw_network(member, circle="Nowhere")


def test_least_strength_narrows_the_first_degree(member: Member, people: dict[str, Person]) -> None:
    # Trust alone gives Anna 20 and Clara 4; a lunch lifts Bernd above both.
    log_interaction(member, "Lunch", participants=[people["Bernd"]], on=dt.date.today())
    strength = {p.id: p.strength for p in draw_network(member).people}
    assert strength[people["Bernd"].pk] > 30 > strength[people["Anna"].pk]
    drawing = draw_network(member, min_strength=30)
    assert named(drawing, people, 1) == ["Bernd"]
    # The second degree is reached through Bernd alone; Anna, a direct contact left
    # out, is not drawn as his friend either.
    assert named(drawing, people, 2) == ["Erik", "Gisela"]
    assert drawing.min_strength == 30


def test_around_another_person(member: Member, people: dict[str, Person]) -> None:
    drawing = draw_network(member, people["Erik"].pk)
    assert drawing.centre == people["Erik"].pk
    assert named(drawing, people, 1) == ["Bernd", "Anna", "Jonas"]
    # me and Fritz both 0.8 through Anna; me is known by two of Erik's contacts.
    assert named(drawing, people, 2) == ["me", "Fritz", "Gisela"]
    assert draw_network(member, "Erik Muster").centre == people["Erik"].pk


def test_a_path_is_drawn_with_its_persons_beyond_the_cap(
    member: Member, people: dict[str, Person]
) -> None:
    route = [people[name].pk for name in ("me", "Clara", "Hanna", "Karl")]
    drawing = draw_network(member, limit=4, path=[str(pk) for pk in route])
    assert drawing.path == route
    on_path = [p.id for p in drawing.people if p.on_path]
    assert sorted(on_path) == sorted(route)
    assert {p.id: p.degree for p in drawing.people if p.degree == 3} == {
        people["Hanna"].pk: 3,
        people["Karl"].pk: 3,
    }
    hops = {(t.a, t.b): t.weight for t in drawing.ties if t.on_path}
    assert len(hops) == 3 and all(w > 0 for w in hops.values())
    # A hop without a tie of its own is still drawn (weight 0: dashed).
    drawing = draw_network(member, path=[people["me"].pk, people["Karl"].pk])
    assert [t.weight for t in drawing.ties if t.on_path] == [0.0]


def test_bad_input_is_named_and_another_network_is_not_found(
    world: World, member: Member, people: dict[str, Person]
) -> None:
    for given, field in (
        ({"min_trust": 7}, "min_trust"),
        ({"min_trust": "high"}, "min_trust"),
        ({"min_strength": 101}, "min_strength"),
        ({"limit": 1}, "limit"),
        ({"limit": 501}, "limit"),
        ({"path": [people["Dora"].pk]}, "path"),
    ):
        with pytest.raises(InvalidInput) as caught:
            draw_network(member, **given)  # type: ignore[arg-type]
        assert caught.value.field == field
    bobs = add_person(world.bob, "Bea Fremd")
    with pytest.raises(NotFound):
        draw_network(member, bobs.pk)
    with pytest.raises(NotFound):
        draw_network(member, path=[member.me.pk, bobs.pk])
    # Bob's drawing holds only Bob and his own.
    relate(world.bob, world.bob.me, bobs, "friend", trust=4)
    drawing = draw_network(world.bob)
    assert {p.id for p in drawing.people} == {world.bob.me.pk, bobs.pk}


def test_a_person_without_ties_is_drawn_alone(member: Member) -> None:
    drawing = draw_network(member)
    assert [p.degree for p in drawing.people] == [0]
    assert drawing.ties == [] and drawing.clusters == 0
