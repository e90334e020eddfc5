"""Merging keeps every fact of both persons and re-points every link; refusals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from knoten.core.errors import InvalidInput, NotFound
from knoten.core.partial_dates import PartialDate
from knoten.dedupe.models import DuplicatePair, Merge
from knoten.dedupe.services import (
    BETWEEN_THE_TWO,
    NAMED_TWICE,
    counted,
    dismiss_pair,
    merge_persons,
    queue_pair,
)
from knoten.imports.models import ImportOrigin
from knoten.journal.conversations import log_interaction
from knoten.journal.events import add_event, set_attendance
from knoten.journal.models import Attendance, Participation, ProjectRole, Promise
from knoten.journal.projects import add_project
from knoten.journal.promises import add_promise
from knoten.people.affiliations import add_affiliation
from knoten.people.important_dates import add_important_date
from knoten.people.models import (
    Affiliation,
    ContactPoint,
    ImportantDate,
    ImportedProperty,
    Person,
    Relationship,
)
from knoten.people.persons import PersonFields, add_person
from knoten.people.relationships import relate
from knoten.reciprocity.models import Favour, Recommendation
from knoten.reciprocity.services import add_favour, add_recommendation
from knoten.search.models import SearchEntry
from knoten.search.query import search
from tests.conftest import World


@dataclass
class Rich:
    keep: Person
    other: Person
    bernd: Person
    dora: Person
    eva: Person
    carl: Person


@pytest.fixture
def rich(world: World) -> Rich:
    """Anna Schmidt twice, each with every kind of fact, some of them the same."""
    alice = world.alice
    carl = add_person(alice, "Carl Conrad")
    bernd = add_person(alice, "Bernd Braun")
    dora = add_person(alice, "Dora Dietz")
    keep = add_person(
        alice,
        "Anna Schmidt",
        PersonFields(
            emails=["anna@schmidt.example"],
            phones=["+49 30 1234567"],
            org="Siemens AG",
            title="Einkauf",
            birthday="14.03.1980",
            circles=["colleagues"],
            tags=["Berlin"],
            skills=["Python"],
            note="Met at CeBIT.",
        ),
    )
    other = add_person(
        alice,
        "Anna Schmitt",
        PersonFields(
            emails=["anna.privat@web.example", "Anna@Schmidt.example"],
            websites=["https://www.linkedin.com/in/anna-schmitt"],
            org="Bosch GmbH",
            title="Vertrieb",
            birthday="15.03.1980",
            circles=["colleagues", "family"],
            tags=["Berlin", "Kundin"],
            skills=["Java"],
            note="Likes jazz.",
            how_met="Konferenz 2019",
            met_via="Carl Conrad",
            nickname="Anni",
        ),
    )
    eva = add_person(alice, "Eva Engel", PersonFields(met_via=str(other.pk)))
    add_important_date(alice, other, "anniversary", "2015-06-01", label="Firmenjubiläum")
    add_affiliation(alice, keep, "Siemens AG", "job", title="Einkauf")  # the same job again
    add_affiliation(alice, other, "Siemens AG", "job", title="Einkauf")
    relate(alice, bernd, keep, "friend")
    relate(alice, other, bernd, "friend")  # the same friendship, stored the other way
    relate(alice, other, dora, "boss")
    relate(alice, keep, other, "colleague")  # between the two: dropped
    log_interaction(alice, "Lunch über das Angebot", participants=[other], on="2024-03-01")
    log_interaction(alice, "Messe-Gespräch", participants=[keep, other], on="2024-02-01")
    add_promise(alice, other, "Angebot schicken", due="2024-04-01")
    add_promise(alice, other, "Kontakt zu Bosch", due="2024-04-02", owed_by_me=False)
    fair = add_event(alice, "Hannover Messe", starts="2024-04-22", attendees=[keep, other])
    set_attendance(alice, fair, other, "met")
    add_project(alice, "CRM-Einführung", participants=[f"{other.pk}=Beraterin"])
    ImportedProperty.objects.create(
        network=alice.network, person=other, source="iphone.vcf", name="X-ABLabel", value="Büro"
    )
    ImportOrigin.objects.create(network=alice.network, person=other, key="a" * 64)
    queue_pair(alice, other.pk, eva.pk, 0.81, ["given name Anna ≈ Eva"])
    queue_pair(alice, keep.pk, other.pk, 0.85, ["name Schmidt ≈ Schmitt (sounds alike)"])
    return Rich(keep, other, bernd, dora, eva, carl)


def test_merge_keeps_every_fact(world: World, rich: Rich) -> None:
    alice = world.alice
    keep, other = rich.keep, rich.other
    other_id = other.pk
    result = merge_persons(alice, keep, other)

    assert not Person.objects.filter(pk=other_id).exists()
    keep.refresh_from_db()
    # Contact points: the same address once; the other's preferred one no longer preferred.
    emails = sorted(
        ContactPoint.objects.filter(person=keep, kind="email").values_list("value", "preferred")
    )
    assert emails == [("anna.privat@web.example", False), ("anna@schmidt.example", True)]
    assert ContactPoint.objects.filter(person=keep, kind="linkedin").count() == 1
    assert ContactPoint.objects.filter(person=keep, kind="phone").count() == 1
    # Affiliations: both jobs, Siemens once per distinct row kept.
    organisations = sorted(
        Affiliation.objects.filter(person=keep).values_list("organisation__name", "title")
    )
    assert ("Bosch GmbH", "Vertrieb") in organisations and (
        "Siemens AG",
        "Einkauf",
    ) in organisations
    # Relationships: friend of Bernd once, boss of Dora, nothing between the two.
    assert Relationship.objects.filter(kind="friend").count() == 1
    friendship = Relationship.objects.get(kind="friend")
    assert {friendship.from_person_id, friendship.to_person_id} == {keep.pk, rich.bernd.pk}
    assert Relationship.objects.filter(from_person=keep, to_person=rich.dora, kind="boss").exists()
    assert not Relationship.objects.filter(kind="colleague").exists()
    # Interactions: both conversations, the shared one with one participation of keep.
    assert Participation.objects.filter(person=keep).count() == 2
    # Promises both ways re-pointed.
    assert Promise.objects.filter(creditor=keep, text="Angebot schicken").exists()
    assert Promise.objects.filter(debtor=keep, text="Kontakt zu Bosch").exists()
    # Dates: one birthday, keep's, the other's as a note; the anniversary moved.
    birthday = ImportantDate.objects.get(person=keep, kind="birthday")
    assert birthday.date == PartialDate(1980, 3, 14)
    assert "1980-03-15" in birthday.note
    assert ImportantDate.objects.filter(person=keep, kind="anniversary").count() == 1
    # Circles, tags and skills: the union, each once.
    assert sorted(keep.circles.values_list("code", flat=True)) == ["colleagues", "family"]
    assert sorted(keep.tags.values_list("name", flat=True)) == ["Berlin", "Kundin"]
    assert sorted(keep.skills.values_list("name", flat=True)) == ["Java", "Python"]
    # Notes appended, how we met, nickname and who introduced filled where empty.
    assert keep.notes.startswith("Met at CeBIT.") and keep.notes.endswith("Likes jazz.")
    assert keep.how_we_met == "Konferenz 2019"
    assert keep.nickname == "Anni"
    assert keep.introduced_by_id == rich.carl.pk
    # Whom the other introduced, keep introduced.
    rich.eva.refresh_from_db()
    assert rich.eva.introduced_by_id == keep.pk
    # Attendance: one at the fair, and "met" wins over "expected".
    attendance = Attendance.objects.get(person=keep)
    assert attendance.status == "met"
    assert ProjectRole.objects.get(person=keep).role == "Beraterin"
    # The search finds keep by what the other brought, and the other no more.
    assert not SearchEntry.objects.filter(person_id=other_id).exists()
    hits = search(alice, "Java", kinds=["person"])
    assert [hit.person_id for hit in hits] == [keep.pk]
    # The merge is recorded, with what moved.
    merge = Merge.objects.get(pk=result["merge_id"])
    assert merge.kept_id == keep.pk and merge.merged_id == other_id
    assert merge.merged_name == "Anna Schmitt" and merge.by_id == alice.pk
    assert result["moved"]["contact points"] == 2
    assert result["dropped"]["contact points"] == 1
    assert result["dropped"]["relationships"] == 2  # the duplicate friendship, the colleague
    assert result["moved"]["interactions"] == 1 and result["dropped"]["interactions"] == 1
    assert result["moved"]["promises"] == 2
    assert merge.moved == result["moved"]


def test_merge_re_points_every_foreign_key_generically(world: World, rich: Rich) -> None:
    """Imports' rows (models the merge knows nothing special about) move too; the review
    queue's pairs of the other become pairs of keep, and the merged pair says merged."""
    other_id = rich.other.pk
    merge_persons(world.alice, rich.keep, rich.other)
    assert ImportedProperty.objects.get().person_id == rich.keep.pk
    assert ImportOrigin.objects.get().person_id == rich.keep.pk
    merged = DuplicatePair.objects.get(status="merged")
    assert merged.merge is not None and merged.merge.merged_id == other_id
    moved = DuplicatePair.objects.get(status="open")
    assert {moved.person_a_id, moved.person_b_id} == {rich.keep.pk, rich.eva.pk}
    # Nothing anywhere still names the other person.
    from knoten.dedupe.services import _person_relations

    for model, field in _person_relations():
        assert not model._default_manager.filter(**{field.attname: other_id}).exists(), model


