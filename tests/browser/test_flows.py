"""Flows across pages in a real browser: a job and a relationship filled in in place on a
person's page, a conversation with a promise logged from the header, and the language.

Each test first adds the persons it needs with the ``knoten`` command, under names no
other test uses, so the tests do not depend on one another's order.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tests.browser.conftest import Server, new_context
from tests.browser.helpers import BROWSER, skip_module_unless_runnable

pytestmark = BROWSER
skip_module_unless_runnable()

from playwright.sync_api import Browser, Locator, Page, Response, expect  # noqa: E402

MARK_WINDOW = "() => { window.knotenStayed = true; }"
WINDOW_STAYED = "() => window.knotenStayed === true"


def add_person(server: Server, name: str, *options: str) -> int:
    answer = json.loads(server.knoten("person", "add", name, *options, "--json"))
    return int(answer["id"])


def is_post(response: Response) -> bool:
    return response.request.method == "POST"


def section(page: Page, heading: str) -> Locator:
    """The section of a person's page whose heading starts with ``heading``."""
    return page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^" + re.escape(heading)))
    )


def test_add_a_job_in_place(page: Page, server: Server) -> None:
    person = add_person(server, "Frieda Fleißig")
    page.goto(f"/people/{person}/")
    page.evaluate(MARK_WINDOW)
    section(page, "Career").get_by_role("button", name="Add job").click()

    page.get_by_label("Organisation").fill("Bäckerei Köhler")
    page.get_by_label("Title", exact=True).fill("Konditormeisterin")
    page.get_by_role("button", name="Save").click()

    career = section(page, "Career")
    expect(career).to_contain_text("Konditormeisterin")
    expect(career).to_contain_text("Bäckerei Köhler")
    expect(page.get_by_label("Organisation")).to_have_count(0)
    assert page.evaluate(WINDOW_STAYED), "saving the job reloaded the whole page"

    page.reload()
    expect(section(page, "Career")).to_contain_text("Konditormeisterin, Bäckerei Köhler")


def test_add_a_relationship_in_place(page: Page, server: Server) -> None:
    person = add_person(server, "Rudi Rastlos")
    add_person(server, "Wilhelmine Wegweiser")
    page.goto(f"/people/{person}/")
    page.evaluate(MARK_WINDOW)
    section(page, "Relationships").get_by_role("button", name="Add relationship").click()

    other = page.get_by_label("Person", exact=True)
    other.press_sequentially("Wegwei", delay=40)
    page.get_by_role("option", name="Wilhelmine Wegweiser").click()
    expect(other).to_have_value(re.compile("Wilhelmine Wegweiser"))

    kinds = page.get_by_label("Relationship", exact=True)
    labels = [text.strip() for text in kinds.locator("option").all_inner_texts()]
    values = kinds.locator("option").evaluate_all("options => options.map(o => o.value)")
    choices = [label for label, value in zip(labels, values, strict=True) if value]
    assert choices, "the Relationship select offers no kinds"
    kind = next((label for label in choices if "friend" in label.lower()), choices[0])
    kinds.select_option(label=kind)
    page.get_by_role("button", name="Save").click()

    relations = section(page, "Relationships")
    expect(relations.get_by_role("link", name="Wilhelmine Wegweiser", exact=True)).to_be_visible()
    assert page.evaluate(WINDOW_STAYED), "saving the relationship reloaded the whole page"

    page.reload()
    expect(
        section(page, "Relationships").get_by_role("link", name="Wilhelmine Wegweiser", exact=True)
    ).to_be_visible()


def test_log_a_conversation_with_a_promise(page: Page, server: Server) -> None:
    person = add_person(server, "Lotte Lachmann", "--org", "Steuerbüro Lachmann")
    page.goto("/people/")
    page.get_by_role("banner").get_by_role("link", name="Log a conversation").click()

    page.get_by_label("With", exact=True).press_sequentially("Lachm", delay=40)
    suggestion = page.get_by_role("listbox").get_by_role("option", name="Lotte Lachmann")
    suggestion.click()
    page.get_by_label("What was said").fill("Coffee: she looks for a CFO for a client")
    page.get_by_label("When", exact=True).fill("2026-11-20")
    page.get_by_label("Promise", exact=True).fill("send her Anna's profile")
    page.get_by_label("Due", exact=True).first.fill("2030-12-04")
    with page.expect_response(is_post) as answer:
        page.get_by_role("button", name="Save").click()
    assert answer.value.ok, f"saving the conversation answered {answer.value.status}"

    page.goto(f"/people/{person}/")
    expect(section(page, "Timeline")).to_contain_text("Coffee: she looks for a CFO for a client")
    expect(section(page, "Open promises")).to_contain_text("send her Anna's profile")


