"""A rich network in Alice's name: every kind of record, every field filled somewhere.

Partial dates, private minutes (Alice's, and those of Dora, a second member), promises
both ways, an event with expected and met people, a project with roles, circles, tags,
skills, relationships with trust and since, what an import kept, favours both ways (one
noted in the lunch's minutes, one in Dora's private note), recommendations with *me* as
recommender and as beneficiary, and what three channels cost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model

from knoten.core.models import Member
from knoten.demo.pictures import tiny_png
from knoten.imports.models import ImportOrigin, ImportRun
from knoten.journal import conversations, events, projects, promises, visibility
from knoten.journal.models import Interaction, Participation
from knoten.people import affiliations, important_dates, persons, relationships
from knoten.people.models import ImportedProperty, Person, PersonPhoto
from knoten.people.persons import PersonFields
from knoten.reciprocity import services as reciprocity
from knoten.reciprocity.models import Favour, Recommendation
from tests.conftest import World

XAVERS_PHOTO = tiny_png((200, 120, 40))


@dataclass
class Rich:
    alice: Member
    dora: Member
    juergen: Person
    anna: Person
    xaver: Person
    clara: Person
    favours: list[Favour] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)


@pytest.fixture
def rich(world: World) -> Rich:
    alice = world.alice
    me = alice.me
    me.notes = "Das bin ich; Netzwerkerin seit 2019."
    me.save()
    important_dates.add_important_date(alice, "me", "birthday", "1984-07-29")
    juergen = persons.add_person(
        alice,
        "Prof. Dr. Jürgen Müller",
        PersonFields(
            org="Fraunhofer IAO",
            title="Institutsleiter",
            emails=["work:j.mueller@iao.example", "home:juergen@mueller.example"],
            phones=["mobile:0171 2345678", "work:0711 970-2000"],
            websites=["https://www.linkedin.com/in/juergen-mueller-iao"],
            messengers=["Signal:+49 171 2345678"],
            address="work: Nobelstraße 12, 70569 Stuttgart",
            circles=["Geschäftspartner", "Kunden"],
            tags=["Keynote", "KI"],
            skills=["Innovationsmanagement", "Förderprogramme"],
            birthday="14.03.",
            met_on="2019-05",
            how_met="Keynote auf der CeBIT, danach Kaffee am Stand",
            form_of_address="sie",
            salutation="Sehr geehrter Herr Prof. Müller",
            importance="important",
            note=(
                "Mag kurze E-Mails; Assistenz: Frau Kern, Durchwahl -2001. "
                "Große Pläne für Förderprogramme in Süddeutschland, äußerst gründlich."
            ),
        ),
    )
    anna = persons.add_person(
        alice,
        "Anna Schmidt",
        PersonFields(
            org="Müller GmbH",
            title="CFO",
            emails=["anna.schmidt@mueller-gmbh.example"],
            circles=["friends"],
            birthday="1980-03-14",
            form_of_address="du",
            met_via=str(juergen.pk),
            how_met="Jürgen Müller stellte uns beim Sommerfest vor.",
            note="Sucht einen Steuerberater in Köln; Jürgen Müller kennt einen.",
        ),
    )
    xaver = persons.add_person(
        alice,
        "Xaver Quendolin",
        PersonFields(
            emails=["xaver@quendolin.example"],
            phones=["+49 89 1234567"],
            circles=["Kunden"],
            nickname="Xavi",
            birthday="--11-02",
            note="Kennt Herrn Quendolins alte Firma nicht.",
        ),
    )
    clara = persons.add_person(alice, "Clara von Bülow", PersonFields(circles=["family"]))
    affiliations.add_affiliation(
        alice,
        juergen,
        "Universität Stuttgart",
        "education",
        title="Dr.-Ing.",
        start="1995",
        end="2001-06",
        note="Promotion über Wissensnetze",
    )
    affiliations.add_affiliation(
        alice, juergen, "VDI Württemberg", "function", title="Vorstand", start="2018"
    )
    relationships.relate(
        alice, juergen, anna, "boss", trust=4, since="2021", note="seit der Fusion"
    )
    relationships.relate(alice, "me", anna, "friend", trust=5, since="2015-09")
    relationships.relate(alice, xaver, anna, "client", trust=2)
    relationships.relate(alice, clara, "me", "sibling")
    important_dates.add_important_date(
        alice, anna, "new_job", "2024-02", label="CFO bei Müller GmbH", note="gratulieren"
    )
    important_dates.add_important_date(
        alice, juergen, "anniversary", "--06-21", label="Hochzeitstag"
    )
    event = events.add_event(
        alice,
        "Hannover Messe 2024",
        kind="trade fair",
        starts="2024-04-22",
        ends="2024-04-26",
        place="Hannover",
        organiser="Deutsche Messe AG",
        cost="450.50",
        hours="16.5",
        note="Halle 2 zuerst",
        attendees=[str(juergen.pk), str(xaver.pk)],
    )
    events.mark_met(alice, event, [str(juergen.pk)])
    Person.objects.filter(pk=anna.pk).update(met_at_event=event)
    conversations.log_interaction(
        alice,
        "Lunch: Anna sucht einen Steuerberater in Köln; Xaver Quendolin wäre einer.",
        participants=[str(anna.pk), str(xaver.pk)],
        kind="meeting",
        on="2024-03-01",
        minutes=75,
        place="Café Kranzler",
        promises=["Kontakt zu Herrn Weber schicken bis 2024-03-08"],
        expectations=["Angebot schicken bis 2024-03-15"],
    )
    conversations.log_interaction(
        alice,
        "Telefonat mit Xavi Quendolin über seinen Wechsel (vertraulich).",
        participants=[str(xaver.pk)],
        kind="call",
        on="2024-03-05",
        private=True,
        promises=["Xaver Quendolin an Anna empfehlen bis 2024-03-20"],
    )
    conversations.log_interaction(
        alice,
        "Gespräch am Stand über Förderprogramme",
        participants=[str(juergen.pk)],
        kind="event conversation",
        on="2024-04-23",
        event=event,
    )
    projects.add_project(
        alice,
        "Förderantrag KI-Netz",
        status="ongoing",
        organisation="Fraunhofer IAO",
        starts="2024-01",
        ends="2025",
        description="Antrag mit Jürgen Müller und Xaver Quendolin",
        participants=[f"{juergen.pk}=Konsortialführer", f"{xaver.pk}=Partner"],
    )
    promises.complete_promise(
        alice,
        alice.network and visibility.visible_promises(alice).order_by("pk").first().pk,  # type: ignore[union-attr]
        on="2024-03-07",
    )
    ImportedProperty.objects.create(
        network=alice.network, person=xaver, source="iphone.vcf", name="X-ABLABEL", value="Golf"
    )
    ImportOrigin.objects.create(network=alice.network, person=xaver, key="a" * 64)
    PersonPhoto.objects.create(
        network=alice.network, person=xaver, content_type="image/png", data=XAVERS_PHOTO
    )
    ImportRun.objects.create(
        network=alice.network, member=alice, source="iphone.vcf", format="vcard", created=3
    )
    # Dora shares Alice's network and keeps minutes of her own, one private.
    dora_user = get_user_model().objects.create(username="dora")
    dora_person = Person.objects.create(
        network=alice.network, given_name="Dora", family_name="Diehl"
    )
    dora = Member.objects.create(
        network=alice.network, user=dora_user, person=dora_person, role=Member.Role.EDITOR
    )
    secret = Interaction.objects.create(
        network=alice.network,
        occurred_on=dt.date(2024, 3, 2),
        kind="call",
        summary="Doras private Notiz über Xaver Quendolin",
        author=dora,
        private=True,
    )
    Participation.objects.create(network=alice.network, interaction=secret, person=xaver)
    favours, recommendations = _give_and_take(alice, dora, secret, juergen, anna, xaver, clara)
    return Rich(
        alice=alice,
        dora=dora,
        juergen=juergen,
        anna=anna,
        xaver=xaver,
        clara=clara,
        favours=favours,
        recommendations=recommendations,
    )


def _give_and_take(
    alice: Member,
    dora: Member,
    secret: Interaction,
    juergen: Person,
    anna: Person,
    xaver: Person,
    clara: Person,
) -> tuple[list[Favour], list[Recommendation]]:
    """Favours and recommendations with every field filled somewhere; what the channels
    cost. The texts name Xaver Quendolin where forgetting him must find his name."""
    lunch = Interaction.objects.get(network=alice.network, summary__startswith="Lunch")
    favours = [
        reciprocity.add_favour(
            alice,
            giver="me",
            receiver=anna,
            kind="tip",
            on="2024-03-01",
            minutes=20,
            note="Steuerberater in Köln: Xaver Quendolin",
            outcome="contact made",
            thanked=True,
            interaction=lunch,
        ),
        reciprocity.add_favour(
            alice,
            giver=juergen,
            receiver="me",
            kind="lead",
            on="2024-04-23",
            value="5000 EUR",
            note="Auftrag der Messe GmbH",
            outcome="won",
            won_value="12.000 EUR",
        ),
        reciprocity.add_favour(
            alice, giver="me", receiver=xaver, kind="introduction", on="2024-03-10"
        ),
        # In Dora's private minutes: never in Alice's exports.
        reciprocity.add_favour(
            dora,
            giver=xaver,
            receiver="me",
            kind="gift",
            on="2024-03-02",
            note="Doras geheimer Gefallen",
            interaction=secret,
        ),
    ]
    told = reciprocity.add_recommendation(
        alice,
        recommender="me",
        recipient=anna,
        beneficiary=xaver,
        on="2024-03-06",
        context="Anna sucht einen Steuerberater; Xavi ist einer.",
        outcome="won",
        won_value="3000 EUR",
        interaction=lunch,
    )
    reciprocity.thank_recommendation(alice, told.pk, by="beneficiary", on="2024-03-08")
    reciprocity.thank_recommendation(alice, told.pk, by="recipient", on="2024-03-09")
    recommended = reciprocity.add_recommendation(
        alice,
        recommender=juergen,
        recipient=clara,
        beneficiary="me",
        on="2024-05-02",
        context="Vortrag beim VDI",
        outcome="meeting held",
    )
    reciprocity.add_channel_cost(
        alice, event="Hannover Messe 2024", on="2024-04-22", amount="80 EUR", note="Parkhaus"
    )
    reciprocity.add_channel_cost(
        alice,
        organisation="VDI Württemberg",
        on="2024-01-15",
        amount="240 EUR",
        hours="12.5",
        note="Beitrag; Ausschuss mit Xaver Quendolin",
    )
    reciprocity.add_channel_cost(alice, circle="Kunden", on="2024-02-01", hours="3")
    return favours, [told, recommended]