def test_a_dry_run_says_what_moves_and_changes_nothing(world: World, rich: Rich) -> None:
    before = (ContactPoint.objects.count(), Person.objects.count(), Merge.objects.count())
    plan = merge_persons(world.alice, rich.keep, rich.other, dry_run=True)
    assert plan["dry_run"] and plan["merge_id"] is None
    assert plan["moved"]["contact points"] == 2
    assert (ContactPoint.objects.count(), Person.objects.count(), Merge.objects.count()) == before
    assert Person.objects.filter(pk=rich.other.pk).exists()


def test_refuses_the_same_person_twice(world: World, rich: Rich) -> None:
    with pytest.raises(InvalidInput, match="same person"):
        merge_persons(world.alice, rich.keep, rich.keep.pk)


def test_refuses_me_as_the_other_but_merges_into_me(world: World, rich: Rich) -> None:
    alice = world.alice
    with pytest.raises(InvalidInput, match="own person"):
        merge_persons(alice, rich.keep, "me")
    assert Person.objects.filter(pk=alice.me.pk).exists()
    result = merge_persons(alice, "me", rich.carl)
    assert result["kept"]["id"] == alice.me.pk
    assert not Person.objects.filter(pk=rich.carl.pk).exists()


def test_a_refused_merge_changes_nothing(world: World, rich: Rich) -> None:
    count = ContactPoint.objects.count()
    with pytest.raises(NotFound):
        merge_persons(world.alice, rich.keep, 999_999)
    assert ContactPoint.objects.count() == count


