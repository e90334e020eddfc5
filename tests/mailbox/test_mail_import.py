"""Conversations from an mbox file and a Maildir folder, from headers only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knoten.core.errors import InvalidInput
from knoten.journal import conversations
from knoten.journal.models import Interaction, Participation
from knoten.mailbox import importing
from knoten.mailbox.models import SeenAddress, SeenMessage
from knoten.people import persons
from knoten.people.models import Person
from knoten.profiles import person as person_page
from tests.conftest import World
from tests.isolation_helpers import snapshot
from tests.mailbox.conftest import MESSAGES, Contacts, write_maildir, write_mbox


def _conversations(world: World) -> list[tuple[str, str, str, list[str]]]:
    rows = Interaction.objects.filter(network=world.alice.network).order_by("occurred_on", "pk")
    return [
        (
            i.occurred_on.isoformat(),
            i.kind,
            i.summary,
            sorted(p.person.full_name for p in i.participations.select_related("person")),
        )
        for i in rows
    ]


EXPECTED = [
    ("2024-03-12", "email", "Angebot Q3", ["Anna Schmidt"]),
    ("2024-03-14", "email", "Grüße aus München", ["Anna Schmidt", "Ben Braun"]),
    ("2024-03-20", "email", "Re: Kennenlernen", ["Jürgen Müller"]),
]


def test_each_message_with_a_known_person_becomes_an_email_conversation(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    report = importing.import_mail(world.alice, mbox)

    assert _conversations(world) == EXPECTED
    assert report.read == 6
    assert len(report.created) == 3
    # Carla twice (unknown), Carla answered by Alice, the noreply notification.
    assert report.without_known_person == 3
    assert report.skipped == []
    interaction = Interaction.objects.get(summary="Angebot Q3")
    assert interaction.author == world.alice
    assert interaction.private is False
    # The user is implied, never a participant, though she is in every From or To.
    assert not Participation.objects.filter(person=world.alice.me).exists()


def test_last_contact_follows_the_mail(world: World, contacts: Contacts, mbox: Path) -> None:
    importing.import_mail(world.alice, mbox)
    detail = person_page.person_detail(world.alice, contacts.juergen)
    dates = [entry["occurred_on"] for entry in detail["interactions"]["items"]]
    assert dates[0] == "2024-03-20"


def test_the_same_mailbox_again_creates_nothing(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    importing.import_mail(world.alice, mbox)
    counts = dict(SeenAddress.objects.values_list("address", "messages"))
    again = importing.import_mail(world.alice, mbox)

    assert again.created == []
    assert again.already_seen == 6
    assert Interaction.objects.count() == 3
    assert SeenMessage.objects.count() == 6
    # Addresses are counted once per message, however often it is read.
    assert dict(SeenAddress.objects.values_list("address", "messages")) == counts
    assert counts["carla@startup.io"] == 3


def test_a_message_in_two_folders_is_taken_in_once(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    # The same message in the Inbox and in an archive, both in one mbox (same Message-ID).
    path = write_mbox(tmp_path / "both.mbox", [MESSAGES[0], MESSAGES[0], MESSAGES[1]])
    report = importing.import_mail(world.alice, path)
    assert len(report.created) == 2
    assert report.already_seen == 1


def test_a_maildir_gives_the_same_conversations(
    world: World, contacts: Contacts, tmp_path: Path, mbox: Path
) -> None:
    folder = write_maildir(tmp_path / "Maildir")
    report = importing.import_mail(world.alice, folder)
    assert _conversations(world) == EXPECTED
    assert report.read == 6
    # The mbox of the same messages adds nothing: the Message-IDs are known.
    assert importing.import_mail(world.alice, mbox).created == []


def test_bodies_are_not_stored_unless_asked(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    plain = write_mbox(tmp_path / "plain.mbox", [MESSAGES[4]])
    importing.import_mail(world.alice, plain)
    assert Interaction.objects.get().summary == "Re: Kennenlernen"
    assert not Interaction.objects.filter(summary__contains="4.200").exists()

    other = world.bob
    persons.add_person(other, "Jürgen Müller", persons.PersonFields(emails=["juergen@mueller.de"]))
    report = importing.import_mail(other, plain, bodies=True)
    summary = Interaction.objects.get(network=other.network).summary
    assert summary == ("Re: Kennenlernen\n\nVertraulich: unser Preis liegt bei 4.200 EUR pro Tag.")
    assert report.created[0].summary == summary


def test_bodies_are_cut_to_500_characters(world: World, tmp_path: Path) -> None:
    persons.add_person(world.alice, "Anna Schmidt", persons.PersonFields(emails=["anna@acme.de"]))
    long_text = ("Wort " * 300).encode()
    message = MESSAGES[0].split(b"\n\n", 1)[0] + b"\n\n" + long_text + b"\n"
    importing.import_mail(world.alice, write_mbox(tmp_path / "long.mbox", [message]), bodies=True)
    summary = Interaction.objects.get().summary
    subject, body = summary.split("\n\n", 1)
    assert subject == "Angebot Q3"
    assert len(body) == 500
    assert body.startswith("Wort Wort")


def test_the_day_is_the_local_day_of_the_date_header(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    persons.add_person(world.alice, "Carla Neu", persons.PersonFields(emails=["carla@startup.io"]))
    # Sent at 20:30 in California on 21 March: 04:30 on 22 March in Berlin.
    importing.import_mail(world.alice, write_mbox(tmp_path / "late.mbox", [MESSAGES[5]]))
    assert Interaction.objects.get().occurred_on == dt.date(2024, 3, 22)


def test_a_message_without_a_date_header_takes_the_mbox_from_line(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    message = MESSAGES[0].replace(b"Date: Tue, 12 Mar 2024 10:00:00 +0100\n", b"")
    message = message.replace(b"Tue Mar 12 09:00:00 2024", b"Mon Mar 11 09:00:00 2024")
    importing.import_mail(world.alice, write_mbox(tmp_path / "nodate.mbox", [message]))
    assert Interaction.objects.get().occurred_on == dt.date(2024, 3, 11)


def test_own_addresses_given_with_me_are_no_participants_and_not_counted(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    # Alice writes from her private address to Anna; she names it with --me.
    message = MESSAGES[1].replace(b"alice@adler.de", b"alice.adler@gmx.de")
    path = write_mbox(tmp_path / "private.mbox", [message])
    importing.import_mail(world.alice, path, me=["Alice.Adler@GMX.de"])
    assert not SeenAddress.objects.filter(address="alice.adler@gmx.de").exists()
    assert sorted(p.full_name for p in Interaction.objects.get().participants.all()) == [
        "Anna Schmidt",
        "Ben Braun",
    ]


def test_since_leaves_out_older_messages(world: World, contacts: Contacts, mbox: Path) -> None:
    report = importing.import_mail(world.alice, mbox, since="2024-03-14")
    assert [c[2] for c in _conversations(world)] == ["Grüße aus München", "Re: Kennenlernen"]
    assert report.before_since == 1
    # The older message is not remembered: a later run without --since takes it in.
    assert [c.summary for c in importing.import_mail(world.alice, mbox).created] == ["Angebot Q3"]


def test_a_message_with_nobody_known_is_taken_in_once_the_person_is_added(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    importing.import_mail(world.alice, mbox)
    persons.add_person(world.alice, "Carla Neu", persons.PersonFields(emails=["carla@startup.io"]))
    report = importing.import_mail(world.alice, mbox)

    assert [(c.day.isoformat(), c.caught_up) for c in report.created] == [
        ("2024-03-15", True),
        ("2024-03-22", True),
    ]
    # Message 5 already was a conversation (with Jürgen); Carla is not added to it.
    assert report.already_seen == 4
    assert Interaction.objects.filter(participations__person__family_name="Neu").count() == 2
    # And nothing is counted twice.
    assert SeenAddress.objects.get(address="carla@startup.io").messages == 3


def test_a_conversation_the_user_deleted_is_not_made_again(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    importing.import_mail(world.alice, mbox)
    first = Interaction.objects.get(summary="Angebot Q3")
    conversations.delete_interaction(world.alice, first.pk)
    assert importing.import_mail(world.alice, mbox).created == []
    assert not Interaction.objects.filter(summary="Angebot Q3").exists()


def test_a_dry_run_reports_and_changes_nothing(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    before = snapshot(world.alice.network)
    report = importing.import_mail(world.alice, mbox, dry_run=True)
    assert snapshot(world.alice.network) == before
    assert [(c.summary, c.interaction_id) for c in report.created] == [
        ("Angebot Q3", None),
        ("Grüße aus München", None),
        ("Re: Kennenlernen", None),
    ]
    assert [name for _, name in report.created[1].people] == ["Ben Braun", "Anna Schmidt"]
    # The real run afterwards makes exactly that.
    assert len(importing.import_mail(world.alice, mbox).created) == 3


def test_search_finds_the_imported_subjects(world: World, contacts: Contacts, mbox: Path) -> None:
    from knoten.search.query import search

    importing.import_mail(world.alice, mbox)
    found = search(world.alice, "Angebot")
    assert "Angebot Q3" in str(found)


def test_eight_bit_and_broken_headers_are_read_not_fatal(world: World, tmp_path: Path) -> None:
    persons.add_person(world.alice, "Anna Schmidt", persons.PersonFields(emails=["anna@acme.de"]))
    raw_utf8 = "Subject: Rückruf wegen Müller\n".encode()
    raw_latin1 = "Subject: Rückfrage Köln\n".encode("latin-1")
    messages = [
        MESSAGES[0].replace(b"Subject: Angebot Q3\n", raw_utf8),
        MESSAGES[0]
        .replace(b"<m1.4711@mail.acme.de>", b"<m1b@acme.de>")
        .replace(b"Subject: Angebot Q3\n", raw_latin1),
        # A Date no one can read, and no 'From ' line date either.
        MESSAGES[0]
        .replace(b"<m1.4711@mail.acme.de>", b"<m1c@acme.de>")
        .replace(b"Tue, 12 Mar 2024 10:00:00 +0100", b"gestern")
        .replace(b"Tue Mar 12 09:00:00 2024", b"-"),
    ]
    report = importing.import_mail(world.alice, write_mbox(tmp_path / "odd.mbox", messages))
    assert [c.summary for c in report.created] == ["Rückruf wegen Müller", "Rückfrage Köln"]
    assert [(x.where, x.reason) for x in report.skipped] == [
        ("message 3", "has no Date header that can be read")
    ]


def test_a_file_that_is_no_mbox_is_refused_and_changes_nothing(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Vorname,Nachname\nAnna,Schmidt\n")
    before = snapshot(world.alice.network)
    with pytest.raises(InvalidInput) as error:
        importing.import_mail(world.alice, path)
    assert error.value.field == "path"
    assert "is not an mbox file" in error.value.message
    assert str(path) in error.value.message
    assert snapshot(world.alice.network) == before


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p / "missing.mbox", "does not exist"),
        (lambda p: p, "is a folder but no Maildir"),
    ],
)
def test_a_path_that_is_neither_is_refused(
    world: World, tmp_path: Path, make: object, reason: str
) -> None:
    with pytest.raises(InvalidInput, match=reason):
        importing.import_mail(world.alice, make(tmp_path))  # type: ignore[operator]


def test_a_bad_since_is_refused_before_anything_is_read(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    before = snapshot(world.alice.network)
    with pytest.raises(InvalidInput) as error:
        importing.import_mail(world.alice, mbox, since="im Frühling irgendwann")
    assert error.value.field == "since"
    assert snapshot(world.alice.network) == before


def test_a_bad_me_address_is_refused(world: World, mbox: Path) -> None:
    with pytest.raises(InvalidInput, match="email: 'alice-at-home' is not a valid email"):
        importing.import_mail(world.alice, mbox, me=["alice-at-home"])
    assert not SeenMessage.objects.exists()


def test_a_message_dated_in_the_future_waits(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    message = MESSAGES[0].replace(b"Tue, 12 Mar 2024", b"Fri, 12 Mar 2100")
    report = importing.import_mail(world.alice, write_mbox(tmp_path / "future.mbox", [message]))
    assert report.created == []
    assert "in the future" in report.skipped[0].reason
    assert not SeenMessage.objects.exists()


def test_private_conversations_stay_with_their_author(
    world: World, contacts: Contacts, mbox: Path
) -> None:
    importing.import_mail(world.alice, mbox, private=True)
    assert set(Interaction.objects.values_list("private", flat=True)) == {True}


def test_the_same_address_on_two_persons_gives_both(
    world: World, contacts: Contacts, tmp_path: Path
) -> None:
    twin = persons.add_person(
        world.alice, "A. Schmidt", persons.PersonFields(emails=["anna@acme.de"])
    )
    importing.import_mail(world.alice, write_mbox(tmp_path / "one.mbox", [MESSAGES[0]]))
    assert set(Interaction.objects.get().participants.all()) == {contacts.anna, twin}
    assert Person.objects.filter(network=world.alice.network).count() == 5


def test_an_apple_mail_export_folder(world: World, contacts: Contacts, tmp_path: Path) -> None:
    # Apple Mail exports "Inbox.mbox" as a folder holding a file named "mbox".
    folder = tmp_path / "Inbox.mbox"
    folder.mkdir()
    write_mbox(folder / "mbox")
    (folder / "Info.plist").write_text("<plist/>")
    assert len(importing.import_mail(world.alice, folder).created) == 3


def test_since_in_words_and_in_the_future(world: World, contacts: Contacts, mbox: Path) -> None:
    # All the messages are from March 2024: more than three months ago.
    assert (
        importing.import_mail(world.alice, mbox, since="vor 3 Monaten", dry_run=True).before_since
        == 6
    )
    with pytest.raises(InvalidInput, match="in the future"):
        importing.import_mail(world.alice, mbox, since="2099-01-01")
