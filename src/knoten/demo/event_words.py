"""Words for the demo's events: trade fairs, conferences, congresses, seminars,
online and private events, meetups, business-card parties and the notes on them.
"""

from __future__ import annotations

# Trade fairs and the like, held every year at the same place.
FAIRS: tuple[tuple[str, str], ...] = (
    ("Hannover Messe", "Hannover"),
    ("EXPO REAL", "München"),
    ("dmexco", "Köln"),
    ("Anuga", "Köln"),
    ("gamescom", "Köln"),
    ("bauma", "München"),
    ("IAA Mobility", "München"),
    ("Frankfurter Buchmesse", "Frankfurt am Main"),
    ("Light + Building", "Frankfurt am Main"),
    ("ITB Berlin", "Berlin"),
    ("IFA", "Berlin"),
    ("Internationale Grüne Woche", "Berlin"),
    ("MEDICA", "Düsseldorf"),
    ("ProWein", "Düsseldorf"),
    ("boot Düsseldorf", "Düsseldorf"),
    ("didacta", "Stuttgart"),
    ("Zukunft Personal", "Köln"),
    ("E-world energy & water", "Essen"),
    ("it-sa", "Nürnberg"),
    ("LogiMAT", "Stuttgart"),
)

CONFERENCES: tuple[tuple[str, str], ...] = (
    ("re:publica", "Berlin"),
    ("OMR Festival", "Hamburg"),
    ("Deutscher Steuerberatertag", "Berlin"),
    ("PyCon DE & PyData", "Berlin"),
    ("Bits & Pretzels", "München"),
    ("DLD Munich", "München"),
    ("Tag der Familienunternehmen", "Berlin"),
    ("Zukunftskongress Staat & Verwaltung", "Berlin"),
    ("Frauen-Business-Tag", "Köln"),
    ("Digitalgipfel Mittelstand", "Düsseldorf"),
    ("HR Innovation Day", "Leipzig"),
    ("Content-Marketing-Konferenz", "Hamburg"),
)

CONGRESSES: tuple[tuple[str, str], ...] = (
    ("Deutscher Anwaltstag", "Berlin"),
    ("Hauptstadtkongress Medizin und Gesundheit", "Berlin"),
    ("Deutscher Logistik-Kongress", "Berlin"),
    ("Kongress Personalmanagement", "Berlin"),
    ("Deutscher Ingenieurtag", "Düsseldorf"),
    ("Energiekongress", "Essen"),
)

SEMINARS: tuple[str, ...] = (
    "Verhandlungsführung für Einsteiger",
    "Networking für Einsteiger",
    "Zeitmanagement und Selbstorganisation",
    "Führungskräftetraining Modul {n}",
    "Rhetorik und Präsentation",
    "Erfolgreich akquirieren",
    "Konfliktmanagement im Team",
    "Einführung in die DSGVO",
    "Betriebswirtschaft für Ingenieure",
    "Storytelling im Vertrieb",
    "Agiles Projektmanagement (Scrum Master)",
    "Steuerrecht aktuell {year}",
)

ONLINE_EVENTS: tuple[str, ...] = (
    "Webinar: DSGVO im Mittelstand",
    "Webinar: Fördermittel für die Digitalisierung",
    "Online-Konferenz Remote Work",
    "LinkedIn Live: Personal Branding",
    "Webinar: KI im Vertrieb",
    "Online-Pitch-Night",
    "Virtuelles Business-Frühstück",
    "Webinar: Nachfolge im Familienunternehmen",
)

PRIVATE_EVENTS: tuple[str, ...] = (
    "Geburtstagsfeier {given} ({age})",
    "Hochzeit {given} und {other}",
    "Sommerfest bei {given}",
    "Grillabend in der Nachbarschaft",
    "Einweihungsparty bei {given}",
    "Weihnachtsfeier bei {given}",
)

MEETUPS: tuple[str, ...] = (
    "Python Users {city} – Treffen #{n}",
    "Unternehmerstammtisch {city}",
    "Founders Meetup {city} #{n}",
    "After-Work-Networking {city}",
    "Business Breakfast {city}",
    "Frauen in Führung – Stammtisch {city}",
    "Product Management Meetup {city} #{n}",
)

CARD_PARTIES: tuple[str, ...] = (
    "Visitenkarten-Party der Wirtschaftsjunioren {city}",
    "Business-Card-Party {city}",
    "Visitenkartenparty der IHK {city}",
    "Networking-Abend {assoc}",
)

EVENT_NOTES: tuple[str, ...] = (
    "Stand in Halle 7, Gang B",
    "Parkhaus P3 nutzen, Messe-Eingang Nord",
    "Dresscode: Business casual",
    "Vorher Liste der Aussteller durchgehen",
    "Visitenkarten nachbestellen!",
    "Abendveranstaltung nur mit Einladung",
    "Anmeldung über den Verband",
    "Gute Gespräche, aber zu voll",
)
