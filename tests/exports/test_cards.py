"""vCard 4.0 and Google-Contacts CSV: read back as the programs that import them would."""

from __future__ import annotations

import csv
import io

import pytest
import vobject

from knoten.exports import services
from knoten.exports.cards import escape, fold_line, person_uid
from tests.conftest import World
from tests.exports.conftest import Rich


def _cards(text: str) -> dict[str, vobject.base.Component]:
    return {card.fn.value: card for card in vobject.readComponents(text)}


def test_vcard_is_rfc6350_text_crlf_and_folded_at_75_octets(rich: Rich) -> None:
    text = services.export_vcard(rich.alice)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    # The long note with umlauts was folded, and each folded part is valid UTF-8.
    assert any(line.startswith(" ") for line in lines)
    for line in lines:
        line.encode("utf-8").decode("utf-8")


def test_vcard_read_back_by_vobject_has_the_right_values(rich: Rich) -> None:
    cards = _cards(services.export_vcard(rich.alice))
    assert set(cards) >= {"Prof. Dr. Jürgen Müller", "Anna Schmidt", "Xaver Quendolin"}
    juergen = cards["Prof. Dr. Jürgen Müller"]
    assert juergen.version.value == "4.0"
    assert juergen.n.value.family == "Müller"
    assert juergen.n.value.given == "Jürgen"
    assert juergen.n.value.prefix == "Prof. Dr."
    assert juergen.org.value == ["Fraunhofer IAO"]
    assert juergen.title.value == "Institutsleiter"
    assert juergen.bday.value == "--0314"
    assert juergen.anniversary.value == "--0621"
    emails = {e.value: e.params for e in juergen.contents["email"]}
    assert emails["j.mueller@iao.example"]["TYPE"] == ["work"]
    assert emails["j.mueller@iao.example"]["PREF"] == ["1"]
    assert emails["juergen@mueller.example"]["TYPE"] == ["home"]
    phones = {t.value: t.params.get("TYPE") for t in juergen.contents["tel"]}
    assert phones["+491712345678"] == ["cell"]
    assert phones["+497119702000"] == ["work"]
    adr = juergen.adr.value
    assert (adr.street, adr.code, adr.city) == ("Nobelstraße 12", "70569", "Stuttgart")
    assert juergen.url.value == "https://www.linkedin.com/in/juergen-mueller-iao"
    assert sorted(juergen.categories.value) == ["business partners", "clients"]
    # Commas and semicolons in the note came back unescaped.
    assert juergen.note.value == (
        "Mag kurze E-Mails; Assistenz: Frau Kern, Durchwahl -2001. "
        "Große Pläne für Förderprogramme in Süddeutschland, äußerst gründlich."
    )
    related = {(r.params["TYPE"][0], r.value) for r in juergen.contents["related"]}
    assert ("contact", "Anna Schmidt") in related  # Anna is his report
    anna = cards["Anna Schmidt"]
    assert anna.bday.value == "19800314"
    anna_related = {(r.params["TYPE"][0], r.value) for r in anna.contents["related"]}
    assert ("friend", "Alice Adler") in anna_related
    assert ("contact", "Prof. Dr. Jürgen Müller") in anna_related
    xaver = cards["Xaver Quendolin"]
    assert xaver.nickname.value == "Xavi"
    assert xaver.bday.value == "--1102"
    assert xaver.x_ablabel.value == "Golf"  # kept from the import
    clara = cards["Clara von Bülow"]
    assert clara.n.value.family == "von Bülow"
    assert ("sibling", "Alice Adler") in {
        (r.params["TYPE"][0], r.value) for r in clara.contents["related"]
    }


def test_uid_is_stable_and_differs_between_networks(rich: Rich) -> None:
    first = _cards(services.export_vcard(rich.alice))["Anna Schmidt"].uid.value
    second = _cards(services.export_vcard(rich.alice))["Anna Schmidt"].uid.value
    assert first == second == person_uid(rich.alice.network_id, rich.anna.pk)
    assert first.startswith("urn:uuid:")
    assert person_uid(rich.alice.network_id + 1, rich.anna.pk) != first


def test_a_circle_exports_only_its_people(rich: Rich) -> None:
    cards = _cards(services.export_vcard(rich.alice, circle="Kunden"))
    assert set(cards) == {"Prof. Dr. Jürgen Müller", "Xaver Quendolin"}


def test_escape_and_fold_by_the_rfc() -> None:
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "NOTE:" + "ü" * 60
    folded = fold_line(line).split("\r\n")
    assert [len(part.encode()) <= 75 for part in folded] == [True] * len(folded)
    assert folded[1].startswith(" ") and "".join(p.removeprefix(" ") for p in folded) == line


