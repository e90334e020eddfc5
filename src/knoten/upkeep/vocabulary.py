"""The kinds of occasion, in English and German: what happened, and what to do about it.

An occasion's kind names the feedback it calls for; a draft template is written for one
kind (:mod:`knoten.upkeep.models.DraftTemplate`), and ``knoten draft --occasion`` takes
these words in either language.
"""

from __future__ import annotations

from knoten.core.words import Word, resolve_word, words

OCCASION_KINDS = words(
    ("birthday", "birthday", "Geburtstag"),
    ("anniversary", "anniversary", "Jahrestag"),
    ("congratulations", "congratulations", "Glückwunsch"),  # new job, wedding, child, award
    ("condolence", "condolence", "Beileid"),  # bereavement, illness
    ("thanks", "thanks", "Dank"),  # a favour or recommendation received
    ("promise", "promise", "Versprechen"),  # a promise due, mine or owed to me
    ("acknowledgement", "acknowledgement", "Anerkennung"),  # a project finished
    ("event", "event ahead", "Veranstaltung"),  # prepare: known people will be there
    ("keep_in_touch", "keep in touch", "in Kontakt bleiben"),  # due by the cadence
    ("know_how", "know-how to share", "Know-how teilen"),
)


def occasion_kind(text: str, field: str = "occasion") -> str:
    """The code of an occasion's kind from its English or German word, or its code."""
    return resolve_word(OCCASION_KINDS, text, field)


def occasion_words(code: str, german: bool) -> str:
    for word in OCCASION_KINDS:
        if word.code == code:
            return word.de if german else word.en
    return code


__all__ = ["OCCASION_KINDS", "Word", "occasion_kind", "occasion_words"]
