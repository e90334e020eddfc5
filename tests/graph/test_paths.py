"""Introduction paths on a small hand-made network whose right answers are known.

Alice (me) knows Anna (trust 5), Bernd (trust 2), Carl (trust 4), Dora (trust 5, "do not
ask") and Egon (trust 5, archived); each of them knows Dr. Eva Weber (trust 5), but Carl
only as her colleague at ACME (2018–2022 against 2019–today). So the ways to Weber are,
best first: through Anna, through Bernd, through Carl; never through Dora or Egon.
"""

from __future__ import annotations

import datetime as dt

import pytest

from knoten.core import clock
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate
from knoten.graph.paths import NoPath, best_paths
from knoten.graph.requests import introduction_draft, record_request
from knoten.people.models import Affiliation, Organisation, Person, Relationship
from knoten.reciprocity.models import Recommendation

TODAY = dt.date(2026, 6, 1)


def _person(member: Member, given: str, family: str, **extra: object) -> Person:
    return Person.objects.create(
        network_id=member.network_id, given_name=given, family_name=family, **extra
    )


def _knows(member: Member, a: Person, b: Person, trust: int, kind: str = "friend") -> None:
    Relationship.objects.create(
        network_id=member.network_id, from_person=a, to_person=b, kind=kind, trust=trust
    )


def _job(member: Member, person: Person, org: Organisation, start: int, end: int | None) -> None:
    Affiliation.objects.create(
        network_id=member.network_id,
        person=person,
        organisation=org,
        kind="job",
        start=PartialDate(start),
        end=PartialDate(end) if end else None,
    )


@pytest.fixture
def net(member: Member) -> dict[str, Person]:
    clock.pin(TODAY)
    me = member.me
    people = {
        "anna": _person(member, "Anna", "Arndt", form_of_address="du", gender="female"),
        "bernd": _person(member, "Bernd", "Brandt"),
        "carl": _person(member, "Carl", "Cremer"),
        "dora": _person(member, "Dora", "Dahl", do_not_ask=True),
        "egon": _person(member, "Egon", "Ehlers", archived=True),
        "weber": _person(
            member, "Eva", "Weber", academic_title="Dr.", gender="female", language="de"
        ),
        "loner": _person(member, "Lone", "Wolf"),
    }
    for name, trust in (("anna", 5), ("bernd", 2), ("carl", 4), ("dora", 5), ("egon", 5)):
        _knows(member, me, people[name], trust)
    for name in ("anna", "bernd", "dora", "egon"):
        _knows(member, people[name], people["weber"], 5, kind="business_partner")
    acme = Organisation.objects.create(network_id=member.network_id, name="ACME")
    _job(member, people["carl"], acme, 2018, 2022)
    _job(member, people["weber"], acme, 2019, None)
    globex = Organisation.objects.create(network_id=member.network_id, name="Globex")
    _job(member, people["bernd"], globex, 2020, None)
    return people


def _ways(found: object) -> list[list[str]]:
    return [[hop.to_name for hop in way.hops] for way in found.paths]  # type: ignore[attr-defined]


def test_the_three_best_ways_in_order_never_through_do_not_ask_or_archived(member, net):
    found = best_paths(member, net["weber"].pk)
    assert _ways(found) == [
        ["Anna Arndt", "Dr. Eva Weber"],
        ["Bernd Brandt", "Dr. Eva Weber"],
        ["Carl Cremer", "Dr. Eva Weber"],
    ]
    scores = [way.score for way in found.paths]
    assert scores == sorted(scores, reverse=True)
    carl_to_weber = found.paths[2].hops[1].tie.words
    assert "colleagues at ACME 2019–2022" in carl_to_weber
    first = found.paths[0].hops[0].tie.words
    assert "friend" in first and "trust 5" in first and "strength" in first


