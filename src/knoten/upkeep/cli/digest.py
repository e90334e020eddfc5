"""``knoten digest show`` and ``knoten digest send``: the overview as one mail, for cron."""

from __future__ import annotations

from typing import Annotated

import typer

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, emit_json, note

digest_app = typer.Typer(help="The mail digest: today's or this week's overview in one mail.")

WeeklyOpt = Annotated[bool, typer.Option("--weekly", help="The week ahead, not only today.")]


@digest_app.command("show")
def digest_show(weekly: WeeklyOpt = False, json_output: JsonOption = False) -> None:
    """Print the digest as it would be mailed, without sending it.

    Example: knoten digest show --weekly
    """
    from knoten.upkeep.digest import digest

    actor = acting_member()
    with domain_errors():
        made = digest(actor, period="weekly" if weekly else "daily")
    if json_output:
        emit_json(made.as_dict())
        return
    if not made.items:
        note("Nothing due: there would be no mail.")
        return
    typer.echo(made.text, nl=False)


@digest_app.command("send")
def digest_send(
    weekly: WeeklyOpt = False,
    to: Annotated[
        str | None, typer.Option("--to", metavar="ADDRESS", help="Instead of your address.")
    ] = None,
) -> None:
    """Mail the digest through the configured server, once per day (or week): safe to
    run twice, from cron or a systemd timer.

    Example: knoten digest send --weekly --to me@example.org
    """
    from knoten.upkeep.digest import digest_sent, send_digest

    actor = acting_member()
    period = "weekly" if weekly else "daily"
    with domain_errors():
        before = digest_sent(actor, period=period)
        if before is not None:
            note(f"The {period} digest {before.key} was already sent to {before.recipient}.")
            return
        row = send_digest(actor, period=period, to=to)
    if row is None:
        note("Nothing due: no mail sent.")
        return
    note(f"Sent the {period} digest {row.key} ({row.items} items) to {row.recipient}.")


def register(app: typer.Typer) -> None:
    app.add_typer(digest_app, name="digest")