def switch_language(page: Page, label: str) -> None:
    """Pick a language in the footer form, from an English page (the contract's words)."""
    footer = page.get_by_role("contentinfo")
    footer.get_by_label("Language", exact=True).select_option(label=label)
    footer.get_by_role("button", name="Change", exact=True).click()
    page.wait_for_load_state()


def test_switch_the_language_in_the_footer(page: Page) -> None:
    page.goto("/people/")
    switch_language(page, "Deutsch")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page).to_have_url(re.compile(r"/people/$"))
    expect(page.get_by_role("contentinfo").locator("select")).to_have_value("de")
    # Back, from the German page: the footer's one select and one button.
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("combobox").select_option(label="English")
    footer.get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="People")).to_be_visible()


def test_after_switching_to_deutsch_the_nav_reads_personen(page: Page) -> None:
    page.goto("/")
    switch_language(page, "Deutsch")
    nav = page.get_by_role("banner").get_by_role("navigation")
    expect(nav.get_by_role("link", name="Personen")).to_be_visible()


def test_a_german_browser_gets_german_pages(
    browser: Browser, server: Server, signed_in: dict[str, Any]
) -> None:
    context = new_context(browser, server, signed_in, locale="de-DE")
    try:
        tab = context.new_page()
        tab.goto("/")
        expect(tab.locator("html")).to_have_attribute("lang", "de")
    finally:
        context.close()


def test_a_german_browser_reads_personen_without_switching(
    browser: Browser, server: Server, signed_in: dict[str, Any]
) -> None:
    context = new_context(browser, server, signed_in, locale="de-DE")
    try:
        tab = context.new_page()
        tab.goto("/")
        nav = tab.get_by_role("banner").get_by_role("navigation")
        expect(nav.get_by_role("link", name="Personen")).to_be_visible()
    finally:
        context.close()


def focused(page: Page) -> str:
    """The focused element's label (or its text), to follow the keyboard."""
    return str(
        page.evaluate(
            """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  if (el.labels && el.labels.length) return el.labels[0].textContent.trim();
  return (el.getAttribute('aria-label') || el.textContent || '').trim();
}"""
        )
    )


def tab_to(page: Page, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_add_a_job_by_keyboard_only(page: Page, server: Server) -> None:
    person = add_person(server, "Kai Keller")
    page.goto(f"/people/{person}/")
    tab_to(page, "Add job")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Organisation")).to_be_focused()
    page.keyboard.type("Kellerei Kai")
    tab_to(page, "Title")
    page.keyboard.type("Winzer")
    page.keyboard.press("Enter")
    expect(section(page, "Career")).to_contain_text("Winzer, Kellerei Kai")


def test_log_a_conversation_by_keyboard_only(page: Page, server: Server) -> None:
    person = add_person(server, "Tamara Tastenreich")
    page.goto("/people/")
    tab_to(page, "Log a conversation")
    page.keyboard.press("Enter")
    expect(page.get_by_label("With", exact=True)).to_be_visible()
    tab_to(page, "With")
    page.keyboard.type("Tastenr")
    expect(page.get_by_role("option", name="Tamara Tastenreich")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_label("With", exact=True)).to_have_value(re.compile("Tamara Tastenreich"))
    tab_to(page, "What was said")
    page.keyboard.type("Phone call about the keyboard shortcuts")
    tab_to(page, "Promise")
    page.keyboard.type("send the list of shortcuts")
    tab_to(page, "Save")
    with page.expect_response(is_post) as answer:
        page.keyboard.press("Enter")
    assert answer.value.ok, f"saving the conversation answered {answer.value.status}"

    page.goto(f"/people/{person}/")
    expect(section(page, "Timeline")).to_contain_text("Phone call about the keyboard")
    expect(section(page, "Open promises")).to_contain_text("send the list of shortcuts")
