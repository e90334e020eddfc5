"""Signing in to the web app: the one-time link, the password, sign-out, the headers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from knoten.core import signin
from knoten.core.models import Member
from knoten.people.models import Person
from tests.conftest import World

pytestmark = pytest.mark.django_db


def link_for(member: Member) -> str:
    return signin.signin_path(member.user)


def test_the_link_signs_in_once(world: World) -> None:
    client = Client()
    link = link_for(world.alice)
    answer = client.get(link)
    assert answer.status_code == 302
    assert answer["Location"] == reverse("web:home")
    home = client.get("/")
    assert home.status_code == 200
    assert "Alice Adler" in home.content.decode()

    again = Client().get(link)
    assert again.status_code == 403
    assert "no longer works" in again.content.decode()
    assert Client().get("/").status_code == 302


def test_an_expired_link_fails(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    link = link_for(world.alice)
    monkeypatch.setattr(signin, "LINK_LIFETIME", dt.timedelta(seconds=-1))
    client = Client()
    assert client.get(link).status_code == 403
    assert client.get("/").status_code == 302


def test_a_forged_link_fails(world: World) -> None:
    token = link_for(world.alice).rstrip("/").rsplit("/", 1)[1]
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    client = Client()
    assert client.get(reverse("web:signin", kwargs={"token": tampered})).status_code == 403
    # Signed with another key: as if someone made a link without knowing the secret.
    payload = {"u": world.bob.user.pk, "f": "0" * 32}
    made = signing.dumps(payload, key="not-the-secret", salt="knoten.signin.link")
    assert client.get(reverse("web:signin", kwargs={"token": made})).status_code == 403
    assert client.get(reverse("web:signin", kwargs={"token": "junk"})).status_code == 403
    assert client.get("/").status_code == 302


def test_a_new_password_ends_an_unused_link(world: World) -> None:
    link = link_for(world.alice)
    world.alice.user.set_password("changed")
    world.alice.user.save()
    assert Client().get(link).status_code == 403


def test_pages_redirect_to_login_when_signed_out(world: World) -> None:
    answer = Client().get("/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("web:login"))
    assert Client().get(reverse("web:login")).status_code == 200


def test_login_with_the_password(world: World) -> None:
    world.alice.user.set_password("correct horse")
    world.alice.user.save()
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("web:login"))
    token = page.cookies["csrftoken"].value
    wrong = client.post(
        reverse("web:login"),
        {"username": "alice", "password": "wrong", "csrfmiddlewaretoken": token},
    )
    assert wrong.status_code == 200
    assert client.get("/").status_code == 302

    right = client.post(
        reverse("web:login"),
        {"username": "alice", "password": "correct horse", "csrfmiddlewaretoken": token},
    )
    assert right.status_code == 302
    assert "Alice Adler" in client.get("/").content.decode()


def test_login_without_csrf_token_is_refused(world: World) -> None:
    world.alice.user.set_password("pw")
    world.alice.user.save()
    client = Client(enforce_csrf_checks=True)
    answer = client.post(reverse("web:login"), {"username": "alice", "password": "pw"})
    assert answer.status_code == 403


def test_sign_out_ends_the_session(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get(link_for(world.alice))
    home = client.get("/")
    assert home.status_code == 200
    body = home.content.decode()
    assert 'action="/logout/"' in body
    assert "csrfmiddlewaretoken" in body
    # Sign-out is a POST with the CSRF token; a GET does not sign out.
    assert client.get(reverse("web:logout")).status_code == 405
    token = client.cookies["csrftoken"].value
    answer = client.post(reverse("web:logout"), {"csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    assert client.get("/").status_code == 302


def test_the_session_expires(world: World) -> None:
    from django.conf import settings

    client = Client()
    client.get(link_for(world.alice))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 14 * 24 * 60 * 60


@pytest.mark.parametrize("path", ["/", "/login/"])
def test_security_headers(world: World, path: str) -> None:
    client = Client()
    if path == "/":
        client.get(link_for(world.alice))
    answer = client.get(path)
    assert answer.status_code == 200
    csp = answer["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "same-origin"
    assert answer["X-Frame-Options"] == "DENY"
    body = answer.content.decode()
    assert "<style" not in body
    # Scripts only from the app's own files (htmx), never inline code.
    for attributes, code in re.findall(r"<script\b([^>]*)>(.*?)</script>", body, re.S):
        assert 'src="/static/' in attributes
        assert not code.strip()
    assert body.count("<script") == len(re.findall(r"<script\b[^>]*\bsrc=", body))
    assert "style=" not in body
    assert 'href="/static/web/knoten.css"' in body


def test_the_stylesheet_is_served_without_signing_in(world: World) -> None:
    answer = Client().get("/static/web/knoten.css")
    assert answer.status_code == 200
    assert b"font-family" in b"".join(answer.streaming_content)  # type: ignore[attr-defined]


def test_bob_never_sees_alices_data(world: World) -> None:
    Person.objects.create(network=world.alice.network, given_name="Anna", family_name="Geheim")
    Person.objects.create(network=world.alice.network, given_name="Berta", family_name="Geheim")
    alice = Client()
    alice.get(link_for(world.alice))
    alice_home = alice.get("/").content.decode()
    assert "<strong>3</strong>persons in Alice&#x27;s network" in alice_home

    bob = Client()
    bob.get(link_for(world.bob))
    bob_home = bob.get("/").content.decode()
    assert "Bob Becker" in bob_home
    assert "Add the first person" in bob_home  # only *me* so far: the beginner's guide
    assert "Alice" not in bob_home
    assert "Geheim" not in bob_home


def _try(client: Client, username: str, password: str, address: str = "10.0.0.1") -> str:
    return client.post(
        reverse("web:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    ).content.decode()


def test_repeated_failures_close_sign_in_for_a_while(world: World) -> None:
    from knoten.core import throttle

    world.alice.user.set_password("correct horse")
    world.alice.user.save()
    client = Client()
    for _attempt in range(throttle.LIMIT):
        assert "Too many failed sign-ins" not in _try(client, "alice", "wrong")
    # Now even the right password is refused, from anywhere, for this username …
    body = _try(client, "alice", "correct horse", address="10.0.0.2")
    assert "Too many failed sign-ins. Try again in 15 minutes." in body
    assert "_auth_user_id" not in client.session
    # … and this address can't try another username either.
    assert "Too many failed sign-ins" in _try(client, "bob", "whatever")


def test_sign_in_opens_again_after_the_window(world: World) -> None:
    import datetime as dt

    from django.utils import timezone

    from knoten.core import throttle
    from knoten.core.models import SignInFailure

    world.alice.user.set_password("correct horse")
    world.alice.user.save()
    client = Client()
    for _attempt in range(throttle.LIMIT):
        _try(client, "alice", "wrong")
    SignInFailure.objects.update(at=timezone.now() - throttle.WINDOW - dt.timedelta(seconds=1))
    answer = client.post(reverse("web:login"), {"username": "alice", "password": "correct horse"})
    assert answer.status_code == 302
    assert not SignInFailure.objects.filter(username="alice").exists()


def test_fewer_failures_than_the_limit_do_not_close_sign_in(world: World) -> None:
    from knoten.core import throttle

    world.alice.user.set_password("correct horse")
    world.alice.user.save()
    client = Client()
    for _attempt in range(throttle.LIMIT - 1):
        _try(client, "alice", "wrong")
    answer = client.post(
        reverse("web:login"),
        {"username": "alice", "password": "correct horse"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert answer.status_code == 302
