"""Give and take in a real browser: a favour added and thanked on a person's page, a
recommendation with a picked name and its outcome on the favours page, a favour noted
while logging a conversation, and the return-on-time page with its two charts; every
page at desktop and phone size, looked at in screenshots.

The persons and events are added with the ``knoten`` command, under names no other test
uses; favours and recommendations are entered through the pages themselves.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Server, new_context, watch
from tests.browser.helpers import BROWSER, PHONE, SCREENSHOTS, skip_module_unless_runnable

pytestmark = BROWSER
skip_module_unless_runnable()

from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402

MARK_WINDOW = "() => { window.knotenStayed = true; }"
WINDOW_STAYED = "() => window.knotenStayed === true"
UNLABELLED_FIELDS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'button')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby') && !el.title)
  .map(el => el.outerHTML)"""


@pytest.fixture
def page(browser: Browser, server: Server, signed_in: dict[str, Any]) -> Iterator[Page]:
    """A signed-in tab at desktop size, as the shared one, but one that lets a form sent
    with htmx answer 400: the tests here send mistakes on purpose and check the answer.
    Anything else the browser reports still fails the test."""
    context = new_context(browser, server, signed_in)
    tab = context.new_page()
    problems = watch(tab, server)
    try:
        yield tab
        unexpected = [p for p in problems if "status of 400 (Bad Request)" not in p]
        assert not unexpected, "the browser reported errors:\n" + "\n".join(unexpected)
    finally:
        context.close()


def add_person(server: Server, name: str, *options: str) -> int:
    answer = json.loads(server.knoten("person", "add", name, *options, "--json"))
    return int(answer["id"])


