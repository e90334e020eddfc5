"""The shipped wording of the drafts: per occasion, in German (*du* and *Sie*) and English.

Each template is a subject and a body with placeholders in braces (see
:data:`PLACEHOLDERS`). A line that names a placeholder Knoten knows nothing for is left
out of the draft, so "Als {position} bei {organisation} …" only appears when the position
is known. A network's own :class:`~knoten.upkeep.models.DraftTemplate` overrides these.
"""

from __future__ import annotations

# The placeholders a template may use, with what they say (English).
PLACEHOLDERS = {
    "salutation": "the salutation with its comma: Sehr geehrte Frau Dr. Müller,",
    "given_name": "the given name",
    "name": "the full name",
    "position": "the current (or new) position",
    "organisation": "the current (or new) organisation",
    "favour": "the favour or recommendation to thank for",
    "event": "the event",
    "project": "the project",
    "promise": "the promise",
    "age": "the age on the birthday",
    "sender": "your name",
}

_DU_END = "\n\nViele Grüße\n{sender}"
_SIE_END = "\n\nHerzliche Grüße\n{sender}"
_FORMAL_END = "\n\nMit freundlichen Grüßen\n{sender}"
_EN_END = "\n\nBest regards,\n{sender}"
_EN_WARM = "\n\nBest wishes,\n{sender}"

