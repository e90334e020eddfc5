"""A person at a glance and the command palette, in Chromium (issue 17, part B).

At 1280 and 375 pixels, in English and German: the person page's header and its two
columns (at least 900 pixels of content on a desktop, nothing sideways on a phone), the
page's own HTML, CSS and JavaScript under 150 KB, and the palette: Ctrl+K opens it with
the cursor in it, "muel" finds Müller, Enter opens him. Screenshots go to
.test-artifacts/screenshots/ (and the English desktop one to docs/images/person.png).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Server, new_context, watch
from tests.browser.helpers import BROWSER, SCREENSHOTS, for_the_docs, skip_module_unless_runnable

pytestmark = BROWSER
skip_module_unless_runnable()

from playwright.sync_api import Browser, Page, Response, expect  # noqa: E402

PAGE_BUDGET = 150 * 1024  # bytes of a page's own HTML, CSS and JavaScript, uncompressed
WIDE = 900  # pixels of content a person's page uses at 1280
LOCALES = {"en": "en-GB", "de": "de-DE"}
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _id(server: Server, *args: str) -> int:
    return int(json.loads(server.knoten(*args, "--json"))["id"])


@pytest.fixture(scope="module")
def mueller(server: Server) -> int:
    """Dr. Jürgen Müller with a job, contact details, circles, conversations, a promise,
    a favour and a colleague: a person whose page has something in every part."""
    person = _id(
        server,
        "person",
        "add",
        "Dr. Jürgen Müller",
        "--org",
        "Acme Maschinenbau GmbH",
        "--title",
        "CTO",
        "--email",
        "work:j.mueller@acme.example",
        "--phone",
        "mobile:+49 170 1234567",
        "--circle",
        "Kunden",
        "--skill",
        "Industrie 4.0",
        "--birthday",
        "14.03.1972",
        "--du",
        "--how-met",
        "Sat next to each other at the Hannover Messe dinner.",
        "--importance",
        "important",
    )
    colleague = _id(server, "person", "add", "Anna Schmidt", "--org", "Acme Maschinenbau GmbH")
    server.knoten("relate", str(person), str(colleague), "--kind", "colleague", "--trust", "4")
    for day, summary in (
        ("2026-09-03", "Call about the retrofit tender"),
        ("2026-10-14", "Lunch at the Messe, talked about predictive maintenance"),
    ):
        server.knoten("log", summary, "--with", str(person), "--on", day, "--kind", "meeting")
    server.knoten(
        "log",
        "Coffee: he needs a Python contractor",
        "--with",
        str(person),
        "--on",
        "2026-11-20",
        "--promise",
        "send two names by 2026-12-20",
        "--got",
        "tip",
    )
    return person


@pytest.fixture(params=["en-1280", "en-375", "de-1280", "de-375"])
def tab(
    request: pytest.FixtureRequest, browser: Browser, server: Server, signed_in: dict[str, Any]
) -> Iterator[tuple[Page, str, bool]]:
    """A signed-in tab in each language at desktop and phone width; browser errors fail."""
    language, width = request.param.split("-")
    phone = width == "375"
    context = new_context(browser, server, signed_in, phone=phone, locale=LOCALES[language])
    page = context.new_page()
    problems = watch(page, server)
    try:
        yield page, request.param, phone
        assert not problems, "the browser reported errors:\n" + "\n".join(problems)
    finally:
        context.close()


def _bytes_loaded(page: Page, url: str) -> int:
    """The uncompressed bytes of the document and every script and style sheet it loads."""
    seen: list[Response] = []
    page.on("response", lambda response: seen.append(response))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return sum(
        len(response.body())
        for response in seen
        if response.request.resource_type in ("document", "script", "stylesheet")
    )


def test_a_person_at_a_glance(tab: tuple[Page, str, bool], mueller: int) -> None:
    page, name, phone = tab
    loaded = _bytes_loaded(page, f"/people/{mueller}/")
    assert loaded < PAGE_BUDGET, f"the person page loads {loaded} bytes"
    head = page.locator("#section-basics")
    expect(head.get_by_role("heading", level=1)).to_have_text("Dr. Jürgen Müller")
    expect(head).to_contain_text("CTO")
    expect(head).to_contain_text("Acme Maschinenbau GmbH")
    expect(head).to_contain_text(re.compile("Kunden|clients"))
    expect(head.locator("span.avatar")).to_have_text("JM")
    expect(head.locator(".glance-figure")).to_have_text(re.compile(r"^\d+$"))
    german = name.startswith("de")
    expect(
        head.get_by_role("link", name=re.compile("^(Festhalten|Log)" if german else "^Log"))
    ).to_have_attribute("href", f"/log/?with={mueller}")
    path = head.locator(f'a[href="/path/?target={mueller}"]')
    expect(path).to_be_visible()
    timeline = page.locator("#section-conversations")
    expect(timeline).to_contain_text("Coffee: he needs a Python contractor")
    expect(timeline).to_contain_text("send two names")
    # Newest first: the coffee (November) above the call (September).
    text = timeline.inner_text()
    assert text.index("Coffee") < text.index("retrofit tender")
    facts = page.locator(".glance-facts").bounding_box()
    line = page.locator(".glance-timeline").bounding_box()
    assert facts is not None and line is not None
    if phone:
        assert page.evaluate(SIDEWAYS) <= 0, f"{name}: the page scrolls sideways"
        assert line["y"] > facts["y"], "on a phone the timeline comes below the facts"
    else:
        content = page.locator(".glance").bounding_box()
        assert content is not None and content["width"] >= WIDE, content
        assert abs(line["y"] - facts["y"]) < 2 and line["x"] > facts["x"] + 300, "two columns"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"person-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    if name == "en-1280":
        for_the_docs(page, "person")
    if german:
        expect(page.locator("html")).to_have_attribute("lang", "de")


def test_the_palette_finds_mueller(tab: tuple[Page, str, bool], mueller: int) -> None:
    page, name, _phone = tab
    page.goto("/people/")
    palette = page.locator("#palette")
    expect(palette).to_be_hidden()
    page.keyboard.press("Control+k")
    expect(palette).to_be_visible()
    field = page.locator("#palette-q")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("role", "combobox")
    page.keyboard.type("muel")
    option = palette.get_by_role("option", name=re.compile("Jürgen Müller"))
    expect(option).to_be_visible()
    expect(option).to_contain_text("CTO, Acme Maschinenbau GmbH")
    # The first match is selected; other tests' records on the shared server (an
    # organisation "Müller Maschinenbau", say) may come before him: the arrows reach him.
    expect(palette.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    for _step in range(palette.get_by_role("option").count()):
        if option.get_attribute("aria-selected") == "true":
            break
        page.keyboard.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#palette-status")).to_have_text(re.compile(r"\d|One|Ein"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"palette-{name}.png"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/people/{mueller}/$"))


def test_palette_commands_slash_escape_and_the_shortcut_sheet(page: Page, mueller: int) -> None:
    page.goto("/")
    page.keyboard.press("/")
    field = page.locator("#palette-q")
    expect(field).to_be_focused()
    page.keyboard.type("who knows Python")
    expect(page.get_by_role("option", name=re.compile("Who knows about “Python”"))).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#palette")).to_be_hidden()
    page.keyboard.press("Control+k")
    page.keyboard.type("add person")
    expect(page.locator("#palette-list")).to_have_attribute("data-answers", "add person")
    options = page.locator("#palette-list").get_by_role("option")
    expect(options.first).to_contain_text("Add a person")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/people/add/$"))
    page.keyboard.press("?")  # in the name field: a question mark, not the sheet
    expect(page.locator("#shortcuts")).to_be_hidden()
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("?")
    sheet = page.locator("#shortcuts")
    expect(sheet).to_be_visible()
    expect(sheet.get_by_role("heading", name="Keyboard shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    expect(sheet).to_be_hidden()
    # Down and up move through the options; the one chosen is announced as active.
    page.keyboard.press("Control+k")
    page.keyboard.type("a")
    # The answer to "a", not the list the empty field showed on opening.
    expect(page.locator("#palette-list")).to_have_attribute("data-answers", "a")
    expect(options.nth(1)).to_be_visible()
    page.keyboard.press("ArrowDown")
    second = options.nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    chosen = second.get_attribute("id")
    expect(page.locator("#palette-q")).to_have_attribute("aria-activedescendant", chosen or "")


def test_the_timeline_filters_and_archive_has_undo(page: Page, server: Server) -> None:
    person = _id(server, "person", "add", "Rita Rückgängig")
    server.knoten("log", "Phone call", "--with", str(person), "--promise", "send the deck")
    page.goto(f"/people/{person}/")
    timeline = page.locator("#section-conversations")
    timeline.get_by_role("link", name=re.compile("^Promises")).click()
    expect(timeline.get_by_role("link", name=re.compile("^Promises"))).to_have_attribute(
        "aria-current", "true"
    )
    expect(timeline.locator(".tl-item")).to_have_count(1)
    expect(timeline).to_contain_text("send the deck")
    expect(timeline).not_to_contain_text("Phone call")
    # "Delete person" archives first: a toast says so, and Undo brings her back.
    page.locator(".glance-more summary").click()
    page.get_by_role("button", name="Delete person").click()
    toast = page.get_by_role("status").filter(has_text="is in the archive")
    expect(toast).to_be_visible()
    expect(page.locator(".glance-badges")).to_contain_text("archived")
    toast.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status").filter(has_text="back from the archive")).to_be_visible()
    expect(page.locator(".glance-badges")).not_to_contain_text("archived")
    listed = json.loads(server.knoten("person", "show", str(person), "--json"))
    assert listed["archived"] is False