def test_alice_cannot_merge_or_dismiss_bobs_persons(world: World, rich: Rich) -> None:
    bobs = add_person(world.bob, "Anna Schmidt", PersonFields(emails=["anna@schmidt.example"]))
    with pytest.raises(NotFound):
        merge_persons(world.alice, rich.keep, bobs.pk)
    with pytest.raises(NotFound):
        merge_persons(world.alice, bobs.pk, rich.keep)
    with pytest.raises(NotFound):
        merge_persons(world.bob, bobs.pk, rich.keep.pk)
    with pytest.raises(NotFound):
        dismiss_pair(world.alice, rich.keep.pk, bobs.pk)
    with pytest.raises(NotFound):
        queue_pair(world.alice, rich.keep.pk, bobs.pk, 0.9, ["same name"])
    assert Person.objects.filter(pk=bobs.pk).exists()
    assert ContactPoint.objects.filter(person=bobs).count() == 1


def test_queue_pair_orders_updates_and_keeps_a_dismissal(world: World, rich: Rich) -> None:
    alice = world.alice
    pair = queue_pair(alice.network_id, rich.dora.pk, rich.bernd.pk, 0.8, ["a"])
    assert (pair.person_a_id, pair.person_b_id) == tuple(sorted((rich.dora.pk, rich.bernd.pk)))
    again = queue_pair(alice, rich.bernd.pk, rich.dora.pk, 0.9, ["b"])
    assert again.pk == pair.pk and again.score == 0.9 and again.reasons == ["b"]
    dismiss_pair(alice, rich.bernd, rich.dora)
    later = queue_pair(alice, rich.bernd.pk, rich.dora.pk, 0.95, ["c"])
    assert later.status == "dismissed" and later.score == 0.9
    with pytest.raises(InvalidInput, match="score"):
        queue_pair(alice, rich.bernd.pk, rich.carl.pk, 1.5, [])
    with pytest.raises(InvalidInput):
        queue_pair(alice, rich.bernd.pk, rich.bernd.pk, 0.9, [])


