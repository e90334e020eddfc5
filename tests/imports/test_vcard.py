"""The vCard reader: files as Apple Contacts, Outlook, Google and a 4.0 server write them.

The fixture files in ``data/`` are hand-written after real exports; each test states the
exact records (or errors) expected from them.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from knoten.core.partial_dates import PartialDate
from knoten.imports.vcard.reading import read_vcards
from knoten.people.records import (
    ContactRecord,
    ReadResult,
    RecordContact,
    RecordDate,
    RecordRelation,
)

DATA = Path(__file__).parent / "data"


def read(name: str) -> ReadResult:
    return read_vcards((DATA / name).read_bytes(), name)


def card(*lines: str, version: str = "3.0") -> bytes:
    """One vCard of ``lines`` (CRLF line ends, as the standard has them)."""
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""]
    return "\r\n".join(body).encode("utf-8")


def only(data: bytes) -> ContactRecord:
    result = read_vcards(data, "test.vcf")
    assert result.errors == []
    assert len(result.records) == 1
    return result.records[0]


def email(value: str, label: str = "", preferred: bool = False) -> RecordContact:
    return RecordContact("email", value, label, preferred)


def phone(value: str, label: str = "", preferred: bool = False) -> RecordContact:
    return RecordContact("phone", value, label, preferred)


def date(kind: str, year: int | None, month: int, day: int, label: str = "") -> RecordDate:
    return RecordDate(kind, PartialDate(year, month, day), label)


# --- the fixture files ----------------------------------------------------------------------


def test_apple_contacts_export() -> None:
    result = read("apple.vcf")
    assert result.errors == []
    weizsaecker, oeztuerk = result.records
    # The photo's base64, unfolded (the import decodes and checks it).
    assert weizsaecker.photo.startswith("/9j/4AAQSkZJRgABAQAASABIAADSoANZVAtRfxjraJsF2Je09oQ")
    assert " " not in weizsaecker.photo and "\n" not in weizsaecker.photo
    weizsaecker.photo = ""
    assert weizsaecker == ContactRecord(
        source="apple.vcf",
        line=1,
        full_name="Prof. Dr. Jürgen Maria von Weizsäcker",
        given_name="Jürgen",
        family_name="Weizsäcker",
        additional_names="Maria",
        name_particle="von",
        academic_title="Prof. Dr.",
        nickname="Jo",
        contacts=[
            # item1.X-ABLabel:Büro, the user's own label, belongs to item1.EMAIL.
            email("juergen.weizsaecker@ipt.example.de", "Büro", preferred=True),
            email("jmw@posteo.example.de", "home"),
            phone("+49 171 2345678", "mobile", preferred=True),
            phone("+49 241 8904-0", "main"),
            phone("+49 241 8904-198", "work fax"),
            RecordContact(
                "address",
                "Steinbachstraße 17, 52074 Aachen, Deutschland",
                "work",
                True,
                street="Steinbachstraße 17",
                postal_code="52074",
                locality="Aachen",
                country="Deutschland",
            ),
            # No country written: X-ABADR's code stands in for it.
            RecordContact(
                "address",
                "Rue de la Loi 42, 1000 Bruxelles, BE",
                "home",
                street="Rue de la Loi 42",
                postal_code="1000",
                locality="Bruxelles",
                country="BE",
            ),
            RecordContact("website", "https://www.ipt.example.de", "homepage", True),
            # X-SKYPE repeats the IMPP address and is not a second messenger.
            RecordContact("messenger", "skype:jmw.aachen", "Skype", True),
            RecordContact("linkedin", "https://www.linkedin.com/in/jmweizsaecker"),
        ],
        organisation="Fraunhofer-Institut für Produktionstechnik",
        department="Robotik und Automatisierung",
        title="Institutsleiter",
        dates=[
            date("anniversary", 1994, 6, 18),
            date("custom", 2015, 4, 13, "Hannover Messe"),
            date("birthday", 1961, 3, 27),
        ],
        related=[
            RecordRelation("Sabine von Weizsäcker", "spouse"),
            RecordRelation("Dr. Klaus Brenner", "assistant"),
        ],
        note=(
            "Kennen uns vom VDMA-Arbeitskreis Robotik.\nInteressiert an einer Kooperation, "
            "Thema Cobots; Ansprechpartner für Förderanträge."
        ),
        extra=[
            ("X-ABADR", "de"),  # the address had its country: the code is kept
            ("X-SOCIALPROFILE (twitter)", "https://twitter.com/jmw_robotik"),
            ("X-ABUID", "5D3B1A2E-7C4F-4E8B-9A61-2F0D8C1E3B77:ABPerson"),
        ],
        has_photo=True,
    )
    assert oeztuerk == ContactRecord(
        source="apple.vcf",
        line=44,
        full_name="Ayşe Öztürk",
        given_name="Ayşe",
        family_name="Öztürk",
        contacts=[
            phone("+49 176 55501234", "mobile", preferred=True),
            phone("+49 152 09876543", "mobile"),
            email("ayse@oeztuerk-partner.example.de", "work"),
        ],
        organisation="Öztürk & Partner Steuerberatung",
        # X-APPLE-OMIT-YEAR=1604: a birthday without its year.
        dates=[date("birthday", None, 11, 3)],
        extra=[
            ("X-PHONETIC-FIRST-NAME", "Ajsche"),
            ("X-ABShowAs", "COMPANY"),
            ("X-ABLabel", "Kanzlei"),  # a label whose group has nothing else
        ],
    )


def test_outlook_export_in_windows_1252_with_quoted_printable() -> None:
    raw = (DATA / "outlook.vcf").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture is what Outlook writes: ANSI, not UTF-8
    result = read("outlook.vcf")
    assert result.errors == []
    mueller, autohaus = result.records
    assert mueller.photo.startswith("/9j/4AAQSkZJRgABAQAASABIAAD")
    assert mueller.photo.endswith("/9k=")
    mueller.photo = ""
    assert mueller == ContactRecord(
        source="outlook.vcf",
        line=1,
        full_name="Dr. Hans-Jürgen Müller-Lüdenscheidt",
        given_name="Hans-Jürgen",
        family_name="Müller-Lüdenscheidt",
        academic_title="Dr.",
        contacts=[
            phone("+49 (211) 821-4711", "work"),
            phone("0211 5566778", "home"),
            phone("0172 3344556", "mobile"),
            phone("+49 (211) 821-4799", "work fax"),
            RecordContact(
                "address",
                "Höherweg 100, 40233 Düsseldorf, NRW, Deutschland",
                "work",
                True,
                street="Höherweg 100",
                postal_code="40233",
                locality="Düsseldorf",
                region="NRW",
                country="Deutschland",
            ),
            # QUOTED-PRINTABLE in ISO-8859-1, a line break in the street and a soft
            # line break in the middle of the country.
            RecordContact(
                "address",
                "Am Brückerbach 7, Hinterhaus, 40878 Ratingen, Deutschland",
                "home",
                street="Am Brückerbach 7\nHinterhaus",
                postal_code="40878",
                locality="Ratingen",
                country="Deutschland",
            ),
            RecordContact(
                "xing", "https://www.xing.com/profile/HansJuergen_MuellerLuedenscheidt", "work"
            ),
            email("hj.mueller@stadtwerke-example.de", preferred=True),
            email("hjm@t-online.example.de"),
            RecordContact("messenger", "hjm@im.example.de"),
        ],
        organisation="Stadtwerke Düsseldorf AG",
        department="Energiehandel",
        title="Abteilungsleiter",
        dates=[date("birthday", 1965, 8, 12), date("anniversary", 1992, 5, 15)],
        related=[RecordRelation("Gisela Müller-Lüdenscheidt", "spouse")],
        groups=["Geschäftspartner", "Energie"],
        # Soft line break inside "Smart-Meter", CRLF as =0D=0A, € as windows-1252's =80.
        note=(
            "Trifft man jedes Jahr auf der E-world in Essen. Gespräch über "
            "Smart-Meter-Rollout.\nAngebot bis 31.03. (ca. 12.000 €)."
        ),
        extra=[
            ("LABEL (work)", "Höherweg 100\nDüsseldorf, NRW 40233\nDeutschland"),
            ("X-MS-OL-DEFAULT-POSTAL-ADDRESS", "2"),
            (
                "X-MS-OL-DESIGN",
                '<card xmlns="http://schemas.microsoft.com/office/outlook/12/'
                'electronicbusinesscards" ver="1.0" layout="left" bgcolor="ffffff">'
                '<img xmlns="" align="tleft" area="32" use="photo"/><fld xmlns="" '
                'prop="name" align="left" dir="ltr" style="b" color="000000" size="10"/></card>',
            ),
        ],
        has_photo=True,  # the 2.1 base64 block up to its blank line
    )
    # After the photo's block: REV and END still belong to the first card, and the
    # second one starts where BEGIN:VCARD is in the file.
    assert autohaus == ContactRecord(
        source="outlook.vcf",
        line=40,
        full_name="Autohaus Schäfer GmbH",
        contacts=[
            phone("02102 123450", "work"),
            email("service@autohaus-schaefer.example.de", preferred=True),
        ],
        organisation="Autohaus Schäfer GmbH",
        extra=[("ROLE", "Werkstatt"), ("X-MS-OL-DEFAULT-POSTAL-ADDRESS", "0")],
    )


def test_google_contacts_export() -> None:
    result = read("google.vcf")
    assert result.errors == []
    schmidt, address_only = result.records
    assert schmidt == ContactRecord(
        source="google.vcf",
        line=1,
        full_name="Anna Schmidt",
        given_name="Anna",
        family_name="Schmidt",
        nickname="Anni",
        contacts=[
            email("anna.schmidt@beispiel-gmbh.example.de", "work"),
            email("anna.s@gmail.example.com", "home"),
            phone("+49 151 23456789", "mobile"),
            phone("089 1234567", "work"),
            RecordContact(
                "address",
                "Lindwurmstraße 12, 80337 München, Bayern, Deutschland",
                "home",
                street="Lindwurmstraße 12",
                postal_code="80337",
                locality="München",
                region="Bayern",
                country="Deutschland",
            ),
            # Google escapes the colon: https\://
            RecordContact(
                "linkedin", "https://www.linkedin.com/in/anna-schmidt-123456", "LinkedIn"
            ),
        ],
        organisation="Beispiel GmbH",
        title="Projektleiterin",
        dates=[date("birthday", None, 3, 14), date("custom", 2019, 5, 23, "Kennengelernt")],
        related=[RecordRelation("Tom Schmidt", "brother")],
        groups=["Barcamp", "Kunden"],
        note=(
            "Kennengelernt beim Barcamp Stuttgart. Sucht Kontakte im Maschinenbau; "
            "mag keine Telefonate am Montag."
        ),
        extra=[("CATEGORIES", "myContacts")],  # Google's group of everyone: no circle
    )
    # A contact Google knows only by an address: no name, but something to import.
    assert address_only == ContactRecord(
        source="google.vcf",
        line=24,
        contacts=[email("b.krause@example.org", "other")],
        extra=[("CATEGORIES", "myContacts")],
    )
    assert address_only.display_name == "b.krause@example.org"


def test_vcard_4() -> None:
    result = read("v4.vcf")
    assert result.errors == []
    assert result.records == [
        ContactRecord(
            source="v4.vcf",
            line=1,
            full_name="Dr. Clara de Vries",
            given_name="Clara",
            family_name="Vries",
            name_particle="de",
            academic_title="Dr.",
            contacts=[
                email("c.devries@hochschule.example.nl", "work", preferred=True),
                email("clara@devries.example", "home"),  # PREF=2 is not the preferred one
                phone("tel:+31-6-12345678", "mobile", preferred=True),
                phone("tel:+49-221-8275-0;ext=3312", "work"),
                # GEO="geo:50.9307,6.9513": a colon inside a quoted parameter.
                RecordContact(
                    "address",
                    "Claudiusstraße 1, 50678 Köln, Deutschland",
                    "work",
                    street="Claudiusstraße 1",
                    postal_code="50678",
                    locality="Köln",
                    country="Deutschland",
                ),
                RecordContact("messenger", "xmpp:clara@jabber.example.org", "Jabber", True),
                RecordContact("linkedin", "https://www.linkedin.com/in/claradevries"),
            ],
            dates=[date("birthday", None, 7, 29), date("anniversary", 2008, 6, 14)],
            related=[
                RecordRelation("Pieter de Vries", "spouse"),
                RecordRelation("urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af", "colleague"),
            ],
            groups=["Hochschule", "Mentoring"],
            note='Mentorin im Programm "Frauen in MINT". Antwortet schnell per Mail.',
            uid="urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
            gender="F",
            extra=[
                ("KIND", "individual"),
                ("LANG", "de"),
                ("TZ", "Europe/Berlin"),
            ],
        )
    ]


def test_broken_file_reads_the_good_card_and_names_the_bad_ones() -> None:
    result = read("broken.vcf")
    assert result.records == [
        ContactRecord(
            source="broken.vcf",
            line=1,
            full_name="Jonas Becker",
            given_name="Jonas",
            family_name="Becker",
            contacts=[email("jonas.becker@example.de")],
        )
    ]
    assert [(error.source, error.line, error.problem) for error in result.errors] == [
        ("broken.vcf", 7, "the vCard begun on line 7 has no END:VCARD"),
        (
            "broken.vcf",
            16,
            "BDAY '1978-02-30' is not a date (the vCard begun on line 12); "
            "use 1965-08-12, 19650812 or --08-12",
        ),
    ]
    assert str(result.errors[0]) == "broken.vcf, line 7: the vCard begun on line 7 has no END:VCARD"


# --- files that are no vCards, or only partly ---------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"\r\n\r\n", b"First Name,Last Name,E-mail Address\r\nAnna,Schmidt,anna@example.de\r\n"],
)
def test_no_vcard_at_all_is_one_error_at_line_1(data: bytes) -> None:
    result = read_vcards(data, "kontakte.csv")
    assert result.records == []
    assert [(error.line, error.problem) for error in result.errors] == [
        (1, "no vCard in this file (no line BEGIN:VCARD); is it a vCard?")
    ]


def test_card_without_end_at_the_end_of_the_file() -> None:
    data = card("FN:Jonas Becker") + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lena Wagner\r\n"
    result = read_vcards(data, "cut.vcf")
    assert [record.full_name for record in result.records] == ["Jonas Becker"]
    assert [(error.line, error.problem) for error in result.errors] == [
        (5, "the vCard begun on line 5 has no END:VCARD")
    ]


def test_text_outside_the_cards_is_named_and_the_cards_still_read() -> None:
    data = card("FN:Jonas Becker") + b"Seite 2 von 3\r\n-----\r\n" + card("FN:Lena Wagner")
    result = read_vcards(data, "pasted.vcf")
    assert [(record.line, record.full_name) for record in result.records] == [
        (1, "Jonas Becker"),
        (7, "Lena Wagner"),
    ]
    assert [(error.line, error.problem) for error in result.errors] == [
        (5, "lines 5–6: text outside any vCard (not between BEGIN:VCARD and END:VCARD)")
    ]


def test_card_with_neither_name_nor_contact_is_an_error() -> None:
    data = card("FN:Jonas Becker") + card("N:;;;;", "FN:", "NOTE:leer", "CATEGORIES:Kunden")
    result = read_vcards(data, "empty.vcf")
    assert [record.full_name for record in result.records] == ["Jonas Becker"]
    assert [(error.line, error.problem) for error in result.errors] == [
        (
            5,
            "the vCard begun on line 5 has neither a name nor any e-mail address, phone "
            "number, address or web address",
        )
    ]


def test_a_line_without_colon_is_an_error_naming_it() -> None:
    result = read_vcards(card("FN:Jonas Becker", "Das ist kein Feld"), "odd.vcf")
    assert result.records == []
    assert [(error.line, error.problem) for error in result.errors] == [
        (4, "'Das ist kein Feld' is not a vCard property (no colon)")
    ]


# --- encodings and the line level -----------------------------------------------------------


def test_utf8_with_bom() -> None:
    record = only(codecs.BOM_UTF8 + card("N:Weiß;Jürgen;;;", "FN:Jürgen Weiß"))
    assert (record.line, record.given_name, record.family_name) == (1, "Jürgen", "Weiß")


def test_utf16_with_bom() -> None:
    text = card("FN:Jürgen Weiß", "EMAIL:jw@example.de").decode("utf-8")
    record = only(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert record.full_name == "Jürgen Weiß"
    assert record.contacts == [email("jw@example.de")]


def test_windows_1252_file_without_charset_parameters() -> None:
    data = card("N:Größer;Björn;;;", "FN:Björn Größer", "NOTE:Preis 15 € netto", version="2.1")
    record = only(data.decode("utf-8").encode("cp1252"))
    assert (record.full_name, record.family_name) == ("Björn Größer", "Größer")
    assert record.note == "Preis 15 € netto"


def test_utf8_file_with_one_line_in_iso_8859_1() -> None:
    """Each line is read as UTF-8 where it is, else as windows-1252."""
    data = card("FN:Jürgen Weiß", version="2.1").replace(
        b"END:VCARD", "NOTE;CHARSET=ISO-8859-1:Gr\xfc\xdfe\r\nEND:VCARD".encode("latin-1")
    )
    record = only(data)
    assert (record.full_name, record.note) == ("Jürgen Weiß", "Grüße")


def test_folded_lines_with_space_or_tab_even_inside_the_parameters() -> None:
    record = only(
        card(
            "FN:Anna Sch",
            " midt",
            "EMAIL;TYPE=INTER",
            "\tNET;TYPE=WORK:anna@exa",
            " mple.de",
        )
    )
    assert record.full_name == "Anna Schmidt"
    assert record.contacts == [email("anna@example.de", "work")]


def test_quoted_printable_soft_breaks_keep_the_next_line_as_it_is() -> None:
    record = only(
        card(
            "FN:Anna Schmidt",
            "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Gr=C3=BC=C3=9Fe aus=",
            " M=C3=BCnchen=0D=0Aund Wien=3D",
            version="2.1",
        )
    )
    # The space after the soft break is text, not folding.
    assert record.note == "Grüße aus München\nund Wien="


def test_quoted_printable_without_charset_is_read_as_utf8_else_windows_1252() -> None:
    utf8 = only(card("FN;QUOTED-PRINTABLE:J=C3=BCrgen", version="2.1"))
    ansi = only(card("FN;QUOTED-PRINTABLE:J=FCrgen", version="2.1"))
    assert utf8.full_name == ansi.full_name == "Jürgen"


def test_quoted_printable_ending_in_equals_sign_before_end() -> None:
    """A soft line break at the end of the last value does not swallow END:VCARD."""
    result = read_vcards(card("FN;ENCODING=QUOTED-PRINTABLE:Anna Schmidt=", version="2.1"), "x")
    assert [record.full_name for record in result.records] == ["Anna Schmidt"]
    assert result.errors == []


def test_line_numbers_count_physical_lines() -> None:
    data = (
        card("FN:Anna", "NOTE:lang", " er Text", " noch mehr")
        + card("FN;ENCODING=QUOTED-PRINTABLE:Bj=", "=C3=B6rn", version="2.1")
        + b"\r\n"
        + card("FN:Clara")
    )
    result = read_vcards(data, "x")
    assert [(record.line, record.full_name) for record in result.records] == [
        (1, "Anna"),
        (8, "Björn"),
        (14, "Clara"),
    ]


def test_unix_and_old_mac_line_ends() -> None:
    unix = card("FN:Anna", "EMAIL:anna@example.de").replace(b"\r\n", b"\n")
    mac = card("FN:Anna", "EMAIL:anna@example.de").replace(b"\r\n", b"\r")
    assert only(unix) == only(mac)
    assert only(unix).contacts == [email("anna@example.de")]


def test_escapes_in_3_0_and_literal_backslashes_in_2_1() -> None:
    modern = only(card("FN:Anna", r"NOTE:Pfad C:\\Daten\, Zeile\nzwei\; Ende"))
    assert modern.note == "Pfad C:\\Daten, Zeile\nzwei; Ende"
    old = only(card("FN:Anna", r"NOTE:Pfad C:\Daten\neu", version="2.1"))
    assert old.note == r"Pfad C:\Daten\neu"


def test_structured_values_split_only_on_unescaped_separators() -> None:
    record = only(
        card(
            r"N:Müller\;Meier;Anna;;;",
            r"ORG:Müller\, Meier & Co. KG;Einkauf;Region Süd",
            r"CATEGORIES:Verbände\, Vereine,Kunden",
            r"ADR;TYPE=WORK:Postfach 12 34;c/o Einkauf;Hafenstr. 3\, Halle 2;Hamburg;;20457;",
        )
    )
    assert record.family_name == "Müller;Meier"
    assert (record.organisation, record.department) == (
        "Müller, Meier & Co. KG",
        "Einkauf, Region Süd",
    )
    assert record.groups == ["Verbände, Vereine", "Kunden"]
    assert record.contacts == [
        RecordContact(
            "address",
            "Hafenstr. 3, Halle 2, c/o Einkauf, Postfach 12 34, 20457 Hamburg",
            "work",
            street="Hafenstr. 3, Halle 2, c/o Einkauf, Postfach 12 34",
            postal_code="20457",
            locality="Hamburg",
        )
    ]


def test_base64_photo_in_2_1_without_indentation() -> None:
    record = only(
        card(
            "FN:Anna",
            "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEAYABgAAD",
            "2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEx8dGh8e==",
            "",
            "TEL;CELL:0170 1234567",
            version="2.1",
        )
    )
    assert record.has_photo is True
    assert record.contacts == [phone("0170 1234567", "mobile")]
    assert record.extra == []


def test_nested_agent_of_2_1_is_kept_whole() -> None:
    record = only(
        card(
            "FN:Anna Schmidt",
            "AGENT:",
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Petra Lang",
            "TEL:+49 30 1234567",
            "END:VCARD",
            "EMAIL:anna@example.de",
            version="2.1",
        )
    )
    assert record.full_name == "Anna Schmidt"
    assert record.contacts == [email("anna@example.de")]
    assert record.extra == [
        ("AGENT", "BEGIN:VCARD\nVERSION:2.1\nFN:Petra Lang\nTEL:+49 30 1234567\nEND:VCARD")
    ]


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected", "extra"),
    [
        ("van der Berg;Jan;;;", ("Jan", "van der", "Berg", ""), []),
        ("Van Dyke;Dick;;;", ("Dick", "", "Van Dyke", ""), []),  # capitalised: part of it
        ("zu Guttenberg;Karl-Theodor;;Dr.;", ("Karl-Theodor", "zu", "Guttenberg", "Dr."), []),
        ("Weber;Eva;;Herr Dr. med.;", ("Eva", "", "Weber", "Dr. med."), [("N-PREFIX", "Herr")]),
        ("Smith;John;;Rev.;", ("John", "", "Smith", ""), [("N-PREFIX", "Rev.")]),
        ("von;Anna;;;", ("Anna", "", "von", ""), []),  # one word stays the family name
    ],
)
def test_name_parts(
    n: str, expected: tuple[str, str, str, str], extra: list[tuple[str, str]]
) -> None:
    record = only(card(f"N:{n}", "FN:x"))
    parts = (record.given_name, record.name_particle, record.family_name, record.academic_title)
    assert parts == expected
    assert record.extra == extra


def test_additional_names_suffix_and_several_nicknames() -> None:
    record = only(card("N:Schulz;Peter;Johann,Georg;;MBA", "FN:Peter Schulz", "NICKNAME:Pit,PJ"))
    assert record.additional_names == "Johann Georg"
    assert record.name_suffix == "MBA"
    assert record.nickname == "Pit, PJ"


def test_second_of_a_single_valued_property_is_kept_in_extra() -> None:
    record = only(
        card(
            "FN:Anna",
            "ORG:Beispiel GmbH",
            "ORG:Verein e.V.;Vorstand",
            "TITLE:CTO",
            "TITLE:Vorsitzende",
        )
    )
    assert (record.organisation, record.title) == ("Beispiel GmbH", "CTO")
    assert record.extra == [("ORG", "Verein e.V.;Vorstand"), ("TITLE", "Vorsitzende")]


# --- contacts, labels, preferred --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label", "preferred"),
    [
        ("TEL;WORK;VOICE:1", "work", False),
        ("TEL;HOME;FAX:1", "home fax", False),
        ("TEL;FAX;WORK:1", "work fax", False),
        ("TEL;TYPE=CELL,VOICE,PREF:1", "mobile", True),
        ("TEL;TYPE=PAGER:1", "pager", False),
        ("TEL;PREF;CAR:1", "car", True),
        ("TEL;TYPE=x-custom;TYPE=work:1", "work", False),
        ("TEL;PREF=1:1", "", True),
        ("TEL;PREF=2;TYPE=home:1", "home", False),
        ('TEL;TYPE="home,voice":1', "home", False),
        ("TEL;type=IPHONE;type=CELL;type=VOICE:1", "mobile", False),
    ],
)
def test_phone_labels_and_preferred(line: str, label: str, preferred: bool) -> None:
    assert only(card("FN:Anna", line)).contacts == [phone("1", label, preferred)]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("_$!<Mobile>!$_", "mobile"),
        ("_$!<HomeFAX>!$_", "home fax"),
        ("_$!<WorkFAX>!$_", "work fax"),
        ("_$!<Other>!$_", "other"),
        ("Handy privat", "Handy privat"),
    ],
)
def test_apple_labels(label: str, expected: str) -> None:
    record = only(card("FN:Anna", "item1.TEL;type=pref:1", f"item1.X-ABLabel:{label}"))
    assert record.contacts == [phone("1", expected, preferred=True)]
    assert record.extra == []


def test_apple_label_belongs_only_to_its_own_group() -> None:
    record = only(
        card(
            "FN:Anna",
            "item2.EMAIL;type=INTERNET:a@example.de",
            "item1.EMAIL;type=INTERNET;type=HOME:b@example.de",
            "item1.X-ABLabel:Verein",
            "item2.X-ABLabel:Büro",
            "EMAIL;type=INTERNET;type=WORK:c@example.de",
        )
    )
    assert record.contacts == [
        email("a@example.de", "Büro"),
        email("b@example.de", "Verein"),
        email("c@example.de", "work"),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("URL:https://www.linkedin.com/in/anna-schmidt", "linkedin"),
        ("URL:http://de.linkedin.com/pub/anna-schmidt/1/2/3", "linkedin"),
        ("URL:https://www.xing.com/profile/Anna_Schmidt", "xing"),
        ("URL:www.xing.com/profile/Anna_Schmidt", "xing"),
        ("URL:https://www.beispiel.de", "website"),
        ("URL:https://notlinkedin.com.example.org/in/x", "website"),
    ],
)
def test_url_kinds(line: str, kind: str) -> None:
    (contact,) = only(card("FN:Anna", line)).contacts
    assert contact.kind == kind


def test_messengers() -> None:
    record = only(
        card(
            "FN:Anna",
            "IMPP;X-SERVICE-TYPE=Signal:sgnl://+491701234567",
            "IMPP:xmpp:anna@jabber.example.org",
            "X-JABBER;type=HOME:anna@jabber.example.org",  # the same as the IMPP above
            "X-AIM:anna1980",
            "X-SKYPE-USERNAME:anna.schmidt",
            "X-ICQ;type=pref:123456789",
        )
    )
    assert record.contacts == [
        RecordContact("messenger", "sgnl://+491701234567", "Signal"),
        RecordContact("messenger", "xmpp:anna@jabber.example.org", "Jabber"),
        RecordContact("messenger", "anna1980", "AIM"),
        RecordContact("messenger", "anna.schmidt", "Skype"),
        RecordContact("messenger", "123456789", "ICQ", True),
    ]


def test_empty_values_are_no_contacts() -> None:
    record = only(card("FN:Anna", "EMAIL;INTERNET:", "TEL;CELL: ", "ADR;HOME:;;;;;;", "URL:"))
    assert record.contacts == []


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1965-08-12", PartialDate(1965, 8, 12)),
        ("19650812", PartialDate(1965, 8, 12)),
        ("--0729", PartialDate(None, 7, 29)),
        ("--07-29", PartialDate(None, 7, 29)),
        ("1965-08-12T00:00:00Z", PartialDate(1965, 8, 12)),
        ("19650812T000000", PartialDate(1965, 8, 12)),
        ("1965-08", PartialDate(1965, 8)),
        ("1965", PartialDate(1965)),
        ("--0229", PartialDate(None, 2, 29)),
        ("12.08.1965", PartialDate(1965, 8, 12)),
    ],
)
def test_birthday_forms(value: str, expected: PartialDate) -> None:
    record = only(card("FN:Anna", f"BDAY:{value}"))
    assert record.dates == [RecordDate("birthday", expected)]


@pytest.mark.parametrize(
    "line",
    ["ANNIVERSARY:20010915", "X-ANNIVERSARY:2001-09-15", "X-EVOLUTION-ANNIVERSARY:2001-09-15"],
)
def test_anniversary_names(line: str) -> None:
    record = only(card("FN:Anna", line))
    assert record.dates == [RecordDate("anniversary", PartialDate(2001, 9, 15))]


@pytest.mark.parametrize("value", ["unbekannt", "1965-13-01", "--1301", "12/08/65"])
def test_a_birthday_that_is_no_date_is_an_error_on_its_line(value: str) -> None:
    result = read_vcards(card("FN:Anna", "EMAIL:a@example.de", f"BDAY:{value}"), "x.vcf")
    assert result.records == []
    assert [(error.line, error.problem) for error in result.errors] == [
        (
            5,
            f"BDAY {value!r} is not a date (the vCard begun on line 1); "
            "use 1965-08-12, 19650812 or --08-12",
        )
    ]


def test_a_text_birthday_of_4_0_is_kept_not_refused() -> None:
    record = only(card("FN:Anna", "BDAY;VALUE=text:circa 1800", version="4.0"))
    assert record.dates == []
    assert record.extra == [("BDAY", "circa 1800")]


def test_apple_dates_with_and_without_year() -> None:
    record = only(
        card(
            "FN:Anna",
            "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15",
            "BDAY;X-APPLE-OMIT-YEAR=1604:1984-03-15",  # a year that is not the omitted one
            "item1.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-06-01",
            "item1.X-ABLabel:_$!<Other>!$_",
        )
    )
    assert record.dates == [
        date("birthday", None, 3, 15),
        date("birthday", 1984, 3, 15),
        date("custom", None, 6, 1, "other"),
    ]


# --- relations, groups, photo, the rest -------------------------------------------------------


def test_relations_from_every_dialect() -> None:
    record = only(
        card(
            "FN:Anna",
            "RELATED;TYPE=spouse;VALUE=text:Tom Schmidt",
            "RELATED;TYPE=child,contact:urn:uuid:1b9f3f4e-3c5e-4c1a-9a55-2a41a7c0e001",
            "item1.X-ABRELATEDNAMES:Greta Schmidt",
            "item1.X-ABLabel:_$!<Mother>!$_",
            "item2.X-ABRELATEDNAMES:Onkel Heinz",
            "item2.X-ABLabel:Patenonkel",
            "X-MS-MANAGER:Dr. Ulrich Berger",
            "X-EVOLUTION-ASSISTANT:Jana Roth",
            version="4.0",
        )
    )
    assert record.related == [
        RecordRelation("Tom Schmidt", "spouse"),
        RecordRelation("urn:uuid:1b9f3f4e-3c5e-4c1a-9a55-2a41a7c0e001", "child contact"),
        RecordRelation("Greta Schmidt", "mother"),
        RecordRelation("Onkel Heinz", "Patenonkel"),
        RecordRelation("Dr. Ulrich Berger", "manager"),
        RecordRelation("Jana Roth", "assistant"),
    ]


def test_groups_are_deduplicated_and_notes_joined() -> None:
    record = only(
        card("FN:Anna", "CATEGORIES:Kunden,VDI", "CATEGORIES:VDI,Alumni", "NOTE:eins", "NOTE:zwei")
    )
    assert record.groups == ["Kunden", "VDI", "Alumni"]
    assert record.note == "eins\n\nzwei"


def test_photo_as_uri_or_data_and_other_binaries() -> None:
    record = only(
        card(
            "FN:Anna",
            "PHOTO;VALUE=uri:https://example.de/anna.jpg",
            "LOGO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
            "KEY;ENCODING=b;TYPE=PGP:mQENBFzW3XwBCAC7",
            "X-MS-CARDPICTURE;TYPE=JPEG;ENCODING=BASE64:/9j/4AAQSkZJRgABAQEAYABgAAD",
        )
    )
    assert record.has_photo is True
    assert record.extra == [
        ("PHOTO", "https://example.de/anna.jpg"),
        ("LOGO", "(binary data, 96 characters, not kept)"),
        ("KEY", "mQENBFzW3XwBCAC7"),
        ("X-MS-CARDPICTURE", "(binary data, 27 characters, not kept)"),
    ]
    data_uri = only(card("FN:Anna", "PHOTO:data:image/jpeg;base64,/9j/4AAQ", version="4.0"))
    assert (data_uri.has_photo, data_uri.extra) == (True, [])
    assert data_uri.photo == "data:image/jpeg;base64,/9j/4AAQ"
    assert (record.photo, record.photo_url) == ("", "https://example.de/anna.jpg")


def test_unknown_properties_are_kept_with_their_labels() -> None:
    record = only(
        card(
            "FN:Anna",
            "X-CUSTOM-FIELD:Wert mit Komma\\, und Semikolon\\;",
            "item1.X-VEREIN:TSV 1860",
            "item1.X-ABLabel:Sportverein",
            "X-SOCIALPROFILE;type=facebook;x-user=anna.s:x-apple:anna.s",
            "SOURCE:https://carddav.example.de/anna.vcf",
            "x-lower-case:klein",
        )
    )
    assert record.extra == [
        ("X-CUSTOM-FIELD", "Wert mit Komma, und Semikolon;"),
        ("X-VEREIN (Sportverein)", "TSV 1860"),
        ("X-SOCIALPROFILE (facebook)", "x-apple:anna.s"),
        ("SOURCE", "https://carddav.example.de/anna.vcf"),
        ("x-lower-case", "klein"),
    ]


def test_only_version_prodid_and_rev_are_left_out() -> None:
    record = only(
        card(
            "FN:Anna",
            "PRODID:-//Apple Inc.//macOS 14.0//EN",
            "REV:2024-01-01T00:00:00Z",
            version="4.0",
        )
    )
    assert record.extra == []


def test_a_uid_and_the_first_fn_win() -> None:
    record = only(card("UID:abc-123", "FN:Anna Schmidt", "FN:Anna S.", "UID:other"))
    assert (record.uid, record.full_name) == ("abc-123", "Anna Schmidt")
    assert record.extra == [("FN", "Anna S."), ("UID", "other")]


def test_lower_case_begin_and_end_and_property_names() -> None:
    data = b"begin:vcard\r\nversion:3.0\r\nfn:Anna\r\nemail;type=work:a@example.de\r\nend:vcard\r\n"
    record = only(data)
    assert record.full_name == "Anna"
    assert record.contacts == [email("a@example.de", "work")]


def test_many_cards_keep_their_order_and_lines() -> None:
    data = b"".join(
        card(f"FN:Person {index}", f"EMAIL:p{index}@example.de") for index in range(300)
    )
    result = read_vcards(data, "many.vcf")
    assert result.errors == []
    assert [record.line for record in result.records] == [1 + 5 * index for index in range(300)]
    assert result.records[299].full_name == "Person 299"


def test_apple_country_code_without_its_address_is_kept() -> None:
    record = only(card("FN:Anna", "item1.X-ABADR:at", "item2.X-ABADR:ch", "item2.ADR:;;;Zürich;;;"))
    assert record.contacts == [
        RecordContact("address", "Zürich, CH", locality="Zürich", country="CH")
    ]
    assert record.extra == [("X-ABADR", "at")]
