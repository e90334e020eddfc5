"""axe-core on every page of a demo network, signed in, light and dark, English and
German: no serious or critical problem (contrast AA, names, roles, nesting such as
``nested-interactive``).

axe-core's script comes from the axe-playwright-python package (a test dependency); it is
injected into the page by Playwright and loads nothing from another host. The pages are
those of a server of this module's own, on a demo network of a few hundred persons, so
every list, chart and drawing has something in it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Server, _start, _stop, new_context, watch
from tests.browser.helpers import BROWSER, for_the_docs, skip_module_unless_runnable, skip_reason
from tests.site_pages import DEMO_SIZE, PAGES

pytestmark = BROWSER
skip_module_unless_runnable()

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser  # noqa: E402

SERIOUS = {"serious", "critical"}


_axe = Axe()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``knoten serve`` on a demo network of its own (this module's, not the session's)."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("knoten-axe")
    made = subprocess.run(
        [sys.executable, "-m", "knoten", "demo", "--size", str(DEMO_SIZE)],
        env={**_env(), "KNOTEN_DATA_DIR": str(folder)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    started = _start(folder)
    try:
        yield started
    finally:
        _stop(started)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KNOTEN_USER", "KNOTEN_SECRET_KEY")}
    env["KNOTEN_DATABASE_URL"] = ""
    return env


@pytest.fixture(scope="module")
def shown(server: Server) -> dict[str, int]:
    """A demo person, organisation, event and project to open the pages of."""

    def first(*command: str) -> int:
        rows = json.loads(server.knoten(*command, "--json"))
        assert rows, f"the demo network has no {command[0]}"
        return int(rows[-1]["id"])  # not *me*, who comes first

    return {
        "person": first("person", "list"),
        "organisation": first("org", "list"),
        "event": first("event", "list"),
        "project": first("project", "list"),
    }


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
    shown: dict[str, int],
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
            # The path page answers 400 when there is no way to the person (it says so).
            expected = (200, 400) if name == "path" else (200,)
            assert response is not None and response.status in expected, (name, path)
            if name == "home" and scheme == "light":
                for_the_docs(tab, "home")  # the README's picture: a demo network's day
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
