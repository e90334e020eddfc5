"""``knoten search`` through the command line."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import CliResult
from tests.search.conftest import Directory

Cli = Callable[..., CliResult]


def test_json_is_a_list_of_hits(cli: Cli, directory: Directory) -> None:
    result = cli("search", "Mueller", "--json")
    assert result.exit_code == 0, result.stderr
    hits = result.json()
    assert isinstance(hits, list)
    assert {hit["person_id"] for hit in hits} >= {directory.juergen.pk, directory.mueller.pk}
    first = hits[0]
    assert set(first) == {
        "kind",
        "id",
        "person_id",
        "organisation_id",
        "interaction_id",
        "title",
        "score",
        "archived",
        "date",
        "matched",
    }
    assert first["kind"] == "person"
    assert first["matched"] == [{"field": "name", "snippet": first["title"]}]


def test_json_shows_minutes_with_their_date(cli: Cli, directory: Directory) -> None:
    hits = cli("search", "Zertifizierung", "--kind", "interaction", "--json").json()
    assert hits == [
        {
            "kind": "interaction",
            "id": directory.lunch.pk,
            "person_id": None,
            "organisation_id": None,
            "interaction_id": directory.lunch.pk,
            "title": "Meeting on 2024-03-14 with Dr. Jürgen Müller, Anna Schmidt",
            "score": hits[0]["score"],
            "archived": False,
            "date": "2024-03-14",
            "matched": [
                {
                    "field": "minutes",
                    "snippet": "Lunch mit Jürgen: Angebot für die Zertifizierung bis Freitag",
                }
            ],
        }
    ]


def test_the_table_says_what_matched(cli: Cli, directory: Directory) -> None:
    result = cli("search", "Quorbel")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    org = next(line for line in lines if "Quorbel GmbH" in line and "org" in line)
    assert "name" in org
    person = next(line for line in lines if "Dr. Jürgen Müller" in line)
    assert "job" in person and "Leiter Einkauf, Quorbel GmbH" in person


def test_limit_cuts_the_list(cli: Cli, directory: Directory) -> None:
    assert len(cli("search", "Müller", "--json").json()) >= 2
    assert len(cli("search", "Müller", "--limit", "1", "--json").json()) == 1


def test_nothing_found_is_not_an_error(cli: Cli, directory: Directory) -> None:
    result = cli("search", "Quetzalcoatl", "--json")
    assert result.exit_code == 0
    assert result.json() == []
    result = cli("search", "Quetzalcoatl")
    assert result.exit_code == 0
    assert "Nothing matches 'Quetzalcoatl'" in result.stderr


def test_an_empty_query_is_bad_input(cli: Cli, directory: Directory) -> None:
    for query in ("", "  ", "?!"):
        result = cli("search", query, "--json")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "query" in result.stderr and "no letters or digits" in result.stderr


def test_a_bad_limit_or_kind_is_bad_input(cli: Cli, directory: Directory) -> None:
    result = cli("search", "Anna", "--limit", "0")
    assert result.exit_code == 2
    assert "limit" in result.stderr
    result = cli("search", "Anna", "--kind", "event")
    assert result.exit_code == 2
    assert "kind: 'event' is not one of person, organisation, interaction" in result.stderr


def test_bob_finds_nothing_of_alices(cli: Cli, directory: Directory) -> None:
    result = cli("search", "Müller", "--json", user="bob")
    assert result.exit_code == 0
    assert result.json() == []
