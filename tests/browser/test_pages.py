"""The web app in a real browser: sign in with the link, add a person, search as you
type, reach everything by keyboard, and every page at desktop and phone size.

These run against ``knoten serve`` (see conftest.py); data the tests need is added with
the ``knoten`` command on the server's data folder, as a user would.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.browser.conftest import Server, new_context, watch
from tests.browser.helpers import BROWSER, PHONE, SCREENSHOTS, skip_module_unless_runnable

pytestmark = BROWSER
skip_module_unless_runnable()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

# Inputs a person can fill in that have no accessible name (label, aria-label(ledby)).
UNLABELLED_FIELDS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'button')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby') && !el.title)
  .map(el => el.outerHTML)"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  return el.id ? '#' + el.id : el.tagName.toLowerCase() + ':' + (el.textContent || '').trim();
}"""


def add_person(server: Server, name: str, *options: str) -> int:
    answer = json.loads(server.knoten("person", "add", name, *options, "--json"))
    return int(answer["id"])


def test_the_sign_in_link_signs_in_once(
    browser: Browser, server: Server, signed_in: dict[str, Any]
) -> None:
    landing = signed_in["landing"]
    assert landing["from"] == server.signin_link
    assert landing["url"] == server.base_url + "/"
    assert landing["status"] == 200
    assert landing["heading"].startswith("Hello, ")

    context = new_context(browser, server, signed_in)
    try:
        home = context.new_page()
        home.goto("/")
        expect(home).to_have_url(server.base_url + "/")
        expect(home.get_by_role("button", name="Sign out")).to_be_visible()
    finally:
        context.close()

    # The same link again, in another browser: refused, and nobody is signed in.
    stranger = new_context(browser, server, None)
    try:
        tab = stranger.new_page()
        response = tab.goto(server.signin_link)
        assert response is not None and response.status == 403
        expect(tab.get_by_role("heading", level=1)).to_have_text(
            "This sign-in link no longer works"
        )
        tab.goto("/people/")
        expect(tab).to_have_url(re.compile(r"/login/\?next=/people/$"))
        expect(tab.get_by_role("button", name="Sign out")).to_have_count(0)
    finally:
        stranger.close()


def test_add_a_person_with_only_a_name(page: Page) -> None:
    page.goto("/people/")
    page.get_by_role("main").get_by_role("link", name="Add a person").click()
    expect(page).to_have_url(re.compile(r"/people/add/$"))

    # Nothing at all: the form says what is missing and keeps the page.
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#error_name")).not_to_be_empty()
    expect(page).to_have_url(re.compile(r"/people/add/$"))

    page.get_by_label("Name").fill("Greta Grünewald")
    page.get_by_role("button", name="Add").click()
    expect(page).to_have_url(re.compile(r"/people/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Greta Grünewald")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(page.get_by_role("link", name="Greta Grünewald", exact=True)).to_have_count(1)


@pytest.mark.parametrize("typed", ["Muller", "Mueller", "müller"])
def test_search_as_you_type_finds_umlaut_variants(page: Page, server: Server, typed: str) -> None:
    if not server.state.get("jürgen"):
        server.state["jürgen"] = add_person(server, "Jürgen Müller", "--org", "Bäckerei Köhler")
        add_person(server, "Hans Mahler")
    page.goto("/people/")
    # A mark on the window: it survives only if the results come without a page load.
    page.evaluate("() => { window.knotenStayed = true; }")
    search = page.get_by_label("Search by name, organisation, skill …")
    search.press_sequentially(typed, delay=40)
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Jürgen Müller", exact=True)).to_be_visible()
    expect(results.get_by_role("link", name="Hans Mahler", exact=True)).to_have_count(0)
    assert page.evaluate("() => window.knotenStayed === true"), "the search reloaded the page"
    expect(page).to_have_url(re.compile(r"[?&]q=" + re.escape(typed).replace("ü", "(ü|%C3%BC)")))

    results.get_by_role("link", name="Jürgen Müller", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jürgen Müller")


def test_the_keyboard_reaches_the_search_and_adding_a_person(page: Page, server: Server) -> None:
    if "tilda" not in server.state:
        server.state["tilda"] = add_person(server, "Tilda Tabulator")
    page.goto("/people/")
    reached: list[str] = []
    for _ in range(25):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))
    assert reached[0] == "a:Skip to content", reached
    assert "#nav-q" in reached, reached
    assert "#q" in reached, reached
    assert "a:Add a person" in reached, reached
    assert reached.index("#nav-q") < reached.index("a:Add a person") < reached.index("#q")

    # Typing into the search with the keyboard only, then following a result.
    page.goto("/people/")
    for _ in range(reached.index("#q") + 1):
        page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "#q"
    page.keyboard.type("Tabulator")
    expect(
        page.locator("#results").get_by_role("link", name="Tilda Tabulator", exact=True)
    ).to_be_visible()

    # "Add a person" by Enter: the form opens with the name field focused.
    page.goto("/people/")
    for _ in range(reached.index("a:Add a person") + 1):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/people/add/$"))
    expect(page.get_by_label("Name")).to_be_focused()
    page.keyboard.type("Karl Keyboard")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Karl Keyboard")


