"""The CSV readers: each export as the real programs write it, read into exact records."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.partial_dates import PartialDate
from knoten.imports.csv.dates import read_date
from knoten.imports.csv.formats import detect_csv_format
from knoten.imports.csv.mapping import parse_mapping
from knoten.imports.csv.reading import decode
from knoten.imports.csv.rows import read_csv
from knoten.people.records import (
    ContactRecord,
    RecordContact,
    RecordDate,
    RecordRelation,
)

DATA = Path(__file__).parent / "data"

MAPPING = (
    "Vorname=given_name,Nachname=family_name,E-Mail=email,Handy=mobile,Firma=organisation,"
    "Geburtstag=birthday,Kreis=groups,Bemerkung=note"
)


def read(name: str, mapping: dict[str, str] | None = None) -> tuple[list[ContactRecord], list[str]]:
    result = read_csv((DATA / name).read_bytes(), name, mapping=mapping)
    return result.records, [str(error) for error in result.errors]


def address(value: str, label: str, **parts: str) -> RecordContact:
    return RecordContact("address", value, label, **parts)


# --- detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("google.csv", "google"),
        ("google-legacy.csv", "google"),
        ("outlook.csv", "outlook"),
        ("outlook-de.csv", "outlook"),
        ("linkedin-Connections.csv", "linkedin"),
        ("xing.csv", "xing"),
        ("mapped.csv", "mapped"),
    ],
)
def test_each_export_is_recognised_from_its_header(name: str, expected: str) -> None:
    assert detect_csv_format(decode((DATA / name).read_bytes())) == expected


def test_linkedin_is_recognised_by_its_preamble_alone() -> None:
    text = 'Notes:\n"Some note, with commas"\n\nVorname,Nachname\nAnna,Schmidt\n'
    assert detect_csv_format(text) == "linkedin"


def test_an_empty_text_needs_a_mapping() -> None:
    assert detect_csv_format("") == "mapped"


# --- encodings and delimiters ----------------------------------------------------------


def test_encodings_are_read_from_the_bytes() -> None:
    text = "Vorname;Nachname\nJürgen;Weiß\n"
    assert decode(text.encode("utf-8")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode(text.encode("windows-1252")) == text
    assert decode(text.encode("utf-16")) == text
    # windows-1252's own letters (the euro sign, typographic quotes)
    assert decode("„Büro“ 5 €".encode("windows-1252")) == "„Büro“ 5 €"


def test_utf8_cut_inside_a_letter_is_still_utf8() -> None:
    # What a caller gets that reads the first bytes of a file to detect its format.
    data = "Vorname;Straße geschäftlich\nJürgen;Domstraße 1\nLö".encode()
    assert decode(data[:-1]) == "Vorname;Straße geschäftlich\nJürgen;Domstraße 1\nL"


def test_windows_1252_and_utf8_files_give_the_same_records() -> None:
    text = (
        "First Name,Last Name,E-mail Address,Company\r\n"
        "Jörg,Müller,jm@example.de,Müller & Söhne\r\n"
    )
    utf8 = read_csv(text.encode("utf-8"), "a.csv").records
    ansi = read_csv(text.encode("windows-1252"), "a.csv").records
    assert utf8 == ansi
    assert (utf8[0].given_name, utf8[0].organisation) == ("Jörg", "Müller & Söhne")


def test_semicolons_and_tabs_are_sniffed() -> None:
    for delimiter in (";", "\t"):
        text = delimiter.join(["Vorname", "Nachname", "E-Mail-Adresse"]) + "\n"
        text += delimiter.join(["Anna", "Schmidt, MBA", "anna@example.de"]) + "\n"
        (record,) = read_csv(text.encode(), "x.csv", format="outlook").records
        assert (record.given_name, record.family_name) == ("Anna", "Schmidt")
        assert record.name_suffix == "MBA"
        assert record.contacts == [RecordContact("email", "anna@example.de")]


# --- Google ----------------------------------------------------------------------------


def test_google_current_export() -> None:
    records, errors = read("google.csv")
    anna, juergen, kanzlei = records
    assert anna == ContactRecord(
        "google.csv",
        2,
        given_name="Anna",
        family_name="Schmidt",
        academic_title="Dr.",
        organisation="Muster GmbH",
        title="Leiterin Vertrieb",
        department="Vertrieb",
        contacts=[
            RecordContact("email", "anna.schmidt@muster.de", "work", preferred=True),
            RecordContact("email", "anna@schmidt-privat.de", "home"),
            RecordContact("phone", "+49 170 1234567", "mobile"),
            RecordContact("phone", "+49 30 1234560", "work"),
            RecordContact("phone", "+49 30 1234561", "work"),
            RecordContact("linkedin", "https://www.linkedin.com/in/anna-schmidt-muster", "profile"),
            address(
                "Hauptstr. 5, Hinterhaus, 10115 Berlin, Deutschland",
                "work",
                street="Hauptstr. 5, Hinterhaus",
                postal_code="10115",
                locality="Berlin",
                country="Deutschland",
            ),
        ],
        dates=[
            RecordDate("birthday", PartialDate(1980, 3, 14)),
            RecordDate("anniversary", PartialDate(2010, 6, 12)),
        ],
        related=[RecordRelation("Thomas Schmidt", "spouse")],
        groups=["Kunden"],
        note="Kennengelernt auf der CeBIT 2019.\nTrinkt nur Espresso.",
        extra=[("Mitgliedsnummer", "BVMW-4711")],
    )
    # Anna's note and address hold four line breaks: Jürgen starts on line 7.
    assert juergen == ContactRecord(
        "google.csv",
        7,
        given_name="Jürgen",
        family_name="Weiß",
        nickname="Jogi",
        contacts=[
            RecordContact("email", "juergen.weiss@example.org"),
            RecordContact("phone", "030 9876543", "home"),
            RecordContact("xing", "https://www.xing.com/profile/Juergen_Weiss7"),
        ],
        dates=[
            RecordDate("birthday", PartialDate(None, 7, 29)),
            RecordDate("custom", PartialDate(2015, 9, 1), "Firmenjubiläum"),
        ],
        groups=["Verein"],
        extra=[
            ("Phonetic First Name", "Juergen"),
            ("File As", "Weiß, Jürgen"),
            ("Photo", "https://lh3.googleusercontent.com/contacts/AIx4Zk9"),
        ],
        has_photo=True,
        photo_url="https://lh3.googleusercontent.com/contacts/AIx4Zk9",
    )
    assert kanzlei == ContactRecord(
        "google.csv",
        10,
        organisation="Kanzlei Meyer",
        contacts=[
            RecordContact("email", "info@kanzlei-meyer.de", "work"),
            address("20095 Hamburg", "work", postal_code="20095", locality="Hamburg"),
        ],
        groups=["Dienstleister"],
        extra=[("Address 1 - PO Box", "1234")],
    )
    assert errors == [
        "google.csv, line 8: has no name and no contact (e-mail, phone, profile)",
        "google.csv, line 9: Birthday: '31.02.1980' is not a date: "
        "day 31 does not exist in month 2",
    ]


def test_google_legacy_export() -> None:
    records, errors = read("google-legacy.csv")
    assert errors == []
    klaus, maria = records
    assert klaus == ContactRecord(
        "google-legacy.csv",
        2,
        full_name="Klaus Becker",
        given_name="Klaus",
        family_name="Becker",
        organisation="Becker & Partner",
        title="Geschäftsführer",
        contacts=[
            RecordContact("email", "klaus.becker@web.de", "home", preferred=True),
            RecordContact("phone", "0171 2345678", "mobile", preferred=True),
            RecordContact("phone", "+49 89 5551234", "work"),
            RecordContact("phone", "+49 89 5551200", "work"),
            RecordContact("website", "https://klausbecker.de", "blog"),
        ],
        dates=[RecordDate("birthday", PartialDate(1975, 11, 2))],
        # "* myContacts" is Google's own; "* Friends" is a group the user sees.
        groups=["Friends", "Golfclub"],
        extra=[("Hobby", "Segeln"), ("Organization 1 - Location", "München")],
    )
    assert (maria.line, maria.additional_names, maria.groups) == (3, "Theresia", [])


def test_google_labels_drop_only_the_system_labels() -> None:
    text = (
        "First Name,Labels\nAnna,* myContacts ::: * starred ::: Starred ::: Kunden ::: Messe 2024\n"
    )
    (record,) = read_csv(text.encode(), "g.csv").records
    assert record.groups == ["Kunden", "Messe 2024"]


# --- Outlook ---------------------------------------------------------------------------


def test_outlook_english_export_in_windows_1252() -> None:
    raw = (DATA / "outlook.csv").read_bytes()
    assert "Jörg".encode("windows-1252") in raw  # the file really is windows-1252
    records, errors = read("outlook.csv")
    joerg, sophie = records
    assert joerg == ContactRecord(
        "outlook.csv",
        2,
        given_name="Jörg",
        family_name="Müller",
        academic_title="Dr.",
        organisation="Müller & Söhne KG",
        department="Einkauf",
        title="Einkaufsleiter",
        contacts=[
            RecordContact("phone", "+49 211 123456", "work"),
            RecordContact("phone", "+49 172 9876543", "mobile"),
            RecordContact("email", "joerg.mueller@mueller-soehne.de"),
            RecordContact("website", "www.mueller-soehne.de"),
            address(
                "Königsallee 12, 40212 Düsseldorf, Deutschland",
                "work",
                street="Königsallee 12",
                postal_code="40212",
                locality="Düsseldorf",
                country="Deutschland",
            ),
        ],
        # "0/0/00" is Outlook's "no anniversary"
        dates=[RecordDate("birthday", PartialDate(1968, 3, 14))],
        related=[RecordRelation("Sabine Müller", "spouse")],
        groups=["Kunden", "Düsseldorf"],
        note="Trifft man auf der ProWein.",
        # Outlook's defaults (Priority Normal, Private False, Gender Unspecified …) and
        # derived columns go.
        extra=[("User 1", "Kundennr. 10234")],
    )
    assert sophie == ContactRecord(
        "outlook.csv",
        3,
        given_name="Sophie",
        family_name="Lefèvre",
        organisation="Atelier Lefèvre",
        contacts=[
            RecordContact("phone", "+33 1 42 00 00 00", "home"),
            RecordContact("email", "sophie@atelier-lefevre.fr"),
            address(
                "Rue de Rivoli 10, Appartement 4, 75001 Paris, Frankreich",
                "home",
                street="Rue de Rivoli 10, Appartement 4",
                postal_code="75001",
                locality="Paris",
                country="Frankreich",
            ),
        ],
        related=[RecordRelation("Léa", "child"), RecordRelation("Hugo", "child")],
    )
    # Sophie's street has a line break inside its quotes: Tom is on line 5.
    assert errors == [
        "outlook.csv, line 5: Birthday: '13/45/1980' is not a date: month 45 does not exist"
    ]


def test_outlook_german_export_with_semicolons() -> None:
    records, errors = read("outlook-de.csv")
    hans_peter, petra = records
    assert hans_peter == ContactRecord(
        "outlook-de.csv",
        2,
        given_name="Hans-Peter",
        family_name="von Bergen",
        academic_title="Prof. Dr.",
        organisation="Universität Heidelberg",
        department="Lehrstuhl für BWL",
        title="Lehrstuhlinhaber",
        contacts=[
            RecordContact("phone", "06221 540", "work"),
            RecordContact("phone", "0151 11122233", "mobile"),
            RecordContact("email", "hp.vonbergen@uni-heidelberg.de"),
            address(
                "Grabengasse 1, 69117 Heidelberg, Deutschland",
                "work",
                street="Grabengasse 1",
                postal_code="69117",
                locality="Heidelberg",
                country="Deutschland",
            ),
        ],
        dates=[RecordDate("birthday", PartialDate(1959, 3, 14))],
        groups=["Hochschule", "Mentoren"],
        note="Doktorvater von Anna.\nAntwortet nur auf Briefe.",
        gender="Männlich",
        extra=[("Anrede", "Herr")],
    )
    assert petra == ContactRecord(
        "outlook-de.csv",
        4,
        given_name="Petra",
        family_name="Schulz",
        organisation="Stadtwerke Köln",
        contacts=[
            RecordContact("phone", "0221 334455", "home"),
            RecordContact("email", "p.schulz@stadtwerke-koeln.de"),
        ],
        dates=[RecordDate("anniversary", PartialDate(2001, 6, 20))],
        extra=[("Anrede", "Frau"), ("Benutzer 1", "Ansprechpartnerin Energie")],
    )
    assert errors == ["outlook-de.csv, line 5: has 4 columns where the header has 50"]


def test_googles_outlook_csv_reads_as_outlook() -> None:
    text = (
        "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
        "E-mail Address,E-mail 2 Address,Home Phone,Mobile Phone,Job Title,Company,"
        "Personal Web Page,Web Page,Birthday,Categories,Notes\n"
        "Anna,,Schmidt,,,Anni,,,anna@example.de,,,+49 170 1234567,CFO,Muster GmbH,"
        "https://anna.example,https://www.linkedin.com/in/anna-s,1980-03-14,"
        "myContacts ::: Kunden,\n"
    )
    assert detect_csv_format(text) == "outlook"
    (anna,) = read_csv(text.encode(), "contacts.csv").records
    assert (anna.nickname, anna.title, anna.organisation) == ("Anni", "CFO", "Muster GmbH")
    assert anna.contacts == [
        RecordContact("email", "anna@example.de"),
        RecordContact("phone", "+49 170 1234567", "mobile"),
        RecordContact("website", "https://anna.example", "home"),
        RecordContact("linkedin", "https://www.linkedin.com/in/anna-s"),
    ]
    assert anna.groups == ["Kunden"]
    assert anna.dates == [RecordDate("birthday", PartialDate(1980, 3, 14))]


# --- LinkedIn --------------------------------------------------------------------------


def test_linkedin_connections_with_preamble_bom_and_crlf() -> None:
    raw = (DATA / "linkedin-Connections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNotes:\r\n")
    records, errors = read("linkedin-Connections.csv")
    anna, katrin, lukas = records
    # The preamble's three lines and the header come first.
    assert anna == ContactRecord(
        "linkedin-Connections.csv",
        5,
        given_name="Anna",
        family_name="Schmidt",
        organisation="Muster GmbH",
        title="Head of Sales DACH",
        contacts=[
            RecordContact("email", "anna.schmidt@muster.de"),
            RecordContact("linkedin", "https://www.linkedin.com/in/anna-schmidt-muster"),
        ],
        origin="LinkedIn",
        connected_on=PartialDate(2023, 3, 14),
        uid="https://www.linkedin.com/in/anna-schmidt-muster",
    )
    assert (katrin.line, katrin.academic_title, katrin.given_name) == (6, "Dr.", "Katrin")
    assert (katrin.family_name, katrin.name_suffix) == ("Vogel", "MBA")
    assert katrin.title == "Managing Partner, Strategy"
    assert katrin.connected_on == PartialDate(2019, 1, 2)
    assert (lukas.line, lukas.given_name, lukas.family_name) == (7, "Lukas", "Brandt")
    assert errors == [
        "linkedin-Connections.csv, line 8: Connected On: '31 Feb 2022' is not a date: "
        "day 31 does not exist in month 2",
        "linkedin-Connections.csv, line 9: has no name and no contact (e-mail, phone, profile)",
    ]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Lukas 👨\u200d💻", "Brandt", ("", "Lukas", "Brandt", "")),
        ("Marie", "Dubois 🇫🇷", ("", "Marie", "Dubois", "")),
        ("✈️ Tom", "Weber", ("", "Tom", "Weber", "")),
        ("Prof. Dr.-Ing. Klaus", "Meier", ("Prof. Dr.-Ing.", "Klaus", "Meier", "")),
        ("Dipl.-Kfm. Uwe", "Sander, CFA", ("Dipl.-Kfm.", "Uwe", "Sander", "CFA")),
        ("Jürgen", "Groß", ("", "Jürgen", "Groß", "")),
        ("J.", "Schulze", ("", "J.", "Schulze", "")),
    ],
)
def test_linkedin_names_lose_emoji_and_give_up_titles_and_suffixes(
    first: str, last: str, expected: tuple[str, str, str, str]
) -> None:
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        f'"{first}","{last}",https://www.linkedin.com/in/x,,,,14 Mar 2023\r\n'
    )
    (record,) = read_csv(text.encode(), "Connections.csv").records
    parts = (record.academic_title, record.given_name, record.family_name, record.name_suffix)
    assert parts == expected


# --- XING ------------------------------------------------------------------------------


def test_xing_export_in_windows_1252_with_semicolons() -> None:
    records, errors = read("xing.csv")
    claudia, stefan = records
    assert claudia == ContactRecord(
        "xing.csv",
        2,
        given_name="Claudia",
        family_name="Köhler",
        academic_title="Dr.",
        organisation="Köhler Steuerberatung",
        title="Steuerberaterin",
        contacts=[
            RecordContact("email", "c.koehler@koehler-stb.de", "work"),
            RecordContact("phone", "0221 4711 0", "work"),
            RecordContact("phone", "0170 4711000", "mobile"),
            RecordContact("xing", "https://www.xing.com/profile/Claudia_Koehler3"),
            address(
                "Domstraße 20, 50668 Köln, Deutschland",
                "work",
                street="Domstraße 20",
                postal_code="50668",
                locality="Köln",
                country="Deutschland",
            ),
        ],
        dates=[RecordDate("birthday", PartialDate(None, 3, 14))],
        groups=["Steuern", "Köln"],
        origin="XING",
        uid="https://www.xing.com/profile/Claudia_Koehler3",
        extra=[("Anrede", "Frau"), ("Branche", "Steuerberatung")],
    )
    assert stefan.contacts == [
        RecordContact("email", "stefan.gross@t-online.de", "home"),
        RecordContact("phone", "089 123456", "home"),
        RecordContact("xing", "https://www.xing.com/profile/Stefan_Gross12"),
    ]
    assert stefan.dates == [RecordDate("birthday", PartialDate(1972, 8, 30))]
    assert errors == ["xing.csv, line 4: Geburtstag: 'gestern' is not a date"]


def test_xing_export_with_english_headers_when_asked_for() -> None:
    text = (
        "Salutation,Title,First name,Last name,Company,Position,Business email,"
        "Mobile phone,Business street,Business zip code,Business city,XING profile,Tags\n"
        "Mr,Dr.,Stefan,Groß,Groß IT-Services GmbH,CEO,sg@gross-it.de,0170 1234567,"
        "Leopoldstr. 1,80802,München,https://www.xing.com/profile/Stefan_Gross12,IT\n"
    )
    assert detect_csv_format(text) == "xing"  # by its "XING profile" column
    (stefan,) = read_csv(text.encode(), "xing-en.csv", format="xing").records
    assert (stefan.academic_title, stefan.given_name, stefan.title) == ("Dr.", "Stefan", "CEO")
    assert stefan.contacts == [
        RecordContact("email", "sg@gross-it.de", "work"),
        RecordContact("phone", "0170 1234567", "mobile"),
        RecordContact("xing", "https://www.xing.com/profile/Stefan_Gross12"),
        address(
            "Leopoldstr. 1, 80802 München",
            "work",
            street="Leopoldstr. 1",
            postal_code="80802",
            locality="München",
        ),
    ]
    assert (stefan.groups, stefan.extra, stefan.origin) == (["IT"], [("Salutation", "Mr")], "XING")


# --- mapped ----------------------------------------------------------------------------


def test_mapped_csv() -> None:
    records, errors = read("mapped.csv", mapping=parse_mapping(MAPPING))
    sabine, frank = records
    assert sabine == ContactRecord(
        "mapped.csv",
        2,
        given_name="Sabine",
        family_name="Wolf",
        organisation="Wolf Immobilien",
        contacts=[
            RecordContact("email", "sabine.wolf@example.de"),
            RecordContact("phone", "0160 1234567", "mobile"),
        ],
        dates=[RecordDate("birthday", PartialDate(1975, 5, 12))],
        groups=["Rotary", "Kunden"],
        note="Kennt jeden in Bonn",
        extra=[("Mitglied seit", "2015")],  # not mapped: kept
    )
    assert frank == ContactRecord("mapped.csv", 3, given_name="Frank", family_name="Richter")
    assert errors == [
        "mapped.csv, line 4: has 3 columns where the header has 9",
        "mapped.csv, line 5: Geburtstag: '1985-13-01' is not a date: month 13 does not exist",
    ]


def test_mapped_csv_without_a_mapping_is_refused_naming_its_columns() -> None:
    with pytest.raises(InvalidInput) as raised:
        read("mapped.csv")
    assert raised.value.field == "format"
    assert raised.value.value == "mapped.csv"
    assert "is no Google, Outlook, LinkedIn or XING export" in raised.value.message
    assert "Vorname, Nachname, E-Mail, Handy" in raised.value.message


def test_a_mapping_naming_a_column_the_file_lacks_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        read("mapped.csv", mapping=parse_mapping("Vorname=given_name,Telefon=phone"))
    assert raised.value.field == "map"
    assert raised.value.value == "Telefon"
    assert "is not a column of mapped.csv" in raised.value.message


def test_a_mapping_overrides_a_known_exports_columns() -> None:
    mapping = parse_mapping("Branche=note,Anrede=ignore")
    (claudia, _stefan), _errors = read("xing.csv", mapping=mapping)
    assert claudia.note == "Steuerberatung"
    assert claudia.extra == []
    assert claudia.origin == "XING"


def test_parse_mapping() -> None:
    assert parse_mapping(" Vorname = given_name , E-Mail=EMAIL,Name, Vorname=full_name,") == {
        "Vorname": "given_name",
        "E-Mail": "email",
        "Name, Vorname": "full_name",
    }


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Vorname=vorname", "'vorname' is not a field to map to"),
        ("Vorname=given_name,Nachname", "'Nachname' is not COLUMN=FIELD"),
        ("=email", "'=email' is not COLUMN=FIELD"),
        ("Vorname=given_name,Vorname=nickname", "'Vorname' is mapped twice"),
        ("", "is empty"),
    ],
)
def test_bad_mappings_are_refused_naming_the_fault(text: str, named: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_mapping(text)
    assert named in raised.value.message


# --- files that are not whole --------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b";;;\n"])
def test_an_empty_file_is_one_error_on_line_1(content: bytes) -> None:
    result = read_csv(content, "leer.csv")
    assert result.records == []
    assert [str(error) for error in result.errors] == [
        "leer.csv, line 1: is empty: it has no header row"
    ]


def test_a_header_alone_reads_nothing_and_no_error() -> None:
    result = read_csv(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n", "c.csv"
    )
    assert (result.records, result.errors) == ([], [])


def test_blank_rows_and_trailing_delimiters_are_skipped() -> None:
    text = (
        "Vorname;Nachname;E-Mail-Adresse;;\r\n\r\n"
        "Anna;Schmidt;a@example.de;;\r\n;;;;\r\nBen;Bauer;;;\r\n"
    )
    result = read_csv(text.encode(), "x.csv", format="outlook")
    assert [(r.line, r.given_name) for r in result.records] == [(3, "Anna"), (5, "Ben")]
    assert result.errors == []


def test_broken_quoting_is_an_error_on_the_rows_line_and_the_rest_is_read() -> None:
    text = 'First Name,Last Name,Notes\nAnna,Adler,"zitiert"danach\nBen,Bauer,"offen\nCarl,Cho,x\n'
    result = read_csv(text.encode(), "q.csv", format="outlook")
    assert [str(error) for error in result.errors] == [
        "q.csv, line 2: has text after a closing quote (\"): ',' expected after '\"'",
        'q.csv, line 3: opens a quote (") that is never closed: the rest of the file is inside it',
    ]
    assert result.records == []


def test_a_quote_inside_an_unquoted_name_is_kept() -> None:
    text = 'First Name,Last Name,E-mail Address\nJohann "Hans",Schmidt,hs@example.de\n'
    (record,) = read_csv(text.encode(), "q.csv").records
    assert record.given_name == 'Johann "Hans"'


def test_a_value_under_a_column_without_a_name_is_kept() -> None:
    text = "First Name,Last Name,,E-mail Address\nAnna,Adler,VIP,a@example.de\n"
    (record,) = read_csv(text.encode(), "x.csv").records
    assert record.extra == [("column 3", "VIP")]


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(InvalidInput, match="is not a CSV format"):
        read_csv(b"a,b\n1,2\n", "x.csv", format="excel")


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-03-14", PartialDate(1980, 3, 14)),
        ("--03-14", PartialDate(None, 3, 14)),
        ("19800314", PartialDate(1980, 3, 14)),
        ("14.03.1980", PartialDate(1980, 3, 14)),
        ("14.3.", PartialDate(None, 3, 14)),
        ("3/14/1980", PartialDate(1980, 3, 14)),
        ("3/4/1980", PartialDate(1980, 3, 4)),  # Outlook's US order
        ("25/12/1980", PartialDate(1980, 12, 25)),  # a first number above 12 is the day
        ("3/14/68", PartialDate(1968, 3, 14)),
        ("14 Mar 2023", PartialDate(2023, 3, 14)),
        ("Mar 14, 2023", PartialDate(2023, 3, 14)),
        ("14. März 2023", PartialDate(2023, 3, 14)),
        ("14.03.1980 00:00:00", PartialDate(1980, 3, 14)),
        ("1980-03-14T00:00:00Z", PartialDate(1980, 3, 14)),
        ("0/0/00", None),
        ("1/0/00", None),
        ("0.0.00", None),
        ("1/1/4501", None),
    ],
)
def test_dates_as_the_exports_write_them(text: str, expected: PartialDate | None) -> None:
    assert read_date(text) == expected


@pytest.mark.parametrize(
    "text", ["gestern", "31.02.1980", "14 Foo 2023", "2023-13", "14.03.1980 10:30"]
)
def test_what_is_no_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        read_date(text)


# --- speed -----------------------------------------------------------------------------


def test_reading_stays_within_a_few_times_the_csv_modules_own_parse() -> None:
    """A guard against a slow path creeping in (the figures are in bench/, not here)."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for number in range(3000):
        lines.append(
            f"Anna{number},Schmidt,https://www.linkedin.com/in/anna-{number},,"
            f"Muster GmbH,Head of Sales,{1 + number % 28} Mar 2023"
        )
    data = "\r\n".join(lines).encode()

    def timed(run: Callable[[], object]) -> float:
        started = time.perf_counter()
        run()
        return time.perf_counter() - started

    # Alternating rounds, the best of each: others' load on the machine weighs on both.
    rounds = [
        (
            timed(lambda: list(csv.reader(io.StringIO(data.decode(), newline="")))),
            timed(lambda: read_csv(data, "c.csv")),
        )
        for _ in range(9)
    ]
    parse_only = min(parse for parse, _ in rounds)
    reading = min(read for _, read in rounds)
    assert len(read_csv(data, "c.csv").records) == 3000
    # Measured: 4–5× on a quiet machine, up to 10× under others' load; a slow path per
    # row (dateparser for each date, say) is far beyond 25×.
    assert reading < 25 * parse_only
