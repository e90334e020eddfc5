"""The browser pages: home, the people list with search as you type, a person's page,
adding a person; each for a signed-in member, and none showing another network's data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.people.models import ContactPoint, Person
from knoten.people.persons import PersonFields, add_person
from knoten.people.relationships import relate
from tests.conftest import World

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "knoten" / "web" / "templates"


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


@pytest.fixture
def alices(world: World) -> dict[str, Person]:
    alice = world.alice
    return {
        "mueller": add_person(
            alice,
            "Jürgen Müller",
            PersonFields(
                org="Müller GmbH",
                title="CFO",
                emails=["juergen@mueller.example"],
                circles=["Colleagues"],
                skills=["Steuerrecht"],
                how_met="At the trade fair",
                note="Likes sailing",
            ),
        ),
        "schmidt": add_person(alice, "Anna Schmidt"),
    }


def test_home_links_the_pages(world: World) -> None:
    body = signed_in(world.alice).get("/").content.decode()
    assert reverse("web:people") in body
    assert reverse("web:person_add") in body
    assert 'href="#main"' in body  # the skip link
    assert "/static/django_htmx/htmx-2.min.js" in body


def test_htmx_is_served_from_the_app(world: World) -> None:
    answer = Client().get("/static/django_htmx/htmx-2.min.js")
    assert answer.status_code == 200


def test_people_list(world: World, alices: dict[str, Person]) -> None:
    answer = signed_in(world.alice).get(reverse("web:people"))
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "<html" in body
    assert 'id="results"' in body
    assert "Jürgen Müller" in body
    assert "Anna Schmidt" in body
    assert "CFO, Müller GmbH" in body
    assert reverse("web:person", kwargs={"person_id": alices["mueller"].pk}) in body


def test_the_htmx_request_gets_only_the_results(world: World, alices: dict[str, Person]) -> None:
    answer = signed_in(world.alice).get(
        reverse("web:people"), {"q": "Schmidt"}, headers={"HX-Request": "true"}
    )
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "<html" not in body
    assert 'id="results"' not in body
    assert "Anna Schmidt" in body
    assert "Müller" not in body
    assert "HX-Request" in answer["Vary"]


def test_search_with_an_umlaut_variant(world: World, alices: dict[str, Person]) -> None:
    client = signed_in(world.alice)
    for query in ("Mueller", "muller", "Jürgen"):
        body = client.get(reverse("web:people"), {"q": query}).content.decode()
        assert "Jürgen Müller" in body, query
        assert "Anna Schmidt" not in body, query


def test_a_search_without_letters_says_so(world: World) -> None:
    answer = signed_in(world.alice).get(reverse("web:people"), {"q": "--"})
    assert answer.status_code == 200
    assert "no letters or digits" in answer.content.decode()


def test_filter_by_circle(world: World, alices: dict[str, Person]) -> None:
    client = signed_in(world.alice)
    body = client.get(reverse("web:people"), {"circle": "Colleagues"}).content.decode()
    assert "Jürgen Müller" in body
    assert "Anna Schmidt" not in body
    unknown = client.get(reverse("web:people"), {"circle": "No such circle"})
    assert unknown.status_code == 200
    assert "No such circle" in unknown.content.decode()


def test_pages_of_the_list(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from knoten.web import kit

    monkeypatch.setattr(kit, "PAGE_SIZE", 2)
    for name in ("Zoe Zander", "Yann Young", "Xaver Xu"):
        add_person(world.alice, name)
    client = signed_in(world.alice)
    first = client.get(reverse("web:people")).content.decode()
    assert "page=2" in first
    assert 'rel="prev"' not in first
    # Alice Adler, Xaver Xu | Yann Young, Zoe Zander: no row more, so no next page.
    last = client.get(reverse("web:people"), {"page": "2"}).content.decode()
    assert "Zoe Zander" in last
    assert "Alice Adler" not in last
    assert 'rel="prev"' in last
    assert 'rel="next"' not in last
    assert client.get(reverse("web:people"), {"page": "junk"}).status_code == 200


def test_person_page_shows_the_sections(world: World, alices: dict[str, Person]) -> None:
    alice = world.alice
    mueller = alices["mueller"]
    relate(alice, mueller, alices["schmidt"], "boss")
    log_interaction(
        alice,
        "Lunch about the tax adviser",
        participants=[mueller],
        on="2026-01-10",
        promises=["send contacts by 2026-02-01"],
    )
    log_interaction(alice, "Phone call about sailing", participants=[mueller], on="2026-03-05")
    answer = signed_in(alice).get(reverse("web:person", kwargs={"person_id": mueller.pk}))
    assert answer.status_code == 200
    body = answer.content.decode()
    for heading in (
        "Contact",
        "How we met",
        "Career and education",
        "Relationships and family",
        "Projects",
        "Skills and circles",
        "Important dates",
        "Notes",
        "Open promises",
        "Timeline",  # the conversations, with promises, favours and events (issue 17)
    ):
        assert f">{heading}</h2>" in body, heading
    for fact in (
        "juergen@mueller.example",
        "At the trade fair",
        "CFO, Müller GmbH",
        "Anna Schmidt",
        "Steuerrecht",
        "colleagues",
        "Likes sailing",
        "send contacts",
    ):
        assert fact in body, fact
    assert body.index("Phone call about sailing") < body.index("Lunch about the tax adviser")


def test_a_missing_person_is_404(world: World) -> None:
    client = signed_in(world.alice)
    assert client.get(reverse("web:person", kwargs={"person_id": 999_999})).status_code == 404


def test_add_a_person_with_only_a_name(world: World) -> None:
    client = signed_in(world.alice)
    assert client.get(reverse("web:person_add")).status_code == 200
    answer = client.post(reverse("web:person_add"), {"name": "Clara Christ"})
    person = Person.objects.get(network=world.alice.network, given_name="Clara")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("web:person", kwargs={"person_id": person.pk})
    assert "Clara Christ" in client.get(answer["Location"]).content.decode()


def test_add_a_person_with_a_job_and_email(world: World) -> None:
    client = signed_in(world.alice)
    answer = client.post(
        reverse("web:person_add"),
        {"name": "Dora Dahl", "org": "Dahl AG", "title": "CEO", "email": "dora@dahl.example"},
    )
    assert answer.status_code == 302
    body = client.get(answer["Location"]).content.decode()
    assert "CEO, Dahl AG" in body
    assert "dora@dahl.example" in body


def test_a_bad_email_shows_the_message_and_writes_nothing(world: World) -> None:
    client = signed_in(world.alice)
    people = Person.objects.count()
    points = ContactPoint.objects.count()
    answer = client.post(
        reverse("web:person_add"),
        {"name": "Emil Ernst", "org": "Ernst KG", "email": "not an address"},
    )
    assert answer.status_code == 400
    body = answer.content.decode()
    assert 'id="error_email"' in body
    assert "is not a valid email address" in body
    assert 'value="Emil Ernst"' in body  # what was typed stays
    assert Person.objects.count() == people
    assert ContactPoint.objects.count() == points


def test_a_missing_name_shows_the_message(world: World) -> None:
    people = Person.objects.count()
    answer = signed_in(world.alice).post(reverse("web:person_add"), {"name": "  "})
    assert answer.status_code == 400
    body = answer.content.decode()
    assert re.search(r'class="error" id="error_(name|form)"|role="alert"', body)
    assert Person.objects.count() == people


def test_bob_never_sees_alices_people(world: World, alices: dict[str, Person]) -> None:
    bob = signed_in(world.bob)
    for person in alices.values():
        assert bob.get(reverse("web:person", kwargs={"person_id": person.pk})).status_code == 404
    alice_me = world.alice.person_id
    assert bob.get(reverse("web:person", kwargs={"person_id": alice_me})).status_code == 404
    listing = bob.get(reverse("web:people")).content.decode()
    assert "Bob Becker" in listing
    for name in ("Müller", "Schmidt", "Alice Adler"):
        assert name not in listing
    links = [
        reverse("web:person", kwargs={"person_id": pk})
        for pk in [alice_me, *(person.pk for person in alices.values())]
    ]
    for query in ("Mueller", "Schmidt", "Alice", "sailing", "Steuerrecht"):
        for headers in ({}, {"HX-Request": "true"}):
            body = bob.get(reverse("web:people"), {"q": query}, headers=headers).content.decode()
            assert "No one matches" in body
            for shown in ("Jürgen Müller", "Anna Schmidt", "Alice Adler", *links):
                assert f'"{shown}"' not in body and f">{shown}<" not in body, (query, shown)
    circle = bob.get(reverse("web:people"), {"circle": "Colleagues"}).content.decode()
    assert "Müller" not in circle


def test_signed_out_pages_redirect_to_login(world: World, alices: dict[str, Person]) -> None:
    client = Client()
    for path in (
        reverse("web:people"),
        reverse("web:person_add"),
        reverse("web:person", kwargs={"person_id": alices["mueller"].pk}),
    ):
        answer = client.get(path)
        assert answer.status_code == 302
        assert answer["Location"].startswith(reverse("web:login"))


def test_no_template_has_inline_script_or_style() -> None:
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert templates
    for template in templates:
        text = template.read_text()
        assert "style=" not in text, template
        assert "<style" not in text, template
        for attributes, code in re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.S):
            assert "src=" in attributes and not code.strip(), template
        assert not re.search(r"<[^>]+\son[a-z]+=", text), template  # no onclick= handlers


def test_filter_by_organisation_tag_and_archived(world: World, alices: dict[str, Person]) -> None:
    from knoten.people.persons import archive_person, edit_person

    client = signed_in(world.alice)
    at_mueller = client.get(reverse("web:people"), {"org": "Müller GmbH"}).content.decode()
    assert "Jürgen Müller" in at_mueller and "Anna Schmidt" not in at_mueller
    edit_person(world.alice, alices["schmidt"], PersonFields(tags=["VIP"]))
    tagged = client.get(reverse("web:people"), {"tag": "VIP"}).content.decode()
    assert "Anna Schmidt" in tagged and "Jürgen Müller" not in tagged
    assert '<option value="VIP">VIP</option>' in client.get(reverse("web:people")).content.decode()
    archive_person(world.alice, alices["schmidt"])
    assert "Anna Schmidt" not in client.get(reverse("web:people")).content.decode()
    with_archived = client.get(reverse("web:people"), {"archived": "1"}).content.decode()
    assert "Anna Schmidt" in with_archived
    unknown = client.get(reverse("web:people"), {"org": "Nowhere AG"}).content.decode()
    assert "Nowhere AG" in unknown and 'class="error"' in unknown


def test_search_within_a_filter_and_pages_keep_the_filters(
    world: World, alices: dict[str, Person]
) -> None:
    from knoten.people.persons import add_person

    for number in range(55):
        add_person(world.alice, f"Kollege{number:02d} Muster", PersonFields(circles=["Colleagues"]))
    client = signed_in(world.alice)
    body = client.get(
        reverse("web:people"), {"q": "Mueller", "circle": "Colleagues"}
    ).content.decode()
    assert "Jürgen Müller" in body and "Muster" not in body
    first = client.get(reverse("web:people"), {"circle": "Colleagues"}).content.decode()
    assert 'href="?circle=Colleagues&amp;page=2"' in first
    second = client.get(reverse("web:people"), {"circle": "Colleagues", "page": 2}).content.decode()
    assert "Kollege54 Muster" in second and "Anna Schmidt" not in second
