"""The organisations pages: the list with its filters, adding, a detail page with the
people there now and before, editing and deleting; never another network's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from knoten.core.models import Member
from knoten.journal.events import add_event
from knoten.journal.projects import add_project
from knoten.people.affiliations import add_affiliation
from knoten.people.models import Organisation
from knoten.people.organisations import add_organisation
from knoten.people.persons import PersonFields, add_person
from knoten.web import kit
from tests.conftest import World

pytestmark = pytest.mark.django_db


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


@pytest.fixture
def acme(world: World) -> Organisation:
    alice = world.alice
    org = add_organisation(alice, "Acme GmbH", kind="company", industry="Anvils")
    add_person(alice, "Jürgen Müller", PersonFields(org="Acme GmbH", title="CFO"))
    former = add_person(alice, "Anna Schmidt")
    add_affiliation(alice, former, org, "job", title="Trainee", start="2019", end="2021-06")
    add_event(alice, "Acme Summit", starts="2026-03-14", organiser=org)
    add_project(alice, "Anvil 2.0", organisation=org)
    return org


def test_list_with_filters(world: World, acme: Organisation) -> None:
    add_organisation(world.alice, "Segelclub Kiel", kind="Verein")
    add_organisation(world.bob, "Bob's Secret Corp")
    client = signed_in(world.alice)
    body = client.get(reverse("web:organisations")).content.decode()
    assert "Acme GmbH" in body and "Segelclub Kiel" in body
    assert "Bob's Secret Corp" not in body
    assert "1 person" in body  # Müller now; Schmidt left
    by_name = client.get(reverse("web:organisations"), {"q": "acme"}).content.decode()
    assert "Acme GmbH" in by_name and "Segelclub Kiel" not in by_name
    by_kind = client.get(reverse("web:organisations"), {"kind": "club"}).content.decode()
    assert "Segelclub Kiel" in by_kind and "Acme GmbH" not in by_kind
    bad_kind = client.get(reverse("web:organisations"), {"kind": "spaceship"})
    assert bad_kind.status_code == 200
    assert "is not one of" in bad_kind.content.decode()


def test_the_htmx_request_gets_only_the_results(world: World, acme: Organisation) -> None:
    answer = signed_in(world.alice).get(
        reverse("web:organisations"),
        {"q": "Acme"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    body = answer.content.decode()
    assert answer.status_code == 200
    assert "<html" not in body
    assert "Acme GmbH" in body
    assert "HX-Request" in answer["Vary"]


def test_pages_of_the_list(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kit, "PAGE_SIZE", 2)
    for name in ("Alpha AG", "Beta AG", "Gamma AG"):
        add_organisation(world.alice, name)
    client = signed_in(world.alice)
    first = client.get(reverse("web:organisations")).content.decode()
    assert "Alpha AG" in first and "Gamma AG" not in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    last = client.get(reverse("web:organisations"), {"page": "2"}).content.decode()
    assert "Gamma AG" in last and "Alpha AG" not in last
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_detail_shows_people_events_and_projects(world: World, acme: Organisation) -> None:
    answer = signed_in(world.alice).get(
        reverse("web:organisation", kwargs={"organisation_id": acme.pk})
    )
    assert answer.status_code == 200
    body = answer.content.decode()
    now, before = body.split('id="s-former"')
    assert "Jürgen Müller" in now and "CFO" in now
    assert "Anna Schmidt" in before and "Trainee" in before and "2019" in before
    assert "Acme Summit" in body and "14 Mar 2026" in body
    assert "Anvil 2.0" in body
    assert reverse("web:organisation_edit", kwargs={"organisation_id": acme.pk}) in body


def test_dates_in_german(world: World, acme: Organisation) -> None:
    body = (
        signed_in(world.alice)
        .get(
            reverse("web:organisation", kwargs={"organisation_id": acme.pk}),
            headers={"Accept-Language": "de"},
        )
        .content.decode()
    )
    assert "14. März 2026" in body
    assert "Juni 2021" in body


def test_add(world: World) -> None:
    client = signed_in(world.alice)
    assert client.get(reverse("web:organisation_add")).status_code == 200
    answer = client.post(
        reverse("web:organisation_add"),
        {"name": "Segelclub Kiel", "kind": "club", "website": "segelclub.example", "note": ""},
    )
    org = Organisation.objects.get(network=world.alice.network, name="Segelclub Kiel")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("web:organisation", kwargs={"organisation_id": org.pk})
    assert org.kind == "club"
    assert org.website.startswith("https://segelclub.example")


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"name": "  ", "kind": "company"}, "name", "is empty"),
        ({"name": "Acme GmbH", "kind": "company"}, "name", "already exists"),
        ({"name": "New AG", "kind": "spaceship"}, "kind", "is not one of"),
    ],
)
def test_add_refuses_bad_input(
    world: World, acme: Organisation, posted: dict[str, str], field: str, message: str
) -> None:
    before = Organisation.objects.count()
    answer = signed_in(world.alice).post(reverse("web:organisation_add"), posted)
    assert answer.status_code == 400
    body = answer.content.decode()
    assert f'id="error_{field}"' in body
    error = body.split(f'id="error_{field}">')[1].split("</p>")[0]
    assert message in error
    assert Organisation.objects.count() == before


def test_edit(world: World, acme: Organisation) -> None:
    url = reverse("web:organisation_edit", kwargs={"organisation_id": acme.pk})
    client = signed_in(world.alice)
    form = client.get(url).content.decode()
    assert 'value="Acme GmbH"' in form and 'value="Anvils"' in form
    answer = client.post(
        url, {"name": "Acme AG", "kind": "Verein", "industry": "", "website": "", "note": "Hi"}
    )
    assert answer.status_code == 302
    acme.refresh_from_db()
    assert (acme.name, acme.kind, acme.industry, acme.notes) == ("Acme AG", "club", "", "Hi")


def test_edit_refuses_bad_input_and_changes_nothing(world: World, acme: Organisation) -> None:
    add_organisation(world.alice, "Other AG")
    url = reverse("web:organisation_edit", kwargs={"organisation_id": acme.pk})
    answer = signed_in(world.alice).post(
        url, {"name": "Other AG", "kind": "club", "industry": "Ropes", "website": ""}
    )
    assert answer.status_code == 400
    assert "already exists" in answer.content.decode().split('id="error_name">')[1]
    acme.refresh_from_db()
    assert (acme.name, acme.kind, acme.industry) == ("Acme GmbH", "company", "Anvils")


def test_delete_asks_first(world: World, acme: Organisation) -> None:
    url = reverse("web:organisation_delete", kwargs={"organisation_id": acme.pk})
    client = signed_in(world.alice)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Acme GmbH" in confirm.content.decode()
    assert Organisation.objects.filter(pk=acme.pk).exists()
    answer = client.post(url)
    assert answer.status_code == 302
    assert answer["Location"] == reverse("web:organisations")
    assert not Organisation.objects.filter(pk=acme.pk).exists()


def test_another_networks_organisation_is_not_found(world: World, acme: Organisation) -> None:
    bob = signed_in(world.bob)
    ids = {"organisation_id": acme.pk}
    assert bob.get(reverse("web:organisation", kwargs=ids)).status_code == 404
    assert bob.get(reverse("web:organisation_edit", kwargs=ids)).status_code == 404
    assert bob.post(reverse("web:organisation_edit", kwargs=ids), {"name": "X"}).status_code == 404
    assert bob.post(reverse("web:organisation_delete", kwargs=ids)).status_code == 404
    acme.refresh_from_db()
    assert acme.name == "Acme GmbH"


def test_pages_need_a_sign_in(world: World) -> None:
    answer = Client().get(reverse("web:organisations"))
    assert answer.status_code == 302
    assert reverse("web:login") in answer["Location"]
