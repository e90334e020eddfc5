"""Drafts: the right words in both languages, own templates, sending and isolation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings

from knoten.core import clock
from knoten.core.errors import InvalidInput, NotFound
from knoten.journal.models import Interaction
from knoten.people.persons import PersonFields, add_person
from knoten.reciprocity.services import add_favour
from knoten.upkeep.drafts import (
    draft,
    list_templates,
    mark_sent,
    reset_template,
    send_draft,
    set_template,
)
from knoten.upkeep.handled import handled_keys

pytestmark = pytest.mark.django_db


def test_thanks_in_german_with_sie_names_the_favour(member):
    clock.pin(dt.date(2027, 3, 1))
    weber = add_person(
        member,
        "Prof. Dr. Klaus Weber",
        PersonFields(emails=["weber@example.org"], org="Uni Hannover", title="Dekan"),
    )
    favour = add_favour(
        member, giver=weber.pk, receiver=member.me.pk, kind="help", note="den Kontakt zur IHK"
    )
    found = draft(member, weber.pk, key=f"thanks:favour={favour.pk}", language="de")
    assert found.occasion == "thanks" and found.address == "sie"
    assert found.body.startswith("Sehr geehrter Herr Prof. Weber,\n\nhaben Sie vielen Dank")
    assert "Besonders danke ich Ihnen für: den Kontakt zur IHK." in found.body
    assert found.body.endswith("Herzliche Grüße\nAlice Adler")
    assert found.email == "weber@example.org"
    assert found.mailto and found.mailto.startswith("mailto:weber@example.org?subject=")


def test_du_english_particles_and_unknown_lines_left_out(member):
    anna = add_person(member, "Anna Adler", PersonFields(form_of_address="du"))
    german = draft(member, anna.pk, occasion="Glückwunsch", language="de")
    assert german.body.startswith("Liebe Anna,\n\nich habe von deinen Neuigkeiten")
    assert "{" not in german.body and "Aufgabe als" not in german.body  # no position known
    english = draft(member, anna.pk, occasion="birthday", language="en")
    assert english.body.startswith("Dear Anna,\n\nHappy birthday!")
    richard = add_person(member, "Richard von Weizsäcker", PersonFields(org="Bundespräsidialamt"))
    touch = draft(member, richard.pk, language="de")
    assert touch.occasion == "keep_in_touch"
    assert touch.body.startswith("Sehr geehrter Herr von Weizsäcker,")
    assert "was es bei Bundespräsidialamt Neues gibt" in touch.body
    kim = add_person(member, "Dr. Xylofa Berger")
    neutral = draft(member, kim.pk, language="de")
    assert neutral.salutation == "Guten Tag Dr. Xylofa Berger," and not neutral.gender_known
    assert draft(member, kim.pk, language="en").salutation == "Dear Dr. Berger,"


def test_a_life_event_draft_speaks_of_the_event_not_of_a_new_role(member):
    """Congratulations on a wedding (its occasion's key) leave out the "new role" line the
    person's current job would fill; on a new job it stays; another person's date is not
    found."""
    from knoten.people.important_dates import add_important_date

    anna = add_person(
        member, "Anna Adler", PersonFields(form_of_address="du", org="Acme", title="CFO")
    )
    wedding = add_important_date(member, anna, "wedding", "2027-05")
    job = add_important_date(member, anna, "new job", "2027-05-02")
    married = draft(member, anna.pk, key=f"congratulations:date={wedding.pk}", language="de")
    assert married.body.startswith("Liebe Anna,\n\nich habe von deinen Neuigkeiten")
    assert "Aufgabe" not in married.body and "CFO" not in married.body
    english = draft(member, anna.pk, key=f"congratulations:date={wedding.pk}", language="en")
    assert "role" not in english.body and "Acme" not in english.body
    hired = draft(member, anna.pk, key=f"congratulations:date={job.pk}", language="de")
    assert "Für deine neue Aufgabe als CFO bei Acme" in hired.body
    bernd = add_person(member, "Bernd Berger")
    with pytest.raises(NotFound):
        draft(member, bernd.pk, key=f"congratulations:date={wedding.pk}")


def test_own_templates_override_and_reset(member):
    anna = add_person(member, "Anna Adler", PersonFields(form_of_address="du"))
    set_template(
        member,
        occasion="birthday",
        language="de",
        address="du",
        subject="Hoch soll {given_name} leben",
        body="{salutation}\n\nAlles Gute!\n{sender}",
    )
    own = draft(member, anna.pk, occasion="birthday", language="de")
    assert own.own_template and own.subject == "Hoch soll Anna leben"
    assert own.body == "Liebe Anna,\n\nAlles Gute!\nAlice Adler"
    rows = [r for r in list_templates(member) if r["occasion"] == "birthday"]
    assert [r["own"] for r in rows] == [True, False, False]  # de du, de sie, en
    assert reset_template(member, occasion="birthday", language="de", address="du") is True
    assert reset_template(member, occasion="birthday", language="de", address="du") is False
    assert not draft(member, anna.pk, occasion="birthday", language="de").own_template


@pytest.mark.parametrize(
    ("subject", "body", "match"),
    [
        ("Hallo", "{salutation} {hobby}", "hobby"),
        ("Hallo {sender.__class__}", "x", "sender.__class__"),
        ("Hallo", "{salutation!r}", "salutation"),
        ("Hallo", "offene { Klammer", "brace"),
        ("Hallo", "  ", "empty"),
    ],
)
def test_bad_templates_are_refused_and_change_nothing(member, subject, body, match):
    with pytest.raises(InvalidInput, match=match):
        set_template(member, occasion="thanks", language="en", subject=subject, body=body)
    assert not any(row["own"] for row in list_templates(member))


def test_send_and_mark_sent_log_a_contact_and_handle_the_occasion(member):
    anna = add_person(member, "Anna Adler", PersonFields(emails=["anna@example.org"]))
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        send_draft(member, anna.pk, subject="Danke", body="Liebe Anna,", key="thanks:favour=1")
    assert mail.outbox[-1].to == ["anna@example.org"]
    logged = Interaction.objects.get(participants=anna)
    assert logged.kind == "email" and logged.summary == "Danke"
    assert handled_keys(member, ["thanks:favour=1"]) == {"thanks:favour=1"}
    mark_sent(member, anna.pk, subject="Per Hand", key=None)
    assert Interaction.objects.filter(participants=anna).count() == 2
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", KNOTEN_SMTP_HOST=""
        ),
        pytest.raises(InvalidInput, match="not configured"),
    ):
        send_draft(member, anna.pk, subject="x", body="y")
    assert Interaction.objects.filter(participants=anna).count() == 2


def test_another_network_reaches_nothing(world):
    anna = add_person(world.alice, "Anna Adler")
    favour = add_favour(world.alice, giver=anna.pk, receiver=world.alice.me.pk, kind="help")
    bob_anna = add_person(world.bob, "Anna Adler")
    with pytest.raises(NotFound):
        draft(world.bob, anna.pk)
    with pytest.raises(NotFound):
        draft(world.bob, bob_anna.pk, key=f"thanks:favour={favour.pk}")
    set_template(world.alice, occasion="thanks", language="en", subject="A", body="mine")
    assert not any(row["own"] for row in list_templates(world.bob))
    assert not draft(world.bob, bob_anna.pk, occasion="thanks", language="en").own_template
