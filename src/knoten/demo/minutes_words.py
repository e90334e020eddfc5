"""Words for the minutes of the demo's conversations: their summaries, the promises
made in them, and the weekdays and months they mention.
"""

from __future__ import annotations

# Minutes of conversations, by kind of interaction ("video" is a meeting on a video call)
# and language. Placeholders: {given} {name} {topic} {city} {org} {title} {event} {other}
# {weekday} {month} {pronoun} (sie/er) {Pronoun} (Sie/Er) {pronoun_en} {country}.
SUMMARIES: dict[str, dict[str, tuple[str, ...]]] = {
    "meeting": {
        "de": (
            "Lunch mit {given}: {pronoun} sucht einen Steuerberater in {city}",
            "Kaffee mit {given}: spannende Ideen zu {topic}, Folgetermin im {month} vereinbart",
            "Mittagessen mit {given}: Erfahrungsaustausch zu {topic}, {pronoun} empfiehlt {other}",
            "Abendessen mit {given}, privat; viel über Urlaubspläne und die Kinder gesprochen",
            "Treffen mit {name} bei {org}: Projektstand besprochen, nächste Schritte festgelegt",
            "Frühstück mit {given}: {pronoun} überlegt, sich selbstständig zu machen",
            "Stammtisch in {city}: {given} erzählt von der Umstrukturierung bei {org}",
            "Gespräch mit {given} über eine mögliche Zusammenarbeit bei {topic}",
            "Feedback von {given} zu meinem Vortrag: Folien zu lang, Beispiele gut",
            "Mittagessen mit {given}: {pronoun} sucht Verstärkung für {topic}, fragt nach Namen",
            "Kaffee mit {given}: {pronoun} ist neu bei {org} und sucht Anschluss in {city}",
        ),
        "en": (
            "Lunch with {given}: looking for a tax adviser in {city}",
            "Coffee with {given}: discussed {topic}, agreed to meet again in {month}",
            "Dinner with {given}; talked about the board seat at {org}",
            "Breakfast with {given}: wants to hire someone for {topic}, asked for names",
        ),
    },
    "video": {
        "de": (
            "Videocall mit {given}: {pronoun} plant den Markteintritt in {country}, sucht Kontakte",
            "Videocall mit {name}: Abstimmung zu {topic}",
            "Online-Kaffee mit {given}: Erfahrungen mit {topic} ausgetauscht",
        ),
        "en": (
            "Video call with {given}: planning to expand to {country}, asked for introductions",
            "Intro call with {given} (via {other}): interested in {topic}",
        ),
    },
    "call": {
        "de": (
            "Telefonat mit {name} wegen {topic}; {pronoun} schickt mir bis {weekday} das Angebot",
            "Anruf von {given}: Frage zu {topic}, ich schicke meine Unterlagen",
            "Telefonat mit {given}: {pronoun} sucht eine neue Stelle im Bereich {topic}",
            "Kurz mit {given} telefoniert, Termin für die Mitgliederversammlung abgestimmt",
            "{given} angerufen und um Rat zu {topic} gebeten; sehr hilfreiche Tipps bekommen",
            "Anruf von {given}: {pronoun} fragt, ob ich jemanden für {topic} in {city} kenne",
        ),
        "en": (
            "Call with {name} about {topic}; will send the proposal by {weekday}",
            "Quick call with {given} on {topic}; {pronoun_en} knows someone at {org}",
            "Phoned {given} for advice on {topic}",
        ),
    },
    "email": {
        "de": (
            "E-Mail an {given}: Einladung zum Sommerfest von {org} weitergeleitet",
            "E-Mail von {given}: Angebot zu {topic} kommt bis {weekday}",
            "E-Mail an {given} mit dem Kontakt zu {other}",
            "{given} schickt per E-Mail die Unterlagen zu {topic}",
            "E-Mail an {given}: Termin im {month} vorgeschlagen",
        ),
        "en": (
            "Emailed {given} the notes on {topic}",
            "Email from {given}: asks for an introduction to {other}",
            "Sent {given} the invitation to {event}",
        ),
    },
    "message": {
        "de": (
            "Nachricht von {given}: Danke für die Vorstellung bei {other}!",
            "WhatsApp von {given}: {pronoun} ist im {month} in {city}, Treffen?",
            "Nachricht an {given}: Glückwunsch zum Projektabschluss bei {org}",
            "Nachricht von {given}: {pronoun} hat den Auftrag bei {org} bekommen",
        ),
        "en": (
            "Message from {given}: thanks for the intro to {other}!",
            "Texted {given} about {event}",
        ),
    },
    "letter": {
        "de": (
            "Glückwunschkarte zum Geburtstag an {given} geschickt",
            "Kondolenzkarte an {given} geschickt",
            "Weihnachtskarte an {given}",
            "Dankeskarte an {given} für die Empfehlung an {other}",
            "Karte an {given}: Glückwunsch zur neuen Stelle bei {org}",
        ),
        "en": (
            "Sent {given} a birthday card",
            "Thank-you note to {given} for the referral to {other}",
            "Christmas card to {given}",
        ),
    },
    "social_media": {
        "de": (
            "{given} hat einen neuen Job bei {org} als {title} – auf LinkedIn gratuliert",
            "Beitrag von {given} über {topic} auf LinkedIn kommentiert",
            "{given} auf XING zum Firmenjubiläum gratuliert",
            "Kontaktanfrage von {given} auf LinkedIn angenommen",
        ),
        "en": (
            "{given} started at {org} as {title} – congratulated on LinkedIn",
            "Commented on {given}'s post about {topic}",
        ),
    },
    "event_conversation": {
        "de": (
            "{event}: mit {given} gesprochen, Interesse an {topic}, Visitenkarten getauscht",
            "{given} am Stand getroffen; {pronoun} sucht Kontakte zu {org}",
            "Kurzes Gespräch mit {given} nach dem Vortrag über {topic}",
            "Mit {given} beim Abendempfang ({event}): {pronoun} wechselt bald zu {org}",
            "{given} wiedergesehen ({event}); will sich wegen {topic} melden",
        ),
        "en": (
            "Met {given} at {event}: exchanged cards, follow up about {topic}",
            "Talked to {given} after the panel on {topic}",
            "Ran into {given} at {event}; {pronoun_en} is moving to {org}",
        ),
    },
}