def test_interactions_keep_their_day(world: World, rich: Rich) -> None:
    merge_persons(world.alice, rich.keep, rich.other)
    days = sorted(
        Participation.objects.filter(person=rich.keep).values_list(
            "interaction__occurred_on", flat=True
        )
    )
    assert days == [dt.date(2024, 2, 1), dt.date(2024, 3, 1)]


def test_generic_re_pointing_respects_a_conditional_unique_constraint(
    world: World, rich: Rich
) -> None:
    """The row-by-row path, as any later model with a conditional constraint takes it:
    ImportantDate allows one birthday per person (condition kind = birthday)."""
    from knoten.dedupe.services import _repoint_generic, _Tally

    field = ImportantDate._meta.get_field("person")
    tally = _Tally()
    _repoint_generic(ImportantDate, field, rich.keep, rich.other, tally)  # type: ignore[arg-type]
    kinds = sorted(ImportantDate.objects.filter(person=rich.keep).values_list("kind", flat=True))
    assert kinds == ["anniversary", "birthday"]
    assert ImportantDate.objects.get(person=rich.keep, kind="birthday").date == PartialDate(
        1980, 3, 14
    )
    assert not ImportantDate.objects.filter(person=rich.other).exists()
    assert tally.moved["important dates"] == 1 and tally.dropped["important dates"] == 1


@dataclass
class GiveAndTake:
    lead: Favour  # from the other to me: moves
    tip: Favour  # from me to keep …
    same_tip: Favour  # … and the same tip recorded for the other: kept once
    feedback: Favour  # from me to the other: moves
    between: Favour  # from the other to keep: a favour to oneself once merged
    advice: Recommendation  # the other recommends Bernd to me: moves
    told: Recommendation  # I recommend keep to Dora …
    same_told: Recommendation  # … and the same for the other, with its outcome
    herself: Recommendation  # the other recommends keep to Bernd: names her twice
    to_herself: Recommendation  # Bernd recommends the other to keep: names her twice


