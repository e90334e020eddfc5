"""Where the demo network lives and meets: cities (German and foreign), the locales of
its persons, countries, venues and meeting places, video rooms, messengers and the
free-mail domains of private addresses.

E-mail addresses and websites use the reserved ``.example`` top-level domain, so that no
demo address can ever reach a real mailbox.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    postcodes: tuple[int, int]  # an inclusive range of plausible postcodes
    area_code: str  # national area code without the leading 0
    weight: int
    country: str = "Deutschland"
    country_code: str = "DE"
    venue: str = ""


CITIES: tuple[City, ...] = (
    City("Berlin", (10115, 14199), "30", 40, venue="Messe Berlin"),
    City("Hamburg", (20095, 22769), "40", 22, venue="Hamburg Messe"),
    City("München", (80331, 81929), "89", 25, venue="Messe München"),
    City("Köln", (50667, 51149), "221", 24, venue="Koelnmesse"),
    City("Frankfurt am Main", (60306, 60599), "69", 18, venue="Messe Frankfurt"),
    City("Stuttgart", (70173, 70629), "711", 14, venue="Messe Stuttgart"),
    City("Düsseldorf", (40210, 40629), "211", 14, venue="Messe Düsseldorf"),
    City("Leipzig", (4103, 4357), "341", 9, venue="Leipziger Messe"),
    City("Dresden", (1067, 1328), "351", 7),
    City("Hannover", (30159, 30659), "511", 9, venue="Messe Hannover"),
    City("Nürnberg", (90402, 90491), "911", 8, venue="NürnbergMesse"),
    City("Bonn", (53111, 53229), "228", 6),
    City("Essen", (45127, 45359), "201", 7, venue="Messe Essen"),
    City("Dortmund", (44135, 44388), "231", 7, venue="Westfalenhallen"),
    City("Bremen", (28195, 28779), "421", 6),
    City("Münster", (48143, 48167), "251", 5),
    City("Freiburg im Breisgau", (79098, 79117), "761", 4),
    City("Aachen", (52062, 52080), "241", 4),
    City("Mannheim", (68159, 68309), "621", 4),
    City("Karlsruhe", (76131, 76229), "721", 4),
    City("Heidelberg", (69115, 69126), "6221", 3),
    City("Augsburg", (86150, 86199), "821", 3),
    City("Wiesbaden", (65183, 65207), "611", 3),
    City("Mainz", (55116, 55131), "6131", 3),
    City("Kiel", (24103, 24159), "431", 3),
    City("Lübeck", (23552, 23570), "451", 2),
    City("Rostock", (18055, 18147), "381", 2),
    City("Regensburg", (93047, 93059), "941", 2),
    City("Würzburg", (97070, 97084), "931", 2),
    City("Göttingen", (37073, 37085), "551", 2),
    City("Erlangen", (91052, 91058), "9131", 2),
    City("Potsdam", (14467, 14482), "331", 2),
    City("Jena", (7743, 7751), "3641", 1),
    City("Saarbrücken", (66111, 66133), "681", 2),
    City("Osnabrück", (49074, 49090), "541", 2),
    City("Bielefeld", (33602, 33739), "521", 3),
    City("Wuppertal", (42103, 42399), "202", 3),
    City("Ulm", (89073, 89081), "731", 2),
    City("Konstanz", (78462, 78467), "7531", 1),
    City("Oldenburg", (26121, 26135), "441", 2),
)

# Where the international contacts live: (city, country, country code).
FOREIGN_CITIES: dict[str, tuple[str, str, str]] = {
    "en_GB": ("London", "United Kingdom", "GB"),
    "en_US": ("New York", "United States", "US"),
    "fr_FR": ("Paris", "France", "FR"),
    "it_IT": ("Milano", "Italia", "IT"),
    "tr_TR": ("İstanbul", "Türkiye", "TR"),
    "pl_PL": ("Warszawa", "Polska", "PL"),
}

# Locales of the persons and how often each occurs (German names mostly).
LOCALES: tuple[tuple[str, int], ...] = (
    ("de_DE", 78),
    ("en_GB", 4),
    ("en_US", 4),
    ("fr_FR", 3),
    ("it_IT", 3),
    ("tr_TR", 5),
    ("pl_PL", 3),
)

COUNTRIES_DE: tuple[str, ...] = (
    "Polen",
    "Frankreich",
    "die Türkei",
    "Italien",
    "Großbritannien",
    "die USA",
    "Österreich",
    "die Schweiz",
    "die Niederlande",
    "Skandinavien",
)

COUNTRIES_EN: tuple[str, ...] = (
    "Poland",
    "France",
    "Turkey",
    "Italy",
    "the UK",
    "the US",
    "Austria",
    "Switzerland",
)

VENUES: tuple[str, ...] = (
    "Rathaus",
    "Hotel am Stadtpark",
    "Kongresshalle",
    "Haus der Wirtschaft",
    "Alte Feuerwache",
    "Technologiepark",
    "Kulturzentrum",
    "Zeche",
    "Stadthalle",
    "Loft am Hafen",
)

MEETING_PLACES: tuple[str, ...] = (
    "Café am Markt",
    "Büro",
    "Kantine",
    "Restaurant Zum Goldenen Anker",
    "Bistro im Hauptbahnhof",
    "Hotellobby",
    "Brauhaus",
    "Coworking Space",
    "beim Kunden",
    "Trattoria Da Luigi",
    "Golfclub",
)

VIDEO_PLACES: tuple[str, ...] = ("Zoom", "Microsoft Teams", "Google Meet", "Jitsi")

MESSENGERS: tuple[str, ...] = ("Signal", "WhatsApp", "Threema", "Telegram")

FREEMAIL: tuple[str, ...] = (
    "gmx.example",
    "web.example",
    "t-online.example",
    "gmail.example",
    "outlook.example",
    "posteo.example",
)
