"""``knoten init`` and ``knoten serve``."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from knoten.cli.output import JsonOption, domain_errors, emit_json, note, out


def init(
    name: Annotated[str, typer.Option("--name", help="The network's name.")] = "My network",
    me: Annotated[
        str | None, typer.Option("--me", help="Your own name (default: your login name).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Create your network and your own person in it (*me*).

    Example: knoten init --name "Mein Netzwerk" --me "Dr. Eva Berger"
    """
    from knoten.core.models import Member
    from knoten.core.services import LOCAL_USERNAME, create_network, default_me_name

    username = os.environ.get("KNOTEN_USER") or LOCAL_USERNAME
    existing = Member.objects.filter(user__username=username).select_related("network").first()
    with domain_errors():
        if existing is not None:
            member = existing
            note(f"Network {member.network.name!r} already exists; nothing changed.")
        else:
            member = create_network(name, username=username, me_name=me or default_me_name())
            note(f"Created network {member.network.name!r} with you as {member.me.full_name!r}.")
    if json_output:
        emit_json(
            {
                "network": {"id": member.network.pk, "name": member.network.name},
                "me": {"id": member.me.pk, "name": member.me.full_name},
            }
        )


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 2,
) -> None:
    """Start the web app (gunicorn) on http://127.0.0.1:8000.

    Example: knoten serve --port 8080
    """
    from knoten.core.services import local_member

    local_member()
    out.print(f"Knoten is running on http://{host}:{port}/ (Ctrl+C stops it)")
    sys.stdout.flush()
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "knoten.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    os.execv(sys.executable, args)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(serve)
