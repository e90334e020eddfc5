"""Every page of the site, as Bob, aimed at Alice's objects: nothing of hers, ever.

The walk reads the URL patterns from Django's resolver (through every include), so a
page added later is walked without editing this file. The API (walked in
tests/api/test_operation_walk.py), static files and the sign-in pages are left out. Each
int path parameter is filled with Alice's object of the kind its name says (an item of
a person's page by the form or action it belongs to); a parameter the walk can't fill
fails the test, naming it.

Bob, signed in, GETs and POSTs each page: anything of Alice's answers 404 (405 for a
method the page doesn't take), never 2xx or 3xx; his lists, searches and suggestions
show none of her words; and no row of Alice's changes. Anonymous callers are sent to
the sign-in page from every page.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import models
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from knoten.journal.models import ProjectRole, Promise
from knoten.people.models import Affiliation, ContactPoint, ImportantDate, Relationship
from knoten.web.person_views import editing
from knoten.web.person_views.page import SECTIONS
from tests.conftest import World
from tests.isolation_helpers import (
    ALICES_WORDS,
    Objects,
    alices_world,
    bobs_world,
    body_text,
    changed,
    cross_network_references,
    snapshot,
)

# Patterns the walk leaves out, by name: the API has its own walk; these need no sign-in.
LEFT_OUT = {"web:static", "web:signin", "web:login", "web:logout"}
# The pages anyone may open without signing in (besides LEFT_OUT).
OPEN_PAGES = {"web:set_language", "upkeep:calendar_feed"}

# Which object an int path parameter names.
PARAMETER_KINDS = {
    "job_id": "job",
    "person_id": "person",
    "organisation_id": "organisation",
    "event_id": "event",
    "project_id": "project",
    "interaction_id": "interaction",
    "promise_id": "promise",
    "affiliation_id": "affiliation",
    "relationship_id": "relationship",
    "date_id": "date",
    "point_id": "contact point",
    "favour_id": "favour",
    "recommendation_id": "recommendation",
}
# The values a slug parameter takes (every one is walked).
SLUG_VALUES: dict[str, tuple[str, ...]] = {
    "section": SECTIONS,
    "form_name": tuple(editing.FORMS),
    "action": tuple(editing.ACTIONS),
    # An upload's token is a random name only its member's pages accept; the real
    # thing, Alice's upload asked for by Bob, is tested in tests/imports/test_import_pages.py.
    "token": ("YVU0yliCZdkI9xdAMgTUa_I7g5I2oaxj",),
}
# ``item_id`` on a person's page is a row of the model its form or action edits.
MODEL_KINDS: dict[type[models.Model], str] = {
    ContactPoint: "contact point",
    Affiliation: "affiliation",
    Relationship: "relationship",
    ImportantDate: "date",
    ProjectRole: "project",  # a person's role in a project goes by the project's id
    Promise: "promise",
}


def _item_model(slugs: dict[str, str]) -> type[models.Model] | None:
    if "form_name" in slugs:
        return editing.FORMS[slugs["form_name"]].item
    if "action" in slugs:
        return editing.ACTIONS[slugs["action"]].model
    return None


@dataclass
class Page:
    name: str
    route: str
    callback: Any

    @property
    def parameters(self) -> list[tuple[str, str]]:
        """(converter, name) of each path parameter."""
        return [
            (conv or "str", name) for conv, name in re.findall(r"<(?:(\w+):)?(\w+)>", self.route)
        ]


def _patterns(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, Any]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            space = entry.namespace or ""
            inner = f"{namespace}:{space}" if namespace and space else namespace or space
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            yield prefix + str(entry.pattern), name, entry


def pages() -> list[Page]:
    """Every URL pattern of the site but the API and LEFT_OUT."""
    found = []
    for route, name, entry in _patterns(get_resolver()):
        if route.startswith("api/") or name in LEFT_OUT:
            continue
        if route.startswith("^") or "(?P<" in route:
            pytest.fail(f"{name or route}: a regular-expression URL the walk can't fill")
        found.append(Page(name, route, entry.callback))
    return found


@dataclass
class Url:
    page: Page
    what: str
    url: str
    hers: bool  # whether it names something of Alice's
    valid: bool = True  # whether the URL is one a page serves (for its owner)


def fill(page: Page, refs: dict[str, Objects]) -> Iterator[Url]:
    """The page's URLs: with every int parameter Alice's, and each alone Alice's among
    Bob's own; each slug parameter walked through all its values."""
    ints = [name for conv, name in page.parameters if conv == "int"]
    slugs = [name for conv, name in page.parameters if conv != "int"]
    for name in slugs:
        if name not in SLUG_VALUES:
            pytest.fail(
                f"{page.name} ({page.route}): the walk does not know the values of "
                f"path parameter {name!r}; add them to SLUG_VALUES"
            )
    for combo in itertools.product(*(SLUG_VALUES[name] for name in slugs)):
        chosen = dict(zip(slugs, combo, strict=True))
        model = _item_model(chosen)
        # A form or action that edits a row needs its item_id, one that doesn't refuses it.
        valid = model is None if "item_id" not in ints else model is not None
        kinds = {}
        for name in ints:
            if name == "item_id":
                if model is not None and model not in MODEL_KINDS:
                    pytest.fail(f"{page.name}: no kind for item_id of {model.__name__}")
                # With no model the URL is a 404 for everyone; any id will do.
                kinds[name] = MODEL_KINDS.get(model, "person")  # type: ignore[arg-type]
            elif name in PARAMETER_KINDS:
                kinds[name] = PARAMETER_KINDS[name]
            else:
                pytest.fail(
                    f"{page.name} ({page.route}): the walk does not know what path "
                    f"parameter {name!r} names; add it to PARAMETER_KINDS"
                )

        def url(
            owner: dict[str, str], chosen: dict[str, str] = chosen, kinds: dict[str, str] = kinds
        ) -> str:
            text = "/" + page.route
            for name, value in chosen.items():
                text = re.sub(r"<(?:\w+:)?" + name + ">", value, text)
            for name, kind in kinds.items():
                text = re.sub(r"<(?:\w+:)?" + name + ">", str(refs[owner[name]][kind]), text)
            return text

        if not kinds:
            yield Url(page, f"{chosen}", url({}), hers=False, valid=valid)
            continue
        everything = {n: "alice" for n in kinds}
        yield Url(page, f"{chosen} all Alice's", url(everything), hers=True, valid=valid)
        if len(kinds) > 1:
            for mine in kinds:
                owner = {n: ("alice" if n == mine else "bob") for n in kinds}
                yield Url(page, f"{chosen} Alice's {mine} only", url(owner), True, valid)