@pytest.fixture
def give_and_take(world: World, rich: Rich) -> GiveAndTake:
    alice, keep, other = world.alice, rich.keep, rich.other
    same_tip = dict(giver="me", kind="tip", on="2024-02-01")
    return GiveAndTake(
        lead=add_favour(
            alice, giver=other, receiver="me", kind="lead", on="2024-03-01", value="5000 EUR"
        ),
        tip=add_favour(alice, receiver=keep, **same_tip),  # type: ignore[arg-type]
        same_tip=add_favour(
            alice,
            receiver=other,
            note="Steuerberater in Köln",
            thanked=True,
            **same_tip,  # type: ignore[arg-type]
        ),
        feedback=add_favour(alice, giver="me", receiver=other, kind="feedback", on="2024-02-10"),
        between=add_favour(
            alice, giver=other, receiver=keep, kind="help", on="2024-01-05", note="Umzug"
        ),
        advice=add_recommendation(
            alice, recommender=other, recipient="me", beneficiary=rich.bernd, on="2024-03-02"
        ),
        told=add_recommendation(
            alice, recommender="me", recipient=rich.dora, beneficiary=keep, on="2024-03-03"
        ),
        same_told=add_recommendation(
            alice,
            recommender="me",
            recipient=rich.dora,
            beneficiary=other,
            on="2024-03-03",
            outcome="won",
            won_value="3000 EUR",
        ),
        herself=add_recommendation(
            alice,
            recommender=other,
            recipient=rich.bernd,
            beneficiary=keep,
            on="2024-03-04",
            context="Messe",
        ),
        to_herself=add_recommendation(
            alice, recommender=rich.bernd, recipient=keep, beneficiary=other, on="2024-03-05"
        ),
    )


def test_merge_re_points_favours_and_recommendations(
    world: World, rich: Rich, give_and_take: GiveAndTake
) -> None:
    g, keep = give_and_take, rich.keep
    result = merge_persons(world.alice, keep, rich.other)

    me = world.alice.me.pk
    g.lead.refresh_from_db()
    assert (g.lead.giver_id, g.lead.receiver_id, g.lead.value) == (keep.pk, me, Decimal(5000))
    g.feedback.refresh_from_db()
    assert g.feedback.receiver_id == keep.pk
    g.advice.refresh_from_db()
    assert (g.advice.recommender_id, g.advice.beneficiary_id) == (keep.pk, rich.bernd.pk)
    # The same tip recorded for each of the two is kept once, with what either said.
    assert not Favour.objects.filter(pk=g.same_tip.pk).exists()
    g.tip.refresh_from_db()
    assert g.tip.note == "Steuerberater in Köln" and g.tip.thanked_on == dt.date(2024, 2, 1)
    assert Favour.objects.filter(receiver=keep, kind="tip").count() == 1
    # The same recommendation too; the order won comes along.
    assert not Recommendation.objects.filter(pk=g.same_told.pk).exists()
    g.told.refresh_from_db()
    assert (g.told.outcome, g.told.won_value) == ("won", Decimal(3000))
    assert result["moved"]["favours"] == 2 and result["dropped"]["favours"] == 1
    assert result["moved"]["recommendations"] == 1
    assert result["dropped"]["recommendations"] == 1


def test_a_favour_between_the_two_and_a_triangle_naming_both_are_dropped_and_recorded(
    world: World, rich: Rich, give_and_take: GiveAndTake
) -> None:
    g, keep = give_and_take, rich.keep
    result = merge_persons(world.alice, keep, rich.other)

    assert not Favour.objects.filter(pk=g.between.pk).exists()
    for dropped in (g.herself, g.to_herself):
        assert not Recommendation.objects.filter(pk=dropped.pk).exists()
    # Nobody gives to themselves, no triangle names anyone twice.
    assert not Favour.objects.filter(giver=keep, receiver=keep).exists()
    assert result["dropped"][BETWEEN_THE_TWO] == 1
    assert result["dropped"][NAMED_TWICE] == 2
    merge = Merge.objects.get(pk=result["merge_id"])
    assert merge.dropped == result["dropped"]
    # What they said stays in keep's notes.
    keep.refresh_from_db()
    assert (
        "Favour between the two, dropped in the merge: 2024-01-05, help, "
        "from Anna Schmitt to Anna Schmidt, Umzug"
    ) in keep.notes
    assert (
        "Recommendation naming both, dropped in the merge: 2024-03-04, "
        "Anna Schmitt recommended Anna Schmidt to Bernd Braun, Messe"
    ) in keep.notes
    assert "Bernd Braun recommended Anna Schmitt to Anna Schmidt" in keep.notes
    assert keep.notes.startswith("Met at CeBIT.") and "notes" in result["filled"]
    assert counted(BETWEEN_THE_TWO, 1) == "1 favour between the two (kept in the notes)"


