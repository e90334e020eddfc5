"""Kinds of favours and their outcomes, in English and German."""

from __future__ import annotations

from knoten.core.words import Word, choices, resolve_word, shown_choices, words

FAVOUR_KINDS = words(
    (
        "recommendation",
        "recommendation of a person",
        "Empfehlung",
        ("recommendation", "recommended", "empfohlen"),
    ),
    ("introduction", "introduction", "Vorstellung", ("intro", "Kontakt vermittelt")),
    (
        "lead",
        "order or lead passed on",
        "Auftrag, Hinweis auf Auftrag",
        ("order", "order or lead", "lead", "Auftrag", "Hinweis", "Auftragshinweis"),
    ),
    ("job_lead", "job lead", "Stellenhinweis", ("job", "Jobtipp", "Stellenangebot")),
    (
        "know_how",
        "know-how or advice",
        "Know-how, Rat",
        ("know how", "advice", "Rat", "Ratschlag", "Beratung"),
    ),
    ("tip", "tip", "Tipp", ("hint",)),
    ("help", "help", "Hilfe", ("Gefallen", "favour", "favor", "Unterstützung", "support")),
    ("reference", "reference", "Referenz", ("Zeugnis", "testimonial")),
    ("gift", "gift", "Geschenk", ("present", "Präsent")),
    ("feedback", "feedback", "Feedback", ("Rückmeldung",)),
)

OUTCOMES = words(
    ("open", "open", "offen", ("pending", "ausstehend", "noch offen")),
    (
        "contact_made",
        "contact made",
        "Kontakt hergestellt",
        ("contact", "Kontakt", "connected", "vernetzt"),
    ),
    (
        "meeting_held",
        "meeting held",
        "Treffen fand statt",
        ("meeting", "Treffen", "met", "getroffen"),
    ),
    ("won", "order won", "Auftrag gewonnen", ("gewonnen", "deal", "Erfolg", "success")),
    (
        "nothing",
        "nothing came of it",
        "ohne Ergebnis",
        ("none", "nothing", "nichts", "no result", "lost", "verloren", "abgelehnt"),
    ),
)

__all__ = [
    "FAVOUR_KINDS",
    "OUTCOMES",
    "Word",
    "choices",
    "resolve_word",
    "shown_choices",
]
