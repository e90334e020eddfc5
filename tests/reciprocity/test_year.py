"""A year of networking entered by hand gives the balance, the signals and the return on
time counted by hand in conftest.py."""

from __future__ import annotations

import datetime as dt

from knoten.reciprocity.balance import overall_balance, person_balance
from knoten.reciprocity.roi import roi
from knoten.reciprocity.signals import signals
from tests.reciprocity.conftest import Year

SINCE = dt.date(2025, 11, 20)


def test_overall_balance_over_the_window(year: Year) -> None:
    overview = overall_balance(year.me, since=SINCE)
    total = overview.total
    # 11 favours given in the window (the 12th was in 2024) and R1.
    assert (total.given.favours, total.given.recommendations) == (11, 1)
    # 12 favours received and R2, R3, R4.
    assert (total.received.favours, total.received.recommendations) == (12, 3)
    assert total.difference == 12 - 15
    assert total.given.values == {"EUR": 5050}
    assert total.received.values == {"EUR": 30}
    assert total.given.minutes == 60 + 30 + 120 + 90 + 45
    assert dict(total.roles) == {"recommender": 1, "recipient": 1, "beneficiary": 2}
    assert total.beneficiary_share == 0.5
    # Orders won: from what Alice gave, Bernd's (12,000) and R1 (3,000); from what she
    # received, Bernd's lead (8,000) and R3, where she was the beneficiary (15,000).
    assert (total.given.won, total.given.won_values) == (2, {"EUR": 15000})
    assert (total.received.won, total.received.won_values) == (2, {"EUR": 23000})
    assert total.given.by_kind["help"] == 2
    assert total.received.by_kind["tip"] == 2


def test_overall_balance_of_all_time_counts_the_old_favour(year: Year) -> None:
    total = overall_balance(year.me).total
    assert total.given.favours == 12


def test_each_contact_counted_by_hand(year: Year) -> None:
    expected = {
        # name: (given, received, triangles)
        "anna": (4, 0, 0),
        "bernd": (3, 2, 1),
        "clara": (1, 2, 1),
        "david": (1, 2, 1),
        "eva": (2, 1, 1),
        "frank": (1, 3, 2),
        "greta": (1, 2, 1),
        "hans": (0, 3, 1),
    }
    overview = overall_balance(year.me, since=SINCE)
    listed = {balance.person.pk: balance for balance in overview.contacts if balance.person}
    for name, (given, received, triangles) in expected.items():
        person = year.people[name]
        one = person_balance(year.me, person, since=SINCE)
        assert (one.given.total, one.received.total, one.triangles) == (
            given,
            received,
            triangles,
        ), name
        row = listed[person.pk]
        assert (row.given.total, row.received.total, row.triangles) == (
            given,
            received,
            triangles,
        ), name
    frank = person_balance(year.me, year.people["frank"], since=SINCE)
    assert dict(frank.roles) == {"recipient": 1, "beneficiary": 1}
    # Without a start, Hans's 2024 tip counts.
    assert person_balance(year.me, year.people["hans"]).given.total == 1


def test_signals_counted_by_hand(year: Year) -> None:
    found = {
        (s.code, s.person.given_name if s.person else s.channel["name"]) for s in signals(year.me)
    }  # type: ignore[index]
    assert found == {
        ("only_giving", "Anna"),
        ("only_taking", "Hans"),
        ("unthanked_recommendation", "Frank"),
        ("unthanked_favour", "Hans"),
        ("unthanked_favour", "David"),  # exactly 14 days: at the threshold
        ("time_eater", "Cloud-Messe"),
    }
    by_code = {s.code + (s.person.given_name if s.person else ""): s for s in signals(year.me)}
    assert by_code["only_givingAnna"].numbers == {"given": 4, "received": 0, "months": 12}
    assert "Anna Schmidt" in by_code["only_givingAnna"].message
    assert by_code["unthanked_favourDavid"].numbers["days"] == 14
    assert by_code["unthanked_recommendationFrank"].numbers["days"] == 31


def test_signals_about_one_person(year: Year) -> None:
    codes = {s.code for s in signals(year.me, person=year.people["hans"])}
    assert codes == {"only_taking", "unthanked_favour"}
    assert signals(year.me, person=year.people["bernd"]) == []


def test_return_on_time_counted_by_hand(year: Year) -> None:
    report = roi(year.me)
    rows = {(c.kind, c.name): c.as_dict() for c in report.channels}
    assert set(rows) == {
        ("event", "Jahrestagung"),
        ("event", "Visitenkarten-Party"),
        ("event", "Cloud-Messe"),
        ("organisation", "BVMW"),
        ("organisation", "Rotary Club"),
    }

    def summary(kind: str, name: str) -> tuple[object, ...]:
        row = rows[(kind, name)]
        return (
            row["hours"],
            row["money"],
            row["new_contacts"],
            row["favours_received"],
            row["recommendations_received"],
            row["orders_won"],
            row["won_values"],
        )

    # 8 h + the 60-minute conversation held there.
    assert summary("event", "Jahrestagung") == ("9.0", {"EUR": "450.00"}, 2, 4, 0, 0, {})
    assert summary("event", "Visitenkarten-Party") == ("3.0", {}, 1, 1, 0, 0, {})
    assert summary("event", "Cloud-Messe") == ("25.0", {"EUR": "1200.00"}, 0, 0, 0, 0, {})
    # 10 h of committee work and the 90 minutes of advice to Frank; Frank is new; his
    # reference, R2 and R4. Its party (and Eva, met there) is its own row, not added again.
    assert summary("organisation", "BVMW") == ("11.5", {"EUR": "240.00"}, 1, 1, 2, 0, {})
    assert rows[("organisation", "BVMW")]["events"] == [
        {"id": year.events["e2"].pk, "name": "Visitenkarten-Party"}
    ]
    # By organisation, the BVMW adds up its party: its 3 h, Eva and her help.
    by_organisation = {c.name: c.as_dict() for c in roi(year.me, by="organisation").channels}
    bvmw = by_organisation["BVMW"]
    assert (bvmw["hours"], bvmw["new_contacts"], bvmw["favours_received"]) == ("14.5", 2, 2)
    assert bvmw["events_included"] is True
    # 30 h and 45 minutes of help to Greta; Greta is not new (2024); her gift and R3.
    assert summary("organisation", "Rotary Club") == (
        "30.8",
        {"EUR": "600.00"},
        0,
        1,
        1,
        1,
        {"EUR": "15000.00"},
    )
    # The most time-consuming first.
    assert [c.name for c in report.channels][:2] == ["Rotary Club", "Cloud-Messe"]
    assert [c.name for c in roi(year.me, by="organisation").channels] == ["Rotary Club", "BVMW"]