# (occasion, language, address) -> (subject, body); English has one for either address.
SHIPPED: dict[tuple[str, str, str], tuple[str, str]] = {
    ("birthday", "de", "du"): (
        "Alles Gute zum Geburtstag!",
        "{salutation}\n\nherzlichen Glückwunsch zum Geburtstag! Ich wünsche dir ein gesundes, "
        "fröhliches neues Lebensjahr und einen wunderschönen Tag." + _DU_END,
    ),
    ("birthday", "de", "sie"): (
        "Herzliche Glückwünsche zum Geburtstag",
        "{salutation}\n\nzu Ihrem Geburtstag gratuliere ich Ihnen herzlich und wünsche Ihnen "
        "für das neue Lebensjahr alles Gute, Gesundheit und Erfolg." + _SIE_END,
    ),
    ("birthday", "en", ""): (
        "Happy birthday!",
        "{salutation}\n\nHappy birthday! I hope you have a wonderful day and a great year "
        "ahead." + _EN_WARM,
    ),
    ("anniversary", "de", "du"): (
        "Herzlichen Glückwunsch zum Jahrestag!",
        "{salutation}\n\nheute ist ein besonderer Tag: herzlichen Glückwunsch zum Jahrestag! "
        "Ich wünsche dir alles Gute." + _DU_END,
    ),
    ("anniversary", "de", "sie"): (
        "Herzliche Glückwünsche zum Jahrestag",
        "{salutation}\n\nzu Ihrem Jahrestag gratuliere ich Ihnen herzlich und wünsche Ihnen "
        "alles Gute." + _SIE_END,
    ),
    ("anniversary", "en", ""): (
        "Happy anniversary!",
        "{salutation}\n\nHappy anniversary! Wishing you all the best on this special day."
        + _EN_WARM,
    ),
    ("congratulations", "de", "du"): (
        "Herzlichen Glückwunsch!",
        "{salutation}\n\nich habe von deinen Neuigkeiten gehört: herzlichen Glückwunsch!\n"
        "Für deine neue Aufgabe als {position} bei {organisation} wünsche ich dir viel "
        "Freude und Erfolg." + _DU_END,
    ),
    ("congratulations", "de", "sie"): (
        "Herzlichen Glückwunsch",
        "{salutation}\n\nich habe von Ihren Neuigkeiten gehört und gratuliere Ihnen herzlich!\n"
        "Für Ihre neue Aufgabe als {position} bei {organisation} wünsche ich Ihnen viel "
        "Erfolg." + _SIE_END,
    ),
    ("congratulations", "en", ""): (
        "Congratulations!",
        "{salutation}\n\nI just heard your news: congratulations!\n"
        "All the best in your new role as {position} at {organisation}." + _EN_WARM,
    ),
    ("condolence", "de", "du"): (
        "In Gedanken bei dir",
        "{salutation}\n\nes tut mir sehr leid, was du gerade erlebst. Ich denke an dich und "
        "wünsche dir viel Kraft.\nWenn ich etwas für dich tun kann, sag es mir bitte."
        "\n\nIn Gedanken bei dir\n{sender}",
    ),
    ("condolence", "de", "sie"): (
        "Mein aufrichtiges Mitgefühl",
        "{salutation}\n\nes tut mir sehr leid, was Sie gerade durchmachen. Ich denke an Sie "
        "und wünsche Ihnen viel Kraft.\nWenn ich etwas für Sie tun kann, lassen Sie es mich "
        "bitte wissen." + _SIE_END,
    ),
    ("condolence", "en", ""): (
        "Thinking of you",
        "{salutation}\n\nI was so sorry to hear what you are going through. I am thinking of "
        "you and wish you strength.\nIf there is anything I can do, please let me know."
        "\n\nWarm regards,\n{sender}",
    ),
    ("thanks", "de", "du"): (
        "Danke!",
        "{salutation}\n\nvielen Dank für deine Hilfe, das war großartig von dir!\n"
        "Besonders danke ich dir für: {favour}.\nWenn ich mich revanchieren kann, sag es "
        "mir gern." + _DU_END,
    ),
    ("thanks", "de", "sie"): (
        "Herzlichen Dank",
        "{salutation}\n\nhaben Sie vielen Dank für Ihre Unterstützung!\n"
        "Besonders danke ich Ihnen für: {favour}.\nWenn ich Ihnen einmal helfen kann, sagen "
        "Sie es mir bitte." + _SIE_END,
    ),
    ("thanks", "en", ""): (
        "Thank you!",
        "{salutation}\n\nThank you so much for your help!\nI am especially grateful for: "
        "{favour}.\nIf I can ever return the favour, just let me know." + _EN_END,
    ),
    ("promise", "de", "du"): (
        "Wie besprochen",
        "{salutation}\n\nich melde mich wegen unserer Abmachung.\nEs geht um: {promise}.\n"
        "Passt es dir, wenn wir uns kurz dazu abstimmen?" + _DU_END,
    ),
    ("promise", "de", "sie"): (
        "Unsere Vereinbarung",
        "{salutation}\n\nich melde mich wegen unserer Vereinbarung.\nEs geht um: {promise}.\n"
        "Passt es Ihnen, wenn wir uns kurz dazu abstimmen?" + _FORMAL_END,
    ),
    ("promise", "en", ""): (
        "Following up",
        "{salutation}\n\nI am following up on what we agreed.\nIt is about: {promise}.\n"
        "Would it suit you to catch up on it briefly?" + _EN_END,
    ),
    ("acknowledgement", "de", "du"): (
        "Großartige Arbeit!",
        "{salutation}\n\nich wollte dir sagen, wie sehr ich deine Arbeit schätze.\n"
        "Dass {project} so gut abgeschlossen ist, ist auch dein Verdienst.\n"
        "Danke für die gute Zusammenarbeit!" + _DU_END,
    ),
    ("acknowledgement", "de", "sie"): (
        "Vielen Dank für die gute Zusammenarbeit",
        "{salutation}\n\nich möchte Ihnen sagen, wie sehr ich Ihre Arbeit schätze.\n"
        "Dass {project} so erfolgreich abgeschlossen ist, ist auch Ihr Verdienst.\n"
        "Vielen Dank für die gute Zusammenarbeit!" + _SIE_END,
    ),
    ("acknowledgement", "en", ""): (
        "Well done!",
        "{salutation}\n\nI wanted to tell you how much I appreciate your work.\n"
        "Finishing {project} so well is very much your achievement.\n"
        "Thank you for the great collaboration!" + _EN_END,
    ),
    ("event", "de", "du"): (
        "Sehen wir uns?",
        "{salutation}\n\nich habe gesehen, dass du auch bei {event} bist.\n"
        "Hast du Lust auf einen Kaffee, wenn wir uns sehen?" + _DU_END,
    ),
    ("event", "de", "sie"): (
        "Ein kurzes Treffen?",
        "{salutation}\n\nwie ich gesehen habe, sind Sie auch bei {event}.\n"
        "Hätten Sie Zeit für ein kurzes Gespräch? Ich würde mich freuen." + _FORMAL_END,
    ),
    ("event", "en", ""): (
        "Meeting up?",
        "{salutation}\n\nI saw that you will be at {event} too.\n"
        "Would you have time for a quick chat? I would be glad to see you." + _EN_END,
    ),
    ("keep_in_touch", "de", "du"): (
        "Lange nichts gehört",
        "{salutation}\n\nwir haben schon eine Weile nichts voneinander gehört. Wie geht es "
        "dir?\nWas gibt es Neues bei {organisation}?\nHast du Lust, dass wir mal wieder "
        "telefonieren oder einen Kaffee trinken?" + _DU_END,
    ),
    ("keep_in_touch", "de", "sie"): (
        "Wie geht es Ihnen?",
        "{salutation}\n\nes ist eine Weile her, dass wir gesprochen haben. Wie geht es "
        "Ihnen?\nIch würde gern hören, was es bei {organisation} Neues gibt.\nHätten Sie in "
        "den nächsten Wochen Zeit für ein kurzes Gespräch?" + _SIE_END,
    ),
    ("keep_in_touch", "en", ""): (
        "It's been a while",
        "{salutation}\n\nIt has been a while since we last spoke. How are you?\n"
        "I would love to hear what is new at {organisation}.\nWould you have time for a "
        "quick call or a coffee in the coming weeks?" + _EN_END,
    ),
    ("know_how", "de", "du"): (
        "Das könnte dich interessieren",
        "{salutation}\n\nich bin auf etwas gestoßen, das dich interessieren könnte, und "
        "wollte es dir gleich weitergeben." + _DU_END,
    ),
    ("know_how", "de", "sie"): (
        "Das könnte Sie interessieren",
        "{salutation}\n\nich bin auf etwas gestoßen, das Sie interessieren könnte, und "
        "möchte es Ihnen gern weitergeben." + _SIE_END,
    ),
    ("know_how", "en", ""): (
        "Thought of you",
        "{salutation}\n\nI came across something that might interest you and wanted to "
        "pass it on." + _EN_END,
    ),
}


def shipped(occasion: str, language: str, address: str) -> tuple[str, str]:
    """The shipped subject and body for an occasion, language and *du*/*Sie*."""
    found = SHIPPED.get((occasion, language, address)) or SHIPPED.get((occasion, language, ""))
    if found is None:
        found = SHIPPED[("keep_in_touch", language, address if language == "de" else "")]
    return found
