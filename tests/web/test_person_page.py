"""The person page: every section shows, and each is editable in place.

An htmx request gets the section back as a fragment; a plain one is redirected to the
page. Bad input answers 400 with the message next to the field and changes nothing;
another network's person, or a row of theirs, is 404.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.journal.models import Promise
from knoten.people.affiliations import add_affiliation
from knoten.people.important_dates import add_important_date
from knoten.people.models import (
    Affiliation,
    ContactPoint,
    ImportantDate,
    Organisation,
    Person,
    Relationship,
)
from knoten.people.persons import PersonFields, add_person
from knoten.people.relationships import relate
from tests.conftest import World
from tests.web.pressing import press

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


@pytest.fixture
def mueller(world: World) -> Person:
    return add_person(
        world.alice,
        "Jürgen Müller",
        PersonFields(
            org="Müller GmbH",
            title="CFO",
            emails=["juergen@mueller.example"],
            skills=["Steuerrecht"],
            note="Likes sailing",
        ),
    )


def page(person: Person) -> str:
    return reverse("web:person", kwargs={"person_id": person.pk})


def form_url(person: Person, name: str, item: int | None = None) -> str:
    if item is None:
        return reverse("web:person_form", kwargs={"person_id": person.pk, "form_name": name})
    return reverse(
        "web:person_item_form",
        kwargs={"person_id": person.pk, "form_name": name, "item_id": item},
    )


def action_url(person: Person, action: str, item: int) -> str:
    return reverse(
        "web:person_action", kwargs={"person_id": person.pk, "action": action, "item_id": item}
    )


def test_the_page_shows_every_section_with_its_buttons(world: World, mueller: Person) -> None:
    body = signed_in(world.alice).get(page(mueller)).content.decode()
    for section in (
        "basics",
        "contact",
        "met",
        "career",
        "relations",
        "projects",
        "skills",
        "dates",
        "notes",
        "promises",
        "conversations",
    ):
        assert f'id="section-{section}"' in body, section
    for button in ("Add job", "Add relationship", "Add contact", "Add date", "Archive"):
        assert f">{button}</button>" in body, button
    assert "Delete person" in body
    assert form_url(mueller, "career") in body
    assert "autofocus" not in body  # a page load leaves the focus alone


def test_a_form_is_a_fragment_for_htmx_and_a_page_without(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    fragment = client.get(form_url(mueller, "career"), headers=HTMX)
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert "<html" not in body
    assert 'id="section-career"' in body
    for label in ("Organisation", "Title", "From", "Until"):
        assert f">{label}</label>" in body, label
    assert ">Save</button>" in body
    whole = client.get(form_url(mueller, "career")).content.decode()
    assert "<html" in whole and ">Organisation</label>" in whole


def test_add_a_job_with_htmx_returns_the_section(world: World, mueller: Person) -> None:
    answer = signed_in(world.alice).post(
        form_url(mueller, "career"),
        {
            "organisation": "Segelclub Kiel",
            "kind": "membership",
            "title": "Kassenwart",
            "start": "2019",
            "end": "",
        },
        headers=HTMX,
    )
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="section-career"')
    assert '<h2 id="s-career" tabindex="-1" autofocus>' in body  # the focus comes back
    assert "Kassenwart, Segelclub Kiel" in body
    assert Affiliation.objects.filter(person=mueller, title="Kassenwart").exists()


def test_add_a_job_without_htmx_redirects_to_the_section(world: World, mueller: Person) -> None:
    answer = signed_in(world.alice).post(
        form_url(mueller, "career"), {"organisation": "Hafen AG", "title": "Lotse"}
    )
    assert answer.status_code == 302
    assert answer["Location"] == page(mueller) + "#section-career"
    # No kind sent: the domain's default kind, a job.
    assert Affiliation.objects.filter(
        person=mueller, organisation__name="Hafen AG", kind="job"
    ).exists()


def test_a_favour_or_recommendation_left_open_takes_the_domains_defaults(
    world: World, mueller: Person
) -> None:
    from knoten.reciprocity.models import Favour, Recommendation

    add_person(world.alice, "Ben Berg")
    client = signed_in(world.alice)
    favour = client.post(form_url(mueller, "favour"), {"direction": "got"}, headers=HTMX)
    assert favour.status_code == 200
    done = Favour.objects.get(giver=mueller)
    assert (done.kind, done.outcome) == ("help", "open")
    initial = client.get(form_url(mueller, "recommendation"), headers=HTMX).content.decode()
    assert re.search(r'<option value="open"[^>]*selected', initial)
    made = client.post(
        form_url(mueller, "recommendation"),
        {"recommender": "me", "beneficiary": mueller.full_name, "recipient": "Ben Berg"},
        headers=HTMX,
    )
    assert made.status_code == 200, made.content.decode()
    assert Recommendation.objects.get(beneficiary=mueller).outcome == "open"


def test_a_bad_date_is_400_next_to_the_field_and_saves_nothing(
    world: World, mueller: Person
) -> None:
    before = Affiliation.objects.count()
    answer = signed_in(world.alice).post(
        form_url(mueller, "career"),
        {"organisation": "Neue Firma GmbH", "title": "CTO", "start": "32.13.2020"},
        headers=HTMX,
    )
    assert answer.status_code == 400
    body = answer.content.decode()
    assert 'id="error_id_career_start"' in body
    assert 'aria-invalid="true"' in body
    assert 'value="Neue Firma GmbH"' in body  # what was typed stays
    # The field to correct takes the focus, not the first one.
    focused = re.findall(r'<input id="(\w+)"[^>]* autofocus', body)
    assert focused == ["id_career_start"]
    assert answer["HX-Retarget"] == "#section-career"
    assert Affiliation.objects.count() == before
    assert not Organisation.objects.filter(name="Neue Firma GmbH").exists()


def test_cancel_returns_the_section_or_redirects(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    url = reverse("web:person_section", kwargs={"person_id": mueller.pk, "section": "career"})
    fragment = client.get(url, headers=HTMX)
    assert fragment.status_code == 200
    assert "CFO, Müller GmbH" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    plain = client.get(url)
    assert plain.status_code == 302
    assert plain["Location"] == page(mueller) + "#section-career"
    bad = reverse("web:person_section", kwargs={"person_id": mueller.pk, "section": "nothing"})
    assert client.get(bad).status_code == 404


def test_edit_a_job_end_it_and_delete_it(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    job = Affiliation.objects.get(person=mueller, title="CFO")
    form = client.get(form_url(mueller, "career-edit", job.pk), headers=HTMX).content.decode()
    assert 'value="Müller GmbH"' in form and 'value="CFO"' in form
    answer = client.post(
        form_url(mueller, "career-edit", job.pk),
        {"organisation": "Müller GmbH", "kind": "job", "title": "CEO", "start": "03.2020"},
        headers=HTMX,
    )
    assert answer.status_code == 200
    assert "CEO, Müller GmbH" in answer.content.decode()
    job.refresh_from_db()
    assert (job.title, job.start.isoformat() if job.start else None) == ("CEO", "2020-03")

    bad = client.post(
        form_url(mueller, "career-edit", job.pk),
        {
            "organisation": "Müller GmbH",
            "kind": "job",
            "title": "CTO",
            "start": "03.2020",
            "end": "2019",
        },
        headers=HTMX,
    )
    assert bad.status_code == 400
    assert 'id="error_id_career_end"' in bad.content.decode()
    job.refresh_from_db()
    assert job.title == "CEO" and job.end is None

    ended = client.post(action_url(mueller, "career-end", job.pk), headers=HTMX)
    assert ended.status_code == 200
    job.refresh_from_db()
    assert job.end is not None
    deleted = client.post(action_url(mueller, "career-delete", job.pk))
    assert deleted.status_code == 302
    assert not Affiliation.objects.filter(pk=job.pk).exists()


def test_add_a_relationship_by_a_typed_name(world: World, mueller: Person) -> None:
    alice = world.alice
    schmidt = add_person(alice, "Anna Schmidt")
    client = signed_in(alice)
    form = client.get(form_url(mueller, "relations"), headers=HTMX).content.decode()
    for label in ("Person", "Relationship", "Trust"):
        assert f">{label}</label>" in form, label
    assert 'data-autocomplete="person" autocomplete="off"' in form
    assert '<option value="report">report of</option>' in form
    assert '<option value="" selected>Choose …</option>' in form
    answer = client.post(
        form_url(mueller, "relations"),
        {"person": "Anna Schm", "kind": "report", "trust": "4", "since": "2021"},
        headers=HTMX,
    )
    assert answer.status_code == 200
    assert "report of" in answer.content.decode()
    edge = Relationship.objects.get(network=alice.network)
    # Müller is a report of Anna Schmidt: she is the boss.
    assert (edge.from_person_id, edge.to_person_id, edge.kind, edge.trust) == (
        schmidt.pk,
        mueller.pk,
        "boss",
        4,
    )


def test_a_picked_namesake_is_the_one_related(world: World, mueller: Person) -> None:
    alice = world.alice
    add_person(alice, "Anna Schmidt")
    second = add_person(alice, "Anna Schmidt")
    client = signed_in(alice)
    typed = {"person": "Anna Schmidt", "kind": "friend"}
    ambiguous = client.post(form_url(mueller, "relations"), typed, headers=HTMX)
    assert ambiguous.status_code == 400
    assert not Relationship.objects.filter(network=alice.network).exists()
    picked = {**typed, "picked": f"{second.pk}:Anna Schmidt"}
    assert client.post(form_url(mueller, "relations"), picked, headers=HTMX).status_code == 200
    edge = Relationship.objects.get(network=alice.network)
    assert {edge.from_person_id, edge.to_person_id} == {mueller.pk, second.pk}


def test_edit_a_relationship_from_the_other_side_keeps_its_direction(
    world: World, mueller: Person
) -> None:
    alice = world.alice
    schmidt = add_person(alice, "Anna Schmidt")
    edge = relate(alice, schmidt, mueller, "boss")  # Müller is a report of Anna
    client = signed_in(alice)
    form = client.get(form_url(mueller, "relations-edit", edge.pk), headers=HTMX)
    assert '<option value="report" selected>' in form.content.decode()
    answer = client.post(
        form_url(mueller, "relations-edit", edge.pk),
        {"kind": "report", "trust": "5", "since": "", "note": "weekly one-to-one"},
        headers=HTMX,
    )
    assert answer.status_code == 200
    edge.refresh_from_db()
    assert (edge.from_person_id, edge.kind, edge.trust, edge.note) == (
        schmidt.pk,
        "boss",
        5,
        "weekly one-to-one",
    )
    # Now Müller becomes the boss, seen from his page.
    client.post(form_url(mueller, "relations-edit", edge.pk), {"kind": "boss", "trust": "5"})
    edge.refresh_from_db()
    assert (edge.from_person_id, edge.to_person_id) == (mueller.pk, schmidt.pk)
    # The row's Delete sends the page's one form (issue 17's page budget: no CSRF token
    # per row), as a browser without JavaScript would, past Django's CSRF check.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice.user)
    page = strict.get(f"/people/{mueller.pk}/").content.decode()
    assert '<form id="person-form"' in page
    gone = press(strict, page, "Delete", near=action_url(mueller, "relations-delete", edge.pk))
    assert gone.status_code == 302
    assert not Relationship.objects.filter(pk=edge.pk).exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"person": "Nobody Known", "kind": "friend"}, "person", "no person matches"),
        ({"person": "Anna", "kind": "friend"}, "person", "is ambiguous"),
        ({"person": "Anna Schmidt", "kind": "friend", "trust": "9"}, "trust", "out of range"),
        ({"person": "Anna Schmidt", "kind": "bestie"}, "kind", "not a relationship kind"),
        ({"person": "Anna Schmidt", "kind": ""}, "kind", "not a relationship kind"),
        ({"person": "Jürgen Müller", "kind": "friend"}, "person", "not related to themselves"),
    ],
)
def test_a_bad_relationship_is_refused_next_to_the_field(
    world: World, mueller: Person, values: dict[str, str], field: str, message: str
) -> None:
    add_person(world.alice, "Anna Schmidt")
    add_person(world.alice, "Anna Albers")
    answer = signed_in(world.alice).post(form_url(mueller, "relations"), values, headers=HTMX)
    assert answer.status_code == 400
    body = answer.content.decode()
    assert f'id="error_id_relations_{field}"' in body
    assert message in body
    assert not Relationship.objects.filter(network=world.alice.network).exists()


def test_contact_add_edit_and_delete(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    added = client.post(
        form_url(mueller, "contact"),
        {"kind": "phone", "value": "+49 170 1234567", "label": "mobile"},
        headers=HTMX,
    )
    assert added.status_code == 200
    point = ContactPoint.objects.get(person=mueller, kind="phone")
    assert "+49 170 1234567" in added.content.decode()
    bad = client.post(
        form_url(mueller, "contact"), {"kind": "email", "value": "not an address"}, headers=HTMX
    )
    assert bad.status_code == 400
    assert 'id="error_id_contact_value"' in bad.content.decode()
    assert "is not a valid email address" in bad.content.decode()
    assert ContactPoint.objects.filter(person=mueller).count() == 2

    edited = client.post(
        form_url(mueller, "contact-edit", point.pk),
        {"value": "+49 171 7654321", "label": "work", "preferred": "on"},
    )
    assert edited.status_code == 302
    point.refresh_from_db()
    assert (point.value, point.label) == ("+491717654321", "work")
    client.post(action_url(mueller, "contact-delete", point.pk), headers=HTMX)
    assert not ContactPoint.objects.filter(pk=point.pk).exists()


def test_how_we_met_with_an_introducer_typed_by_name(world: World, mueller: Person) -> None:
    alice = world.alice
    schmidt = add_person(alice, "Anna Schmidt")
    client = signed_in(alice)
    form = client.get(form_url(mueller, "met"), headers=HTMX).content.decode()
    assert 'name="met_via"' in form and 'data-autocomplete="person"' in form
    answer = client.post(
        form_url(mueller, "met"),
        {"met_on": "05.2019", "met_via": "Schmidt", "how_met": "At the Kiel regatta"},
        headers=HTMX,
    )
    assert answer.status_code == 200
    assert "At the Kiel regatta" in answer.content.decode()
    mueller.refresh_from_db()
    assert mueller.introduced_by_id == schmidt.pk
    bad = client.post(
        form_url(mueller, "met"),
        {"met_on": "", "met_via": "Nobody Known", "how_met": "changed"},
        headers=HTMX,
    )
    assert bad.status_code == 400
    assert 'id="error_id_met_met_via"' in bad.content.decode()
    mueller.refresh_from_db()
    assert mueller.how_we_met == "At the Kiel regatta"
    assert mueller.met_on is not None


def test_skills_notes_and_basics(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    skills = client.post(
        form_url(mueller, "skills"),
        {"skills": "Steuerrecht, Segeln", "circles": "Friends", "tags": ""},
        headers=HTMX,
    )
    assert skills.status_code == 200
    assert sorted(mueller.skills.values_list("name", flat=True)) == ["Segeln", "Steuerrecht"]
    assert list(mueller.circles.values_list("code", flat=True)) == ["friends"]

    notes = client.post(form_url(mueller, "notes"), {"note": "Sails a Folkeboat"})
    assert notes.status_code == 302
    mueller.refresh_from_db()
    assert mueller.notes == "Sails a Folkeboat"

    renamed = client.post(
        form_url(mueller, "basics"),
        {"name": "Dr. Jürgen Müller", "form_of_address": "sie", "importance": "2"},
        headers=HTMX,
    )
    assert renamed.status_code == 200
    assert ">Dr. Jürgen Müller</h1>" in renamed.content.decode()
    empty = client.post(form_url(mueller, "basics"), {"name": " ", "importance": "1"})
    assert empty.status_code == 400
    assert 'id="error_id_basics_name"' in empty.content.decode()
    mueller.refresh_from_db()
    assert (mueller.academic_title, mueller.importance, mueller.form_of_address) == (
        "Dr.",
        2,
        "sie",
    )


def test_important_dates(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    added = client.post(
        form_url(mueller, "dates"), {"kind": "birthday", "date": "14.03.1980"}, headers=HTMX
    )
    assert added.status_code == 200
    date = ImportantDate.objects.get(person=mueller)
    assert 'datetime="1980-03-14"' in added.content.decode()
    bad = client.post(form_url(mueller, "dates"), {"kind": "party", "date": "1.1.2020"})
    assert bad.status_code == 400
    assert 'id="error_id_dates_kind"' in bad.content.decode()
    edited = client.post(
        form_url(mueller, "dates-edit", date.pk),
        {"kind": "birthday", "date": "--03-15", "label": "", "note": "cake"},
        headers=HTMX,
    )
    assert edited.status_code == 200
    date.refresh_from_db()
    assert (date.date.isoformat() if date.date else None, date.note) == ("--03-15", "cake")
    client.post(action_url(mueller, "dates-delete", date.pk))
    assert not ImportantDate.objects.filter(person=mueller).exists()


def test_promises_added_and_done(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    added = client.post(
        form_url(mueller, "promises"),
        {"text": "Send the regatta photos", "owed": "me", "due": "2030-06-01"},
        headers=HTMX,
    )
    assert added.status_code == 200
    assert "Send the regatta photos" in added.content.decode()
    promise = Promise.objects.get(text__startswith="Send the regatta")
    assert (promise.debtor_id, promise.creditor_id) == (world.alice.person_id, mueller.pk)
    done = client.post(action_url(mueller, "promise-done", promise.pk), headers=HTMX)
    assert done.status_code == 200
    body = done.content.decode()
    assert "“Send the regatta photos” is done." in body
    assert action_url(mueller, "promise-reopen", promise.pk) in body  # undo
    assert "No open promises." in body
    promise.refresh_from_db()
    assert promise.done_on is not None
    again = client.post(action_url(mueller, "promise-done", promise.pk), headers=HTMX)
    assert again.status_code == 400
    assert 'id="error_promises"' in again.content.decode()
    assert "already done" in again.content.decode()
    assert again["HX-Retarget"] == "#section-promises"
    plain = client.post(action_url(mueller, "promise-done", promise.pk))
    assert plain.status_code == 400
    assert "<html" in plain.content.decode() and "already done" in plain.content.decode()
    undone = client.post(action_url(mueller, "promise-reopen", promise.pk))
    assert undone.status_code == 302
    promise.refresh_from_db()
    assert promise.done_on is None
    # A promise between others is not this person's to tick off here.
    schmidt = add_person(world.alice, "Anna Schmidt")
    assert client.post(action_url(schmidt, "promise-done", promise.pk)).status_code == 404
    promise.refresh_from_db()
    assert promise.done_on is None


def test_conversations_newest_first_with_more(
    world: World, mueller: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    for day in range(1, 26):
        log_interaction(
            world.alice,
            f"Talk number {day:02d}",
            participants=[mueller],
            on=dt.date(2026, 1, day).isoformat(),
        )
    client = signed_in(world.alice)
    body = client.get(page(mueller)).content.decode()
    assert body.index("Talk number 25") < body.index("Talk number 06")
    assert "Talk number 05" not in body
    more = reverse("web:person_conversations", kwargs={"person_id": mueller.pk})
    assert f'hx-get="{more}"' in body and 'name="offset" value="20"' in body
    rows = client.get(more, {"offset": "20"}, headers=HTMX).content.decode()
    assert "<html" not in rows
    assert [f"Talk number {n:02d}" in rows for n in (5, 4, 3, 2, 1)] == [True] * 5
    assert rows.index("Talk number 05") < rows.index("Talk number 01")
    assert "Talk number 06" not in rows
    assert 'name="offset"' not in rows  # nothing more
    whole = client.get(more, {"offset": "20"})
    assert "<html" in whole.content.decode() and "Talk number 01" in whole.content.decode()


def test_all_relationships_a_page_at_a_time(
    world: World,
    mueller: Person,
    monkeypatch: pytest.MonkeyPatch,
    set_cap: Callable[[object, str, int], None],
) -> None:
    from knoten.profiles import person as person_page
    from knoten.web.person_views import relationships

    set_cap(person_page, "RELATIONSHIP_CAP", 2)
    monkeypatch.setattr(relationships, "RELATIONSHIPS_PAGE", 2)
    for name in ("Ben Berg", "Cem Cakir", "Dana Dorn"):
        relate(world.alice, mueller, add_person(world.alice, name), "friend", trust=3)
    client = signed_in(world.alice)
    body = client.get(page(mueller)).content.decode()
    url = reverse("web:person_relationships", kwargs={"person_id": mueller.pk})
    assert "All 3 relationships" in body and url in body
    first = client.get(url).content.decode()
    second = client.get(url, {"page": "2"}).content.decode()
    shown = [name for name in ("Ben Berg", "Cem Cakir", "Dana Dorn") if name in first]
    assert len(shown) == 2 and 'rel="next"' in first
    assert all(name in second for name in {"Ben Berg", "Cem Cakir", "Dana Dorn"} - set(shown))
    assert 'rel="next"' not in second


def test_archive_and_delete(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    url = reverse("web:person_archive", kwargs={"person_id": mueller.pk})
    archived = client.post(url, headers=HTMX)
    assert archived.status_code == 200
    assert "Bring back from archive" in archived.content.decode()
    mueller.refresh_from_db()
    assert mueller.archived
    client.post(url)
    mueller.refresh_from_db()
    assert not mueller.archived

    me = Person.objects.get(pk=world.alice.person_id)
    me_page = client.get(page(me)).content.decode()
    assert "Delete person" not in me_page
    assert client.post(reverse("web:person_archive", kwargs={"person_id": me.pk})).status_code == (
        400
    )
    refused = client.post(reverse("web:person_delete", kwargs={"person_id": me.pk}))
    assert refused.status_code == 400
    assert Person.objects.filter(pk=me.pk).exists()

    delete = reverse("web:person_delete", kwargs={"person_id": mueller.pk})
    confirm = client.get(delete)
    assert confirm.status_code == 200
    assert "Delete for good" in confirm.content.decode()
    assert Person.objects.filter(pk=mueller.pk).exists()  # asking deletes nothing
    gone = client.post(delete)
    assert gone.status_code == 302 and gone["Location"] == reverse("web:people")
    assert not Person.objects.filter(pk=mueller.pk).exists()


def test_german_labels_and_dates(world: World, mueller: Person) -> None:
    add_important_date(world.alice, mueller, "birthday", "14.03.1980")
    add_affiliation(world.alice, mueller, "Uni Kiel", "education", start="2000", end="05.2004")
    from knoten.journal.projects import add_project

    add_project(world.alice, "Regatta 2027", participants=[str(mueller.pk)])
    client = signed_in(world.alice)
    headers = {"Accept-Language": "de"}
    body = client.get(page(mueller), headers=headers).content.decode()
    assert "14. März 1980" in body and "Geburtstag" in body
    assert "Ausbildung" in body and "Mai 2004" in body
    assert '<span class="tag">laufend</span>' in body
    form = client.get(form_url(mueller, "relations"), headers={**headers, **HTMX})
    assert "Vorgesetzte(r) von" in form.content.decode()


def test_another_networks_person_and_rows_are_404(world: World, mueller: Person) -> None:
    alice, bob = world.alice, world.bob
    schmidt = add_person(alice, "Anna Schmidt")
    edge = relate(alice, mueller, schmidt, "friend")
    date = add_important_date(alice, mueller, "birthday", "14.03.1980")
    job = Affiliation.objects.get(person=mueller)
    point = ContactPoint.objects.get(person=mueller)
    log_interaction(alice, "Lunch", participants=[mueller], promises=["call back"])
    promise = Promise.objects.get(network=alice.network)
    bob_client = signed_in(bob)
    bob_me = Person.objects.get(pk=bob.person_id)
    for form in ("basics", "contact", "met", "career", "relations", "skills", "dates", "notes"):
        assert bob_client.get(form_url(mueller, form)).status_code == 404, form
        assert bob_client.post(form_url(mueller, form), {"note": "x"}).status_code == 404, form
    for name in ("basics", "career", "conversations"):
        section = reverse("web:person_section", kwargs={"person_id": mueller.pk, "section": name})
        assert bob_client.get(section).status_code == 404
    for name, pk in (
        ("contact-edit", point.pk),
        ("career-edit", job.pk),
        ("relations-edit", edge.pk),
        ("dates-edit", date.pk),
    ):
        # Alice's row, reached through Bob's own person or Alice's: never found.
        for person in (bob_me, mueller):
            assert bob_client.get(form_url(person, name, pk)).status_code == 404, name
            assert bob_client.post(form_url(person, name, pk), {}).status_code == 404, name
    for name, pk in (
        ("contact-delete", point.pk),
        ("career-end", job.pk),
        ("career-delete", job.pk),
        ("relations-delete", edge.pk),
        ("dates-delete", date.pk),
        ("promise-done", promise.pk),
    ):
        assert bob_client.post(action_url(bob_me, name, pk)).status_code == 404, name
    for name in ("person_archive", "person_delete", "person_relationships", "person_conversations"):
        url = reverse(f"web:{name}", kwargs={"person_id": mueller.pk})
        assert bob_client.get(url).status_code in (404, 405), name
        assert bob_client.post(url).status_code in (404, 405), name
    # Nothing of Alice's changed.
    mueller.refresh_from_db()
    assert not mueller.archived and mueller.notes == "Likes sailing"
    assert Relationship.objects.filter(pk=edge.pk).exists()
    assert ImportantDate.objects.filter(pk=date.pk).exists()
    assert Affiliation.objects.get(pk=job.pk).end is None
    assert ContactPoint.objects.filter(pk=point.pk).exists()
    assert Promise.objects.get(pk=promise.pk).done_on is None


def test_a_row_of_another_person_is_404_on_this_page(world: World, mueller: Person) -> None:
    alice = world.alice
    schmidt = add_person(alice, "Anna Schmidt", PersonFields(emails=["anna@example.de"]))
    point = ContactPoint.objects.get(person=schmidt)
    client = signed_in(alice)
    assert client.get(form_url(mueller, "contact-edit", point.pk)).status_code == 404
    assert client.post(action_url(mueller, "contact-delete", point.pk)).status_code == 404
    assert ContactPoint.objects.filter(pk=point.pk).exists()


def test_projects_join_change_role_and_leave(world: World, mueller: Person) -> None:
    from knoten.journal.models import ProjectRole
    from knoten.journal.projects import add_project

    project = add_project(world.alice, "Regatta 2027")
    client = signed_in(world.alice)
    joined = client.post(
        form_url(mueller, "projects"), {"project": "Regatta", "role": "skipper"}, headers=HTMX
    )
    assert joined.status_code == 200
    assert "Regatta 2027" in joined.content.decode()
    assert ProjectRole.objects.get(project=project, person=mueller).role == "skipper"
    unknown = client.post(
        form_url(mueller, "projects"), {"project": "No such project", "role": "x"}, headers=HTMX
    )
    assert unknown.status_code == 400
    assert 'id="error_id_projects_project"' in unknown.content.decode()
    assert ProjectRole.objects.filter(person=mueller).count() == 1

    edited = client.post(form_url(mueller, "projects-edit", project.pk), {"role": "navigator"})
    assert edited.status_code == 302
    assert ProjectRole.objects.get(project=project, person=mueller).role == "navigator"
    bob = signed_in(world.bob)
    bob_me = Person.objects.get(pk=world.bob.person_id)
    assert bob.get(form_url(bob_me, "projects-edit", project.pk)).status_code == 404
    assert bob.post(action_url(bob_me, "projects-remove", project.pk)).status_code == 404
    assert bob.post(action_url(mueller, "projects-remove", project.pk)).status_code == 404
    assert ProjectRole.objects.filter(project=project, person=mueller).exists()

    left = client.post(action_url(mueller, "projects-remove", project.pk), headers=HTMX)
    assert left.status_code == 200
    assert not ProjectRole.objects.filter(project=project, person=mueller).exists()


def test_a_person_with_many_relationships_stays_fast(
    world: World, mueller: Person, django_assert_max_num_queries: object
) -> None:
    alice = world.alice
    others = Person.objects.bulk_create(
        Person(network_id=alice.network_id, given_name=f"Kontakt{n:03d}", family_name="Viel")
        for n in range(120)
    )
    Relationship.objects.bulk_create(
        Relationship(network_id=alice.network_id, from_person=mueller, to_person=p, kind="friend")
        for p in others
    )
    client = signed_in(alice)
    with django_assert_max_num_queries(26):  # type: ignore[operator]  (one: the photo)
        body = client.get(page(mueller)).content.decode()
    assert "All 120 relationships" in body
    assert body.count("Kontakt") == 50 * 3  # the link, the row's Edit and Delete labels
    assert f"{reverse('web:log')}?with={mueller.pk}" in body


def test_a_nul_character_is_refused_next_to_its_field(world: World, mueller: Person) -> None:
    answer = signed_in(world.alice).post(
        form_url(mueller, "notes"), {"note": "Likes\x00 sailing"}, headers=HTMX
    )
    assert answer.status_code == 400
    assert 'id="error_id_notes_note"' in answer.content.decode()
    mueller.refresh_from_db()
    assert mueller.notes == "Likes sailing"


def test_ids_beyond_the_database_range_are_404(world: World, mueller: Person) -> None:
    client = signed_in(world.alice)
    huge = 2**63
    assert client.get(f"/people/{huge}/").status_code == 404
    assert client.get(f"/people/{mueller.pk}/edit/career-edit/{huge}/").status_code == 404
    assert client.post(f"/people/{mueller.pk}/do/dates-delete/{huge}/").status_code == 404
    assert client.post(f"/people/{mueller.pk}/do/projects-remove/{huge}/").status_code == 404
    assert client.get(
        f"/people/{mueller.pk}/conversations/", {"offset": str(huge)}
    ).status_code in (
        200,
        404,
    )
