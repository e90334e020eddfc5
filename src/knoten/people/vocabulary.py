"""The fixed vocabularies of the info base, with their English and German words.

Relationship kinds name each direction ("A is the boss of B", "B is a report of A").
A kind can be given in English or German, with spaces or hyphens, in either direction:
``business partner``, ``Geschäftspartner``, ``report`` (which is ``boss`` reversed).
"""

from __future__ import annotations

from dataclasses import dataclass

from knoten.core.errors import InvalidInput
from knoten.core.words import word_key, words


@dataclass(frozen=True)
class RelationshipKind:
    code: str
    forward: str  # A is <forward> of B
    reverse: str  # B is <reverse> of A
    forward_de: str
    reverse_de: str
    family: bool = False
    extra_words: tuple[str, ...] = ()

    @property
    def symmetric(self) -> bool:
        return self.forward == self.reverse


RELATIONSHIP_KINDS: tuple[RelationshipKind, ...] = (
    RelationshipKind(
        "boss",
        "boss",
        "report",
        "Vorgesetzte(r)",
        "Mitarbeiter(in)",
        extra_words=(
            "manager",
            "Chef",
            "Chefin",
            "Vorgesetzter",
            "Vorgesetzte",
            "Mitarbeiter",
            "Mitarbeiterin",
            "direct report",
        ),
    ),
    RelationshipKind(
        "mentor", "mentor", "mentee", "Mentor(in)", "Mentee", extra_words=("Mentorin",)
    ),
    RelationshipKind(
        "teacher",
        "teacher",
        "student",
        "Lehrer(in)",
        "Schüler(in)",
        extra_words=("Lehrer", "Lehrerin", "Schüler", "Schülerin", "pupil", "Professor", "Dozent"),
    ),
    RelationshipKind(
        "trainer",
        "trainer",
        "trainee",
        "Trainer(in)",
        "Teilnehmer(in)",
        extra_words=("Trainerin", "Teilnehmer", "Teilnehmerin", "coach"),
    ),
    RelationshipKind(
        "parent",
        "parent",
        "child",
        "Elternteil",
        "Kind",
        family=True,
        extra_words=(
            "Vater",
            "Mutter",
            "father",
            "mother",
            "Sohn",
            "Tochter",
            "son",
            "daughter",
            "Eltern",
        ),
    ),
    RelationshipKind(
        "client",
        "client",
        "supplier",
        "Kunde",
        "Lieferant",
        extra_words=(
            "customer",
            "Kundin",
            "Dienstleister",
            "vendor",
            "service provider",
            "Auftraggeber",
        ),
    ),
    RelationshipKind(
        "spouse",
        "spouse",
        "spouse",
        "Ehepartner(in)",
        "Ehepartner(in)",
        family=True,
        extra_words=(
            "Ehepartner",
            "Ehepartnerin",
            "Partner",
            "Partnerin",
            "husband",
            "wife",
            "Ehemann",
            "Ehefrau",
            "partner",
        ),
    ),
    RelationshipKind(
        "sibling",
        "sibling",
        "sibling",
        "Geschwister",
        "Geschwister",
        family=True,
        extra_words=("Bruder", "Schwester", "brother", "sister"),
    ),
    RelationshipKind(
        "relative",
        "relative",
        "relative",
        "Verwandte(r)",
        "Verwandte(r)",
        family=True,
        extra_words=(
            "Verwandter",
            "Verwandte",
            "cousin",
            "Cousine",
            "Onkel",
            "Tante",
            "uncle",
            "aunt",
        ),
    ),
    RelationshipKind(
        "colleague",
        "colleague",
        "colleague",
        "Kollege, Kollegin",
        "Kollege, Kollegin",
        extra_words=("Kollege", "Kollegin"),
    ),
    RelationshipKind(
        "former_colleague",
        "former colleague",
        "former colleague",
        "ehemalige(r) Kolleg(e/in)",
        "ehemalige(r) Kolleg(e/in)",
        extra_words=("ehemaliger Kollege", "ehemalige Kollegin", "Ex-Kollege", "ex colleague"),
    ),
    RelationshipKind(
        "business_partner",
        "business partner",
        "business partner",
        "Geschäftspartner(in)",
        "Geschäftspartner(in)",
        extra_words=("Geschäftspartner", "Geschäftspartnerin"),
    ),
    RelationshipKind(
        "friend", "friend", "friend", "Freund(in)", "Freund(in)", extra_words=("Freund", "Freundin")
    ),
    RelationshipKind(
        "acquaintance",
        "acquaintance",
        "acquaintance",
        "Bekannte(r)",
        "Bekannte(r)",
        extra_words=("Bekannter", "Bekannte"),
    ),
    RelationshipKind(
        "classmate",
        "classmate",
        "classmate",
        "Schulfreund(in)",
        "Schulfreund(in)",
        extra_words=("Schulfreund", "Schulfreundin", "Klassenkamerad", "school friend"),
    ),
    RelationshipKind(
        "fellow_student",
        "fellow student",
        "fellow student",
        "Studienkolleg(e/in)",
        "Studienkolleg(e/in)",
        extra_words=("Studienkollege", "Studienkollegin", "Kommilitone", "Kommilitonin"),
    ),
    RelationshipKind(
        "seminar_acquaintance",
        "seminar acquaintance",
        "seminar acquaintance",
        "Seminarbekanntschaft",
        "Seminarbekanntschaft",
    ),
    RelationshipKind(
        "neighbour",
        "neighbour",
        "neighbour",
        "Nachbar(in)",
        "Nachbar(in)",
        extra_words=("neighbor", "Nachbar", "Nachbarin"),
    ),
    RelationshipKind(
        "club_member",
        "club member",
        "fellow member",
        "Vereinskolleg(e/in)",
        "Vereinskolleg(e/in)",
        extra_words=("Vereinskollege", "Vereinskollegin", "Vereinsmitglied"),
    ),
)
KINDS_BY_CODE = {kind.code: kind for kind in RELATIONSHIP_KINDS}
RELATIONSHIP_CHOICES = [(kind.code, kind.forward) for kind in RELATIONSHIP_KINDS]