def _words_in(text: str) -> dict[str, int]:
    lower = text.lower()
    return {word: lower.count(word.lower()) for word in ALICES_WORDS if word.lower() in lower}


@pytest.fixture
def walk(world: World) -> dict[str, Any]:
    refs = {"alice": alices_world(world.alice), "bob": bobs_world(world.bob)}
    bob = Client()
    bob.force_login(world.bob.user)
    return {"refs": refs, "bob": bob, "world": world}


def test_the_walk_finds_the_pages() -> None:
    names = {page.name for page in pages()}
    assert {"web:home", "web:people", "web:person"} <= names, sorted(names)


HTMX = {"HX-Request": "true"}  # a page's fragment, as the page's script asks for it


def test_bob_reaches_nothing_of_alices_on_any_page(walk: dict[str, Any]) -> None:
    world: World = walk["world"]
    refs: dict[str, Objects] = walk["refs"]
    bob: Client = walk["bob"]
    before = snapshot(world.alice.network)
    problems: list[str] = []
    walked = 0
    for page in pages():
        for entry in fill(page, refs):
            if not entry.hers:
                continue
            for method, headers in (("get", {}), ("get", HTMX), ("post", {}), ("post", HTMX)):
                walked += 1
                response = getattr(bob, method)(entry.url, headers=headers)
                text = body_text(response)
                where = f"{method.upper()} {entry.url} {headers} ({page.name}, {entry.what})"
                if response.status_code not in (404, 405):
                    problems.append(f"{where}: got {response.status_code}, expected 404")
                if _words_in(text):
                    problems.append(f"{where}: the page shows {_words_in(text)}")
    assert walked > 0, "the walk found no page with an id of Alice's to try"
    alice_change = changed(before, snapshot(world.alice.network))
    if alice_change:
        problems.append(f"Alice's rows changed:\n{alice_change}")
    problems.extend(cross_network_references())
    assert not problems, "\n".join(problems)


NOTHING = "Xqvnopewort"  # found nowhere: how often a page repeats the query itself


