"""Alice's contacts and mail: a small mbox as Thunderbird writes it, the same messages in
a Maildir, and an Outlook calendar export.

Alice (alice@adler.de) knows Anna Schmidt, Ben Braun and Jürgen Müller. Carla Neu
writes to her three times but is nobody in her network yet; a noreply address sends her
a notification.
"""

from __future__ import annotations

import mailbox
from dataclasses import dataclass
from pathlib import Path

import pytest

from knoten.people import persons
from knoten.people.contacts import add_contact
from knoten.people.models import Person
from tests.conftest import World

MESSAGES = [
    # 1: Anna to Alice.
    b"""From anna@acme.de Tue Mar 12 09:00:00 2024
Return-Path: <anna@acme.de>
Message-ID: <m1.4711@mail.acme.de>
Date: Tue, 12 Mar 2024 10:00:00 +0100
From: Anna Schmidt <Anna@ACME.de>
To: Alice Adler <alice@adler.de>
Subject: Angebot Q3
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hallo Alice,
anbei das Angebot.
Anna
""",
    # 2: Alice to Ben, Cc Anna; an RFC 2047 subject.
    b"""From alice@adler.de Thu Mar 14 16:30:00 2024
Message-ID: <m2.0815@adler.de>
Date: Thu, 14 Mar 2024 17:30:00 +0100
From: Alice Adler <alice@adler.de>
To: "Braun, Ben" <ben@braun-consult.de>
Cc: Anna Schmidt <anna@acme.de>
Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe_aus_M=C3=BCnchen?=
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Lieber Ben, sch=C3=B6ne Gr=C3=BC=C3=9Fe!
""",
    # 3: Carla, unknown, introduces herself.
    b"""From carla@startup.io Fri Mar 15 08:00:00 2024
Message-ID: <CAF+carla1@mail.gmail.com>
Date: Fri, 15 Mar 2024 09:00:00 +0100
From: Carla Neu <carla@startup.io>
To: alice@adler.de
Subject: Kennenlernen
Content-Type: text/plain; charset=utf-8

Hallo Frau Adler, wir haben uns auf der Messe gesehen.
""",
    # 4: a notification from a machine.
    b"""From noreply@xing.com Sat Mar 16 07:00:00 2024
Message-ID: <notif-99@xing.com>
Date: Sat, 16 Mar 2024 08:00:00 +0100
From: XING <noreply@xing.com>
To: alice@adler.de
Subject: Neue Kontaktanfrage
Content-Type: text/plain; charset=utf-8

Sie haben eine neue Kontaktanfrage.
""",
    # 5: Carla again, Jurgen in Cc; a body that must not be stored unless asked.
    b"""From carla@startup.io Wed Mar 20 11:00:00 2024
Message-ID: <CAF+carla2@mail.gmail.com>
Date: Wed, 20 Mar 2024 12:00:00 +0100
From: "Carla Neu (Startup IO)" <carla@startup.io>
To: Alice Adler <alice@adler.de>
Cc: =?iso-8859-1?q?J=FCrgen_M=FCller?= <juergen@mueller.de>
Subject: Re: Kennenlernen
Content-Type: text/plain; charset=utf-8

Vertraulich: unser Preis liegt bei 4.200 EUR pro Tag.
""",
    # 6: Alice answers Carla from California, late in the evening (22 March in Berlin).
    b"""From alice@adler.de Fri Mar 22 03:30:00 2024
Message-ID: <m6.1234@adler.de>
Date: Thu, 21 Mar 2024 20:30:00 -0700
From: Alice Adler <alice@adler.de>
To: Carla Neu <carla@startup.io>
Subject: Re: Kennenlernen
Content-Type: text/plain; charset=utf-8

Gerne, Carla!
""",
]


def write_mbox(path: Path, messages: list[bytes] = MESSAGES) -> Path:
    """An mbox file as Thunderbird writes it: each message after its 'From ' line."""
    path.write_bytes(b"\n".join(messages))
    return path


