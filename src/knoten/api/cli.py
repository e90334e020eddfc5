"""``knoten token create|list|revoke``: keys for the JSON API."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from knoten.cli.output import JsonOption, domain_errors, emit_json, note, out

token_app = typer.Typer(
    name="token", help="Create, list and revoke API tokens.", no_args_is_help=True
)


@token_app.command("create")
def create(
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "",
    json_output: JsonOption = False,
) -> None:
    """Create an API token and print its key once; send it as 'Authorization: Bearer KEY'.

    Only a hash of the key is kept: copy it now, it cannot be shown again.

    Example: knoten token create --name "laptop script"
    """
    from knoten.api.tokens import create_token, token_as_dict
    from knoten.people.networks import local_member

    with domain_errors():
        token, key = create_token(local_member(), name)
    if json_output:
        emit_json({**token_as_dict(token), "key": key})
        return
    note(f"Created token {token.pk} {token.name!r}; the key is shown only this once:")
    out.print(key, markup=False)


@token_app.command("list")
def list_command(json_output: JsonOption = False) -> None:
    """List your API tokens (their first characters, never the key), newest first.

    Example: knoten token list
    """
    from knoten.api.tokens import list_tokens, token_as_dict
    from knoten.people.networks import local_member

    with domain_errors():
        tokens = list_tokens(local_member())
    if json_output:
        emit_json([token_as_dict(token) for token in tokens])
        return
    if not tokens:
        note("No tokens yet. Create one with: knoten token create --name NAME")
        return
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "name", "key starts", "created", "last used", "revoked"):
        table.add_column(column)
    for token in tokens:
        table.add_row(
            str(token.pk),
            token.name,
            f"{token.prefix}…",
            token.created_at.strftime("%Y-%m-%d %H:%M"),
            token.last_used_at.strftime("%Y-%m-%d %H:%M") if token.last_used_at else "",
            token.revoked_at.strftime("%Y-%m-%d %H:%M") if token.revoked_at else "",
        )
    out.print(table)


@token_app.command("revoke")
def revoke(
    token_id: Annotated[str, typer.Argument(metavar="ID", help="The token's id (see list).")],
    json_output: JsonOption = False,
) -> None:
    """Revoke an API token: its key stops working at once.

    Example: knoten token revoke 3
    """
    from knoten.api.tokens import revoke_token, token_as_dict
    from knoten.people.networks import local_member

    with domain_errors():
        token = revoke_token(local_member(), token_id)
    if json_output:
        emit_json(token_as_dict(token))
        return
    note(f"Revoked token {token.pk} ({token.prefix}…).")


def register(app: typer.Typer) -> None:
    app.add_typer(token_app, name="token")
