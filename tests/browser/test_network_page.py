"""The graph page in a real browser: the drawing at desktop and phone size (looked at in
screenshots; the desktop one is the README's picture), zoom, a click that re-centres on
a person, a path highlighted, and nothing that scrolls sideways.

The network is made once on the server's data folder by a short script calling the
domain functions (a few dozen persons in three clusters), under names no other test uses.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Server, new_context, watch
from tests.browser.helpers import (
    BROWSER,
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    for_the_docs,
    skip_module_unless_runnable,
)

pytestmark = BROWSER
skip_module_unless_runnable()

from playwright.sync_api import Browser, Page  # noqa: E402

NETWORK = r"""
import json, django
django.setup()
from knoten.core.models import Member
from knoten.people.persons import PersonFields, add_person
from knoten.people.relationships import relate
member = Member.objects.order_by("pk").first()
groups = {
    "Kollegen": ["Jana Quellbach", "Timo Quellbach", "Uwe Ostrander", "Vera Ostrander",
                 "Willi Nettelbeck", "Xenia Nettelbeck", "Yusuf Brakel"],
    "Verein": ["Rita Hollerbusch", "Sven Hollerbusch", "Tanja Wiesenkamp", "Ole Wiesenkamp",
               "Pia Lindqvist"],
    "Studium": ["Lars Eichendorf", "Maja Eichendorf", "Nico Sandhagen", "Olga Sandhagen"],
}
friends = ["Bettina Kranich", "Carsten Kranich", "Doris Falkner", "Emil Falkner",
           "Frieda Uhlhorn", "Gregor Uhlhorn", "Heike Rosskamp", "Ingo Rosskamp",
           "Kai Dornberger", "Lena Dornberger", "Mats Hegewald", "Nora Hegewald",
           "Otto Brinkhaus", "Paula Brinkhaus", "Quentin Marold", "Rosa Marold",
           "Stefan Kolbeck", "Tina Kolbeck", "Ulla Jessen", "Volker Jessen"]
made = {}
def person(name, circle=None):
    if name not in made:
        made[name] = add_person(member, name, PersonFields(circles=[circle] if circle else None))
    return made[name]
me = member.me
spare = iter(friends)
for circle, names in groups.items():
    people = [person(n, circle) for n in names]
    for i, p in enumerate(people):
        relate(member, me, p, "friend", trust=5 - i % 4)
        relate(member, p, people[(i + 1) % len(people)], "colleague", trust=4)
        if i % 2 == 0:
            relate(member, p, people[(i + 3) % len(people)], "friend", trust=3)
        for _ in range(1 if i % 3 else 2):
            other = next(spare, None)
            if other:
                relate(member, p, person(other), "friend", trust=3 + i % 3)
target = person("Zora Weitfeld")
relate(member, made["Bettina Kranich"], target, "friend", trust=4)
path = [me.pk, made["Jana Quellbach"].pk, made["Bettina Kranich"].pk, target.pk]
print(json.dumps({"first": made["Rita Hollerbusch"].pk, "path": path}))
"""


@pytest.fixture(scope="module")
def drawn(server: Server) -> dict[str, Any]:
    if "drawn" not in server.state:
        done = subprocess.run(
            [sys.executable, "-c", NETWORK],
            env=server.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        server.state["drawn"] = json.loads(done.stdout.strip().splitlines()[-1])
    return dict(server.state["drawn"])


@pytest.fixture
def tab(browser: Browser, server: Server, signed_in: dict[str, Any]) -> Iterator[Page]:
    context = new_context(browser, server, signed_in)
    page = context.new_page()
    problems = watch(page, server)
    try:
        yield page
        assert not problems, "the browser reported errors:\n" + "\n".join(problems)
    finally:
        context.close()


def sideways(page: Page) -> int:
    return int(page.evaluate("() => document.scrollingElement.scrollWidth"))


def view_box(page: Page) -> str:
    return str(page.locator("#network-svg").get_attribute("viewBox"))


def test_the_drawing_at_desktop_size_zooms_and_re_centres_on_a_click(
    tab: Page, drawn: dict[str, Any]
) -> None:
    response = tab.goto("/network/")
    assert response is not None and response.status == 200
    assert tab.locator("#network-svg .node").count() > 30
    assert tab.locator("#network-svg .c2").count() > 0  # three clusters at least
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "network-desktop.png"), full_page=True)
    for_the_docs(tab, "network")
    assert sideways(tab) <= DESKTOP["width"]
    # The list beside the drawing, not below it.
    canvas = tab.locator(".network-canvas").bounding_box()
    listing = tab.locator(".network-list").bounding_box()
    assert canvas and listing and listing["x"] > canvas["x"] + canvas["width"] - 1

    home = view_box(tab)
    tab.get_by_role("button", name="Zoom in").click()
    zoomed = view_box(tab)
    assert float(zoomed.split()[2]) < float(home.split()[2])
    tab.get_by_role("button", name="Fit").click()
    assert view_box(tab) == home

    node = tab.locator(f'#network-svg a.node[data-id="{drawn["first"]}"] circle')
    node.click()
    tab.wait_for_url(f"**/network/?around={drawn['first']}")
    assert tab.locator("h1").inner_text() == "The network around Rita Hollerbusch"
    assert tab.locator(f'#network-svg a.node.d0[data-id="{drawn["first"]}"]').count() == 1


def test_a_path_is_highlighted(tab: Page, drawn: dict[str, Any]) -> None:
    route = ",".join(str(pk) for pk in drawn["path"])
    tab.goto(f"/network/?path={route}")
    assert tab.locator("#network-svg .tie.on-path").count() == 3
    assert tab.locator("#network-svg .node.on-path").count() == 4
    assert "Zora Weitfeld" in tab.locator(".network-path").inner_text()
    tab.screenshot(path=str(SCREENSHOTS / "network-path.png"))


def test_the_drawing_on_a_phone_scales_with_the_list_below(
    browser: Browser, server: Server, signed_in: dict[str, Any], drawn: dict[str, Any]
) -> None:
    context = new_context(browser, server, signed_in, phone=True)
    try:
        page = context.new_page()
        problems = watch(page, server)
        page.goto("/network/")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "network-phone.png"), full_page=True)
        assert sideways(page) <= PHONE["width"], "the graph page scrolls sideways on a phone"
        canvas = page.locator(".network-canvas").bounding_box()
        listing = page.locator(".network-list").bounding_box()
        assert canvas and listing and canvas["width"] <= PHONE["width"]
        assert listing["y"] >= canvas["y"] + canvas["height"]
        # A tap on the list re-centres too.
        page.locator(".network-list a", has_text="Jana Quellbach").first.click()
        page.wait_for_url("**/network/?around=*")
        assert "Jana Quellbach" in page.locator("h1").inner_text()
        assert not problems, "the browser reported errors:\n" + "\n".join(problems)
    finally:
        context.close()
