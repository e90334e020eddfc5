"""The mail settings as a user sets them: ``KNOTEN_SMTP_*`` variables, read by the real
program in its own process, reach Django's ``EMAIL_*`` settings, and ``knoten digest send``
mails through the local SMTP server they name (logging in with the user and password)."""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

SHOW = (
    "import django; django.setup(); from django.conf import settings as s;"
    "print(repr((s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER,"
    " s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.DEFAULT_FROM_EMAIL,"
    " s.KNOTEN_MAIL_CONFIGURED)))"
)
MAIL_VARIABLES = ("KNOTEN_SMTP_", "KNOTEN_MAIL_FROM")


def _environment(data_dir: Path, **env: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(MAIL_VARIABLES)}
    return {
        **kept,
        "KNOTEN_DATA_DIR": str(data_dir),
        "KNOTEN_DATABASE_URL": "",
        "KNOTEN_USER": "owner",
        "DJANGO_SETTINGS_MODULE": "knoten.settings",
        **env,
    }


def _settings(tmp_path: Path, **env: str) -> tuple[Any, ...]:
    done = subprocess.run(
        [sys.executable, "-c", SHOW],
        env=_environment(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return tuple(ast.literal_eval(done.stdout))


@pytest.mark.slow
def test_the_smtp_variables_reach_djangos_mail_settings(tmp_path: Path) -> None:
    assert _settings(tmp_path) == (
        "django.core.mail.backends.smtp.EmailBackend", "", 587, "", "", True, False,
        "knoten@localhost", False,
    )  # fmt: skip
    assert _settings(
        tmp_path,
        KNOTEN_SMTP_HOST="mail.example.org",
        KNOTEN_SMTP_PORT="465",
        KNOTEN_SMTP_USER="eva",
        KNOTEN_SMTP_PASSWORD="geheim",
        KNOTEN_SMTP_TLS="ssl",
        KNOTEN_MAIL_FROM="knoten@example.org",
    ) == (
        "django.core.mail.backends.smtp.EmailBackend", "mail.example.org", 465, "eva", "geheim",
        False, True, "knoten@example.org", True,
    )  # fmt: skip
    assert _settings(tmp_path, KNOTEN_SMTP_HOST="localhost", KNOTEN_SMTP_TLS="none")[5:7] == (
        False,
        False,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "variable, value", [("KNOTEN_SMTP_TLS", "maybe"), ("KNOTEN_SMTP_PORT", "x")]
)
def test_a_bad_mail_variable_is_refused_by_name(tmp_path: Path, variable: str, value: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SHOW],
        env=_environment(tmp_path, **{variable: value}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0 and variable in done.stderr


class Sink:
    """A local SMTP server's mailbox, and the logins it was given."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.logins: list[tuple[str, str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        if isinstance(data, LoginPassword):
            self.logins.append((data.login.decode(), data.password.decode()))
            return AuthResult(success=data.password == b"geheim")
        return AuthResult(success=False, handled=False)


@pytest.fixture
def server() -> Iterator[tuple[Sink, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = Sink()
    controller = Controller(
        sink,
        hostname="127.0.0.1",
        port=port,
        authenticator=sink.authenticate,
        auth_require_tls=False,  # a local test server without a certificate
    )
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


@pytest.mark.slow
def test_digest_send_mails_through_the_server_the_variables_name(
    tmp_path: Path, server: tuple[Sink, int]
) -> None:
    sink, port = server
    mail = {
        "KNOTEN_TODAY": "2027-03-14",
        "KNOTEN_SMTP_HOST": "127.0.0.1",
        "KNOTEN_SMTP_PORT": str(port),
        "KNOTEN_SMTP_USER": "eva",
        "KNOTEN_SMTP_PASSWORD": "geheim",
        "KNOTEN_SMTP_TLS": "none",
        "KNOTEN_MAIL_FROM": "knoten@example.org",
    }

    def knoten(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "knoten", *args],
            env=_environment(tmp_path, **env),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    for step in (
        ("init", "--name", "Mein Netzwerk", "--me", "Eva Berger"),
        ("person", "add", "Anna Adler", "--birthday", "14.03.1980"),
    ):
        done = knoten(*step, KNOTEN_TODAY="2027-03-01")
        assert done.returncode == 0, (step, done.stderr)
    sent = knoten("digest", "send", "--to", "eva@example.org", **mail)
    assert sent.returncode == 0, sent.stderr
    assert sink.logins == [("eva", "geheim")]
    assert sink.envelopes == [("knoten@example.org", ["eva@example.org"])]
    (message,) = sink.messages
    assert message["To"] == "eva@example.org" and message["From"] == "knoten@example.org"
    assert "Anna Adler" in message.get_body(("plain",)).get_content()
    # Run again (cron twice the same day): nothing more is sent.
    again = knoten("digest", "send", "--to", "eva@example.org", **mail)
    assert again.returncode == 0 and "already sent" in again.stderr
    assert len(sink.messages) == 1
    # A wrong password: refused by the server, said, and the digest is not marked sent.
    wrong = knoten(
        "digest", "send", "--weekly", "--to", "eva@example.org",
        **{**mail, "KNOTEN_SMTP_PASSWORD": "falsch"},
    )  # fmt: skip
    assert wrong.returncode != 0 and len(sink.messages) == 1, wrong.stderr
    assert "Traceback" not in wrong.stderr, wrong.stderr
    retried = knoten("digest", "send", "--weekly", "--to", "eva@example.org", **mail)
    assert retried.returncode == 0, retried.stderr
    assert len(sink.messages) == 2
