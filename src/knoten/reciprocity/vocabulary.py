"""Kinds of favours and their outcomes, in English and German."""

from __future__ import annotations

from knoten.core.words import Word, choices, resolve_word, shown_choices, words

FAVOUR_KINDS = words(
    ("recommendation", "recommendation of a person", "Empfehlung"),
    ("introduction", "introduction", "Vorstellung"),
    ("lead", "order or lead passed on", "Auftrag, Hinweis auf Auftrag"),
    ("job_lead", "job lead", "Stellenhinweis"),
    ("know_how", "know-how or advice", "Know-how, Rat"),
    ("tip", "tip", "Tipp"),
    ("help", "help", "Hilfe"),
    ("reference", "reference", "Referenz"),
    ("gift", "gift", "Geschenk"),
    ("feedback", "feedback", "Feedback"),
)

OUTCOMES = words(
    ("open", "open", "offen"),
    ("contact_made", "contact made", "Kontakt hergestellt"),
    ("meeting_held", "meeting held", "Treffen fand statt"),
    ("won", "order won", "Auftrag gewonnen"),
    ("nothing", "nothing came of it", "ohne Ergebnis"),
)

# Extra words a user may type for an outcome or a kind.
OUTCOME_WORDS = {
    "order won": "won",
    "gewonnen": "won",
    "contact": "contact_made",
    "meeting": "meeting_held",
    "none": "nothing",
    "nothing": "nothing",
    "nichts": "nothing",
}
KIND_WORDS = {
    "order": "lead",
    "order or lead": "lead",
    "Auftrag": "lead",
    "Hinweis": "lead",
    "know how": "know_how",
    "advice": "know_how",
    "Rat": "know_how",
    "Know-how": "know_how",
    "job": "job_lead",
    "Empfehlung": "recommendation",
    "Gefallen": "help",
}

__all__ = [
    "FAVOUR_KINDS",
    "KIND_WORDS",
    "OUTCOMES",
    "OUTCOME_WORDS",
    "Word",
    "choices",
    "resolve_word",
    "shown_choices",
]
