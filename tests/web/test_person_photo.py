"""A person's photo on the web: served to their network only, shown on the page and in
the people list (initials without one)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knoten.core.models import Member
from knoten.demo.pictures import tiny_png
from knoten.people.models import Person, PersonPhoto
from knoten.people.persons import PersonFields, add_person
from tests.conftest import World

PNG = tiny_png((0, 120, 60))


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


@pytest.fixture
def frida(world: World) -> Person:
    person = add_person(world.alice, "Frida Fotogen", PersonFields(emails=["frida@example.org"]))
    PersonPhoto.objects.create(
        network_id=world.alice.network_id, person=person, content_type="image/png", data=PNG
    )
    return person


def photo_url(person: Person) -> str:
    return reverse("web:person_photo", kwargs={"person_id": person.pk})


def test_the_photo_is_served_as_what_it_is_privately(world: World, frida: Person) -> None:
    response = signed_in(world.alice).get(photo_url(frida))
    assert response.status_code == 200
    assert response.content == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, max-age=86400"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_another_networks_member_gets_404_for_the_photo(world: World, frida: Person) -> None:
    assert signed_in(world.bob).get(photo_url(frida)).status_code == 404
    assert signed_in(world.charlie).get(photo_url(frida)).status_code == 404
    # Not signed in: the sign-in page, never the picture.
    anonymous = Client().get(photo_url(frida))
    assert anonymous.status_code == 302 and anonymous.content != PNG


def test_a_person_without_a_photo_is_a_404(world: World) -> None:
    nobody = add_person(world.alice, "Otto Ohnebild")
    assert signed_in(world.alice).get(photo_url(nobody)).status_code == 404


def test_the_person_page_shows_the_photo_in_its_head(world: World, frida: Person) -> None:
    body = signed_in(world.alice).get(reverse("web:person", args=[frida.pk])).content.decode()
    head = body[body.index('id="section-basics"') : body.index("</h1>")]
    assert f'src="{photo_url(frida)}?v=' in head and 'class="avatar large"' in head
    nobody = add_person(world.alice, "Otto Ohnebild")
    body = signed_in(world.alice).get(reverse("web:person", args=[nobody.pk])).content.decode()
    assert "/photo/" not in body


def test_the_people_list_shows_photos_and_initials(world: World, frida: Person) -> None:
    add_person(world.alice, "Otto Ohnebild")
    body = signed_in(world.alice).get(reverse("web:people")).content.decode()
    assert re.search(rf'<img class="avatar[a-z ]*" src="{photo_url(frida)}\?v=\d+"', body)
    # initials on a colour of the person's own (a hue from their id), hidden from readers
    assert re.search(r'<span class="avatar hue-\d+[a-z ]*" aria-hidden="true">OO</span>', body)


def test_a_new_photo_gets_a_new_address(world: World, frida: Person) -> None:
    client = signed_in(world.alice)
    first = client.get(reverse("web:people")).content.decode()
    photo = PersonPhoto.objects.get(person=frida)
    photo.data = tiny_png((1, 2, 3))
    photo.updated_at = photo.updated_at.replace(year=photo.updated_at.year + 1)
    PersonPhoto.objects.filter(pk=photo.pk).update(updated_at=photo.updated_at, data=photo.data)
    second = client.get(reverse("web:people")).content.decode()

    def address(body: str) -> str:
        start = body.index(f"{photo_url(frida)}?v=")
        return body[start : body.index('"', start)]

    assert address(first) != address(second)


def _search_page(member: Member, query: str, htmx: bool = False) -> str:
    headers = {"HX-Request": "true"} if htmx else {}
    response = signed_in(member).get(reverse("web:people"), {"q": query}, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "as-you-type"])
def test_search_results_show_photos_and_initials(world: World, frida: Person, htmx: bool) -> None:
    otto = add_person(world.alice, "Otto Fotolos", PersonFields(emails=["otto@example.org"]))
    body = _search_page(world.alice, "Foto", htmx)
    assert f'href="/people/{otto.pk}/"' in body and f'href="/people/{frida.pk}/"' in body
    assert re.search(rf'<img class="avatar small" src="{photo_url(frida)}\?v=\d+"', body)
    assert re.search(r'<span class="avatar hue-\d+ small" aria-hidden="true">OF</span>', body)
    assert f"/people/{otto.pk}/photo/" not in body


def test_search_results_read_the_photos_in_one_query(world: World) -> None:
    def photo_queries(query: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            _search_page(world.alice, query)
        return sum('"people_personphoto"' in q["sql"] for q in queries.captured_queries)

    for number in range(6):
        person = add_person(world.alice, f"Pia Porträt{number}")
        PersonPhoto.objects.create(
            network_id=world.alice.network_id, person=person, content_type="image/png", data=PNG
        )
    assert photo_queries("Pia") == 1
    assert photo_queries("Pia Porträt1") == 1
