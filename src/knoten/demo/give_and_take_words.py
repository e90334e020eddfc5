"""Words for the demo's give and take: the notes of favours, the contexts of
recommendations and the notes of channel costs.
"""

from __future__ import annotations

# Give and take (issue 5): what the notes of favours, the contexts of recommendations and
# the costs of channels say. Placeholders: {name} the other person, {other} a third one,
# {topic} a skill, {org} an organisation, {event} an event, {year} a year.
FAVOUR_NOTES_DE: dict[str, tuple[str, ...]] = {
    "recommendation": (
        "{other} als Ansprechpartner für {topic} empfohlen",
        "Empfehlung für einen Steuerberater in {city}",
        "Hat nach jemandem für {topic} gefragt: {other} genannt",
    ),
    "introduction": (
        "Vorstellung bei {other} per E-Mail",
        "Mit {other} von {org} bekannt gemacht",
        "Intro zu {other}, Thema {topic}",
    ),
    "lead": (
        "Hinweis auf Ausschreibung bei {org}",
        "Auftrag weitergegeben: {topic} bei {org}",
        "{org} sucht Unterstützung für {topic}",
    ),
    "job_lead": (
        "Stellenhinweis: {org} sucht eine Leitung {topic}",
        "Offene Stelle bei {org} weitergeleitet",
    ),
    "know_how": (
        "Zwei Stunden Rat zu {topic}",
        "Unterlagen zu {topic} geteilt",
        "Erfahrungen mit {topic} ausgetauscht, mit Checkliste",
    ),
    "tip": (
        "Tipp: Förderprogramm der KfW",
        "Hinweis auf Veranstaltung: {event}",
        "Buchtipp zu {topic}",
        "Tipp für einen guten Anwalt in {city}",
    ),
    "help": (
        "Beim Umzug geholfen",
        "Präsentation für {org} gegengelesen",
        "Kurzfristig als Vertretung eingesprungen",
        "Bei der Bewerbung geholfen",
    ),
    "reference": (
        "Als Referenz für {org} zur Verfügung gestanden",
        "Referenzschreiben für das Projekt {topic}",
    ),
    "gift": (
        "Weinpräsent zum Jubiläum",
        "Blumen zum Geburtstag",
        "Buch zu {topic} geschenkt",
        "Karten für das Konzert",
    ),
    "feedback": (
        "Feedback zum Businessplan",
        "Rückmeldung zum Vortrag auf: {event}",
        "Website von {org} durchgesehen",
    ),
}

FAVOUR_NOTES_EN: dict[str, tuple[str, ...]] = {
    "recommendation": ("Recommended {other} for {topic}",),
    "introduction": ("Introduced to {other} at {org} by e-mail",),
    "lead": ("Passed on a lead: {org} needs help with {topic}",),
    "job_lead": ("Job opening at {org}",),
    "know_how": ("An hour of advice on {topic}",),
    "tip": ("Tip: {event}",),
    "help": ("Reviewed the slides for {org}",),
    "reference": ("Reference for the {topic} project",),
    "gift": ("A bottle of wine for the anniversary",),
    "feedback": ("Feedback on the business plan",),
}

RECOMMENDATION_CONTEXTS_DE: tuple[str, ...] = (
    "Sucht Unterstützung für {topic}",
    "Projekt bei {org}: Expertise in {topic} gefragt",
    "Nachfolge für die Leitung {topic} bei {org}",
    "Beim Mittagessen erwähnt, dass {org} jemanden für {topic} braucht",
    "Auf {event} ins Gespräch gekommen",
    "Empfehlung per E-Mail, mit Lebenslauf",
    "Braucht eine zweite Meinung zu {topic}",
)

RECOMMENDATION_CONTEXTS_EN: tuple[str, ...] = (
    "Looking for help with {topic}",
    "Project at {org}: needs someone for {topic}",
    "Met at {event}, asked for a contact",
)

MEMBERSHIP_FEE_NOTES: tuple[str, ...] = ("Mitgliedsbeitrag {year}", "Jahresbeitrag {year}")

COMMITTEE_NOTES: tuple[str, ...] = (
    "Vorstandssitzungen",
    "Arbeitskreis und Vorbereitung",
    "Clubabende",
    "Ausschussarbeit",
    "Organisation des Sommerfests",
)

EVENT_COST_NOTES: dict[str, tuple[str, ...]] = {
    "travel": ("Anreise und Hotel", "Bahnfahrt und Übernachtung", "Flug und Hotel"),
    "fare": ("Fahrtkosten", "Parken und Taxi", "Bahnticket"),
    "prepare": (
        "Vortrag vorbereitet",
        "Stand vorbereitet",
        "Nachbereitung, Kontakte angeschrieben",
    ),
}

CIRCLE_COST_NOTES: dict[str, str] = {
    "clients": "Weihnachtsgeschenke {year}",
    "custom": "Treffen, Getränke",
}
