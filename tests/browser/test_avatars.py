"""Avatars beside persons found, in Chromium: the people search (as you type) and the
command palette show a person's photo, or their initials without one (issue 16)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from tests.browser.conftest import Server
from tests.browser.helpers import BROWSER, skip_module_unless_runnable

pytestmark = BROWSER
skip_module_unless_runnable()

from playwright.sync_api import Page, expect  # noqa: E402

from knoten.demo.pictures import tiny_png  # noqa: E402


@pytest.fixture(scope="module")
def portraits(server: Server, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Paloma Porträtreich with a photo (from a vCard) and Pablo Porträtlos without."""
    photo = base64.b64encode(tiny_png((200, 40, 90))).decode()
    card = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Paloma Porträtreich",
            "N:Porträtreich;Paloma;;;",
            f"PHOTO;ENCODING=b;TYPE=PNG:{photo}",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Pablo Porträtlos",
            "N:Porträtlos;Pablo;;;",
            "END:VCARD",
            "",
        ]
    )
    path = Path(tmp_path_factory.mktemp("avatars")) / "portraits.vcf"
    path.write_text(card, encoding="utf-8")
    server.knoten("import", str(path))


def _loaded(page: Page, selector: str) -> bool:
    return bool(page.locator(selector).evaluate("img => img.complete && img.naturalWidth > 0"))


def test_the_search_as_you_type_shows_photos_and_initials(page: Page, portraits: None) -> None:
    page.goto("/people/")
    page.locator("#q").fill("Porträt")
    # The search's hits (not the list of everyone), swapped in as one types.
    results = page.locator("#results table", has_text="People matching")
    expect(results).to_be_visible()
    expect(page).to_have_url(re.compile(r"/people/\?q=Portr"))
    row = results.locator("tr", has_text="Paloma Porträtreich")
    expect(row.locator("img.avatar")).to_have_attribute("src", re.compile(r"/photo/\?v=\d+$"))
    expect(results.locator("tr", has_text="Pablo Porträtlos").locator("span.avatar")).to_have_text(
        "PP"
    )
    assert _loaded(page, "#results tr:has-text('Paloma') img.avatar")


def test_the_palette_shows_photos_and_initials(page: Page, portraits: None) -> None:
    page.goto("/people/")
    page.keyboard.press("Control+k")
    page.keyboard.type("portr")
    palette = page.locator("#palette-list")
    paloma = palette.get_by_role("option", name=re.compile("Paloma Porträtreich"))
    expect(paloma.locator("img.avatar")).to_have_attribute("src", re.compile(r"/photo/\?v=\d+$"))
    pablo = palette.get_by_role("option", name=re.compile("Pablo Porträtlos"))
    expect(pablo.locator("span.avatar")).to_have_text("PP")
    # The picture is decoration: the option is still named by the person alone.
    expect(pablo).to_have_accessible_name(re.compile(r"^Pablo Porträtlos"))
    assert _loaded(page, "#palette-list img.avatar")
