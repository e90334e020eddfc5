"""Projects: status in two languages, partial dates, participants with roles."""

from __future__ import annotations

import pytest

from knoten.core.errors import Ambiguous, InvalidInput, KnotenError, NotFound
from knoten.core.partial_dates import PartialDate
from knoten.journal import projects
from knoten.people.models import Organisation
from tests.conftest import World
from tests.journal.conftest import People, counts


def test_a_project_is_stored_with_roles_and_partial_dates(world: World, people: People) -> None:
    project = projects.add_project(
        world.alice,
        "Website Relaunch",
        status="laufend",
        organisation="Muster GmbH",
        starts="2024-05",
        ends="2024",
        description="Neue Website",
        participants=["Anna Schmidt=lead", "me=Beraterin", "Müller"],
    )
    project.refresh_from_db()
    assert project.status == "ongoing"
    assert project.starts_on == PartialDate(2024, 5)
    assert project.ends_on == PartialDate(2024)
    assert project.organisation is not None and project.organisation.name == "Muster GmbH"
    roles = [(r.person, r.role) for r in project.roles.order_by("pk")]
    assert roles == [
        (people.anna, "lead"),
        (world.alice.me, "Beraterin"),
        (people.juergen, ""),
    ]


def test_a_known_organisation_is_reused_not_duplicated(world: World, people: People) -> None:
    projects.add_project(world.alice, "Eins", organisation="Muster GmbH")
    projects.add_project(world.alice, "Zwei", organisation="muster gmbh")
    assert Organisation.objects.filter(network=world.alice.network).count() == 1


def test_a_person_named_twice_keeps_one_row_and_the_role_given(
    world: World, people: People
) -> None:
    project = projects.add_project(
        world.alice, "Doppelt", participants=["Schmidt=lead", "Anna Schmidt"]
    )
    assert [(r.person, r.role) for r in project.roles.all()] == [(people.anna, "lead")]


def test_the_detail_lists_facts_and_participants(world: World, people: People) -> None:
    project = projects.add_project(
        world.alice,
        "Relaunch",
        status="geplant",
        organisation="Muster GmbH",
        starts="2024-05-14",
        participants=["Schmidt=lead"],
    )
    detail = projects.project_detail(world.alice, "relaunch")
    assert detail == {
        "id": project.pk,
        "name": "Relaunch",
        "status": "planned",
        "starts": "2024-05-14",
        "ends": None,
        "organisation": {"id": project.organisation_id, "name": "Muster GmbH"},
        "description": "",
        "participants": [{"id": people.anna.pk, "name": "Anna Schmidt", "role": "lead"}],
    }
    assert projects.project_detail(world.alice, str(project.pk)) == detail


def test_projects_are_listed_by_name_and_filtered_by_status(world: World, people: People) -> None:
    projects.add_project(world.alice, "Zeitschrift", status="completed")
    projects.add_project(world.alice, "Ärztenetz")
    projects.add_project(world.alice, "Buch", status="abgeschlossen")
    assert [p.name for p in projects.list_projects(world.alice)] == [
        "Ärztenetz",
        "Buch",
        "Zeitschrift",
    ]
    assert [p.name for p in projects.list_projects(world.alice, status="Abgeschlossen")] == [
        "Buch",
        "Zeitschrift",
    ]
    with pytest.raises(InvalidInput) as caught:
        projects.list_projects(world.alice, status="vertagt")
    assert caught.value.message.startswith("status: 'vertagt' is not one of: planned, ongoing")


def test_a_project_is_found_by_id_or_part_of_its_name(world: World, people: People) -> None:
    relaunch = projects.add_project(world.alice, "Website Relaunch")
    shop = projects.add_project(world.alice, "Website Shop")
    assert projects.resolve_project(world.alice, "relaunch") == relaunch
    assert projects.resolve_project(world.alice, str(shop.pk)) == shop
    with pytest.raises(Ambiguous) as caught:
        projects.resolve_project(world.alice, "website")
    assert caught.value.candidates == [
        f"{relaunch.pk}: Website Relaunch (ongoing)",
        f"{shop.pk}: Website Shop (ongoing)",
    ]
    with pytest.raises(NotFound) as missing:
        projects.resolve_project(world.alice, "Kochbuch")
    assert missing.value.message == "no project matches 'Kochbuch'"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        pytest.param({"name": "  "}, InvalidInput, "name: '  ' is empty", id="empty name"),
        pytest.param(
            {"status": "vertagt"},
            InvalidInput,
            "status: 'vertagt' is not one of: planned, ongoing, completed, cancelled",
            id="unknown status",
        ),
        pytest.param(
            {"starts": "2024-13"},
            InvalidInput,
            "starts: '2024-13' is not a valid date: month 13 does not exist",
            id="bad start",
        ),
        pytest.param(
            {"ends": "Sommer"}, InvalidInput, "ends: 'Sommer' is not a date", id="bad end"
        ),
        pytest.param(
            {"starts": "2024-05", "ends": "2024-04"},
            InvalidInput,
            "ends: '2024-04' is before the start 2024-05",
            id="end before start",
        ),
        pytest.param(
            {"participants": ["Nobody=lead"]},
            NotFound,
            "no participant matches 'Nobody'",
            id="unknown participant",
        ),
        pytest.param(
            {"participants": ["Anna=lead"]},
            Ambiguous,
            "participant 'Anna' is ambiguous",
            id="ambiguous participant",
        ),
        pytest.param(
            {"participants": ["=lead"]},
            InvalidInput,
            "participants: '=lead' names no person",
            id="role without person",
        ),
        pytest.param(
            {"organisation": "  "},
            InvalidInput,
            "organisation: '  ' is empty",
            id="blank organisation",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    world: World, people: People, kwargs: dict[str, object], error: type[KnotenError], message: str
) -> None:
    arguments: dict[str, object] = {"name": "Relaunch", "organisation": "Neue GmbH"} | kwargs
    name = arguments.pop("name")
    before = counts()
    with pytest.raises(error) as caught:
        projects.add_project(world.alice, name, **arguments)  # type: ignore[arg-type]
    assert message in caught.value.message
    assert counts() == before
