"""What the CLI adds about a person it can also list, change and remove: how we met at an
organisation (``--met-org``) and affiliations (``affiliation list|edit|end|delete``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from knoten.people.models import Organisation, Person
from knoten.people.organisations import add_organisation
from tests.conftest import CliResult, World

Cli = Callable[..., CliResult]
Rows = Callable[[], dict[str, int]]


# --- how we met at an organisation -----------------------------------------------------------


def test_met_org_on_add_edit_and_clear(cli: Cli) -> None:
    cli("org", "add", "Siemens AG")
    added = cli("person", "add", "Anna Schmidt", "--met-org", "siemens ag")
    assert added.exit_code == 0, added.stderr
    anna = Person.objects.get(given_name="Anna")
    assert anna.met_at_organisation == Organisation.objects.get(name="Siemens AG")
    shown = cli("person", "show", "Anna", "--json").json()
    assert shown["how_we_met"]["organisation"]["name"] == "Siemens AG"
    assert "at Siemens AG" in cli("person", "show", "Anna").stdout

    edited = cli("person", "edit", "Anna", "--met-org", "VDI Berlin")
    assert edited.exit_code == 0, edited.stderr
    anna.refresh_from_db()
    assert anna.met_at_organisation == Organisation.objects.get(name="VDI Berlin")

    cleared = cli("person", "edit", "Anna", "--met-org", "")
    assert cleared.exit_code == 0, cleared.stderr
    anna.refresh_from_db()
    assert anna.met_at_organisation is None


@pytest.mark.parametrize("org", ["another network's", "999999"])
def test_met_org_refuses_an_organisation_not_of_the_network(
    cli: Cli, world: World, rows: Rows, org: str
) -> None:
    cli("person", "add", "Anna Schmidt", "--met-org", "Zeiss")
    theirs = add_organisation(world.bob, "Bobs GmbH")
    value = str(theirs.pk) if org == "another network's" else org
    before = rows()
    result = cli("person", "edit", "Anna", "--met-org", value, "--note", "neu")
    assert result.exit_code in (1, 2)
    assert "met_org" in result.stderr
    assert rows() == before
    anna = Person.objects.get(given_name="Anna")
    assert (anna.met_at_organisation.name, anna.notes) == ("Zeiss", "")  # type: ignore[union-attr]
