"""The due list in a real browser (issue 17's page budget): a row's snooze buttons send the
list's one form, and "More" fetches the rarer actions when it opens; looked at in
screenshots at desktop and phone size.
"""

from __future__ import annotations

import json

from tests.browser.conftest import Server
from tests.browser.helpers import BROWSER, PHONE, SCREENSHOTS, skip_module_unless_runnable

pytestmark = BROWSER
skip_module_unless_runnable()

from playwright.sync_api import Page, expect  # noqa: E402


def test_snooze_from_the_due_list_and_open_more_on_demand(page: Page, server: Server) -> None:
    for name in ("Dora Dringlich", "Egon Eilig"):
        json.loads(server.knoten("person", "add", name, "--json"))
        server.knoten("log", "Lunch", "--with", name, "--on", "2020-01-15")
        server.knoten("cadence", "set", name, "monthly")
    page.goto("/due/")
    dora = page.locator("li.due-row", has_text="Dora Dringlich")
    more = dora.locator("details[data-more]")
    more.locator("summary").click()
    # The forms arrive in place of the link; the date field is labelled and takes a day.
    expect(more.get_by_label("Snooze until")).to_be_visible()
    expect(more.get_by_role("button", name="No cadence")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "due-more-desktop.png"), full_page=True)
    more.get_by_role("button", name="No cadence").click()
    page.wait_for_url("**/due/")
    expect(page.locator("li.due-row", has_text="Dora Dringlich")).to_have_count(0)

    egon = page.locator("li.due-row", has_text="Egon Eilig")
    egon.get_by_role("button", name="Snooze a week").click()
    page.wait_for_url("**/due/")
    expect(page.locator("li.due-row", has_text="Egon Eilig")).to_have_count(0)

    page.set_viewport_size(PHONE)
    page.reload()
    page.screenshot(path=str(SCREENSHOTS / "due-phone.png"), full_page=True)
