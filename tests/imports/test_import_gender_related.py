"""A file's gender and related persons become facts, not only imported properties."""

from __future__ import annotations

from knoten.core.models import Member
from knoten.imports.relations import gender_of
from knoten.imports.runs import import_file
from knoten.people.models import ImportedProperty, Person, Relationship
from knoten.people.persons import PersonFields, add_person
from tests.conftest import World


def vcard(*cards: tuple[str, ...], version: str = "4.0") -> bytes:
    lines: list[str] = []
    for card in cards:
        lines += ["BEGIN:VCARD", f"VERSION:{version}", *card, "END:VCARD"]
    return ("\r\n".join(lines) + "\r\n").encode()


def person(member: Member, given: str) -> Person:
    return Person.objects.get(network_id=member.network_id, given_name=given)


def test_the_words_files_use_for_gender() -> None:
    words = ("F", "weiblich", "Male", "männlich", "O", "U", "Unspecified", "", "sometimes")
    assert [gender_of(w) for w in words] == [
        "female",
        "female",
        "male",
        "male",
        "diverse",
        "",
        "",
        "",
        None,
    ]


def test_a_vcard_gender_becomes_the_persons_gender(member: Member) -> None:
    data = vcard(
        ("FN:Anna Roth", "N:Roth;Anna;;;", "GENDER:F"),
        ("FN:Kim Lee", "N:Lee;Kim;;;", "GENDER:O;non-binary"),
        ("FN:Uli Sand", "N:Sand;Uli;;;", "GENDER:U"),
    )
    import_file(member, data, "phone.vcf")
    assert person(member, "Anna").gender == "female"
    assert person(member, "Kim").gender == "diverse"
    assert person(member, "Uli").gender == ""
    # "U" (unknown) says nothing: it is not kept as a property either.
    assert not ImportedProperty.objects.filter(person=person(member, "Uli"), name="gender")


def test_a_gender_fills_an_existing_person_and_never_overwrites(member: Member) -> None:
    add_person(member, "Anna Roth", PersonFields(gender="male", emails=["anna@roth.example"]))
    add_person(member, "Bea Berg", PersonFields(emails=["bea@berg.example"]))
    data = vcard(
        ("FN:Anna Roth", "N:Roth;Anna;;;", "EMAIL:anna@roth.example", "GENDER:F"),
        ("FN:Bea Berg", "N:Berg;Bea;;;", "EMAIL:bea@berg.example", "GENDER:F"),
    )
    import_file(member, data, "phone.vcf")
    assert person(member, "Anna").gender == "male"
    assert person(member, "Bea").gender == "female"


def test_an_outlook_csv_gender_is_read(member: Member) -> None:
    text = "Vorname,Nachname,Geschlecht\r\nEva,Roth,Weiblich\r\nOtto,Berg,Nicht angegeben\r\n"
    import_file(member, text.encode("utf-8"), "outlook.csv", format="outlook")
    assert person(member, "Eva").gender == "female"
    assert person(member, "Otto").gender == ""


def test_a_related_person_the_network_knows_becomes_a_relationship(member: Member) -> None:
    add_person(member, "Eva Roth")
    data = vcard(
        (
            "FN:Jan Roth",
            "N:Roth;Jan;;;",
            "RELATED;TYPE=spouse;VALUE=text:Eva Roth",
            "RELATED;TYPE=child;VALUE=text:Mia Roth",
            "RELATED;TYPE=contact;VALUE=text:Nobody Known",
        ),
        ("FN:Mia Roth", "N:Roth;Mia;;;"),
    )
    import_file(member, data, "phone.vcf")
    jan, eva, mia = (person(member, name) for name in ("Jan", "Eva", "Mia"))
    found = {
        (r.from_person_id, r.kind, r.to_person_id)
        for r in Relationship.objects.filter(network_id=member.network_id)
    }
    # Eva is Jan's spouse (once); Mia, a person of the same file, is Jan's child.
    assert len(found) == 2
    assert (eva.pk, "spouse", jan.pk) in found or (jan.pk, "spouse", eva.pk) in found
    assert (jan.pk, "parent", mia.pk) in found
    # Whatever made no relationship is still kept as the file said it.
    kept = set(ImportedProperty.objects.filter(person=jan).values_list("name", "value"))
    assert ("related (contact)", "Nobody Known") in kept


def test_a_related_name_two_persons_answer_to_makes_no_relationship(member: Member) -> None:
    for _ in range(2):
        add_person(member, "Eva Roth")
    data = vcard(("FN:Jan Roth", "N:Roth;Jan;;;", "RELATED;TYPE=spouse;VALUE=text:Eva Roth"))
    import_file(member, data, "phone.vcf")
    assert not Relationship.objects.filter(network_id=member.network_id).exists()


def test_a_related_person_of_another_network_is_not_linked(world: World) -> None:
    member = world.alice
    add_person(world.bob, "Eva Roth")
    data = vcard(("FN:Jan Roth", "N:Roth;Jan;;;", "RELATED;TYPE=spouse;VALUE=text:Eva Roth"))
    import_file(member, data, "phone.vcf")
    assert not Relationship.objects.exists()


def test_an_address_contained_in_one_the_person_has_is_that_address(member: Member) -> None:
    full = (
        "FN:Jörg Müller",
        "N:Müller;Jörg;;;",
        "EMAIL:joerg@example.com",
        "ADR;TYPE=work:;;Königsallee 12;Düsseldorf;;40212;Deutschland",
    )
    import_file(member, vcard(full), "phone.vcf")
    # XING says only the city; another file a different street.
    city = ("FN:Jörg Müller", "N:Müller;Jörg;;;", "EMAIL:joerg@example.com", "ADR:;;;Düsseldorf;;;")
    import_file(member, vcard(city), "xing.vcf")
    joerg = person(member, "Jörg")
    assert joerg.contact_points.filter(kind="address").count() == 1
    moved = (*city[:3], "ADR:;;Kö 1;Düsseldorf;;;")
    import_file(member, vcard(moved), "other.vcf")
    assert joerg.contact_points.filter(kind="address").count() == 2
