"""Multipliers, worth meeting and the comfort zone on a small network whose answers are
known by hand.

Alice (me) knows Anna, Bernd and Clara. Anna and Bernd both know Dora and Emil; Clara
knows Dora and Jana, a journalist at the Weser-Kurier; Jana knows Paul, who works at
Solar AG (an organisation nobody else of Alice's reaches). Zora is archived and knows
everyone: she counts nowhere.
"""

from __future__ import annotations

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.graph.comfort import comfort_zone, set_comfort_goal
from knoten.graph.models import GraphAnalysis
from knoten.graph.multipliers import multipliers
from knoten.graph.refreshing import refresh_analysis
from knoten.people.affiliations import add_affiliation
from knoten.people.persons import PersonFields, add_person, archive_person, edit_person
from knoten.people.relationships import relate
from tests.conftest import World


@pytest.fixture
def net(member: Member) -> dict[str, int]:
    me = member.person_id
    people = {}
    for name, org in (
        ("Anna Adler", "ACME GmbH"),
        ("Bernd Berger", "ACME GmbH"),
        ("Clara Christ", "ACME GmbH"),
        ("Dora Dietz", "ACME GmbH"),
        ("Emil Engel", None),
        ("Jana Jung", None),
        ("Paul Peters", None),
        ("Zora Zeller", None),
    ):
        fields = PersonFields(org=org, title="Engineer") if org else None
        people[name.split()[0]] = add_person(member, name, fields).pk
    add_affiliation(member, people["Jana"], "Weser-Kurier", "job", title="Redakteurin")
    add_affiliation(member, people["Paul"], "Solar AG", "job", title="Engineer")
    p = people
    for a, b in (
        (me, p["Anna"]),
        (me, p["Bernd"]),
        (me, p["Clara"]),
        (p["Anna"], p["Dora"]),
        (p["Bernd"], p["Dora"]),
        (p["Anna"], p["Emil"]),
        (p["Bernd"], p["Emil"]),
        (p["Clara"], p["Dora"]),
        (p["Clara"], p["Jana"]),
        (p["Jana"], p["Paul"]),
    ):
        relate(member, a, b, "acquaintance", trust=4)
    for other in ("Anna", "Dora", "Paul", "Jana"):
        relate(member, p["Zora"], p[other], "acquaintance", trust=5)
    archive_person(member, p["Zora"])
    return people


def test_multipliers_are_ranked_and_explained(member: Member, net: dict[str, int]) -> None:
    refresh_analysis(member.network_id)
    found = multipliers(member)
    order = [row.name for row in found.items]
    # Jana: a journalist, on the 6 of 21 shortest ways that end at Paul, reaching the
    # Weser-Kurier and Solar AG: 0.45 * 6 / (31/3) + 0.30 + 0.25 = 0.81. Clara: on the most
    # ways (31 / 3 of 21), reaching the Weser-Kurier: 0.45 + 0.15 = 0.60. Paul: no ways,
    # but the same reach as Jana: 0.30.
    assert order[:3] == ["Jana Jung", "Clara Christ", "Paul Peters"]
    assert [round(row.score, 3) for row in found.items[:3]] == [
        round(0.45 * 18 / 31 + 0.30 + 0.25, 3),
        0.6,
        0.3,
    ]
    assert "Zora Zeller" not in order
    jana = found.items[0]
    assert jana.role == "journalist"
    assert jana.reasons[0] == "Journalist: Redakteurin, Weser-Kurier"
    assert jana.reach_names == ["Solar AG", "Weser-Kurier"]
    assert any("Solar AG" in reason for reason in jana.reasons)
    assert "Knows 2 people in your network" in jana.reasons
    assert found.freshness.computed_at is not None and not found.freshness.stale
    clara = found.items[1]
    assert any(reason.startswith("Lies on ") for reason in clara.reasons)


def test_worth_meeting_are_friends_of_friends_with_most_in_common(
    member: Member, net: dict[str, int]
) -> None:
    zone = comfort_zone(member)
    meeting = [(row["name"], row["shared"]) for row in zone.worth_meeting]
    # Dora shares Anna, Bernd and Clara; Emil Anna and Bernd; Jana only Clara (too few).
    assert meeting == [("Dora Dietz", 3), ("Emil Engel", 2)]
    assert {via["name"] for via in zone.worth_meeting[0]["via"]} == {
        "Anna Adler",
        "Bernd Berger",
        "Clara Christ",
    }
    assert "Worth meeting first: Dora Dietz, with 3 contacts in common." in zone.summary


def test_comfort_zone_shares_and_summary(member: Member, net: dict[str, int]) -> None:
    zone = comfort_zone(member)
    assert zone.total == 7  # Zora is archived, Alice is me
    employer = next(split for split in zone.splits if split["name"] == "employer")
    rows = {row["label"]: (row["count"], row["share"]) for row in employer["rows"]}
    assert rows["ACME GmbH"] == (4, round(4 / 7, 4))
    assert rows["Weser-Kurier"] == (1, round(1 / 7, 4))
    assert rows["none"] == (1, round(1 / 7, 4))  # Emil
    assert "57.1 % of your network works at one employer: ACME GmbH." in zone.summary
    how = next(split for split in zone.splits if split["name"] == "how_met")
    assert [(row["value"], row["count"]) for row in how["rows"]] == [("unknown", 7)]


def test_goal_and_new_contacts_this_month(member: Member, net: dict[str, int]) -> None:
    assert set_comfort_goal(member, 5) == 5
    zone = comfort_zone(member)
    assert zone.goal == 5
    assert zone.this_month == 7  # all added today, none met on a day of their own
    assert zone.months[-1]["goal_met"]
    assert "You met 7 new people this month; your goal is 5." in zone.summary
    with pytest.raises(InvalidInput, match="per_month"):
        set_comfort_goal(member, 0)
    assert comfort_zone(member).goal == 5
    assert set_comfort_goal(member, None) is None
    assert comfort_zone(member).goal is None


def test_a_change_marks_the_analysis_stale_and_a_read_refreshes_it(
    member: Member, net: dict[str, int]
) -> None:
    refresh_analysis(member.network_id)
    edit_person(member, net["Emil"], PersonFields(org="ACME GmbH"))
    assert GraphAnalysis.objects.get(network_id=member.network_id).stale
    zone = comfort_zone(member)  # a small network refreshes at once
    assert not zone.freshness.stale
    employer = next(split for split in zone.splits if split["name"] == "employer")
    assert employer["rows"][0]["count"] == 5


def test_another_network_sees_nothing(world: World, net: dict[str, int]) -> None:
    refresh_analysis(world.alice.network_id)
    assert multipliers(world.bob).items == []
    zone = comfort_zone(world.bob)
    assert zone.total == 0 and zone.worth_meeting == []
    assert zone.summary == ["Your network has nobody in it yet besides you."]


def test_an_import_day_is_not_a_day_of_meetings(member: Member, net: dict[str, int]) -> None:
    from knoten.graph.facts import BULK_DAY
    from knoten.people.models import Person

    for number in range(BULK_DAY + 1):
        add_person(member, f"Imported Person{number}")
    dated = add_person(member, "Greta Gruber")
    edit_person(member, dated.pk, PersonFields(met_on="2026-11-03"))
    zone = comfort_zone(member)
    # More than BULK_DAY added today without a day of meeting: an import, not meetings;
    # Greta, met on a day of her own, counts in November.
    assert zone.this_month == 0
    november = next(row for row in zone.months if row["month"] == "2026-11")
    assert november["count"] == 1
    assert Person.objects.filter(network_id=member.network_id).count() == BULK_DAY + 11
