"""Every page of the site a signed-in person reaches, for the checks that open each one on a
demo network: axe-core in ``tests/browser/test_accessibility.py`` and the page budget in
``tests/web/test_page_budget.py``.

``{person}``, ``{organisation}``, ``{event}`` and ``{project}`` stand for a demo record's id.
"""

from __future__ import annotations

from collections.abc import Mapping

PAGES = {
    "home": "/",
    "people": "/people/",
    "person": "/people/{person}/",
    "add": "/people/add/",
    "log": "/log/",
    "organisations": "/organisations/",
    "organisation": "/organisations/{organisation}/",
    "events": "/events/",
    "event": "/events/{event}/",
    "projects": "/projects/",
    "project": "/projects/{project}/",
    "import": "/import/",
    "mail": "/mail/",
    "duplicates": "/duplicates/",
    "export": "/export/",
    "favours": "/favours/",
    "give-and-take": "/give-and-take/",
    "roi": "/roi/",
    "due": "/due/",
    "today": "/today/",
    "share": "/share/",
    "note": "/note/",
    "calendar": "/calendar/",
    "templates": "/drafts/templates/",
    "whoknows": "/whoknows/?topic=Steuerrecht",
    "path": "/path/?target={person}",
    "network": "/network/",
    "multipliers": "/network/multipliers/",
    "comfort": "/network/comfort/",
}

# Persons in the demo network the pages are opened on: every list, chart and drawing has
# something in it.
DEMO_SIZE = 300


def page_urls(shown: Mapping[str, int]) -> dict[str, str]:
    """Each page's address, with the ids of the records ``shown`` names."""
    return {name: path.format(**shown) for name, path in PAGES.items()}
