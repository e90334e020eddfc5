"""axe-core on every page, light and dark, English and German: no serious or critical
problem (contrast, names, roles, nesting such as ``nested-interactive``).

axe-core's script comes from the axe-playwright-python package (a test dependency); it is
injected into the page by Playwright and loads nothing from another host.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Server, new_context, watch
from tests.browser.helpers import BROWSER, skip_module_unless_runnable

pytestmark = BROWSER
skip_module_unless_runnable()

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser  # noqa: E402

from tests.browser.test_pages import shown  # noqa: E402,F401  (the fixture)

SERIOUS = {"serious", "critical"}

# Every page of the site a signed-in person reaches, with the records `shown` makes.
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

_axe = Axe()


def serious_problems(tab: Any) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each."""
    results = _axe.run(tab)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


@pytest.mark.parametrize(("scheme", "locale"), [("light", "en-GB"), ("dark", "de-DE")])
def test_no_page_has_a_serious_accessibility_problem(
    browser: Browser,
    server: Server,
    signed_in: dict[str, Any],
    shown: dict[str, int],  # noqa: F811
    scheme: str,
    locale: str,
) -> None:
    context = new_context(browser, server, signed_in, locale=locale)
    found: dict[str, list[str]] = {}
    try:
        tab = context.new_page()
        tab.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        errors = watch(tab, server)
        for name, path in PAGES.items():
            response = tab.goto(path.format(**shown))
            # No way to her is found (nobody links me to her): the page says so, as a 400.
            expected = 400 if name == "path" else 200
            assert response is not None and response.status == expected, (name, path)
            problems = serious_problems(tab)
            if problems:
                found[name] = problems
        assert not errors, "the browser reported errors:\n" + "\n".join(errors)
    finally:
        context.close()
    assert found == {}


def test_the_check_finds_a_problem_when_there_is_one(
    browser: Browser, server: Server, signed_in: dict[str, Any]
) -> None:
    """A link inside a button (the ``nested-interactive`` the ROI page once had) and an
    image without a name are found: the check above is not blind."""
    context = new_context(browser, server, signed_in)
    try:
        tab = context.new_page()
        tab.goto("/")
        tab.evaluate(
            """() => {
              const button = document.createElement('button');
              button.innerHTML = '<a href="/people/">Open</a>';
              document.querySelector('main').append(button);
              const image = document.createElement('img');
              image.src = '/static/web/knoten.css';
              document.querySelector('main').append(image);
            }"""
        )
        problems = " ".join(serious_problems(tab))
        assert "nested-interactive" in problems and "image-alt" in problems
    finally:
        context.close()
