"""Importing contacts in a real browser: choose a file, see the upload's progress and the
preview, then import; a file with a broken record names its line and keeps nothing."""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import Server
from tests.browser.helpers import BROWSER, SCREENSHOTS, skip_module_unless_runnable

pytestmark = BROWSER
skip_module_unless_runnable()

from playwright.sync_api import Page, expect  # noqa: E402

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Zimmermann;Zoë;;;\r\nFN:Zoë Zimmermann\r\n"
    "item1.EMAIL;type=INTERNET:zoe@zimmermann-bau.example\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
    "ORG:Zimmermann Bau\r\nTITLE:Bauleiterin\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Yilmaz;Yusuf;;;\r\nFN:Yusuf Yilmaz\r\n"
    "TEL;type=CELL:+49 171 7654321\r\nEND:VCARD\r\n"
)


def test_import_a_vcard_file_with_a_preview(page: Page, server: Server, tmp_path: Path) -> None:
    file = tmp_path / "Kontakte.vcf"
    file.write_text(CARDS)
    page.goto("/import/")
    page.get_by_label("File").set_input_files(str(file))
    page.get_by_label("Put everyone in this circle").fill("Baustelle 2030")
    page.get_by_role("button", name="Show what the import would do").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What the import would do")
    expect(page.locator("#import-records")).to_contain_text("Zoë Zimmermann")
    expect(page.locator("#import-records")).to_contain_text("Yusuf Yilmaz")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "import-preview-desktop.png"), full_page=True)
    assert "Zimmermann" not in server.knoten("person", "list")  # nothing saved yet

    page.get_by_role("button", name="Import 2 records").click()
    expect(page.get_by_role("status")).to_contain_text("The import is saved.")
    page.get_by_role("link", name="Zoë Zimmermann").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoë Zimmermann")
    expect(page.get_by_role("main")).to_contain_text("Bauleiterin, Zimmermann Bau")
    expect(page.get_by_role("main")).to_contain_text("Baustelle 2030")


def test_a_broken_file_names_its_line(page: Page, server: Server, tmp_path: Path) -> None:
    file = tmp_path / "kaputt.vcf"
    file.write_text(
        CARDS.replace("Zimmermann", "Xaver") + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wanda Wolf\r\n"
    )
    page.goto("/import/")
    page.get_by_label("File").set_input_files(str(file))
    page.get_by_role("button", name="Show what the import would do").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("line 16")
    expect(alert).to_contain_text("END:VCARD")
    expect(alert).to_be_focused()
    assert "Xaver" not in server.knoten("person", "list")