def write_maildir(path: Path, messages: list[bytes] = MESSAGES) -> Path:
    """A Maildir folder (cur, new, tmp) holding the messages, without their 'From ' lines."""
    box = mailbox.Maildir(path, create=True)
    for message in messages:
        box.add(message.split(b"\n", 1)[1])
    box.close()
    return path


CALENDAR = """BEGIN:VCALENDAR\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
VERSION:2.0\r
METHOD:PUBLISH\r
BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16011028T030000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010325T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:040000008200E00074C5B7101A82E00800000000A1B2C3D4\r
SUMMARY:Strategie-Workshop ACME\r
DTSTART;TZID=W. Europe Standard Time:20240305T090000\r
DTEND;TZID=W. Europe Standard Time:20240305T120000\r
LOCATION:ACME GmbH\\, Raum 4\r
ORGANIZER;CN=Alice Adler:mailto:alice@adler.de\r
ATTENDEE;CN=Anna Schmidt;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:anna@acme.de\r
ATTENDEE;CN=Ben Braun;ROLE=OPT-PARTICIPANT;PARTSTAT=DECLINED;RSVP=TRUE:mailto:ben@braun-consult.de\r
DTSTAMP:20240301T120000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:jourfixe-2024@adler.de\r
SUMMARY:Jour fixe\r
RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10\r
DTSTART:20240108T090000Z\r
DURATION:PT30M\r
ORGANIZER;CN=Alice Adler:MAILTO:alice@adler.de\r
ATTENDEE;CN=Jürgen Müller;PARTSTAT=ACCEPTED:mailto:Juergen@Mueller.de\r
DTSTAMP:20240101T120000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:jourfixe-2024@adler.de\r
RECURRENCE-ID:20240115T090000Z\r
SUMMARY:Jour fixe (verschoben)\r
DTSTART:20240116T090000Z\r
DURATION:PT30M\r
ORGANIZER;CN=Alice Adler:MAILTO:alice@adler.de\r
ATTENDEE;CN=Jürgen Müller;PARTSTAT=ACCEPTED:mailto:juergen@mueller.de\r
DTSTAMP:20240101T120000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:messe-2024@startup.io\r
SUMMARY:Hannover Messe\r
DTSTART;VALUE=DATE:20240422\r
DTEND;VALUE=DATE:20240423\r
ORGANIZER;CN=Carla Neu:mailto:carla@startup.io\r
ATTENDEE;CN=Alice Adler;PARTSTAT=ACCEPTED:mailto:alice@adler.de\r
DTSTAMP:20240301T120000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:future-2099@acme.de\r
SUMMARY:Jubiläum\r
DTSTART:20990101T100000Z\r
DTEND:20990101T110000Z\r
ATTENDEE;CN=Anna Schmidt:mailto:anna@acme.de\r
DTSTAMP:20240301T120000Z\r
END:VEVENT\r
END:VCALENDAR\r
""".encode()


@dataclass
class Contacts:
    anna: Person
    ben: Person
    juergen: Person


@pytest.fixture
def contacts(world: World) -> Contacts:
    alice = world.alice
    add_contact(alice, alice.me, "email", "alice@adler.de")
    anna = persons.add_person(
        alice, "Anna Schmidt", persons.PersonFields(emails=["anna@acme.de"], org="ACME GmbH")
    )
    ben = persons.add_person(
        alice, "Ben Braun", persons.PersonFields(emails=["ben@braun-consult.de"])
    )
    juergen = persons.add_person(
        alice, "Jürgen Müller", persons.PersonFields(emails=["work: juergen@mueller.de"])
    )
    return Contacts(anna=anna, ben=ben, juergen=juergen)


@pytest.fixture
def mbox(tmp_path: Path) -> Path:
    return write_mbox(tmp_path / "Inbox.mbox")
