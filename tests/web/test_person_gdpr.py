"""A person's page offers their data as a file (Art. 15/20) and forgetting them (Art. 17)."""

from __future__ import annotations

import json

from django.test import Client

from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.journal.models import Interaction
from knoten.people.models import Person
from knoten.people.persons import PersonFields, add_person
from knoten.profiles.person import person_detail


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def test_export_downloads_everything_about_the_person(member: Member) -> None:
    anna = add_person(member, "Anna Schmidt", PersonFields(emails=["anna@schmidt.example"]))
    answer = signed_in(member).get(f"/people/{anna.pk}/export/")
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == f'attachment; filename="person-{anna.pk}.json"'
    text = answer.content.decode()
    assert "anna@schmidt.example" in text and json.loads(text)


def test_forget_shows_the_plan_then_forgets(member: Member) -> None:
    anna = add_person(member, "Anna Schmidt", PersonFields(emails=["anna@schmidt.example"]))
    ben = add_person(member, "Ben Berg", PersonFields(note="Kennt Anna Schmidt aus Köln."))
    log_interaction(member, "Mittag mit Anna Schmidt und Ben", participants=[anna, ben])
    client = signed_in(member)
    page = client.get(f"/people/{anna.pk}/forget/")
    assert page.status_code == 200
    assert "Forget for good" in page.content.decode()
    done = client.post(f"/people/{anna.pk}/forget/")
    assert done.status_code == 302 and done["Location"] == "/people/"
    assert not Person.objects.filter(pk=anna.pk).exists()
    assert "Anna" not in Person.objects.get(pk=ben.pk).notes
    assert all("Anna" not in i.summary for i in Interaction.objects.all())
    assert "The person is forgotten." in client.get("/people/").content.decode()


def test_me_cannot_be_forgotten_and_the_page_says_why(member: Member) -> None:
    client = signed_in(member)
    answer = client.post(f"/people/{member.person_id}/forget/")
    assert answer.status_code == 400
    assert Person.objects.filter(pk=member.person_id).exists()
    assert person_detail(member, "me")["me"]


def test_the_forget_page_lists_the_records_that_name_them_and_those_to_review(
    member: Member,
) -> None:
    anna = add_person(member, "Anna Schmidt", PersonFields(tags=["Schmidt-Runde"]))
    add_person(member, "Ben Berg", PersonFields(note="Kennt Frau Schmidt aus Köln."))
    add_person(member, "Carl Cramer", PersonFields(note="Anna Weber kommt mit"))
    page = signed_in(member).get(f"/people/{anna.pk}/forget/").content.decode()
    mentions = page.split('id="forget-mentions"')[1].split("</ul>")[0]
    review = page.split('id="forget-review"')[1].split("</ul>")[0]
    assert "Ben Berg" in mentions and "Carl Cramer" not in mentions
    assert "Carl Cramer" in review
    assert "Schmidt-Runde" in page
