"""who_knows(): order, evidence quoted and dated, stems and umlauts, private minutes,
the second degree with the introducer, and nothing of another network."""

from __future__ import annotations

import pytest

from knoten.core.errors import InvalidInput
from knoten.expertise.stems import key_of, read_topic
from knoten.expertise.topics import FIRST, SECOND, UNLINKED, Expert, who_knows
from knoten.people import persons
from tests.conftest import World
from tests.expertise.conftest import Solar


def names(experts: list[Expert]) -> list[str]:
    return [expert.name for expert in experts]


def by_name(experts: list[Expert]) -> dict[str, Expert]:
    return {expert.name: expert for expert in experts}


def test_first_degree_by_score_then_second_then_the_rest(world: World, solar: Solar) -> None:
    found = who_knows(world.alice, "Photovoltaik")
    assert names(found) == [
        "Pia Sonne",  # skill and current position
        "Tom Tender",  # a conversation in March
        "Emil Alt",  # a position that ended in 2010
        "Hans Hinten",  # skill; Pia's colleague
        "Otto Zweit",  # skill; Tom's friend
        "Ulla Unbekannt",  # a note, and no known way to her
    ]
    assert [expert.degree for expert in found] == [FIRST] * 3 + [SECOND] * 2 + [UNLINKED]
    assert found[0].score > found[1].score > found[2].score


def test_evidence_is_quoted_and_dated(world: World, solar: Solar) -> None:
    found = by_name(who_knows(world.alice, "Photovoltaik"))
    pia = found["Pia Sonne"]
    assert [(piece.kind, piece.text) for piece in pia.evidence] == [
        ("skill", "skill 'Photovoltaik'"),
        ("position", "job 'Leiterin Photovoltaik' at Sonnenwerk GmbH (Energie), since 2019"),
    ]
    assert pia.score == 1.0 + 0.9 / 2
    tom = found["Tom Tender"].evidence[0]
    assert tom.kind == "conversation"
    assert tom.date == "2026-03-12"
    assert "tender rules" in tom.text and "2026-03-12" in tom.text
    emil = found["Emil Alt"].evidence[0]
    assert emil.date == "2010" and emil.text.endswith("2006–2010")
    # Recency: the same kind of evidence counts a tenth when it is sixteen years old.
    assert emil.weight == pytest.approx(0.09)


def test_a_project_with_its_role_and_years(world: World, solar: Solar) -> None:
    [vera] = who_knows(world.alice, "Solarpark")
    assert vera.name == "Vera Vergabe"
    [piece] = vera.evidence
    assert piece.text == "project 'Solarpark Emden', 2022–2023, role: Ingenieurin"
    assert piece.date == "2023"


def test_the_organisation_and_its_industry_count_for_the_people_there(
    world: World, solar: Solar
) -> None:
    found = who_knows(world.alice, "Energie")
    assert names(found) == ["Pia Sonne", "Hans Hinten"]
    assert found[0].evidence[0].kind == "organisation"
    # Hans left in 2024: his job there counts less than Pia's current one.
    assert found[1].evidence[0].weight < found[0].evidence[0].weight


@pytest.mark.parametrize("topic", ["Photovoltaik", "photovoltaic", "PHOTOVOLTAIK", "Photovoltaiks"])
def test_german_and_english_forms_find_the_same_people(
    world: World, solar: Solar, topic: str
) -> None:
    found = names(who_knows(world.alice, topic))
    assert {"Pia Sonne", "Otto Zweit", "Tom Tender", "Ulla Unbekannt"} <= set(found)


@pytest.mark.parametrize(
    "topic",
    ["Ausschreibung", "Ausschreibungen", "öffentliche Ausschreibung", "oeffentliche Ausschreibung"],
)
def test_stems_and_umlauts(world: World, solar: Solar, topic: str) -> None:
    assert names(who_knows(world.alice, topic)) == ["Vera Vergabe"]


