"""Words about the demo's persons: tags and circles, notes on a person, how *me* met
them, their life events and the notes on a relationship.
"""

from __future__ import annotations

TAGS: tuple[str, ...] = (
    "VIP",
    "Weihnachtskarte",
    "Newsletter",
    "Empfehler",
    "Multiplikator",
    "Presse",
    "Journalist",
    "Investor",
    "Speaker",
    "potenzieller Kunde",
    "Lead",
    "Alumni",
    "Mentor",
    "Startup",
    "Mittelstand",
    "Konzern",
    "Recruiter",
    "Headhunter",
    "Ehrenamt",
    "Golf",
    "Segeln",
    "Karneval",
    "Stammtisch",
    "Sommerfest-Einladung",
    "Vertrauensperson",
    "Gründer",
    "Familienunternehmen",
    "Beirat",
    "Podcast",
    "Politik",
    "Verwaltung",
    "Hochschule",
    "Ausland",
    "Nachfolge",
    "Türöffner",
    "Geschenk zu Weihnachten",
    "Kaffee trinken",
    "reaktivieren",
)

CUSTOM_CIRCLES: tuple[str, ...] = (
    "Stammtisch",
    "Mentoring-Programm",
    "Rotary-Freunde",
    "Laufgruppe",
    "Beirat",
)

PERSON_NOTES_DE: tuple[str, ...] = (
    "Trinkt keinen Kaffee, nur grünen Tee.",
    "Spricht fließend Polnisch und Russisch.",
    "Sammelt alte Landkarten.",
    "Großer Fan des 1. FC Köln – nicht über Fußball streiten.",
    "Vegetarierin, mag italienische Küche.",
    "Segelt im Sommer auf dem Ijsselmeer.",
    "Hat zwei Kinder, beide im Grundschulalter.",
    "Möchte in den nächsten Jahren die Firma an die Tochter übergeben.",
    "Sehr gut vernetzt in der Kommunalpolitik.",
    "Antwortet auf E-Mails nur abends; besser anrufen.",
    "Läuft jedes Jahr den Berlin-Marathon.",
    "Sucht Nachfolger für den Vereinsvorsitz.",
    "Schreibt an einem Buch über Mittelstand und Digitalisierung.",
    "Hat mir 2019 bei der Wohnungssuche geholfen.",
    "Allergisch gegen Nüsse.",
    "Bevorzugt Termine am frühen Morgen.",
    "Ist Schöffe am Landgericht.",
    "Spielt Cello im Kammerorchester.",
)

PERSON_NOTES_EN: tuple[str, ...] = (
    "Prefers calls before 9 am.",
    "Plays golf most Saturdays.",
    "Moved back from Singapore in 2021.",
    "Very helpful with introductions in the UK market.",
    "Runs a small podcast on leadership.",
    "Vegan; don't suggest the steakhouse again.",
)

HOW_WE_MET: dict[str, tuple[str, ...]] = {
    "colleague": (
        "Kollegen bei {org}",
        "Wir arbeiten zusammen bei {org}",
        "Im selben Team bei {org}",
    ),
    "former_colleague": ("Ehemals Kollegen bei {org}", "Haben zusammen bei {org} angefangen"),
    "client": ("Kunde seit dem Projekt bei {org}", "Über eine Ausschreibung von {org}"),
    "business_partner": ("Partner im Projekt mit {org}", "Über eine Kooperation mit {org}"),
    "school": ("Zusammen Abitur gemacht ({org})", "Aus der Schulzeit: {org}"),
    "university": ("Studium: {org}", "Aus der Lerngruppe im Studium ({org})"),
    "teacher": ("Hat mich im Studium betreut ({org})", "Dozent im Studium ({org})"),
    "seminar": ("Kennengelernt: {event}", "{event}"),
    "trainer": ("Hat das Seminar geleitet: {event}", "Trainer bei: {event}"),
    "club": ("Gemeinsam aktiv: {org}", "Kennengelernt bei {org}", "{org}"),
    "online": ("Online kennengelernt ({org})", "Kontaktanfrage über XING", "{org}"),
    "event": ("Kennengelernt: {event}", "Am Stand kennengelernt ({event})", "{event}"),
    "friend": ("Freunde seit der Studienzeit", "Über gemeinsame Freunde", "Nachbarn in {city}"),
    "neighbour": ("Nachbarn in {city}", "Wohnen in derselben Straße"),
    "introduced": (
        "{intro} hat uns vorgestellt",
        "Über {intro} kennengelernt",
        "Empfehlung von {intro}",
    ),
    "family": ("Familie",),
}

LIFE_EVENT_LABELS: dict[str, tuple[str, ...]] = {
    "anniversary": ("10 Jahre bei {org}", "25-jähriges Firmenjubiläum", "Hochzeitstag"),
    "new_job": ("Neue Stelle bei {org}", "Wechsel zu {org}"),
    "moved": ("Umzug nach {city}", "Neues Büro in {city}"),
    "wedding": ("Hochzeit",),
    "child": ("Geburt von {child}",),
    "bereavement": ("Vater gestorben", "Mutter gestorben", "Tod des Geschäftspartners"),
    "award": (
        "Unternehmerin des Jahres {city}",
        "Innovationspreis {city}",
        "Bundesverdienstkreuz",
    ),
    "custom": ("Promotion", "Ruhestand", "Firmengründung", "Ironman-Finish"),
}

RELATIONSHIP_NOTES: tuple[str, ...] = (
    "kennen sich aus dem Vorstand",
    "spielen zusammen Golf",
    "hat ihm den Job vermittelt",
    "haben zusammen ein Startup gegründet",
    "sitzen zusammen im Beirat",
    "Tandem im Mentoring-Programm",
    "waren zusammen im Auslandssemester",
    "treffen sich jedes Jahr auf der Messe",
    "worked together in London",
    "same running club",
)
