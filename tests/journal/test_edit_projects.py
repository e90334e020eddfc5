"""Changing and deleting projects; setting and removing a person's role."""

from __future__ import annotations

import pytest

from knoten.core.errors import KnotenError, NotFound
from knoten.core.partial_dates import PartialDate
from knoten.journal import projects
from knoten.journal.models import Project, ProjectRole
from knoten.people.models import Organisation
from knoten.search.query import search
from tests.conftest import World
from tests.journal.conftest import People, counts


def _project(world: World) -> Project:
    return projects.add_project(
        world.alice,
        "Cloud Migration",
        status="laufend",
        starts="2024-03",
        ends="2024",
        organisation="ACME GmbH",
        description="Move to the cloud",
        participants=["Schmidt=lead"],
    )


def _field(error: pytest.ExceptionInfo[KnotenError]) -> object:
    return getattr(error.value, "field", getattr(error.value, "what", None))


def test_edit_changes_what_is_given(world: World, people: People) -> None:
    project = _project(world)
    changed = projects.edit_project(
        world.alice,
        project.pk,
        name="Quorbel Migration",
        status="abgeschlossen",
        ends="2024-06",
        organisation="Beta AG",
        description="",
    )
    assert (changed.name, changed.status, changed.description) == (
        "Quorbel Migration",
        "completed",
        "",
    )
    assert changed.starts_on == PartialDate(2024, 3, None)
    assert changed.ends_on == PartialDate(2024, 6, None)
    assert changed.organisation is not None and changed.organisation.name == "Beta AG"
    # The project's name is part of what search knows about its people.
    assert [h.person_id for h in search(world.alice, "Quorbel")] == [people.anna.pk]
    cleared = projects.edit_project(world.alice, "quorbel", starts="", ends="", organisation="")
    assert (cleared.starts_on, cleared.ends_on, cleared.organisation) == (None, None, None)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "n" * 301}, "name"),
        ({"name": "Clo\x00ud"}, "name"),
        ({"status": "fertig-ish"}, "status"),
        ({"ends": "2023"}, "ends"),
        ({"starts": "2025"}, "starts"),
        ({"starts": "irgendwann"}, "starts"),
        ({"organisation": " "}, "organisation"),
        ({"description": "a\x00"}, "description"),
    ],
)
def test_bad_edits_change_nothing(
    world: World, people: People, changes: dict[str, object], field: str
) -> None:
    project = _project(world)
    before = counts()
    with pytest.raises(KnotenError) as error:
        projects.edit_project(
            world.alice,
            project.pk,
            **{"organisation": "Neue GmbH", "name": "Changed", **changes},  # type: ignore[arg-type]
        )
    assert _field(error) == field
    assert counts() == before
    project.refresh_from_db()
    assert project.name == "Cloud Migration" and project.status == "ongoing"


def test_delete_removes_the_roles_and_their_search_text(world: World, people: People) -> None:
    project = _project(world)
    assert [h.person_id for h in search(world.alice, "Migration")] == [people.anna.pk]
    projects.delete_project(world.alice, project.pk)
    assert Project.objects.count() == 0 and ProjectRole.objects.count() == 0
    assert search(world.alice, "Migration") == []
    with pytest.raises(NotFound):
        projects.delete_project(world.alice, project.pk)


def test_roles_are_set_changed_and_removed(world: World, people: People) -> None:
    project = _project(world)
    added = projects.set_project_role(world.alice, project.pk, "Mueller", "  developer ")
    assert (added.person_id, added.role) == (people.juergen.pk, "developer")
    assert [h.person_id for h in search(world.alice, "developer")] == [people.juergen.pk]
    changed = projects.set_project_role(world.alice, project.pk, str(people.anna.pk), "sponsor")
    assert changed.role == "sponsor"
    assert ProjectRole.objects.count() == 2
    projects.set_project_role(world.alice, project.pk, "me", "")
    assert ProjectRole.objects.count() == 3
    projects.remove_project_role(world.alice, project.pk, "Mueller")
    assert search(world.alice, "developer") == []
    with pytest.raises(NotFound) as error:
        projects.remove_project_role(world.alice, project.pk, "Mueller")
    assert error.value.what == "role"


@pytest.mark.parametrize(
    ("person", "role", "field"),
    [
        ("Anna", "x", "person"),
        ("Niemand", "x", "person"),
        ("Mueller", "r" * 201, "role"),
        ("Mueller", "r\x00", "role"),
        ("Muel\x00ler", "x", "person"),
    ],
)
def test_bad_roles_write_nothing(
    world: World, people: People, person: str, role: str, field: str
) -> None:
    project = _project(world)
    with pytest.raises(KnotenError) as error:
        projects.set_project_role(world.alice, project.pk, person, role)
    assert _field(error) == field
    assert list(ProjectRole.objects.values_list("person_id", "role")) == [(people.anna.pk, "lead")]


def test_another_network_reads_and_changes_nothing(world: World, people: People) -> None:
    project = _project(world)
    bobs = projects.add_project(world.bob, "Bobs Projekt")
    bobs_org = Organisation.objects.create(network=world.bob.network, name="Bobs GmbH")
    for attempt in (
        lambda: projects.edit_project(world.bob, project.pk, name="Bob's"),
        lambda: projects.edit_project(world.bob, project, name="Bob's"),
        lambda: projects.delete_project(world.bob, project.pk),
        lambda: projects.set_project_role(world.bob, project.pk, "me", "spy"),
        lambda: projects.remove_project_role(world.bob, project.pk, str(people.anna.pk)),
        lambda: projects.set_project_role(world.bob, bobs.pk, str(people.anna.pk), "x"),
        lambda: projects.edit_project(world.alice, project.pk, organisation=bobs_org),
        lambda: projects.edit_project(world.alice, project.pk, organisation=str(bobs_org.pk)),
    ):
        with pytest.raises(NotFound):
            attempt()
    project.refresh_from_db()
    assert project.name == "Cloud Migration"
    assert project.organisation is not None and project.organisation.name == "ACME GmbH"
    assert ProjectRole.objects.filter(project=project).count() == 1


def test_list_pages(world: World, people: People) -> None:
    made = [projects.add_project(world.alice, f"Projekt {n}") for n in (1, 2, 3)]
    assert [p.pk for p in projects.list_projects(world.alice, limit=2)] == [
        made[0].pk,
        made[1].pk,
    ]
    assert [p.pk for p in projects.list_projects(world.alice, offset=2)] == [made[2].pk]


def test_an_order_error_names_both_dates(world: World, people: People) -> None:
    project = _project(world)
    with pytest.raises(KnotenError) as error:
        projects.edit_project(world.alice, project.pk, starts="2025-02")
    assert _field(error) == "starts"
    assert "puts the end 2024 before the start 2025-02" in error.value.message