@pytest.mark.parametrize("topic", ["energy", "Energie"])
def test_energy_is_energie(world: World, solar: Solar, topic: str) -> None:
    assert names(who_knows(world.alice, topic)) == ["Pia Sonne", "Hans Hinten"]


def test_keys() -> None:
    assert key_of("ausschreibungen") == key_of("ausschreibung") == "ausschreib"
    assert key_of("photovoltaik") == key_of("photovoltaic") == "photovolta"
    assert key_of("tender") == "tender"  # not the German stem "tend"
    assert read_topic("IT").prefix(0) is False  # two letters: the whole word only


def test_second_degree_names_who_could_introduce_me(world: World, solar: Solar) -> None:
    found = by_name(who_knows(world.alice, "Photovoltaik"))
    [via_tom] = found["Otto Zweit"].introducers
    assert (via_tom.name, via_tom.how) == ("Tom Tender", "friend, trust 5")
    [via_pia] = found["Hans Hinten"].introducers
    assert (via_pia.name, via_pia.how) == ("Pia Sonne", "colleagues at Sonnenwerk GmbH 2020–2024")
    assert found["Otto Zweit"].degree_label == "through Tom Tender"
    assert found["Ulla Unbekannt"].introducers == []
    assert found["Pia Sonne"].introducers == []


def test_colleagues_at_other_times_are_no_tie(world: World, solar: Solar) -> None:
    from knoten.people import affiliations

    affiliations.add_affiliation(
        world.alice, solar.ulla, "Sonnenwerk GmbH", start="2010", end="2012"
    )
    found = by_name(who_knows(world.alice, "Photovoltaik"))
    assert found["Ulla Unbekannt"].degree == UNLINKED


def test_private_minutes_count_for_their_author_only(world: World, solar: Solar) -> None:
    alices = names(who_knows(world.alice, "Photovoltaik"))
    assert "Grit Geheim" not in alices
    assert "Grit Geheim" not in names(who_knows(world.alice, "Vertraulich"))
    doras = by_name(who_knows(solar.dora, "Photovoltaik"))
    assert doras["Grit Geheim"].evidence[0].text.startswith("conversation on 2026-05-02")
    assert doras["Grit Geheim"].degree == FIRST  # Dora talked to her


def test_archived_people_and_me_are_not_listed(world: World, solar: Solar) -> None:
    persons.edit_person(world.alice, world.alice.me, persons.PersonFields(skills=["Photovoltaik"]))
    found = names(who_knows(world.alice, "Photovoltaik"))
    assert "Arno Archiv" not in found
    assert "Alice Adler" not in found


def test_another_network_is_invisible(world: World, solar: Solar) -> None:
    assert "Pia Fremd" not in names(who_knows(world.alice, "Photovoltaik"))
    assert names(who_knows(world.bob, "Photovoltaik")) == ["Pia Fremd"]
    assert who_knows(world.charlie, "Photovoltaik") == []


def test_the_limit(world: World, solar: Solar) -> None:
    assert names(who_knows(world.alice, "Photovoltaik", limit=2)) == ["Pia Sonne", "Tom Tender"]
    with pytest.raises(InvalidInput, match="limit"):
        who_knows(world.alice, "Photovoltaik", limit=0)


@pytest.mark.parametrize("topic", ["", "  ", "!?", "a b c d e f g"])
def test_a_topic_without_words_or_with_too_many_is_refused(world: World, topic: str) -> None:
    with pytest.raises(InvalidInput, match="topic"):
        who_knows(world.alice, topic)


def test_a_change_shows_at_once(world: World, solar: Solar) -> None:
    persons.edit_person(world.alice, solar.ulla, persons.PersonFields(skills=["Photovoltaik"]))
    found = by_name(who_knows(world.alice, "Photovoltaik"))
    assert found["Ulla Unbekannt"].evidence[0].kind == "skill"