# Query parameters the site's lists, searches and forms read; each is tried on every
# page without an id (a page ignores those it doesn't read).
WORD_PARAMETERS = ("q", "topic", "circle", "tag", "org", "kind", "status")
ID_PARAMETERS = {
    "with": "person",
    "org": "organisation",
    "person": "person",
    "around": "person",
    "path": "person",
}
OTHER_QUERIES = ({"when": "past"}, {"archived": "1"}, {"page": "2"}, {"offset": "1"})


def test_bobs_lists_searches_and_suggestions_show_nothing_of_alices(
    walk: dict[str, Any],
) -> None:
    """Every page without an id, plain and as htmx, asked with each of Alice's words and
    ids in each query parameter the site reads: a page may repeat the query, but shows
    no more of her words than that."""
    world: World = walk["world"]
    refs: dict[str, Objects] = walk["refs"]
    bob: Client = walk["bob"]
    before = snapshot(world.alice.network)
    problems: list[str] = []
    plain = [page for page in pages() if not page.parameters]
    assert plain, "the walk found no page without parameters"
    queries: list[tuple[dict[str, str], str | None]] = [({}, None)]
    queries += [({name: word}, word) for name in WORD_PARAMETERS for word in ALICES_WORDS]
    queries += [({name: str(refs["alice"][kind])}, None) for name, kind in ID_PARAMETERS.items()]
    queries += [({name: str(2**63)}, None) for name in ID_PARAMETERS]
    queries += [(query, None) for query in OTHER_QUERIES]
    for page in plain:
        url = "/" + page.route
        for headers in ({}, HTMX):
            echoes = {
                name: body_text(bob.get(url, {name: NOTHING}, headers=headers)).count(NOTHING)
                for name in WORD_PARAMETERS
            }
            for query, word in queries:
                response = bob.get(url, query, headers=headers)
                where = f"GET {url} {query} {headers or ''} ({page.name})"
                text = body_text(response)
                if response.status_code >= 500:
                    problems.append(f"{where}: got {response.status_code}")
                shown = _words_in(text)
                if word and shown.get(word, 0) <= echoes[next(iter(query))]:
                    shown.pop(word, None)
                if shown:
                    problems.append(f"{where}: the page shows {shown}")
        # A POST with nothing filled in changes nothing of Alice's either.
        response = bob.post(url)
        if response.status_code >= 500:
            problems.append(f"POST {url} ({page.name}): got {response.status_code}")
    alice_change = changed(before, snapshot(world.alice.network))
    if alice_change:
        problems.append(f"Alice's rows changed:\n{alice_change}")
    problems.extend(cross_network_references())
    assert not problems, "\n".join(problems)


def test_bob_opens_his_own_pages(walk: dict[str, Any]) -> None:
    """The control: the walk fills each parameter with the right kind of object, since
    Bob's own objects at the same URLs open (or refuse only the method)."""
    refs: dict[str, Objects] = walk["refs"]
    bob: Client = walk["bob"]
    problems = []
    for page in pages():
        for entry in fill(page, {"alice": refs["bob"], "bob": refs["bob"]}):
            if not entry.hers or not entry.valid or "only" in entry.what:
                continue
            response = bob.get(entry.url)
            # A section asked for without htmx sends Bob to the whole page: fine.
            elsewhere = response.get("Location", "").startswith("/people/")
            if response.status_code not in (200, 405) and not elsewhere:
                problems.append(f"GET {entry.url} ({page.name}): {response.status_code}")
    assert not problems, "\n".join(problems)


def test_anonymous_callers_are_sent_to_sign_in_from_every_page(walk: dict[str, Any]) -> None:
    world: World = walk["world"]
    refs: dict[str, Objects] = walk["refs"]
    before = snapshot(world.alice.network)
    anonymous = Client()
    login = resolve_url(settings.LOGIN_URL)
    problems = []
    open_pages = set()
    for page in pages():
        if getattr(page.callback, "login_required", True) is False:
            open_pages.add(page.name)
            continue
        for entry in itertools.islice(fill(page, refs), 3):
            for method in ("get", "post"):
                response = getattr(anonymous, method)(entry.url)
                target = response.get("Location", "")
                if response.status_code != 302 or not target.startswith(login):
                    problems.append(
                        f"{method.upper()} {entry.url} ({page.name}): "
                        f"{response.status_code} {target!r}, expected a redirect to {login}"
                    )
    assert open_pages == OPEN_PAGES, (
        f"pages open without signing in: {sorted(open_pages)}; expected {sorted(OPEN_PAGES)}"
    )
    assert changed(before, snapshot(world.alice.network)) == ""
    assert not problems, "\n".join(problems)