# Every page a signed-in person reaches from the navigation, and the forms behind them.
PAGES = [
    "home",
    "people",
    "person",
    "person-editing",
    "add",
    "log",
    "organisations",
    "organisation",
    "events",
    "event",
    "projects",
    "project",
    "import",
    "mail",
    "duplicates",
    "export",
]


@pytest.fixture
def shown(server: Server) -> dict[str, int]:
    """A person with something in every section, and an event and a project around her."""
    if "shown" not in server.state:
        anna = add_person(
            server,
            "Dr. Anna Schmidt-Bergmann",
            "--org",
            "Müller Maschinenbau GmbH & Co. KG",
            "--title",
            "Chief Financial Officer",
            "--email",
            "anna.schmidt-bergmann@mueller-maschinenbau.example",
            "--phone",
            "mobile:+49 170 1234567",
            "--circle",
            "Kollegen",
            "--skill",
            "Steuerrecht",
            "--birthday",
            "14.03.1980",
            "--how-met",
            "At the Hannover Messe, by the coffee stand",
        )
        ben = add_person(server, "Ben Weber", "--org", "Weber & Söhne", "--title", "CEO")
        server.knoten("relate", str(ben), str(anna), "--kind", "boss", "--trust", "4")
        server.knoten(
            "log",
            "Lunch: she is looking for a tax adviser",
            "--with",
            str(anna),
            "--promise",
            "send contacts by 2030-01-15",
        )
        organisation = json.loads(
            server.knoten("org", "show", "Müller Maschinenbau GmbH & Co. KG", "--json")
        )
        event = json.loads(
            server.knoten(
                "event",
                "add",
                "Hannover Messe 2030",
                "--kind",
                "trade fair",
                "--on",
                "2030-04-22",
                "--until",
                "2030-04-26",
                "--place",
                "Messegelände Hannover",
                "--attendee",
                str(anna),
                "--json",
            )
        )
        project = json.loads(
            server.knoten(
                "project",
                "add",
                "Steuerberatung für die Werkserweiterung",
                "--org",
                "Müller Maschinenbau GmbH & Co. KG",
                "--with",
                f"{anna}=lead",
                "--json",
            )
        )
        server.state["shown"] = {
            "person": anna,
            "organisation": int(organisation["id"]),
            "event": int(event["id"]),
            "project": int(project["id"]),
        }
    return dict(server.state["shown"])


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_at_desktop_and_phone_size(
    browser: Browser,
    server: Server,
    signed_in: dict[str, Any],
    shown: dict[str, int],
    name: str,
    size: str,
) -> None:
    """A screenshot of each page; every field labelled; nothing wider than a phone."""
    path = {
        "home": "/",
        "people": "/people/",
        "person": f"/people/{shown['person']}/",
        "person-editing": f"/people/{shown['person']}/",
        "add": "/people/add/",
        "log": "/log/",
        "organisations": "/organisations/",
        "organisation": f"/organisations/{shown['organisation']}/",
        "events": "/events/",
        "event": f"/events/{shown['event']}/",
        "projects": "/projects/",
        "project": f"/projects/{shown['project']}/",
        "import": "/import/",
        "mail": "/mail/",
        "duplicates": "/duplicates/",
        "export": "/export/",
    }[name]
    context = new_context(browser, server, signed_in, phone=size == "phone")
    try:
        tab = context.new_page()
        problems = watch(tab, server)
        response = tab.goto(path)
        assert response is not None and response.status == 200
        if name == "person-editing":
            tab.get_by_role("button", name="Add job").click()
            expect(tab.get_by_label("Organisation")).to_be_visible()
        look_at(tab, name, size)
        assert not problems, "the browser reported errors:\n" + "\n".join(problems)
    finally:
        context.close()


def test_the_sign_in_page_at_desktop_and_phone_size(browser: Browser, server: Server) -> None:
    for size in ("desktop", "phone"):
        context = new_context(browser, server, None, phone=size == "phone")
        try:
            tab = context.new_page()
            problems = watch(tab, server)
            tab.goto("/login/")
            expect(tab.get_by_label("Username")).to_be_visible()
            look_at(tab, "login", size)
            assert not problems, "the browser reported errors:\n" + "\n".join(problems)
        finally:
            context.close()


def look_at(tab: Page, name: str, size: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.png"), full_page=True)
    assert tab.evaluate(UNLABELLED_FIELDS) == [], f"{name}: fields without a label"
    if size == "phone":
        width = tab.evaluate("() => document.scrollingElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} scrolls sideways on a phone: {width}px wide"
