"""Strength where it is promised: the person page, the people list (sortable), the API."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.people.persons import PersonFields, add_person
from knoten.people.relationships import relate
from tests.conftest import World

START = dt.date.today() + dt.timedelta(days=30)


def people(member: Member) -> tuple[int, int]:
    clock.pin(START)
    anna = add_person(member, "Anna Zander", PersonFields(importance="important"))
    bernd = add_person(member, "Bernd Adam", PersonFields(importance="important"))
    relate(member, "me", anna, "friend", trust=5)
    log_interaction(member, "Lunch", participants=[anna], on=START - dt.timedelta(days=3))
    log_interaction(member, "Mail", participants=[bernd], kind="email", on=START)
    return anna.pk, bernd.pk


def test_person_page_shows_strength_reasons_due_and_actions(world: World) -> None:
    anna, _bernd = people(world.alice)
    client = Client()
    client.force_login(world.alice.user)
    body = client.get(f"/people/{anna}/").content.decode()
    assert 'id="section-keeping"' in body
    assert "trust 5 of 5" in body and "last contact 3 days ago (meeting)" in body
    assert "due on" in body and "quarterly" in body
    assert f'href="/people/{anna}/draft/"' in body  # write to them: the draft page
    posted = client.post(
        f"/due/{anna}/snooze/", {"until": "1 week", "next": f"/people/{anna}/#section-keeping"}
    )
    assert posted.status_code == 302 and posted["Location"] == f"/people/{anna}/#section-keeping"
    assert "snoozed until" in client.get(f"/people/{anna}/").content.decode()


def test_people_list_sorts_by_strength_and_last_contact(world: World) -> None:
    anna, bernd = people(world.alice)
    client = Client()
    client.force_login(world.alice.user)

    def order(sort: str) -> list[int]:
        body = client.get("/people/", {"sort": sort} if sort else {}).content.decode()
        return sorted((anna, bernd), key=lambda pk: body.index(f"/people/{pk}/"))

    assert order("") == [bernd, anna]  # by family name
    assert order("strength") == [anna, bernd]
    assert order("last_contact") == [bernd, anna]
    assert "strength" in client.get("/people/").content.decode()
