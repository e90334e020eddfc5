"""Fixtures of the browser tests: the real app as a user starts it, and Chromium.

``server`` (one per pytest process) runs ``knoten serve --no-browser`` in a temporary
data folder, reads the one-time sign-in link it prints, waits until the server answers
and stops it at the end. ``browser`` launches Debian's Chromium through Playwright, once
per test module: Playwright's sync API marks its event loop as running between calls,
and Django refuses database work while a loop runs, so it must not outlive the module.
``page`` is a fresh signed-in tab per test.

See :mod:`tests.browser.helpers` for when these tests are skipped.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, FAILURES, skip_reason

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request

START_TIMEOUT = 90.0  # seconds: a fresh data folder is migrated first, on a busy machine
LINK = re.compile(r"(http://\S+/signin/\S+/)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# prctl(PR_SET_PDEATHSIG) from libc, looked up here: the child may only call it.
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def _stop_with_parent() -> None:
    """In the child, before exec: on Linux, a SIGTERM when pytest dies (killed, say), so
    that no server outlives the run. It survives the exec of gunicorn."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/login/")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@dataclass
class Server:
    """A running ``knoten serve`` and what it printed."""

    base_url: str
    signin_link: str
    data_dir: Path
    env: dict[str, str] = field(repr=False)
    log: Path
    process: subprocess.Popen[bytes] = field(repr=False)
    # The signed-in browser state, made once from the one-time link (see signed_in),
    # and the ids of persons the tests added.
    state: dict[str, Any] = field(default_factory=dict, repr=False)

    def knoten(self, *args: str) -> str:
        """Run ``knoten ARGS`` on the server's data, as its owner would; return stdout."""
        done = subprocess.run(
            [sys.executable, "-m", "knoten", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"knoten {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _start(data_dir: Path) -> Server:
    port = _free_port()
    env = dict(os.environ)
    env.update(
        {
            "KNOTEN_DATA_DIR": str(data_dir),
            "KNOTEN_DATABASE_URL": "",
            "KNOTEN_DEBUG": "false",
            "COLUMNS": "400",  # the link is printed on one line whatever the width
        }
    )
    for name in ("KNOTEN_SECRET_KEY", "KNOTEN_ALLOWED_HOSTS", "KNOTEN_HTTPS", "KNOTEN_USER"):
        env.pop(name, None)
    log = data_dir / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "knoten",
                "serve",
                "--no-browser",
                "--port",
                str(port),
                "--workers",
                "2",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn and its workers
            preexec_fn=_stop_with_parent,
        )
    server = Server(
        base_url=f"http://127.0.0.1:{port}",
        signin_link="",
        data_dir=data_dir,
        env=env,
        log=log,
        process=process,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"knoten serve stopped (exit {process.returncode}):\n{server.output()}"
            )
        found = LINK.search(server.output())
        if found and _answers(port):
            server.signin_link = found.group(1)
            return server
        time.sleep(0.25)
    _stop(server)
    raise RuntimeError(
        f"knoten serve did not answer within {START_TIMEOUT:.0f}s:\n{server.output()}"
    )


def _stop(server: Server) -> None:
    process = server.process
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``knoten serve`` on a free port with its own data folder, for this pytest process."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    started = _start(tmp_path_factory.mktemp("knoten-serve"))
    try:
        yield started
    finally:
        _stop(started)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright (no browser download)."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def signed_in(browser: Browser, server: Server) -> dict[str, Any]:
    """Sign in once with the link ``knoten serve`` printed; the state (cookies) is kept.

    The link works only once, so the state is kept on the server for the other modules.
    ``landing`` records what the link did: the final URL and where it was redirected from.
    """
    if not server.state:
        context = browser.new_context(base_url=server.base_url, locale="en-GB")
        try:
            tab = context.new_page()
            response = tab.goto(server.signin_link)
            assert response is not None
            redirected = response.request.redirected_from
            server.state["landing"] = {
                "url": tab.url,
                "status": response.status,
                "from": redirected.url if redirected else None,
                "heading": tab.get_by_role("heading", level=1).inner_text(),
            }
            server.state["storage"] = context.storage_state()
        finally:
            context.close()
    return server.state


def new_context(
    browser: Browser,
    server: Server,
    state: dict[str, Any] | None,
    *,
    phone: bool = False,
    locale: str = "en-GB",
) -> BrowserContext:
    """A browser window, signed in when ``state`` is given; desktop or phone size."""
    options: dict[str, Any] = {"base_url": server.base_url, "locale": locale}
    if state is not None:
        options["storage_state"] = state["storage"]
    if phone:
        options.update(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    else:
        options["viewport"] = DESKTOP
    return browser.new_context(**options)


def watch(tab: Page, server: Server) -> list[str]:
    """What goes wrong in a tab, collected as it happens: JavaScript errors, refusals by
    the Content-Security-Policy, failed loads, and any request to another site (Knoten
    serves every asset itself; no CDN)."""
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def on_console(message: ConsoleMessage) -> None:
        # A page answering 400 to a bad form is meant (the tests check statuses);
        # a style sheet, script or request of the page failing is not.
        document_status = message.text.startswith("Failed to load resource") and (
            message.location.get("url") == tab.url
        )
        if message.type == "error" and not document_status:
            problems.append(f"console {message.type}: {message.text} ({message.location})")

    def on_request(request: Request) -> None:
        url = request.url
        if not url.startswith((server.base_url + "/", "data:", "blob:", "about:")):
            problems.append(f"request to another site: {request.method} {url}")

    tab.on("console", on_console)
    tab.on("request", on_request)
    return problems


@pytest.fixture
def page(
    browser: Browser, server: Server, signed_in: dict[str, Any], request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A signed-in tab at desktop size; what :func:`watch` sees fails the test."""
    context = new_context(browser, server, signed_in)
    tab = context.new_page()
    problems = watch(tab, server)
    try:
        yield tab
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            FAILURES.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            tab.screenshot(path=str(FAILURES / f"{name}.png"), full_page=True)
        assert not problems, "the browser reported errors:\n" + "\n".join(problems)
    finally:
        context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep the call's report on the test, so ``page`` can screenshot a failure."""
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report