def test_csv_has_google_headers_and_one_row_per_person(rich: Rich) -> None:
    text = services.export_csv(rich.alice)
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    headers = list(rows[0].keys())
    assert headers[:3] == ["First Name", "Middle Name", "Last Name"]
    for header in (
        "Name Prefix",
        "Nickname",
        "Organization Name",
        "Organization Title",
        "Birthday",
        "Notes",
        "Labels",
        "E-mail 1 - Label",
        "E-mail 1 - Value",
        "E-mail 2 - Value",
        "Phone 1 - Label",
        "Phone 1 - Value",
        "Address 1 - Street",
        "Address 1 - Postal Code",
        "Website 1 - Value",
        "Relation 1 - Value",
        "Event 1 - Value",
    ):
        assert header in headers
    assert len(rows) == 6  # Alice, Dora, Jürgen, Anna, Xaver, Clara
    juergen = next(r for r in rows if r["Last Name"] == "Müller")
    assert juergen["First Name"] == "Jürgen" and juergen["Name Prefix"] == "Prof. Dr."
    assert juergen["Birthday"] == "--03-14"
    assert juergen["Labels"] == "* myContacts ::: business partners ::: clients"
    assert juergen["E-mail 1 - Label"] == "* Work"
    assert juergen["E-mail 1 - Value"] == "j.mueller@iao.example"
    assert juergen["Organization Name"] == "Fraunhofer IAO"
    anna = next(r for r in rows if r["Last Name"] == "Schmidt")
    assert anna["Birthday"] == "1980-03-14"
    clara = next(r for r in rows if r["First Name"] == "Clara")
    assert clara["Last Name"] == "von Bülow"


def test_the_cards_are_the_same_read_a_few_persons_at_a_time(
    rich: Rich, monkeypatch: pytest.MonkeyPatch
) -> None:
    from knoten.exports import cards

    whole_vcard, whole_csv = services.export_vcard(rich.alice), services.export_csv(rich.alice)
    monkeypatch.setattr(cards, "CHUNK", 2)
    assert services.export_vcard(rich.alice) == whole_vcard
    assert services.export_csv(rich.alice) == whole_csv


def test_a_photo_is_written_as_a_data_uri_and_read_back(rich: Rich) -> None:
    import base64

    from knoten.imports.runs import import_file
    from knoten.people.models import PersonPhoto
    from knoten.people.networks import create_network
    from tests.exports.conftest import XAVERS_PHOTO

    text = services.export_vcard(rich.alice)
    assert "photo" in _cards(text)["Xaver Quendolin"].contents
    assert "photo" not in _cards(text)["Anna Schmidt"].contents
    # A URI (RFC 6350 §6.2.4), folded like every long line.
    uri = "data:image/png;base64," + base64.b64encode(XAVERS_PHOTO).decode()
    assert f"PHOTO:{uri}\r\n" in text.replace("\r\n ", "")
    # Knoten's own reader takes it back in.
    erin = create_network("Erins Netzwerk", username="erin", me_name="Erin Ernst")
    import_file(erin, text.encode(), "knoten.vcf")
    photo = PersonPhoto.objects.get(network_id=erin.network_id)
    assert (photo.person.family_name, photo.content_type) == ("Quendolin", "image/png")
    assert bytes(photo.data) == XAVERS_PHOTO


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        # Numbers, phone numbers and Google's dates without a year call nothing: kept.
        ("-5", "-5"),
        ("+49 171 2345678", "+49 171 2345678"),
        ("--03-14", "--03-14"),
        ("Anna = Chefin", "Anna = Chefin"),
        ("", ""),
    ],
)
def test_a_csv_cell_that_a_spreadsheet_would_run_gets_a_quote(value: str, written: str) -> None:
    from knoten.exports.cards import csv_cell

    assert csv_cell(value) == written


def test_the_csv_export_writes_no_formula(rich: Rich) -> None:
    from knoten.people.models import Person

    Person.objects.filter(pk=rich.anna.pk).update(notes="=1+1")
    Person.objects.filter(pk=rich.xaver.pk).update(notes="@SUM(A1:A9)")
    rows = list(csv.DictReader(io.StringIO(services.export_csv(rich.alice))))
    anna = next(r for r in rows if r["Last Name"] == "Schmidt")
    assert anna["Notes"] == "'=1+1"
    xaver = next(r for r in rows if r["First Name"] == "Xaver")
    assert xaver["Notes"] == "'@SUM(A1:A9)"
    juergen = next(r for r in rows if r["Last Name"] == "Müller")
    assert juergen["Birthday"] == "--03-14"  # Google's own date form, untouched
    phones = [value for key, value in juergen.items() if key.startswith("Phone") and value]
    assert "+491712345678" in phones


def test_the_quoted_formulas_of_a_csv_export_come_back_as_they_were(
    rich: Rich, world: World
) -> None:
    from knoten.imports.runs import import_file
    from knoten.people.models import Person

    Person.objects.filter(pk=rich.anna.pk).update(notes="=1+1")
    Person.objects.filter(pk=rich.xaver.pk).update(notes="'quoted' as written")
    text = services.export_csv(rich.alice)
    assert "'=1+1" in text
    import_file(world.bob, text.encode(), "knoten.csv")
    bobs = Person.objects.filter(network=world.bob.network)
    assert bobs.get(family_name="Schmidt").notes == "=1+1"
    assert bobs.get(given_name="Xaver").notes == "'quoted' as written"