def days_ago(days: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def give_and_take(page: Page) -> Locator:
    return page.locator("#section-favours")


def flow_totals(where: Locator) -> list[str]:
    return [text.strip() for text in where.locator(".flow-total").all_inner_texts()]


def look_at(tab: Page, name: str, size: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.png"), full_page=True)
    assert tab.evaluate(UNLABELLED_FIELDS) == [], f"{name}: fields without a label"
    if size == "phone":
        width = tab.evaluate("() => document.scrollingElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} scrolls sideways on a phone: {width}px wide"


def test_add_a_favour_and_thank_for_it_on_the_person_page(page: Page, server: Server) -> None:
    person = add_person(server, "Gisela Gebefreudig")
    page.goto(f"/people/{person}/")
    page.evaluate(MARK_WINDOW)
    section = give_and_take(page)
    expect(section).to_contain_text("Nothing given or received yet.")

    section.get_by_role("button", name="Add favour").click()
    page.get_by_label("Who did whom the favour").select_option(label="They did me the favour")
    page.get_by_label("Kind of favour").select_option(label="know-how or advice")
    page.get_by_label("Effort in minutes").fill("viele")
    page.get_by_role("button", name="Save").click()
    # A mistake: named beside its field, the form kept.
    expect(page.get_by_label("Effort in minutes")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#error_id_favours_minutes")).to_contain_text("whole number")

    page.get_by_label("Effort in minutes").fill("45")
    page.get_by_label("Note", exact=True).fill("Tipps zur Ausschreibung")
    page.get_by_role("button", name="Save").click()

    section = give_and_take(page)
    expect(section.locator(".give-row")).to_have_count(1)
    expect(section).to_contain_text("Tipps zur Ausschreibung")
    assert flow_totals(section) == ["0", "1"]
    expect(section).to_contain_text("not thanked yet")

    section.get_by_role("button", name=re.compile("^Thanked")).click()
    expect(give_and_take(page)).to_contain_text("thanked ")
    expect(give_and_take(page).get_by_role("button", name=re.compile("^Thanked"))).to_have_count(0)
    assert page.evaluate(WINDOW_STAYED), "thanking reloaded the whole page"

    page.reload()
    expect(give_and_take(page)).to_contain_text("thanked ")


def test_a_recommendation_with_a_picked_name_and_its_outcome(page: Page, server: Server) -> None:
    add_person(server, "Ulrike Unterstützer")
    add_person(server, "Viktor Vermittelt")
    page.goto("/favours/")
    page.get_by_role("link", name="Add a recommendation").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a recommendation")
    expect(page.get_by_label("Recommender")).to_have_value("me")

    beneficiary = page.get_by_label("Beneficiary")
    beneficiary.press_sequentially("Vermit", delay=40)
    page.get_by_role("option", name="Viktor Vermittelt").click()
    expect(beneficiary).to_have_value("Viktor Vermittelt")
    page.get_by_label("Recipient").fill("Ulrike")
    page.get_by_label("Context").fill("Sucht einen Vertriebspartner")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/favours/$"))
    expect(page.get_by_role("status")).to_contain_text("Recommendation saved.")
    row = page.locator("#recommendations .give-row", has_text="Sucht einen Vertriebspartner")
    expect(row).to_contain_text("Viktor Vermittelt")
    page.evaluate(MARK_WINDOW)

    # A value without "order won": the message beside the field, in the row.
    row.locator("summary", has_text="Outcome").click()
    row.get_by_label("Value of the order won").fill("12.000 EUR")
    row.get_by_role("button", name="Save outcome").click()
    row = page.locator("#recommendations .give-row", has_text="Sucht einen Vertriebspartner")
    expect(row.locator("p.error")).to_contain_text("set the outcome to won")
    expect(row.get_by_label("Value of the order won")).to_have_attribute("aria-invalid", "true")

    row.get_by_label("What came of it").select_option(label="order won")
    row.get_by_role("button", name="Save outcome").click()
    row = page.locator("#recommendations .give-row", has_text="Sucht einen Vertriebspartner")
    expect(row).to_contain_text("order won (12,000.00 EUR)")
    row.get_by_role("button", name=re.compile("^Recipient thanked")).click()
    row = page.locator("#recommendations .give-row", has_text="Sucht einen Vertriebspartner")
    expect(row).to_contain_text("recipient thanked")
    assert page.evaluate(WINDOW_STAYED), "the row buttons reloaded the whole page"
    look_at(page, "favours-after-outcome", "desktop")


def test_a_favour_noted_while_logging_a_conversation(page: Page, server: Server) -> None:
    person = add_person(server, "Waltraud Wohlwollend")
    page.goto(f"/log/?with={person}")
    page.get_by_label("What was said").fill("Kaffee; sie stellte mich ihrem Chef vor")
    page.get_by_text("A favour in this conversation").click()
    page.get_by_label("They did me a favour").select_option(label="introduction")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".saved")).to_contain_text("The favour is noted.")
    page.goto(f"/people/{person}/")
    section = give_and_take(page)
    expect(section.locator(".give-row")).to_have_count(1)
    expect(section).to_contain_text("introduction")
    assert flow_totals(section) == ["0", "1"]


@pytest.fixture
def channels(server: Server) -> dict[str, int]:
    """An event that took a day and brought a contact, and one that brought nothing."""
    if "give-channels" not in server.state:
        fruitful = json.loads(
            server.knoten(
                "event",
                "add",
                "Xenia-Netzwerkabend",
                "--on",
                days_ago(40),
                "--hours",
                "4",
                "--cost",
                "35 EUR",
                "--json",
            )
        )
        server.knoten(
            "event",
            "add",
            "Yvonne-Cloudmesse",
            "--kind",
            "trade fair",
            "--on",
            days_ago(60),
            "--hours",
            "26",
            "--cost",
            "1.250 EUR",
            "--json",
        )
        met = add_person(server, "Xenia Xylander", "--met-at", "Xenia-Netzwerkabend")
        server.state["give-channels"] = {"event": int(fruitful["id"]), "met": met}
    return dict(server.state["give-channels"])


def test_the_return_on_time_page_draws_its_table_and_charts(
    page: Page, channels: dict[str, int]
) -> None:
    page.goto(f"/people/{channels['met']}/")
    give_and_take(page).get_by_role("button", name="Add favour").click()
    page.get_by_label("Who did whom the favour").select_option(label="They did me the favour")
    page.get_by_label("Kind of favour").select_option(label="job lead")
    page.get_by_label("When").fill(days_ago(20))
    page.get_by_role("button", name="Save").click()
    expect(give_and_take(page).locator(".give-row")).to_have_count(1)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Return on time").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Return on networking time")
    table = page.locator("table.figures").first
    fruitful = table.locator("tr", has_text="Xenia-Netzwerkabend")
    expect(fruitful.locator("td").nth(0)).to_have_text("4.0")
    expect(fruitful.locator("td").nth(2)).to_have_text("1")  # Xenia, met there
    expect(fruitful.locator("td").nth(3)).to_have_text("1")  # her job lead
    barren = table.locator("tr.barren", has_text="Yvonne-Cloudmesse")
    expect(barren.locator("td").nth(1)).to_have_text("1,250.00 EUR")

    months = page.locator("svg.chart.bars")
    expect(months).to_have_count(1)
    expect(months.locator("rect.bar.received")).to_have_count(13)
    scatter = page.locator("svg.chart.scatter")
    expect(scatter.locator("circle.dot")).not_to_have_count(0)
    expect(scatter.locator("text.point-label", has_text="Yvonne-Cloudmesse")).to_have_count(1)
    # The figures behind the month chart, for those who do not see it.
    page.get_by_text("The figures", exact=True).click()
    expect(page.locator("figure table.figures tbody tr")).to_have_count(13)

    page.get_by_label("Period", exact=True).select_option(label="the last 3 months")
    page.get_by_label("Which channels").select_option(label="Event")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"period=3&by=event"))
    expect(page.locator("svg.chart.bars rect.bar.given")).to_have_count(4)
    page.get_by_label("From", exact=True).fill("irgendwann")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#roi-since-error")).to_be_visible()
    expect(page.get_by_label("From", exact=True)).to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("name", ["home", "favours", "favour-add", "person", "roi"])