PROMISES_ME_DE: tuple[str, ...] = (
    "Angebot schicken",
    "Kontakt zu {other} herstellen",
    "Buchempfehlung zu {topic} schicken",
    "Folien vom Vortrag schicken",
    "Einladung weiterleiten: {event}",
    "Rückruf wegen {topic}",
    "Lebenslauf an {org} weitergeben",
    "Termin für ein Mittagessen vorschlagen",
    "Unterlagen zu {topic} zusammenstellen",
)

PROMISES_THEM_DE: tuple[str, ...] = (
    "Unterlagen zu {topic} schicken",
    "Terminvorschläge schicken",
    "Kontakt zu {other} herstellen",
    "Angebot schicken",
    "Klären, ob {org} Bedarf an {topic} hat",
    "Kontaktdaten von {other} weitergeben",
    "Feedback zum Konzept geben",
)

PROMISES_ME_EN: tuple[str, ...] = (
    "Send the proposal",
    "Introduce {given} to {other}",
    "Send notes on {topic}",
    "Share the slides",
)

PROMISES_THEM_EN: tuple[str, ...] = (
    "Send the case study on {topic}",
    "Get back about a date",
    "Introduce me to {other}",
)

WEEKDAYS_DE: tuple[str, ...] = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag")

WEEKDAYS_EN: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

MONTHS_DE: tuple[str, ...] = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)

MONTHS_EN: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
