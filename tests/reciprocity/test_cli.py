"""``knoten favor|intro|cost``, ``balance``, ``signals``, ``roi`` and ``log --gave/--got``,
run as Alice: what is written, what is printed, every bad input, and Bob's reach."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from knoten.journal.models import Interaction
from knoten.people.models import Person
from knoten.reciprocity import services
from knoten.reciprocity.models import ChannelCost, Favour, Recommendation
from tests.conftest import CliResult, World
from tests.isolation_helpers import changed, snapshot
from tests.reciprocity.conftest import Year

Cli = Callable[..., CliResult]


@pytest.fixture
def anna(world: World, fixed_today: dt.date) -> Person:
    return Person.objects.create(
        network=world.alice.network, given_name="Anna", family_name="Schmidt"
    )


@pytest.fixture
def bernd(world: World) -> Person:
    return Person.objects.create(
        network=world.alice.network, given_name="Bernd", family_name="Braun"
    )


def counts() -> tuple[int, int, int, int]:
    return (
        Favour.objects.count(),
        Recommendation.objects.count(),
        ChannelCost.objects.count(),
        Interaction.objects.count(),
    )


# --- favours ------------------------------------------------------------------------------


def test_favor_add_records_what_was_typed_and_echoes_it(
    cli: Cli, anna: Person, world: World
) -> None:
    result = cli(
        "favor", "add", "--giver", "me", "--receiver", "Schmidt", "--kind", "Auftrag",
        "--value", "5.000 €", "--minutes", "30", "--on", "gestern", "--note", "Ausschreibung",
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    favour = Favour.objects.get()
    assert result.json() == services.favour_as_dict(favour)
    assert (favour.giver_id, favour.receiver_id, favour.kind) == (
        world.alice.me.pk,
        anna.pk,
        "lead",
    )
    assert (favour.value, favour.currency, favour.effort_minutes) == (Decimal(5000), "EUR", 30)
    assert favour.given_on == dt.date(2026, 11, 19)
    assert (favour.note, favour.outcome, favour.thanked_on) == ("Ausschreibung", "open", None)
    assert (
        f"Recorded favour {favour.pk}: you → Anna Schmidt, order or lead passed on, "
        "2026-11-19 (Thursday)." in result.stderr
    )


def test_favor_add_received_won_and_thanked(cli: Cli, anna: Person) -> None:
    result = cli(
        "favor", "add", "--giver", "Anna", "--receiver", "me", "--kind", "lead",
        "--outcome", "gewonnen", "--won-value", "12000 EUR", "--thanked", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["giver"]["id"] == anna.pk
    assert data["outcome"] == "won"
    assert data["won_value"] == {"amount": "12000.00", "currency": "EUR"}
    assert (data["thanked"], data["thanked_on"]) == (True, "2026-11-20")


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(
            ["--giver", "me", "--receiver", "me", "--kind", "tip"],
            2,
            "Error: receiver: 'me' is the giver too; a favour is between two",
            id="to oneself",
        ),
        pytest.param(
            ["--giver", "me", "--receiver", "Anna", "--kind", "Bestechung"],
            2,
            "Error: kind: 'Bestechung' is not one of:",
            id="unknown kind",
        ),
        pytest.param(
            ["--giver", "Nobody", "--receiver", "me", "--kind", "tip"],
            1,
            "Error: no giver matches 'Nobody'",
            id="unknown giver",
        ),
        pytest.param(
            ["--giver", "me", "--receiver", "Anna", "--kind", "tip", "--on", "morgen"],
            2,
            "Error: on: 'morgen' is 2026-11-21, in the future; record a favour once it was done",
            id="in the future",
        ),
        pytest.param(
            ["--giver", "me", "--receiver", "Anna", "--kind", "tip", "--minutes", "-5"],
            2,
            "Error: minutes: -5 is negative",
            id="negative effort",
        ),
        pytest.param(
            ["--giver", "me", "--receiver", "Anna", "--kind", "tip", "--value", "viel"],
            2,
            "Error: value: 'viel' is not an amount",
            id="not an amount",
        ),
        pytest.param(
            ["--giver", "me", "--receiver", "Anna", "--kind", "tip", "--won-value", "500"],
            2,
            "Error: won_value: '500' is the value of an order won; set the outcome to won",
            id="won value without won",
        ),
        pytest.param(
            ["--giver", "me", "--receiver", "Anna", "--kind", "tip", "--outcome", "maybe"],
            2,
            "Error: outcome: 'maybe' is not one of:",
            id="unknown outcome",
        ),
        pytest.param(
            ["--giver", "me", "--receiver", "Anna", "--kind", "tip", "--conversation", "999"],
            1,
            "Error: no interaction matches 999",
            id="unknown conversation",
        ),
    ],
)
def test_favor_add_refuses_bad_input_and_writes_nothing(
    cli: Cli, anna: Person, args: list[str], status: int, message: str
) -> None:
    result = cli("favor", "add", *args)
    assert result.exit_code == status, result.stderr
    assert result.stderr.startswith(message), result.stderr
    assert result.stdout == ""
    assert counts() == (0, 0, 0, 0)


def test_favor_list_filters_and_shows_you(cli: Cli, year: Year) -> None:
    hans = year.people["hans"]
    rows = cli("favor", "list", "--person", "Hans Vogel", "--json").json()
    assert [(r["date"], r["kind"]) for r in rows] == [
        ("2026-09-30", "help"),
        ("2026-05-20", "tip"),
        ("2026-03-15", "know_how"),
        ("2024-12-01", "tip"),
    ]
    unthanked = cli("favor", "list", "--unthanked", "--since", "2026-09-01", "--json").json()
    assert {(r["giver"]["name"], r["date"]) for r in unthanked} == {
        ("Alice Adler", "2026-09-09"),
        ("Hans Vogel", "2026-09-30"),
        ("Clara Weiß", "2026-11-10"),
        ("David Klein", "2026-11-06"),
    }
    tips = cli("favor", "list", "--kind", "Tipp", "--until", "2026-03-01", "--json").json()
    assert [r["date"] for r in tips] == ["2026-02-12", "2024-12-01"]
    assert len(cli("favor", "list", "--limit", "3", "--json").json()) == 3

    table = cli("favor", "list", "--person", str(hans.pk))
    assert table.exit_code == 0, table.stderr
    assert "│ you " in table.stdout and "Hans Vogel" in table.stdout
    assert "4 favours." in table.stderr
    assert cli("favor", "list", "--since", "2030-01-01").stderr == "No favours.\n"


def test_favor_show_edit_thank_outcome_delete(cli: Cli, year: Year) -> None:
    favour = year.favours[0]  # Alice gave Anna know-how, 60 minutes, 2026-01-10
    shown = cli("favor", "show", str(favour.pk))
    assert shown.exit_code == 0, shown.stderr
    assert f"Favour {favour.pk}: you → Anna Schmidt, know-how or advice" in shown.stdout
    assert "60 minutes" in shown.stdout and "not yet" in shown.stdout

    edited = cli(
        "favor", "edit", str(favour.pk), "--kind", "help", "--minutes", "", "--value", "80 EUR",
        "--note", "Umzug", "--json",
    )  # fmt: skip
    assert edited.exit_code == 0, edited.stderr
    favour.refresh_from_db()
    assert (favour.kind, favour.effort_minutes, favour.value, favour.note) == (
        "help",
        None,
        Decimal(80),
        "Umzug",
    )
    assert favour.giver_id == year.me.person_id  # what was not given stays

    thanked = cli("favor", "thank", str(favour.pk), "--on", "2026-01-12", "--json")
    assert thanked.json()["thanked_on"] == "2026-01-12"
    assert "Thanked on 2026-01-12 (Monday)" in thanked.stderr

    won = cli("favor", "outcome", str(favour.pk), "won", "--value", "3000", "--json").json()
    assert (won["outcome"], won["won_value"]) == ("won", {"amount": "3000.00", "currency": "EUR"})

    refused = cli("favor", "delete", str(favour.pk))
    assert refused.exit_code == 2
    assert "add --yes to delete" in refused.stderr
    assert Favour.objects.filter(pk=favour.pk).exists()
    deleted = cli("favor", "delete", str(favour.pk), "--yes")
    assert deleted.exit_code == 0, deleted.stderr
    assert not Favour.objects.filter(pk=favour.pk).exists()
    gone = cli("favor", "show", str(favour.pk))
    assert (gone.exit_code, gone.stderr) == (1, f"Error: no favour matches {favour.pk}\n")


def test_favor_edit_refuses_bad_input_and_changes_nothing(cli: Cli, year: Year) -> None:
    favour = year.favours[0]
    before = snapshot(year.me.network)
    for args, status, message in [
        ([], 2, "has nothing to change; give an option"),
        (["--receiver", "me"], 2, "receiver: 'Alice Adler' is the giver too"),
        (["--on", "2027-01-01"], 2, "on: '2027-01-01' is 2027-01-01, in the future"),
        (
            ["--outcome", "offen", "--won-value", "5"],
            2,
            "won_value: '5' is the value of an order won",
        ),
        (["--kind", "tip", "--minutes", "viele"], 2, "minutes: 'viele' is not a whole number"),
    ]:
        result = cli("favor", "edit", str(favour.pk), *args)
        assert result.exit_code == status, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
    assert cli("favor", "edit", "abc", "--kind", "tip").stderr.startswith(
        "Error: favour: 'abc' is not a favour id (a number)"
    )
    assert changed(before, snapshot(year.me.network)) == ""


# --- recommendations ----------------------------------------------------------------------


def test_intro_add_list_show_outcome_thank(cli: Cli, anna: Person, bernd: Person) -> None:
    added = cli(
        "intro", "add", "--recommender", "Anna", "--recipient", "Bernd", "--beneficiary", "me",
        "--on", "2026-11-02", "--note", "Cloud-Ausschreibung", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    found = Recommendation.objects.get()
    data = added.json()
    assert data == services.recommendation_as_dict(found, found.beneficiary_id)
    assert (data["my_role"], data["context"]) == ("beneficiary", "Cloud-Ausschreibung")
    assert (
        f"Recorded recommendation {found.pk}: Anna Schmidt recommended you to Bernd Braun, "
        "2026-11-02 (Monday)." in added.stderr
    )
    cli("intro", "add", "--recommender", "me", "--recipient", "Anna", "--beneficiary", "Bernd")

    mine = cli("intro", "list", "--role", "beneficiary", "--json").json()
    assert [r["id"] for r in mine] == [found.pk]
    with_bernd = cli("intro", "list", "--person", "Bernd", "--json").json()
    assert len(with_bernd) == 2
    assert [r["my_role"] for r in with_bernd] == ["recommender", "beneficiary"]

    shown = cli("intro", "show", str(found.pk))
    assert "Your role:" in shown.stdout and "beneficiary" in shown.stdout
    assert "Cloud-Ausschreibung" in shown.stdout

    won = cli("intro", "outcome", str(found.pk), "won", "--value", "12000 EUR", "--json").json()
    assert (won["outcome"], won["won_value"]) == ("won", {"amount": "12000.00", "currency": "EUR"})
    thanked = cli("intro", "thank", str(found.pk), "--by", "recipient", "--json").json()
    assert (thanked["recipient_thanked_on"], thanked["beneficiary_thanked"]) == (
        "2026-11-20",
        False,
    )
    cli("intro", "thank", str(found.pk), "--on", "2026-11-03")
    found.refresh_from_db()
    assert found.beneficiary_thanked_on == dt.date(2026, 11, 3)


def test_intro_edit_and_delete(cli: Cli, anna: Person, bernd: Person, world: World) -> None:
    found = services.add_recommendation(
        world.alice, recommender=anna, recipient=bernd, beneficiary="me"
    )
    edited = cli("intro", "edit", str(found.pk), "--recipient", "me", "--beneficiary", "Bernd")
    assert edited.exit_code == 0, edited.stderr
    found.refresh_from_db()
    assert (found.recipient_id, found.beneficiary_id) == (world.alice.me.pk, bernd.pk)
    assert "Anna Schmidt recommended Bernd Braun to you" in edited.stderr
    assert cli("intro", "delete", str(found.pk), "--yes").exit_code == 0
    assert Recommendation.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(
            ["add", "--recommender", "me", "--recipient", "Anna", "--beneficiary", "me"],
            2,
            "Error: beneficiary: 'Alice Adler' is the recommender too",
            id="a triangle of two",
        ),
        pytest.param(
            ["add", "--recommender", "Anna", "--recipient", "Nobody", "--beneficiary", "me"],
            1,
            "Error: no recipient matches 'Nobody'",
            id="unknown recipient",
        ),
        pytest.param(
            ["list", "--role", "friend"],
            2,
            "Error: role: 'friend' is not recommender, recipient or beneficiary",
            id="unknown role",
        ),
        pytest.param(["show", "4711"], 1, "Error: no recommendation matches 4711", id="unknown id"),
        pytest.param(
            ["edit", "4711"], 2, "Error: recommendation edit: '4711' has nothing", id="no change"
        ),
        pytest.param(
            ["thank", "4711", "--by", "Nachbar"],
            2,
            "Error: by: 'Nachbar' is not beneficiary or recipient",
            id="unknown thanker",
        ),
        pytest.param(
            ["outcome", "4711", "won"], 1, "Error: no recommendation matches 4711", id="outcome"
        ),
    ],
)
def test_intro_refuses_bad_input_and_writes_nothing(
    cli: Cli, anna: Person, args: list[str], status: int, message: str
) -> None:
    result = cli("intro", *args)
    assert result.exit_code == status, result.stderr
    assert result.stderr.startswith(message), result.stderr
    assert counts() == (0, 0, 0, 0)


# --- balance, signals, return on time -----------------------------------------------------


def test_balance_overall_counted_by_hand(cli: Cli, year: Year) -> None:
    result = cli("balance", "--since", "2025-11-20", "--limit", "0", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert (data["given"]["favours"], data["given"]["recommendations"]) == (11, 1)
    assert (data["received"]["favours"], data["received"]["recommendations"]) == (12, 3)
    assert data["difference"] == -3
    assert data["given"]["values"] == {"EUR": "5050.00"}
    assert data["triangles"] == {"total": 4, "recommender": 1, "recipient": 1, "beneficiary": 2}
    assert data["beneficiary_share"] == 0.5
    contacts = {row["person"]["name"]: row for row in data["contacts"]}
    assert len(contacts) == 8
    assert (
        contacts["Frank Roth"]["given"]["total"],
        contacts["Frank Roth"]["received"]["total"],
    ) == (1, 3)
    # All time, Hans's tip of 2024 counts; --limit keeps the busiest contacts.
    everything = cli("balance", "--limit", "2", "--json").json()
    assert everything["given"]["favours"] == 12
    assert len(everything["contacts"]) == 2

    table = cli("balance", "--since", "2025-11-20")
    assert "Your balance with everyone since 2025-11-20 (Thursday)" in table.stdout
    assert "Difference: -3 (you received more)" in table.stdout
    assert "the beneficiary in 50%" in table.stdout
    assert "8 contacts, the busiest first." in table.stderr


def test_balance_with_one_person(cli: Cli, year: Year) -> None:
    data = cli("balance", "Frank", "--since", "25.11.2025", "--json").json()
    assert data["person"] == {"id": year.people["frank"].pk, "name": "Frank Roth"}
    assert (data["given"]["total"], data["received"]["total"]) == (1, 3)
    assert data["triangles"]["recipient"] == 1 and data["triangles"]["beneficiary"] == 1
    table = cli("balance", "Frank Roth")
    assert f"Balance with Frank Roth (id {year.people['frank'].pk})" in table.stdout
    # "me" is the balance with everyone.
    assert cli("balance", "me", "--json").json()["given"]["favours"] == 12


def test_balance_refuses_what_it_cannot_read(cli: Cli, year: Year) -> None:
    unknown = cli("balance", "Nobody")
    assert (unknown.exit_code, unknown.stderr) == (1, "Error: no person matches 'Nobody'\n")
    bad = cli("balance", "--since", "irgendwann")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("Error: since: 'irgendwann' is not a date")


def test_signals_counted_by_hand(cli: Cli, year: Year) -> None:
    rows = cli("signals", "--json").json()
    found = {(r["code"], (r["person"] or r["channel"])["name"]) for r in rows}
    assert found == {
        ("only_giving", "Anna Schmidt"),
        ("only_taking", "Hans Vogel"),
        ("unthanked_recommendation", "Frank Roth"),
        ("unthanked_favour", "Hans Vogel"),
        ("unthanked_favour", "David Klein"),
        ("time_eater", "Cloud-Messe"),
    }
    anna = next(r for r in rows if r["code"] == "only_giving")
    assert anna["numbers"] == {"given": 4, "received": 0, "months": 12}
    about_hans = cli("signals", "--person", "Hans", "--json").json()
    assert {r["code"] for r in about_hans} == {"only_taking", "unthanked_favour"}
    table = cli("signals")
    assert "only giving" in table.stdout and "Cloud-Messe" in table.stdout
    assert cli("signals", "--person", "Bernd").stderr == "No signals.\n"


def test_roi_by_organisation(cli: Cli, year: Year) -> None:
    data = cli("roi", "--by", "organisation", "--json").json()
    assert (data["since"], data["until"]) == ("2025-11-20", "2026-11-20")
    rows = {row["name"]: row for row in data["channels"]}
    assert list(rows) == ["Rotary Club", "BVMW"]
    assert (rows["BVMW"]["hours"], rows["BVMW"]["money"], rows["BVMW"]["results"]) == (
        "14.5",
        {"EUR": "240.00"},
        6,
    )
    assert rows["Rotary Club"]["won_values"] == {"EUR": "15000.00"}
    everything = cli("roi", "--since", "2026-01-01", "--until", "2026-06-30", "--json").json()
    assert {row["name"] for row in everything["channels"]} >= {"Jahrestagung", "BVMW"}
    assert "Cloud-Messe" not in {row["name"] for row in everything["channels"]}
    table = cli("roi", "--by", "Organisation")
    assert "Return on networking time, 2025-11-20 to 2026-11-20" in table.stdout
    assert "Rotary Club" in table.stdout and "15000.00 EUR" in table.stdout
    wrong = cli("roi", "--by", "country")
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        "Error: by: 'country' is not event, organisation or circle\n",
    )


# --- what channels cost -------------------------------------------------------------------


def test_cost_add_list_delete(cli: Cli, year: Year) -> None:
    added = cli(
        "cost", "add", "--org", "BVMW", "--amount", "120 EUR", "--hours", "2,5",
        "--on", "2026-06-01", "--note", "Sommerfest", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    data = added.json()
    assert data["channel"] == {
        "kind": "organisation",
        "id": year.organisations["bvmw"].pk,
        "name": "BVMW",
    }
    assert (data["amount"], data["hours"]) == ({"amount": "120.00", "currency": "EUR"}, "2.50")
    assert "organisation BVMW, 120.00 EUR and 2.50 h, 2026-06-01 (Monday)" in added.stderr
    event = cli("cost", "add", "--event", "Cloud-Messe", "--hours", "4", "--json").json()
    assert event["channel"]["kind"] == "event" and event["date"] == "2026-11-20"

    listed = cli("cost", "list", "--since", "2026-05-01", "--json").json()
    assert [row["id"] for row in listed] == [event["id"], data["id"]]
    assert len(cli("cost", "list", "--json").json()) == 4  # and the two of conftest
    # The new hours count in the return on time.
    bvmw = next(
        row
        for row in cli("roi", "--by", "organisation", "--json").json()["channels"]
        if row["name"] == "BVMW"
    )
    assert bvmw["hours"] == "17.0"

    assert cli("cost", "delete", str(data["id"]), "--yes").exit_code == 0
    assert not ChannelCost.objects.filter(pk=data["id"]).exists()
    again = cli("cost", "delete", str(data["id"]), "--yes")
    assert (again.exit_code, again.stderr) == (1, f"Error: no cost matches {data['id']}\n")


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(
            ["--amount", "5"],
            2,
            "Error: channel: 'nothing' is not one channel",
            id="no channel",
        ),
        pytest.param(
            ["--org", "BVMW", "--event", "Cloud-Messe", "--amount", "5"],
            2,
            "Error: channel: 'event, organisation' is not one channel",
            id="two channels",
        ),
        pytest.param(
            ["--org", "BVMW"], 2, "Error: amount: '' and hours are both empty", id="nothing spent"
        ),
        pytest.param(
            ["--org", "ADAC", "--amount", "5"], 1, "Error: no organisation matches", id="unknown"
        ),
        pytest.param(
            ["--circle", "BVMW", "--amount", "5"], 1, "Error: no circle matches", id="no circle"
        ),
        pytest.param(
            ["--org", "BVMW", "--hours", "viele"], 2, "Error: hours: 'viele' is not", id="hours"
        ),
    ],
)
def test_cost_add_refuses_bad_input_and_writes_nothing(
    cli: Cli, year: Year, args: list[str], status: int, message: str
) -> None:
    before = ChannelCost.objects.count()
    result = cli("cost", "add", *args)
    assert result.exit_code == status, result.stderr
    assert result.stderr.startswith(message), result.stderr
    assert ChannelCost.objects.count() == before


# --- noting favours while logging a conversation -----------------------------------------


def test_log_notes_the_favours_done_in_the_conversation(cli: Cli, anna: Person) -> None:
    result = cli(
        "log", "Mittagessen", "--with", "Anna", "--on", "gestern",
        "--gave", "Tipp", "--got", "know-how", "--got", "Vorstellung", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    interaction = Interaction.objects.get()
    data = result.json()
    me = interaction.author.person_id  # type: ignore[union-attr]
    assert [(f["giver"]["id"], f["receiver"]["id"], f["kind"]) for f in data["favours"]] == [
        (me, anna.pk, "tip"),
        (anna.pk, me, "know_how"),
        (anna.pk, me, "introduction"),
    ]
    assert {f.interaction_id for f in Favour.objects.all()} == {interaction.pk}
    assert {f.given_on for f in Favour.objects.all()} == {dt.date(2026, 11, 19)}
    assert "favour" in result.stderr and "Anna Schmidt → you, know-how or advice" in result.stderr
    # Without --gave or --got, the conversation's JSON is as it always was.
    plain = cli("log", "Kaffee", "--with", "Anna", "--json").json()
    assert "favours" not in plain


def test_log_with_a_bad_favour_writes_nothing_at_all(cli: Cli, anna: Person) -> None:
    result = cli("log", "Mittagessen", "--with", "Anna", "--gave", "tip", "--got", "Bestechung")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: got: 'Bestechung' is not one of:")
    assert counts() == (0, 0, 0, 0)


# --- Bob -----------------------------------------------------------------------------------


def test_bob_reaches_nothing_of_alices(cli: Cli, year: Year, world: World) -> None:
    favour, recommendation = year.favours[0], year.recommendations[0]
    cost = ChannelCost.objects.filter(network=world.alice.network).first()
    assert cost is not None
    frank = year.people["frank"]
    before = snapshot(world.alice.network)
    for args in [
        ("favor", "show", str(favour.pk)),
        ("favor", "edit", str(favour.pk), "--note", "Bob war hier"),
        ("favor", "thank", str(favour.pk)),
        ("favor", "outcome", str(favour.pk), "won"),
        ("favor", "delete", str(favour.pk), "--yes"),
        ("favor", "add", "--giver", "me", "--receiver", str(frank.pk), "--kind", "tip"),
        ("favor", "list", "--person", str(frank.pk)),
        ("intro", "show", str(recommendation.pk)),
        ("intro", "edit", str(recommendation.pk), "--note", "Bob"),
        ("intro", "thank", str(recommendation.pk)),
        ("intro", "outcome", str(recommendation.pk), "nothing"),
        ("intro", "delete", str(recommendation.pk), "--yes"),
        ("balance", str(frank.pk)),
        ("signals", "--person", str(frank.pk)),
        ("cost", "delete", str(cost.pk), "--yes"),
        ("cost", "add", "--org", str(year.organisations["bvmw"].pk), "--amount", "5"),
    ]:
        result = cli(*args, user="bob")
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("Error: no "), (args, result.stderr)
    assert cli("favor", "list", "--json", user="bob").json() == []
    assert cli("intro", "list", "--json", user="bob").json() == []
    assert cli("cost", "list", "--json", user="bob").json() == []
    bobs = cli("balance", "--json", user="bob").json()
    assert (bobs["given"]["total"], bobs["received"]["total"], bobs["contacts"]) == (0, 0, [])
    assert cli("signals", "--json", user="bob").json() == []
    assert cli("roi", "--json", user="bob").json()["channels"] == []
    assert changed(before, snapshot(world.alice.network)) == ""
