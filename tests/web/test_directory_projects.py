"""The projects pages: the list by status, adding, a detail page with the people and
their roles, the role forms, editing and deleting; never another network's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from knoten.core.models import Member
from knoten.journal.models import Project, ProjectRole
from knoten.journal.projects import add_project
from knoten.people.models import Person
from knoten.people.persons import add_person
from knoten.web import kit
from tests.conftest import World

pytestmark = pytest.mark.django_db


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


@pytest.fixture
def anna(world: World) -> Person:
    return add_person(world.alice, "Anna Schmidt")


@pytest.fixture
def relaunch(world: World, anna: Person) -> Project:
    return add_project(
        world.alice,
        "Website relaunch",
        organisation="Acme GmbH",
        starts="2026-03",
        description="New shop",
        participants=["Anna Schmidt=lead"],
    )


def url(name: str, project: Project) -> str:
    return reverse(f"web:{name}", kwargs={"project_id": project.pk})


def test_list_and_status_filter(world: World, relaunch: Project) -> None:
    add_project(world.alice, "Old CRM", status="completed")
    add_project(world.bob, "Bob's Plan")
    client = signed_in(world.alice)
    body = client.get(reverse("web:projects")).content.decode()
    assert "Website relaunch" in body and "Old CRM" in body and "Plan" not in body
    assert "1 person" in body and "March 2026" in body
    done = client.get(reverse("web:projects"), {"status": "completed"}).content.decode()
    assert "Old CRM" in done and "Website relaunch" not in done
    fragment = client.get(
        reverse("web:projects"),
        {"status": "abgeschlossen"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    ).content.decode()
    assert "<html" not in fragment and "Old CRM" in fragment
    bad = client.get(reverse("web:projects"), {"status": "dreaming"})
    assert bad.status_code == 200 and "is not one of" in bad.content.decode()


def test_pages_of_the_list(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kit, "PAGE_SIZE", 2)
    for name in ("Alpha", "Beta", "Gamma"):
        add_project(world.alice, name)
    client = signed_in(world.alice)
    first = client.get(reverse("web:projects")).content.decode()
    assert "Alpha" in first and "Gamma" not in first and 'rel="next"' in first
    last = client.get(reverse("web:projects"), {"page": "2"}).content.decode()
    assert "Gamma" in last and "Alpha" not in last and 'rel="prev"' in last


def test_detail(world: World, relaunch: Project) -> None:
    answer = signed_in(world.alice).get(url("project", relaunch))
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "Website relaunch" in body and "Acme GmbH" in body and "New shop" in body
    people = body.split('id="s-people"')[1]
    assert "Anna Schmidt" in people and "lead" in people
    assert 'data-autocomplete="person"' in body


def test_detail_in_german(world: World, relaunch: Project) -> None:
    body = (
        signed_in(world.alice)
        .get(url("project", relaunch), headers={"Accept-Language": "de"})
        .content.decode()
    )
    assert "März 2026" in body and "laufend" in body


def test_add(world: World, anna: Person) -> None:
    client = signed_in(world.alice)
    assert client.get(reverse("web:project_add")).status_code == 200
    answer = client.post(
        reverse("web:project_add"),
        {
            "name": "Book",
            "status": "planned",
            "organisation": "",
            "starts": "2027",
            "participant": "Anna",
            "role": "editor",
        },
    )
    project = Project.objects.get(network=world.alice.network, name="Book")
    assert answer.status_code == 302
    assert answer["Location"] == url("project", project)
    assert (project.status, str(project.starts_on)) == ("planned", "2027")
    assert ProjectRole.objects.get(project=project).role == "editor"


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"name": " "}, "name", "is empty"),
        ({"name": "X", "starts": "2026-05", "ends": "2025"}, "ends", "before the start"),
        ({"name": "X", "status": "dreaming"}, "status", "is not one of"),
        ({"name": "X", "participant": "Nobody Here"}, "participant", "matches"),
        ({"name": "X", "role": "lead"}, "participant", "Name the person"),
    ],
)
def test_add_refuses_bad_input(
    world: World, anna: Person, posted: dict[str, str], field: str, message: str
) -> None:
    answer = signed_in(world.alice).post(reverse("web:project_add"), posted)
    assert answer.status_code == 400
    body = answer.content.decode()
    assert message in body.split(f'id="error_{field}">')[1].split("</p>")[0]
    assert not Project.objects.exists()


def test_role_forms(world: World, relaunch: Project, anna: Person) -> None:
    client = signed_in(world.alice)
    bernd = add_person(world.alice, "Bernd Brot")
    answer = client.post(url("project_role", relaunch), {"person": "Bernd", "role": "design"})
    assert answer.status_code == 302
    assert ProjectRole.objects.get(project=relaunch, person=bernd).role == "design"
    answer = client.post(url("project_role", relaunch), {"person": "Anna Schmidt", "role": ""})
    assert ProjectRole.objects.get(project=relaunch, person=anna).role == ""
    answer = client.post(
        url("project_role_remove", relaunch),
        {"person": str(bernd.pk)},
        headers={"HX-Request": "true", "HX-Target": "roles"},
    )
    assert answer.status_code == 200
    assert "<html" not in answer.content.decode()
    assert "Bernd Brot" not in answer.content.decode()
    assert not ProjectRole.objects.filter(person=bernd).exists()


def test_role_form_refuses_an_unknown_person(world: World, relaunch: Project) -> None:
    answer = signed_in(world.alice).post(
        url("project_role", relaunch), {"person": "Nobody Here", "role": "x"}
    )
    assert answer.status_code == 400
    assert "Nobody Here" in answer.content.decode().split('id="error_person">')[1]
    assert ProjectRole.objects.filter(project=relaunch).count() == 1


def test_edit(world: World, relaunch: Project) -> None:
    client = signed_in(world.alice)
    form = client.get(url("project_edit", relaunch)).content.decode()
    assert 'value="Website relaunch"' in form and 'value="Acme GmbH"' in form
    answer = client.post(
        url("project_edit", relaunch),
        {
            "name": "Relaunch",
            "status": "completed",
            "organisation": "",
            "starts": "2026-03",
            "ends": "2026-09",
            "description": "Done",
        },
    )
    assert answer.status_code == 302
    relaunch.refresh_from_db()
    assert (relaunch.name, relaunch.status, str(relaunch.ends_on)) == (
        "Relaunch",
        "completed",
        "2026-09",
    )
    assert relaunch.organisation is None


def test_edit_refuses_bad_input_and_changes_nothing(world: World, relaunch: Project) -> None:
    answer = signed_in(world.alice).post(
        url("project_edit", relaunch),
        {"name": "Renamed", "status": "ongoing", "starts": "2026-03", "ends": "2020"},
    )
    assert answer.status_code == 400
    assert "before the start" in answer.content.decode().split('id="error_ends">')[1]
    relaunch.refresh_from_db()
    assert relaunch.name == "Website relaunch" and relaunch.ends_on is None


def test_delete_asks_first(world: World, relaunch: Project, anna: Person) -> None:
    client = signed_in(world.alice)
    assert client.get(url("project_delete", relaunch)).status_code == 200
    assert Project.objects.filter(pk=relaunch.pk).exists()
    answer = client.post(url("project_delete", relaunch))
    assert answer.status_code == 302
    assert answer["Location"] == reverse("web:projects")
    assert not Project.objects.filter(pk=relaunch.pk).exists()
    assert Person.objects.filter(pk=anna.pk).exists()


def test_another_networks_project_is_not_found(
    world: World, relaunch: Project, anna: Person
) -> None:
    bob = signed_in(world.bob)
    for name in ("project", "project_edit", "project_delete"):
        assert bob.get(url(name, relaunch)).status_code == 404, name
    for name in ("project_edit", "project_delete", "project_role", "project_role_remove"):
        answer = bob.post(url(name, relaunch), {"name": "X", "person": str(anna.pk)})
        assert answer.status_code == 404, name
    assert Project.objects.get(pk=relaunch.pk).name == "Website relaunch"
    assert ProjectRole.objects.get(project=relaunch).role == "lead"