def _build_lookup() -> dict[str, tuple[str, bool]]:
    """Every accepted word → (code, reversed?)."""
    lookup: dict[str, tuple[str, bool]] = {}
    for kind in RELATIONSHIP_KINDS:
        forward = [kind.code, kind.forward, kind.forward_de, *kind.extra_words]
        for word in forward:
            lookup.setdefault(word_key(word), (kind.code, False))
        if not kind.symmetric:
            for word in (kind.reverse, kind.reverse_de):
                lookup.setdefault(word_key(word), (kind.code, True))
    # Words that name the reverse side of an asymmetric kind.
    for word, code in {
        "report": "boss",
        "Mitarbeiter": "boss",
        "Mitarbeiterin": "boss",
        "direct report": "boss",
        "mentee": "mentor",
        "student": "teacher",
        "Schüler": "teacher",
        "Schülerin": "teacher",
        "pupil": "teacher",
        "trainee": "trainer",
        "Teilnehmer": "trainer",
        "Teilnehmerin": "trainer",
        "child": "parent",
        "Kind": "parent",
        "Sohn": "parent",
        "Tochter": "parent",
        "son": "parent",
        "daughter": "parent",
        "supplier": "client",
        "Lieferant": "client",
        "Dienstleister": "client",
        "vendor": "client",
        "service provider": "client",
    }.items():
        lookup[word_key(word)] = (code, True)
    return lookup


_LOOKUP = _build_lookup()


def resolve_relationship_kind(text: str) -> tuple[RelationshipKind, bool]:
    """The kind named by ``text`` and whether it names the reverse direction."""
    found = _LOOKUP.get(word_key(text or ""))
    if found is None:
        known = ", ".join(kind.forward for kind in RELATIONSHIP_KINDS)
        raise InvalidInput("kind", text, f"is not a relationship kind; known kinds: {known}")
    code, reverse = found
    return KINDS_BY_CODE[code], reverse


SEEDED_CIRCLES = words(
    ("family", "family", "Familie"),
    ("friends", "friends", "Freunde"),
    ("colleagues", "colleagues", "Kollegen"),
    ("former_colleagues", "former colleagues", "ehemalige Kollegen"),
    ("bosses", "bosses", "Vorgesetzte"),
    ("business_partners", "business partners", "Geschäftspartner"),
    ("clients", "clients", "Kunden"),
    ("school_friends", "school friends", "Schulfreunde"),
    ("fellow_students", "fellow students", "Studienkollegen"),
    ("teachers_trainers", "teachers and trainers", "Lehrer und Trainer"),
    ("seminar_acquaintances", "seminar acquaintances", "Bekannte aus Seminaren"),
    ("associations_clubs", "associations and clubs", "Verbände und Vereine"),
    ("online", "online", "Online-Kontakte"),
)

ORGANISATION_KINDS = words(
    ("company", "company", "Unternehmen"),
    ("professional_association", "professional association", "Berufs- und Branchenverband"),
    ("alumni_network", "alumni network", "Ehemaligen-Organisation"),
    ("club", "club", "Verein"),
    ("party", "party", "Partei"),
    ("school", "school or university", "Schule, Hochschule"),
    ("public_body", "public body", "Behörde"),
    ("online_community", "online community", "Online-Community"),
    ("elite_club", "elite club", "Club"),
    ("other", "other", "Sonstige"),
)

AFFILIATION_KINDS = words(
    ("job", "job", "Position"),
    ("function", "function", "Funktion"),
    ("education", "education", "Ausbildung"),
    ("membership", "membership", "Mitgliedschaft"),
)

CONTACT_KINDS = words(
    ("email", "email", "E-Mail"),
    ("phone", "phone", "Telefon"),
    ("website", "website", "Website"),
    ("linkedin", "LinkedIn", "LinkedIn"),
    ("xing", "XING", "XING"),
    ("messenger", "messenger", "Messenger"),
    ("address", "address", "Adresse"),
)

DATE_KINDS = words(
    ("birthday", "birthday", "Geburtstag"),
    ("anniversary", "anniversary", "Jahrestag"),
    ("new_job", "new job", "neue Stelle"),
    ("moved", "moved", "Umzug"),
    ("wedding", "wedding", "Hochzeit"),
    ("child", "child", "Kind"),
    ("graduation", "graduation", "Abschluss", ("Abitur", "Examen", "Studienabschluss")),
    ("bereavement", "bereavement", "Trauerfall"),
    ("illness", "illness", "Krankheit", ("Erkrankung",)),
    ("award", "award", "Auszeichnung"),
    ("custom", "custom", "Sonstiges"),
)
