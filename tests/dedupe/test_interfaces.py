"""``knoten dedupe`` and ``knoten merge``, the API and the pages, over the same pairs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from knoten.dedupe.models import DuplicatePair, Merge
from knoten.people.models import ContactPoint, Person
from knoten.people.persons import PersonFields, add_person
from tests.api.conftest import ApiClient
from tests.conftest import CliResult, World


@pytest.fixture
def twins(world: World) -> dict[str, Person]:
    alice, bob = world.alice, world.bob
    return {
        "keep": add_person(
            alice,
            "Jürgen Müller",
            PersonFields(emails=["j.mueller@siemens.example"], org="Siemens AG"),
        ),
        "other": add_person(
            alice,
            "Juergen Mueller",
            PersonFields(emails=["J.Mueller@siemens.example"], phones=["+49 89 636 00"]),
        ),
        "bobs": add_person(
            bob, "Jürgen Müller", PersonFields(emails=["j.mueller@siemens.example"])
        ),
        "bobs2": add_person(bob, "Juergen Mueller"),
    }


# --- the command line --------------------------------------------------------------------


def test_cli_lists_pairs_as_json(cli: Callable[..., CliResult], twins: dict[str, Person]) -> None:
    result = cli("dedupe", "--json")
    assert result.exit_code == 0, result.stderr
    pairs = result.json()["pairs"]
    assert len(pairs) == 1
    pair = pairs[0]
    assert {pair["a"]["id"], pair["b"]["id"]} == {twins["keep"].pk, twins["other"].pk}
    assert pair["certain"] and pair["score"] == 1.0
    assert "same e-mail j.mueller@siemens.example" in pair["reasons"]
    assert pair["a"]["organisations"] == ["Siemens AG"]


def test_cli_lists_pairs_as_a_table(
    cli: Callable[..., CliResult], twins: dict[str, Person]
) -> None:
    result = cli("dedupe", "--min-score", "0.9", "--limit", "5")
    assert result.exit_code == 0, result.stderr
    assert "Jürgen Müller" in result.stdout and "Juergen Mueller" in result.stdout
    assert "same e-mail" in result.stdout
    assert "knoten merge" in result.stderr


def test_cli_merge_asks_and_merges_with_yes(
    cli: Callable[..., CliResult], twins: dict[str, Person]
) -> None:
    keep, other = twins["keep"], twins["other"]
    refused = cli("merge", str(keep.pk), str(other.pk), "--json")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert Person.objects.filter(pk=other.pk).exists()
    result = cli("merge", str(keep.pk), str(other.pk), "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["kept"]["id"] == keep.pk and data["merged"]["name"] == "Juergen Mueller"
    assert data["moved"]["contact points"] == 1 and data["dropped"]["contact points"] == 1
    assert not Person.objects.filter(pk=other.pk).exists()
    assert ContactPoint.objects.filter(person=keep, kind="phone").count() == 1


def test_cli_merge_shows_the_plan_and_stops_without_yes(
    cli: Callable[..., CliResult], twins: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    monkeypatch.setattr(typer, "confirm", lambda *args, **kwargs: False)
    result = cli("merge", str(twins["keep"].pk), str(twins["other"].pk))
    assert result.exit_code == 1
    assert "Merge" in result.stdout and "1 contact point" in result.stdout
    assert "Nothing merged" in result.stderr
    assert Person.objects.filter(pk=twins["other"].pk).exists()


def test_cli_merge_refuses_bobs_person_and_me(
    cli: Callable[..., CliResult], twins: dict[str, Person]
) -> None:
    result = cli("merge", str(twins["keep"].pk), str(twins["bobs"].pk), "--yes")
    assert result.exit_code == 1 and "no other matches" in result.stderr
    result = cli("merge", str(twins["keep"].pk), "me", "--yes")
    assert result.exit_code == 2 and "own person" in result.stderr
    assert Person.objects.filter(pk=twins["bobs"].pk).exists()


def test_cli_dismiss(cli: Callable[..., CliResult], twins: dict[str, Person]) -> None:
    result = cli("dedupe", "dismiss", str(twins["keep"].pk), str(twins["other"].pk))
    assert result.exit_code == 0, result.stderr
    assert DuplicatePair.objects.get().status == "dismissed"
    assert cli("dedupe", "--json").json()["pairs"] == []
    missing = cli("dedupe", "dismiss", str(twins["keep"].pk), "Niemand Nirgends")
    assert missing.exit_code == 1


# --- the API -----------------------------------------------------------------------------


def test_api_lists_merges_and_dismisses(
    world: World, twins: dict[str, Person], api_for: Callable[..., ApiClient]
) -> None:
    api = api_for(world.alice)
    response = api.get("/api/duplicates", limit=10)
    assert response.status_code == 200
    page = response.json()
    assert page["limit"] == 10 and page["offset"] == 0 and page["next_offset"] is None
    assert len(page["items"]) == 1 and page["items"][0]["certain"]
    pair = {"keep": twins["keep"].pk, "other": twins["other"].pk}
    plan = api.post("/api/duplicates/merge", {**pair, "dry_run": True})
    assert plan.status_code == 200 and plan.json()["dry_run"] and plan.json()["merge_id"] is None
    assert Person.objects.filter(pk=twins["other"].pk).exists()
    merged = api.post("/api/duplicates/merge", pair)
    assert merged.status_code == 200, merged.content
    assert merged.json()["merged"]["id"] == twins["other"].pk
    assert Merge.objects.filter(kept=twins["keep"]).count() == 1
    assert api.get("/api/duplicates").json()["items"] == []
    third = add_person(world.alice, "Jurgen Muller")
    dismissed = api.post("/api/duplicates/dismiss", {"a": twins["keep"].pk, "b": third.pk})
    assert dismissed.status_code == 200 and dismissed.json()["status"] == "dismissed"
    assert api.get("/api/duplicates").json()["items"] == []


def test_api_pages_the_pairs(world: World, api_for: Callable[..., ApiClient]) -> None:
    for _ in range(3):
        add_person(world.alice, "Greta Lindqvist")  # three namesakes: three pairs
    api = api_for(world.alice)
    first = api.get("/api/duplicates", limit=2).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    second = api.get("/api/duplicates", limit=2, offset=2).json()
    assert len(second["items"]) == 1 and second["next_offset"] is None


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "field"),
    [
        ("post", "/api/duplicates/merge", {"keep": 1}, 400, "other"),
        ("post", "/api/duplicates/merge", {"keep": "x", "other": "y"}, 404, "keep"),
        ("post", "/api/duplicates/dismiss", {"a": "", "b": "me"}, 400, "a"),
        ("get", "/api/duplicates", None, 400, "min_score"),
        ("get", "/api/duplicates", None, 400, "limit"),
    ],
)
def test_api_errors_name_the_field(
    world: World,
    twins: dict[str, Person],
    api_for: Callable[..., ApiClient],
    method: str,
    path: str,
    body: Any,
    status: int,
    field: str,
) -> None:
    api = api_for(world.alice)
    if method == "get":
        params = {"min_score": "7"} if field == "min_score" else {"limit": "0"}
        response = api.get(path, **params)
    else:
        response = api.post(path, body)
    assert response.status_code == status, response.content
    assert response.json()["field"] == field


def test_api_bob_cannot_touch_alices_persons(
    world: World, twins: dict[str, Person], api_for: Callable[..., ApiClient]
) -> None:
    api = api_for(world.bob)
    keep, other = twins["keep"], twins["other"]
    response = api.post("/api/duplicates/merge", {"keep": keep.pk, "other": other.pk})
    assert response.status_code == 404
    response = api.post("/api/duplicates/merge", {"keep": twins["bobs"].pk, "other": other.pk})
    assert response.status_code == 404
    response = api.post("/api/duplicates/dismiss", {"a": keep.pk, "b": other.pk})
    assert response.status_code == 404
    items = api.get("/api/duplicates").json()["items"]
    assert [{item["a"]["id"], item["b"]["id"]} for item in items] == [
        {twins["bobs"].pk, twins["bobs2"].pk}
    ]
    assert Person.objects.filter(pk=other.pk).exists()


# --- the pages ---------------------------------------------------------------------------


@pytest.fixture
def alice_browser(world: World) -> Client:
    client = Client()
    client.force_login(world.alice.user)
    return client


def test_page_lists_the_queue_and_likely_pairs(
    world: World, twins: dict[str, Person], alice_browser: Client
) -> None:
    third = add_person(world.alice, "Kurt Weber")
    from knoten.dedupe.services import queue_pair

    queue_pair(world.alice, twins["keep"].pk, third.pk, 0.7, ["imported as K. Müller"])
    response = alice_browser.get("/duplicates/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Juergen Mueller" in text and "Kurt Weber" in text
    assert "imported as K. Müller" in text and "same e-mail j.mueller@siemens.example" in text
    assert "Merge into left" in text and "Merge into right" in text and "Not the same" in text
    assert f'name="keep" value="{twins["keep"].pk}"' in text
    assert 'name="viewport"' in text  # usable on a phone
    assert "Siemens AG" in text and "+498963600" in text


def test_page_merge_confirms_then_merges(twins: dict[str, Person], alice_browser: Client) -> None:
    keep, other = twins["keep"], twins["other"]
    query = {"keep": keep.pk, "other": other.pk}
    confirm = alice_browser.get("/duplicates/merge/", query)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Juergen Mueller" in text and "Jürgen Müller" in text and "1 contact point" in text
    assert 'method="post"' in text
    assert Person.objects.filter(pk=other.pk).exists()
    done = alice_browser.post("/duplicates/merge/", query)
    assert done.status_code == 302 and done["Location"] == f"/people/{keep.pk}/"
    assert not Person.objects.filter(pk=other.pk).exists()
    page = alice_browser.get(done["Location"])
    assert "was merged into" in page.content.decode()
    listed = alice_browser.get("/duplicates/").content.decode()
    assert "Recent merges" in listed and "Juergen Mueller into" in listed


def test_page_merge_refusals(world: World, twins: dict[str, Person], alice_browser: Client) -> None:
    keep = twins["keep"]
    me = world.alice.me
    assert (
        alice_browser.get("/duplicates/merge/", {"keep": keep.pk, "other": me.pk}).status_code
        == 400
    )
    assert alice_browser.get("/duplicates/merge/").status_code == 400
    bobs = {"keep": keep.pk, "other": twins["bobs"].pk}
    assert alice_browser.get("/duplicates/merge/", bobs).status_code == 404
    assert alice_browser.post("/duplicates/merge/", bobs).status_code == 404
    assert alice_browser.post("/duplicates/merge/", {"keep": "x", "other": "1"}).status_code == 404
    assert Person.objects.filter(pk=twins["bobs"].pk).exists()


def test_page_dismiss_plain_and_htmx(
    world: World, twins: dict[str, Person], alice_browser: Client
) -> None:
    pair = {"a": twins["keep"].pk, "b": twins["other"].pk}
    plain = alice_browser.post("/duplicates/dismiss/", pair)
    assert plain.status_code == 302 and plain["Location"] == "/duplicates/"
    assert DuplicatePair.objects.get().status == "dismissed"
    assert "Juergen Mueller" not in alice_browser.get("/duplicates/").content.decode()
    third = add_person(world.alice, "Jurgen Muller")
    htmx = alice_browser.post(
        "/duplicates/dismiss/",
        {"a": twins["keep"].pk, "b": third.pk},
        headers={"HX-Request": "true"},
    )
    assert htmx.status_code == 200 and htmx.content == b""
    assert alice_browser.get("/duplicates/dismiss/").status_code == 405
    bobs = alice_browser.post(
        "/duplicates/dismiss/", {"a": twins["bobs"].pk, "b": twins["bobs2"].pk}
    )
    assert bobs.status_code == 404
    assert not DuplicatePair.objects.filter(network_id=world.bob.network_id).exists()


def test_page_offers_merging_into_me_only(world: World, alice_browser: Client) -> None:
    twin = add_person(world.alice, "Alice Adler")  # the same name as Alice's own person
    text = alice_browser.get("/duplicates/").content.decode()
    me = world.alice.me.pk
    assert f'name="keep" value="{me}"' in text
    assert f'name="other" value="{me}"' not in text
    assert f'name="other" value="{twin.pk}"' in text
