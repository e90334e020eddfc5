"""Kinds of events, interactions and project statuses, in English and German.

Each word may carry synonyms a user types for it ("Anruf", "phone" and "Zoom" for a
call); every face reads them alike through :func:`resolve_word`.
"""

from __future__ import annotations

from knoten.core.words import Word, choices, resolve_word, words

EVENT_KINDS = words(
    ("trade_fair", "trade fair", "Messe", ("fair", "trade show", "expo", "Fachmesse")),
    ("conference", "conference", "Tagung", ("Konferenz", "Fachtagung", "summit", "Gipfel")),
    ("congress", "congress", "Kongress", ("convention",)),
    (
        "business_card_party",
        "business-card party",
        "Visitenkarten-Party",
        ("business card party", "Visitenkartenparty"),
    ),
    (
        "meetup",
        "meetup",
        "Treffen",
        ("meet-up", "Stammtisch", "networking", "Netzwerktreffen", "Networking-Abend"),
    ),
    (
        "alumni_meeting",
        "alumni meeting",
        "Ehemaligentreffen",
        ("alumni", "Alumnitreffen", "reunion", "Klassentreffen", "Jahrgangstreffen"),
    ),
    (
        "association_meeting",
        "association meeting",
        "Verbandstreffen",
        ("Vereinstreffen", "Mitgliederversammlung", "general meeting", "Verbandstagung"),
    ),
    ("seminar", "seminar", "Seminar", ("workshop", "Schulung", "training", "course", "Kurs")),
    (
        "online_event",
        "online event",
        "Online-Veranstaltung",
        ("online", "webinar", "virtual event", "Online-Event", "Online-Konferenz"),
    ),
    ("private", "private", "Privat", ("Feier", "Geburtstag", "birthday", "Hochzeit", "wedding")),
)

INTERACTION_KINDS = words(
    (
        "meeting",
        "meeting",
        "Treffen",
        (
            *("Termin", "Besprechung", "Meeting", "Mittagessen", "lunch", "Abendessen"),
            *("dinner", "Frühstück", "breakfast", "Kaffee", "coffee", "Besuch", "visit"),
            *("in person", "persönlich", "face to face"),
        ),
    ),
    (
        "call",
        "call",
        "Telefonat",
        (
            *("Telefon", "Anruf", "Telefonanruf", "Rückruf", "phone", "phone call"),
            *("telephone", "Videocall", "video call", "Videoanruf", "Videokonferenz"),
            *("Videotelefonat", "video", "Zoom", "Teams", "Skype"),
        ),
    ),
    ("email", "email", "E-Mail", ("Mail", "Email")),
    (
        "message",
        "message",
        "Nachricht",
        ("SMS", "chat", "text message", "Kurznachricht", "WhatsApp", "Messenger"),
    ),
    (
        "event_conversation",
        "event conversation",
        "Gespräch auf einer Veranstaltung",
        ("event", "Veranstaltung", "Messegespräch", "at an event"),
    ),
    (
        "letter",
        "letter or card",
        "Brief, Karte",
        ("letter", "Brief", "card", "Karte", "post", "postcard", "Postkarte", "Grußkarte"),
    ),
    (
        "social_media",
        "social media",
        "soziale Medien",
        ("social", "LinkedIn", "XING", "Twitter", "Instagram", "Facebook", "Mastodon"),
    ),
)

PROJECT_STATUSES = words(
    ("planned", "planned", "geplant", ("plan", "Planung", "idea", "Idee", "upcoming")),
    (
        "ongoing",
        "ongoing",
        "laufend",
        (
            *("open", "offen", "active", "aktiv", "running", "läuft", "in progress"),
            *("in Arbeit", "started", "begonnen"),
        ),
    ),
    (
        "completed",
        "completed",
        "abgeschlossen",
        (
            *("done", "erledigt", "finished", "fertig", "beendet", "complete", "closed"),
            *("geschlossen",),
        ),
    ),
    (
        "cancelled",
        "cancelled",
        "abgebrochen",
        ("canceled", "abgesagt", "aborted", "dropped", "eingestellt", "storniert"),
    ),
)

__all__ = [
    "EVENT_KINDS",
    "INTERACTION_KINDS",
    "PROJECT_STATUSES",
    "Word",
    "choices",
    "resolve_word",
]