def test_avoid_and_via_are_honoured(member, net):
    avoided = best_paths(member, net["weber"].pk, avoid=[net["anna"].pk])
    assert [way[0] for way in _ways(avoided)] == ["Bernd Brandt", "Carl Cremer"]
    through = best_paths(member, net["weber"].pk, via=net["carl"].pk)
    assert _ways(through) == [["Carl Cremer", "Dr. Eva Weber"]]


def test_an_organisation_is_reached_through_anyone_there(member, net):
    found = best_paths(member, "org:Globex")
    assert found.kind == "organisation"
    # Bernd is there; the trusted way through Anna and Weber beats his loose direct tie.
    assert _ways(found) == [
        ["Anna Arndt", "Dr. Eva Weber", "Bernd Brandt"],
        ["Bernd Brandt"],
        ["Carl Cremer", "Dr. Eva Weber", "Bernd Brandt"],
    ]


def test_clear_errors(member, net):
    with pytest.raises(InvalidInput, match="is you"):
        best_paths(member, member.me.pk)
    with pytest.raises(NotFound):
        best_paths(member, "Nobody Nowhere")
    with pytest.raises(NoPath, match="no way to Lone Wolf within 4 hops"):
        best_paths(member, net["loner"].pk)
    with pytest.raises(NoPath):
        best_paths(member, net["weber"].pk, max_hops=1)
    with pytest.raises(InvalidInput, match="max_hops"):
        best_paths(member, net["weber"].pk, max_hops=9)
    with pytest.raises(InvalidInput, match="do not ask"):
        best_paths(member, net["weber"].pk, via=net["dora"].pk)


def test_another_network_sees_nothing(world, net):
    with pytest.raises(NotFound):
        best_paths(world.bob, net["weber"].pk)


def test_the_graph_follows_changes(member, net):
    assert _ways(best_paths(member, net["weber"].pk))[0][0] == "Anna Arndt"
    _knows(member, member.me, net["weber"], 5)  # the built graph is patched
    assert ["Dr. Eva Weber"] in _ways(best_paths(member, net["weber"].pk))
    net["anna"].do_not_ask = True
    net["anna"].save()
    assert "Anna Arndt" not in {way[0] for way in _ways(best_paths(member, net["weber"].pk))}


def test_the_request_to_the_first_hop_and_its_record(member, net):
    draft = introduction_draft(member, net["anna"].pk, net["weber"].pk, language="de")
    assert draft.body.startswith("Liebe Anna,")
    assert "könntest du mich Frau Dr. Weber vorstellen?" in draft.body
    sie = introduction_draft(member, net["bernd"].pk, net["weber"].pk, language="de")
    assert "könnten Sie mich Frau Dr. Weber vorstellen?" in sie.body
    with pytest.raises(InvalidInput, match="do not ask"):
        introduction_draft(member, net["dora"].pk, net["weber"].pk)
    made = record_request(member, net["anna"].pk, net["weber"].pk)
    stored = Recommendation.objects.get(pk=made.pk)
    assert (stored.recommender_id, stored.recipient_id, stored.beneficiary_id) == (
        net["anna"].pk,
        net["weber"].pk,
        member.me.pk,
    )
    assert stored.outcome == "open"


def test_the_command_and_the_endpoint(cli, member, net, client):
    result = cli("path", str(net["weber"].pk), "--json")
    assert result.exit_code == 0, result.stderr
    assert [p["persons"][1] for p in result.json()["paths"]] == [
        net["anna"].pk,
        net["bernd"].pk,
        net["carl"].pk,
    ]
    shown = cli("path", str(net["loner"].pk))
    assert shown.exit_code == 1 and "no way to Lone Wolf" in shown.stderr
    client.force_login(member.user)
    page = client.get("/path/", {"target": str(net["weber"].pk)})
    assert page.status_code == 200 and "Ask Anna Arndt for an introduction" in page.text
    asked = client.get("/path/request/", {"first": net["anna"].pk, "target": net["weber"].pk})
    assert asked.status_code == 200
