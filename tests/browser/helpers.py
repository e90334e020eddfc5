"""What the browser tests share besides fixtures: where Chromium is, when to skip, sizes.

The tests drive Debian's Chromium (``/usr/bin/chromium``) with Playwright for Python; no
browser is downloaded. They run in the SQLite pass of ``make test`` only: the server they
start keeps its own SQLite database in a temporary data folder, so a PostgreSQL pass
would test nothing new.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("KNOTEN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / ".test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
FAILURES = ARTIFACTS / "failures"

DOCS_IMAGES = ROOT / "docs" / "images"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


def skip_reason() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    url = os.environ.get("KNOTEN_DATABASE_URL", "").strip()
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return (
            "browser tests run in the SQLite pass only (KNOTEN_DATABASE_URL points at "
            "PostgreSQL; the server they start uses SQLite in a temporary data folder)"
        )
    if not CHROMIUM.exists():
        return (
            f"no Chromium at {CHROMIUM}: install it with 'apt-get install chromium' "
            "(.ci/run does), or point KNOTEN_CHROMIUM at one"
        )
    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed (make install installs it)"
    return None


def skip_module_unless_runnable() -> None:
    """Skip the calling test module, with the reason, when browser tests cannot run."""
    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason, allow_module_level=True)


# The mark of every browser test module. All browser tests go to one pytest-xdist worker
# (``--dist loadgroup`` in the Makefile), so that one server and one Chromium serve them,
# and Playwright's event loop never runs beside the Django tests of another module.
BROWSER = pytest.mark.xdist_group("browser")


def for_the_docs(tab: object, name: str) -> None:
    """The page as the README and docs/ show it (``docs/images/NAME.png``), taken only by
    ``make docs-images`` (``KNOTEN_DOCS_IMAGES=1``): a test run leaves the checkout as it
    found it."""
    if os.environ.get("KNOTEN_DOCS_IMAGES") != "1":
        return
    DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(DOCS_IMAGES / f"{name}.png"))  # type: ignore[attr-defined]