def test_a_dry_run_of_give_and_take_says_what_goes_and_changes_nothing(
    world: World, rich: Rich, give_and_take: GiveAndTake
) -> None:
    before = list(Favour.objects.values_list("pk", "giver_id", "receiver_id", "note"))
    plan = merge_persons(world.alice, rich.keep, rich.other, dry_run=True)
    assert plan["dropped"][BETWEEN_THE_TWO] == 1 and plan["dropped"][NAMED_TWICE] == 2
    assert list(Favour.objects.values_list("pk", "giver_id", "receiver_id", "note")) == before
    assert Recommendation.objects.count() == 5
    rich.keep.refresh_from_db()
    assert "dropped in the merge" not in rich.keep.notes


def test_merging_a_duplicate_of_me_into_me_drops_the_favours_between_us(world: World) -> None:
    alice = world.alice
    twin = add_person(alice, "Alice Adler", PersonFields(emails=["alice@privat.example"]))
    bernd = add_person(alice, "Bernd Braun")
    add_favour(alice, giver=twin, receiver="me", kind="gift", on="2024-05-01", value="20 EUR")
    kept = add_favour(alice, giver=twin, receiver=bernd, kind="tip", on="2024-05-02")
    result = merge_persons(alice, "me", twin)
    assert result["dropped"] == {BETWEEN_THE_TWO: 1}
    kept.refresh_from_db()
    assert kept.giver_id == alice.me.pk
    alice.me.refresh_from_db()
    assert "2024-05-01, gift, from Alice Adler to Alice Adler, 20.00 EUR" in alice.me.notes


def test_the_merge_page_says_what_goes_into_the_notes(
    world: World, rich: Rich, give_and_take: GiveAndTake
) -> None:
    from django.test import Client

    browser = Client()
    browser.force_login(world.alice.user)
    page = browser.get(
        "/duplicates/merge/", {"keep": rich.keep.pk, "other": rich.other.pk}
    ).content.decode()
    noted = page.split("Cannot stay, written into the notes", 1)[1].split("</dd>", 1)[0]
    assert "1 favour between the two (kept in the notes)" in noted
    assert "2 recommendations naming both (kept in the notes)" in noted
    doubled = page.split("Already there, not doubled", 1)[1].split("</dd>", 1)[0]
    assert "between the two" not in doubled and "naming both" not in doubled


def test_merge_keeps_a_photo_and_keeps_keeps_own_over_the_others(world: World) -> None:
    from knoten.demo.pictures import tiny_png
    from knoten.people.models import PersonPhoto

    alice = world.alice
    red, blue = tiny_png((200, 0, 0)), tiny_png((0, 0, 200))

    def photo(person: Person, data: bytes) -> None:
        PersonPhoto.objects.create(
            network_id=alice.network_id, person=person, content_type="image/png", data=data
        )

    keep = add_person(alice, "Hanna Hell")
    other = add_person(alice, "Hanna Hell-Dunkel")
    photo(other, red)
    result = merge_persons(alice, keep.pk, other.pk)
    assert result["moved"]["photos"] == 1
    assert bytes(PersonPhoto.objects.get(person=keep).data) == red

    second = add_person(alice, "Hanna Hel")
    photo(second, blue)
    result = merge_persons(alice, keep.pk, second.pk)
    assert result["dropped"]["photos"] == 1
    assert bytes(PersonPhoto.objects.get(person=keep).data) == red
    assert PersonPhoto.objects.filter(network_id=alice.network_id).count() == 1