# Form fields that name an object, filled with Alice's ids when Bob posts to his own pages.
FORM_REFERENCES = {
    "person": "person",
    "people": "person",
    "participants": "person",
    "attendees": "person",
    "met_via": "person",
    "organisation": "organisation",
    "organiser": "organisation",
    "event": "event",
    "met_at": "event",
    "project": "project",
    "interaction": "interaction",
}
# What else such a form needs to get as far as the reference.
FORM_KINDS = {"relations": "friend", "career": "job", "career-edit": "job"}


def test_bobs_own_pages_take_no_id_of_alices_in_a_form(walk: dict[str, Any]) -> None:
    """Bob posts to each of his own pages a form naming Alice's objects by id: a person
    page's form with such a field refuses it (400/404); no page shows her words, changes
    her rows or lets a row of his point at hers."""
    world: World = walk["world"]
    refs: dict[str, Objects] = walk["refs"]
    bob: Client = walk["bob"]
    before = snapshot(world.alice.network)
    alice = refs["alice"]
    problems: list[str] = []
    entries = [
        entry
        for page in pages()
        for entry in fill(page, {"alice": refs["bob"], "bob": refs["bob"]})
        if entry.valid and "only" not in entry.what and (entry.hers or not entry.page.parameters)
    ]
    # Deleting and removing last, so the other forms find Bob's objects still there.
    entries.sort(key=lambda e: any(w in e.url for w in ("delete", "remove", "archive")))
    for entry in entries:
        form_name = re.search(r"/edit/([\w-]+)/", entry.url)
        data = {name: str(alice[kind]) for name, kind in FORM_REFERENCES.items()}
        data.update(status="met", role="Helfer", name="Bobs Neues", summary="Bobs Notiz")
        if form_name and form_name.group(1) in FORM_KINDS:
            data["kind"] = FORM_KINDS[form_name.group(1)]
        response = bob.post(entry.url, data)
        where = f"POST {entry.url} ({entry.page.name}) naming Alice's ids"
        text = body_text(response)
        if response.status_code >= 500:
            problems.append(f"{where}: got {response.status_code}")
        if _words_in(text):
            problems.append(f"{where}: the page shows {_words_in(text)}")
        if form_name and form_name.group(1) in editing.FORMS:
            fields = {f.name for f in editing.FORMS[form_name.group(1)].fields}
            if fields & set(FORM_REFERENCES) and response.status_code not in (400, 404):
                problems.append(f"{where}: got {response.status_code}, expected 400 or 404")
    alice_change = changed(before, snapshot(world.alice.network))
    if alice_change:
        problems.append(f"Alice's rows changed:\n{alice_change}")
    problems.extend(cross_network_references())
    assert not problems, "\n".join(problems)


def test_ids_beyond_the_databases_range_are_404_on_every_page(walk: dict[str, Any]) -> None:
    """2**63 in every id of every page: not found (or the method refused), never a 500."""
    bob: Client = walk["bob"]
    too_big = Objects(ids=dict.fromkeys(walk["refs"]["alice"].ids, 2**63))
    problems = []
    for page in pages():
        for entry in fill(page, {"alice": too_big, "bob": too_big}):
            if not entry.hers or "only" in entry.what:
                continue
            for method in ("get", "post"):
                response = getattr(bob, method)(entry.url)
                if response.status_code not in (404, 405):
                    problems.append(f"{method.upper()} {entry.url}: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_a_page_the_walk_cannot_fill_fails_it() -> None:
    """The guard: a new kind of path parameter stops the walk, named."""
    refs = {"alice": Objects(ids={"person": 1}), "bob": Objects(ids={"person": 2})}
    with pytest.raises(pytest.fail.Exception, match="'widget_id'"):
        list(fill(Page("web:widget", "widgets/<int:widget_id>/", None), refs))
    with pytest.raises(pytest.fail.Exception, match="'colour'"):
        list(fill(Page("web:paint", "people/<int:person_id>/<slug:colour>/", None), refs))
    urls = [u.url for u in fill(Page("web:person", "people/<int:person_id>/", None), refs)]
    assert urls == ["/people/1/"]
