"""Words for the demo's projects: their names, roles and descriptions."""

from __future__ import annotations

PROJECT_PATTERNS: tuple[str, ...] = (
    "Digitalisierung Vertrieb {org}",
    "Relaunch Website {org}",
    "Einführung SAP S/4HANA bei {org}",
    "Markteintritt {country}",
    "Förderantrag {topic}",
    "Nachfolgeregelung {org}",
    "Messeauftritt {fair}",
    "Sommerfest {org}",
    "Mentoring-Programm {org}",
    "Buchprojekt: {topic}",
    "Jubiläum 50 Jahre {org}",
    "Podcast-Reihe zu {topic}",
    "Spendenlauf {city}",
    "Ausgründung {topic}",
    "Weiterbildungsreihe {topic}",
)

PROJECT_ROLES: tuple[str, ...] = (
    "Projektleitung",
    "Auftraggeber",
    "Sponsor",
    "Beraterin",
    "Berater",
    "Entwicklerin",
    "Mitglied im Lenkungsausschuss",
    "Teammitglied",
    "Schirmherrin",
    "Redaktion",
    "Product Owner",
    "Fachexperte",
)

PROJECT_DESCRIPTIONS: tuple[str, ...] = (
    "Gemeinsames Projekt mit {org}; Budget etwa {budget} T€.",
    "Ziel: {topic} im Team verankern. Lenkungskreis tagt monatlich.",
    "Ehrenamtlich; Treffen alle zwei Wochen.",
    "Pilotphase bis Jahresende, danach Entscheidung über den Rollout.",
    "Joint initiative with {org}; weekly stand-up on Mondays.",
)
