"""Kinds of events, interactions and project statuses, in English and German."""

from __future__ import annotations

from knoten.core.words import Word, choices, resolve_word, words

EVENT_KINDS = words(
    ("trade_fair", "trade fair", "Messe"),
    ("conference", "conference", "Tagung"),
    ("congress", "congress", "Kongress"),
    ("business_card_party", "business-card party", "Visitenkarten-Party"),
    ("meetup", "meetup", "Treffen"),
    ("alumni_meeting", "alumni meeting", "Ehemaligentreffen"),
    ("association_meeting", "association meeting", "Verbandstreffen"),
    ("seminar", "seminar", "Seminar"),
    ("online_event", "online event", "Online-Veranstaltung"),
    ("private", "private", "Privat"),
)

INTERACTION_KINDS = words(
    ("meeting", "meeting", "Treffen"),
    ("call", "call", "Telefonat"),
    ("email", "email", "E-Mail"),
    ("message", "message", "Nachricht"),
    ("event_conversation", "event conversation", "Gespräch auf einer Veranstaltung"),
    ("letter", "letter or card", "Brief, Karte"),
    ("social_media", "social media", "soziale Medien"),
)

PROJECT_STATUSES = words(
    ("planned", "planned", "geplant"),
    ("ongoing", "ongoing", "laufend"),
    ("completed", "completed", "abgeschlossen"),
    ("cancelled", "cancelled", "abgebrochen"),
)

__all__ = [
    "EVENT_KINDS",
    "INTERACTION_KINDS",
    "PROJECT_STATUSES",
    "Word",
    "choices",
    "resolve_word",
]