def test_the_give_and_take_pages_at_desktop_and_phone_size(
    browser: Browser,
    server: Server,
    signed_in: dict[str, Any],
    channels: dict[str, int],
    name: str,
    size: str,
) -> None:
    if "give-shown" not in server.state:
        other = add_person(server, "Zacharias Zeitgeber")
        server.state["give-shown"] = other
    path = {
        "home": "/",
        "favours": "/favours/",
        "favour-add": f"/favours/add/?receiver={server.state['give-shown']}",
        "person": f"/people/{channels['met']}/#section-favours",
        "roi": "/roi/",
    }[name]
    context = new_context(browser, server, signed_in, phone=size == "phone")
    try:
        tab = context.new_page()
        problems = watch(tab, server)
        response = tab.goto(path)
        assert response is not None and response.status == 200
        if name == "person":
            tab.locator("#section-favours").scroll_into_view_if_needed()
        if name == "favours":
            # An open outcome form must fit as well.
            rows = tab.locator(".give-row details.outcome summary")
            if rows.count():
                rows.first.click()
        look_at(tab, f"give-{name}", size)
        assert not problems, "the browser reported errors:\n" + "\n".join(problems)
    finally:
        context.close()


def test_german_numbers_and_words_on_the_roi_page(
    browser: Browser, server: Server, signed_in: dict[str, Any], channels: dict[str, int]
) -> None:
    context = new_context(browser, server, signed_in, locale="de-DE")
    try:
        tab = context.new_page()
        tab.goto("/roi/")
        barren = tab.locator("table.figures tr.barren", has_text="Yvonne-Cloudmesse")
        expect(barren.locator("td").nth(1)).to_have_text("1.250,00 EUR")
        look_at(tab, "give-roi-de", "desktop")
    finally:
        context.close()
