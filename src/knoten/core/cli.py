"""``knoten init``, ``knoten serve`` and ``knoten password``."""

from __future__ import annotations

import getpass
import os
import socket
import sys
import time
from typing import Annotated

import typer

from knoten.cli.output import JsonOption, domain_errors, emit_json, err, note, out


def init(
    name: Annotated[
        str | None, typer.Option("--name", help="The network's name (default: My network).")
    ] = None,
    me: Annotated[
        str | None, typer.Option("--me", help="Your own name (default: your login name).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Create your network and your own person in it (*me*).

    A network that holds nobody but you yet takes the name and your name given here;
    one with people in it is left as it is.

    Example: knoten init --name "Mein Netzwerk" --me "Dr. Eva Berger"
    """
    from knoten.people.networks import LOCAL_USERNAME, start_network

    username = os.environ.get("KNOTEN_USER") or LOCAL_USERNAME
    with domain_errors():
        member, outcome = start_network(name, username=username, me_name=me)
    said = {
        "created": "Created network {network!r} with you as {me!r}.",
        "named": "Named network {network!r} with you as {me!r}.",
        "unchanged": "Network {network!r} already exists; nothing changed.",
    }[outcome]
    note(said.format(network=member.network.name, me=member.me.full_name))
    if json_output:
        emit_json(
            {
                "network": {"id": member.network.pk, "name": member.network.name},
                "me": {"id": member.me.pk, "name": member.me.full_name},
            }
        )


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _read_new_password() -> str:
    """Twice with hidden input at a terminal; else the first line of stdin (scripts)."""
    if not _stdin_is_terminal():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if not first:
        return ""
    second = getpass.getpass("Same password again: ")
    if first != second:
        err.print("Error: the two passwords differ; nothing changed.")
        raise typer.Exit(2)
    return first


def password(
    user: Annotated[
        str | None,
        typer.Option("--user", help="Whose password (default: you, or KNOTEN_USER)."),
    ] = None,
) -> None:
    """Set the password for signing in on the login page.

    At a terminal it asks twice with hidden input. When stdin is not a terminal it reads
    the password from the first line of stdin, for scripts:
    printf '%s\\n' "$PW" | knoten password

    Example: knoten password --user owner
    """
    from knoten.people.networks import local_member

    with domain_errors():
        member = local_member(create=user is None, username=user)
    secret = _read_new_password()
    if not secret:
        err.print("Error: the password is empty; nothing changed.")
        raise typer.Exit(2)
    account = member.user
    account.set_password(secret)
    account.save(update_fields=["password"])
    note(f"Password set for {account.get_username()!r}.")


def _url_host(host: str) -> str:
    if host in {"0.0.0.0", "::", ""}:
        return "127.0.0.1"
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _open_browser_when_ready(url: str, host: str, port: int) -> None:
    """Open the browser once the server answers, from a child process (we exec gunicorn)."""
    import webbrowser

    if not hasattr(os, "fork"):
        webbrowser.open(url)
        return
    if os.fork() != 0:
        return
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((host.strip("[]"), port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        webbrowser.open(url)
    finally:
        os._exit(0)


def start_job_runner(parent: int) -> None:
    """Start ``knoten jobs work`` as a child that stops once process ``parent`` is gone."""
    import subprocess

    command = [sys.executable, "-m", "knoten.cli.main", "jobs", "work", "--parent", str(parent)]
    subprocess.Popen(command, stdin=subprocess.DEVNULL)


MAX_DEFAULT_WORKERS = 8


def default_workers() -> int:
    """Gunicorn sync workers for this machine: two per CPU, at least 2, at most 8.

    Chosen by measuring (``python -m bench.http --compare``, figures in the README): at
    10 clients sync workers served more requests per second, with a lower p99, than
    gthread workers (2 x 4 threads), which also dropped kept-alive connections under
    load; the ASGI servers the issue measured were 3-4x slower. 2 and 4 sync workers
    measured alike on 2 CPUs; two per CPU, so that a request waiting for SQLite's write
    lock (IMMEDIATE transactions, 20 s busy timeout) does not hold up the reading ones.
    """
    return max(2, min(2 * (os.cpu_count() or 1), MAX_DEFAULT_WORKERS))


def serve(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on. Any but this computer needs a password."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, show_default=False, help="Worker processes [default: 2 per CPU, 2 to 8]."
        ),
    ] = None,
    threads: Annotated[
        int,
        typer.Option(min=1, help="Threads per worker (more than 1: gunicorn's gthread worker)."),
    ] = 1,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the browser (link still printed).")
    ] = False,
    no_jobs: Annotated[
        bool,
        typer.Option(
            "--no-jobs",
            help="Do not run long jobs here (a team server runs knoten jobs work instead).",
        ),
    ] = False,
) -> None:
    """Start the web app (gunicorn) on http://127.0.0.1:8000 and print a sign-in link.

    The link signs you in once, within 15 minutes; the browser opens with it unless
    --no-browser. Listening on another address (--host 0.0.0.0) needs a password first:
    knoten password.

    Example: knoten serve --port 8080 --no-browser
    """
    from django.db import connections

    from knoten.core.signin import has_password, is_local_host, signin_path
    from knoten.people.networks import local_member

    member = local_member()
    if not is_local_host(host) and not has_password(member.user):
        err.print(
            f"Error: --host {host} lets other computers reach Knoten, so it needs a "
            f"password first. Set one with: knoten password",
            markup=False,
        )
        raise typer.Exit(2)
    if not is_local_host(host):
        from django.conf import settings

        note(
            "Other computers must use a host name listed in KNOTEN_ALLOWED_HOSTS "
            f"(now: {', '.join(settings.ALLOWED_HOSTS)})."
        )
    base = f"http://{_url_host(host)}:{port}"
    link = base + signin_path(member.user)
    # Hand no open database connection to gunicorn or the browser child; a test that
    # runs this command inside its own transaction keeps that one.
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()
    out.print(f"Knoten is running on {base}/ (Ctrl+C stops it)", markup=False)
    out.print("Sign in once with this link (valid for 15 minutes):", markup=False)
    out.print(f"    {link}", markup=False, soft_wrap=True)
    sys.stdout.flush()
    if not no_browser:
        _open_browser_when_ready(link, _url_host(host), port)
    # The server keeps derived figures that fade with the days (relationship strength)
    # fresh in the background, once a day, in one of its workers (knoten/wsgi.py).
    os.environ.setdefault("KNOTEN_DAILY_REFRESH", "true")
    # Long jobs (a large import from the web page) run in a child process that ends with
    # the server (its parent: this process, which becomes gunicorn's master).
    if not no_jobs:
        start_job_runner(os.getpid())
    bind_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "knoten.wsgi:application",
        "--bind",
        f"{bind_host}:{port}",
        "--workers",
        str(workers or default_workers()),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    os.execv(sys.executable, args)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(serve)
    app.command()(password)
